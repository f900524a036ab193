package gate

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// The gate resolves revisions itself instead of through go-git's Repository: that
// type lives in go-git's root package, which also brings its network transports (ssh,
// http, tls) into the binary, and their package initialisation ran on every start of
// the merge driver, a process git starts per file (issue 18).

// Resolve turns a revision into a commit id: a commit id or an unambiguous prefix of
// one (4 hex digits or more), a branch, a remote branch like origin/main, a tag, or a
// full reference name, followed by any number of ~N (N-th first-parent ancestor) and
// ^N (N-th parent; ^0 the commit itself), as in HEAD~2 or main^2~1. The name is
// looked up as git does (git help revisions): NAME, refs/NAME, refs/tags/NAME,
// refs/heads/NAME, refs/remotes/NAME, refs/remotes/NAME/HEAD; an object id is tried
// before a reference of the same spelling, as git rev-parse does.
func (r *Repo) Resolve(rev string) (plumbing.Hash, error) {
	if strings.TrimSpace(rev) == "" {
		return plumbing.ZeroHash, errors.New("empty revision")
	}
	name, steps := rev, ""
	if i := strings.IndexAny(rev, "~^"); i >= 0 {
		name, steps = rev[:i], rev[i:]
	}
	if name == "" {
		return plumbing.ZeroHash, fmt.Errorf("%q: no name before %q", rev, steps)
	}
	c, err := r.commitNamed(name)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	for steps != "" {
		op := steps[0]
		digits := 0
		for digits+1 < len(steps) && steps[digits+1] >= '0' && steps[digits+1] <= '9' {
			digits++
		}
		n := 1
		if digits > 0 {
			if n, err = strconv.Atoi(steps[1 : 1+digits]); err != nil {
				return plumbing.ZeroHash, fmt.Errorf("%q: %v", rev, err)
			}
		} else if len(steps) > 1 && steps[1] != '~' && steps[1] != '^' {
			return plumbing.ZeroHash, fmt.Errorf("%q: unsupported revision syntax %q (the gate takes NAME, ~N and ^N)", rev, steps)
		}
		steps = steps[1+digits:]
		if op == '~' {
			for ; n > 0; n-- {
				if c, err = r.parent(c, 1, rev); err != nil {
					return plumbing.ZeroHash, err
				}
			}
		} else if n > 0 {
			if c, err = r.parent(c, n, rev); err != nil {
				return plumbing.ZeroHash, err
			}
		}
	}
	return c.Hash, nil
}

// commitNamed finds the commit a name stands for: an object id (or a prefix of one)
// first, then a reference; an annotated tag stands for the commit it tags.
func (r *Repo) commitNamed(name string) (*gitCommit, error) {
	var tries []plumbing.Hash
	tries = append(tries, r.hashesWithPrefix(name)...)
	for _, rule := range plumbing.RefRevParseRules {
		ref, err := storer.ResolveReference(r.storage, plumbing.ReferenceName(fmt.Sprintf(rule, name)))
		if err == nil {
			tries = append(tries, ref.Hash())
			break
		}
	}
	for _, h := range tries {
		if c, err := getCommit(r.storage, h); err == nil {
			return c, nil
		}
		if _, err := r.storage.EncodedObject(plumbing.TagObject, h); err == nil {
			return tagTarget(r.storage, h)
		}
	}
	return nil, plumbing.ErrReferenceNotFound
}

// hashesWithPrefix returns the objects whose id starts with s, when s can be one.
func (r *Repo) hashesWithPrefix(s string) []plumbing.Hash {
	if len(s) < 4 || len(s) > 2*len(plumbing.ZeroHash) {
		return nil
	}
	even, err := hex.DecodeString(s[:len(s)&^1])
	if err != nil {
		return nil
	}
	if len(s) == 2*len(plumbing.ZeroHash) {
		var h plumbing.Hash
		copy(h[:], even)
		return []plumbing.Hash{h}
	}
	if _, err := strconv.ParseUint(s[len(s)-1:], 16, 8); err != nil {
		return nil
	}
	all, err := r.storage.HashesWithPrefix(even)
	if err != nil {
		return nil
	}
	var out []plumbing.Hash
	for _, h := range all {
		if strings.HasPrefix(h.String(), strings.ToLower(s)) {
			out = append(out, h)
		}
	}
	return out
}

// parent returns the n-th parent (1-based) of c.
func (r *Repo) parent(c *gitCommit, n int, rev string) (*gitCommit, error) {
	if n > len(c.ParentHashes) {
		return nil, fmt.Errorf("%q: commit %s has %d parent(s), not %d", rev, c.Hash, len(c.ParentHashes), n)
	}
	return getCommit(r.storage, c.ParentHashes[n-1])
}
