package fxmerge

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/source/fxyaml"
)

// TestFastPathPropertyEdits checks each condition of the fast path for properties
// added and deleted (propedits.go): taken where the general merge gives the splice,
// declined where it does not, and the general merge's bytes either way.
func TestFastPathPropertyEdits(t *testing.T) {
	base := screenOf(6)
	noZ := strings.Replace(base, "        ZIndex: =1\n", "", 1) // Label0 has no ZIndex (first: -1)
	// A file indented by two: a control rebuilt from merged parts takes its body's
	// indent from ours' block, which has none when ours deleted all it held.
	two := "S As screen:\n  Fill: =White\n\n  L As label:\n    W: =0\n    X: =1\n\n  M As label:\n    Y: =1\n"
	// A blank line of spaces, indented deeper than the properties, after the last one:
	// after a block formula it would be a line of the formula.
	deep := "S As screen:\n    Fill: =White\n\n    L As label:\n        OnSelect: |-\n            =Set(a, 1)\n        Text: =\"x\"\n              \n\n" +
		"    M As label:\n        Text: =\"m\"\n"
	// A screen with a function whose key has '(' and no space.
	fn := strings.Replace(base, "    Fill: =White\n", "    G():\n        a:\n            Default: =1\n    Fill: =White\n", 1)
	checkEditCases(t, []editCase{
		{"a property added among others", base,
			[]string{"X: =2\n", "Width: =1\n        X: =2\n"}, []string{`"Label 4"`, `"Four"`}, true},
		{"a property added after the last one", base,
			[]string{"ZIndex: =2\n", "ZIndex: =2\n        Zz: =1\n"}, []string{`"Label 4"`, `"Four"`}, true},
		{"a property added before the first one", base,
			[]string{"    Label2 As label:\n", "    Label2 As label:\n        Align: =1\n"}, []string{`"Label 4"`, `"Four"`}, true},
		{"a block formula added", base,
			[]string{"X: =2\n", "Width: |-\n            =1 +\n            2\n        X: =2\n"}, []string{`"Label 2"`, `"Two"`}, true},
		{"a property deleted", base,
			[]string{"        X: =3\n", ""}, []string{`"Label 1"`, `"One"`}, true},
		{"a block formula deleted", base,
			[]string{"        OnSelect: |-\n            =Set(a, 3);\n            Set(b, 3)\n", ""}, []string{`"Label 3"`, `"Three"`}, true},
		{"one side adds, the other deletes the next", base,
			[]string{"X: =2\n", "Width: =1\n        X: =2\n"}, []string{"        X: =2\n", ""}, true},
		{"both add at one place, in pac's order", base,
			[]string{"X: =2\n", "Visible: =1\n        X: =2\n"}, []string{"X: =2\n", "Width: =1\n        X: =2\n"}, true},
		{"both add at one place, out of pac's order", base,
			[]string{"X: =2\n", "Width: =1\n        X: =2\n"}, []string{"X: =2\n", "Visible: =1\n        X: =2\n"}, false},
		{"both add one name", base,
			[]string{"X: =2\n", "Width: =1\n        X: =2\n"}, []string{"X: =2\n", "Width: =2\n        X: =2\n"}, false},
		{"a property added out of pac's order", base,
			[]string{"X: =2\n", "Aaa: =1\n        X: =2\n"}, []string{`"Label 4"`, `"Four"`}, false},
		// Ours adds X again after X, which theirs deletes: the merged list is in order,
		// ours' is not (it holds X twice and does not parse).
		{"a name twice on one side", base,
			[]string{"ZIndex: =3\n", "X: =9\n        ZIndex: =3\n"}, []string{"        X: =2\n", ""}, false},
		{"a formula respelled, the same value", base,
			[]string{`"Label 1"`, `"One"`}, []string{"X: =3\n", "X: |-\n            =3\n"}, false},
		{"a new key with a space", base,
			[]string{"    Fill: =White\n", "    Fill: =White\n    Label0 As label: =1\n"}, []string{`"Label 4"`, `"Four"`}, false},
		{"a new key with '('", fn,
			[]string{"    Fill: =White\n", "    Fill: =White\n    G(): =1\n"}, []string{`"Label 4"`, `"Four"`}, false},
		// A ZIndex deleted moves its control to the front of its siblings (the general
		// merge orders it at -1, as a ZIndex that is no number); one added moves it to
		// its number's place.
		{"a ZIndex deleted", base,
			[]string{"        ZIndex: =4\n", ""}, []string{`"Label 1"`, `"One"`}, true},
		{"a ZIndex deleted, the control edited by theirs", base,
			[]string{"        ZIndex: =4\n", ""}, []string{`"Label 3"`, `"Three"`}, true},
		{"a ZIndex added", noZ,
			[]string{"        X: =0\n\n", "        X: =0\n        ZIndex: =3.5\n\n"}, []string{`"Label 4"`, `"Four"`}, true},
		{"a ZIndex deleted where a sibling has none", noZ,
			[]string{"        ZIndex: =4\n", ""}, []string{`"Label 1"`, `"One"`}, false},
		{"a ZIndex deleted and one changed", base,
			[]string{"        ZIndex: =4\n", ""}, []string{"ZIndex: =6\n", "ZIndex: =2.5\n"}, false},
		{"a control left without properties", two,
			[]string{"    W: =0\n    X: =1\n", ""}, []string{"    X: =1\n", "    X: =1\n    Z: =1\n"}, false},
		{"a control left with properties", two,
			[]string{"    W: =0\n", ""}, []string{"    X: =1\n", "    X: =1\n    Z: =1\n"}, true},
		{"the line after is deeper", deep,
			[]string{"        Text: =\"x\"\n", ""}, []string{"=Set(a, 1)", "=Set(a, 2)"}, false},
	})
}

