package driverio

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The sizes OpenInputs gives and the bytes ReadAll returns are those of the same
// files: a file replaced by another name in between (as an editor saves) is still
// read as it was opened, where statting by name and then opening by name read one
// file's size and another's bytes.
func TestInputsReadTheFilesTheyOpened(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	small := []byte("small\n")
	if err := os.WriteFile(a, small, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, []byte("other\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	in, err := OpenInputs(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if s := in.Sizes(); len(s) != 2 || s[0] != int64(len(small)) {
		t.Fatalf("Sizes %v", s)
	}
	replacement := filepath.Join(dir, "replacement")
	if err := os.WriteFile(replacement, bytes.Repeat([]byte("x"), 100_000), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(replacement, a); err != nil {
		t.Fatal(err)
	}
	got, err := in.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got[0], small) || string(got[1]) != "other\n" {
		t.Errorf("ReadAll read %d and %d bytes, want the %d bytes a held when opened", len(got[0]), len(got[1]), len(small))
	}
}

// A missing file is an error naming it, and the files opened before it are closed.
func TestOpenInputsMissingFile(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a")
	if err := os.WriteFile(a, []byte("a\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing")
	if _, err := OpenInputs(a, missing); err == nil || !bytes.Contains([]byte(err.Error()), []byte(missing)) {
		t.Errorf("error %v, want one naming %s", err, missing)
	}
}
