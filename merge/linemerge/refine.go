package linemerge

// Conflict refinement for the "merge" style (git merge-file's level
// XDL_MERGE_ZEALOUS_ALNUM) and the lighter zdiff3 trimming.

// refine re-diffs the two sides of every conflict and keeps only the parts
// where they differ (xdl_refine_conflicts): shared leading/trailing lines leave
// the conflict, a conflict splits where the sides agree, and a conflict whose
// sides are equal stops being one.
func (m *merger) refine(regs []region) []region {
	out := make([]region, 0, len(regs))
	for _, r := range regs {
		if r.mode != modeConflict || r.n1 == 0 || r.n2 == 0 {
			out = append(out, r)
			continue
		}
		hs := diffIDs(m.oursID[r.i1:r.i1+r.n1], m.theirsID[r.i2:r.i2+r.n2])
		if len(hs) == 0 {
			r.mode = modeIdentical
			out = append(out, r)
			continue
		}
		for _, h := range hs {
			out = append(out, region{mode: modeConflict, i0: r.i0, n0: r.n0,
				i1: r.i1 + h.i1, n1: h.n1, i2: r.i2 + h.i2, n2: h.n2,
				baseStale: true})
		}
	}
	return out
}

// simplify joins neighbouring conflicts separated by at most three lines, or by
// lines with no ASCII letter or digit (xdl_simplify_non_conflicts with
// simplify_if_no_alnum): one bigger conflict reads better than two small ones.
func (m *merger) simplify(regs []region) []region {
	if len(regs) == 0 {
		return regs
	}
	out := regs[:1]
	for _, r := range regs[1:] {
		p := &out[len(out)-1]
		begin, end := p.i1+p.n1, r.i1
		if p.mode != modeConflict || r.mode != modeConflict ||
			(end-begin > 3 && m.hasAlnum(begin, end)) {
			out = append(out, r)
			continue
		}
		p.n1 = r.i1 + r.n1 - p.i1
		p.n2 = r.i2 + r.n2 - p.i2
		p.baseStale = true
	}
	return out
}

// hasAlnum reports whether ours[begin:end] contains an ASCII letter or digit
// (git's isalnum ignores non-ASCII bytes).
func (m *merger) hasAlnum(begin, end int) bool {
	for _, l := range m.ours[begin:end] {
		for _, c := range l {
			if c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
				return true
			}
		}
	}
	return false
}

// trimZDiff3 moves lines that both sides share at the start or end of a
// conflict out of it (xdl_refine_zdiff3_conflicts); the base part is kept whole.
func (m *merger) trimZDiff3(regs []region) {
	for k := range regs {
		r := &regs[k]
		if r.mode != modeConflict {
			continue
		}
		for r.n1 > 0 && r.n2 > 0 && m.oursID[r.i1] == m.theirsID[r.i2] {
			r.i1++
			r.i2++
			r.n1--
			r.n2--
		}
		for r.n1 > 0 && r.n2 > 0 && m.oursID[r.i1+r.n1-1] == m.theirsID[r.i2+r.n2-1] {
			r.n1--
			r.n2--
		}
	}
}
