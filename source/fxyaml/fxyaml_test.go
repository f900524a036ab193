package fxyaml

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"testing"
	"unsafe"
)

var weather = `Screen1 As screen:
    Height: =Max(App.Height, App.DesignHeight)
    Width: =Max(App.Width, App.DesignWidth)

    Label1 As label:
        Height: =70
        Text: |-
            ="Start:"
        ZIndex: =1

    Label2 As label:
        OnSelect: |
            =Set(a, 1);
` + "            " + `
            Set(b, 2);
        ZIndex: =2

`

func TestParseModel(t *testing.T) {
	f, err := Parse([]byte(weather))
	if err != nil {
		t.Fatal(err)
	}
	root := f.Root()
	if root.Name != "Screen1" || root.Type != "screen" || root.Variant != "" {
		t.Fatalf("root = %q %q %q", root.Name, root.Type, root.Variant)
	}
	kids := root.Children()
	if len(kids) != 2 || kids[0].Name != "Label1" || kids[1].Name != "Label2" {
		t.Fatalf("children = %v", kids)
	}
	if v := kids[0].Property("Text").Value; v != `"Start:"` {
		t.Errorf("Text = %q", v)
	}
	// The blank formula line carries the body indentation; '|' keeps one final LF.
	if v := kids[1].Property("OnSelect").Value; v != "Set(a, 1);\n\nSet(b, 2);\n" {
		t.Errorf("OnSelect = %q", v)
	}
	if z := kids[1].ZIndex(); z != 2 {
		t.Errorf("ZIndex = %v", z)
	}
	if got := string(f.Bytes()); got != weather {
		t.Errorf("round trip:\n%s", got)
	}
}

func TestRoundTripVariants(t *testing.T) {
	for name, src := range map[string]string{
		"crlf":          strings.ReplaceAll(weather, "\n", "\r\n"),
		"bom":           "\ufeff" + weather,
		"no final LF":   strings.TrimSuffix(weather, "\n\n"),
		"lone CR":       strings.ReplaceAll(weather, "\n", "\r"),
		"mixed":         strings.Replace(weather, "\n", "\r\n", 3),
		"comments":      "# leading\nA As screen:\n    # inside\n    X: =1\n\n",
		"two-space":     "A As screen:\n  X: =1\n\n  B As label:\n    Y: |\n      =a\n      b\n",
		"trailing ws":   "A As screen:   \n    X: =1  \n    \n",
		"empty blocks":  "A As screen:\n\n    B As label:\n\n    C As label:\n",
		"quoted header": "\"'Home Screen' As screen\":\n    X: =1\n\n    \"G As gallery.'a.b'\":\n        Y: =2\n",
		"keep chomp":    "A As screen:\n    X: |+\n        =a\n        \n        \n\n",
		"quoted prop":   "A As screen:\n    'my prop': =1\n",
		"colon value":   "A As screen:\n    X: =a: b\n",
		"second root":   "A As screen:\n    X: =1\n\nB As screen:\n    Y: =2\n",
		"function":      "C As CanvasComponent:\n    F(a As Number, b As Text):\n        a:\n            Default: =1\n        b:\n            Default: =\"\"\n        ThisProperty:\n            Default: =a\n    X: =1\n",
	} {
		f, err := Parse([]byte(src))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := string(f.Bytes()); got != src {
			t.Errorf("%s: round trip gave %q", name, got)
		}
	}
}

func TestParseStructure(t *testing.T) {
	src := "C As CanvasComponent:\n    F(a As Number, b As Text):\n        a:\n            Default: =1\n        ThisProperty:\n            Default: =a\n    X: =1\n\n    \"G As gallery.'BrowseLayout_ver5.0'\":\n        'It''s': =2\n"
	f, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	c := f.Root()
	fns := c.Functions()
	if len(fns) != 1 || fns[0].Name != "F" || fns[0].Kind != FunctionBlock {
		t.Fatalf("functions = %+v", fns)
	}
	if p := fns[0].Params; len(p) != 2 || p[1] != (Param{"b", "Text"}) {
		t.Errorf("params = %+v", p)
	}
	args := fns[0].Children()
	if len(args) != 2 || args[0].Kind != ArgBlock || args[1].Name != "ThisProperty" || args[1].Property("Default").Value != "a" {
		t.Errorf("args = %+v", args)
	}
	g := c.Children()[0]
	if g.Name != "G" || g.Type != "gallery" || g.Variant != "BrowseLayout_ver5.0" {
		t.Errorf("gallery header = %q %q %q", g.Name, g.Type, g.Variant)
	}
	if g.Property("It's") == nil {
		t.Errorf("quoted property name not unescaped")
	}
}

