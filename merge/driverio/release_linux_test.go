package driverio

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// residentKB returns the Rss of the mapping that holds b, from /proc/self/smaps.
func residentKB(t *testing.T, b []byte) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip("no /proc/self/smaps:", err)
	}
	defer f.Close()
	addr := uint64(uintptr(unsafe.Pointer(unsafe.SliceData(b))))
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if lo, hi, ok := strings.Cut(strings.Fields(line)[0], "-"); ok && !strings.HasSuffix(line, ":") {
			from, err1 := strconv.ParseUint(lo, 16, 64)
			to, err2 := strconv.ParseUint(hi, 16, 64)
			in = err1 == nil && err2 == nil && addr >= from && addr < to
			continue
		}
		if rest, ok := strings.CutPrefix(line, "Rss:"); ok && in {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			if err != nil {
				t.Fatal(err)
			}
			return kb
		}
	}
	t.Fatalf("no mapping holds %#x", addr)
	return 0
}

// Release drops the pages of a mapped input from the process's memory (its Rss), and
// the bytes read the same after; it leaves alone what it did not map, and inputs too
// small to matter.
func TestReleaseDropsPagesOfMappedInputs(t *testing.T) {
	dir := t.TempDir()
	var content bytes.Buffer
	for i := 0; content.Len() < 4<<20; i++ {
		fmt.Fprintf(&content, "    Label%d As label:\n        Text: =\"%d\"\n", i, i)
	}
	want := content.Bytes()
	big, small := filepath.Join(dir, "big"), filepath.Join(dir, "small")
	if err := os.WriteFile(big, want, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(small, want[:releaseMinSize-1], 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := ReadAll(big, small)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got[0], want) || !bytes.Equal(got[1], want[:releaseMinSize-1]) {
		t.Fatal("ReadAll read other bytes")
	}
	if !isMapped(got[0]) || !isMapped(got[1]) {
		t.Skip("the temporary directory's file system cannot map files")
	}
	if kb := residentKB(t, got[0]); kb < len(want)/1024*9/10 {
		t.Fatalf("read whole, the mapping has %d kB resident, want about %d", kb, len(want)/1024)
	}
	Release(got[0])
	if kb := residentKB(t, got[0]); kb > 8 {
		t.Errorf("released, the mapping has %d kB resident, want at most a page or two", kb)
	}
	if !bytes.Equal(got[0], want) {
		t.Error("released, the mapping reads other bytes")
	}
	Release(got[1])
	if kb := residentKB(t, got[1]); kb < (releaseMinSize-1)/1024*9/10 {
		t.Errorf("a mapping under releaseMinSize was released: %d kB resident", kb)
	}

	heap := bytes.Clone(want) // not a mapping: Release must leave it as it is
	Release(heap)
	if !bytes.Equal(heap, want) {
		t.Error("Release changed bytes of the heap")
	}
}
