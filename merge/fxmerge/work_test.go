package fxmerge

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// TestWorkLimitIsACount shows that the merge's bound counts work, not time: with the
// limit set to exactly the work a merge counts it merges, one step less and it falls
// back, every time, whatever else the machine does.
func TestWorkLimitIsACount(t *testing.T) {
	dir := filepath.Join(casesDir, "multiline_formula_conflict")
	base, ours, theirs := readCase(t, dir, "Base.fx.yaml"), readCase(t, dir, "Left.fx.yaml"), readCase(t, dir, "Right.fx.yaml")
	want, work, err := mergeCounted(base, ours, theirs, Options{}, WorkLimit)
	if err != nil {
		t.Fatal(err)
	}
	if work <= 0 {
		t.Fatalf("the merge counted %d steps of work", work)
	}
	for i := 0; i < 20; i++ {
		res, w, err := mergeCounted(base, ours, theirs, Options{}, work)
		if err != nil || w != work || !bytes.Equal(res.Merged, want.Merged) {
			t.Fatalf("run %d with the limit at the work needed: %d steps, err %v", i, w, err)
		}
		_, _, err = mergeCounted(base, ours, theirs, Options{}, work-1)
		if !errors.Is(err, ErrFallback) || !strings.Contains(err.Error(), "more work than the structural merge's limit") {
			t.Fatalf("run %d with the limit one step short: err = %v, want the work-limit fallback", i, err)
		}
	}
}

// TestWorkLimitFormula checks that a formula's line merge is counted: its charge grows
// with the formula's lines, so a long formula both sides changed needs more work.
func TestWorkLimitFormula(t *testing.T) {
	mk := func(lines int, edit string) []byte {
		var b strings.Builder
		b.WriteString("App As appinfo:\n    OnStart: |-\n        =Set(a, 0);\n")
		for i := 0; i < lines; i++ {
			fmt.Fprintf(&b, "        Set(v%d, %d);\n", i, i)
		}
		b.WriteString("        " + edit + "\n")
		return []byte(b.String())
	}
	var prev int64
	for _, n := range []int{10, 100, 1000} {
		_, work, err := mergeCounted(mk(n, "Set(z, 0)"), mk(n, "Set(z, 1)"), mk(n, "Set(z, 2)"), Options{}, WorkLimit)
		if err != nil {
			t.Fatal(err)
		}
		if work < int64(n)*int64(n) || work <= prev {
			t.Errorf("%d formula lines: %d steps of work (previous %d)", n, work, prev)
		}
		prev = work
	}
}

// TestSameBytesUnderLoad runs one merge 20 times while other goroutines keep every core
// busy: the output must not change (the merge used to switch to the line merge after
// 5 s of wall time).
func TestSameBytesUnderLoad(t *testing.T) {
	base, ours, theirs := bigApp(0), bigApp(1), bigApp(2)
	want, err := Merge(base, ours, theirs, Options{OursLabel: "ours", TheirsLabel: "theirs"})
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Conflicts) == 0 {
		t.Fatal("the test input should have conflicts")
	}
	var stop atomic.Bool
	var wg sync.WaitGroup
	for i := 0; i < 2*runtime.NumCPU(); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x := uint64(i + 1)
			for !stop.Load() {
				for k := 0; k < 1<<16; k++ {
					x ^= x << 13
					x ^= x >> 7
					x ^= x << 17
				}
			}
			_ = x
		}()
	}
	defer func() { stop.Store(true); wg.Wait() }()
	for i := 0; i < 20; i++ {
		res, err := Merge(base, ours, theirs, Options{OursLabel: "ours", TheirsLabel: "theirs"})
		if err != nil {
			t.Fatalf("run %d: %v", i, err)
		}
		if !bytes.Equal(res.Merged, want.Merged) || conflictSet(res) != conflictSet(want) {
			t.Fatalf("run %d under load gave different output", i)
		}
	}
}

// bigApp is a screen of 400 controls, each with a 30-line formula; side 1 and 2 edit
// some formulas in different lines (clean) and some in the same line (conflicts), and
// each adds controls.
func bigApp(side int) []byte {
	var b strings.Builder
	b.WriteString("Screen1 As screen:\n    Fill: =RGBA(255, 255, 255, 1)\n\n")
	for c := 0; c < 400; c++ {
		fmt.Fprintf(&b, "    Button%d As button:\n        OnSelect: |-\n            =Set(start%d, Now());\n", c, c)
		for l := 0; l < 30; l++ {
			line := fmt.Sprintf("Set(x%d_%d, %d);", c, l, l)
			switch {
			case side == 1 && c%7 == 0 && l == 3, side == 2 && c%7 == 0 && l == 20:
				line = fmt.Sprintf("Set(x%d_%d, %d);", c, l, 100*side)
			case side != 0 && c%11 == 0 && l == 10:
				line = fmt.Sprintf("Set(x%d_%d, %d);", c, l, 100*side)
			}
			fmt.Fprintf(&b, "            %s\n", line)
		}
		fmt.Fprintf(&b, "            Notify(\"done\")\n        Text: =\"Button %d\"\n        ZIndex: =%d\n\n", c, c+1)
	}
	if side != 0 {
		fmt.Fprintf(&b, "    Added%d As label:\n        Text: =\"side %d\"\n        ZIndex: =%d\n\n", side, side, 401)
	}
	return []byte(b.String())
}
