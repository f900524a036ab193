package fxmerge

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzMerge checks that no input makes Merge fail other than by an honest fallback, and
// that whatever it writes parses (with each conflict resolved either way). The merge
// cases are the seeds.
func FuzzMerge(f *testing.F) {
	dirs, _ := filepath.Glob(filepath.Join(casesDir, "*"))
	for _, dir := range dirs {
		b, _ := os.ReadFile(filepath.Join(dir, "Base.fx.yaml"))
		l, _ := os.ReadFile(filepath.Join(dir, "Left.fx.yaml"))
		r, _ := os.ReadFile(filepath.Join(dir, "Right.fx.yaml"))
		f.Add(b, l, r)
	}
	f.Fuzz(func(t *testing.T, base, ours, theirs []byte) {
		res, err := Merge(base, ours, theirs, Options{})
		if err != nil {
			if !errors.Is(err, ErrFallback) || strings.Contains(err.Error(), "internal error") {
				t.Fatalf("%v", err)
			}
			return
		}
		if bytes.Equal(res.Merged, ours) || bytes.Equal(res.Merged, theirs) {
			return // a side that did not change: the other side as it is, parsed or not
		}
		checkParses(t, "fuzz", res, Options{})
	})
}
