package rawfile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ReadFile reads what os.ReadFile reads: a file whole, one that reports no size (as
// /proc's do) to its end, and a missing file as fs.ErrNotExist (a missing git config
// file is an empty one to gitsetup.ChecksumSetting).
func TestReadFileReadsAsOSReadFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "config")
	text := "[canvasgit]\n\tchecksum = ours\n" + strings.Repeat("# comment\n", 200)
	if err := os.WriteFile(name, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, err := ReadFile(name); err != nil || string(got) != text {
		t.Errorf("ReadFile: %d bytes, %v; want %d", len(got), err, len(text))
	}
	_, err := ReadFile(filepath.Join(dir, "missing"))
	if !errors.Is(err, fs.ErrNotExist) || !os.IsNotExist(err) {
		t.Errorf("missing file: %v, want fs.ErrNotExist", err)
	}
	if want, err := os.ReadFile("/proc/self/limits"); err == nil {
		if got, err := ReadFile("/proc/self/limits"); err != nil || !bytes.Equal(got, want) {
			t.Errorf("/proc/self/limits: %d bytes, %v; want %d", len(got), err, len(want))
		}
	}
}
