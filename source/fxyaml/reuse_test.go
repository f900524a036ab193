package fxyaml

import (
	"bytes"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// describe lists what a file reads as, node by node: everything but a property's line
// number, which a reused property takes from the reference file.
func describe(f *File) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "bom=%v final=%v nl=%q mixed=%v\n", f.BOM, f.NoFinalNewline, f.Newline(), f.MixedNewlines())
	var walk func(body []Node, depth int)
	walk = func(body []Node, depth int) {
		for _, n := range body {
			switch n := n.(type) {
			case *Property:
				fmt.Fprintf(&sb, "%d prop %q=%q key=%q lines=%d multi=%v mod=%v\n", depth, n.Name, n.Value, n.Key(), n.LineCount(), n.Multiline(), n.Modified())
			case *Block:
				fmt.Fprintf(&sb, "%d block %v %q %q %q %v key=%q line=%d indent=%d\n", depth, n.Kind, n.Name, n.Type, n.Variant, n.Params, n.Key(), n.Line(), Indent(n))
				walk(n.Body, depth+1)
			case *Trivia:
				fmt.Fprintf(&sb, "%d trivia %q\n", depth, n.Line)
			}
		}
	}
	walk(f.Body, 0)
	return sb.String()
}

// checkReuse parses data reusing ref's parse and checks it reads and writes exactly as
// data's own parse; it returns how many properties were ref's.
func checkReuse(t *testing.T, name string, data []byte, ref *File) int {
	t.Helper()
	own, err := Parse(data)
	got, rerr := ParseSharedReusing(data, ref)
	if (err == nil) != (rerr == nil) || (err != nil && err.Error() != rerr.Error()) {
		t.Fatalf("%s: Parse: %v; ParseSharedReusing: %v", name, err, rerr)
	}
	if err != nil {
		return 0
	}
	if d, w := describe(got), describe(own); d != w {
		t.Fatalf("%s: reusing, the file reads\n%s\nwant\n%s", name, d, w)
	}
	if b := got.Bytes(); !bytes.Equal(b, data) {
		t.Fatalf("%s: reusing, the file writes\n%q\nwant\n%q", name, b, data)
	}
	shared := 0
	if ref != nil {
		mine := map[*Property]bool{}
		for _, p := range propsInOrder(ref.Body, nil) {
			mine[p] = true
		}
		for _, p := range propsInOrder(got.Body, nil) {
			if mine[p] {
				shared++
			}
		}
	}
	return shared
}

// A side of a merge shares the base's properties whose lines it did not change, and
// only those; it reads and writes as its own parse does.
func TestParseSharedReusing(t *testing.T) {
	ref, err := Parse([]byte(weather))
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(weather, "Height: =70", "Height: =71", 1)             // changed
	edited = strings.Replace(edited, "        ZIndex: =2\n", "", 1)                 // deleted
	edited = strings.Replace(edited, "    Width:", "    Fill: =Red\n    Width:", 1) // added
	f, err := ParseSharedReusing([]byte(edited), ref)
	if err != nil {
		t.Fatal(err)
	}
	checkReuse(t, "edited", []byte(edited), ref)
	r, s := ref.Root(), f.Root()
	for _, name := range []string{"Height", "Width"} {
		if r.Property(name) != s.Property(name) {
			t.Errorf("%s is not the reference's node", name)
		}
	}
	if s.Property("Fill") == nil || s.Property("Fill").Line() != 3 {
		t.Errorf("the added Fill: %+v", s.Property("Fill"))
	}
	rk, sk := r.Children(), s.Children()
	if rk[0].Property("Height") == sk[0].Property("Height") || sk[0].Property("Height").Value != "71" {
		t.Error("the changed Height is the reference's node")
	}
	if rk[0].Property("Text") != sk[0].Property("Text") || rk[1].Property("OnSelect") != sk[1].Property("OnSelect") {
		t.Error("block formulas after the changes are not the reference's nodes")
	}
	if sk[1].Property("ZIndex") != nil {
		t.Error("the deleted ZIndex is back")
	}
	blank := func(b *Block) *Trivia {
		for _, n := range b.Body {
			if tr, ok := n.(*Trivia); ok {
				return tr
			}
		}
		return nil
	}
	if rb, sb := blank(r), blank(s); rb == nil || rb != sb {
		t.Errorf("the empty line is not the reference's node (%p, %p)", rb, sb)
	}
	// The body of a control that holds only shared nodes is the reference's.
	same, err := ParseSharedReusing([]byte(weather), ref)
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range same.Root().Children() {
		if rb := rk[i].Body; &k.Body[0] != &rb[0] || len(k.Body) != len(rb) || cap(k.Body) != len(k.Body) {
			t.Errorf("%s: the body is not the reference's (or may grow into it)", k.Name)
		}
	}
	if &same.Root().Body[0] == &r.Body[0] {
		t.Error("the body of a control with children is the reference's")
	}
	// Another file's lines: the same text at another indent, or with other line
	// breaks, is another property.
	crlf := strings.ReplaceAll(edited, "\n", "\r\n")
	if n := checkReuse(t, "crlf", []byte(crlf), ref); n != 0 {
		t.Errorf("%d properties with other line breaks were shared", n)
	}
	deeper := strings.ReplaceAll(weather, "\n    ", "\n      ")
	if n := checkReuse(t, "deeper", []byte(deeper), ref); n != 0 {
		t.Errorf("%d properties at another indent were shared", n)
	}
	// A property of the reference changed since it was parsed is not reused.
	ref.Root().Property("Width").Value = "1"
	g, err := ParseSharedReusing([]byte(weather), ref)
	if err != nil || g.Root().Property("Width") == ref.Root().Property("Width") || g.Root().Property("Width").Value == "1" {
		t.Errorf("a changed property of the reference was reused (%v)", err)
	}
	if n := checkReuse(t, "nil ref", []byte(weather), nil); n != 0 {
		t.Error("shared without a reference")
	}
}

