// Package gitobj reads a git repository's objects and references, read-only, with the
// standard library alone: loose objects, packs (.idx v1 and v2, OFS_DELTA and
// REF_DELTA entries), alternates, HEAD, loose and packed references, a linked
// worktree's git directory and its commondir, the shallow list and config values.
//
// The gate is its only user. It used go-git's storage before; go-git's packages bring
// regexp compiles and encoding/gob into the binary's initialisation, which ran on every
// start of the merge driver, a process git starts once per file (issue 18).
//
// Everything read from the repository is checked: a corrupt or truncated object, a
// bad delta, a delta chain deeper than MaxDeltaDepth or an object larger than
// MaxObjectSize is an error naming the file, never a panic. Only SHA-1 repositories
// are read; a SHA-256 one is refused with an error naming it.
package gitobj
