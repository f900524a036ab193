package fxmerge

import (
	"bytes"
	"errors"
	"fmt"
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
	var maxWork int64
	maxWorkName := ""
	for _, bundle := range bundles {
		for _, c := range bundleCases(t, bundle) {
			files++
			gitOut, _ := gitMergeFile(t, tmp, c)
			res, work, err := mergeCounted(c.base, c.ours, c.theirs, Options{}, WorkLimit)
			if work > maxWork {
				maxWork, maxWorkName = work, c.name
			}
			merged := res.Merged
			if err != nil {
				if !errors.Is(err, ErrFallback) {
					t.Fatalf("%s: %v", c.name, err)
				}
				merged = linemerge.Merge(c.base, c.ours, c.theirs, Options{}).Merged
			}
			n, g := linemerge.ConflictLines(merged, 0), linemerge.ConflictLines(gitOut, 0)
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
	t.Logf("most work: %d steps (%s; limit %d)", maxWork, maxWorkName, WorkLimit)
}

// TestFormulaCasesAsGit checks the formula case folders against git itself: where only
// formulas changed (and the file is in pac's order), fxmerge's markers inside the `|`
// blocks are exactly the ones `git merge-file` writes, with the same marker size, style
// and labels.
func TestFormulaCasesAsGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not found")
	}
	dirs, _ := filepath.Glob(filepath.Join(casesDir, "*formula_*"))
	if len(dirs) == 0 {
		t.Fatal("no formula cases")
	}
	for _, dir := range dirs {
		opt := caseOptions(t, dir)
		args := []string{"merge-file", "-p", "-L", opt.OursLabel, "-L", opt.BaseLabel, "-L", opt.TheirsLabel}
		switch opt.Style {
		case linemerge.StyleDiff3:
			args = append(args, "--diff3")
		case linemerge.StyleZDiff3:
			args = append(args, "--zdiff3")
		}
		if opt.MarkerSize != 0 {
			args = append(args, fmt.Sprintf("--marker-size=%d", opt.MarkerSize))
		}
		for _, f := range []string{"Left", "Base", "Right"} {
			args = append(args, filepath.Join(dir, f+".fx.yaml"))
		}
		out, err := exec.Command("git", args...).Output()
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatal(err)
		}
		if want := readCase(t, dir, "Expected.fx.yaml"); !bytes.Equal(out, want) {
			t.Errorf("%s: Expected.fx.yaml differs from git merge-file's output\n--- git ---\n%s", filepath.Base(dir), out)
		}
	}
}
