package gate

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/canvasgit/canvasgit/internal/gitobj"
)

// Resolve turns a revision into a commit id: a commit id or an unambiguous prefix of
// one (4 hex digits or more), a branch, a remote branch like origin/main, a tag, or a
// full reference name, followed by any number of ~N (N-th first-parent ancestor) and
// ^N (N-th parent; ^0 the commit itself), as in HEAD~2 or main^2~1. The name is
// looked up as git does (git help revisions): NAME, refs/NAME, refs/tags/NAME,
// refs/heads/NAME, refs/remotes/NAME, refs/remotes/NAME/HEAD; an object id is tried
// before a reference of the same spelling, as git rev-parse does.
func (r *Repo) Resolve(rev string) (gitobj.ID, error) {
	if strings.TrimSpace(rev) == "" {
		return gitobj.ZeroID, errors.New("empty revision")
	}
	name, steps := rev, ""
	if i := strings.IndexAny(rev, "~^"); i >= 0 {
		name, steps = rev[:i], rev[i:]
	}
	if name == "" {
		return gitobj.ZeroID, fmt.Errorf("%q: no name before %q", rev, steps)
	}
	c, err := r.commitNamed(name)
	if err != nil {
		return gitobj.ZeroID, err
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
				return gitobj.ZeroID, fmt.Errorf("%q: %v", rev, err)
			}
		} else if len(steps) > 1 && steps[1] != '~' && steps[1] != '^' {
			return gitobj.ZeroID, fmt.Errorf("%q: unsupported revision syntax %q (the gate takes NAME, ~N and ^N)", rev, steps)
		}
		steps = steps[1+digits:]
		if op == '~' {
			for ; n > 0; n-- {
				if c, err = r.parent(c, 1, rev); err != nil {
					return gitobj.ZeroID, err
				}
			}
		} else if n > 0 {
			if c, err = r.parent(c, n, rev); err != nil {
				return gitobj.ZeroID, err
			}
		}
	}
	return c.Hash, nil
}

// commitNamed finds the commit a name stands for: an object id (or a prefix of one)
// first, then a reference; an annotated tag stands for the commit it tags.
func (r *Repo) commitNamed(name string) (*gitCommit, error) {
	var tries []gitobj.ID
	tries = append(tries, r.hashesWithPrefix(name)...)
	for _, rule := range refRevParseRules {
		if id, err := r.git.ResolveRef(fmt.Sprintf(rule, name)); err == nil {
			tries = append(tries, id)
			break
		}
	}
	for _, h := range tries {
		if c, err := getCommit(r.objects(), h); err == nil {
			return c, nil
		}
		if _, err := r.objects().ReadAs(h, gitobj.TypeTag); err == nil {
			return tagTarget(r.objects(), h)
		}
	}
	return nil, gitobj.ErrRefNotFound
}

// refRevParseRules are the names a revision NAME is looked up as, in order (git help
// revisions).
var refRevParseRules = []string{
	"%s",
	"refs/%s",
	"refs/tags/%s",
	"refs/heads/%s",
	"refs/remotes/%s",
	"refs/remotes/%s/HEAD",
}

// hashesWithPrefix returns the objects whose id starts with s, when s can be one: a
// full id as it is, an abbreviated one as gitobj finds it (which checks the digits).
func (r *Repo) hashesWithPrefix(s string) []gitobj.ID {
	if id, err := gitobj.ParseID(s); err == nil {
		return []gitobj.ID{id}
	}
	all, err := r.objects().IDsWithPrefix(s)
	if err != nil {
		return nil
	}
	return all
}

// parent returns the n-th parent (1-based) of c.
func (r *Repo) parent(c *gitCommit, n int, rev string) (*gitCommit, error) {
	if n > len(c.ParentHashes) {
		return nil, fmt.Errorf("%q: commit %s has %d parent(s), not %d", rev, c.Hash, len(c.ParentHashes), n)
	}
	return getCommit(r.objects(), c.ParentHashes[n-1])
}
