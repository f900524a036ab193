package fxmerge

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
	"github.com/canvasgit/canvasgit/source/fxyaml"
)

var update = flag.Bool("update", false, "rewrite Expected.fx.yaml of the merge cases")

const casesDir = "../testdata/fxyaml"

func caseOptions(t *testing.T, dir string) Options { return markertest.CaseOptions(t, dir) }

func readCase(t *testing.T, dir, name string) []byte {
	t.Helper()
	return markertest.ReadCase(t, dir, name)
}

// TestCases runs every merge case folder: Base, Left (ours) and Right (theirs) merge to
// Expected; Expected holds conflict markers exactly when conflicts are reported.
func TestCases(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(casesDir, "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no merge cases in %s", casesDir)
	}
	for _, dir := range dirs {
		dir := dir
		t.Run(filepath.Base(dir), func(t *testing.T) {
			base, left, right := readCase(t, dir, "Base.fx.yaml"), readCase(t, dir, "Left.fx.yaml"), readCase(t, dir, "Right.fx.yaml")
			if reason := strings.TrimSpace(string(readCase(t, dir, "reason.txt"))); reason == "" || strings.Contains(reason, "\n") {
				t.Errorf("reason.txt must hold one line")
			}
			opt := caseOptions(t, dir)
			res, err := Merge(base, left, right, opt)
			if fb, ferr := os.ReadFile(filepath.Join(dir, "fallback.txt")); ferr == nil {
				fallbackCase(t, dir, strings.TrimSpace(string(fb)), err, base, left, right, opt)
				return
			}
			if err != nil {
				t.Fatalf("Merge: %v", err)
			}
			expPath := filepath.Join(dir, "Expected.fx.yaml")
			if *update {
				if err := os.WriteFile(expPath, res.Merged, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want := readCase(t, dir, "Expected.fx.yaml")
			if !bytes.Equal(res.Merged, want) {
				t.Errorf("merged output differs from Expected.fx.yaml\n--- got ---\n%s\n--- want ---\n%s", res.Merged, want)
			}
			marked := linemerge.HasConflictMarkers(want, opt.MarkerSize)
			if marked != (len(res.Conflicts) > 0) {
				t.Errorf("Expected has markers: %v, but %d conflicts reported", marked, len(res.Conflicts))
			}
			checkConflicts(t, res, opt)
			for _, c := range res.Conflicts {
				t.Logf("conflict lines %d-%d: %s [%s]: %s", c.StartLine, c.EndLine, c.ControlPath, c.Property, c.Reason)
			}

			// The conflict set does not depend on which side is ours.
			swapped, err := Merge(base, right, left, opt)
			if err != nil {
				t.Fatalf("Merge with sides swapped: %v", err)
			}
			if got, want := conflictSet(swapped), conflictSet(res); got != want {
				t.Errorf("conflicts with sides swapped:\n%s\nwant\n%s", got, want)
			}
			// Favoring a side gives a clean-looking file that parses.
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
				if _, err := fxyaml.Parse(fr.Merged); err != nil {
					t.Errorf("favor %d: output does not parse: %v", fav, err)
				}
			}
			algebra(t, base, left, right)
		})
	}
}

func conflictSet(r Result) string {
	var s []string
	for _, c := range r.Conflicts {
		s = append(s, c.ControlPath+" ["+c.Property+"]")
	}
	return strings.Join(s, "\n")
}

// checkConflicts verifies the reports: a path and a reason each, lines that point at the
// markers, and an output that parses with every conflict resolved either way.
func checkConflicts(t *testing.T, res Result, opt Options) {
	t.Helper()
	lines := strings.SplitAfter(string(res.Merged), "\n")
	size := opt.MarkerSize
	if size == 0 {
		size = 7
	}
	for _, c := range res.Conflicts {
		if c.ControlPath == "" || c.Reason == "" {
			t.Errorf("conflict without path or reason: %+v", c)
		}
		if c.StartLine < 1 || c.EndLine > len(lines) || c.EndLine < c.StartLine {
			t.Errorf("conflict lines %d-%d out of range", c.StartLine, c.EndLine)
			continue
		}
		if !strings.HasPrefix(lines[c.StartLine-1], strings.Repeat("<", size)) || !strings.HasPrefix(lines[c.EndLine-1], strings.Repeat(">", size)) {
			t.Errorf("conflict lines %d-%d do not point at markers", c.StartLine, c.EndLine)
		}
	}
	if len(res.Conflicts) == 0 {
		f, err := fxyaml.Parse(res.Merged)
		if err != nil {
			t.Fatalf("clean output does not parse: %v", err)
		}
		if !bytes.Equal(f.Bytes(), res.Merged) {
			t.Errorf("clean output does not round-trip through the model")
		}
		return
	}
	markertest.EachSide(t, "output", res.Merged, opt.MarkerSize, func(r []byte) error {
		_, err := fxyaml.Parse(r)
		return err
	})
}

