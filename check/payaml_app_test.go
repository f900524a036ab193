package check

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

const paBanner = "# ************************************************************************************************\n# Warning: YAML source code for Canvas Apps should only be used to review changes made within Power Apps Studio and for minor edits (Preview).\n# ************************************************************************************************\n"

// paCleanApp is a small app as Studio writes it: the App, two screens, a component,
// the editor state.
func paCleanApp() map[string][]byte {
	return map[string][]byte{
		"Src/App.pa.yaml": []byte(paBanner + "App:\n  Properties:\n    StartScreen: =Home\n"),
		"Src/Home.pa.yaml": []byte(paBanner + "Screens:\n  Home:\n    Properties:\n      Fill: =RGBA(255, 255, 255, 1)\n    Children:\n" +
			"      - Title:\n          Control: Label@2.5.1\n          Properties:\n            Text: =\"Home\"\n" +
			"      - Header1:\n          Control: CanvasComponent\n          ComponentName: Header\n"),
		"Src/Details.pa.yaml": []byte("Screens:\n  Details:\n    Children:\n      - Container1:\n          Control: GroupContainer@1.3.0\n          Variant: ManualLayout\n          Children:\n" +
			"            - Label1:\n                Control: Label@2.5.1\n                Properties:\n                  Text: =\"a\"\n                  Y: =\n"),
		"Src/Components/Header.pa.yaml": []byte("ComponentDefinitions:\n  Header:\n    DefinitionType: CanvasComponent\n    CustomProperties:\n      Caption:\n        PropertyKind: Input\n        DataType: Text\n        Default: =\"Title\"\n" +
			"    Children:\n      - HeaderLabel:\n          Control: Label@2.5.1\n"),
		"Src/_EditorState.pa.yaml": []byte("EditorState:\n  ScreensOrder:\n    - Home\n    - Details\n  ComponentDefinitionsOrder:\n    - Header\n"),
		"Header.json":              []byte("{}"),
	}
}

