package fxmerge

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
	"github.com/canvasgit/canvasgit/merge/internal/structural"
	"github.com/canvasgit/canvasgit/merge/linemerge"
	"github.com/canvasgit/canvasgit/source/fxyaml"
)

// samePaths merges with the fast path allowed and with the general merge alone, and
// fails unless both give the same bytes, conflicts, error and work. It reports whether
// the fast path was taken.
func samePaths(t *testing.T, name string, base, ours, theirs []byte, opt Options) bool {
	t.Helper()
	full, wf, errf := mergePath(base, ours, theirs, opt, WorkLimit, false)
	got, wg, errg := mergePath(base, ours, theirs, opt, WorkLimit, true)
	if (errf == nil) != (errg == nil) || (errf != nil && errf.Error() != errg.Error()) {
		t.Fatalf("%s: general merge: %v; with the fast path: %v", name, errf, errg)
	}
	if !bytes.Equal(full.Merged, got.Merged) || !reflect.DeepEqual(full.Conflicts, got.Conflicts) || wf != wg {
		t.Fatalf("%s: the fast path differs from the general merge (work %d, %d; %d, %d conflicts)\nbase:\n%s\nours:\n%s\ntheirs:\n%s\ngeneral:\n%s\nfast:\n%s",
			name, wf, wg, len(full.Conflicts), len(got.Conflicts), base, ours, theirs, full.Merged, got.Merged)
	}
	if _, done, err := structural.Precheck(base, ours, theirs, opt.MarkerSize, MaxInputBytes, fallbackf); err != nil || done {
		return false
	}
	_, _, took := fastMerge(base, ours, theirs, WorkLimit)
	return took
}

// TestFastPathCorpusMerges compares the two paths on every .fx.yaml file both sides of
// a corpus merge changed.
func TestFastPathCorpusMerges(t *testing.T) {
	var total, fast int
	for _, bundle := range corpus.Bundles(t) {
		for _, c := range bundleCases(t, bundle) {
			total++
			if samePaths(t, c.name, c.base, c.ours, c.theirs, Options{}) {
				fast++
			}
		}
	}
	t.Logf("%d merges, %d by the fast path", total, fast)
}

// TestFastPathTaken checks that the fast path is taken where it should be (each side
// changed one formula of a large screen, one side a ZIndex), and gives the general
// merge's bytes.
func TestFastPathTaken(t *testing.T) {
	base := []byte(screenOf(300))
	for _, tc := range []struct{ name, ours, theirs string }{
		{"formulas", "Text: =\"Label 30\"", "Text: =\"Label 270\""},
		{"zindex", "ZIndex: =31\n", "Text: =\"Label 270\""},
		{"same control", "Text: =\"Label 30\"", "X: =30\n"},
		{"block formula", "OnSelect: |-\n            =Set(a, 30);\n            Set(b, 30)\n", "OnSelect: |-\n            =Set(a, 40);\n            Set(b, 40)\n"},
	} {
		ours := editOnce(t, base, tc.ours, "// ours")
		if strings.HasPrefix(tc.ours, "ZIndex") {
			// Between its siblings' 30 and 32: it keeps its place.
			ours = bytes.Replace(base, []byte(tc.ours), []byte("ZIndex: =30.5\n"), 1)
		}
		theirs := editOnce(t, base, tc.theirs, "// theirs")
		if !samePaths(t, tc.name, base, ours, theirs, Options{}) {
			t.Errorf("%s: the fast path was not taken", tc.name)
		}
	}
}

