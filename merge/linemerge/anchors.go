package linemerge

import (
	"math"

	"github.com/canvasgit/canvasgit/internal/sequence"
)

// splitAtAnchors cuts a large problem at matching lines that are safe to
// fix in advance, and diffs the gaps between them separately. Anchors are
// lines that occur exactly once in a[a0:a1] and once in b[b0:b1]; failing
// those, starts of runs of lines that occur once on each side. Of the
// anchors, the longest chain in the same order on both sides is kept. It
// reports false when there is no anchor.
func (d *lineDiff) splitAtAnchors(a0, a1, b0, b1 int) bool {
	pairs, distinct := d.uniqueLines(a0, a1, b0, b1)
	if len(pairs) == 0 {
		pairs = d.uniqueRuns(a0, a1, b0, b1, distinct)
	}
	if len(pairs) == 0 {
		return false
	}
	pa, pb := a0, b0
	for _, p := range increasingRun(pairs) {
		i, j := int(p[0]), int(p[1])
		d.diff(pa, i, pb, j)
		pa, pb = i+1, j+1
	}
	d.diff(pa, a1, pb, b1)
	return true
}

// uniqueLines returns the (index in a, index in b) pairs of lines that occur
// once on each side, by index in a, and the number of distinct lines.
func (d *lineDiff) uniqueLines(a0, a1, b0, b1 int) (pairs [][2]int32, distinct int) {
	d.scratch()
	a, b := d.a, d.b
	for _, id := range a[a0:a1] {
		if d.cntA[id] == 0 {
			distinct++
		}
		d.cntA[id]++
	}
	for j := b0; j < b1; j++ {
		id := b[j]
		if d.cntA[id] == 0 && d.cntB[id] == 0 {
			distinct++
		}
		d.cntB[id]++
		d.posB[id] = int32(j)
	}
	for i := a0; i < a1; i++ {
		if id := a[i]; d.cntA[id] == 1 && d.cntB[id] == 1 {
			pairs = append(pairs, [2]int32{int32(i), d.posB[id]})
		}
	}
	for _, id := range a[a0:a1] {
		d.cntA[id] = 0
	}
	for _, id := range b[b0:b1] {
		d.cntB[id] = 0
	}
	return pairs, distinct
}

// shared returns the size of the multiset intersection of the lines of
// a[a0:a1] and b[b0:b1]: an upper bound of the number of matched lines.
func (d *lineDiff) shared(a0, a1, b0, b1 int) int {
	d.scratch()
	for _, id := range d.a[a0:a1] {
		d.cntA[id]++
	}
	n := 0
	for _, id := range d.b[b0:b1] {
		if d.cntA[id] > 0 {
			d.cntA[id]--
			n++
		}
	}
	for _, id := range d.a[a0:a1] {
		d.cntA[id] = 0
	}
	return n
}

// scratch allocates the per-id counters (zero between uses).
func (d *lineDiff) scratch() {
	if d.cntA == nil {
		d.cntA = make([]int32, d.nids)
		d.cntB = make([]int32, d.nids)
		d.posB = make([]int32, d.nids)
	}
}

// uniqueRuns is uniqueLines for runs of k consecutive lines, for files with
// few distinct lines (generated or highly repetitive text). k is chosen so
// that a run occurring on both sides by pure chance is unlikely:
// distinct^k well above len(a)*len(b).
func (d *lineDiff) uniqueRuns(a0, a1, b0, b1, distinct int) [][2]int32 {
	if distinct < 2 {
		return nil
	}
	k := max(2, int(math.Ceil(math.Log(16*float64(a1-a0)*float64(b1-b0))/math.Log(float64(distinct)))))
	if k > a1-a0 || k > b1-b0 {
		return nil
	}
	type seen struct{ n, pos int32 }
	inA := map[uint64]seen{}
	for i, h := range runHashes(d.a[a0:a1], k) {
		s := inA[h]
		inA[h] = seen{s.n + 1, int32(a0 + i)}
	}
	inB := map[uint64]seen{}
	for j, h := range runHashes(d.b[b0:b1], k) {
		if _, ok := inA[h]; ok {
			s := inB[h]
			inB[h] = seen{s.n + 1, int32(b0 + j)}
		}
	}
	var pairs [][2]int32
	for i, h := range runHashes(d.a[a0:a1], k) {
		sa, sb := inA[h], inB[h]
		if sa.n != 1 || sb.n != 1 {
			continue
		}
		i += a0
		if j := int(sb.pos); sameIDs(d.a[i:i+k], d.b[j:j+k]) { // rule out hash collisions
			pairs = append(pairs, [2]int32{int32(i), int32(j)})
		}
	}
	return pairs
}

// runHashes returns a hash of every run of k consecutive ids (a polynomial
// rolling hash; equal runs hash equally).
func runHashes(ids []int32, k int) []uint64 {
	const mul = 0x9E3779B97F4A7C15
	var top uint64 = 1 // mul^(k-1)
	for t := 1; t < k; t++ {
		top *= mul
	}
	out := make([]uint64, 0, len(ids)-k+1)
	var h uint64
	for i, id := range ids {
		if i >= k {
			h -= (uint64(ids[i-k]) + 1) * top
		}
		h = h*mul + uint64(id) + 1
		if i >= k-1 {
			out = append(out, h)
		}
	}
	return out
}

// increasingRun returns a longest subsequence of pairs (already sorted by
// their first element) whose second elements increase.
func increasingRun(pairs [][2]int32) [][2]int32 {
	idx := sequence.LongestIncreasing(len(pairs), func(i int) int { return int(pairs[i][1]) })
	run := make([][2]int32, len(idx))
	for k, i := range idx {
		run[k] = pairs[i]
	}
	return run
}
