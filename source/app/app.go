// Package app knows which files make a canvas app: where an app's folder is (the
// folder holding its marker file, at any depth, in any casing), which format its
// sources are in, and what each of its files is (its role: a screen, a component, the
// manifest, the entropy...). check, gate, replay, textconv and the command line share
// it, so the answer is the same wherever an app is read from.
//
// It knows paths only, never content: reading the files of an app is package
// source/place's work, parsing them fxyaml's (and the JSON readers').
//
// One format is known today, the `pac canvas unpack` sources (format-legacy.md). The
// format table (formats.go) is where the others join as siblings: the schema v3
// `.pa.yaml` sources and the Dataverse git-integration folder each bring their marker
// and their roles.
package app

// App is one app found in a list of paths: its folder and format, and its files by
// role.
type App struct {
	// Root is the app's folder, a slash path relative to the top of the list ("." for
	// the top itself).
	Root   string
	Format Format
	// Files holds the app's files, paths relative to Root, sorted, by role.
	Files map[Role][]string
}

// Of groups the paths (slash paths relative to the top of a listing, any order) that
// lie under root into the files of the app there, by role. Paths of an app nested
// inside this one belong to it too: pac reads a folder whole.
func Of(root string, format Format, paths []string) *App {
	a := &App{Root: root, Format: format, Files: map[Role][]string{}}
	for _, p := range paths {
		rel, ok := RelativeTo(cleanPath(p), root)
		if !ok {
			continue
		}
		r := format.RoleOf(rel)
		a.Files[r] = append(a.Files[r], rel)
	}
	for _, list := range a.Files {
		sortStrings(list)
	}
	return a
}

// Count is how many files the app has in a role.
func (a *App) Count(r Role) int { return len(a.Files[r]) }
