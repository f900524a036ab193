package gitobj

import (
	"encoding/hex"
	"fmt"
)

// IDSize is the length of a SHA-1 object id in bytes.
const IDSize = 20

// ID is a git object id (SHA-1).
type ID [IDSize]byte

// ZeroID is the id of no object.
var ZeroID ID

// ParseID reads a full 40-digit hexadecimal object id (either case).
func ParseID(s string) (ID, error) {
	var id ID
	if len(s) != 2*IDSize {
		return id, fmt.Errorf("not an object id: %q", s)
	}
	if _, err := hex.Decode(id[:], []byte(s)); err != nil {
		return id, fmt.Errorf("not an object id: %q", s)
	}
	return id, nil
}

// MustParseID is ParseID for ids known to be well formed (in tests): it
// panics on a malformed one, a programming error found by any test.
func MustParseID(s string) ID {
	id, err := ParseID(s)
	if err != nil {
		panic(err)
	}
	return id
}

// String is the id in lowercase hexadecimal, as git prints it.
func (id ID) String() string { return hex.EncodeToString(id[:]) }

// IsZero reports whether id is ZeroID.
func (id ID) IsZero() bool { return id == ZeroID }
