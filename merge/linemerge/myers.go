package linemerge

import "math"

// Myers' O(ND) search as xdiff runs it (xdiffi.c): a bidirectional middle-snake
// split with git's cost cut-offs. The cut-offs keep huge, very different inputs
// from going quadratic, and they also decide which of several equally short
// diffs comes out, so they are reproduced as they are in git.

const (
	maxCostMin  = 256 // XDL_MAX_COST_MIN: lowest "give up and take the best path" cost
	heurMinCost = 256 // XDL_HEUR_MIN_COST: cost after which long snakes are accepted
	snakeCnt    = 20  // XDL_SNAKE_CNT: length of a snake that counts as "good"
	kHeur       = 4   // XDL_K_HEUR
	lineMax     = math.MaxInt
)

type myers struct {
	f1, f2 *dfile
	a, b   []int32 // classes of the lines Myers sees (f1.rha, f2.rha)
	kf, kb []int   // furthest reaching paths per diagonal, indexed by diagonal+koff
	koff   int
	mxcost int
}

// runMyers marks in f1/f2 the lines changed between the reduced sequences.
func runMyers(f1, f2 *dfile) {
	ndiags := len(f1.rha) + len(f2.rha) + 3
	m := &myers{
		f1: f1, f2: f2, a: f1.rha, b: f2.rha,
		kf:     make([]int, ndiags),
		kb:     make([]int, ndiags),
		koff:   len(f2.rha) + 1,
		mxcost: max(bogoSqrt(ndiags), maxCostMin),
	}
	m.compare(0, len(m.a), 0, len(m.b), false)
}

// compare diffs a[off1:lim1] against b[off2:lim2] (xdl_recs_cmp).
func (m *myers) compare(off1, lim1, off2, lim2 int, needMin bool) {
	for {
		for off1 < lim1 && off2 < lim2 && m.a[off1] == m.b[off2] {
			off1++
			off2++
		}
		for off1 < lim1 && off2 < lim2 && m.a[lim1-1] == m.b[lim2-1] {
			lim1--
			lim2--
		}
		switch {
		case off1 == lim1:
			for ; off2 < lim2; off2++ {
				m.f2.setChanged(m.f2.rindex[off2], true)
			}
			return
		case off2 == lim2:
			for ; off1 < lim1; off1++ {
				m.f1.setChanged(m.f1.rindex[off1], true)
			}
			return
		}
		s1, s2, minLo, minHi := m.split(off1, lim1, off2, lim2, needMin)
		m.compare(off1, s1, off2, s2, minLo)
		// The second half is a tail call; loop instead of recursing.
		off1, off2, needMin = s1, s2, minHi
	}
}