// algebra checks merge(B, X, X) = X, merge(B, B, X) = X and merge(B, X, B) = X byte
// for byte.
func algebra(t *testing.T, base, x, y []byte) {
	t.Helper()
	for _, in := range [][3][]byte{{base, x, x}, {base, base, x}, {base, x, base}, {base, y, y}, {base, base, y}} {
		want := in[1]
		if bytes.Equal(in[1], base) {
			want = in[2]
		}
		res, err := Merge(in[0], in[1], in[2], Options{})
		if err != nil {
			t.Errorf("algebra: %v", err)
			continue
		}
		if !bytes.Equal(res.Merged, want) || len(res.Conflicts) != 0 {
			t.Errorf("algebra: merging with an unchanged or identical side did not give the other side")
		}
	}
}

func TestFallback(t *testing.T) {
	good := []byte("Screen1 As screen:\n    Fill: =Color.Red\n\n")
	cases := []struct {
		name               string
		base, ours, theirs string
		want               string
	}{
		{"tab", string(good), "Screen1 As screen:\n\tFill: =Color.Blue\n", string(good) + "    X: =1\n", "ours does not parse as .fx.yaml: line 2, column 1"},
		{"markers", string(good), "Screen1 As screen:\n<<<<<<< HEAD\n    Fill: =1\n=======\n    Fill: =2\n>>>>>>> x\n", "Screen1 As screen:\n    Fill: =3\n", "ours already contains conflict markers"},
		{"hash", string(good), "Screen1 As screen:\n    Fill: =Color.Blue # blue\n", "Screen1 As screen:\n    Fill: =3\n", "ours does not parse as .fx.yaml: line 2, column 23"},
		{"theirs duplicate", string(good), "Screen1 As screen:\n    Fill: =Color.Blue\n", "Screen1 As screen:\n    Fill: =3\n    Fill: =4\n", "theirs does not parse as .fx.yaml: line 3, column 5"},
		// Found by FuzzMerge: theirs replaced the function F() by a property keyed `F()`;
		// ours changed the function, so both could end up in the block.
		{"property keyed like a function", "Component1 As 0:\n ValidateDates():\n  EndDate:", "Component1 As 0:\n    ValidateDates():\n        EndDate:\n         Default: =\n    Width: =", "Component1 As 0:\n    ValidateDates(): =", `control Component1: a property and a block are both keyed "ValidateDates()"`},
		{"base indent", "Screen1 As screen:\n    Fill: =1\n  X: =2\n", "Screen1 As screen:\n    Fill: =2\n", "Screen1 As screen:\n    Fill: =3\n", "base does not parse as .fx.yaml: line 3, column 3"},
	}
	for _, c := range cases {
		_, err := Merge([]byte(c.base), []byte(c.ours), []byte(c.theirs), Options{})
		if !errors.Is(err, ErrFallback) {
			t.Errorf("%s: err = %v, want a fallback", c.name, err)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %q, want it to mention %q", c.name, err, c.want)
		}
	}
}

// fallbackCase checks a case folder with fallback.txt: the structural merge must give up
// with that reason, with the sides in either order, and Expected.fx.yaml is what the
// merge driver then writes, the line merge's result.
func fallbackCase(t *testing.T, dir, reason string, err error, base, left, right []byte, opt Options) {
	t.Helper()
	if !errors.Is(err, ErrFallback) || !strings.Contains(err.Error(), reason) {
		t.Fatalf("Merge: err = %v, want a fallback mentioning %q", err, reason)
	}
	if _, err := Merge(base, right, left, opt); !errors.Is(err, ErrFallback) {
		t.Errorf("Merge with sides swapped: err = %v, want a fallback", err)
	}
	res := linemerge.Merge(base, left, right, opt)
	expPath := filepath.Join(dir, "Expected.fx.yaml")
	if *update {
		if err := os.WriteFile(expPath, res.Merged, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if want := readCase(t, dir, "Expected.fx.yaml"); !bytes.Equal(res.Merged, want) {
		t.Errorf("line merge differs from Expected.fx.yaml\n--- got ---\n%s\n--- want ---\n%s", res.Merged, want)
	}
}
