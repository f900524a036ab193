package merge

import (
	"bytes"
	"testing"

	"github.com/canvasgit/canvasgit/merge/fxmerge"
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
