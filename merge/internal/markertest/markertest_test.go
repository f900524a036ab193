package markertest

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps the errors reported.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, strings.TrimSpace(format))
}

func TestEachSide(t *testing.T) {
	merged := []byte("a\n<<<<<<< ours\nx\n=======\ny\n>>>>>>> theirs\nb\n")
	var seen [][]byte
	rec := &recorder{TB: t}
	EachSide(rec, "case", merged, 0, func(r []byte) error {
		seen = append(seen, r)
		if bytes.Contains(r, []byte("y")) {
			return errors.New("y is not allowed")
		}
		return nil
	})
	if len(seen) != 2 || string(seen[0]) != "a\nx\nb\n" || string(seen[1]) != "a\ny\nb\n" {
		t.Errorf("resolutions %q, want ours then theirs", seen)
	}
	if len(rec.errs) != 1 {
		t.Errorf("reported %d errors, want 1 (theirs)", len(rec.errs))
	}
}
