package textconv

import (
	"sort"

	srcapp "github.com/canvasgit/canvasgit/source/app"
	"github.com/canvasgit/canvasgit/source/place"
)

// An Archive is a place (package source/place): the files of the packed app, as the
// msapp stores them (Header.json, Properties.json, Controls/*.json, Src/*.pa.yaml...),
// read within the archive's limits.
var _ place.Place = (*Archive)(nil)

// Paths lists the archive's entries (the first of each duplicate name), sorted.
func (a *Archive) Paths() ([]string, error) {
	out := make([]string, 0, len(a.Entries))
	for _, e := range a.Entries {
		out = append(out, e.Name)
	}
	sort.Strings(out)
	return out, nil
}

// App reads the entries under root ("." for the whole archive), with paths relative to
// root. An entry over place.MaxFileSize is Unread; one the archive's limits refuse (a
// zip bomb, a damaged entry) makes the whole read fail with an *UnusableError.
func (a *Archive) App(root string) (*place.AppFiles, error) {
	names, _ := a.Paths()
	out := &place.AppFiles{}
	for _, name := range names {
		rel, ok := srcapp.RelativeTo(name, root)
		if !ok {
			continue
		}
		e := a.Lookup(name)
		if e.Size > place.MaxFileSize {
			out.Unread = append(out.Unread, place.TooLarge(rel))
			continue
		}
		b, err := a.Read(e)
		if err != nil {
			return nil, err
		}
		out.Files = append(out.Files, place.File{Path: rel, Data: b})
	}
	return out, nil
}