// split finds where to cut the box in two (xdl_split). needMin disables the
// heuristics that trade minimality for speed.
func (m *myers) split(off1, lim1, off2, lim2 int, needMin bool) (int, int, bool, bool) {
	a, b, kf, kb, ko := m.a, m.b, m.kf, m.kb, m.koff
	dmin, dmax := off1-lim2, lim1-off2
	fmid, bmid := off1-off2, lim1-lim2
	odd := (fmid-bmid)&1 != 0
	fmin, fmax := fmid, fmid
	bmin, bmax := bmid, bmid

	kf[ko+fmid] = off1
	kb[ko+bmid] = lim1

	for ec := 1; ; ec++ {
		gotSnake := false

		// Widen the forward diagonal range, or shrink it at the box edge; the
		// slot just outside gets a value that never wins the comparison.
		if fmin > dmin {
			fmin--
			kf[ko+fmin-1] = -1
		} else {
			fmin++
		}
		if fmax < dmax {
			fmax++
			kf[ko+fmax+1] = -1
		} else {
			fmax--
		}
		for d := fmax; d >= fmin; d -= 2 {
			var i1 int
			if kf[ko+d-1] >= kf[ko+d+1] {
				i1 = kf[ko+d-1] + 1
			} else {
				i1 = kf[ko+d+1]
			}
			prev := i1
			i2 := i1 - d
			for i1 < lim1 && i2 < lim2 && a[i1] == b[i2] {
				i1++
				i2++
			}
			if i1-prev > snakeCnt {
				gotSnake = true
			}
			kf[ko+d] = i1
			if odd && bmin <= d && d <= bmax && kb[ko+d] <= i1 {
				return i1, i2, true, true
			}
		}

		if bmin > dmin {
			bmin--
			kb[ko+bmin-1] = lineMax
		} else {
			bmin++
		}
		if bmax < dmax {
			bmax++
			kb[ko+bmax+1] = lineMax
		} else {
			bmax--
		}
		for d := bmax; d >= bmin; d -= 2 {
			var i1 int
			if kb[ko+d-1] < kb[ko+d+1] {
				i1 = kb[ko+d-1]
			} else {
				i1 = kb[ko+d+1] - 1
			}
			prev := i1
			i2 := i1 - d
			for i1 > off1 && i2 > off2 && a[i1-1] == b[i2-1] {
				i1--
				i2--
			}
			if prev-i1 > snakeCnt {
				gotSnake = true
			}
			kb[ko+d] = i1
			if !odd && fmin <= d && d <= fmax && i1 <= kf[ko+d] {
				return i1, i2, true, true
			}
		}

		if needMin {
			continue
		}

		// Past the trigger cost, accept a point that is far along and sits at
		// the end of a long snake.
		if gotSnake && ec > heurMinCost {
			best, s1, s2 := 0, 0, 0
			for d := fmax; d >= fmin; d -= 2 {
				dd := d - fmid
				if dd < 0 {
					dd = -dd
				}
				i1 := kf[ko+d]
				i2 := i1 - d
				v := (i1 - off1) + (i2 - off2) - dd
				if v > kHeur*ec && v > best &&
					off1+snakeCnt <= i1 && i1 < lim1 &&
					off2+snakeCnt <= i2 && i2 < lim2 {
					for k := 1; a[i1-k] == b[i2-k]; k++ {
						if k == snakeCnt {
							best, s1, s2 = v, i1, i2
							break
						}
					}
				}
			}
			if best > 0 {
				dbgHeurF++
				return s1, s2, true, false
			}
			for d := bmax; d >= bmin; d -= 2 {
				dd := d - bmid
				if dd < 0 {
					dd = -dd
				}
				i1 := kb[ko+d]
				i2 := i1 - d
				v := (lim1 - i1) + (lim2 - i2) - dd
				if v > kHeur*ec && v > best &&
					off1 < i1 && i1 <= lim1-snakeCnt &&
					off2 < i2 && i2 <= lim2-snakeCnt {
					for k := 0; a[i1+k] == b[i2+k]; k++ {
						if k == snakeCnt-1 {
							best, s1, s2 = v, i1, i2
							break
						}
					}
				}
			}
			if best > 0 {
				dbgHeurB++
				return s1, s2, false, true
			}
		}

		// Too expensive: cut at the furthest reaching point found so far.
		if ec >= m.mxcost {
			fbest, fbest1 := -1, -1
			for d := fmax; d >= fmin; d -= 2 {
				i1 := min(kf[ko+d], lim1)
				i2 := i1 - d
				if lim2 < i2 {
					i1, i2 = lim2+d, lim2
				}
				if fbest < i1+i2 {
					fbest, fbest1 = i1+i2, i1
				}
			}
			bbest, bbest1 := lineMax, lineMax
			for d := bmax; d >= bmin; d -= 2 {
				i1 := max(off1, kb[ko+d])
				i2 := i1 - d
				if i2 < off2 {
					i1, i2 = off2+d, off2
				}
				if i1+i2 < bbest {
					bbest, bbest1 = i1+i2, i1
				}
			}
			dbgMax++
			if (lim1+lim2)-bbest < fbest-(off1+off2) {
				return fbest1, fbest - fbest1, true, false
			}
			return bbest1, bbest - bbest1, false, true
		}
	}
}

var dbgHeurF, dbgHeurB, dbgMax int