// TestFastPathRandomPropertyEdits compares the two paths on sides that each added,
// deleted and changed a few properties of a screen (the corpus's, and synthetic ones):
// mostly in pac's order, sometimes not, often in controls the other side changed too.
func TestFastPathRandomPropertyEdits(t *testing.T) {
	files := propertyScreens(t)
	var total, fast int
	for seed := uint64(1); seed <= 4; seed++ {
		rng := rand.New(rand.NewPCG(18, 10+seed))
		for round := 0; round < 12; round++ {
			for fi, base := range files {
				ours, touched := propertyEdits(rng, base, nil, 1+rng.IntN(3))
				theirs, _ := propertyEdits(rng, base, touched, 1+rng.IntN(3))
				total++
				if samePaths(t, fmt.Sprintf("seed %d file %d round %d", seed, fi, round), base, ours, theirs, Options{}) {
					fast++
				}
			}
		}
	}
	wantFastShare(t, total, fast)
}

// propertyScreens are the screens the random property and control tests edit: the
// corpus's, and synthetic nested ones (one with CRLF line breaks).
func propertyScreens(t *testing.T) [][]byte {
	return append(fastPathScreens(t), nestedScreen(60), []byte(strings.ReplaceAll(string(nestedScreen(30)), "\n", "\r\n")))
}

// nestedScreen writes a screen of n controls three levels deep below it, as
// scripts/bench's synthetic screens.
func nestedScreen(n int) []byte {
	var b strings.Builder
	b.WriteString("Screen1 As screen:\n    Fill: =RGBA(255, 255, 255, 1)\n\n")
	for i := 0; i < n; i++ {
		indent := strings.Repeat("    ", 1+i%3)
		fmt.Fprintf(&b, "%sControl%d As %s:\n", indent, i, []string{"groupContainer.manualLayoutContainer", "label", "button"}[i%3])
		for _, p := range []string{fmt.Sprintf("Height: =%d", 20+i%300), fmt.Sprintf("Text: =\"Control %d\"", i),
			fmt.Sprintf("X: =%d", i%1200), fmt.Sprintf("Y: =%d", i%800), fmt.Sprintf("ZIndex: =%d", 1+i/3)} {
			fmt.Fprintf(&b, "%s    %s\n", indent, p)
		}
		b.WriteString("\n")
	}
	return []byte(b.String())
}

// propertyEdits makes n edits of data's controls' properties: a property added (at its
// place in pac's order, or now and then anywhere), deleted, or its formula changed. A
// control is picked at random or, now and then, among the controls of other (the
// other side's edits, by header line). It returns the header lines of the controls it
// edited.
func propertyEdits(rng *rand.Rand, data []byte, other []int, n int) ([]byte, []int) {
	var touched []int
	names := []string{"Align", "AutoHeight", "BorderColor", "Color", "Fill", "Height", "OnSelect", "Text", "Visible", "Width", "X", "Y", "Zz"}
	for k := 0; k < n; k++ {
		ctls := propControls(data)
		if len(ctls) == 0 {
			break
		}
		c := ctls[rng.IntN(len(ctls))]
		if len(other) > 0 && rng.IntN(3) == 0 {
			for _, x := range ctls {
				if x.header == other[rng.IntN(len(other))] {
					c = x
				}
			}
		}
		touched = append(touched, c.header)
		lines := bytes.SplitAfter(data, []byte("\n"))
		eol := lines[c.props[0].Line()-1][len(bytes.TrimRight(lines[c.props[0].Line()-1], "\r\n")):]
		if len(eol) == 0 {
			eol = []byte("\n")
		}
		pad := strings.Repeat(" ", fxyaml.Indent(c.props[0]))
		switch r := rng.IntN(10); {
		case r < 4: // a property added
			name := names[rng.IntN(len(names))]
			at := len(c.props)
			for i, p := range c.props {
				if fxyaml.CompareNames(name, p.Name) <= 0 {
					at = i
					break
				}
			}
			if rng.IntN(8) == 0 {
				at = rng.IntN(len(c.props) + 1)
			}
			text := pad + name + ": =" + fmt.Sprint(rng.IntN(9)) + string(eol)
			if rng.IntN(3) == 0 {
				text = pad + name + ": |-" + string(eol) + pad + "    =If(a," + string(eol) + pad + "        b)" + string(eol)
			}
			line := c.end // after the last property
			if at < len(c.props) {
				line = c.props[at].Line() - 1
			}
			if line >= len(lines) {
				continue // the last line, with no line break
			}
			lines[line] = append([]byte(text), lines[line]...)
		case r < 7: // a property deleted (a ZIndex less often: its control moves)
			p := c.props[rng.IntN(len(c.props))]
			if p.Name == "ZIndex" && rng.IntN(2) != 0 {
				p = c.props[0]
			}
			for l := p.Line() - 1; l < p.Line()-1+p.LineCount(); l++ {
				lines[l] = nil
			}
		default: // a formula changed
			p := c.props[rng.IntN(len(c.props))]
			l := p.Line() - 1 + rng.IntN(p.LineCount())
			text := bytes.TrimRight(lines[l], "\r\n")
			lines[l] = append(fmt.Appendf(nil, "%s & %d", text, rng.IntN(9)), lines[l][len(text):]...)
		}
		data = bytes.Join(lines, nil)
	}
	return data, touched
}

