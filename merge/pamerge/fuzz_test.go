package pamerge

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/canvasgit/canvasgit/merge/linemerge"
	"github.com/canvasgit/canvasgit/source/payaml"
)

// FuzzMerge checks that Merge never panics, only ever fails with ErrFallback, gives the
// same bytes twice, writes clean results that read back in Studio's style and conflicts
// that read when resolved to either side, and loses no control both sides kept.
func FuzzMerge(f *testing.F) {
	dirs, _ := filepath.Glob(filepath.Join(casesDir, "*"))
	for _, dir := range dirs {
		b, _ := os.ReadFile(filepath.Join(dir, "Base.pa.yaml"))
		l, _ := os.ReadFile(filepath.Join(dir, "Left.pa.yaml"))
		r, _ := os.ReadFile(filepath.Join(dir, "Right.pa.yaml"))
		f.Add(b, l, r)
	}
	f.Fuzz(func(t *testing.T, base, ours, theirs []byte) {
		opt := Options{}
		res, err := Merge(base, ours, theirs, opt)
		if err != nil {
			if !errors.Is(err, ErrFallback) {
				t.Fatalf("error not wrapping ErrFallback: %v", err)
			}
			return
		}
		again, _ := Merge(base, ours, theirs, opt)
		if !bytes.Equal(res.Merged, again.Merged) {
			t.Fatalf("two runs gave different bytes")
		}
		if bytes.Equal(base, ours) || bytes.Equal(base, theirs) || bytes.Equal(ours, theirs) {
			return // taken whole, not parsed
		}
		for _, keep := range []byte{'<', '>'} {
			out := res.Merged
			if len(res.Conflicts) > 0 {
				out = linemerge.ResolveMarkers(res.Merged, opt.MarkerSize, keep)
			}
			got, err := payaml.Parse(out)
			if err != nil {
				t.Fatalf("merged file (resolved to %c) does not parse: %v\n%s", keep, err, out)
			}
			if len(res.Conflicts) == 0 && !got.Exact {
				t.Fatalf("clean merged file is not in Studio's style:\n%s", out)
			}
			fo, _ := payaml.Parse(ours)
			ft, _ := payaml.Parse(theirs)
			have := names(got)
			for n := range names(fo) {
				if names(ft)[n] && !have[n] {
					t.Fatalf("control %q, kept by both sides, is missing (resolved to %c):\n%s", n, keep, out)
				}
			}
		}
	})
}

func names(f *payaml.File) map[string]bool {
	out := map[string]bool{}
	for _, o := range f.Objects() {
		out[o.Kind.String()+" "+o.Path()] = true
	}
	return out
}
