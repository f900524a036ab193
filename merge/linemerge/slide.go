package linemerge

// slideGroups moves each run of changed lines in x (marked in chX) to the
// position git uses among the equivalent ones. A run x[s:e] can move down
// one line when x[s] == x[e], and up one line when x[s-1] == x[e-1]; the
// diff stays just as long. Measured on git diff and git merge-file (no
// indent heuristic):
//   - a run ends as low as it can go;
//   - but when some position puts it next to a change of the other file
//     (so that both form one hunk), the lowest such position wins.
//
// chY marks the changed lines of the other file; it is only read.
func slideGroups(x []int32, chX, chY []bool) {
	n := len(x)
	// unchY lists the unchanged lines of y: the k-th unchanged line of x is
	// matched with unchY[k].
	var unchY []int
	for j, c := range chY {
		if !c {
			unchY = append(unchY, j)
		}
	}
	// aligned reports whether the gap of y matched with the position just
	// before the k-th unchanged line of x holds changed lines.
	aligned := func(k int) bool {
		end := len(chY)
		if k < len(unchY) {
			end = unchY[k]
		}
		start := 0
		if k > 0 {
			start = unchY[k-1] + 1
		}
		return end > start
	}
	k := 0 // unchanged lines of x before s
	for s := 0; s < n; {
		if !chX[s] {
			s++
			k++
			continue
		}
		e := s + 1
		for e < n && chX[e] {
			e++
		}
		for {
			size := e - s
			// As high as possible, absorbing runs met on the way.
			for s > 0 && !chX[s-1] && x[s-1] == x[e-1] {
				s--
				e--
				chX[s], chX[e] = true, false
				k--
				for s > 0 && chX[s-1] {
					s--
				}
			}
			// Then down as far as possible, noting aligned positions.
			alignedEnd := -1
			if aligned(k) {
				alignedEnd = e
			}
			for e < n && !chX[e] && x[s] == x[e] {
				chX[s], chX[e] = false, true
				s++
				e++
				k++
				for e < n && chX[e] {
					e++
				}
				if aligned(k) {
					alignedEnd = e
				}
			}
			if e-s != size {
				continue // merged with another run: the range changed
			}
			if alignedEnd >= 0 && alignedEnd < e {
				for e > alignedEnd {
					s--
					e--
					chX[s], chX[e] = true, false
					k--
				}
			}
			break
		}
		s = e
	}
}
