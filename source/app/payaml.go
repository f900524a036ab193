package app

import (
	"errors"
	"io/fs"
	"path"
	"strings"
)

// A `.pa.yaml` app (schema v3) has no CanvasManifest.json: what marks its folder is a
// `Src/` folder holding `*.pa.yaml` files, at any depth (Src/App.pa.yaml,
// Src/Components/*.pa.yaml, Src/Screens/*.pa.yaml in Microsoft's samples). That is
// the layout of every writer (pa-yaml.md §4.9): Studio inside the msapp, Dataverse git
// integration (`<schema>_DocumentUri/Src/`), `pac canvas unpack --layout SourceCode`.
// The rule needs only paths, so tree listings (the gate, `check --rev`) can use it;
// which files are schema v3 is told from their content by the checker.

// PaSourceSuffix is the extension of Power Fx YAML sources.
const PaSourceSuffix = ".pa.yaml"

// PaYamlRoot returns the app folder of p (a slash path) when p is a `.pa.yaml` source
// file: the folder above its first `Src` segment, "." for the top. A segment spelled
// exactly `Src`, as every writer spells it, comes before one in another casing:
// `pac canvas unpack --sources src --layout SourceCode` writes src/Src/App.pa.yaml,
// whose app is src/, not the top.
func PaYamlRoot(p string) (string, bool) {
	p = cleanPath(p)
	if !hasSuffixFold(p, PaSourceSuffix) {
		return "", false
	}
	s := strings.Split(p, "/")
	at := -1
	for i, seg := range s[:len(s)-1] {
		if seg == "Src" {
			at = i
			break
		}
		if at < 0 && strings.EqualFold(seg, "Src") {
			at = i
		}
	}
	switch {
	case at < 0:
		return "", false
	case at == 0:
		return ".", true
	}
	return strings.Join(s[:at], "/"), true
}

// errFoundPaSource stops the walk of HoldsPaSources at the first source.
var errFoundPaSource = errors.New("found")

// HoldsPaSources reports whether the folder dir of fsys is a `.pa.yaml` app root: it
// has a Src folder (any casing) with a `*.pa.yaml` file of its own at any depth.
func HoldsPaSources(fsys fs.FS, dir string) (bool, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return false, err
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.EqualFold(e.Name(), "Src") {
			continue
		}
		err := fs.WalkDir(fsys, path.Join(dir, e.Name()), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !hasSuffixFold(d.Name(), PaSourceSuffix) {
				return nil
			}
			// The source must be this folder's own (src/Src/App.pa.yaml is src's).
			rel := p
			if dir != "." {
				rel = strings.TrimPrefix(p, dir+"/")
			}
			if r, ok := PaYamlRoot(rel); ok && r == "." {
				return errFoundPaSource
			}
			return nil
		})
		if errors.Is(err, errFoundPaSource) {
			return true, nil
		}
		if err != nil {
			return false, err
		}
	}
	return false, nil
}
