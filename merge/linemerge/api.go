// Package linemerge is a pure-Go three-way line merge with git merge-file's merge
// semantics: the same conflict regions, refinement, marker lines, CRLF and
// final-newline handling, diff3/zdiff3 styles and --ours/--theirs. The CI gate runs it
// with no git binary; the merge driver uses it as the fallback for every strategy.
//
// The line diffs come from go-diff (minimal diffs, no time-out, so results never depend
// on machine load), slid to where git places ambiguous hunks. Given git's own diffs
// the output is git's byte for byte; where git's diff heuristics give up on large,
// very different inputs, git's diff is longer than ours and the outputs can differ.
package linemerge

// Style is the conflict style (git's merge.conflictStyle).
type Style int

const (
	StyleMerge  Style = iota // two-way markers (git's default "merge")
	StyleDiff3               // adds a ||||||| base section
	StyleZDiff3              // diff3 with common leading/trailing lines pulled out
)

// ParseStyle maps a merge.conflictStyle value to a Style; unknown values give StyleMerge.
func ParseStyle(s string) Style {
	switch s {
	case "diff3":
		return StyleDiff3
	case "zdiff3":
		return StyleZDiff3
	}
	return StyleMerge
}

// Favor resolves conflicting regions to one side (git merge-file --ours/--theirs).
// The regions are still reported in Result.Conflicts.
type Favor int

const (
	FavorNone Favor = iota
	FavorOurs
	FavorTheirs
)

// Options controls the merge output.
type Options struct {
	MarkerSize  int // marker length; 0 means 7
	Style       Style
	Favor       Favor
	OursLabel   string // text after <<<<<<< ; empty writes the bare marker
	BaseLabel   string // text after |||||||
	TheirsLabel string // text after >>>>>>>
}

// Conflict is one conflicting region.
type Conflict struct {
	// StartLine and EndLine are 1-based, inclusive line numbers of the region in the
	// merged output: the marker lines when Favor is FavorNone, otherwise the lines
	// of the side that was kept (EndLine < StartLine when that side was empty).
	StartLine, EndLine int
	// Base, Ours and Theirs are the region's lines on each side, bytes as in the input.
	Base, Ours, Theirs []byte
}

// Result is the merged file and its conflicts (none means a clean merge).
type Result struct {
	Merged    []byte
	Conflicts []Conflict
}

// Clean reports whether the merge had no conflicting region.
func (r Result) Clean() bool { return len(r.Conflicts) == 0 }
