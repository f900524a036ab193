package app

import (
	"path"
	"sort"
	"strings"
)

// ManifestName is the file that marks the root of an app in FormatFxYAML.
const ManifestName = "CanvasManifest.json"

// IsManifest reports whether a file name is CanvasManifest.json, in any casing (as
// the merge rules table matches it).
func IsManifest(name string) bool { return strings.EqualFold(name, ManifestName) }

// Roots returns the app roots among paths (file paths with forward slashes, e.g. a
// tree listing): the folders that hold a marker file or `.pa.yaml` sources under Src/
// (PaYamlRoot), sorted, "." for the top. Apps
// nested inside another app are not listed: pac reads an app folder whole.
func Roots(paths []string) []string {
	var roots []string
	for _, p := range paths {
		p = cleanPath(p)
		if IsMarker(path.Base(p)) {
			roots = append(roots, path.Dir(p))
		} else if r, ok := PaYamlRoot(p); ok {
			roots = append(roots, r)
		}
	}
	sort.Strings(roots)
	var out []string
	for _, r := range roots {
		if len(out) > 0 && (out[len(out)-1] == r || Within(r, out[len(out)-1])) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// Find returns the apps among paths (as Roots finds them), each with its format and
// its files by role.
func Find(paths []string) []*App {
	clean := make([]string, len(paths))
	formatOf := map[string]Format{}
	for i, p := range paths {
		clean[i] = cleanPath(p)
		if f, ok := MarkerFormat(path.Base(clean[i])); ok {
			dir := path.Dir(clean[i])
			if _, seen := formatOf[dir]; !seen {
				formatOf[dir] = f
			}
		}
	}
	var apps []*App
	for _, r := range Roots(clean) {
		apps = append(apps, Of(r, formatOf[r], clean))
	}
	return apps
}

// RootOf returns the innermost root in roots that holds p (a file path with forward
// slashes), and whether there is one.
func RootOf(p string, roots []string) (string, bool) {
	p = cleanPath(p)
	best, ok := "", false
	for _, r := range roots {
		if Within(p, r) && (!ok || len(r) > len(best)) {
			best, ok = r, true
		}
	}
	return best, ok
}

// Within reports whether p is dir or inside it (clean slash paths; "." holds
// everything).
func Within(p, dir string) bool {
	return dir == "." || p == dir || strings.HasPrefix(p, dir+"/")
}

// RelativeTo returns p relative to the folder dir ("." for the top), and whether p is
// inside it.
func RelativeTo(p, dir string) (string, bool) {
	switch {
	case dir == ".":
		return p, p != "."
	case strings.HasPrefix(p, dir+"/"):
		return p[len(dir)+1:], true
	}
	return "", false
}

// cleanPath turns a path as given (backslashes, a leading "./" or "/") into the clean
// slash form; "" for the top.
func cleanPath(p string) string {
	p = strings.ReplaceAll(p, `\`, "/")
	p = path.Clean("/" + p)
	return strings.TrimPrefix(p, "/")
}

// CleanPath is cleanPath for callers that hold paths as given (a caller's map of
// files): backslashes become slashes, "./" and ".." are resolved, "" is the top.
func CleanPath(p string) string { return cleanPath(p) }

func sortStrings(s []string) { sort.Strings(s) }

// Enclosing returns the app root holding the file p (a clean slash path): the nearest
// folder above it, innermost first, that isRoot accepts ("." for the top); ok is false
// when none does. isRoot says whether a folder holds a marker file, wherever the
// caller keeps its trees (a git tree read through internal/gitobj, git cat-file, several revisions).
func Enclosing(p string, isRoot func(dir string) (bool, error)) (root string, ok bool, err error) {
	for dir := path.Dir(p); ; dir = path.Dir(dir) {
		ok, err := isRoot(dir)
		if err != nil || ok {
			return dir, ok, err
		}
		if dir == "." {
			return "", false, nil
		}
	}
}
