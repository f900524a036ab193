package app

import (
	"reflect"
	"testing"
	"testing/fstest"
)

func TestRoots(t *testing.T) {
	paths := []string{
		"README.md",
		"apps/Sales/CanvasManifest.json",
		"apps/Sales/Src/App.fx.yaml",
		"apps/Sales/nested/CanvasManifest.json", // inside an app: part of it
		`apps\Orders\canvasmanifest.JSON`,       // any casing, backslashes
		"CanvasManifest.json.bak",
	}
	if got, want := Roots(paths), []string{"apps/Orders", "apps/Sales"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Roots = %q, want %q", got, want)
	}
	if got := Roots([]string{"CanvasManifest.json", "x/CanvasManifest.json"}); !reflect.DeepEqual(got, []string{"."}) {
		t.Errorf("Roots at the top = %q, want [.]", got)
	}
	if r, ok := RootOf("apps/Sales/Src/App.fx.yaml", []string{".", "apps/Sales"}); !ok || r != "apps/Sales" {
		t.Errorf("RootOf = %q %v, want the innermost apps/Sales", r, ok)
	}
	if _, ok := RootOf("apps/SalesX/a", []string{"apps/Sales"}); ok {
		t.Errorf("RootOf matched a folder by name prefix")
	}
}

func TestRoleOfFxYAML(t *testing.T) {
	cases := map[string]Role{
		"CanvasManifest.json":                         RoleManifest,
		"sub/CanvasManifest.json":                     RoleOther,
		"Src/App.fx.yaml":                             RoleScreen,
		"src/Screen1.FX.YAML":                         RoleScreen, // the older lower-case layout
		"Src/Components/Header.fx.yaml":               RoleComponent,
		"pkgs/Components/Lib.fx.yaml":                 RoleComponent,
		"Src/Components/Header.json":                  RoleComponentMeta,
		"Src/Tests/Test_7F478737223C4B69.fx.yaml":     RoleTest,
		"Src/Other/Screen.fx.yaml":                    RoleOther, // pac does not read it
		"Src/EditorState/Screen1.editorstate.json":    RoleEditorState,
		"Entropy/Entropy.json":                        RoleEntropy,
		"other/entropy.json":                          RoleEntropy, // the older layout
		"Entropy/checksum.json":                       RoleChecksum,
		"checksum.json":                               RoleChecksum,
		"Entropy/AppCheckerResult.sarif":              RoleAppChecker,
		"ControlTemplates.json":                       RoleControlTemplates,
		"DataSources/Accounts.json":                   RoleDataSources,
		"Connections/Connections.json":                RoleConnections,
		"pkgs/TableDefinitions/Accounts.json":         RolePkgs,
		"Assets/Images/logo.png":                      RoleAsset,
		"Src/Themes.json":                             RoleOther,
		`Src\Screen2.fx.yaml`:                         RoleScreen,
		"./Src/Components/../Screen3.fx.yaml":         RoleScreen,
		"ComponentReferences.json":                    RoleOther,
		"Assets":                                      RoleOther,
		"Src/Components/Nested/Deep/Header.fx.yaml":   RoleComponent,
		"Src/Components/Nested/Header.json":           RoleOther,
		"Src/EditorState/Header.editorstate.json.bak": RoleOther,
	}
	for p, want := range cases {
		if got := FormatFxYAML.RoleOf(p); got != want {
			t.Errorf("RoleOf(%q) = %v, want %v", p, got, want)
		}
	}
	if got := FormatUnknown.RoleOf("Src/App.fx.yaml"); got != RoleOther {
		t.Errorf("an unknown format gives roles: %v", got)
	}
}

func TestFind(t *testing.T) {
	apps := Find([]string{
		"a/CanvasManifest.json", "a/Src/App.fx.yaml", "a/Src/Screen1.fx.yaml",
		"a/Entropy/Entropy.json", "b.txt", "ab/CanvasManifest.json",
	})
	if len(apps) != 2 || apps[0].Root != "a" || apps[1].Root != "ab" {
		t.Fatalf("Find = %+v", apps)
	}
	a := apps[0]
	if a.Format != FormatFxYAML || a.Format.String() != "fx.yaml" {
		t.Errorf("format %v", a.Format)
	}
	if got := a.Files[RoleScreen]; !reflect.DeepEqual(got, []string{"Src/App.fx.yaml", "Src/Screen1.fx.yaml"}) {
		t.Errorf("screens %q", got)
	}
	if a.Count(RoleEntropy) != 1 || a.Count(RoleManifest) != 1 || a.Count(RoleOther) != 0 {
		t.Errorf("files by role %v", a.Files)
	}
}

func TestEnclosing(t *testing.T) {
	roots := map[string]bool{".": false, "apps": false, "apps/Sales": true}
	var asked []string
	isRoot := func(dir string) (bool, error) {
		asked = append(asked, dir)
		return roots[dir], nil
	}
	if r, ok, _ := Enclosing("apps/Sales/Src/App.fx.yaml", isRoot); !ok || r != "apps/Sales" {
		t.Errorf("Enclosing = %q %v", r, ok)
	}
	if want := []string{"apps/Sales/Src", "apps/Sales"}; !reflect.DeepEqual(asked, want) {
		t.Errorf("asked %q, want innermost first %q", asked, want)
	}
	roots["."] = true
	if r, ok, _ := Enclosing("README.md", isRoot); !ok || r != "." {
		t.Errorf("top app: %q %v", r, ok)
	}
	roots["."] = false
	if _, ok, _ := Enclosing("docs/x.md", isRoot); ok {
		t.Errorf("found an app where there is none")
	}
}

func TestFindFS(t *testing.T) {
	fsys := fstest.MapFS{
		"one/CanvasManifest.json":        {},
		"one/inner/CanvasManifest.json":  {}, // not descended into
		"two/x/canvasmanifest.json":      {},
		".git/CanvasManifest.json":       {},
		"three/CanvasManifest.json/file": {}, // a folder of that name marks nothing
	}
	got, err := FindFS(fsys, ".")
	if err != nil || !reflect.DeepEqual(got, []string{"one", "two/x"}) {
		t.Errorf("FindFS = %q, %v", got, err)
	}
}
