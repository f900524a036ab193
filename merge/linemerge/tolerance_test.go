package linemerge

import (
	"bytes"
	"fmt"
	"testing"
)

// How a merge that differs from git's is judged (see explainDiff).
type verdict int

const (
	unexplained verdict = iota
	// alignment: the diffs are as long as git's but match other lines.
	alignment
	// gitLonger: some diff of git's is longer than Merge's minimal one (git
	// stops searching for the shortest diff on large inputs).
	gitLonger
)

// explainDiff decides whether Merge's output may differ from git's on one
// case. Among diffs of equal length go-diff and git may pick different
// alignments (which lines match), and the merge follows the diffs. A
// difference is explained only when both hold:
//   - every diff Merge computed is as long as git's diff of the same two
//     texts (git diff --no-index, Myers, no indent heuristic), or shorter
//     (gitLonger);
//   - Merge fed with git's own diffs reproduces git's output byte for byte,
//     with the same number of conflicts, so the merge logic is not at fault.
//
// Otherwise it returns the reason.
func explainDiff(gd *gitDiffCache, c triple, opt Options, want []byte, code int) (verdict, string) {
	// Merge's own diffs against git's, all fetched with one git process.
	var mine [][2][]byte
	var sizes []int
	merge(c.base, c.ours, c.theirs, opt, func(a, b [][]byte, ia, ib []int32) ([]bool, []bool) {
		delA, insB := diffLines(ia, ib, maxID(ia, ib)+1)
		mine = append(mine, [2][]byte{joinLines(a), joinLines(b)})
		sizes = append(sizes, count(delA)+count(insB))
		return delA, insB
	})
	gd.fetch(mine)
	v := alignment
	for i, p := range mine {
		switch gn := size(gd.hunks[key(p)]); {
		case sizes[i] > gn:
			return unexplained, fmt.Sprintf("diff of %q and %q has %d changed lines, git's %d", p[0], p[1], sizes[i], gn)
		case sizes[i] < gn:
			v = gitLonger
		}
	}

	// Merge on git's diffs. Which texts get diffed depends on the earlier
	// diffs, so rerun until every diff asked for is known.
	for {
		var missing [][2][]byte
		alt := merge(c.base, c.ours, c.theirs, opt, func(a, b [][]byte, ia, ib []int32) ([]bool, []bool) {
			p := [2][]byte{joinLines(a), joinLines(b)}
			hs, ok := gd.hunks[key(p)]
			if !ok {
				// Not known yet: answer with Merge's diff for now.
				missing = append(missing, p)
				return diffLines(ia, ib, maxID(ia, ib)+1)
			}
			delA, insB := make([]bool, len(a)), make([]bool, len(b))
			for _, h := range hs {
				mark(delA[h.a0:h.a1])
				mark(insB[h.b0:h.b1])
			}
			return delA, insB
		})
		if len(missing) > 0 {
			gd.fetch(missing)
			continue
		}
		altCode := min(len(alt.Conflicts), 127)
		if opt.Favor != FavorNone {
			altCode = 0
		}
		if !bytes.Equal(alt.Merged, want) || altCode != code {
			return unexplained, fmt.Sprintf("even on git's diffs the merge differs:\n  %q", alt.Merged)
		}
		return v, ""
	}
}

// gitDiffCache holds git's hunks by the pair of texts diffed.
type gitDiffCache struct {
	g     *gitRef
	tb    testing.TB
	hunks map[[2]string][]hunk
}

func key(p [2][]byte) [2]string { return [2]string{string(p[0]), string(p[1])} }

func (c *gitDiffCache) fetch(pairs [][2][]byte) {
	var todo [][2][]byte
	for _, p := range pairs {
		if _, ok := c.hunks[key(p)]; !ok {
			c.hunks[key(p)] = nil
			todo = append(todo, p)
		}
	}
	if len(todo) == 0 {
		return
	}
	for i, hs := range c.g.gitDiffs(c.tb, todo) {
		c.hunks[key(todo[i])] = hs
	}
}

func maxID(ids ...[]int32) int {
	m := int32(-1)
	for _, s := range ids {
		for _, id := range s {
			m = max(m, id)
		}
	}
	return int(m)
}
