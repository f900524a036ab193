package merge

import (
	"bytes"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/merge/fxmerge"
	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// An .fx.yaml merge the fast path takes skips the search for conflict markers (no
// input of such a merge holds any) and gives what the structural merge gives; one it
// does not take is searched as before.
func TestFxYamlFastPathBeforeMarkerSearch(t *testing.T) {
	defer func(f func(Input) bool) { hasMarkers = f }(hasMarkers)
	searches := 0
	hasMarkers = func(in Input) bool { searches++; return searchMarkers(in) }

	base := []byte("Screen1 As screen:\n    Fill: =Color.White\n\n    Label1 As label:\n        Text: =\"a\"\n        X: =10\n")
	ours := bytes.Replace(base, []byte("Color.White"), []byte("Color.Red"), 1)
	theirs := bytes.Replace(base, []byte("X: =10"), []byte("X: =20"), 1)
	out := File(Input{Path: "Src/Screen1.fx.yaml", Base: base, Ours: ours, Theirs: theirs})
	want, err := fxmerge.Merge(base, ours, theirs, fxmerge.Options{MarkerSize: 7})
	if err != nil {
		t.Fatal(err)
	}
	if out.Status != Clean || !out.Structural || !bytes.Equal(out.Merged, want.Merged) || searches != 0 {
		t.Errorf("fast path: status %v, structural %v, same as fxmerge.Merge %v, marker searches %d (want clean, structural, same, 0)",
			out.Status, out.Structural, bytes.Equal(out.Merged, want.Merged), searches)
	}

	// Both sides change one formula: not the fast path, so the search runs.
	theirs = bytes.Replace(base, []byte("Color.White"), []byte("Color.Blue"), 1)
	if out := File(Input{Path: "Src/Screen1.fx.yaml", Base: base, Ours: ours, Theirs: theirs}); out.Status != Conflicted || searches != 1 {
		t.Errorf("a conflict: status %v, marker searches %d (want conflicted, 1)", out.Status, searches)
	}
}

// jsonRulePaths are a path of each rule that merges JSON structurally, one per
// strategy at least: never-block, protected, line merge.
var jsonRulePaths = []string{
	"app/Entropy/Entropy.json",
	"app/Src/EditorState/S.editorstate.json",
	"app/Entropy/AppCheckerResult.sarif",
	"app/DataSources/X.json",
	"app/Connections/Connections.json",
	"app/CanvasManifest.json",
	"app/ControlTemplates.json",
}

// A JSON merge is made before the search for conflict markers: inputs that parse
// hold none, so the search runs only for the take-a-side rule (checksum.json), which
// parses nothing.
func TestJSONMergedBeforeMarkerSearch(t *testing.T) {
	defer func(f func(Input) bool) { hasMarkers = f }(hasMarkers)
	searches := 0
	hasMarkers = func(in Input) bool { searches++; return searchMarkers(in) }

	base := lines("{", `  "A": 1,`, `  "B": 2,`, `  "C": 3`, "}")
	ours := lines("{", `  "A": 10,`, `  "B": 2,`, `  "C": 3`, "}")
	theirs := lines("{", `  "A": 1,`, `  "B": 2,`, `  "C": 30`, "}")
	for _, p := range jsonRulePaths {
		searches = 0
		out := File(Input{Path: p, Base: base, Ours: ours, Theirs: theirs})
		if out.Status != Clean || !out.Structural || searches != 0 {
			t.Errorf("%s: status %s, structural %v, marker searches %d (want clean, structural, 0)", p, out.Status, out.Structural, searches)
		}
	}
	searches = 0
	if out := File(Input{Path: "app/Entropy/checksum.json", Base: base, Ours: ours, Theirs: theirs}); out.Strategy != TakeTheirs || searches != 1 {
		t.Errorf("checksum.json: strategy %s, marker searches %d (want take-theirs, 1)", out.Strategy, searches)
	}
}

// An input holding conflict markers fails the JSON merge, and the search that follows
// gives every JSON rule the plain line merge with its note, as the search before the
// merge did: whichever input holds them, whatever the marker size.
func TestJSONWithMarkersGetsLineMerge(t *testing.T) {
	clean := lines("{", `  "A": 1,`, `  "B": 2,`, `  "C": 3,`, `  "D": 4`, "}")
	marked := func(size int) []byte {
		m := func(c string) string { return strings.Repeat(c, size) }
		return lines("{", m("<")+" ours", `  "A": 10,`, m("="), `  "A": 20,`, m(">")+" theirs", `  "B": 2,`, `  "C": 3,`, `  "D": 4`, "}")
	}
	otherEdit := lines("{", `  "A": 1,`, `  "B": 2,`, `  "C": 3,`, `  "D": 40`, "}")
	for _, size := range []int{7, 10} {
		opts := linemerge.Options{MarkerSize: size, OursLabel: "ours", TheirsLabel: "theirs"}
		for _, sides := range []struct {
			name               string
			base, ours, theirs []byte
		}{
			{"ours", clean, marked(size), otherEdit},
			{"theirs", clean, otherEdit, marked(size)},
			{"base", marked(size), clean, otherEdit},
		} {
			want := linemerge.Merge(sides.base, sides.ours, sides.theirs, opts)
			wantStatus := Clean
			if !want.Clean() {
				wantStatus = Conflicted
			}
			for _, p := range append([]string{"app/Entropy/checksum.json"}, jsonRulePaths...) {
				out := File(Input{Path: p, Base: sides.base, Ours: sides.ours, Theirs: sides.theirs, Options: opts})
				if out.Strategy != LineMerge || out.Structural || out.Status != wantStatus || !bytes.Equal(out.Merged, want.Merged) {
					t.Errorf("%s, markers of %d in %s: strategy %s, structural %v, status %s, merged\n%s\nwant line-merge, false, %s,\n%s",
						p, size, sides.name, out.Strategy, out.Structural, out.Status, out.Merged, wantStatus, want.Merged)
				}
				if len(out.Messages) != 1 || out.Messages[0] != p+": an input already contains conflict markers; using a plain line merge" {
					t.Errorf("%s, markers of %d in %s: messages %q", p, size, sides.name, out.Messages)
				}
			}
		}
	}
}
