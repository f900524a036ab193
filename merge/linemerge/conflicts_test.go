package linemerge

import (
	"bytes"
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

func TestConflictRegions(t *testing.T) {
	base := "a\nb\nc\nd\ne\nf\ng\n"
	ours := "A\nb\nc\nd\ne\nf\nG\n"
	theirs := "1\nb\nc\nd\ne\nf\n"
	cases := []struct {
		name string
		opt  Options
		want []Conflict
	}{
		{"markers", stdLabels, []Conflict{
			{StartLine: 1, EndLine: 5, Base: []byte("a\n"), Ours: []byte("A\n"), Theirs: []byte("1\n")},
			{StartLine: 11, EndLine: 14, Base: []byte("g\n"), Ours: []byte("G\n")},
		}},
		{"diff3", with(stdLabels, func(o *Options) { o.Style = StyleDiff3 }), []Conflict{
			{StartLine: 1, EndLine: 7, Base: []byte("a\n"), Ours: []byte("A\n"), Theirs: []byte("1\n")},
			{StartLine: 13, EndLine: 18, Base: []byte("g\n"), Ours: []byte("G\n")},
		}},
		{"favor ours", with(stdLabels, func(o *Options) { o.Favor = FavorOurs }), []Conflict{
			{StartLine: 1, EndLine: 1, Base: []byte("a\n"), Ours: []byte("A\n"), Theirs: []byte("1\n")},
			{StartLine: 7, EndLine: 7, Base: []byte("g\n"), Ours: []byte("G\n")},
		}},
		{"favor theirs keeps an empty side", with(stdLabels, func(o *Options) { o.Favor = FavorTheirs }), []Conflict{
			{StartLine: 1, EndLine: 1, Base: []byte("a\n"), Ours: []byte("A\n"), Theirs: []byte("1\n")},
			{StartLine: 7, EndLine: 6, Base: []byte("g\n"), Ours: []byte("G\n")},
		}},
	}
	for _, c := range cases {
		got := Merge([]byte(base), []byte(ours), []byte(theirs), c.opt)
		if !reflect.DeepEqual(got.Conflicts, c.want) {
			t.Errorf("%s:\n got %+v\nwant %+v\noutput %q", c.name, got.Conflicts, c.want, got.Merged)
		}
		if got.Clean() {
			t.Errorf("%s: Clean() with conflicts", c.name)
		}
	}
}

func TestRefinedConflictBase(t *testing.T) {
	// One base line rewritten by both sides into text that agrees in the
	// middle: two conflicts after refinement, each reporting the base line
	// both sides replaced.
	got := Merge([]byte("a\nb\nc\n"),
		[]byte("a\n1\nsame one\nsame two\nsame three\nsame four\n2\nc\n"),
		[]byte("a\nI\nsame one\nsame two\nsame three\nsame four\nII\nc\n"), stdLabels)
	want := []Conflict{
		{StartLine: 2, EndLine: 6, Base: []byte("b\n"), Ours: []byte("1\n"), Theirs: []byte("I\n")},
		{StartLine: 11, EndLine: 15, Base: []byte("b\n"), Ours: []byte("2\n"), Theirs: []byte("II\n")},
	}
	if !reflect.DeepEqual(got.Conflicts, want) {
		t.Errorf("got %+v\nwant %+v", got.Conflicts, want)
	}
}

func TestEmptyLabelsWriteBareMarkers(t *testing.T) {
	got := Merge([]byte("a\nb\nc\n"), []byte("a\nB\nc\n"), []byte("a\nX\nc\n"), Options{Style: StyleDiff3})
	want := "a\n<<<<<<<\nB\n|||||||\nb\n=======\nX\n>>>>>>>\nc\n"
	if string(got.Merged) != want {
		t.Errorf("got %q, want %q", got.Merged, want)
	}
}

func TestCleanMergeHasNoConflicts(t *testing.T) {
	got := Merge([]byte("a\nb\n"), []byte("a\nb\n"), []byte("a\nB\n"), Options{})
	if !got.Clean() || string(got.Merged) != "a\nB\n" {
		t.Errorf("got %q %+v", got.Merged, got.Conflicts)
	}
	got = Merge(nil, nil, nil, Options{})
	if !got.Clean() || len(got.Merged) != 0 {
		t.Errorf("empty inputs: got %q %+v", got.Merged, got.Conflicts)
	}
}

// TestConflictPositionsRandom checks on random merges that StartLine/EndLine
// point at the markers (or at the kept side when favouring one) and that the
// reported sides are what the markers enclose.
func TestConflictPositionsRandom(t *testing.T) {
	r := rand.New(rand.NewSource(99))
	for i := 0; i < 3000; i++ {
		base, ours, theirs := randomFiles(r)
		opt := Options{Style: Style(r.Intn(3)), Favor: Favor(r.Intn(3)), MarkerSize: 7 + 2*r.Intn(2),
			OursLabel: "o", BaseLabel: "b", TheirsLabel: "t"}
		res := Merge(base, ours, theirs, opt)
		lines := splitLines(res.Merged)
		again := Merge(base, ours, theirs, opt)
		if !bytes.Equal(res.Merged, again.Merged) || !reflect.DeepEqual(res.Conflicts, again.Conflicts) {
			t.Fatalf("case %d: Merge is not deterministic", i)
		}
		for _, c := range res.Conflicts {
			if opt.Favor != FavorNone {
				kept := c.Ours
				if opt.Favor == FavorTheirs {
					kept = c.Theirs
				}
				if c.EndLine-c.StartLine+1 != len(splitLines(kept)) ||
					!bytes.Equal(joinLines(lines[c.StartLine-1:c.EndLine]), kept) {
					t.Fatalf("case %d: favoured region %d-%d does not hold %q\n%q", i, c.StartLine, c.EndLine, kept, res.Merged)
				}
				continue
			}
			block := lines[c.StartLine-1 : c.EndLine]
			size := opt.MarkerSize
			if !bytes.HasPrefix(block[0], []byte(strings.Repeat("<", size)+" o")) ||
				!bytes.HasPrefix(block[len(block)-1], []byte(strings.Repeat(">", size)+" t")) {
				t.Fatalf("case %d: lines %d-%d are not a conflict block:\n%q", i, c.StartLine, c.EndLine, res.Merged)
			}
			enclosed := joinLines(block[1 : 1+len(splitLines(c.Ours))])
			if !sameIgnoringAddedEOL(enclosed, c.Ours) {
				t.Fatalf("case %d: ours %q, block holds %q", i, c.Ours, enclosed)
			}
		}
	}
}

// sameIgnoringAddedEOL compares a side with its copy inside a conflict block,
// where a missing final newline has been added.
func sameIgnoringAddedEOL(block, side []byte) bool {
	if bytes.Equal(block, side) {
		return true
	}
	trimmed := bytes.TrimSuffix(bytes.TrimSuffix(block, []byte("\n")), []byte("\r"))
	return bytes.Equal(trimmed, side)
}

func TestIsBinary(t *testing.T) {
	cases := []struct {
		in   []byte
		want bool
	}{
		{nil, false},
		{[]byte("plain text\n"), false},
		{[]byte("\xff\xfe not utf-8"), false},
		{[]byte("a\x00b"), true},
		{append(bytes.Repeat([]byte("x"), 7999), 0), true},
		{append(bytes.Repeat([]byte("x"), 8000), 0), false},
	}
	for _, c := range cases {
		if got := IsBinary(c.in); got != c.want {
			t.Errorf("IsBinary(%.20q… len %d) = %v, want %v", c.in, len(c.in), got, c.want)
		}
	}
}

func TestHasConflictMarkers(t *testing.T) {
	cases := []struct {
		in   string
		size int
		want bool
	}{
		{"a\n<<<<<<< ours\nb\n", 0, true},
		{"<<<<<<<\n", 0, true},
		{"<<<<<<<\r\n", 0, true},
		{"x\n>>>>>>> theirs", 0, true},
		{"|||||||\n", 0, true},
		{"||||||| base\n", 0, true},
		{"=======\n", 0, true},
		{"=======", 0, true},
		{"=======\r\n", 0, true},
		{"======= x\n", 0, false},
		{"========\n", 0, false},
		{"<<<<<<<< ours\n", 0, false},
		{"<<<<<<<x\n", 0, false},
		{"<<<<<<\n", 0, false},
		{" <<<<<<< ours\n", 0, false},
		{"a = b\n", 0, false},
		{"<<<<<<<<< ours\n", 9, true},
		{"<<<<<<< ours\n", 9, false},
		{"=========\n", 9, true},
		{"", 0, false},
	}
	for _, c := range cases {
		if got := HasConflictMarkers([]byte(c.in), c.size); got != c.want {
			t.Errorf("HasConflictMarkers(%q, %d) = %v, want %v", c.in, c.size, got, c.want)
		}
	}
}

func TestParseStyle(t *testing.T) {
	for in, want := range map[string]Style{"merge": StyleMerge, "diff3": StyleDiff3, "zdiff3": StyleZDiff3, "": StyleMerge, "bogus": StyleMerge} {
		if got := ParseStyle(in); got != want {
			t.Errorf("ParseStyle(%q) = %v, want %v", in, got, want)
		}
	}
}

// hasConflictMarkersByLine is the plain definition HasConflictMarkers must agree
// with, and the implementation it replaced: some line, split at '\n', is a marker line.
func hasConflictMarkersByLine(b []byte, size int) bool {
	if size <= 0 {
		size = defaultMarkerSize
	}
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		if isMarkerLine(line, size) {
			return true
		}
	}
	return false
}

// HasConflictMarkers searches for runs instead of walking lines; on inputs made of
// the characters that matter it answers as the line-by-line definition does.
func TestHasConflictMarkersAgreesWithLineByLine(t *testing.T) {
	r := rand.New(rand.NewSource(718))
	alphabet := []byte("<<<<===>>>|||  \n\n\r a")
	var found int
	for n := 0; n < 200000; n++ {
		b := make([]byte, r.Intn(40))
		for i := range b {
			b[i] = alphabet[r.Intn(len(alphabet))]
		}
		size := r.Intn(5) // 0 (the default, 7) and 1..4, so that markers are common
		want := hasConflictMarkersByLine(b, size)
		if got := HasConflictMarkers(b, size); got != want {
			t.Fatalf("HasConflictMarkers(%q, %d) = %v, want %v", b, size, got, want)
		}
		if want {
			found++
		}
	}
	if found < 1000 {
		t.Fatalf("only %d inputs held markers: the test no longer exercises them", found)
	}
}
