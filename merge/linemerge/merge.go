package linemerge

import "bytes"

// Merge merges ours and theirs, both edited from base, line by line the way
// git merge-file does.
func Merge(base, ours, theirs []byte, opt Options) Result {
	return merge(base, ours, theirs, opt, nil)
}

// differ returns the change marks of a line diff of a into b, given the
// lines and their ids. Tests swap in git's own diff to tell differences in
// diff alignment apart from differences in the merge.
type differ func(a, b [][]byte, ia, ib []int32) (delA, insB []bool)

func merge(base, ours, theirs []byte, opt Options, diff differ) Result {
	// A side that did not change yields the other side exactly, and equal
	// sides yield themselves (no diff needed).
	switch {
	case bytes.Equal(ours, theirs), bytes.Equal(base, theirs):
		return Result{Merged: clone(ours)}
	case bytes.Equal(base, ours):
		return Result{Merged: clone(theirs)}
	}
	in := newInput(base, ours, theirs)
	in.diff = diff
	if diff == nil {
		in.diff = func(_, _ [][]byte, ia, ib []int32) ([]bool, []bool) { return diffLines(ia, ib, in.nids) }
	}
	return in.render(in.pieces(opt.Style), opt)
}

func clone(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return append([]byte(nil), b...)
}

// input holds the three files as lines and as line ids.
type input struct {
	base, ours, theirs [][]byte
	bid, oid, tid      []int32
	nids               int
	diff               differ
}

func newInput(base, ours, theirs []byte) *input {
	in := &input{base: splitLines(base), ours: splitLines(ours), theirs: splitLines(theirs)}
	ids := newLineIDs()
	in.bid, in.oid, in.tid = ids.of(in.base), ids.of(in.ours), ids.of(in.theirs)
	in.nids = ids.count()
	return in
}

// piece is a stretch of the output: plain lines, or a conflict.
type piece struct {
	lines [][]byte
	// oneSided marks lines that only one side changed; git never joins
	// two conflicts across such a change (measured), however close.
	oneSided bool
	c        *conflict
}

// conflict is one conflict block: the base lines it replaces and the
// lines each side has there.
type conflict struct {
	base         span
	ours, theirs [][]byte
}

// pieces merges the files into output pieces in the given style.
func (in *input) pieces(style Style) []piece {
	dOurs := hunksOf(in.diff(in.base, in.ours, in.bid, in.oid))
	dTheirs := hunksOf(in.diff(in.base, in.theirs, in.bid, in.tid))
	var ps []piece
	next := 0 // first base line not yet written
	for _, r := range regions(dOurs, dTheirs) {
		if next < r.base.lo {
			ps = append(ps, piece{lines: in.base[next:r.base.lo]})
		}
		next = r.base.hi
		o, t := in.ours[r.ours.lo:r.ours.hi], in.theirs[r.theirs.lo:r.theirs.hi]
		switch {
		case len(r.theirsHunks) == 0:
			ps = append(ps, piece{lines: o, oneSided: true})
		case len(r.oursHunks) == 0:
			ps = append(ps, piece{lines: t, oneSided: true})
		case in.sameChanges(r.oursHunks, r.theirsHunks):
			ps = append(ps, piece{lines: o})
		case style == StyleDiff3:
			ps = append(ps, piece{c: &conflict{base: r.base, ours: o, theirs: t}})
		case style == StyleZDiff3:
			ps = in.trimCommonEnds(ps, r)
		default:
			ps = in.refine(ps, r)
		}
	}
	if next < len(in.base) {
		ps = append(ps, piece{lines: in.base[next:]})
	}
	if style == StyleMerge {
		ps = joinConflicts(ps)
	}
	return ps
}

// sameChanges reports whether both sides made the same changes: the same
// base lines replaced by the same lines. Such a region is taken once, with
// no conflict. Measured on git: the test is on the changes, not on the
// region's text; when the two diffs put equal text in different places
// (ours deleting the first of two equal lines, theirs the second) the
// region is a conflict whose sides are equal (visible in diff3 style).
func (in *input) sameChanges(ours, theirs []hunk) bool {
	if len(ours) != len(theirs) {
		return false
	}
	for k, o := range ours {
		t := theirs[k]
		if o.a0 != t.a0 || o.a1 != t.a1 || !sameIDs(in.oid[o.b0:o.b1], in.tid[t.b0:t.b1]) {
			return false
		}
	}
	return true
}

func sameIDs(a, b []int32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
