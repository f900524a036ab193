//go:build unix

package driverio

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The temporary file is named after the process: one a process of the same id left
// behind (it did not finish) is passed over and left as it is, and the replacement
// still happens.
func TestReplaceFilePassesOverALeftTemporary(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "ours.json")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	left := filepath.Join(dir, ".ours.json.canvasgit-"+strconv.Itoa(os.Getpid())+"-0")
	if err := os.WriteFile(left, []byte("left"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := ReplaceFile(target, strings.NewReader("new")); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(target); err != nil || string(b) != "new" {
		t.Errorf("target %q, %v", b, err)
	}
	if b, err := os.ReadFile(left); err != nil || string(b) != "left" {
		t.Errorf("the left temporary is now %q, %v", b, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("%d files in the folder, want the target and the left one", len(entries))
	}
}

// A file that is missing, or a folder that cannot take a new file, is an error that
// names it, and nothing is left behind.
func TestReplaceFileErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing")
	if err := ReplaceFile(missing, strings.NewReader("x")); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("missing file: %v", err)
	}
	if os.Geteuid() == 0 {
		t.Skip("root writes into a read-only folder")
	}
	ro := filepath.Join(dir, "ro")
	if err := os.Mkdir(ro, 0o755); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(ro, "ours")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(ro, 0o755)
	if err := ReplaceFile(target, strings.NewReader("new")); err == nil || !strings.Contains(err.Error(), ro) {
		t.Errorf("read-only folder: %v", err)
	}
	if b, _ := os.ReadFile(target); string(b) != "old" {
		t.Errorf("target now %q", b)
	}
}
