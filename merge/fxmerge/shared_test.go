package fxmerge

import (
	"bytes"
	"testing"
)

// Merge parses its inputs in place; nothing it returns may point into them, so a
// caller can reuse its buffers and keep the Result.
func TestResultOutlivesInputs(t *testing.T) {
	base := []byte("Screen1 As screen:\n    Fill: =White\n\n    Label1 As label:\n        Text: =\"a\"\n")
	ours := []byte("Screen1 As screen:\n    Fill: =White\n\n    Label1 As label:\n        Text: =\"b\"\n")
	theirs := []byte("Screen1 As screen:\n    Fill: =White\n\n    Label1 As label:\n        Text: =\"c\"\n")
	res, err := Merge(base, ours, theirs, Options{MarkerSize: 7})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Conflicts) != 1 {
		t.Fatalf("%d conflicts, want 1", len(res.Conflicts))
	}
	want := res.Conflicts[0]
	merged := bytes.Clone(res.Merged)
	for _, in := range [][]byte{base, ours, theirs} {
		for i := range in {
			in[i] = 'X'
		}
	}
	if got := res.Conflicts[0]; got != want || got.ControlPath != "Screen1 > Label1" || got.Property != "Text" {
		t.Errorf("conflict after the inputs were overwritten: %+v (was %+v)", got, want)
	}
	if !bytes.Equal(res.Merged, merged) {
		t.Error("the merged bytes changed with the inputs")
	}
}
