package fxyaml

import (
	"runtime"
	"strings"
	"testing"
	"unsafe"
)

// A scan's memory is mostly its blocks (the fast path's heap on a large screen: issue
// 18). The slice is made once at about its final size (blockEstimate); grown by append
// from nothing, a quarter at a time, its copies took five times its final size. The
// rest of what a scan allocates (mostly the parser's index of the screen's 10,000
// child names) is less than half the file.
func TestScanAllocatesBlocksOnce(t *testing.T) {
	data := generatedScreen(10000)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	sk, err := Scan(data, nil)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if len(sk.Blocks) != 10001 {
		t.Fatalf("%d blocks, want 10001", len(sk.Blocks))
	}
	size := uint64(unsafe.Sizeof(SkeletonBlock{}))
	blocks := uint64(len(sk.Blocks)) * size
	if got, limit := after.TotalAlloc-before.TotalAlloc, blocks*5/4+uint64(len(data)/2); got > limit {
		t.Errorf("Scan of %d bytes (%d blocks of %d bytes) allocated %d bytes, want at most %d",
			len(data), len(sk.Blocks), size, got, limit)
	}
}

// The estimate is the number of block headers when formulas do not end lines with a
// colon, and never more than a block for every 64 bytes.
func TestBlockEstimate(t *testing.T) {
	for _, c := range []struct {
		data string
		want int
	}{
		{"", 1},
		{string(generatedScreen(100)), 102},
		{strings.ReplaceAll(string(generatedScreen(100)), "\n", "\r\n"), 102},
		{"Screen1 As screen:\n    Label1 As label:\n", 1}, // 41 bytes: under 64
		{string(make([]byte, 640)), 1},
		{":\n:\n:\n:\n", 1},
	} {
		if got := blockEstimate([]byte(c.data)); got != c.want {
			t.Errorf("blockEstimate(%.30q) = %d, want %d", c.data, got, c.want)
		}
	}
}
