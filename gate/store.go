package gate

import (
	"errors"
	"fmt"
	"strings"

	"github.com/canvasgit/canvasgit/internal/gitobj"
)

// Git object modes, by type (the high bits of a tree entry's mode).
const (
	typeMask    = 0o170000
	typeDir     = 0o040000
	typeReg     = 0o100000
	typeSymlink = 0o120000
	typeGitlink = 0o160000
)

// emptyTree is the id of the tree with no entries (it need not exist in the
// repository), 4b825dc642cb6eb9a060e54bf8d69288fbee4904: written out, not parsed at
// package init, which every start of the binary pays, the merge driver's too
// (TestEmptyObjectIDs checks it).
var emptyTree = gitobj.ID{
	0x4b, 0x82, 0x5d, 0xc6, 0x42, 0xcb, 0x6e, 0xb9, 0xa0, 0x60,
	0xe5, 0x4b, 0xf8, 0xd6, 0x92, 0x88, 0xfb, 0xee, 0x49, 0x04,
}

// entry is one tree entry seen as a file: mode and object id. The zero entry means
// "no file at this path".
type entry struct {
	mode treeMode
	hash gitobj.ID
}

func (e entry) present() bool { return e.mode != 0 }
func (e entry) isReg() bool   { return e.mode&typeMask == typeReg }
func (e entry) kind() uint32  { return uint32(e.mode) & typeMask }

// MissingObjectError is an object the merge needs that is not in the repository
// (a partial clone, a damaged repository, or a shallow clone cut above it).
type MissingObjectError struct {
	Kind string // "commit", "tree" or "blob"
	Hash gitobj.ID
	Err  error
}

func (e *MissingObjectError) Error() string {
	return fmt.Sprintf("%s %s is missing from the repository (%v)", e.Kind, e.Hash, e.Err)
}

func (e *MissingObjectError) Unwrap() error { return e.Err }

// objectError is a failed read of an object: a *MissingObjectError when it is not in
// the repository (or not of the kind the tree or commit says), else the damage found.
func objectError(kind string, h gitobj.ID, err error) error {
	var te *gitobj.TypeError
	if errors.Is(err, gitobj.ErrNotFound) || errors.As(err, &te) {
		return &MissingObjectError{Kind: kind, Hash: h, Err: err}
	}
	return fmt.Errorf("%s %s: %w", kind, h, err)
}

// store reads trees and blobs from the repository, plus the trees and blobs the gate
// made in memory (virtual merge bases): nothing is written to the repository.
type store struct {
	objects *gitobj.DB
	trees   map[gitobj.ID]*gitTree
	blobs   map[gitobj.ID][]byte // blobs made in memory, and blobs already read
	sizes   map[gitobj.ID]int64
	cached  int64 // bytes of read blobs kept in blobs
}

// maxCached bounds the memory kept for blobs read from the repository (each side of a
// merged file is read again for the report).
const maxCached = 512 << 20

func newStore(objects *gitobj.DB) *store {
	return &store{
		objects: objects,
		trees:   map[gitobj.ID]*gitTree{emptyTree: {Hash: emptyTree}},
		blobs:   map[gitobj.ID][]byte{},
		sizes:   map[gitobj.ID]int64{},
	}
}

func (s *store) tree(h gitobj.ID) (*gitTree, error) {
	if h.IsZero() {
		return s.trees[emptyTree], nil
	}
	if t, ok := s.trees[h]; ok {
		return t, nil
	}
	data, err := s.objects.ReadAs(h, gitobj.TypeTree)
	if err != nil {
		return nil, objectError("tree", h, err)
	}
	t, err := decodeTree(h, data)
	if err != nil {
		return nil, fmt.Errorf("tree %s: %w", h, err)
	}
	s.trees[h] = t
	return t, nil
}

// blob returns a blob's content. Blobs the gate made itself come from memory.
func (s *store) blob(h gitobj.ID) ([]byte, error) {
	if b, ok := s.blobs[h]; ok {
		return b, nil
	}
	b, err := s.objects.ReadAs(h, gitobj.TypeBlob)
	if err != nil {
		return nil, objectError("blob", h, err)
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
func (s *store) cachedBlob(h gitobj.ID) ([]byte, error) {
	return s.blob(h)
}

// size returns a blob's size without reading it when possible.
func (s *store) size(h gitobj.ID) (int64, error) {
	if b, ok := s.blobs[h]; ok {
		return int64(len(b)), nil
	}
	if n, ok := s.sizes[h]; ok {
		return n, nil
	}
	n, err := s.objects.Size(h)
	if err != nil {
		return 0, objectError("blob", h, err)
	}
	s.sizes[h] = n
	return n, nil
}

// putBlob records content made in memory and returns its blob id.
func (s *store) putBlob(b []byte) gitobj.ID {
	h := gitobj.HashObject(gitobj.TypeBlob, b)
	if _, ok := s.blobs[h]; !ok {
		s.blobs[h] = b
	}
	return h
}

// files lists every file (non-tree entry) under a tree, with paths under prefix.
func (s *store) files(h gitobj.ID, prefix string, fn func(path string, e entry) error) error {
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
func (s *store) lookup(root gitobj.ID, path string) (te treeEntry, ok bool, err error) {
	if path == "" {
		return treeEntry{Mode: modeDir, Hash: root}, true, nil
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
func (s *store) buildTree(root gitobj.ID, changes map[string]entry) (gitobj.ID, error) {
	if len(changes) == 0 {
		if root.IsZero() {
			return emptyTree, nil
		}
		return root, nil
	}
	type sub struct{ changes map[string]entry }
	t, err := s.tree(root)
	if err != nil {
		return gitobj.ZeroID, err
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
		var base gitobj.ID
		if old, ok := byName[name]; ok && old.Mode&typeMask == typeDir {
			base = old.Hash
		}
		nh, err := s.buildTree(base, d.changes)
		if err != nil {
			return gitobj.ZeroID, err
		}
		if nh == emptyTree {
			if old, ok := byName[name]; ok && old.Mode&typeMask == typeDir {
				delete(byName, name)
			}
			continue
		}
		byName[name] = treeEntry{Name: name, Mode: modeDir, Hash: nh}
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
		return gitobj.ZeroID, err
	}
	nt.Hash = h
	if _, ok := s.trees[nt.Hash]; !ok {
		s.trees[nt.Hash] = nt
	}
	return nt.Hash, nil
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