// TestParsedFilesHaveNoMarkers backs the fast path's skipping of the conflict-marker
// check: a marker line of any size inserted anywhere in a screen makes it unreadable.
func TestParsedFilesHaveNoMarkers(t *testing.T) {
	screen := []byte(screenOf(5) + "    F(a As Number):\n        a:\n            Default: =1\n")
	lines := bytes.SplitAfter(screen, []byte("\n"))
	n := 0
	for _, c := range []string{"<", "=", ">", "|"} {
		for size := 1; size <= 9; size++ {
			for _, tail := range []string{"", " x", "\r", " a: =1", ":", " a As b:"} {
				marker := strings.Repeat(c, size) + tail
				for at := range lines {
					in := bytes.Join(append(append(append([][]byte{}, lines[:at]...), []byte(marker+"\n")), lines[at:]...), nil)
					if !linemerge.HasConflictMarkers(in, size) {
						continue
					}
					n++
					if _, err := fxyaml.Scan(in, nil); err == nil {
						t.Fatalf("a file with the marker line %q (size %d) scans:\n%s", marker, size, in)
					}
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no marker line was tried")
	}
}

// FuzzParsedHasNoMarkers checks on any input what TestParsedFilesHaveNoMarkers checks
// on one screen.
func FuzzParsedHasNoMarkers(f *testing.F) {
	f.Add([]byte(screenOf(2)), 7)
	f.Add([]byte("A As b:\n<<<<<<< x\n"), 7)
	f.Fuzz(func(t *testing.T, data []byte, size int) {
		if _, err := fxyaml.Scan(data, nil); err == nil && linemerge.HasConflictMarkers(data, size%12) {
			t.Fatalf("scans, with markers of size %d", size%12)
		}
	})
}

// TestFastPathEdgeCases compares the two paths where the fast path must see what the
// general merge does with ZIndex: a number respelled, and two controls given the same
// new number by the two sides (a tie no input had: the merge renumbers).
func TestFastPathEdgeCases(t *testing.T) {
	base := screenOf(6)
	z := func(s, from, to string) []byte {
		return []byte(strings.Replace(s, "ZIndex: ="+from+"\n", "ZIndex: ="+to+"\n", 1))
	}
	text := func(s, from string) []byte {
		return []byte(strings.Replace(s, "Text: =\""+from+"\"", "Text: =\""+from+"!\"", 1))
	}
	for _, tc := range []struct {
		name         string
		ours, theirs []byte
		fast         bool
	}{
		{"their ZIndex respelled", text(base, "Label 1"), z(base, "5", "5.0"), false},
		{"our ZIndex respelled", z(base, "5", "5.0"), text(base, "Label 1"), false},
		{"a tie made by both sides", z(base, "3", "3.5"), z(base, "4", "3.5"), false},
		{"ZIndex kept between siblings", z(base, "3", "2.5"), text(base, "Label 5"), true},
		{"ZIndex moved past a sibling", z(base, "3", "4.5"), text(base, "Label 5"), true},
		{"ZIndex moved to the end", z(base, "3", "40"), text(base, "Label 5"), true},
		{"ZIndex moved to the front", z(base, "5", "Parent.X"), text(base, "Label 1"), true},
		{"ZIndex moved by theirs", text(base, "Label 1"), z(base, "2", "40"), true},
		{"ZIndex moved, the control edited", text(base, "Label 3"), z(base, "4", "0.5"), true},
		{"ZIndex moved onto a sibling's", z(base, "3", "5"), text(base, "Label 5"), false},
		// The last control moved to the front by theirs, while ours shortened a formula
		// above it: offsets after theirs' formula shift by both sides' changes.
		{"last control moved, ours shorter", []byte(strings.Replace(base, "=\"Label 1\"", "=\"L1\"", 1)), z(base, "6", "Parent.X"), true},
	} {
		if got := samePaths(t, tc.name, []byte(base), tc.ours, tc.theirs, Options{}); got != tc.fast {
			t.Errorf("%s: fast path taken: %v, want %v", tc.name, got, tc.fast)
		}
	}
	// A name twice (of different types, so the keys differ and the file parses): the
	// general merge falls back.
	// A control moved inside a container whose layout is not pac's (a comment before
	// its properties): the general merge rebuilds the container without it.
	nested := "Screen1 As screen:\n    Fill: =White\n\n    Box As groupContainer:\n        # note\n        X: =1\n        ZIndex: =1\n\n" +
		"        In1 As label:\n            ZIndex: =1\n\n        In2 As label:\n            ZIndex: =2\n\n        In3 As label:\n            ZIndex: =3\n\n" +
		"    Label9 As label:\n        Text: =\"a\"\n        ZIndex: =2\n\n"
	for _, layout := range []string{nested, strings.Replace(nested, "        # note\n", "", 1)} {
		ours := []byte(strings.Replace(layout, "            ZIndex: =1\n", "            ZIndex: =5\n", 1))
		theirs := []byte(strings.Replace(layout, "=\"a\"", "=\"b\"", 1))
		if fast := samePaths(t, "nested", []byte(layout), ours, theirs, Options{}); fast == strings.Contains(layout, "# note") {
			t.Errorf("nested, comment %v: fast path taken: %v", strings.Contains(layout, "# note"), fast)
		}
	}
	// A control moved to the end of a file that does not end its last line.
	cut := strings.TrimRight(base, "\n")
	if samePaths(t, "no final newline", []byte(cut), z(cut, "3", "40"), text(cut, "Label 1"), Options{}) {
		t.Error("no final newline: the fast path was taken")
	}
	// CRLF: every input's lines, and a ZIndex moved past a formula theirs changed
	// with LF line breaks (written with CRLF as ours' lines end).
	crlf := strings.ReplaceAll(base, "\n", "\r\n")
	theirs := []byte(strings.Replace(crlf, "Text: =\"Label 4\"\r\n", "Text: =\"Label 4!\"\n", 1))
	if !samePaths(t, "CRLF, a line break changed", []byte(crlf), z(crlf, "3\r", "40\r"), theirs, Options{}) {
		t.Error("CRLF: the fast path was not taken")
	}
	// A lone CR in the base: ours then ends its lines in more than one way, and
	// theirs' formula keeps its CRLF.
	lone := strings.Replace(base, "X: =5\n", "X: =5\r", 1)
	theirs = []byte(strings.Replace(lone, "Text: =\"Label 4\"\n", "Text: =\"Label 4!\"\r\n", 1))
	if samePaths(t, "a lone CR", []byte(lone), text(lone, "Label 1"), theirs, Options{}) {
		t.Error("a lone CR: the fast path was taken")
	}
	dup := strings.Replace(base, "Label3 As label", "Label2 As button", 1)
	if samePaths(t, "a name twice", []byte(dup), text(dup, "Label 1"), text(dup, "Label 5"), Options{}) {
		t.Error("a name twice: the fast path was taken")
	}
}

// editOnce appends a comment to the formula that starts with prefix (its first line,
// or for a block formula its last).
func editOnce(t *testing.T, data []byte, prefix, comment string) []byte {
	t.Helper()
	i := bytes.Index(data, []byte(prefix))
	if i < 0 {
		t.Fatalf("no %q", prefix)
	}
	end := i + len(prefix)
	if prefix[len(prefix)-1] == '\n' {
		end--
	} else {
		end = i + bytes.IndexByte(data[i:], '\n')
	}
	return append(append(append([]byte{}, data[:end]...), " "+comment...), data[end:]...)
}

// screenOf writes a screen of n labels in pac's form.
func screenOf(n int) string {
	var b strings.Builder
	b.WriteString("Screen1 As screen:\n    Fill: =White\n\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "    Label%d As label:\n", i)
		fmt.Fprintf(&b, "        OnSelect: |-\n            =Set(a, %d);\n            Set(b, %d)\n", i, i)
		fmt.Fprintf(&b, "        Text: =\"Label %d\"\n        X: =%d\n        ZIndex: =%d\n\n", i, i, i+1)
	}
	return b.String()
}

// TestFastPathRandomEdits compares the two paths on random edits of the corpus's
// screens: formulas and ZIndex changed, properties added and deleted, controls renamed,
// deleted and moved, line breaks and blank lines changed, on both sides.
func TestFastPathRandomEdits(t *testing.T) {
	files := fastPathScreens(t)
	rng := rand.New(rand.NewPCG(18, 1))
	opts := []Options{{}, {Style: linemerge.StyleDiff3}, {Favor: linemerge.FavorTheirs}}
	var total, fast int
	for round := 0; round < 80; round++ {
		for fi, base := range files {
			ours, theirs := randomEdit(rng, base), randomEdit(rng, base)
			if rng.IntN(4) == 0 {
				ours = randomEdit(rng, ours)
			}
			total++
			if samePaths(t, fmt.Sprintf("file %d round %d", fi, round), base, ours, theirs, opts[rng.IntN(len(opts))]) {
				fast++
			}
		}
	}
	t.Logf("%d merges, %d by the fast path", total, fast)
	if fast < total/20 {
		t.Errorf("only %d of %d random merges took the fast path", fast, total)
	}
}

// fastPathScreens returns the corpus's screens, and screens of 40 labels: in pac's
// form (LF and CRLF), and in forms pac would not write.
func fastPathScreens(t *testing.T) [][]byte {
	var files [][]byte
	for _, pattern := range []string{"baselines/*.fx.yaml", "pairs/*/*.fx.yaml", "pairs/*/*/*.fx.yaml", "pairs/*/*/*/*.fx.yaml"} {
		matches, _ := filepath.Glob(filepath.Join(corpus.Dir(t, "."), pattern))
		for _, m := range matches {
			data, err := os.ReadFile(m)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, data)
		}
	}
	files = append(files, []byte(screenOf(40)), []byte(strings.ReplaceAll(screenOf(40), "\n", "\r\n")))
	// Screens pac would not write, on which the general merge rewrites what it keeps:
	// properties out of order, children out of ZIndex order, comments and blank lines
	// among properties, a name twice, mixed line breaks.
	odd := screenOf(40)
	files = append(files,
		[]byte(strings.Replace(odd, "        X: =7\n        ZIndex: =8\n", "        ZIndex: =8\n        X: =7\n", 1)),
		[]byte(strings.Replace(odd, "ZIndex: =12\n", "ZIndex: =2\n", 1)),
		[]byte(strings.Replace(odd, "    Label9 As label:\n", "    Label9 As label:\n        # note\n", 1)),
		[]byte(strings.Replace(odd, "        X: =9\n", "\n        X: =9\n", 1)),
		[]byte(strings.Replace(odd, "Label12 As label", "Label11 As button", 1)),
		[]byte(strings.Replace(odd, "X: =20\n", "X: =20\r\n", 1)),
		[]byte(strings.Replace(odd, "Screen1 As screen:\n    Fill: =White\n\n", "Screen1 As screen:\n    Fill: =White\n\n    F(a As Number):\n        a:\n            Default: =1\n", 1)))
	return files
}

// randomEdit returns data with one random change, mostly to a formula.
func randomEdit(rng *rand.Rand, data []byte) []byte {
	f, err := fxyaml.Parse(data)
	if err != nil {
		return data
	}
	type propAt struct {
		line, count int
		name        string
	}
	type ctlAt struct{ line, count int }
	var props []propAt
	var ctls []ctlAt
	var walk func(b *fxyaml.Block)
	walk = func(b *fxyaml.Block) {
		w := &fxyaml.Writer{}
		w.WriteBlock(b, 0)
		ctls = append(ctls, ctlAt{b.Line() - 1, w.Lines()})
		for _, n := range b.Body {
			switch n := n.(type) {
			case *fxyaml.Property:
				props = append(props, propAt{n.Line() - 1, n.LineCount(), n.Name})
			case *fxyaml.Block:
				walk(n)
			}
		}
	}
	for _, b := range f.Blocks() {
		walk(b)
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	if f.BOM {
		lines[0] = lines[0][3:]
	}
	text := func(l int) string { return strings.TrimRight(string(lines[l]), "\r\n") }
	eol := func(l int) string { return string(lines[l][len(strings.TrimRight(string(lines[l]), "\r\n")):]) }
	set := func(l int, s string) { lines[l] = []byte(s) }
	if len(props) == 0 {
		return data
	}
	p := props[rng.IntN(len(props))]
	if rng.IntN(3) == 0 { // a ZIndex more often than its share
		for _, q := range props {
			if q.name == "ZIndex" && rng.IntN(4) == 0 {
				p = q
				break
			}
		}
	}
	c := ctls[rng.IntN(len(ctls))]
	switch k := rng.IntN(16); {
	case k < 7 || p.name == "ZIndex" && k < 9: // a formula
		l := p.line + rng.IntN(p.count)
		switch {
		case p.name == "ZIndex" && p.count == 1:
			key, _, _ := strings.Cut(text(l), ":")
			vals := []string{fmt.Sprint(rng.IntN(30)), "7.0", "1 + 1", "-1", "1e20", " 3"}
			set(l, key+": ="+vals[rng.IntN(len(vals))]+eol(l))
		case rng.IntN(3) == 0 && l > p.line:
			set(l, text(l)+eol(l)+text(l)+" // again"+eol(l)) // a new line in a block formula
		case rng.IntN(4) == 0 && l > p.line && p.count > 2:
			set(l, "") // a line of a block formula deleted
		case rng.IntN(6) == 0:
			set(l, text(l)+" # no"+eol(l))
		case rng.IntN(5) == 0: // and its line break
			other := map[string]string{"\n": "\r\n", "\r\n": "\n", "": ""}[eol(l)]
			set(l, text(l)+" & \"y\""+other)
		default:
			set(l, text(l)+" & \"x\""+eol(l))
		}
	case k == 7: // a property added
		ind := len(text(p.line)) - len(strings.TrimLeft(text(p.line), " "))
		set(p.line, text(p.line)+eol(p.line)+strings.Repeat(" ", ind)+"Zz: =1"+eol(p.line))
	case k == 15: // a property deleted
		for l := p.line; l < p.line+p.count; l++ {
			set(l, "")
		}
	case k == 14: // a control renamed
		set(c.line, strings.Replace(text(c.line), " As ", "X As ", 1)+eol(c.line))
	case k == 8 && c.line > 0: // a control deleted
		for l := c.line; l < c.line+c.count && l < len(lines); l++ {
			set(l, "")
		}
	case k == 9 && c.line > 0: // a control moved to the end of the file
		var moved []byte
		for l := c.line; l < c.line+c.count && l < len(lines); l++ {
			moved = append(moved, lines[l]...)
			set(l, "")
		}
		lines = append(lines, moved)
	case k == 10: // a line break changed
		l := p.line
		if eol(l) == "\n" {
			set(l, text(l)+"\r\n")
		} else {
			set(l, text(l)+"\n")
		}
	case k == 11: // a blank line
		set(p.line, text(p.line)+eol(p.line)+eol(p.line))
	case k == 12: // a formula reformatted, same value
		if p.count == 1 {
			key, val, _ := strings.Cut(text(p.line), ": =")
			ind := len(key) - len(strings.TrimLeft(key, " "))
			set(p.line, key+": |-"+eol(p.line)+strings.Repeat(" ", ind+4)+"="+val+eol(p.line))
		}
	default: // the same formula edited on the other side: a both-sides change
		set(p.line, text(p.line)+" // same"+eol(p.line))
	}
	out := bytes.Join(lines, nil)
	if f.BOM {
		out = append([]byte("\xEF\xBB\xBF"), out...)
	}
	return out
}

// FuzzFastPath compares the fast path with the general merge on any three inputs; the
// seeds are merges the fast path takes (formulas or a ZIndex changed, properties added
// or deleted on each side, controls added or deleted on one side).
func FuzzFastPath(f *testing.F) {
	base := screenOf(4)
	for _, edit := range [][2]string{
		{"Text: =\"Label 0\"", "Text: =\"Label 3!\""},
		{"ZIndex: =2\n", "X: =3\n"},
		{"Set(b, 1)", "Text: =\"Label 2\""},
	} {
		ours := strings.Replace(base, edit[0], strings.TrimSuffix(edit[0], "\n")+" & 1"+edit[0][len(strings.TrimSuffix(edit[0], "\n")):], 1)
		theirs := strings.Replace(base, edit[1], strings.TrimSuffix(edit[1], "\n")+" & 2"+edit[1][len(strings.TrimSuffix(edit[1], "\n")):], 1)
		f.Add([]byte(base), []byte(ours), []byte(theirs))
		f.Add([]byte(strings.ReplaceAll(base, "\n", "\r\n")), []byte(strings.ReplaceAll(ours, "\n", "\r\n")), []byte(theirs))
	}
	// Several formulas per side: two in one control, neighbours, a ZIndex among them, a
	// block formula grown.
	for _, edit := range [][2][]string{
		{{`"Label 0"`, `"A"`, "X: =1\n", "X: =11\n"}, {`"Label 2"`, `"B"`, `"Label 3"`, `"C"`}},
		{{"ZIndex: =2\n", "ZIndex: =3.5\n", `"Label 3"`, `"C"`}, {"X: =0\n", "X: =10\n", `"Label 2"`, `"B"`}},
		{{"Set(b, 1)\n", "Set(b, 1);\n            Set(c, 1)\n", `"Label 2"`, `"B"`}, {`"Label 1"`, `"A"`}},
	} {
		sides := [2]string{base, base}
		for k := range sides {
			for i := 0; i < len(edit[k]); i += 2 {
				sides[k] = strings.Replace(sides[k], edit[k][i], edit[k][i+1], 1)
			}
		}
		f.Add([]byte(base), []byte(sides[0]), []byte(sides[1]))
	}
	// Properties added and deleted: in one control by both sides, and next to a
	// formula the other side changed.
	for _, edit := range [][2][2]string{
		{{"        X: =1\n", "        Width: =1\n        X: =1\n"}, {"        X: =1\n", ""}},
		{{"        ZIndex: =3\n", "        ZIndex: =3\n        Zz: |-\n            =a\n"}, {`"Label 2"`, `"B"`}},
		{{"        Text: =\"Label 0\"\n", ""}, {"Set(b, 0)", "Set(b, 1)"}},
	} {
		f.Add([]byte(base), []byte(strings.Replace(base, edit[0][0], edit[0][1], 1)), []byte(strings.Replace(base, edit[1][0], edit[1][1], 1)))
	}
	// Controls added or deleted on one side (blockedits.go), a formula changed on the
	// other: between siblings, at the end, in a container, a container deleted.
	added := "    Added1 As label:\n        Text: =1\n        ZIndex: =2.5\n\n"
	f.Add([]byte(base), []byte(strings.Replace(base, "    Label2 As label:\n", added+"    Label2 As label:\n", 1)), []byte(strings.Replace(base, `"Label 0"`, `"A"`, 1)))
	f.Add([]byte(base), []byte(base+added), []byte(strings.Replace(base, `"Label 3"`, `"C"`, 1)))
	f.Add([]byte(base), []byte(strings.Replace(base, base[strings.Index(base, "    Label1 As"):strings.Index(base, "    Label2 As")], "", 1)), []byte(strings.Replace(base, `"Label 3"`, `"C"`, 1)))
	f.Add([]byte(blockBase), []byte(strings.Replace(blockBase, "        Label2 As label:\n", "        Added1 As label:\n            Text: =1\n            ZIndex: =2\n\n        Label2 As label:\n", 1)), []byte(strings.Replace(blockBase, `"a"`, `"A"`, 1)))
	f.Add([]byte(blockBase), []byte(strings.Replace(blockBase, blockBase[strings.Index(blockBase, "    Box1"):strings.Index(blockBase, "    Label3")], "", 1)), []byte(strings.Replace(blockBase, `"c"`, `"C"`, 1)))
	f.Add([]byte(blockBase), []byte(blockBase+"\n    Added1 As label:\n        Text: =1\n        ZIndex: =3\n"), []byte(strings.Replace(blockBase, "=White", "=Black", 1)))
	f.Fuzz(func(t *testing.T, base, ours, theirs []byte) {
		samePaths(t, "fuzz", base, ours, theirs, Options{})
	})
}

// TestFastPathMutations compares the two paths on byte-level mutations (bytes changed,
// deleted, inserted: line breaks, spaces, quotes, '|', '#', digits) of one line of a
// screen on each side, so that each check of the fast path meets input it must decline
// and input it may take.
func TestFastPathMutations(t *testing.T) {
	base := screenOf(6)
	var starts []int
	for i := 0; i < len(base); i++ {
		if i == 0 || base[i-1] == '\n' {
			starts = append(starts, i)
		}
	}
	rng := rand.New(rand.NewPCG(18, 2))
	const alphabet = "\n\r :|=-#'\"a5 bcdxyz0123()"
	mutate := func(s string) []byte {
		b := []byte(s)
		l := rng.IntN(len(starts) - 1)
		lo, hi := starts[l], starts[l+1]
		for k := rng.IntN(3); k >= 0 && hi > lo; k-- {
			i := lo + rng.IntN(hi-lo)
			switch rng.IntN(3) {
			case 0:
				b[i] = alphabet[rng.IntN(len(alphabet))]
			case 1:
				b = append(b[:i], b[i+1:]...)
				hi--
			default:
				b = append(b[:i], append([]byte{alphabet[rng.IntN(len(alphabet))]}, b[i:]...)...)
				hi++
			}
		}
		return b
	}
	fast := 0
	for n := 0; n < 5000; n++ {
		b, o, th := []byte(base), mutate(base), mutate(base)
		if n%2 == 1 { // the same, in CRLF
			b, o, th = bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")), bytes.ReplaceAll(o, []byte("\n"), []byte("\r\n")), bytes.ReplaceAll(th, []byte("\n"), []byte("\r\n"))
		}
		if samePaths(t, fmt.Sprint("mutation ", n), b, o, th, Options{}) {
			fast++
		}
	}
	t.Logf("5000 mutations, %d by the fast path", fast)
	if fast < 20 {
		t.Errorf("only %d of 5000 mutations took the fast path", fast)
	}
}
