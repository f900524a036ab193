package pamerge

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/merge/internal/markertest"
	"github.com/canvasgit/canvasgit/merge/linemerge"
	"github.com/canvasgit/canvasgit/source/payaml"
)

var update = flag.Bool("update", false, "rewrite Expected.pa.yaml of the merge cases")

const casesDir = "testdata/cases"

func caseOptions(t *testing.T, dir string) Options { return markertest.CaseOptions(t, dir) }

func readCase(t *testing.T, dir, name string) []byte {
	t.Helper()
	return markertest.ReadCase(t, dir, name)
}

// TestCases runs every case folder: Base, Left (ours) and Right (theirs) merge to
// Expected, which holds conflict markers exactly when conflicts are reported; or, with
// fallback.txt, the merge falls back to the line merge for the reason written there.
func TestCases(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(casesDir, "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no merge cases in %s", casesDir)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			base, left, right := readCase(t, dir, "Base.pa.yaml"), readCase(t, dir, "Left.pa.yaml"), readCase(t, dir, "Right.pa.yaml")
			if reason := strings.TrimSpace(string(readCase(t, dir, "reason.txt"))); reason == "" || strings.Contains(reason, "\n") {
				t.Errorf("reason.txt must hold one line")
			}
			opt := caseOptions(t, dir)
			res, err := Merge(base, left, right, opt)
			if fb, ferr := os.ReadFile(filepath.Join(dir, "fallback.txt")); ferr == nil {
				if !errors.Is(err, ErrFallback) || err.Error() != strings.TrimSpace(string(fb)) {
					t.Fatalf("got %v, want a fallback: %s", err, fb)
				}
				return
			}
			if err != nil {
				t.Fatalf("Merge: %v", err)
			}
			expPath := filepath.Join(dir, "Expected.pa.yaml")
			if *update {
				if err := os.WriteFile(expPath, res.Merged, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want := readCase(t, dir, "Expected.pa.yaml")
			if !bytes.Equal(res.Merged, want) {
				t.Errorf("merged output differs from Expected.pa.yaml\n--- got ---\n%s\n--- want ---\n%s", res.Merged, want)
			}
			marked := linemerge.HasConflictMarkers(want, opt.MarkerSize)
			if marked != (len(res.Conflicts) > 0) {
				t.Errorf("Expected has markers: %v, but %d conflicts reported", marked, len(res.Conflicts))
			}
			for _, c := range res.Conflicts {
				t.Logf("conflict lines %d-%d: %s [%s]: %s", c.StartLine, c.EndLine, c.Path, c.Field, c.Reason)
			}
			checkConflictLines(t, res, opt)
			// No larger than git's own conflict on the same inputs.
			lr := linemerge.Merge(base, left, right, opt)
			if got, git := linemerge.ConflictLines(res.Merged, opt.MarkerSize), linemerge.ConflictLines(lr.Merged, opt.MarkerSize); len(lr.Conflicts) > 0 && got > git {
				t.Errorf("%d lines between markers, git's line merge has %d", got, git)
			}

			// The conflicts do not depend on which side is ours.
			swapped, err := Merge(base, right, left, opt)
			if err != nil {
				t.Fatalf("Merge with sides swapped: %v", err)
			}
			if len(swapped.Conflicts) != len(res.Conflicts) {
				t.Errorf("%d conflicts with sides swapped, %d without", len(swapped.Conflicts), len(res.Conflicts))
			}
			if len(res.Conflicts) == 0 {
				a, _ := payaml.Parse(res.Merged)
				b, _ := payaml.Parse(swapped.Merged)
				if a == nil || b == nil || !payaml.Equal(a.Root, b.Root) && !reorderOnly(t, dir) {
					t.Errorf("clean merge with sides swapped holds other data:\n%s", swapped.Merged)
				}
			}
			// Favouring a side gives a file that parses, with the same conflicts.
			for _, fav := range []linemerge.Favor{linemerge.FavorOurs, linemerge.FavorTheirs} {
				o := opt
				o.Favor = fav
				fr, err := Merge(base, left, right, o)
				if err != nil {
					t.Fatalf("Merge with favor %d: %v", fav, err)
				}
				if len(fr.Conflicts) != len(res.Conflicts) {
					t.Errorf("favor %d: %d conflicts, want %d", fav, len(fr.Conflicts), len(res.Conflicts))
				}
				if _, err := payaml.Parse(fr.Merged); err != nil {
					t.Errorf("favor %d: output does not parse: %v", fav, err)
				}
			}
		})
	}
}

// reorderOnly: cases where both sides moved or inserted items at one place of a list;
// which side's items come first depends on which side is ours.
func reorderOnly(t *testing.T, dir string) bool {
	switch filepath.Base(dir) {
	case "zorder_both_reorder", "screens_order":
		return true
	}
	return false
}

// checkConflictLines: each reported region starts and ends with the markers (or, with
// a side favoured, lies in the file).
func checkConflictLines(t *testing.T, res Result, opt Options) {
	t.Helper()
	lines := strings.Split(string(res.Merged), "\n")
	size := opt.MarkerSize
	if size == 0 {
		size = 7
	}
	for _, c := range res.Conflicts {
		if c.StartLine < 1 || c.EndLine > len(lines) || c.EndLine < c.StartLine {
			t.Errorf("conflict %d-%d outside the file", c.StartLine, c.EndLine)
			continue
		}
		if !strings.HasPrefix(lines[c.StartLine-1], strings.Repeat("<", size)) || !strings.HasPrefix(lines[c.EndLine-1], strings.Repeat(">", size)) {
			t.Errorf("conflict %d-%d does not span its markers: %q .. %q", c.StartLine, c.EndLine, lines[c.StartLine-1], lines[c.EndLine-1])
		}
	}
}
