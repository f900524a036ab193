package fxmerge

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/source/fxyaml"
)

// ctlSpan is a control of a parsed file: its header line, the line after its block
// (its children and blank lines included), its indent, its body's, its ZIndex and its
// child controls.
type ctlSpan struct {
	name         string
	header, end  int
	indent, body int
	z            float64
	kids         []*ctlSpan
}

// ctlSpans returns data's controls in file order.
func ctlSpans(data []byte) []*ctlSpan {
	f, err := fxyaml.Parse(data)
	if err != nil {
		return nil
	}
	var out []*ctlSpan
	var walk func(b *fxyaml.Block, indent int) *ctlSpan
	walk = func(b *fxyaml.Block, indent int) *ctlSpan {
		w := &fxyaml.Writer{}
		w.WriteBlock(b, 0)
		c := &ctlSpan{name: b.Name, header: b.Line() - 1, end: b.Line() - 1 + w.Lines(), indent: indent,
			body: fxyaml.ChildIndent(b, indent), z: b.ZIndex()}
		out = append(out, c)
		for _, n := range b.Body {
			if k, ok := n.(*fxyaml.Block); ok && k.Kind == fxyaml.ControlBlock {
				c.kids = append(c.kids, walk(k, c.body))
			}
		}
		return c
	}
	for _, b := range f.Blocks() {
		walk(b, fxyaml.Indent(b))
	}
	return out
}