func TestParseErrors(t *testing.T) {
	for _, c := range []struct {
		src       string
		line, col int
		msg       string
	}{
		{"A As screen:\n\tX: =1\n", 2, 1, "tabs"},
		{"A As screen:\n    X: =1\n    X: =2\n", 3, 5, "already defined on line 2"},
		{"A As screen:\n    X: =Color # red\n", 2, 15, "# is not allowed"},
		{"A As screen:\n    X: =1\n  Y: =2\n", 3, 3, "align exactly"},
		{"A As screen:\n    X: =1\n        Y: =2\n", 3, 9, "same indent level"},
		{"A As screen:\n    X: 1\n", 2, 8, "expected either '='"},
		{"A As screen:\n    X:=1\n", 2, 7, "at least 1 space"},
		{"A As screen:\n    X: \"a\"\n", 2, 8, "quote"},
		{"A As screen:\n    X: >\n        =1\n", 2, 8, ">"},
		{"A As screen:\n    X: |\n    Y: =1\n", 2, 8, "empty multiline"},
		{"A As screen:\n    X: |\n        a\n", 3, 9, "must start with an '='"},
		{"A As screen:\n    X: | x\n        =a\n", 2, 10, "next line"},
		{"A As screen:\n    X\n", 2, 6, "missing ':'"},
		{"A As screen:\n    --- x\n", 2, 5, "---"},
		{"A screen:\n", 1, 1, "control definition"},
		{"A As screen:\n    B As label.x.y:\n", 2, 5, "control definition"},
		{"A As screen:\n    F(a As):\n", 2, 5, "closing ')'"},
		{"A As screen:\n    F(a As T):\n        X: =1\n", 3, 9, "function definition"},
		{"A As screen:\n    F(a As T):\n        a:\n            Other: =1\n", 4, 13, "only Default"},
		{"X: =1\n", 1, 1, "outside any control"},
		{"\n\n", 2, 1, "no control block"},
		{"A As screen:\n    X: =\xff\n", 2, 9, "invalid UTF-8"},
		{"A As screen:\n    X: |\n            =a\n          b\n", 4, 11, "indented less"},
	} {
		_, err := Parse([]byte(c.src))
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%q: err = %v, want a SyntaxError", c.src, err)
			continue
		}
		if se.Line != c.line || se.Column != c.col || !strings.Contains(se.Msg, c.msg) {
			t.Errorf("%q: got %v, want line %d, column %d, containing %q", c.src, err, c.line, c.col, c.msg)
		}
	}
}

func TestFormatProperty(t *testing.T) {
	for _, c := range []struct {
		value string
		want  []string
	}{
		{"1", []string{"    X: =1"}},
		{"", []string{"    X: ="}},
		{`"a" `, []string{`    X: ="a" `}},
		{"A#B", []string{"    X: |-", "        =A#B"}},
		{"Patched({a : b})", []string{"    X: |-", "        =Patched({a : b})"}},
		{"a\n\nb", []string{"    X: |-", "        =a", "        ", "        b"}},
		{"a\n", []string{"    X: |", "        =a"}},
		{"a\n\n", []string{"    X: |+", "        =a", "        "}},
		{"a\r\nb", []string{"    X: |-", "        =a", "        b"}},
		{"=x", []string{"    X: ==x"}},
	} {
		got := FormatProperty("X", c.value, 4)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%q: got %q, want %q", c.value, got, c.want)
		}
		// What is written reads back as the same value.
		src := "A As screen:\n" + strings.Join(got, "\n") + "\n"
		f, err := Parse([]byte(src))
		if err != nil {
			t.Errorf("%q: written form does not parse: %v", c.value, err)
			continue
		}
		want := strings.ReplaceAll(strings.ReplaceAll(c.value, "\r\n", "\n"), "\r", "\n")
		if v := f.Root().Property("X").Value; v != want {
			t.Errorf("%q: reads back as %q", c.value, v)
		}
	}
}

func TestEscapeAndHeaders(t *testing.T) {
	for in, want := range map[string]string{
		"Label1":       "Label1",
		"_x":           "_x",
		"Home Screen":  "'Home Screen'",
		"1abc":         "'1abc'",
		"It's":         "'It''s'",
		"a.b":          "'a.b'",
		"a-b":          "'a-b'",
		"Prüfung":      "Prüfung",
		"日本":           "日本",
		"x😀":           "'x😀'",
		"BrowseLayout": "BrowseLayout",
	} {
		if got := EscapeName(in); got != want {
			t.Errorf("EscapeName(%q) = %q, want %q", in, got, want)
		}
	}
	if got := quoteKey(ControlKey("Gallery1", "gallery", "BrowseLayout_Vertical_ver5.0")); got != `"Gallery1 As gallery.'BrowseLayout_Vertical_ver5.0'"` {
		t.Errorf("gallery header = %s", got)
	}
	if got := quoteKey(ControlKey(`a"b`, "label", "")); got != `"'a\"b' As label"` {
		t.Errorf("quote header = %s", got)
	}
	name, typ, variant, ok := parseControlKey("'es''caped f''oo' As 'Escaped'.foo")
	if !ok || name != "es'caped f'oo" || typ != "Escaped" || variant != "foo" {
		t.Errorf("parseControlKey = %q %q %q %v", name, typ, variant, ok)
	}
}

