package driverio

import (
	"os"
	"sync"
	"syscall"
	"unsafe"
)

// releaseMinSize is the smallest mapped input Release acts on: a smaller one holds too
// few pages to matter, and each release is a system call.
const releaseMinSize = 1 << 20

// mappings are the inputs mapFile mapped, by address and length: Release must never
// act on memory it did not map (MADV_DONTNEED zeroes anonymous memory).
var (
	mappingsMu sync.Mutex
	mappings   []mapping
)

type mapping struct{ start, end uintptr }

// noteMapping records a mapping mapFile made.
func noteMapping(b []byte) {
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	mappingsMu.Lock()
	mappings = append(mappings, mapping{start, start + uintptr(len(b))})
	mappingsMu.Unlock()
}

// Release tells the system that the caller will read little more of b, an input
// ReadAll returned, so the pages of the file it holds need not stay in the process's
// memory: they are dropped (MADV_DONTNEED), and a page touched again is mapped again
// from the file, which git does not change while the driver runs, with the same
// bytes. The driver reads three files whole before the .fx.yaml fast path knows what
// each side changed, and after that needs only those lines of ours and theirs: on a
// 3.3 MB screen their pages were 6.6 MB of a 25 MB peak (issue 18).
//
// b must not have been written to: a private page that was written is a copy, and
// dropping it would give back the file's bytes. Release does nothing for bytes it did
// not map (a file read the ordinary way, a slice of the heap) and for inputs under
// releaseMinSize; it only ever affects memory use, never what b reads.
func Release(b []byte) {
	if len(b) < releaseMinSize {
		return
	}
	if !isMapped(b) {
		return
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	end := start + uintptr(len(b))
	// The whole pages within b; a mapping starts on a page, so for a whole input
	// that is all of it but the part of the last page past its end.
	page := uintptr(os.Getpagesize())
	from, to := (start+page-1)&^(page-1), end&^(page-1)
	if from >= to {
		return
	}
	// An error leaves the pages where they are: there is nothing else to do.
	_ = syscall.Madvise(b[from-start:to-start], syscall.MADV_DONTNEED)
}

// isMapped reports whether b lies within a mapping mapFile made.
func isMapped(b []byte) bool {
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	end := start + uintptr(len(b))
	mappingsMu.Lock()
	defer mappingsMu.Unlock()
	for _, m := range mappings {
		if start >= m.start && end <= m.end {
			return true
		}
	}
	return false
}
