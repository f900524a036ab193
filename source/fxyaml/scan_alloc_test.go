package fxyaml

import (
	"runtime"
	"testing"
	"unsafe"
)

// A scan's memory is mostly its blocks (the fast path's heap on a large screen: issue
// 18). They are allocated twice, in chunks as they are read and in the one slice the
// scan returns (blockList); grown by append from nothing, a quarter at a time, their
// copies took five times their final size. The rest of what a scan allocates (mostly
// the parser's index of the screen's 10,000 child names) is less than half the file.
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
	if got, limit := after.TotalAlloc-before.TotalAlloc, blocks*9/4+uint64(len(data)/2); got > limit {
		t.Errorf("Scan of %d bytes (%d blocks of %d bytes) allocated %d bytes, want at most %d",
			len(data), len(sk.Blocks), size, got, limit)
	}
}

// The block list gives back each block where it was added, across chunks of every
// size, and all of them in order in one slice.
func TestBlockList(t *testing.T) {
	for _, n := range []int{0, 1, 16, 17, 48, 49, 1007, 1008, 1009, 2032, 2033, 5000} {
		var l blockList
		for i := 0; i < n; i++ {
			l.add(SkeletonBlock{Start: i})
			if got := l.at(i).Start; got != i {
				t.Fatalf("n=%d: at(%d) holds block %d", n, i, got)
			}
		}
		for i := 0; i < n; i++ {
			l.at(i).End = i + 1 // through the pointer, into the block itself
		}
		all := l.all()
		if len(all) != n {
			t.Fatalf("n=%d: all has %d blocks", n, len(all))
		}
		for i, b := range all {
			if b.Start != i || b.End != i+1 {
				t.Fatalf("n=%d: all()[%d] = block %d (end %d)", n, i, b.Start, b.End)
			}
		}
	}
}
