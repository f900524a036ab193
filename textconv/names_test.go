package textconv

import (
	"strconv"
	"strings"
	"testing"
)

// TestCollidingScreenFileNames: two screens whose names differ only in case get
// Screen1 and SCREEN1_1, as pac writes them on Windows, by archive order (not
// ScreenOrder).
func TestCollidingScreenFileNames(t *testing.T) {
	screen := func(name string, index int) string {
		return strings.Replace(strings.Replace(testScreen(`"1"`), `"Name":"Screen1"`, `"Name":"`+name+`"`, 1),
			`"Index":0.0`, `"Index":`+strconv.Itoa(index)+`.0`, 1)
	}
	files := []zfile{{"Header.json", testHeader}, {"Properties.json", testProps}, {`Controls\1.json`, testApp},
		{`Controls\2.json`, screen("Screen1", 1)}, {`Controls\3.json`, strings.Replace(screen("SCREEN1", 0), "Label1", "Label2", 1)}}
	out, err := render(t, makeZip(t, files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var headers []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "=== Src/") {
			headers = append(headers, l)
		}
	}
	want := []string{"=== Src/App.fx.yaml ===", "=== Src/SCREEN1_1.fx.yaml ===", "=== Src/Screen1.fx.yaml ==="}
	if strings.Join(headers, "\n") != strings.Join(want, "\n") {
		t.Errorf("sections:\n%s\nwant\n%s", strings.Join(headers, "\n"), strings.Join(want, "\n"))
	}
}

// searchFromOne is how unique worked before it remembered the next suffix: try
// base, base_1, base_2... from the start every time. unique must give the same names.
func searchFromOne(taken map[string]bool, base, ext string) string {
	name := base
	for i := 1; taken[strings.ToLower(name+ext)]; i++ {
		name = base + "_" + strconv.Itoa(i)
	}
	taken[strings.ToLower(name+ext)] = true
	return name
}

// TestUniqueSameAsSearchFromOne draws 5,000 names from a small set that collide in
// every way pac's suffixes can: case variants, names that already end in _1 or _2,
// extensions that differ in case or not at all, non-ASCII letters, and compares
// unique with the search from 1.
func TestUniqueSameAsSearchFromOne(t *testing.T) {
	bases := []string{"a", "A", "a_1", "A_2", "a_1_1", "Screen1", "SCREEN1", "screen1_3", "Ä", "ä", "ä_1", "x.y", ""}
	exts := []string{".json", ".JSON", ".fx.yaml", ""}
	f := newFileNames()
	ref := map[string]bool{}
	seed := uint32(1)
	for n := 0; n < 5000; n++ {
		seed = seed*1664525 + 1013904223 // a fixed LCG: the same sequence on every run
		base, ext := bases[int(seed>>8)%len(bases)], exts[int(seed>>20)%len(exts)]
		got, want := f.unique(base, ext), searchFromOne(ref, base, ext)
		if got != want {
			t.Fatalf("call %d unique(%q, %q) = %q, searching from 1 gives %q", n, base, ext, got, want)
		}
	}
}
