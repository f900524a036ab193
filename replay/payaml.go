package replay

import "strings"

// A `.pa.yaml` (schema v3) app has no CanvasManifest.json: its folder is the one with a
// Src folder holding `*.pa.yaml` files at any depth (the rule of check.PaYamlAppRoot;
// docs/check.md). Replay counts such apps as canvas apps like the unpacked ones.

// treeHasPaSources reports whether the folder dir ("" for the root) of rev has a Src
// folder (any casing) with a `*.pa.yaml` file at any depth.
func (c *catFile) treeHasPaSources(rev, dir string, hashLen int) (bool, error) {
	entries, err := c.treeEntries(rev, dir, hashLen)
	if err != nil {
		return false, err
	}
	for _, e := range entries {
		if e.isTree && strings.EqualFold(e.name, "Src") {
			found, err := c.holdsPaYaml(rev, joinDir(dir, e.name), hashLen)
			if err != nil || found {
				return found, err
			}
		}
	}
	return false, nil
}

// holdsPaYaml reports whether the folder dir of rev holds a `*.pa.yaml` at any depth.
func (c *catFile) holdsPaYaml(rev, dir string, hashLen int) (bool, error) {
	entries, err := c.treeEntries(rev, dir, hashLen)
	if err != nil {
		return false, err
	}
	for _, e := range entries {
		if !e.isTree && len(e.name) >= len(".pa.yaml") && strings.EqualFold(e.name[len(e.name)-len(".pa.yaml"):], ".pa.yaml") {
			return true, nil
		}
	}
	for _, e := range entries {
		if e.isTree {
			found, err := c.holdsPaYaml(rev, joinDir(dir, e.name), hashLen)
			if err != nil || found {
				return found, err
			}
		}
	}
	return false, nil
}

// treeEntries lists the folder dir ("" for the root) of rev; nil when it is none.
func (c *catFile) treeEntries(rev, dir string, hashLen int) ([]treeEntry, error) {
	spec := rev + "^{tree}"
	if dir != "" {
		spec = rev + ":" + dir
	}
	o, ok, err := c.get(spec)
	if err != nil || !ok || o.typ != "tree" {
		return nil, err
	}
	return parseTree(o.data, hashLen), nil
}

func joinDir(dir, name string) string {
	if dir == "" {
		return name
	}
	return dir + "/" + name
}

// paAppOf returns the outermost folder above path that is a `.pa.yaml` app root in one
// of revs (appOf asks only when no folder above path holds a CanvasManifest.json, so
// that the copies PASopa keeps in Other/Src/ stay part of their unpacked app).
func (r *replayer) paAppOf(dirs []string, revs []string) (string, bool, error) {
	for _, d := range dirs {
		for _, rev := range revs {
			key := rev + "\x00" + d
			has, ok := r.paSources[key]
			if !ok {
				var err error
				if has, err = r.cat.treeHasPaSources(rev, d, r.hashLen); err != nil {
					return "", false, err
				}
				r.paSources[key] = has
			}
			if has {
				if d == "" {
					return ".", true, nil
				}
				return d, true, nil
			}
		}
	}
	return "", false, nil
}
