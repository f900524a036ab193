package fxmerge

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/source/fxyaml"
)

// edits applies each [old, new] replacement once to s.
func edits(t *testing.T, s string, pairs ...string) []byte {
	t.Helper()
	for i := 0; i < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("no %q", pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return []byte(s)
}

// TestFastPathSeveralEdits checks the fast path on sides that each changed several
// formulas: taken where the general merge keeps every other byte, and giving its bytes.
func TestFastPathSeveralEdits(t *testing.T) {
	base := screenOf(12)
	// A container whose layout is not pac's (a comment before its properties): the
	// general merge rebuilds it when it holds changes of both sides.
	box := "Screen1 As screen:\n    Fill: =White\n\n    Box As groupContainer:\n        # note\n        X: =1\n        ZIndex: =1\n\n" +
		"        In1 As label:\n            X: =1\n            ZIndex: =1\n\n        In2 As label:\n            X: =2\n            ZIndex: =2\n\n" +
		"    Label9 As label:\n        Text: =\"a\"\n        X: =9\n        ZIndex: =2\n\n"
	// A line deleted from a long list in a formula shifts the lines after it: changedRegions
	// finds a region per line, more than maxRegions, and the fast path takes the one
	// region holding all that side changed.
	flat := strings.Replace(base, "=Set(a, 3);\n            Set(b, 3)\n", "=Set(a, 3);\n            Set(b, 3);\n            Set(c, 3);\n            Set(d, 3);\n            Set(e, 3)\n", 1)
	var list strings.Builder
	for i := 0; i < 2*maxRegions; i++ {
		fmt.Fprintf(&list, "                Color.C%d,\n", i)
	}
	long := strings.Replace(base, "=Set(a, 3);\n            Set(b, 3)\n", "=Set(a, [\n"+list.String()+"            ])\n", 1)
	checkEditCases(t, []editCase{
		{"two formulas each, in different controls", base,
			[]string{`"Label 1"`, `"One"`, `"Label 3"`, `"Three"`}, []string{`"Label 7"`, `"Seven"`, `"Label 10"`, `"Ten"`}, true},
		{"two formulas of one control", base,
			[]string{`"Label 2"`, `"Two"`, "X: =2\n", "X: =22\n"}, []string{`"Label 8"`, `"Eight"`}, true},
		{"adjacent properties, one per side", base,
			[]string{`"Label 4"`, `"Four"`, `"Label 6"`, `"Six"`}, []string{"X: =4\n", "X: =44\n"}, true},
		{"interleaved controls", base,
			[]string{`"Label 1"`, `"One"`, `"Label 5"`, `"Five"`}, []string{`"Label 3"`, `"Three"`, `"Label 9"`, `"Nine"`}, true},
		{"the same property on both sides", base,
			[]string{`"Label 1"`, `"One"`, `"Label 5"`, `"Five"`}, []string{`"Label 5"`, `"Cinq"`}, false},
		{"the same property, the same text", base,
			[]string{`"Label 1"`, `"One"`, `"Label 5"`, `"Five"`}, []string{`"Label 5"`, `"Five"`}, false},
		{"a ZIndex that moves, and formulas", base,
			[]string{"ZIndex: =3\n", "ZIndex: =4.5\n", `"Label 8"`, `"Eight"`}, []string{`"Label 1"`, `"One"`, `"Label 11"`, `"Eleven"`}, true},
		{"a ZIndex that moves, the other side editing the control", base,
			[]string{`"Label 0"`, `"Zero"`, `"Label 2"`, `"Two"`}, []string{"ZIndex: =3\n", "ZIndex: =40\n", `"Label 5"`, `"Five"`}, true},
		// Two ZIndex changes: the first moves its control, the second does not.
		{"two ZIndex changes, one side", base,
			[]string{"ZIndex: =3\n", "ZIndex: =4.5\n", "ZIndex: =10\n", "ZIndex: =10.5\n"}, []string{`"Label 1"`, `"One"`}, false},
		{"two ZIndex changes, one per side", base,
			[]string{"ZIndex: =3\n", "ZIndex: =4.5\n"}, []string{"ZIndex: =10\n", "ZIndex: =10.5\n"}, false},
		// Lines added to and deleted from block formulas, with other edits.
		{"a block formula grown, and a formula", base,
			[]string{"Set(b, 2)\n", "Set(b, 2);\n            Set(c, 2)\n", `"Label 6"`, `"Six"`}, []string{`"Label 9"`, `"Nine"`}, true},
		{"a block formula shrunk, and a formula", base,
			[]string{"=Set(a, 3);\n            Set(b, 3)\n", "=Set(a, 3)\n", `"Label 7"`, `"Seven"`}, []string{"X: =1\n", "X: =11\n"}, true},
		{"two lines of one block formula", base,
			[]string{"=Set(a, 4);\n            Set(b, 4)\n", "=Set(a, 40);\n            Set(b, 40)\n"}, []string{"X: =1\n", "X: =11\n", "X: =11\n", "X: =111\n"}, true},
		// Properties added after the last one (before the blank line) and among others.
		{"a formula and a ZIndex, a property added after the last one", base,
			[]string{"ZIndex: =6\n", "ZIndex: =6.5\n", `"Label 5"`, `"Five"`}, []string{"ZIndex: =12\n", "ZIndex: =12\n        Zz: =1\n"}, true},
		{"a property added", base,
			[]string{`"Label 5"`, `"Five"`, "X: =6\n", "X: =6\n        Y: =6\n"}, []string{`"Label 1"`, `"One"`}, true},
		{"a line deleted among lines of one depth", flat,
			[]string{"Set(c, 3);\n            Set(d, 3);\n", "Set(d, 3);\n"}, []string{`"Label 8"`, `"Eight"`}, true},
		{"a line deleted from a long list", long,
			[]string{"                Color.C5,\n", ""}, []string{`"Label 8"`, `"Eight"`}, true},
		{"a container not in pac's layout, both sides' changes in it", box,
			[]string{"X: =1\n            ZIndex: =1\n", "X: =10\n            ZIndex: =1\n", `"a"`, `"b"`}, []string{"X: =2\n", "X: =20\n"}, false},
		{"a container not in pac's layout, one side's changes in it", box,
			[]string{"X: =1\n            ZIndex: =1\n", "X: =10\n            ZIndex: =1\n", "X: =2\n", "X: =20\n"}, []string{`"a"`, `"b"`}, true},
	})
}

// editCase is a merge made by replacing text in a base (edits): whether the fast path
// must take it, checked with LF and with CRLF line breaks.
type editCase struct {
	name         string
	base         string
	ours, theirs []string
	fast         bool
}

// checkEditCases runs both paths on each case (samePaths) and checks the fast path
// was taken or not as the case says.
func checkEditCases(t *testing.T, cases []editCase) {
	t.Helper()
	for _, tc := range cases {
		for _, crlf := range []bool{false, true} {
			b := tc.base
			ours, theirs := edits(t, b, tc.ours...), edits(t, b, tc.theirs...)
			if crlf {
				b = strings.ReplaceAll(b, "\n", "\r\n")
				ours, theirs = bytes.ReplaceAll(ours, []byte("\n"), []byte("\r\n")), bytes.ReplaceAll(theirs, []byte("\n"), []byte("\r\n"))
			}
			name := fmt.Sprintf("%s (CRLF %v)", tc.name, crlf)
			if got := samePaths(t, name, []byte(b), ours, theirs, Options{}); got != tc.fast {
				t.Errorf("%s: fast path taken: %v, want %v", name, got, tc.fast)
			}
		}
	}
}

// wantFastShare logs how many of a random test's merges took the fast path and fails
// when fewer than a quarter did: the comparison would then test little of it.
func wantFastShare(t *testing.T, total, fast int) {
	t.Helper()
	t.Logf("%d merges, %d by the fast path", total, fast)
	if fast < total/4 {
		t.Errorf("only %d of %d merges took the fast path", fast, total)
	}
}

// TestFastPathRandomFormulaEdits compares the two paths on sides that each changed a
// few formulas of a corpus screen (often neighbours, sometimes the other side's, a
// ZIndex among them), now and then with another random edit.
func TestFastPathRandomFormulaEdits(t *testing.T) {
	files := fastPathScreens(t)
	rng := rand.New(rand.NewPCG(18, 3))
	var total, fast int
	for round := 0; round < 40; round++ {
		for fi, base := range files {
			ours, op := formulaEdits(rng, base, nil, 1+rng.IntN(4))
			theirs, _ := formulaEdits(rng, base, op, 1+rng.IntN(4))
			if rng.IntN(5) == 0 {
				theirs = randomEdit(rng, theirs)
			}
			total++
			if samePaths(t, fmt.Sprintf("file %d round %d", fi, round), base, ours, theirs, Options{}) {
				fast++
			}
		}
	}
	wantFastShare(t, total, fast)
}

// formulaEdits changes n formulas of data (a property, then often the one after it;
// now and then one of other, the properties the other side changed), and returns the
// properties it changed, by their first line.
func formulaEdits(rng *rand.Rand, data []byte, other []int, n int) ([]byte, []int) {
	props := propLines(data)
	if len(props) == 0 {
		return data, nil
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	var changed []int
	p := rng.IntN(len(props))
	for k := 0; k < n; k++ {
		switch r := rng.IntN(6); {
		case r == 0 && len(other) > 0:
			p = indexOf(props, other[rng.IntN(len(other))])
		case r < 3 && p+1 < len(props):
			p++
		default:
			p = rng.IntN(len(props))
		}
		pr := props[p]
		l := pr[0] + rng.IntN(pr[1])
		text := bytes.TrimRight(lines[l], "\r\n")
		eol := lines[l][len(text):]
		var edited []byte
		if key, _, ok := bytes.Cut(text, []byte("ZIndex: =")); ok && pr[1] == 1 {
			edited = fmt.Appendf(nil, "%sZIndex: =%d.5", key, rng.IntN(40))
		} else {
			edited = fmt.Appendf(nil, "%s & \"%d\"", text, rng.IntN(100))
		}
		lines[l] = append(edited, eol...)
		changed = append(changed, pr[0])
	}
	return bytes.Join(lines, nil), changed
}

// propLines returns the first line and line count of each property of data's controls.
func propLines(data []byte) [][2]int {
	var out [][2]int
	for _, p := range controlProps(data) {
		out = append(out, [2]int{p.Line() - 1, p.LineCount()})
	}
	return out
}

func indexOf(props [][2]int, line int) int {
	for i, p := range props {
		if p[0] == line {
			return i
		}
	}
	return 0
}

// controlProps returns the properties of data's controls, in file order.
func controlProps(data []byte) []*fxyaml.Property {
	f, err := fxyaml.Parse(data)
	if err != nil {
		return nil
	}
	var out []*fxyaml.Property
	var walk func(b *fxyaml.Block)
	walk = func(b *fxyaml.Block) {
		for _, n := range b.Body {
			switch n := n.(type) {
			case *fxyaml.Property:
				if b.Kind == fxyaml.ControlBlock {
					out = append(out, n)
				}
			case *fxyaml.Block:
				walk(n)
			}
		}
	}
	for _, b := range f.Blocks() {
		walk(b)
	}
	return out
}

// TestChangedRegions checks the regions found: each side's text is the base's with
// them replaced, a formula changed in place is a region of its own lines, and a side
// that changed more than maxRegions formulas has none (the scan of the base checks
// every property against every region: the cap keeps it linear).
func TestChangedRegions(t *testing.T) {
	base := []byte(screenOf(3 * maxRegions))
	for _, n := range []int{1, 2, maxRegions, maxRegions + 1} {
		side := append([]byte{}, base...)
		for i := 0; i < n; i++ {
			side = bytes.Replace(side, fmt.Appendf(nil, "X: =%d\n", 2*i), fmt.Appendf(nil, "X: =%d + 1\n", 2*i), 1)
		}
		rs := changedRegions(base, side)
		if n > maxRegions {
			if rs != nil {
				t.Errorf("%d formulas changed: %d regions, want none", n, len(rs))
			}
			continue
		}
		if len(rs) != n {
			t.Fatalf("%d formulas changed: %d regions", n, len(rs))
		}
		var rebuilt []byte
		prev := 0
		for _, r := range rs {
			if r.lines != 1 || !bytes.HasPrefix(base[r.start:r.end], []byte("        X: =")) {
				t.Errorf("region %+v: %q, want one X line", r, base[r.start:r.end])
			}
			if got := bytes.Count(base[:r.start], []byte("\n")); got != r.line {
				t.Errorf("region %+v: at line %d", r, got)
			}
			rebuilt = append(append(rebuilt, base[prev:r.start]...), side[r.start+r.shift:r.end+r.shift+r.delta]...)
			prev = r.end
		}
		if rebuilt = append(rebuilt, base[prev:]...); !bytes.Equal(rebuilt, side) {
			t.Errorf("%d formulas changed: the base with the regions replaced is not the side", n)
		}
	}
}
