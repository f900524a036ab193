package linemerge

import (
	"fmt"
	"math"
	"math/rand"
	"testing"
)

// checkDiff verifies that change marks describe a diff of a into b: the
// unchanged lines of both sides are equal, in order.
func checkDiff(a, b []int32, delA, insB []bool) error {
	var ka, kb []int32
	for i, d := range delA {
		if !d {
			ka = append(ka, a[i])
		}
	}
	for j, d := range insB {
		if !d {
			kb = append(kb, b[j])
		}
	}
	if fmt.Sprint(ka) != fmt.Sprint(kb) {
		return fmt.Errorf("unchanged lines differ:\n%v\n%v", ka, kb)
	}
	return nil
}

// TestPiecewiseDiff shrinks the size limits so that random inputs take the
// anchored and sliced paths, and checks that those give valid diffs, never
// shorter than go-diff's minimal one.
func TestPiecewiseDiff(t *testing.T) {
	defer func(d, r int) { maxDirect, maxRetry = d, r }(maxDirect, maxRetry)
	r := rand.New(rand.NewSource(3))
	for i := 0; i < 300; i++ {
		n := 20 + r.Intn(200)
		words := 2 + r.Intn(40)
		a := make([]int32, n)
		for k := range a {
			a[k] = int32(r.Intn(words))
		}
		var b []int32
		for _, x := range a {
			switch r.Intn(10) {
			case 0: // deleted
			case 1:
				b = append(b, int32(r.Intn(words+5)), x)
			default:
				b = append(b, x)
			}
		}
		nids := words + 5
		maxDirect, maxRetry = 1<<62, 1<<62
		minDel, minIns := diffLines(a, b, nids)
		maxDirect, maxRetry = 100+r.Intn(400), r.Intn(2)*1000
		delA, insB := diffLines(a, b, nids)
		if err := checkDiff(a, b, delA, insB); err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if got, min := count(delA)+count(insB), count(minDel)+count(minIns); got < min {
			t.Fatalf("case %d: piecewise diff has %d changed lines, below the minimum %d", i, got, min)
		}
	}
}

// TestLargeRewriteIsBounded: a file rewritten from a tiny vocabulary (no
// anchors, long Myers searches) must stay within the work bounds: every go-diff
// call is admitted with n*D at most maxDirect or maxRetry, and the calls
// together cover the input only a bounded number of times. Counted, not timed.
func TestLargeRewriteIsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	gen := func(seed int64) []byte {
		r := rand.New(rand.NewSource(seed))
		tokens := []string{"If(", ")", "),", "true,", "{", "},", "Blank(),", "\"a\","}
		var out []byte
		for len(out) < 200<<10 {
			out = append(out, "    "+tokens[r.Intn(len(tokens))]+"\n"...)
		}
		return out
	}
	var calls, work int
	defer func() { observeMyers = nil }()
	observeMyers = func(n, boundD int) {
		calls++
		work += n * boundD
		if n*boundD > maxDirect && n*boundD > maxRetry {
			t.Errorf("go-diff call with n=%d, D<=%d exceeds both bounds", n, boundD)
		}
	}
	base, ours, theirs := gen(1), gen(2), gen(3)
	res := Merge(base, ours, theirs, Options{})
	lines := 3 * len(base) / 10 // about 10 bytes a line
	// Two diffs (base->ours, base->theirs), each at most two admitted passes per slice.
	if limit := 4 * (lines/int(math.Sqrt(float64(maxDirect)))*2 + 2) * maxDirect; work > limit {
		t.Errorf("go-diff work %d over %d calls exceeds %d", work, calls, limit)
	}
	if calls == 0 {
		t.Fatal("no go-diff call observed: the test no longer exercises the bounded path")
	}
	t.Logf("200 KB rewrite: %d go-diff calls, work %d, %d conflicts", calls, work, len(res.Conflicts))
}
