package linemerge

import (
	"math"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// go-diff's Myers search costs about (len(a)+len(b)) times the number of
// changed lines D (about 2ns per unit measured here): quadratic when the
// sides share little. These bounds keep every call to it well under a
// second, deterministically (no time-outs):
//   - a problem with (len(a)+len(b))^2 <= maxDirect goes to go-diff as is;
//   - a larger one is first diffed piecewise, between anchors or else in
//     slices (an upper bound on D), and handed to go-diff whole only if
//     (len(a)+len(b)) times that bound is at most maxRetry and the bound is
//     above the lower bound of D (anchors can mislead when blocks moved).
var (
	maxDirect = 200_000_000
	maxRetry  = 200_000_000
)

// observeMyers, when set (by tests), sees each go-diff call's problem size n
// and the bound on D it was admitted under, so the cost bound is tested by
// counting rather than by the clock.
var observeMyers func(n, boundD int)

// lineDiff computes which lines of a are deleted and which lines of b are
// inserted by a minimal line diff of a into b.
type lineDiff struct {
	a, b       []int32
	delA, insB []bool
	nids       int
	dmp        *diffmatchpatch.DiffMatchPatch

	// scratch for finding anchors, indexed by line id
	cntA, cntB []int32
	posB       []int32
}

// diffLines diffs a into b (line ids below nids) and returns the change
// marks, normalised so that ambiguous hunks sit where git puts them.
func diffLines(a, b []int32, nids int) (delA, insB []bool) {
	d := &lineDiff{a: a, b: b, delA: make([]bool, len(a)), insB: make([]bool, len(b)), nids: nids}
	d.dmp = diffmatchpatch.New()
	// No time limit: a deadline would make the result depend on machine load.
	d.dmp.DiffTimeout = 0
	d.diff(0, len(a), 0, len(b))
	// Deleted runs first, then inserted runs: this order agrees with git
	// more often (measured on random files).
	slideGroups(a, d.delA, d.insB)
	slideGroups(b, d.insB, d.delA)
	return d.delA, d.insB
}

func (d *lineDiff) diff(a0, a1, b0, b1 int) {
	a, b := d.a, d.b
	for a0 < a1 && b0 < b1 && a[a0] == b[b0] {
		a0++
		b0++
	}
	for a0 < a1 && b0 < b1 && a[a1-1] == b[b1-1] {
		a1--
		b1--
	}
	switch {
	case a0 == a1:
		mark(d.insB[b0:b1])
		return
	case b0 == b1:
		mark(d.delA[a0:a1])
		return
	}
	n := (a1 - a0) + (b1 - b0)
	if n*n <= maxDirect {
		if observeMyers != nil {
			observeMyers(n, n)
		}
		d.goDiff(a0, a1, b0, b1)
		return
	}
	shared := d.shared(a0, a1, b0, b1)
	if shared == 0 {
		mark(d.delA[a0:a1])
		mark(d.insB[b0:b1])
		return
	}
	d.piecewise(a0, a1, b0, b1)
	// Every line not in the multiset intersection changes, so n-2*shared
	// is a lower bound of D: a piecewise diff that reaches it is minimal.
	up := count(d.delA[a0:a1]) + count(d.insB[b0:b1])
	if up > n-2*shared && n*up <= maxRetry {
		clear(d.delA[a0:a1])
		clear(d.insB[b0:b1])
		if observeMyers != nil {
			observeMyers(n, up)
		}
		d.goDiff(a0, a1, b0, b1)
	}
}

// piecewise diffs a large problem as independent pieces: between anchors,
// or failing those, in slices cut at the same fractions of both sides,
// small enough for go-diff. Without anchors the sides have no long common
// runs, so the slices give a valid diff that may not be minimal, at a
// bounded cost.
func (d *lineDiff) piecewise(a0, a1, b0, b1 int) {
	if d.splitAtAnchors(a0, a1, b0, b1) {
		return
	}
	n := (a1 - a0) + (b1 - b0)
	slice := int(math.Sqrt(float64(maxDirect))) / 2
	k := (n + slice - 1) / slice
	for p := 0; p < k; p++ {
		d.diff(a0+(a1-a0)*p/k, a0+(a1-a0)*(p+1)/k, b0+(b1-b0)*p/k, b0+(b1-b0)*(p+1)/k)
	}
}

func count(m []bool) int {
	n := 0
	for _, x := range m {
		if x {
			n++
		}
	}
	return n
}

func mark(m []bool) {
	for i := range m {
		m[i] = true
	}
}

// goDiff runs go-diff on one piece, each line id mapped to one rune.
func (d *lineDiff) goDiff(a0, a1, b0, b1 int) {
	ra, rb := d.runes(a0, a1, b0, b1)
	diffs := d.dmp.DiffMainRunes(ra, rb, false)
	i, j := a0, b0
	for _, x := range diffs {
		n := utf8.RuneCountInString(x.Text)
		switch x.Type {
		case diffmatchpatch.DiffEqual:
			i += n
			j += n
		case diffmatchpatch.DiffDelete:
			mark(d.delA[i : i+n])
			i += n
		case diffmatchpatch.DiffInsert:
			mark(d.insB[j : j+n])
			j += n
		}
	}
}

// maxRuneID is the largest id that maps to a valid rune by skipping the
// surrogate block (go-diff turns invalid runes into U+FFFD, which would
// make different lines equal).
const maxRuneID = utf8.MaxRune - 0x800

func idRune(id int32) rune {
	if id >= 0xD800 {
		return rune(id) + 0x800
	}
	return rune(id)
}

func (d *lineDiff) runes(a0, a1, b0, b1 int) ([]rune, []rune) {
	ra := make([]rune, a1-a0)
	rb := make([]rune, b1-b0)
	if d.nids <= maxRuneID {
		for i, id := range d.a[a0:a1] {
			ra[i] = idRune(id)
		}
		for i, id := range d.b[b0:b1] {
			rb[i] = idRune(id)
		}
		return ra, rb
	}
	// Too many distinct lines for one rune each: number this piece's lines
	// afresh (a piece small enough for go-diff has few enough of them).
	local := map[int32]rune{}
	conv := func(dst []rune, src []int32) {
		for i, id := range src {
			r, ok := local[id]
			if !ok {
				r = idRune(int32(len(local)))
				local[id] = r
			}
			dst[i] = r
		}
	}
	conv(ra, d.a[a0:a1])
	conv(rb, d.b[b0:b1])
	return ra, rb
}
