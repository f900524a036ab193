package linemerge

// Three-way grouping of the two diffs base→ours and base→theirs
// (xdl_do_merge). Changes from the two sides that overlap or merely touch end
// up in one region; a region fed by both sides is a conflict unless both made
// the very same change.

const defaultMarkerSize = 7

// Region modes, as in xdiff.
const (
	modeConflict  = 0
	modeOurs      = 1
	modeTheirs    = 2
	modeIdentical = 4 // a conflict whose two sides turned out equal when refined
)

// region is one merged hunk: base[i0:i0+n0], ours[i1:i1+n1], theirs[i2:i2+n2].
type region struct {
	mode      int
	i0, n0    int
	i1, n1    int
	i2, n2    int
	baseStale bool // i0/n0 no longer describe the region (after refinement)
}

// merger holds the inputs split into lines and the two diffs.
type merger struct {
	base, ours, theirs       [][]byte
	baseID, oursID, theirsID []int32
	d1, d2                   []hunk // base→ours, base→theirs
	opt                      Options
}

// Merge merges ours and theirs against base like `git merge-file -p`.
func Merge(base, ours, theirs []byte, opt Options) Result {
	m := &merger{
		base: splitLines(base), ours: splitLines(ours), theirs: splitLines(theirs),
		opt: opt,
	}
	in := interner{}
	m.baseID = in.ids(m.base)
	m.oursID = in.ids(m.ours)
	m.theirsID = in.ids(m.theirs)
	m.d1 = diffIDs(m.baseID, m.oursID)
	m.d2 = diffIDs(m.baseID, m.theirsID)

	// Git short-cuts a side that changed nothing: the result is the other
	// side, byte for byte.
	if len(m.d1) == 0 {
		return Result{Merged: clone(theirs)}
	}
	if len(m.d2) == 0 {
		return Result{Merged: clone(ours)}
	}

	regs := m.regions()
	switch opt.Style {
	case StyleZDiff3:
		m.trimZDiff3(regs)
	case StyleDiff3:
		// diff3 shows the base, so git does not refine (level EAGER).
	default:
		regs = m.refine(regs)
		regs = m.simplify(regs)
	}
	return m.render(regs)
}

func clone(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append([]byte{}, b...)
}

// regions walks both diffs in base order and groups them (the main loop of
// xdl_do_merge, level EAGER: identical changes from both sides are not
// conflicts).
func (m *merger) regions() []region {
	var regs []region
	add := func(r region) {
		// Regions that overlap or touch the previous one (in ours or in
		// theirs) join it; joining different modes makes a conflict.
		if n := len(regs); n > 0 {
			p := &regs[n-1]
			if r.i1 <= p.i1+p.n1 || r.i2 <= p.i2+p.n2 {
				if r.mode != p.mode {
					p.mode = modeConflict
				}
				p.n0 = r.i0 + r.n0 - p.i0
				p.n1 = r.i1 + r.n1 - p.i1
				p.n2 = r.i2 + r.n2 - p.i2
				return
			}
		}
		regs = append(regs, r)
	}
	d1, d2 := m.d1, m.d2
	for len(d1) > 0 && len(d2) > 0 {
		x, y := d1[0], d2[0]
		if x.i1+x.n1 < y.i1 {
			// Only ours changed here; theirs is base shifted by y's offset.
			add(region{mode: modeOurs, i0: x.i1, n0: x.n1, i1: x.i2, n1: x.n2,
				i2: y.i2 - y.i1 + x.i1, n2: x.n1})
			d1 = d1[1:]
			continue
		}
		if y.i1+y.n1 < x.i1 {
			add(region{mode: modeTheirs, i0: y.i1, n0: y.n1, i1: x.i2 - x.i1 + y.i1, n1: y.n1,
				i2: y.i2, n2: y.n2})
			d2 = d2[1:]
			continue
		}
		if x.i1 != y.i1 || x.n1 != y.n1 || x.n2 != y.n2 || !m.sameLines(x.i2, y.i2, x.n2) {
			// Overlapping (or touching) changes: the region spans both.
			off := x.i1 - y.i1
			ffo := off + x.n1 - y.n1
			i0, i1, i2 := x.i1, x.i2, y.i2
			if off > 0 {
				i0 -= off
				i1 -= off
			} else {
				i2 += off
			}
			n0 := x.i1 + x.n1 - i0
			n1 := x.i2 + x.n2 - i1
			n2 := y.i2 + y.n2 - i2
			if ffo < 0 {
				n0 -= ffo
				n1 -= ffo
			} else {
				n2 += ffo
			}
			add(region{mode: modeConflict, i0: i0, n0: n0, i1: i1, n1: n1, i2: i2, n2: n2})
		}
		e1, e2 := x.i1+x.n1, y.i1+y.n1
		if e1 >= e2 {
			d2 = d2[1:]
		}
		if e2 >= e1 {
			d1 = d1[1:]
		}
	}
	for _, x := range d1 {
		add(region{mode: modeOurs, i0: x.i1, n0: x.n1, i1: x.i2, n1: x.n2,
			i2: x.i1 + len(m.theirs) - len(m.base), n2: x.n1})
	}
	for _, y := range d2 {
		add(region{mode: modeTheirs, i0: y.i1, n0: y.n1, i1: y.i1 + len(m.ours) - len(m.base), n1: y.n1,
			i2: y.i2, n2: y.n2})
	}
	return regs
}

// sameLines compares n lines of ours at i with n lines of theirs at j.
func (m *merger) sameLines(i, j, n int) bool {
	for k := 0; k < n; k++ {
		if m.oursID[i+k] != m.theirsID[j+k] {
			return false
		}
	}
	return true
}
