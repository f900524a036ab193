package jsonmerge

import (
	"testing"
	"unsafe"
)

// TestNodeSizes: every value read is a node and every object member a member, so
// their sizes are most of the memory a merge allocates, and in the driver every byte
// allocated is a fresh page touched (issue 18). A field added must pay for itself.
func TestNodeSizes(t *testing.T) {
	if s := unsafe.Sizeof(node{}); s > 64 {
		t.Errorf("a node is %d bytes, want at most 64", s)
	}
	if s := unsafe.Sizeof(member{}); s > 32 {
		t.Errorf("a member is %d bytes, want at most 32", s)
	}
	// 72: body.src, which lets base be read lazily, pays for itself many times over
	// (base's containers get no body until the merge looks inside them).
	if s := unsafe.Sizeof(body{}); s > 72 {
		t.Errorf("a body is %d bytes, want at most 72", s)
	}
}