func checkPa(t *testing.T, files map[string][]byte) *Report {
	t.Helper()
	rep, err := CheckFiles(files)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func findingLines(rep *Report) []string {
	var out []string
	for _, f := range rep.Findings {
		out = append(out, f.String())
	}
	return out
}

func TestPaYamlCleanApp(t *testing.T) {
	if rep := checkPa(t, paCleanApp()); len(rep.Findings) != 0 {
		t.Errorf("clean app: %q", findingLines(rep))
	}
}

func TestPaYamlNoAppWithoutSources(t *testing.T) {
	if _, err := CheckFiles(map[string][]byte{"Header.json": []byte("{}"), "Src/readme.txt": nil}); err != ErrNoManifest {
		t.Errorf("no sources: err = %v, want ErrNoManifest", err)
	}
}

// A name used on two screens is an error on the second, naming the first; its
// identity is the name alone, as for the unpacked format.
func TestPaYamlDuplicateAcrossScreens(t *testing.T) {
	files := paCleanApp()
	files["Src/Details.pa.yaml"] = []byte(strings.Replace(string(files["Src/Details.pa.yaml"]), "- Label1:", "- Title:", 1))
	rep := checkPa(t, files)
	if len(rep.Findings) != 1 {
		t.Fatalf("findings: %q", findingLines(rep))
	}
	f := rep.Findings[0]
	if f.Severity != Error || f.Check != CheckDuplicateName || f.ID("app") != "duplicate-name:app:Title" || f.Location != (Location{"Src/Home.pa.yaml", 9}) {
		t.Errorf("finding: %s (%s)", f, f.ID("app"))
	}
	if !strings.Contains(f.Message(), "control name 'Title' is already used by the control at Src/Details.pa.yaml:8") {
		t.Errorf("message: %s", f.Message())
	}
}

// Controls inside a component share the app's namespace (pac's PA3008 rule for the
// same app model); a screen named like a control is a duplicate too.
func TestPaYamlDuplicateKinds(t *testing.T) {
	files := paCleanApp()
	files["Src/Components/Header.pa.yaml"] = []byte(strings.Replace(string(files["Src/Components/Header.pa.yaml"]), "- HeaderLabel:", "- Label1:", 1))
	files["Src/Other.pa.yaml"] = []byte("Screens:\n  Container1:\n    Properties:\n      Fill: =Color.Red\n")
	files["Src/_EditorState.pa.yaml"] = []byte("EditorState:\n  ScreensOrder:\n    - Home\n    - Details\n    - Container1\n")
	rep := checkPa(t, files)
	var ids []string
	for _, f := range rep.Findings {
		ids = append(ids, string(f.Severity)+" "+f.ID("."))
	}
	slices.Sort(ids)
	want := []string{"error duplicate-name:.:Container1", "error duplicate-name:.:Label1"}
	if !slices.Equal(ids, want) {
		t.Errorf("got %q, want %q\n%q", ids, want, findingLines(rep))
	}
}

// Names that differ only in case: a warning (Microsoft's reader compares ordinally).
func TestPaYamlCaseOnly(t *testing.T) {
	files := paCleanApp()
	files["Src/Details.pa.yaml"] = []byte(strings.Replace(string(files["Src/Details.pa.yaml"]), "- Label1:", "- title:", 1))
	rep := checkPa(t, files)
	if len(rep.Findings) != 1 || rep.Findings[0].Severity != Warning || rep.Findings[0].ID(".") != "case-collision:.:Title:title" {
		t.Errorf("findings: %q", findingLines(rep))
	}
}

func TestPaYamlScreensOrder(t *testing.T) {
	files := paCleanApp()
	files["Src/_EditorState.pa.yaml"] = []byte("EditorState:\n  ScreensOrder:\n    - Home\n    - Title\n    - Gone\n    - Home\n  ComponentDefinitionsOrder:\n    - Header\n")
	rep := checkPa(t, files)
	want := []string{
		"Src/_EditorState.pa.yaml:2: error: ScreensOrder does not list screen 'Details' (defined at Src/Details.pa.yaml:2)",
		"Src/_EditorState.pa.yaml:4: error: ScreensOrder lists 'Title', which is not a screen of the app: 'Title' is a control at Src/Home.pa.yaml:9",
		"Src/_EditorState.pa.yaml:5: error: ScreensOrder lists 'Gone', which is not a screen of the app: no .pa.yaml file under Src/ defines it",
		"Src/_EditorState.pa.yaml:6: error: ScreensOrder lists screen 'Home' twice (also at Src/_EditorState.pa.yaml:3)",
	}
	if got := findingLines(rep); !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A file that does not parse is an error with its line and column; a screen it may
// define is not reported missing from ScreensOrder.
func TestPaYamlParseError(t *testing.T) {
	files := paCleanApp()
	files["Src/Details.pa.yaml"] = []byte("Screens:\n  Details:\n    Children:\n      - Label1:\n          Control: Label@2.5.1\n          Control: Label@2.5.1\n")
	rep := checkPa(t, files)
	if len(rep.Findings) != 1 {
		t.Fatalf("findings: %q", findingLines(rep))
	}
	f := rep.Findings[0]
	if f.Check != CheckParse || f.Severity != Error || f.Line != 6 || !strings.Contains(f.Message(), "column 11") {
		t.Errorf("finding: %s", f)
	}
	files["Src/Details.pa.yaml"] = []byte("Screens:\n  Details:\n    Children:\n      - Label1:\n        Control: a: b\n")
	rep = checkPa(t, files)
	if len(rep.Findings) != 1 || rep.Findings[0].Line != 5 || rep.Findings[0].Check != CheckParse {
		t.Errorf("findings: %q", findingLines(rep))
	}
}

// Leftover conflict markers are reported once, as for any file, and hold back the
// checks that need every name.
func TestPaYamlConflictMarkers(t *testing.T) {
	files := paCleanApp()
	files["Src/Details.pa.yaml"] = []byte("Screens:\n  Details:\n    Children:\n<<<<<<< ours\n      - Label1:\n=======\n      - Label2:\n>>>>>>> theirs\n          Control: Label@2.5.1\n")
	rep := checkPa(t, files)
	for _, f := range rep.Findings {
		if f.Check != CheckConflictMarker {
			t.Errorf("unexpected: %s", f)
		}
	}
	if len(rep.Findings) != 1 {
		t.Errorf("findings: %q", findingLines(rep))
	}
}

// A schema violation names the YAML path and line; its identity leaves out sequence
// positions and lines, so moving the control keeps it pre-existing.
func TestPaYamlSchemaFinding(t *testing.T) {
	files := paCleanApp()
	files["Src/Home.pa.yaml"] = []byte(strings.Replace(string(files["Src/Home.pa.yaml"]), "Text: =\"Home\"", "Text: Home", 1))
	rep := checkPa(t, files)
	if len(rep.Findings) != 1 {
		t.Fatalf("findings: %q", findingLines(rep))
	}
	f := rep.Findings[0]
	want := "Src/Home.pa.yaml:12: error: /Screens/Home/Children/0/Title/Properties/Text: a formula must start with '=' (got 'Home'; an empty formula is written '=') (schema v3)"
	if f.String() != want || f.ID(".") != "schema:.:Src/Home.pa.yaml:/Screens/Home/Children/Title/Properties/Text" {
		t.Errorf("got %s (%s)", f, f.ID("."))
	}
	// The same violation after a control was added above it.
	moved := paCleanApp()
	moved["Src/Home.pa.yaml"] = []byte(strings.Replace(string(files["Src/Home.pa.yaml"]), "    Children:\n", "    Children:\n      - New1:\n          Control: Label@2.5.1\n", 1))
	moved["Src/Details.pa.yaml"] = files["Src/Details.pa.yaml"]
	after := checkPa(t, moved)
	after.MarkPreExisting(rep)
	if len(after.Findings) != 1 || !after.Findings[0].PreExisting || after.Findings[0].Line == f.Line {
		t.Errorf("after a move: %q, pre-existing %v", findingLines(after), after.Findings[0].PreExisting)
	}
}

// An app of the 2024 prototype era gets one warning per prototype file, nothing else.
func TestPaYamlPrototypeApp(t *testing.T) {
	files := map[string][]byte{
		"Src/App.pa.yaml":     []byte("App:\n  Control: App\n  Children:\n    - Host:\n        Control: HostControl\n"),
		"Src/Screen1.pa.yaml": []byte("Screen1:\n  Control: Screen\n  Children:\n    - Label1:\n        Control: Label\n"),
	}
	rep := checkPa(t, files)
	if len(rep.Findings) != 1 || rep.Findings[0].Severity != Warning || rep.Findings[0].File != "Src/Screen1.pa.yaml" {
		t.Errorf("findings: %q", findingLines(rep))
	}
}

// In an unpacked app (CanvasManifest.json) the 2021 `.pa.yaml` sources are the legacy
// format's own and get no .pa.yaml finding.
func TestPaYamlLegacyInUnpackedApp(t *testing.T) {
	files := map[string][]byte{
		"CanvasManifest.json": []byte(`{"FormatVersion":"0.18"}`),
		"Src/Screen1.pa.yaml": []byte("Screen1 As screen:\n    Label1 As label:\n        Text: =\"a\"\n"),
	}
	rep := checkPa(t, files)
	for _, f := range rep.Findings {
		if strings.HasPrefix(f.File, "Src/") {
			t.Errorf("unexpected: %s", f)
		}
	}
}

func TestPaYamlAppRoot(t *testing.T) {
	cases := []struct {
		p, root string
		ok      bool
	}{
		{"Src/App.pa.yaml", ".", true},
		{"apps/Sales/Src/Screens/Home.pa.yaml", "apps/Sales", true},
		{"sol/canvasapps/x_DocumentUri/src/Components/C.PA.YAML", "sol/canvasapps/x_DocumentUri", true},
		{"apps/Sales/Home.pa.yaml", "", false},
		{"apps/Sales/Src/Home.fx.yaml", "", false},
		{"Src", "", false},
	}
	for _, c := range cases {
		if r, ok := PaYamlAppRoot(c.p); r != c.root || ok != c.ok {
			t.Errorf("PaYamlAppRoot(%q) = %q, %v; want %q, %v", c.p, r, ok, c.root, c.ok)
		}
	}
	roots := AppRoots([]string{
		"legacy/CanvasManifest.json", "legacy/Other/Src/App.pa.yaml", "legacy/Src/App.fx.yaml",
		"new/Src/App.pa.yaml", "new/Src/Components/C.pa.yaml", "new/Header.json",
	})
	if !slices.Equal(roots, []string{"legacy", "new"}) {
		t.Errorf("AppRoots: %q", roots)
	}
}

func TestPaYamlFindApps(t *testing.T) {
	fsys := fstest.MapFS{
		"legacy/CanvasManifest.json":    {},
		"legacy/Other/Src/App.pa.yaml":  {},
		"new/Src/Screens/Home.pa.yaml":  {},
		"new/Controls/1.json":           {},
		"notes/Src/readme.md":           {},
		"deep/a/b/src/x/y/Comp.pa.yaml": {},
	}
	got, err := FindApps(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"deep/a/b", "legacy", "new"}; !slices.Equal(got, want) {
		t.Errorf("FindApps = %q, want %q", got, want)
	}
}

// CheckFS reads a .pa.yaml app from disk like CheckFiles does.
func TestPaYamlCheckFS(t *testing.T) {
	dir := t.TempDir()
	for p, b := range paCleanApp() {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := CheckFS(os.DirFS(dir))
	if err != nil || len(rep.Findings) != 0 {
		t.Errorf("CheckFS: %v %q", err, findingLines(rep))
	}
}

// The shapes of the tooling repository's invalid test data (pa-yaml.md §4.5, written
// anew here) and of its deprecated validator's negative cases are each an error.
func TestPaYamlInvalidShapes(t *testing.T) {
	cases := []struct{ name, src, check string }{
		{"duplicate control in a root sequence", "- Label1:\n    Control: Label\n- Label1:\n    Control: Label\n", CheckParse},
		{"duplicate keys", "Screens:\n  Home:\n    Properties:\n      X: =1\n      X: =2\n", CheckParse},
		{"screens as a list of duplicates", "Screens:\n  - Home1:\n      Control: Screen\n  - Home1:\n      Control: Screen\n", CheckSchema},
		{"no screen, unknown top-level key", "Screen1:\n  Properties:\n    Fill: =Color.Red\n", CheckSchema},
		{"screen nested under an unknown key", "App:\n  Screens:\n    Home:\n      Properties: {}\n", CheckSchema},
		{"null name", "Screens:\n  ~:\n    Properties:\n      X: =1\n", CheckSchema},
		{"host control list", "Screens:\n  Home:\n    Controls:\n      - Host:\n          Control: HostControl\n", CheckSchema},
		{"not a valid control", "Screens:\n  Home:\n    Children:\n      - NoValidControl:\n          Control: no valid control\n", CheckSchema},
		{"control without Control", "Screens:\n  Home:\n    Children:\n      - Label1:\n          Properties:\n            X: =1\n", CheckSchema},
		{"property without a value's '='", "Screens:\n  Home:\n    Properties:\n      Fill: Color.Red\n", CheckSchema},
		{"empty array of children items", "Screens:\n  Home:\n    Children:\n      - {}\n", CheckSchema},
		{"empty file", "", CheckParse},
		{"not YAML", "this is: not: yaml: at all\n  - [\n", CheckParse},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep := checkPa(t, map[string][]byte{"Src/Home.pa.yaml": []byte(c.src)})
			found := false
			for _, f := range rep.Findings {
				found = found || (f.Check == c.check && f.Severity == Error)
			}
			if !found {
				t.Errorf("no %s error: %q", c.check, findingLines(rep))
			}
		})
	}
}

// FuzzPaYamlCheck: any bytes as .pa.yaml sources never make the check panic or fail,
// and the same input gives the same findings.
func FuzzPaYamlCheck(f *testing.F) {
	for _, b := range paCleanApp() {
		f.Add(b, []byte("EditorState:\n  ScreensOrder:\n    - Home\n"))
	}
	f.Add([]byte("Screens:\n  A:\n    Children:\n      - B:\n          Control: Screen\n          Properties:\n            X: y\n"), []byte("x: &a [*a]\n"))
	f.Add([]byte("Screens:\n  ~:\n    Children: [{a: 1, b: 2}]\n"), []byte("- a:\n    Control: b\n"))
	f.Fuzz(func(t *testing.T, screen, other []byte) {
		files := map[string][]byte{
			"Src/Home.pa.yaml":         screen,
			"Src/_EditorState.pa.yaml": other,
			"Src/Components/C.pa.yaml": other,
		}
		a, err := CheckFiles(files)
		if err != nil {
			t.Fatal(err)
		}
		b, err := CheckFiles(files)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(findingLines(a), findingLines(b)) {
			t.Fatalf("not deterministic:\n%q\n%q", findingLines(a), findingLines(b))
		}
	})
}

// A source that was not read (over the size limit) may define any screen: ScreensOrder
// names are then not reported missing.
func TestPaYamlUnreadSource(t *testing.T) {
	files := paCleanApp()
	files["Src/Big.pa.yaml"] = make([]byte, MaxFileSize+1)
	files["Src/_EditorState.pa.yaml"] = []byte("EditorState:\n  ScreensOrder:\n    - Home\n    - Details\n    - Big\n  ComponentDefinitionsOrder:\n    - Header\n")
	rep := checkPa(t, files)
	if len(rep.Findings) != 1 || rep.Findings[0].Check != CheckFile {
		t.Errorf("findings: %q", findingLines(rep))
	}
}
