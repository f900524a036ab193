package yamlmerge

import (
	"bytes"
	"errors"
	"testing"

	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// FuzzMerge: Merge never panics, either merges or falls back (ErrFallback), gives the
// same bytes twice, and a side that did not change yields the other side.
func FuzzMerge(f *testing.F) {
	f.Add([]byte(canvasApp), []byte(canvasApp+"  X: 1\n"), []byte("CanvasApp:\n  Name: a\n"))
	f.Add([]byte("A:\n  - a\nB: 1\n"), []byte("A:\n  - b\nB: 1\n"), []byte("A:\n  - a\nB: 2\n"))
	f.Add([]byte("A: 1\r\n"), []byte("A: 2\r\n"), []byte("A: 3\r\n"))
	f.Add([]byte("  A: 1\nab\n"), []byte("B:\n  - x\nab\n"), []byte("B:\nc\n"))
	f.Fuzz(func(t *testing.T, base, ours, theirs []byte) {
		res, err := Merge(base, ours, theirs, policy, linemerge.Options{})
		if err != nil {
			if !errors.Is(err, ErrFallback) {
				t.Fatalf("error that is not a fallback: %v", err)
			}
			return
		}
		again, _ := Merge(base, ours, theirs, policy, linemerge.Options{})
		if !bytes.Equal(res.Merged, again.Merged) {
			t.Fatal("not deterministic")
		}
		if bytes.Equal(base, ours) && !bytes.Equal(res.Merged, theirs) {
			t.Fatal("ours unchanged but the result is not theirs")
		}
		if bytes.Equal(base, theirs) && !bytes.Equal(res.Merged, ours) {
			t.Fatal("theirs unchanged but the result is not ours")
		}
		for _, c := range res.Conflicts {
			if c.StartLine < 1 || c.EndLine < c.StartLine || c.EndLine > bytes.Count(res.Merged, []byte("\n"))+1 {
				t.Fatalf("conflict lines %d-%d outside the output", c.StartLine, c.EndLine)
			}
		}
	})
}
