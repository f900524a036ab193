//go:build unix

package main

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/merge"
	"github.com/canvasgit/canvasgit/merge/linemerge"
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

// The driver lets the engine release ours and theirs once the .fx.yaml fast path has
// read them through (driverio.Release drops their mapped pages: issue 18's peak
// memory), and writes the result it leaves in pieces: OURS ends as merge.File's bytes.
func TestMergeFastPathReleasesSidesAndWritesPieces(t *testing.T) {
	defer func(f func(merge.Input) merge.Outcome) { mergeFile = f }(mergeFile)
	var sb strings.Builder
	sb.WriteString("Screen1 As screen:\n    Fill: =White\n\n")
	for i := 0; sb.Len() < 2<<20; i++ { // over driverio's 1 MiB minimum
		fmt.Fprintf(&sb, "    Label%d As label:\n        Text: =\"%d\"\n        X: =%d\n        ZIndex: =%d\n\n", i, i, i, i+1)
	}
	base := sb.String()
	ours := strings.Replace(base, "        X: =10\n", "        X: =11\n", 1)
	theirs := strings.Replace(base, "        X: =9000\n", "        X: =9001\n", 1)
	want := merge.File(merge.Input{Path: "Src/Screen1.fx.yaml", Base: []byte(base), Ours: []byte(ours), Theirs: []byte(theirs),
		Options: linemerge.Options{MarkerSize: 7}})
	if want.Status != merge.Clean || !strings.Contains(string(want.Merged), "X: =11\n") || !strings.Contains(string(want.Merged), "X: =9001\n") {
		t.Fatalf("merge.File: %v", want.Status)
	}
	bp, op, tp := mergeInputs(t, base, ours, theirs)
	var released []string
	mergeFile = func(in merge.Input) merge.Outcome {
		release := in.Release
		if release == nil {
			t.Fatal("the driver passes no Release")
		}
		in.Release = func(b []byte) {
			released = append(released, string(b))
			release(b)
		}
		out := merge.FileParts(in)
		if out.Parts == nil {
			t.Error("the result was built whole")
		}
		return out
	}
	if code, _, stderr := runCmd("merge", "--path=Src/Screen1.fx.yaml", bp, op, tp); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if len(released) != 2 || released[0] != ours || released[1] != theirs {
		t.Errorf("released %d inputs, want ours then theirs", len(released))
	}
	if got := readString(t, op); got != string(want.Merged) {
		t.Errorf("OURS is not merge.File's result (%d bytes, want %d)", len(got), len(want.Merged))
	}
}