func TestCompareNames(t *testing.T) {
	for _, want := range [][]string{
		{"btnClick", "btnColor", "btnTextColor", "Fill", "iconColor", "text", "X", "Y"},
		{"Color", "Fill", "menuVis", "navigateHome", "NavigationButtons", "setVis", "Y", "ZIndex"},
		{"btn", "btn_1", "btnPrimary", "Button"},
		{"_ownerid_value", "cr013_description"},
		{"a", "A", "ab"},
	} {
		got := append([]string(nil), want...)
		for i, j := 0, len(got)-1; i < j; i, j = i+1, j-1 {
			got[i], got[j] = got[j], got[i]
		}
		sort.SliceStable(got, func(i, j int) bool { return CompareNames(got[i], got[j]) < 0 })
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("sorted %v, want %v", got, want)
		}
	}
}

func TestEditAndCanonicalize(t *testing.T) {
	f, err := Parse([]byte(weather))
	if err != nil {
		t.Fatal(err)
	}
	root := f.Root()
	// A changed value is written the way pac writes it; the rest keeps its bytes.
	root.Children()[0].Property("Height").Value = "Parent.Height: 2"
	got := string(f.Bytes())
	want := strings.Replace(weather, "        Height: =70\n", "        Height: |-\n            =Parent.Height: 2\n", 1)
	if got != want {
		t.Errorf("edited:\n%s", got)
	}
	// A model built in code, canonicalized, reads back to the same text pac writes.
	b := &Block{Kind: ControlBlock, Name: "Home Screen", Type: "screen"}
	b.Body = []Node{
		&Block{Kind: ControlBlock, Name: "B", Type: "label", Body: []Node{&Property{Name: "ZIndex", Value: "2"}}},
		&Property{Name: "Width", Value: "640"},
		&Block{Kind: ControlBlock, Name: "A", Type: "label", Body: []Node{&Property{Name: "ZIndex", Value: "1"}, &Property{Name: "Text", Value: `"x"`}}},
		&Property{Name: "fill", Value: "1"},
	}
	b.Canonicalize()
	nf := &File{Body: []Node{b}}
	canon := "\"'Home Screen' As screen\":\n    fill: =1\n    Width: =640\n\n    A As label:\n        Text: =\"x\"\n        ZIndex: =1\n\n    B As label:\n        ZIndex: =2\n\n"
	if got := string(nf.Bytes()); got != canon {
		t.Errorf("canonical:\n%s\nwant\n%s", got, canon)
	}
}

// generatedScreen is a screen of n controls with eight one-line properties each and a
// `|-` block every tenth control.
func generatedScreen(n int) []byte {
	var sb strings.Builder
	sb.WriteString("Screen1 As screen:\n    Fill: =White\n\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sb, "    Label%d As label:\n", i)
		for _, p := range []string{"Color", "Fill", "Height", "Text", "Width", "X", "Y", "ZIndex"} {
			fmt.Fprintf(&sb, "        %s: =%d\n", p, i)
		}
		if i%10 == 0 {
			sb.WriteString("        OnSelect: |-\n            =Set(a, 1);\n            Set(b, 2)\n")
		}
		sb.WriteString("\n")
	}
	return []byte(sb.String())
}

// Parsing allocates in slabs, not per line: a file of ~10,000 lines is a few hundred
// allocations (one or more per line before).
func TestParseAllocations(t *testing.T) {
	data := generatedScreen(1000)
	lines := bytes.Count(data, []byte("\n"))
	allocs := testing.AllocsPerRun(5, func() {
		if _, err := Parse(data); err != nil {
			t.Fatal(err)
		}
	})
	if perLine := allocs / float64(lines); perLine > 0.1 {
		t.Errorf("Parse made %.0f allocations for %d lines (%.2f a line), want at most 0.1 a line", allocs, lines, perLine)
	}
}

