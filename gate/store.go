package gate

import (
	"crypto/sha1"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// Git object modes, by type (the high bits of a tree entry's mode).
const (
	typeMask    = 0o170000
	typeDir     = 0o040000
	typeReg     = 0o100000
	typeSymlink = 0o120000
	typeGitlink = 0o160000
)

// emptyTree is the id of the tree with no entries (it need not exist in the repository).
var emptyTree = plumbing.NewHash("4b825dc642cb6eb9a060e54bf8d69288fbee4904")

// entry is one tree entry seen as a file: mode and object id. The zero entry means
// "no file at this path".
type entry struct {
	mode filemode.FileMode
	hash plumbing.Hash
}

func (e entry) present() bool { return e.mode != 0 }
func (e entry) isReg() bool   { return e.mode&typeMask == typeReg }
func (e entry) kind() uint32  { return uint32(e.mode) & typeMask }

// MissingObjectError is an object the merge needs that is not in the repository
// (a partial clone, a damaged repository, or a shallow clone cut above it).
type MissingObjectError struct {
	Kind string // "commit", "tree" or "blob"
	Hash plumbing.Hash
	Err  error
}

func (e *MissingObjectError) Error() string {
	return fmt.Sprintf("%s %s is missing from the repository (%v)", e.Kind, e.Hash, e.Err)
}

func (e *MissingObjectError) Unwrap() error { return e.Err }

// store reads trees and blobs from the repository, plus the trees and blobs the gate
// made in memory (virtual merge bases): nothing is written to the repository.
type store struct {
	objects storer.EncodedObjectStorer
	trees   map[plumbing.Hash]*gitTree
	blobs   map[plumbing.Hash][]byte // blobs made in memory, and blobs already read
	sizes   map[plumbing.Hash]int64
	cached  int64 // bytes of read blobs kept in blobs
}

// maxCached bounds the memory kept for blobs read from the repository (each side of a
// merged file is read again for the report).
const maxCached = 512 << 20

func newStore(objects storer.EncodedObjectStorer) *store {
	return &store{
		objects: objects,
		trees:   map[plumbing.Hash]*gitTree{emptyTree: {Hash: emptyTree}},
		blobs:   map[plumbing.Hash][]byte{},
		sizes:   map[plumbing.Hash]int64{},
	}
}

func (s *store) tree(h plumbing.Hash) (*gitTree, error) {
	if h.IsZero() {
		return s.trees[emptyTree], nil
	}
	if t, ok := s.trees[h]; ok {
		return t, nil
	}
	obj, err := s.objects.EncodedObject(plumbing.TreeObject, h)
	if err != nil {
		return nil, &MissingObjectError{Kind: "tree", Hash: h, Err: err}
	}
	t, err := decodeTree(obj)
	if err != nil {
		return nil, fmt.Errorf("tree %s: %w", h, err)
	}
	s.trees[h] = t
	return t, nil
}

// blob returns a blob's content. Blobs the gate made itself come from memory.
func (s *store) blob(h plumbing.Hash) ([]byte, error) {
	if b, ok := s.blobs[h]; ok {
		return b, nil
	}
	obj, err := s.objects.EncodedObject(plumbing.BlobObject, h)
	if err != nil {
		return nil, &MissingObjectError{Kind: "blob", Hash: h, Err: err}
	}
	rd, err := obj.Reader()
	if err != nil {
		return nil, &MissingObjectError{Kind: "blob", Hash: h, Err: err}
	}
	defer rd.Close()
	b, err := io.ReadAll(rd)
	if err != nil {
		return nil, fmt.Errorf("blob %s: %w", h, err)
	}
	s.sizes[h] = int64(len(b))
	if s.cached+int64(len(b)) <= maxCached {
		s.blobs[h] = b
		s.cached += int64(len(b))
	}
	return b, nil
}

// cachedBlob is blob (kept in memory: rename detection compares the same blobs many
// times).
func (s *store) cachedBlob(h plumbing.Hash) ([]byte, error) {
	return s.blob(h)
}

// size returns a blob's size without reading it when possible.
func (s *store) size(h plumbing.Hash) (int64, error) {
	if b, ok := s.blobs[h]; ok {
		return int64(len(b)), nil
	}
	if n, ok := s.sizes[h]; ok {
		return n, nil
	}
	n, err := s.objects.EncodedObjectSize(h)
	if err != nil {
		return 0, &MissingObjectError{Kind: "blob", Hash: h, Err: err}
	}
	s.sizes[h] = n
	return n, nil
}

// putBlob records content made in memory and returns its blob id.
func (s *store) putBlob(b []byte) plumbing.Hash {
	h := blobID(b)
	if _, ok := s.blobs[h]; !ok {
		s.blobs[h] = b
	}
	return h
}

// files lists every file (non-tree entry) under a tree, with paths under prefix.
func (s *store) files(h plumbing.Hash, prefix string, fn func(path string, e entry) error) error {
	t, err := s.tree(h)
	if err != nil {
		return err
	}
	for _, te := range t.Entries {
		p := joinPath(prefix, te.Name)
		if te.Mode&typeMask == typeDir {
			if err := s.files(te.Hash, p, fn); err != nil {
				return err
			}
			continue
		}
		if err := fn(p, entry{mode: te.Mode, hash: te.Hash}); err != nil {
			return err
		}
	}
	return nil
}

// lookup finds the entry at path in a tree ("" for the root tree itself).
func (s *store) lookup(root plumbing.Hash, path string) (te treeEntry, ok bool, err error) {
	if path == "" {
		return treeEntry{Mode: filemode.Dir, Hash: root}, true, nil
	}
	h := root
	segs := strings.Split(path, "/")
	for i, seg := range segs {
		t, err := s.tree(h)
		if err != nil {
			return te, false, err
		}
		found := false
		for _, e := range t.Entries {
			if e.Name == seg {
				te, found = e, true
				break
			}
		}
		if !found {
			return te, false, nil
		}
		if i < len(segs)-1 {
			if te.Mode&typeMask != typeDir {
				return te, false, nil
			}
			h = te.Hash
		}
	}
	return te, true, nil
}

// buildTree returns the id of the tree that is root with the given files changed:
// a present entry sets the file, an absent one removes it. Folders left empty
// disappear, as in git. The new trees live in memory only.
func (s *store) buildTree(root plumbing.Hash, changes map[string]entry) (plumbing.Hash, error) {
	if len(changes) == 0 {
		if root.IsZero() {
			return emptyTree, nil
		}
		return root, nil
	}
	type sub struct{ changes map[string]entry }
	t, err := s.tree(root)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	here := map[string]entry{}  // files directly in this folder
	deeper := map[string]*sub{} // changes inside sub-folders
	for p, e := range changes {
		first, rest, nested := strings.Cut(p, "/")
		if !nested {
			here[first] = e
			continue
		}
		d := deeper[first]
		if d == nil {
			d = &sub{changes: map[string]entry{}}
			deeper[first] = d
		}
		d.changes[rest] = e
	}
	byName := map[string]treeEntry{}
	for _, e := range t.Entries {
		byName[e.Name] = e
	}
	for name, d := range deeper {
		var base plumbing.Hash
		if old, ok := byName[name]; ok && old.Mode&typeMask == typeDir {
			base = old.Hash
		}
		nh, err := s.buildTree(base, d.changes)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		if nh == emptyTree {
			if old, ok := byName[name]; ok && old.Mode&typeMask == typeDir {
				delete(byName, name)
			}
			continue
		}
		byName[name] = treeEntry{Name: name, Mode: filemode.Dir, Hash: nh}
	}
	for name, e := range here {
		if !e.present() {
			if old, ok := byName[name]; ok && old.Mode&typeMask != typeDir {
				delete(byName, name)
			}
			continue
		}
		if old, ok := byName[name]; ok && old.Mode&typeMask == typeDir {
			continue // a folder is in the way of the file: the folder stays, as in git
		}
		byName[name] = treeEntry{Name: name, Mode: e.mode, Hash: e.hash}
	}
	if len(byName) == 0 {
		return emptyTree, nil
	}
	nt := &gitTree{}
	for _, e := range byName {
		nt.Entries = append(nt.Entries, e)
	}
	sortTreeEntries(nt.Entries)
	h, err := encodeTree(nt.Entries)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	nt.Hash = h
	if _, ok := s.trees[nt.Hash]; !ok {
		s.trees[nt.Hash] = nt
	}
	return nt.Hash, nil
}

// blobID is git's id of a blob with content b (SHA-1 of "blob <size>\x00" + b).
func blobID(b []byte) plumbing.Hash {
	d := sha1.New()
	d.Write([]byte("blob " + strconv.Itoa(len(b)) + "\x00"))
	d.Write(b)
	var h plumbing.Hash
	copy(h[:], d.Sum(nil))
	return h
}

func joinPath(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "/" + name
}

// isMissing reports whether err comes from an object that is not in the repository.
func isMissing(err error) bool {
	var m *MissingObjectError
	return errors.As(err, &m)
}
