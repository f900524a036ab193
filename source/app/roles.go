package app

import "strings"

// Role is what one file of an app is. Roles are not tied to one format: a screen is a
// screen whether it is written as Src/Screen1.fx.yaml or, later, as a .pa.yaml file.
type Role int

const (
	// RoleOther is any file the app model has no role for (Other/, Src/Themes.json,
	// ComponentReferences.json, files pac does not know).
	RoleOther Role = iota
	// RoleManifest is the app's manifest (CanvasManifest.json at the root): header,
	// properties, ScreenOrder, publish info.
	RoleManifest
	// RoleScreen is a top-level source file: the App object and the screens
	// (Src/*.fx.yaml), what pac calls the top parents.
	RoleScreen
	// RoleComponent is a component definition's source (Src/Components/**, and the
	// library components under pkgs/Components/**).
	RoleComponent
	// RoleComponentMeta is a component's metadata beside its source
	// (Src/Components/*.json): its ids and template.
	RoleComponentMeta
	// RoleTest is a test suite's source (Src/Tests/**).
	RoleTest
	// RoleEditorState is a top parent's editor state (Src/EditorState/*.editorstate.json),
	// Studio's cache of property order and control ids.
	RoleEditorState
	// RoleEntropy holds what pac needs to pack back byte for byte, the control ids
	// among it (Entropy/Entropy.json; other/entropy.json in the older layout).
	RoleEntropy
	// RoleChecksum is pac's checksum of the packed app (Entropy/checksum.json; at the
	// root or in other/ in the older layout).
	RoleChecksum
	// RoleAppChecker is Studio's App Checker results (Entropy/AppCheckerResult.sarif).
	RoleAppChecker
	// RoleControlTemplates lists the control templates the app uses
	// (ControlTemplates.json at the root).
	RoleControlTemplates
	// RoleDataSources is a data source definition (DataSources/**).
	RoleDataSources
	// RoleConnections is the connection instances (Connections/**).
	RoleConnections
	// RolePkgs is downloaded metadata: control templates, table definitions,
	// connector descriptions (pkgs/**, its components excepted).
	RolePkgs
	// RoleAsset is an image, video or other resource (Assets/**) and its index.
	RoleAsset
)

var roleNames = [...]string{
	RoleOther:            "other",
	RoleManifest:         "manifest",
	RoleScreen:           "screen",
	RoleComponent:        "component",
	RoleComponentMeta:    "component metadata",
	RoleTest:             "test",
	RoleEditorState:      "editor state",
	RoleEntropy:          "entropy",
	RoleChecksum:         "checksum",
	RoleAppChecker:       "app checker results",
	RoleControlTemplates: "control templates",
	RoleDataSources:      "data sources",
	RoleConnections:      "connections",
	RolePkgs:             "pkgs",
	RoleAsset:            "asset",
}

func (r Role) String() string {
	if r >= 0 && int(r) < len(roleNames) {
		return roleNames[r]
	}
	return "unknown"
}

// IsSource reports whether files of the role hold controls and formulas (screens,
// components, tests): the files a checker parses for names.
func (r Role) IsSource() bool {
	return r == RoleScreen || r == RoleComponent || r == RoleTest
}

// fxYAMLRole is RoleOf for FormatFxYAML, from the folders pac writes (format-legacy
// §8.2, the load order: components, then Src/*.fx.yaml, then tests). Folder and file
// names match in any casing: Windows checkouts and the older layout differ.
func fxYAMLRole(p string, s []string) Role {
	n := len(s)
	name := s[n-1]
	at := func(i int, dir string) bool { return n > i+1 && strings.EqualFold(s[i], dir) }
	if hasSuffixFold(name, ".fx.yaml") && n >= 2 {
		switch {
		case at(0, "Src") && n == 2:
			return RoleScreen
		case at(0, "Src") && at(1, "Components"):
			return RoleComponent
		case at(0, "pkgs") && at(1, "Components"):
			return RoleComponent
		case at(0, "Src") && at(1, "Tests"):
			return RoleTest
		}
	}
	switch {
	case n == 1 && IsManifest(name):
		return RoleManifest
	case n == 1 && strings.EqualFold(name, "ControlTemplates.json"):
		return RoleControlTemplates
	case n == 3 && at(0, "Src") && at(1, "Components") && hasSuffixFold(name, ".json"):
		return RoleComponentMeta
	case hasSuffixFold(name, ".editorstate.json"):
		return RoleEditorState
	case strings.EqualFold(name, "entropy.json") && n >= 2 && (strings.EqualFold(s[n-2], "Entropy") || strings.EqualFold(s[n-2], "other")):
		return RoleEntropy
	case strings.EqualFold(name, "checksum.json"):
		return RoleChecksum
	case strings.EqualFold(name, "AppCheckerResult.sarif"):
		return RoleAppChecker
	case at(0, "DataSources"):
		return RoleDataSources
	case at(0, "Connections"):
		return RoleConnections
	case at(0, "pkgs"):
		return RolePkgs
	case at(0, "Assets"):
		return RoleAsset
	}
	return RoleOther
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}