// Bodies share one backing array: growing one must not overwrite its neighbour.
func TestParsedBodiesAreIndependent(t *testing.T) {
	f, err := Parse(generatedScreen(3))
	if err != nil {
		t.Fatal(err)
	}
	kids := f.Root().Children()
	kids[0].Body = append(kids[0].Body, &Property{Name: "Visible", Value: "false"})
	kids[1].Body = append(kids[1].Body, &Property{Name: "Visible", Value: "true"})
	if p := kids[0].Property("Visible"); p == nil || p.Value != "false" {
		t.Fatalf("Label0's new property is %+v after Label1 grew", p)
	}
	if kids[2].Property("Visible") != nil {
		t.Fatal("Label2 got a property appended to Label1")
	}
	out := string(f.Bytes())
	if a, b, c := strings.Index(out, "Visible: =false"), strings.Index(out, "Label1 As"), strings.Index(out, "Visible: =true"); a < 0 || a > b || c < b || c > strings.Index(out, "Label2 As") {
		t.Errorf("written file:\n%s", out)
	}
}

// splitLines sizes its array by the line breaks, a CRLF counting once.
func TestSplitLinesCapacity(t *testing.T) {
	for _, in := range []string{"a\r\nb\r\nc\r\n", "a\nb\nc\n", "a\rb\rc\r", "a\r\nb\nc\rd"} {
		lines := splitLines(in)
		if want := len(lines) + 1; cap(lines) != want && cap(lines) != len(lines) {
			t.Errorf("%q: %d lines in an array of %d", in, len(lines), cap(lines))
		}
	}
}

// A small file's slabs are cut to its size: parsing App.fx.yaml-sized input must not
// allocate slabs made for thousands of lines.
func TestParseSmallFileMemory(t *testing.T) {
	data := []byte("App As appinfo:\r\n    BackEnabled: =false\r\n    OnStart: =Set(a, 1)\r\n    Theme: =PowerAppsTheme\r\n\r\n    Host As hostControl.DefaultHostControlVariant:\r\n        OnCancel: =false\r\n        OnEdit: =false\r\n\r\n")
	var before, after runtime.MemStats
	const runs = 20
	runtime.ReadMemStats(&before)
	for i := 0; i < runs; i++ {
		if _, err := Parse(data); err != nil {
			t.Fatal(err)
		}
	}
	runtime.ReadMemStats(&after)
	if perParse := (after.TotalAlloc - before.TotalAlloc) / runs; perParse > 8<<10 {
		t.Errorf("parsing %d bytes allocated %d bytes, want at most 8 KiB", len(data), perParse)
	}
}

// Both ways through splitLines (IndexByte when every CR starts a CRLF, the byte loop
// when there is a lone CR) cut the same lines.
func TestSplitLinesBreaks(t *testing.T) {
	for in, want := range map[string][]Line{
		"a\r\nb\nc":      {{"a", "\r\n"}, {"b", "\n"}, {"c", ""}},
		"\r\n\n\r\n":     {{"", "\r\n"}, {"", "\n"}, {"", "\r\n"}},
		"a\rb\r\nc\n":    {{"a", "\r"}, {"b", "\r\n"}, {"c", "\n"}},
		"a\n\rb\n\r\n":   {{"a", "\n"}, {"", "\r"}, {"b", "\n"}, {"", "\r\n"}},
		"a\r":            {{"a", "\r"}},
		"\r\r\n\n\n\n\n": {{"", "\r"}, {"", "\r\n"}, {"", "\n"}, {"", "\n"}, {"", "\n"}, {"", "\n"}},
	} {
		got := splitLines(in)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

// ParseShared reads the file in place: a megabyte formula is not copied, and the
// parsed strings point into the caller's buffer.
func TestParseShared(t *testing.T) {
	data := []byte("Screen1 As screen:\n    OnVisible: =Set(a, \"" + strings.Repeat("x", 1<<20) + "\")\n")
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f, err := ParseShared(data)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 64<<10 {
		t.Errorf("ParseShared of %d bytes allocated %d bytes: it copied the input", len(data), n)
	}
	v := f.Root().Property("OnVisible").Value
	if p := unsafe.StringData(v); uintptr(unsafe.Pointer(p)) < uintptr(unsafe.Pointer(&data[0])) ||
		uintptr(unsafe.Pointer(p)) >= uintptr(unsafe.Pointer(&data[0]))+uintptr(len(data)) {
		t.Error("the value does not point into the input")
	}
	if !bytes.Equal(f.Bytes(), data) {
		t.Error("ParseShared then Bytes changed the file")
	}
	g, err := Parse(data)
	if err != nil || g.Root().Property("OnVisible").Value != v {
		t.Fatalf("Parse and ParseShared differ: %v", err)
	}
	data[len(data)-3] = 'y' // Parse's File owns a copy
	if g.Root().Property("OnVisible").Value == f.Root().Property("OnVisible").Value {
		t.Error("Parse shares the caller's buffer")
	}
}
