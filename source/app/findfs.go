package app

import (
	"io/fs"
	"sort"
)

// FindFS walks fsys below dir and returns the app roots it finds (folders holding a
// marker file, or `.pa.yaml` sources under Src/), as paths in fsys, sorted. It does not descend into an app root or
// into .git folders. Only folder listings are read.
func FindFS(fsys fs.FS, dir string) ([]string, error) {
	var roots []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if d.Name() == ".git" && p != dir {
			return fs.SkipDir
		}
		entries, err := fs.ReadDir(fsys, p)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if !e.IsDir() && IsMarker(e.Name()) {
				roots = append(roots, p)
				return fs.SkipDir
			}
		}
		ok, err := HoldsPaSources(fsys, p)
		if err != nil {
			return err
		}
		if ok {
			roots = append(roots, p)
			return fs.SkipDir
		}
		return nil
	})
	sort.Strings(roots)
	return roots, err
}
