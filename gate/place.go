package gate

import (
	srcapp "github.com/canvasgit/canvasgit/source/app"
	"github.com/canvasgit/canvasgit/source/place"
)

// MergedTree is a place (package source/place): the app checks read an app of the
// merged tree as they read one from a work tree or a commit.
var _ place.Place = (*MergedTree)(nil)

// Paths lists every file of the merged tree, sorted.
func (t *MergedTree) Paths() ([]string, error) { return t.Files("") }

// App reads the files under root ("." or "" for the whole tree), with paths relative
// to root. A blob over place.MaxFileSize is Unread (the gate's store reads blobs whole;
// asking for the size first would cost a second object lookup for every file).
func (t *MergedTree) App(root string) (*place.AppFiles, error) {
	if root == "." {
		root = ""
	}
	paths, err := t.Files(root)
	if err != nil {
		return nil, err
	}
	dir := root
	if dir == "" {
		dir = "."
	}
	out := &place.AppFiles{}
	for _, p := range paths {
		rel, _ := srcapp.RelativeTo(p, dir)
		te, found, err := t.s.lookup(t.root, p)
		if err != nil {
			return nil, err
		}
		if !found || te.Mode&typeMask == typeDir {
			continue
		}
		b, err := t.s.blob(te.Hash)
		if err != nil {
			return nil, err
		}
		if len(b) > place.MaxFileSize {
			out.Unread = append(out.Unread, place.TooLarge(rel))
			continue
		}
		out.Files = append(out.Files, place.File{Path: rel, Data: b})
	}
	return out, nil
}
