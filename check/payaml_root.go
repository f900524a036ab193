package check

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
// Which files are schema v3 is told from their content (payaml_app.go); the folder
// rule needs only paths, so tree listings (the gate, `check --rev`) can use it.

// paSourceSuffix is the extension of Power Fx YAML sources.
const paSourceSuffix = ".pa.yaml"

// PaYamlAppRoot returns the app folder of p (a slash path) when p is a `.pa.yaml`
// source file: the folder above its first `Src` segment, "." for the top. A segment
// spelled exactly `Src`, as every writer spells it, comes before one in another casing:
// `pac canvas unpack --sources src --layout SourceCode` writes src/Src/App.pa.yaml,
// whose app is src/, not the top.
func PaYamlAppRoot(p string) (string, bool) {
	p = cleanPath(p)
	if !hasSuffixFold(p, paSourceSuffix) {
		return "", false
	}
	s := segments(p)
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

// isPaSource reports whether p, relative to the app root, is one of the app's
// `.pa.yaml` sources: under Src/ at any depth.
func isPaSource(p string) bool {
	r, ok := PaYamlAppRoot(p)
	return ok && r == "."
}

// errFoundPaSource stops the walk of holdsPaSources at the first source.
var errFoundPaSource = errors.New("found")

// holdsPaSources reports whether the folder dir of fsys is a `.pa.yaml` app root: it
// has a Src folder (any casing) with a `*.pa.yaml` file at any depth.
func holdsPaSources(fsys fs.FS, dir string) (bool, error) {
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
			if d.IsDir() || !hasSuffixFold(d.Name(), paSourceSuffix) {
				return nil
			}
			// The source must be this folder's own (src/Src/App.pa.yaml is src's).
			rel := p
			if dir != "." {
				rel = strings.TrimPrefix(p, dir+"/")
			}
			if r, ok := PaYamlAppRoot(rel); ok && r == "." {
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

// HoldsPaYamlApp reports whether the folder at the root of fsys is a `.pa.yaml` app
// root (see holdsPaSources); errors reading it count as no.
func HoldsPaYamlApp(fsys fs.FS) bool {
	ok, err := holdsPaSources(fsys, ".")
	return ok && err == nil
}

// hasPaSources reports whether the app's files include a `.pa.yaml` source.
func hasPaSources(list []file) bool {
	for _, f := range list {
		if isPaSource(f.path) {
			return true
		}
	}
	return false
}
