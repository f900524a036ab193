package pamerge

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The merge stops with a fallback past its work limit, the same way on every run, and
// the work it counts depends on the inputs only.
func TestWorkLimit(t *testing.T) {
	dir := filepath.Join(casesDir, "zorder_move")
	read := func(n string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	base, ours, theirs := read("Base.pa.yaml"), read("Left.pa.yaml"), read("Right.pa.yaml")
	_, work, err := mergeCounted(base, ours, theirs, Options{}, WorkLimit)
	if err != nil || work == 0 {
		t.Fatalf("work %d, err %v", work, err)
	}
	if _, again, _ := mergeCounted(base, ours, theirs, Options{}, WorkLimit); again != work {
		t.Fatalf("work counted %d then %d", work, again)
	}
	_, _, err = mergeCounted(base, ours, theirs, Options{}, work-1)
	if !errors.Is(err, ErrFallback) || !strings.Contains(err.Error(), "more work than the structural merge's limit") {
		t.Fatalf("under the limit: %v", err)
	}
	if _, _, err := mergeCounted(base, ours, theirs, Options{}, work); err != nil {
		t.Fatalf("at the limit: %v", err)
	}
}

func TestMaxInputBytes(t *testing.T) {
	defer func(n int) { MaxInputBytes = n }(MaxInputBytes)
	base := []byte("App:\n  Properties:\n    A: =1\n")
	ours := []byte("App:\n  Properties:\n    A: =2\n")
	theirs := []byte("App:\n  Properties:\n    A: =1\n    B: =1\n")
	MaxInputBytes = len(base) + len(ours) + len(theirs) - 1
	if _, err := Merge(base, ours, theirs, Options{}); !errors.Is(err, ErrFallback) || !strings.Contains(err.Error(), "too large") {
		t.Fatalf("over the size limit: %v", err)
	}
	MaxInputBytes++
	res, err := Merge(base, ours, theirs, Options{})
	if err != nil || string(res.Merged) != "App:\n  Properties:\n    A: =2\n    B: =1\n" {
		t.Fatalf("at the size limit: %v %q", err, res.Merged)
	}
}

// Inputs that are not schema v3, or hold conflict markers, fall back with a reason.
func TestFallbackReasons(t *testing.T) {
	v3 := "App:\n  Properties:\n    A: =1\n"
	for _, c := range []struct{ base, ours, theirs, want string }{
		{v3, "Screen1 As screen:\n    A: =2\n", v3 + "    B: =1\n", "ours is not a schema v3 .pa.yaml file (legacy Name As type)"},
		{v3, v3 + "    B: =2\n", "App:\n  Properties:\n    A: =1\n   C: =1\n", "theirs does not parse as .pa.yaml: line 4: did not find expected key"},
		{v3, v3 + "    B: =2\n", "App:\n  Properties:\n    A: =1\n    A: =2\n", `theirs does not parse as .pa.yaml: 4:5: duplicate key "A" (first at line 3)`},
		{v3, v3 + "<<<<<<< ours\n", v3 + "    B: =1\n", "ours already contains conflict markers"},
	} {
		_, err := Merge([]byte(c.base), []byte(c.ours), []byte(c.theirs), Options{})
		if !errors.Is(err, ErrFallback) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("got %v, want a fallback containing %q", err, c.want)
		}
	}
}

// A clean output must keep every comment line it was written with: one written more
// deeply indented after a literal block reads back as the formula's last line, which
// checkOutput refuses (the merge then falls back).
func TestCheckOutputKeepsComments(t *testing.T) {
	merged := []byte("App:\n  Properties:\n    A: |-\n      =1\n      +2\n        # note on B\n    B: =3\n")
	if err := checkOutput(Result{Merged: merged}, Options{}, 1); !errors.Is(err, ErrFallback) || !strings.Contains(err.Error(), "part of a formula") {
		t.Fatalf("got %v", err)
	}
	ok := []byte("App:\n  Properties:\n    A: |-\n      =1\n      +2\n    # note on B\n    B: =3\n")
	if err := checkOutput(Result{Merged: ok}, Options{}, 1); err != nil {
		t.Fatalf("got %v", err)
	}
}