// Every corpus file parsed reusing the one before it (in name order: versions of one
// file follow each other) reads and writes as its own parse.
func TestCorpusParseSharedReusing(t *testing.T) {
	files := corpusFiles(t)
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	var prev *File
	pairs, shared := 0, 0
	for _, cf := range files {
		shared += checkReuse(t, cf.name, cf.data, prev)
		if f, err := Parse(cf.data); err == nil {
			prev = f
			pairs++
		}
	}
	if pairs > 1 && shared == 0 {
		t.Error("no property of the corpus was shared")
	}
	t.Logf("%d files, %d properties shared with the file before", pairs, shared)
}

// A side parsed reusing a base it did not change allocates no property nodes: the
// three-way merge of a 10,000-control screen held each of its properties three times.
func TestParseSharedReusingMemory(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("Screen1 As screen:\n    Fill: =White\n\n")
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&sb, "    Label%d As label:\n", i)
		for _, p := range []string{"BorderColor", "Color", "Fill", "FontWeight", "Height", "OnSelect", "Size", "Text", "Visible", "Width", "X", "Y"} {
			fmt.Fprintf(&sb, "        %s: =%d\n", p, i)
		}
		fmt.Fprintf(&sb, "        ZIndex: =%d\n\n", i+1)
	}
	data := []byte(sb.String())
	ref, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	alloc := func(parse func() (*File, error)) uint64 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for i := 0; i < 5; i++ {
			if _, err := parse(); err != nil {
				t.Fatal(err)
			}
		}
		runtime.ReadMemStats(&after)
		return (after.TotalAlloc - before.TotalAlloc) / 5
	}
	own := alloc(func() (*File, error) { return ParseShared(data) })
	reused := alloc(func() (*File, error) { return ParseSharedReusing(data, ref) })
	// The properties are 13,001 of the file's 15,002 nodes and most of its memory.
	if reused*2 > own {
		t.Errorf("parsing reusing an identical file allocated %d bytes, parsing on its own %d: want at most half", reused, own)
	}
	t.Logf("%d bytes parsed: %d bytes allocated on its own, %d reusing", len(data), own, reused)
}

// A file whose CRs all end CRLFs is split at its LFs alone; one with a lone CR among
// fewer CRs than LFs is read again the careful way, and reads as Scan (which always
// splits carefully) accepts or rejects it.
func TestParseLoneCRAmongLFs(t *testing.T) {
	for in, props := range map[string]int{
		"S As screen:\r\n    A: =1\r\n    B: =2\r\n":      2,
		"S As screen:\n    A: =1\r    B: =2\n    C: =3\n": 3,
		"S As screen:\r\n    A: =1\r    B: =2\r\n\n\n":    2,
		"S As screen:\n    A: =1\r  B: =2\n    C: =3\n":   -1, // an error once B is a line of its own
	} {
		f, err := Parse([]byte(in))
		_, serr := Scan([]byte(in), nil)
		if (err == nil) != (serr == nil) || (err != nil && err.Error() != serr.Error()) {
			t.Errorf("%q: Parse: %v; Scan: %v", in, err, serr)
			continue
		}
		if props < 0 {
			if err == nil {
				t.Errorf("%q parsed", in)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if n := len(f.Root().Properties()); n != props {
			t.Errorf("%q: %d properties, want %d", in, n, props)
		}
		if got := string(f.Bytes()); got != in {
			t.Errorf("%q written as %q", in, got)
		}
	}
}
