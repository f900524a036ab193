package gate

import (
	"crypto/sha1"
	"testing"
)

// emptyTree and emptyBlob are written out as bytes: they must be the ids git gives the
// empty tree and the empty file, the SHA-1 of their object headers.
func TestEmptyObjectIDs(t *testing.T) {
	for _, c := range []struct {
		name   string
		id     [20]byte
		object string
	}{
		{"emptyTree", emptyTree, "tree 0\x00"},
		{"emptyBlob", emptyBlob, "blob 0\x00"},
	} {
		if want := sha1.Sum([]byte(c.object)); c.id != want {
			t.Errorf("%s = %x, want %x (the id of %q)", c.name, c.id, want, c.object)
		}
	}
}
