package gate

import (
	"path"
	"strings"

	"github.com/canvasgit/canvasgit/internal/gitobj"
)

// A `.pa.yaml` (schema v3) app has no CanvasManifest.json: its folder is the one with a
// Src folder holding `*.pa.yaml` files at any depth (check.PaYamlAppRoot,
// docs/check.md). The gate judges such an app like an unpacked one.

// paAppOf returns the outermost folder above p that is a `.pa.yaml` app root in the
// target, the source or the merge base. appOf asks only when no folder above p holds
// a CanvasManifest.json, so the copies PASopa keeps in Other/Src/ stay in their app.
func (a *appFinder) paAppOf(p string) (string, bool, error) {
	var dirs []string
	for dir := path.Dir(p); dir != "."; dir = path.Dir(dir) {
		dirs = append(dirs, dir)
	}
	dirs = append(dirs, "")
	for i := len(dirs) - 1; i >= 0; i-- {
		ok, err := a.isPaApp(dirs[i])
		if err != nil || ok {
			return dirs[i], ok, err
		}
	}
	return "", false, nil
}

// isPaApp reports whether dir has a Src folder holding a `*.pa.yaml` file in any of the
// roots; cached apart from isApp's answer for the same folder.
func (a *appFinder) isPaApp(dir string) (bool, error) {
	return a.anyRootHas("pa\x00"+dir, dir, func(t *gitTree) (bool, error) {
		for _, e := range t.Entries {
			if e.Mode&typeMask == typeDir && strings.EqualFold(e.Name, "Src") {
				if found, err := a.holdsPaYaml(e.Hash); err != nil || found {
					return found, err
				}
			}
		}
		return false, nil
	})
}

// holdsPaYaml reports whether the tree h holds a `*.pa.yaml` file at any depth.
func (a *appFinder) holdsPaYaml(h gitobj.ID) (bool, error) {
	t, err := a.s.tree(h)
	if err != nil {
		return false, err
	}
	for _, e := range t.Entries {
		if e.Mode&typeMask != typeDir && len(e.Name) >= len(".pa.yaml") && strings.EqualFold(e.Name[len(e.Name)-len(".pa.yaml"):], ".pa.yaml") {
			return true, nil
		}
	}
	for _, e := range t.Entries {
		if e.Mode&typeMask == typeDir {
			if found, err := a.holdsPaYaml(e.Hash); err != nil || found {
				return found, err
			}
		}
	}
	return false, nil
}
