package linemerge

// hunk is one change of a diff: a[a0:a1] replaced by b[b0:b1].
type hunk struct{ a0, a1, b0, b1 int }

// hunksOf turns change marks into hunks. Unchanged lines of a and b match
// in order, so each hunk is the changed lines of both sides between two
// matched lines.
func hunksOf(delA, insB []bool) []hunk {
	var hs []hunk
	i, j := 0, 0
	for i < len(delA) || j < len(insB) {
		if i < len(delA) && j < len(insB) && !delA[i] && !insB[j] {
			i++
			j++
			continue
		}
		h := hunk{a0: i, b0: j}
		for i < len(delA) && delA[i] {
			i++
		}
		for j < len(insB) && insB[j] {
			j++
		}
		if i == h.a0 && j == h.b0 {
			// Marks with unequal numbers of unchanged lines (never made
			// by diffLines): the rest is one change.
			i, j = len(delA), len(insB)
		}
		h.a1, h.b1 = i, j
		hs = append(hs, h)
	}
	return hs
}

// span is a half-open range of lines.
type span struct{ lo, hi int }

// region is a stretch of base changed by ours, theirs or both, with the
// lines each side has in its place.
type region struct {
	base, ours, theirs span
	// the hunks of each side in the region (none when a side kept base)
	oursHunks, theirsHunks []hunk
}

// regions groups the hunks of base→ours and base→theirs. Measured on git
// merge-file: changes of the two sides that overlap, or merely touch with
// no unchanged base line between them, are one region; one unchanged line
// between them keeps them apart.
func regions(ours, theirs []hunk) []region {
	var out []region
	// dOurs and dTheirs are side index minus base index after the hunks
	// consumed so far.
	var dOurs, dTheirs int
	i, j := 0, 0
	for i < len(ours) || j < len(theirs) {
		var r region
		switch {
		case j == len(theirs) || (i < len(ours) && ours[i].a0 <= theirs[j].a0):
			r.base = span{ours[i].a0, ours[i].a1}
		default:
			r.base = span{theirs[j].a0, theirs[j].a1}
		}
		oursFirst, theirsFirst := dOurs, dTheirs
		i0, j0 := i, j
		for {
			if i < len(ours) && ours[i].a0 <= r.base.hi {
				r.base.hi = max(r.base.hi, ours[i].a1)
				if i == i0 {
					oursFirst = ours[i].b0 - ours[i].a0
				}
				dOurs = ours[i].b1 - ours[i].a1
				i++
				continue
			}
			if j < len(theirs) && theirs[j].a0 <= r.base.hi {
				r.base.hi = max(r.base.hi, theirs[j].a1)
				if j == j0 {
					theirsFirst = theirs[j].b0 - theirs[j].a0
				}
				dTheirs = theirs[j].b1 - theirs[j].a1
				j++
				continue
			}
			break
		}
		r.oursHunks, r.theirsHunks = ours[i0:i], theirs[j0:j]
		r.ours = span{r.base.lo + oursFirst, r.base.hi + dOurs}
		r.theirs = span{r.base.lo + theirsFirst, r.base.hi + dTheirs}
		out = append(out, r)
	}
	return out
}
