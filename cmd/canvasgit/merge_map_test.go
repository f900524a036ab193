//go:build unix

package main

import (
	"os"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/merge"
)

// An input cut short by another process while the driver holds it mapped
// (driverio.ReadAll) makes a read past its new end fault. That is no result (exit 2,
// the driver command's fallback runs), with a message, not a crash of the process.
func TestMergeInputCutShortIsNoResult(t *testing.T) {
	defer func(f func(merge.Input) merge.Outcome) { mergeFile = f }(mergeFile)
	big := strings.Repeat("line of the base\n", 2000) // several pages
	base, ours, theirs := mergeInputs(t, big, big+mOurs, big+mTheirs)
	mergeFile = func(in merge.Input) merge.Outcome {
		if err := os.Truncate(theirs, 0); err != nil {
			t.Fatal(err)
		}
		_ = in.Theirs[len(in.Theirs)-1] // past the new end: SIGBUS on a mapped file
		return merge.File(in)
	}
	code, _, stderr := runCmd("merge", "--path=notes.txt", base, ours, theirs)
	if code != exitNoResult || !strings.Contains(stderr, "canvasgit: internal error:") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if got := readString(t, ours); got != big+mOurs {
		t.Errorf("OURS changed")
	}
}
