package fxmerge

import (
	"errors"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// TestConflictLinesCorpus checks the size of fxmerge's conflicts against git's on every
// .fx.yaml file both sides of a recorded merge changed, in both corpus bundles: the lines
// between conflict markers (what a person has to read and resolve) never exceed those of
// `git merge-file` for the same inputs. When fxmerge falls back, the merge driver uses
// the line merge, so that is what is measured then.
func TestConflictLinesCorpus(t *testing.T) {
	dir := corpus.Dir(t, "merges")
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not found; skipping the corpus comparison")
	}
	bundles, _ := filepath.Glob(filepath.Join(dir, "*.bundle"))
	if len(bundles) == 0 {
		t.Skip("no bundles in the corpus")
	}
	tmp := t.TempDir()
	var files, ours, git int
	for _, bundle := range bundles {
		for _, c := range bundleCases(t, bundle) {
			files++
			gitOut, _ := gitMergeFile(t, tmp, c)
			res, err := Merge(c.base, c.ours, c.theirs, Options{})
			merged := res.Merged
			if err != nil {
				if !errors.Is(err, ErrFallback) {
					t.Fatalf("%s: %v", c.name, err)
				}
				merged = linemerge.Merge(c.base, c.ours, c.theirs, Options{}).Merged
			}
			n, g := ConflictLines(merged, 0), ConflictLines(gitOut, 0)
			ours += n
			git += g
			if n > 0 || g > 0 {
				t.Logf("%s: %d conflict lines (git merge-file: %d)", c.name, n, g)
			}
			if n > g {
				t.Errorf("%s: %d lines between conflict markers, git merge-file has %d", c.name, n, g)
			}
		}
	}
	t.Logf("%d files: %d lines between conflict markers, git merge-file %d", files, ours, git)
}
