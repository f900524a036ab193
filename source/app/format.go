package app

import "strings"

// Format is the kind of sources an app folder holds.
type Format int

const (
	// FormatUnknown is no app format: the zero value.
	FormatUnknown Format = iota
	// FormatFxYAML is what `pac canvas unpack` writes (format-legacy.md): a folder
	// holding CanvasManifest.json, with Src/*.fx.yaml, Entropy/, DataSources/, pkgs/...
	// The older layout of the same format (lower-case src/, other/entropy.json) is
	// the same format: roles match folder names in any casing.
	FormatFxYAML
)

// formatSpec is one row of the format table: how an app of the format is recognised
// and what its files are. A new format (the schema v3 .pa.yaml sources, the Dataverse
// git-integration folder) is a new row: its marker file and its RoleOf.
type formatSpec struct {
	format Format
	name   string
	// marker reports whether a file name (the last path segment) marks the folder
	// holding it as an app root of this format.
	marker func(name string) bool
	// roleOf says what the file at p (relative to the app root, slash form, clean) is.
	roleOf func(p string, segs []string) Role
}

// formats is the table, in the order a folder is tried: the first format whose
// marker the folder holds is the app's format.
var formats = []formatSpec{
	{format: FormatFxYAML, name: "fx.yaml", marker: IsManifest, roleOf: fxYAMLRole},
}

func (f Format) spec() (formatSpec, bool) {
	for _, s := range formats {
		if s.format == f {
			return s, true
		}
	}
	return formatSpec{}, false
}

func (f Format) String() string {
	if s, ok := f.spec(); ok {
		return s.name
	}
	return "unknown"
}

// RoleOf says what the file at p (a path relative to the app root; backslashes and a
// leading "./" are accepted) is in an app of this format.
func (f Format) RoleOf(p string) Role {
	s, ok := f.spec()
	if !ok {
		return RoleOther
	}
	p = cleanPath(p)
	return s.roleOf(p, strings.Split(p, "/"))
}

// MarkerFormat returns the format whose marker file is named name (the last segment of
// a path, any casing), and whether there is one.
func MarkerFormat(name string) (Format, bool) {
	for _, s := range formats {
		if s.marker(name) {
			return s.format, true
		}
	}
	return FormatUnknown, false
}

// IsMarker reports whether a file named name marks the folder holding it as an app
// root (of any format). A folder listing is enough to find apps: gate and replay ask
// this of the names in a git tree.
func IsMarker(name string) bool {
	_, ok := MarkerFormat(name)
	return ok
}
