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

// TestConflictNodeSize: an overlap is one allocation (conflictNode), hundreds a merge
// in volatile files; 288 bytes is an allocator size class, one more word takes 320.
func TestConflictNodeSize(t *testing.T) {
	if s := unsafe.Sizeof(conflictNode{}); s > 288 {
		t.Errorf("a conflictNode is %d bytes, want at most 288", s)
	}
}