// eolOf returns the line break of data's first line.
func eolOf(data []byte) string {
	if i := bytes.IndexByte(data, '\n'); i > 0 && data[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// newControl writes a control block at an indent, as Studio adds one: properties in
// pac's order (now and then not), a container now and then with a child of its own.
func newControl(rng *rand.Rand, name string, indent int, z float64, eol string) string {
	pad := strings.Repeat(" ", indent)
	var b strings.Builder
	typ := "label"
	if rng.IntN(4) == 0 {
		typ = "groupContainer.manualLayoutContainer"
	}
	fmt.Fprintf(&b, "%s%s As %s:%s", pad, name, typ, eol)
	props := []string{"Height: =40", fmt.Sprintf("Text: =\"%s\"", name), "X: =10", "Y: =20"}
	if rng.IntN(6) == 0 {
		props = append([]string{"Height: =40", "OnSelect: |-", "    =Set(a, 1);", "    Set(b, 2)"}, props[1:]...)
	}
	if rng.IntN(10) == 0 {
		props[0], props[len(props)-1] = props[len(props)-1], props[0]
	}
	for _, p := range props {
		fmt.Fprintf(&b, "%s    %s%s", pad, p, eol)
	}
	if rng.IntN(8) != 0 {
		fmt.Fprintf(&b, "%s    ZIndex: =%s%s", pad, formatZ(z), eol)
	}
	if typ != "label" {
		b.WriteString(eol)
		b.WriteString(strings.TrimSuffix(newControl(rng, name+"Inner", indent+4, 1, eol), eol+eol))
	}
	b.WriteString(eol)
	return b.String()
}

// controlEdit adds a control to data or deletes one, the way pac writes the result:
// an added control goes among its parent's children by ZIndex, each block followed by
// a blank line but the file's last. Now and then it is written elsewhere, takes a
// name the file has, or a ZIndex out of order. It returns the header lines of the
// parent (or the deleted control), for the other side to edit.
func controlEdit(rng *rand.Rand, data []byte, serial int) ([]byte, []int) {
	ctls := ctlSpans(data)
	if len(ctls) == 0 {
		return data, nil
	}
	eol := eolOf(data)
	lines := bytes.SplitAfter(data, []byte("\n"))
	if len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	if rng.IntN(3) == 0 && len(ctls) > 1 { // a control deleted
		c := ctls[1+rng.IntN(len(ctls)-1)]
		from := c.header
		if c.end == len(lines) && from > 0 && isBlank(lines[from-1]) && rng.IntN(4) != 0 {
			from-- // the last block of the file has no blank line after it
		}
		out := append(append([][]byte{}, lines[:from]...), lines[c.end:]...)
		return bytes.Join(out, nil), []int{c.header}
	}
	p := ctls[rng.IntN(len(ctls))]
	name := fmt.Sprintf("Added%d", serial)
	if rng.IntN(10) == 0 {
		name = ctls[rng.IntN(len(ctls))].name
	}
	z := 1.0
	if n := len(p.kids); n > 0 {
		z = p.kids[n-1].z + 1
		switch rng.IntN(4) {
		case 0:
			z = p.kids[rng.IntN(n)].z + 0.5
		case 1:
			z = p.kids[rng.IntN(n)].z // a tie
		}
	}
	block := newControl(rng, name, p.body, z, eol)
	at := p.end // after the last child
	for _, k := range p.kids {
		if k.z > z {
			at = k.header
			break
		}
	}
	if rng.IntN(10) == 0 && len(p.kids) > 0 {
		at = p.kids[rng.IntN(len(p.kids))].header // out of ZIndex order
	}
	if at == len(lines) && (len(lines) == 0 || !isBlank(lines[at-1])) {
		block = eol + strings.TrimSuffix(block, eol) // the file's last block
	}
	if rng.IntN(12) == 0 {
		block = strings.TrimSuffix(block, eol) // no blank line after it
	}
	out := append(append(append([][]byte{}, lines[:at]...), []byte(block)), lines[at:]...)
	return bytes.Join(out, nil), []int{p.header}
}

// TestFastPathRandomControlEdits compares the two paths on merges where one side added
// or deleted a control (or two) and the other side changed properties, often in the
// same parent or the same control; now and then both sides add or delete controls.
func TestFastPathRandomControlEdits(t *testing.T) {
	files := propertyScreens(t)
	var total, fast int
	serial := 0
	for seed := uint64(1); seed <= 4; seed++ {
		rng := rand.New(rand.NewPCG(18, 30+seed))
		for round := 0; round < 12; round++ {
			for fi, base := range files {
				serial++
				ours, touched := controlEdit(rng, base, serial)
				if rng.IntN(4) == 0 {
					ours, _ = controlEdit(rng, ours, serial+1000)
				}
				if rng.IntN(3) == 0 {
					ours, _ = propertyEdits(rng, ours, nil, 1)
				}
				theirs, _ := propertyEdits(rng, base, touched, 1+rng.IntN(3))
				if rng.IntN(10) == 0 {
					theirs, _ = controlEdit(rng, base, serial+2000)
				}
				if rng.IntN(2) == 0 {
					ours, theirs = theirs, ours
				}
				total++
				if samePaths(t, fmt.Sprintf("seed %d file %d round %d", seed, fi, round), base, ours, theirs, Options{}) {
					fast++
				}
			}
		}
	}
	wantFastShare(t, total, fast)
}

// blockBase is a screen in pac's form with a container: the base of
// TestFastPathControlEdits.
const blockBase = `Screen1 As screen:
    Fill: =White

    Box1 As groupContainer.manualLayoutContainer:
        Height: =300
        ZIndex: =1

        Label1 As label:
            Text: ="a"
            ZIndex: =1

        Label2 As label:
            Text: ="b"
            ZIndex: =3

    Label3 As label:
        Text: ="c"
        ZIndex: =2
`

// TestFastPathControlEdits compares the two paths where one side added or deleted a
// control, on each condition of the fast path (blockedits.go), in LF and CRLF; fast
// says whether the fast path must be taken.
func TestFastPathControlEdits(t *testing.T) {
	label := func(indent, name, text, z string) string {
		return indent + name + " As label:\n" + indent + "    Text: =\"" + text + "\"\n" + indent + "    ZIndex: =" + z + "\n"
	}
	in := "        " // Box1's children
	rep := func(s, from, to string) string {
		if !strings.Contains(s, from) {
			t.Fatalf("no %q in\n%s", from, s)
		}
		return strings.Replace(s, from, to, 1)
	}
	b := blockBase
	addBetween := rep(b, in+"Label2 As label:\n", label(in, "Label4", "d", "2")+"\n"+in+"Label2 As label:\n")
	addEnd := b + "\n" + label("    ", "Label4", "d", "3")
	editC := rep(b, `Text: ="c"`, `Text: ="c!"`)
	editA := rep(b, `Text: ="a"`, `Text: ="a!"`)
	editHeight := rep(b, "Height: =300", "Height: =310")
	editFill := rep(b, "Fill: =White", "Fill: =Black")
	delLabel1 := rep(b, label(in, "Label1", "a", "1")+"\n", "")
	delLabel3 := rep(b, "\n"+label("    ", "Label3", "c", "2"), "")
	// A base whose container is not in pac's layout (a comment among its properties).
	pacless := rep(b, "        Height: =300\n", "        Height: =300\n        # note\n")
	// A component: a function, a property, a child.
	comp := "Comp1 As CanvasComponent:\n    F(a As Number):\n        a:\n            Default: =1\n    Fill: =White\n\n" + label("    ", "Label1", "a", "1")
	compEdit := rep(comp, `Text: ="a"`, `Text: ="a!"`)
	// A base whose last control is the container.
	b2 := delLabel3
	add2 := b2 + "\n" + label("    ", "Label4", "d", "2")
	for _, tc := range []struct {
		name, ours, theirs string
		fast               bool
		base               string
	}{
		{"added to a component", comp + "\n" + label("    ", "Label2", "b", "2"), rep(comp, "=White", "=Black"), true, comp},
		{"added before a component's function", rep(comp, "    F(a", label("    ", "Label0", "z", "0.5")+"\n    F(a"), compEdit, false, comp},
		{"deleted from a component", rep(comp, "\n"+label("    ", "Label1", "a", "1"), ""), rep(comp, "=White", "=Black"), true, comp},
		{"added at the end of the file, both sides' edits in the control before it", rep(add2, `Text: ="b"`, `Text: ="b!"`), rep(b2, "            ZIndex: =3\n", "            ZIndex: =3\n            Zz: =1\n"), true, b2},
		{"added at the end of the file by theirs, both sides' edits in the control before it", rep(b2, "            ZIndex: =3\n", "            ZIndex: =3\n            Zz: =1\n"), rep(add2, `Text: ="b"`, `Text: ="b!"`), true, b2},
		{"added at the end of the file after a container", add2, rep(b2, "Fill: =White", "Fill: =Black"), true, b2},
		{"added at the end of the file, their edit in the container before it", add2, rep(b2, "Height: =300", "Height: =310"), true, b2},
		{"added at the end of the file, their edit in the control before it (in a container)", add2, rep(b2, `Text: ="b"`, `Text: ="b!"`), true, b2},
		{"added between siblings", addBetween, editC, true, ""},
		{"added between siblings, their edit in the parent", addBetween, editA, true, ""},
		{"added between siblings, by theirs", editC, addBetween, true, ""},
		{"added as the parent's first child", rep(b, in+"Label1 As label:\n", label(in, "Label0", "z", "0.5")+"\n"+in+"Label1 As label:\n"), editA, true, ""},
		{"added with a child of its own", rep(b, "    Label3 As label:\n", "    Box2 As groupContainer.manualLayoutContainer:\n        Height: =5\n        ZIndex: =1.5\n\n"+label(in, "Label5", "e", "1")+"\n    Label3 As label:\n"), editA, true, ""},
		{"a group added", rep(b, "    Label3 As label:\n", "    Group1 As group:\n        ZIndex: =1.5\n\n"+label(in, "Label5", "e", "1.2")+"\n    Label3 As label:\n"), editA, true, ""},
		{"added at the end of the file", addEnd, editFill, true, ""},
		{"added as the container's last child, their edit in it", rep(b, "            ZIndex: =3\n", "            ZIndex: =3\n\n"+label(in, "Label4", "d", "4")), editHeight, true, ""},
		{"added at the end of the file, by theirs", editHeight, addEnd, true, ""},
		{"added at the end, their edit in the control before it", addEnd, editC, true, ""},
		{"added at the end without a final line break", strings.TrimSuffix(addEnd, "\n"), editHeight, false, ""},
		{"added right after a property they added", b + label("    ", "Label4", "d", "3"), b + "        Zz: =1\n", true, ""},
		{"added with a ZIndex tie", rep(b, in+"Label2 As label:\n", label(in, "Label4", "d", "1")+"\n"+in+"Label2 As label:\n"), editC, true, ""},
		{"added out of ZIndex order", rep(b, in+"Label2 As label:\n", label(in, "Label4", "d", "5")+"\n"+in+"Label2 As label:\n"), editC, false, ""},
		{"added with properties out of order", rep(b, in+"Label2 As label:\n", in+"Label4 As label:\n"+in+"    ZIndex: =2\n"+in+"    Text: =\"d\"\n\n"+in+"Label2 As label:\n"), editC, false, ""},
		{"added with a name the base has (a move)", rep(delLabel3, in+"Label2 As label:\n", label(in, "Label3", "c", "2")+"\n"+in+"Label2 As label:\n"), editA, false, ""},
		{"added with a name twice", rep(b, in+"Label2 As label:\n", label(in, "Label4", "d", "2")+"\n"+strings.Replace(label(in, "Label4", "d", "2"), "As label", "As button", 1)+"\n"+in+"Label2 As label:\n"), editC, false, ""},
		{"added among the parent's properties, their edit in the parent", rep(b, "        ZIndex: =1\n\n        Label1", label(in, "Label4", "d", "0.5")+"        ZIndex: =1\n\n        Label1"), editA, false, ""},
		{"added with a property of the parent after it", rep(b, in+"Label2 As label:\n", label(in, "Label4", "d", "2")+in+"Visible: =false\n\n"+in+"Label2 As label:\n"), editA, false, ""},
		{"added with a function", rep(b, in+"Label2 As label:\n", label(in, "Label4", "d", "2")+in+"    F(a As Number):\n"+in+"        a:\n"+in+"            Default: =1\n\n"+in+"Label2 As label:\n"), editC, false, ""},
		{"added with a lone CR", rep(b, in+"Label2 As label:\n", strings.Replace(label(in, "Label4", "d", "2"), "\"\n", "\"\r", 1)+"\n"+in+"Label2 As label:\n"), rep(b, `Text: ="c"`+"\n", `Text: ="c!"`+"\r\n"), false, ""},
		{"added in a parent not in pac's layout", rep(pacless, in+"Label2 As label:\n", label(in, "Label4", "d", "2")+"\n"+in+"Label2 As label:\n"), rep(pacless, `Text: ="a"`, `Text: ="a!"`), false, pacless},
		{"added on both sides", addBetween, addEnd, false, ""},
		{"added with a ZIndex changed", addBetween, rep(b, "ZIndex: =2\n", "ZIndex: =2.5\n"), false, ""},
		{"added among the parent's properties", rep(b, "        ZIndex: =1\n\n        Label1", "        "+strings.TrimPrefix(label(in, "Label4", "d", "2"), in)+"        ZIndex: =1\n\n        Label1"), editC, false, ""},
		{"added where a property of the parent has a space", rep(rep(b, "        Height: =300\n", "        Height: =300\n        Label4 As label: =1\n"), in+"Label2 As label:\n", label(in, "Label4", "d", "2")+"\n"+in+"Label2 As label:\n"),
			rep(rep(b, "        Height: =300\n", "        Height: =300\n        Label4 As label: =1\n"), `Text: ="c"`, `Text: ="c!"`), false, ""},
		{"deleted", delLabel1, editC, true, ""},
		{"deleted, their edit in the parent", delLabel1, rep(b, `Text: ="b"`, `Text: ="b!"`), true, ""},
		{"deleted by theirs", editC, delLabel1, true, ""},
		{"deleted the file's last control", delLabel3, editFill, true, ""},
		{"deleted the file's last control, their edit before it", delLabel3, rep(b, `Text: ="b"`, `Text: ="b!"`), true, ""},
		{"deleted the file's last control, their edit in the container before it", delLabel3, editHeight, true, ""},
		{"deleted the file's last control, by theirs", editHeight, delLabel3, true, ""},
		{"deleted a control they edited", delLabel1, editA, false, ""},
		{"deleted a container they edited inside", rep(b, b[strings.Index(b, "    Box1"):strings.Index(b, "    Label3")], ""), editA, false, ""},
		{"deleted a container", rep(b, b[strings.Index(b, "    Box1"):strings.Index(b, "    Label3")], ""), editC, true, ""},
		{"deleted on both sides", delLabel1, delLabel3, false, ""},
	} {
		for _, crlf := range []bool{false, true} {
			base, ours, theirs := b, tc.ours, tc.theirs
			if tc.base != "" {
				base = tc.base
			}
			if strings.Contains(tc.name, "a space") {
				base = rep(b, "        Height: =300\n", "        Height: =300\n        Label4 As label: =1\n")
			}
			name := tc.name
			if crlf && strings.Contains(tc.name, "lone CR") {
				continue
			}
			if crlf {
				nl := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
				base, ours, theirs, name = nl(base), nl(ours), nl(theirs), name+" (CRLF)"
			}
			if got := samePaths(t, name, []byte(base), []byte(ours), []byte(theirs), Options{}); got != tc.fast {
				t.Errorf("%s: fast path taken: %v, want %v", name, got, tc.fast)
			}
		}
	}
	// Ours' line breaks are those of ours' lines, the deleted ones out: the base breaks
	// its lines with CRLF but for one LF in the control ours deletes, so ours is all
	// CRLF, and the general merge ends theirs' LF line with CRLF.
	crlf := strings.ReplaceAll(b, "\n", "\r\n")
	mixed := rep(crlf, "Text: =\"a\"\r\n", "Text: =\"a\"\n")
	ours := rep(mixed, in+"Label1 As label:\r\n"+in+"    Text: =\"a\"\n"+in+"    ZIndex: =1\r\n\r\n", "")
	theirs := rep(mixed, "Text: =\"c\"\r\n", "Text: =\"c!\"\n")
	if !samePaths(t, "deleted the only LF", []byte(mixed), []byte(ours), []byte(theirs), Options{}) {
		t.Error("deleted the only LF: the fast path was not taken")
	}
}
