package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/gitsetup"
	"github.com/canvasgit/canvasgit/merge"
)

// mergeInputs writes base, ours and theirs into a fresh folder and returns their paths.
func mergeInputs(t *testing.T, base, ours, theirs string) (string, string, string) {
	t.Helper()
	dir := t.TempDir()
	var paths [3]string
	for i, body := range []string{base, ours, theirs} {
		paths[i] = filepath.Join(dir, []string{"base", "ours", "theirs"}[i])
		if err := os.WriteFile(paths[i], []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return paths[0], paths[1], paths[2]
}

func readString(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const (
	mBase   = "a\nb\nc\n"
	mOurs   = "a\nB-ours\nc\n"
	mTheirs = "a\nB-theirs\nc\n"
)

// A panic inside the merge is no result (exit 2, OURS untouched), not a conflict:
// exit 1 with OURS unchanged would tell git "markers written" while theirs is gone.
func TestMergePanicIsNoResult(t *testing.T) {
	defer func(f func(merge.Input) merge.Outcome) { mergeFile = f }(mergeFile)
	mergeFile = func(merge.Input) merge.Outcome { panic("boom") }
	base, ours, theirs := mergeInputs(t, mBase, mOurs, mTheirs)
	code, _, stderr := runCmd("merge", "--conflict-style=merge", "--path=Src/A.fx.yaml", base, ours, theirs)
	if code != exitNoResult || !strings.Contains(stderr, "canvasgit: internal error: boom") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if got := readString(t, ours); got != mOurs {
		t.Errorf("OURS changed: %q", got)
	}
}

// The result replaces OURS whole, keeping its mode, and leaves no temporary file.
func TestMergeReplacesOursKeepingMode(t *testing.T) {
	base, ours, theirs := mergeInputs(t, mBase, mOurs, "a\nb\nc\nd\n")
	if err := os.Chmod(ours, 0o640); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCmd("merge", "--path=notes.txt", base, ours, theirs)
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if got := readString(t, ours); got != "a\nB-ours\nc\nd\n" {
		t.Errorf("result %q", got)
	}
	st, err := os.Stat(ours)
	if err != nil {
		t.Fatal(err)
	}
	if want := os.FileMode(0o640); st.Mode().Perm() != want && runtime.GOOS != "windows" {
		t.Errorf("mode %v, want %v", st.Mode().Perm(), want)
	}
	entries, _ := os.ReadDir(filepath.Dir(ours))
	if len(entries) != 3 {
		t.Errorf("files left beside OURS: %v", entries)
	}
}

// git takes any conflict-marker-size; canvasgit caps it at 1024 and says so.
func TestMergeCapsMarkerSize(t *testing.T) {
	base, ours, theirs := mergeInputs(t, mBase, mOurs, mTheirs)
	code, _, stderr := runCmd("merge", "--marker-size=2000000000", "--conflict-style=merge", "--path=notes.txt", base, ours, theirs)
	if code != exitConflict {
		t.Errorf("exit %d", code)
	}
	marker := strings.Repeat("<", maxMarkerSize)
	want := "a\n" + marker + " ours\nB-ours\n" + strings.Repeat("=", maxMarkerSize) + "\nB-theirs\n" + strings.Repeat(">", maxMarkerSize) + " theirs\nc\n"
	if got := readString(t, ours); got != want {
		t.Errorf("result has markers of %d characters", strings.Index(got[2:], " "))
	}
	if !strings.Contains(stderr, "notes.txt: conflict-marker-size 2000000000 is over canvasgit's limit of 1024") {
		t.Errorf("stderr %q", stderr)
	}
	// At the limit: no note (the conflict's finishing commands are still printed).
	base, ours, theirs = mergeInputs(t, mBase, mOurs, mTheirs)
	if _, _, stderr := runCmd("merge", "--marker-size=1024", "--conflict-style=merge", "--path=notes.txt", base, ours, theirs); strings.Contains(stderr, "conflict-marker-size") {
		t.Errorf("marker size 1024: stderr %q", stderr)
	}
}

// Inputs over merge.MaxInputSize are never read whole: a side that did not change
// gives the other side, otherwise OURS stays and the file is a conflict.
func TestMergeOverSizeLimit(t *testing.T) {
	defer func(n int64) { merge.MaxInputSize = n }(merge.MaxInputSize)
	merge.MaxInputSize = 16
	big := strings.Repeat("x", 20) + "\n"
	cases := []struct {
		name                string
		base, ours, theirs  string
		code                int
		result, stderrMatch string
	}{
		{"both changed", mBase, big + mOurs, big + mTheirs, exitConflict, big + mOurs, "notes.txt: an input is larger than 16 bytes (git's limit for merging text): treated as binary, kept ours"},
		{"ours unchanged", big, big, big + mTheirs, exitOK, big + mTheirs, ""},
		{"theirs unchanged", big, big + mOurs, big, exitOK, big + mOurs, ""},
		{"same change", mBase, big, big, exitOK, big, ""},
	}
	for _, c := range cases {
		base, ours, theirs := mergeInputs(t, c.base, c.ours, c.theirs)
		code, _, stderr := runCmd("merge", "--path=notes.txt", base, ours, theirs)
		if code != c.code || readString(t, ours) != c.result {
			t.Errorf("%s: exit %d, result %q", c.name, code, readString(t, ours))
		}
		if (c.stderrMatch == "") != (stderr == "") || !strings.Contains(stderr, c.stderrMatch) {
			t.Errorf("%s: stderr %q", c.name, stderr)
		}
	}
}

func TestMergeReadsChecksumConfigOnlyForATrueMerge(t *testing.T) {
	defer func(f func() gitsetup.DriverConfig) { readConfig = f }(readConfig)
	defer func(f func() (string, bool)) { readChecksum = f }(readChecksum)
	calls := 0
	readConfig = func() gitsetup.DriverConfig { calls++; return gitsetup.DriverConfig{Checksum: "ours"} }
	readChecksum = func() (string, bool) { return "", false } // not certain: git is asked
	const path = "--path=app/Entropy/checksum.json"

	base, ours, theirs := mergeInputs(t, `{"a":1}`, `{"a":1}`, `{"a":2}`)
	if code, _, stderr := runCmd("merge", path, base, ours, theirs); code != exitOK {
		t.Fatalf("one side changed: exit %d, %s", code, stderr)
	}
	if got := readString(t, ours); got != `{"a":2}` || calls != 0 {
		t.Errorf("one side changed: OURS %q, git config read %d times, want theirs and 0", got, calls)
	}

	base, ours, theirs = mergeInputs(t, `{"a":1}`, `{"a":3}`, `{"a":2}`)
	if code, _, stderr := runCmd("merge", path, base, ours, theirs); code != exitOK {
		t.Fatalf("both sides changed: exit %d, %s", code, stderr)
	}
	if got := readString(t, ours); got != `{"a":3}` || calls != 1 {
		t.Errorf("both sides changed: OURS %q, git config read %d times, want ours (canvasgit.checksum = ours) and 1", got, calls)
	}
}

// Where the driver can read canvasgit.checksum from the config files itself, it does
// not start git for it.
func TestMergeReadsChecksumWithoutGitWhenCertain(t *testing.T) {
	defer func(f func() gitsetup.DriverConfig) { readConfig = f }(readConfig)
	defer func(f func() (string, bool)) { readChecksum = f }(readChecksum)
	calls := 0
	readConfig = func() gitsetup.DriverConfig { calls++; return gitsetup.DriverConfig{} }
	readChecksum = func() (string, bool) { return "ours", true }
	base, ours, theirs := mergeInputs(t, `{"a":1}`, `{"a":3}`, `{"a":2}`)
	if code, _, stderr := runCmd("merge", "--path=app/Entropy/checksum.json", base, ours, theirs); code != exitOK {
		t.Fatalf("exit %d, %s", code, stderr)
	}
	if got := readString(t, ours); got != `{"a":3}` || calls != 0 {
		t.Errorf("OURS %q, git config read %d times; want ours and 0", got, calls)
	}
}

// The driver runs without collections for inputs the engine's allocations keep under
// the limit, and with Go's default pacing for larger ones.
func TestMergeGCPolicy(t *testing.T) {
	for _, tt := range []struct {
		largest      int64
		percent      int
		limitBounded bool
	}{
		{246, -1, true},
		{72 << 10, -1, true},
		{gcOffMaxInput, -1, true},
		{gcOffMaxInput + 1, 100, false},
		{5 << 20, 100, false},
	} {
		percent, limit := gcPolicy(tt.largest)
		if percent != tt.percent || (limit == gcOffLimit) != tt.limitBounded {
			t.Errorf("gcPolicy(%d) = %d, %d; want percent %d, limit %v", tt.largest, percent, limit, tt.percent, tt.limitBounded)
		}
	}
}

// A result equal to ours leaves OURS as it is, not rewritten: the same file, with its
// bytes; a conflict still exits 1.
func TestMergeResultEqualToOursLeavesOurs(t *testing.T) {
	for _, c := range []struct {
		name, path, base, ours, theirs string
		code                           int
	}{
		// theirs' change is one ours already made
		{"clean", "notes.txt", mBase, "a\nB\nc\nd\n", "a\nB\nc\n", exitOK},
		// both sides changed checksum.json: ours is kept when asked
		{"kept ours", "app/Entropy/checksum.json", `{"a":1}`, `{"a":2}`, `{"a":3}`, exitOK},
	} {
		t.Run(c.name, func(t *testing.T) {
			base, ours, theirs := mergeInputs(t, c.base, c.ours, c.theirs)
			before, err := os.Stat(ours)
			if err != nil {
				t.Fatal(err)
			}
			code, _, stderr := runCmd("merge", "--checksum=ours", "--path="+c.path, base, ours, theirs)
			if code != c.code {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			after, err := os.Stat(ours)
			if err != nil {
				t.Fatal(err)
			}
			if !os.SameFile(before, after) {
				t.Errorf("OURS was replaced by another file")
			}
			if got := readString(t, ours); got != c.ours {
				t.Errorf("OURS %q, want %q", got, c.ours)
			}
		})
	}
}

// writeCounter is a stderr that counts its writes.
type writeCounter struct {
	strings.Builder
	writes int
}

func (w *writeCounter) Write(p []byte) (int, error) {
	w.writes++
	return w.Builder.Write(p)
}

// The driver's messages (here the conflict's finishing steps and the marker-size note)
// reach stderr in one write, in order.
func TestMergeMessagesInOneWrite(t *testing.T) {
	base, ours, theirs := mergeInputs(t, mBase, mOurs, mTheirs)
	f := mergeFlags{markerSize: 2000, path: "notes.txt", style: "merge"}
	var stderr writeCounter
	if code := runMerge(f, []string{base, ours, theirs}, &stderr); code != exitConflict {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
	if len(lines) < 2 || !strings.Contains(lines[len(lines)-1], "conflict-marker-size 2000 is over") {
		t.Fatalf("stderr %q: want the finishing steps, then the marker-size note", stderr.String())
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "canvasgit: ") {
			t.Errorf("line %q does not start with \"canvasgit: \"", l)
		}
	}
	if stderr.writes != 1 {
		t.Errorf("%d writes to stderr for %d lines, want 1", stderr.writes, len(lines))
	}
}
