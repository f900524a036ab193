package fxmerge

import (
	"bytes"
	"errors"
	"fmt"
	"os"
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
	bundles := corpus.Bundles(t)
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
		out := gitMergeFileCase(t, dir, opt)
		if want := readCase(t, dir, "Expected.fx.yaml"); !bytes.Equal(out, want) {
			t.Errorf("%s: Expected.fx.yaml differs from git merge-file's output\n--- git ---\n%s", filepath.Base(dir), out)
		}
	}
}

// gitMergeFileCase runs `git merge-file` on a case folder's Left, Base and Right with
// the case's marker size, conflict style and labels, and returns its output.
func gitMergeFileCase(t *testing.T, dir string, opt Options) []byte {
	t.Helper()
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
	return out
}

// TestConflictLinesCases checks every case folder against git: the lines between
// conflict markers of the merge (the line merge's when the case falls back) are no more
// than those of `git merge-file` on the same three files. A case whose conflicts are
// knowingly larger says why in larger_than_git.txt; it must then really be larger, so
// the file goes when the merge improves.
func TestConflictLinesCases(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not found")
	}
	dirs, _ := filepath.Glob(filepath.Join(casesDir, "*"))
	if len(dirs) == 0 {
		t.Fatal("no merge cases")
	}
	var ours, git int
	for _, dir := range dirs {
		name := filepath.Base(dir)
		opt := caseOptions(t, dir)
		base, left, right := readCase(t, dir, "Base.fx.yaml"), readCase(t, dir, "Left.fx.yaml"), readCase(t, dir, "Right.fx.yaml")
		res, err := Merge(base, left, right, opt)
		merged := res.Merged
		if err != nil {
			if !errors.Is(err, ErrFallback) {
				t.Fatalf("%s: %v", name, err)
			}
			merged = linemerge.Merge(base, left, right, opt).Merged
		}
		n := linemerge.ConflictLines(merged, opt.MarkerSize)
		g := linemerge.ConflictLines(gitMergeFileCase(t, dir, opt), opt.MarkerSize)
		ours += n
		git += g
		_, known := os.Stat(filepath.Join(dir, "larger_than_git.txt"))
		switch {
		case n > g && known != nil:
			t.Errorf("%s: %d lines between conflict markers, git merge-file has %d", name, n, g)
		case n <= g && known == nil:
			t.Errorf("%s: has larger_than_git.txt but %d lines between conflict markers against git's %d; remove the file", name, n, g)
		case n > 0 || g > 0:
			t.Logf("%s: %d conflict lines (git merge-file: %d)", name, n, g)
		}
	}
	t.Logf("%d cases: %d lines between conflict markers, git merge-file %d", len(dirs), ours, git)
}
