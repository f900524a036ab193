package gitobj

import (
	"crypto/sha1"
	"errors"
	"fmt"
	"strconv"
)

// Type is an object's kind, numbered as in a pack.
type Type uint8

// The four object types, with their pack numbers.
const (
	TypeCommit Type = 1
	TypeTree   Type = 2
	TypeBlob   Type = 3
	TypeTag    Type = 4
)

// Pack-only entry types: deltas against another entry.
const (
	typeOfsDelta Type = 6
	typeRefDelta Type = 7
)

func (t Type) String() string {
	switch t {
	case TypeCommit:
		return "commit"
	case TypeTree:
		return "tree"
	case TypeBlob:
		return "blob"
	case TypeTag:
		return "tag"
	}
	return "type " + strconv.Itoa(int(t))
}

// typeNamed is the type a loose object's header names.
func typeNamed(s string) (Type, bool) {
	switch s {
	case "commit":
		return TypeCommit, true
	case "tree":
		return TypeTree, true
	case "blob":
		return TypeBlob, true
	case "tag":
		return TypeTag, true
	}
	return 0, false
}

// HashObject is the id git gives an object of type t with content data: the SHA-1 of
// "<type> <size>\x00" followed by data (git hash-object).
func HashObject(t Type, data []byte) ID {
	d := sha1.New()
	d.Write([]byte(t.String() + " " + strconv.Itoa(len(data)) + "\x00"))
	d.Write(data)
	var id ID
	d.Sum(id[:0])
	return id
}

// ErrNotFound is an object that is in none of the repository's object folders. Its
// text is go-git's, which the gate's messages printed before.
var ErrNotFound = errors.New("object not found")

// TypeError is an object read as a type it does not have (a tree entry naming a
// blob as a folder, a revision naming a tree).
type TypeError struct {
	ID         ID
	Have, Want Type
}

func (e *TypeError) Error() string {
	return fmt.Sprintf("%s is a %s, not a %s", e.ID, e.Have, e.Want)
}

// CorruptError is an object that cannot be read as it should: a damaged or truncated
// file, a bad delta, a chain of deltas or a size beyond the limits. File is the loose
// object or pack file, Offset the entry's offset in a pack (-1 for a loose object).
type CorruptError struct {
	File   string
	Offset int64
	Err    error
}

func (e *CorruptError) Error() string {
	if e.Offset >= 0 {
		return fmt.Sprintf("%s: entry at offset %d: %v", e.File, e.Offset, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *CorruptError) Unwrap() error { return e.Err }
