package linemerge

// This file mirrors what xdiff does before running Myers (xprepare.c): strip
// the common head and tail, then drop lines that cannot match (and runs of
// very frequent lines between them) so the search works on a smaller problem.
// Which lines are dropped changes which of several minimal diffs is found, so
// the rules and constants follow git exactly.

const (
	maxEqLimit     = 1024 // XDL_MAX_EQLIMIT: cap for the "too many matches" limit
	simScanWindow  = 100  // XDL_SIMSCAN_WINDOW: how far clean_mmatch looks around
	keepRunDivisor = 4    // XDL_KPDIS_RUN
)

// Line dispositions computed before Myers runs.
const (
	disDiscard = 0 // no match in the other file: certainly changed
	disKeep    = 1 // a normal line
	disMaybe   = 2 // matches too often: dropped when surrounded by dropped lines
)

// dfile is one side of a two-way diff.
type dfile struct {
	ha  []int32 // class of each line (equal lines have equal classes)
	chg []bool  // changed flags; chg[i+1] is line i, with a false sentinel at each end
	// rindex lists the lines handed to Myers; rha holds their classes.
	rindex []int
	rha    []int32
}

func (f *dfile) n() int                   { return len(f.ha) }
func (f *dfile) changed(i int) bool       { return f.chg[i+1] }
func (f *dfile) setChanged(i int, v bool) { f.chg[i+1] = v }

// bogoSqrt is xdiff's power-of-two approximation of a square root.
func bogoSqrt(n int) int {
	i := 1
	for ; n > 0; n >>= 2 {
		i <<= 1
	}
	return i
}

// prepare classifies both sequences with dense local ids, trims the common
// ends and decides which lines Myers gets to see.
func prepare(a, b []int32) (*dfile, *dfile) {
	local := make(map[int32]int32, len(a))
	f1 := &dfile{ha: make([]int32, len(a)), chg: make([]bool, len(a)+2)}
	f2 := &dfile{ha: make([]int32, len(b)), chg: make([]bool, len(b)+2)}
	var cnt1, cnt2 []int
	classify := func(src []int32, dst []int32, first bool) {
		for i, id := range src {
			c, ok := local[id]
			if !ok {
				c = int32(len(cnt1))
				local[id] = c
				cnt1 = append(cnt1, 0)
				cnt2 = append(cnt2, 0)
			}
			dst[i] = c
			if first {
				cnt1[c]++
			} else {
				cnt2[c]++
			}
		}
	}
	classify(a, f1.ha, true)
	classify(b, f2.ha, false)

	// Common head and tail (xdl_trim_ends); the tail never overlaps the head.
	n1, n2 := len(a), len(b)
	lim := min(n1, n2)
	start := 0
	for start < lim && f1.ha[start] == f2.ha[start] {
		start++
	}
	tail := 0
	for tail < lim-start && f1.ha[n1-1-tail] == f2.ha[n2-1-tail] {
		tail++
	}
	end1, end2 := n1-tail-1, n2-tail-1

	dis1 := dispositions(f1.ha, cnt2, start, end1)
	dis2 := dispositions(f2.ha, cnt1, start, end2)
	f1.reduce(dis1, start, end1)
	f2.reduce(dis2, start, end2)
	return f1, f2
}

// dispositions classifies lines start..end (inclusive) by how often they occur
// in the other file (xdl_cleanup_records, first half).
func dispositions(ha []int32, other []int, start, end int) []byte {
	mlim := min(bogoSqrt(len(ha)), maxEqLimit)
	dis := make([]byte, len(ha)+1)
	for i := start; i <= end; i++ {
		switch nm := other[ha[i]]; {
		case nm == 0:
			dis[i] = disDiscard
		case nm >= mlim:
			dis[i] = disMaybe
		default:
			dis[i] = disKeep
		}
	}
	return dis
}

// reduce keeps the lines Myers should see and marks the rest changed
// (xdl_cleanup_records, second half).
func (f *dfile) reduce(dis []byte, start, end int) {
	f.rindex = make([]int, 0, max(end-start+1, 0))
	f.rha = make([]int32, 0, max(end-start+1, 0))
	for i := start; i <= end; i++ {
		if dis[i] == disKeep || (dis[i] == disMaybe && !cleanMultiMatch(dis, i, start, end)) {
			f.rindex = append(f.rindex, i)
			f.rha = append(f.rha, f.ha[i])
		} else {
			f.setChanged(i, true)
		}
	}
}

// cleanMultiMatch reports whether the frequent line i sits in a run made mostly
// of unmatched lines, in which case it is dropped too (xdl_clean_mmatch).
func cleanMultiMatch(dis []byte, i, s, e int) bool {
	if i-s > simScanWindow {
		s = i - simScanWindow
	}
	if e-i > simScanWindow {
		e = i + simScanWindow
	}
	// Count unmatched (r) and frequent (p) lines on each side; the line itself
	// is counted as frequent on both sides, as git does.
	r0, p0 := 0, 1
	for k := i - 1; k >= s; k-- {
		if dis[k] == disDiscard {
			r0++
		} else if dis[k] == disMaybe {
			p0++
		} else {
			break
		}
	}
	if r0 == 0 {
		return false
	}
	r1, p1 := 0, 1
	for k := i + 1; k <= e; k++ {
		if dis[k] == disDiscard {
			r1++
		} else if dis[k] == disMaybe {
			p1++
		} else {
			break
		}
	}
	if r1 == 0 {
		return false
	}
	r, p := r0+r1, p0+p1
	return p*keepRunDivisor < p+r
}
