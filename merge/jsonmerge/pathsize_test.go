package jsonmerge

import (
	"testing"
	"unsafe"
)

// TestPathSize: a path is made for every value both sides changed (Entropy.json's
// hundreds of ids a merge); at 64 bytes it fits the allocator's 64-byte class, one
// more word would take 80.
func TestPathSize(t *testing.T) {
	if s := unsafe.Sizeof(path{}); s > 64 {
		t.Errorf("a path is %d bytes, want at most 64", s)
	}
}
