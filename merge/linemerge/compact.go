package linemerge

// Change compaction (xdl_change_compact): a run of changed lines can often slide
// up or down over identical lines. Git slides every run as far down as it goes,
// merging runs it bumps into, then back up to line up with a change in the
// other file when it can. Where the hunks land decides which changes "touch"
// in a three-way merge, so this follows git step by step. merge-file does not
// enable the indent heuristic, so that part of git's compaction is absent.

// group is a run of changed lines [start, end) in one file; empty groups sit
// between unchanged lines and keep the two files' groups in step.
type group struct{ start, end int }

func (f *dfile) firstGroup() group {
	g := group{}
	for f.changed(g.end) {
		g.end++
	}
	return g
}

// next moves to the following group; false at the end of the file.
func (f *dfile) next(g *group) bool {
	if g.end == f.n() {
		return false
	}
	g.start = g.end + 1
	g.end = g.start
	for f.changed(g.end) {
		g.end++
	}
	return true
}

// prev moves to the preceding group; false at the start of the file.
func (f *dfile) prev(g *group) bool {
	if g.start == 0 {
		return false
	}
	g.end = g.start - 1
	g.start = g.end
	for f.changed(g.start - 1) {
		g.start--
	}
	return true
}

// slideDown shifts g down by one line if the line after it equals its first
// line, absorbing any group it then touches.
func (f *dfile) slideDown(g *group) bool {
	if g.end < f.n() && f.ha[g.start] == f.ha[g.end] {
		f.setChanged(g.start, false)
		f.setChanged(g.end, true)
		g.start++
		g.end++
		for f.changed(g.end) {
			g.end++
		}
		return true
	}
	return false
}

// slideUp is the mirror of slideDown.
func (f *dfile) slideUp(g *group) bool {
	if g.start > 0 && f.ha[g.start-1] == f.ha[g.end-1] {
		g.start--
		g.end--
		f.setChanged(g.start, true)
		f.setChanged(g.end, false)
		for f.changed(g.start - 1) {
			g.start--
		}
		return true
	}
	return false
}

// compact slides the groups of f; o is the other file, walked in step.
func compact(f, o *dfile) {
	g, og := f.firstGroup(), o.firstGroup()
	for {
		if g.end != g.start {
			var earliestEnd int
			endMatchingOther := -1
			for {
				size := g.end - g.start
				endMatchingOther = -1
				for f.slideUp(&g) {
					o.prev(&og)
				}
				earliestEnd = g.end
				if og.end > og.start {
					endMatchingOther = g.end
				}
				for f.slideDown(&g) {
					o.next(&og)
					if og.end > og.start {
						endMatchingOther = g.end
					}
				}
				if size == g.end-g.start {
					break
				}
			}
			if g.end != earliestEnd && endMatchingOther != -1 {
				// Line the group up with the last change in the other file.
				for og.end == og.start {
					f.slideUp(&g)
					o.prev(&og)
				}
			}
		}
		if !f.next(&g) {
			break
		}
		o.next(&og)
	}
}

// hunk is one change of a two-way diff: a[i1:i1+n1] became b[i2:i2+n2].
type hunk struct{ i1, n1, i2, n2 int }

// script lists the changed groups of f1/f2 as hunks (xdl_build_script).
func script(f1, f2 *dfile) []hunk {
	var hs []hunk
	i1, i2 := 0, 0
	n1, n2 := f1.n(), f2.n()
	for i1 < n1 || i2 < n2 {
		if (i1 < n1 && f1.changed(i1)) || (i2 < n2 && f2.changed(i2)) {
			h := hunk{i1: i1, i2: i2}
			for i1 < n1 && f1.changed(i1) {
				i1++
			}
			for i2 < n2 && f2.changed(i2) {
				i2++
			}
			h.n1, h.n2 = i1-h.i1, i2-h.i2
			hs = append(hs, h)
			continue
		}
		i1++
		i2++
	}
	return hs
}

// diffIDs is the whole two-way line diff: git's Myers plus compaction.
func diffIDs(a, b []int32) []hunk {
	f1, f2 := prepare(a, b)
	runMyers(f1, f2)
	compact(f1, f2)
	compact(f2, f1)
	return script(f1, f2)
}
