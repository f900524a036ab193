package fxmerge

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/merge/linemerge"
	"github.com/canvasgit/canvasgit/source/fxyaml"
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
		checkKeepsControls(t, base, ours, theirs, res)
	})
}

// checkKeepsControls checks that resolving every conflict to one side loses no control
// that side added or that both sides kept. Only names that are unique in every input
// are checked: repeated names are matched within their parent, so a name can be both
// deleted at one place and kept at another.
func checkKeepsControls(t *testing.T, base, ours, theirs []byte, res Result) {
	t.Helper()
	var counts [3]map[string]int
	for s, in := range [][]byte{base, ours, theirs} {
		counts[s] = map[string]int{}
		if f, err := fxyaml.Parse(in); err == nil {
			counts[s] = countNames(f)
		} else if s != sBase || len(bytes.TrimSpace(in)) != 0 {
			return // Merge took a side as it is
		}
	}
	for _, s := range []int{sOurs, sTheirs} {
		keep := byte('<')
		if s == sTheirs {
			keep = '>'
		}
		resolved := linemerge.ResolveMarkers(res.Merged, 0, keep)
		got := map[string]int{}
		if f, err := fxyaml.Parse(resolved); err == nil {
			got = countNames(f)
		}
		other := sOurs + sTheirs - s
		for name, n := range counts[s] {
			if n != 1 || counts[sBase][name] > 1 || counts[other][name] > 1 {
				continue
			}
			if (counts[other][name] == 1 || counts[sBase][name] == 0) && got[name] != 1 {
				t.Fatalf("resolved to %s, control %s (kept by both sides or added by %s) is written %d times:\n%s", sideName[s], name, sideName[s], got[name], resolved)
			}
		}
	}
}

// countNames counts the control names of a file.
func countNames(f *fxyaml.File) map[string]int {
	counts := map[string]int{}
	eachControl(f, func(b, _ *fxyaml.Block) error { counts[b.Name]++; return nil })
	return counts
}