// propControl is a control with properties: its header's line, its properties, and
// the line after its last property.
type propControl struct {
	header int
	props  []*fxyaml.Property
	end    int
}

// propControls returns data's controls that have properties.
func propControls(data []byte) []propControl {
	f, err := fxyaml.Parse(data)
	if err != nil {
		return nil
	}
	var out []propControl
	var walk func(b *fxyaml.Block)
	walk = func(b *fxyaml.Block) {
		c := propControl{header: b.Line() - 1}
		for _, n := range b.Body {
			switch n := n.(type) {
			case *fxyaml.Property:
				c.props = append(c.props, n)
				c.end = n.Line() - 1 + n.LineCount()
			case *fxyaml.Block:
				walk(n)
			}
		}
		if len(c.props) > 0 && b.Kind == fxyaml.ControlBlock {
			out = append(out, c)
		}
	}
	for _, b := range f.Blocks() {
		walk(b)
	}
	return out
}

// TestChangedRegionsAddedDeleted checks the regions of lines added and deleted: the
// lines one side has and the other not, where resync would pair each added line with
// the base's line in its place to the end of the control; and a formula changed in
// place to a line the file has further on is still a region of its own lines.
func TestChangedRegionsAddedDeleted(t *testing.T) {
	base := screenOf(6)
	flat := strings.Replace(base, "=Set(a, 3);\n            Set(b, 3)\n", "=Set(a, 3);\n            Set(b, 4)\n            Set(c, 4)\n            Set(d, 4)\n            Set(e, 4)\n", 1)
	// Two calls of three argument lines each in one block formula.
	calls := strings.Replace(base, "=Set(a, 3);\n            Set(b, 3)\n", "=Set(a, 3);\n            P(\n                a,\n                b,\n                c);\n            Q(\n                a,\n                b,\n                c)\n", 1)
	for _, tc := range []struct {
		name, base   string
		old, new     string
		bText, sText string // the region's lines in base and side
	}{
		{"a property added", base, "        X: =2\n", "        Width: =1\n        X: =2\n", "", "        Width: =1\n"},
		{"a property added after the last one", base, "        ZIndex: =3\n\n", "        ZIndex: =3\n        Zz: =1\n\n", "", "        Zz: =1\n"},
		{"a block formula added", base, "        X: =2\n", "        Width: |-\n            =1 +\n            2\n        X: =2\n", "", "        Width: |-\n            =1 +\n            2\n"},
		{"a property deleted", base, "        Text: =\"Label 2\"\n", "", "        Text: =\"Label 2\"\n", ""},
		{"the last property deleted", base, "        ZIndex: =3\n", "", "        ZIndex: =3\n", ""},
		{"a formula changed to a later one's text", base, "        X: =2\n", "        X: =3\n", "        X: =2\n", "        X: =3\n"},
		// Deleting P( and its arguments would also give the side: four lines, where
		// the change in place is one.
		{"a call renamed as the next one", calls, "            P(\n", "            Q(\n", "            P(\n", "            Q(\n"},
		{"a formula line changed to a later line's text", flat, "            Set(b, 4)\n", "            Set(c, 4)\n", "            Set(b, 4)\n", "            Set(c, 4)\n"},
	} {
		if !strings.Contains(tc.base, tc.old) {
			t.Fatalf("%s: no %q", tc.name, tc.old)
		}
		b, side := []byte(tc.base), []byte(strings.Replace(tc.base, tc.old, tc.new, 1))
		rs := changedRegions(b, side)
		if len(rs) != 1 {
			t.Errorf("%s: %d regions, want 1", tc.name, len(rs))
			continue
		}
		r := rs[0]
		if got, want := string(b[r.start:r.end]), tc.bText; got != want {
			t.Errorf("%s: base lines %q, want %q", tc.name, got, want)
		}
		if got, want := string(side[r.start+r.shift:r.end+r.shift+r.delta]), tc.sText; got != want {
			t.Errorf("%s: side lines %q, want %q", tc.name, got, want)
		}
	}
}
