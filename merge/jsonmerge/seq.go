package jsonmerge

// chunk is one run of a three-way sequence alignment: [b0,b1) of base against [o0,o1)
// of ours and [t0,t1) of theirs. A stable chunk is equal on all three sides.
type chunk struct {
	stable         bool
	b0, b1, o0, o1 int
	t0, t1         int
}

// maxLCSCells bounds the table of one alignment; beyond it the differing middle is
// treated as one changed run.
const maxLCSCells = 4 << 20

// match aligns a to b by a longest common subsequence of equal values and returns, for
// each index of a, the index of its partner in b or -1.
func match(a, b []*node) []int {
	m := make([]int, len(a))
	for i := range m {
		m[i] = -1
	}
	// Common prefix and suffix first: most edits are small.
	lo := 0
	for lo < len(a) && lo < len(b) && eq(a[lo], b[lo]) {
		m[lo] = lo
		lo++
	}
	ea, eb := len(a), len(b)
	for ea > lo && eb > lo && eq(a[ea-1], b[eb-1]) {
		ea--
		eb--
		m[ea] = eb
	}
	n, k := ea-lo, eb-lo
	if n == 0 || k == 0 || n*k > maxLCSCells {
		return m
	}
	// table[i][j] = LCS length of a[lo+i:ea] and b[lo+j:eb].
	w := k + 1
	table := make([]int32, (n+1)*w)
	for i := n - 1; i >= 0; i-- {
		for j := k - 1; j >= 0; j-- {
			if a[lo+i].hashOf() == b[lo+j].hashOf() && eq(a[lo+i], b[lo+j]) {
				table[i*w+j] = table[(i+1)*w+j+1] + 1
			} else {
				table[i*w+j] = max(table[(i+1)*w+j], table[i*w+j+1])
			}
		}
	}
	for i, j := 0, 0; i < n && j < k; {
		switch {
		case a[lo+i].hashOf() == b[lo+j].hashOf() && eq(a[lo+i], b[lo+j]):
			m[lo+i] = lo + j
			i++
			j++
		case table[(i+1)*w+j] >= table[i*w+j+1]:
			i++
		default:
			j++
		}
	}
	return m
}

// diff3 splits three sequences into stable and unstable chunks (the classic diff3
// walk over the base-ours and base-theirs alignments).
func diff3(base, ours, theirs []*node) []chunk {
	mo, mt := match(base, ours), match(base, theirs)
	var out []chunk
	lb, lo, lt := 0, 0, 0
	for lb < len(base) || lo < len(ours) || lt < len(theirs) {
		// The stable run starting here.
		i := 0
		for lb+i < len(base) && mo[lb+i] == lo+i && mt[lb+i] == lt+i {
			i++
		}
		if i > 0 {
			out = append(out, chunk{stable: true, b0: lb, b1: lb + i, o0: lo, o1: lo + i, t0: lt, t1: lt + i})
			lb, lo, lt = lb+i, lo+i, lt+i
			continue
		}
		// The next base entry both sides kept ends the unstable run.
		j := lb
		for j < len(base) && (mo[j] < 0 || mt[j] < 0) {
			j++
		}
		if j == len(base) {
			out = append(out, chunk{b0: lb, b1: j, o0: lo, o1: len(ours), t0: lt, t1: len(theirs)})
			break
		}
		out = append(out, chunk{b0: lb, b1: j, o0: lo, o1: mo[j], t0: lt, t1: mt[j]})
		lb, lo, lt = j, mo[j], mt[j]
	}
	return out
}
