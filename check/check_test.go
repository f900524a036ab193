package check

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf16"
)

// TestCases runs every case app under testdata/cases (a failing and a passing variant
// per invariant) and compares the findings, rendered as the command prints them, with
// the exact list expected.
func TestCases(t *testing.T) {
	cases := []struct {
		dir  string
		want []string
	}{
		{"duplicate-name/fail", []string{
			"Src/Screen2.fx.yaml:3: error: control name 'Label1' is already used by the control at Src/Components/Header.fx.yaml:4 (pac pack fails: PA3008 duplicate symbol)",
			"Src/Screen2.fx.yaml:7: error: control name 'Button1' is already used by the control at Src/Screen1.fx.yaml:3 (pac pack fails: PA3008 duplicate symbol)",
		}},
		{"duplicate-name/pass", nil}, // test steps named Step1 in two test cases

		{"screen-order/fail", []string{
			"CanvasManifest.json:15: error: ScreenOrder does not list screen 'Screen2' (defined at Src/Screen2.fx.yaml:1)",
			"CanvasManifest.json:17: error: ScreenOrder lists 'Screen3', which is not a screen of the app: no Src/*.fx.yaml file defines it",
			"CanvasManifest.json:18: error: ScreenOrder lists screen 'Screen1' twice (also at CanvasManifest.json:16)",
			"CanvasManifest.json:19: error: ScreenOrder lists 'Button1', which is not a screen of the app: 'Button1' is a control at Src/Screen1.fx.yaml:3",
		}},
		{"screen-order/pass", nil},

		{"unique-id/fail", []string{
			"Entropy/Entropy.json:4: error: ControlUniqueGuids gives 'Gauge2' the id \"7B0F5A4E-0000-4000-8000-000000000001\", which 'Gauge1' already has at Entropy/Entropy.json:3 (pac pack fails: PA3007 duplicate control unique ids); delete one of the two entries and pac assigns a fresh id",
			"Entropy/Entropy.json:9: error: ControlUniqueIds gives 'Label1' the id 3, which 'Button1' already has at Entropy/Entropy.json:8 (pac pack fails: PA3007 duplicate control unique ids); delete one of the two entries and pac assigns a fresh id",
			"Entropy/Entropy.json:12: error: ControlUniqueIds gives 'Spare' the id 4, which 'Screen2' already has at Entropy/Entropy.json:11 (pac pack fails: PA3007 duplicate control unique ids); delete one of the two entries and pac assigns a fresh id",
		}},
		{"unique-id/pass", nil},

		{"editor-state/fail", []string{
			"Src/EditorState/Old Screen.editorstate.json: error: editor-state file for 'Old Screen', which is not a screen, component, the App or the test container of the app: delete it or rename it after its top parent",
			"Src/EditorState/Screen2.editorstate.json:3: error: control 'Label1' is already claimed by the editor state at Src/EditorState/Screen1.editorstate.json:9 (pac pack fails: PA3006 illegal editorstate file); keep the entry of the file named after the control's screen or component",
			"Src/EditorState/Screen2.editorstate.json:16: error: TopParentName 'Screen9' is not a screen, component, the App or the test container of the app: delete this editor-state file or fix the name",
		}},
		// Both shapes of editor state; escaped (%26) and truncated (_986) file names.
		{"editor-state/pass", nil},

		{"conflict-marker/fail", []string{
			"Entropy/Entropy.json:4: error: leftover conflict marker \"<<<<<<< HEAD\": resolve the conflict",
			"Src/Screen1.fx.yaml:4: error: leftover conflict marker \"<<<<<<< ours\": resolve the conflict",
		}},
		{"conflict-marker/pass", nil}, // marker-like text inside a formula

		{"parse/fail", []string{
			"DataSources/Orders.json:5: error: not valid JSON: invalid character '}' looking for beginning of object key string",
			"Src/Screen2.fx.yaml:5: error: not valid .fx.yaml: use spaces, not tabs (pac pack fails)",
			"Src/Themes.json:1: error: not valid JSON: unexpected end of JSON input",
		}},
		{"parse/pass", nil}, // a JSON file with a UTF-8 BOM

		{"case-collision/fail", []string{
			// Warnings: pac packs such apps; only file paths equal but for case are
			// errors (TestFileCaseCollision).
			"Assets/Resources.json:15: warning: asset name 'logo' differs only in case from asset 'Logo' at Assets/Resources.json:6: pac renames one of them on unpack and formulas may name the wrong one",
			"Src/orders_1.fx.yaml:1: warning: screen name 'orders' differs only in case from the screen 'Orders' at Src/Orders.fx.yaml:1: pac packs it, but unpacking on Windows or macOS writes one of their files with a _1 suffix; consider renaming one",
			"Src/orders_1.fx.yaml:3: warning: control name 'button1' differs only in case from the control 'Button1' at Src/Screen1.fx.yaml:3: formulas tell them apart, people reading them hardly do; consider renaming one",
		}},
		{"case-collision/pass", nil},

		{"connection/fail", []string{
			"Connections/Connections.json:20: error: connection id '0eaf10c0-3018-486a-baaf-6d628effc1c8' does not equal its key 'd288c302-51ab-428a-abb0-721e34b6bb5c' (at Connections/Connections.json:12); pac rejects the file: pick one side's connection entry whole",
		}},
		{"connection/pass", nil},

		{"template/fail", []string{
			"Src/Screen2.fx.yaml:3: error: control type 'label' (used by 'Label1' and 1 more control) is a widget template in ControlTemplates.json, but pkgs/label_2.3.2.xml is missing: pac pack fails",
			"Src/Screen2.fx.yaml:11: error: control type 'toggleSwitch' (used by 'Toggle1') has no entry in ControlTemplates.json, no template in pkgs/ and is not a component of the app",
			"Src/Screen2.fx.yaml:14: error: control type 'Gauge' (used by 'Gauge1') is a component template, but no Src/Components or pkgs/Components file defines component 'Gauge'",
			"pkgs/button_2.1.0.xml: error: pkgs/ holds a second version of template 'button' (also pkgs/button_2.0.1.xml): pac pack fails (\"Unable to parse template file\"); keep the version ControlTemplates.json names",
		}},
		// A type known only from pkgs/, a component instance, groupContainer (built
		// into pac) and the test controls, none of which need an entry.
		{"template/pass", nil},

		{"missing-reference/fail", []string{
			"Src/App.fx.yaml:3: warning: App.StartScreen names screen 'WelcomeScreen', which is not in the app",
			"Src/Screen1.fx.yaml:5: warning: Button1.OnSelect refers to screen 'Home Screen' (first argument of Navigate), which is not in the app",
			"Src/Screen1.fx.yaml:6: warning: Button1.OnSelect refers to control 'btnSubmit' (first argument of Select), which is not in the app",
			"Src/Screen1.fx.yaml:7: warning: Button1.OnSelect refers to control 'TextInput3' (first argument of Reset), which is not in the app",
			"Src/Screen1.fx.yaml:8: warning: Button1.Text refers to control 'Label9' (in Label9.Text), which is not in the app",
			"Src/Screen1.fx.yaml:8: warning: Button1.Text refers to control 'lblTitle' (in lblTitle.Text), which is not in the app",
			"Src/Screen1.fx.yaml:9: warning: Button1.Visible refers to screen 'Orders Screen' (in 'Orders Screen'.Fill), which is not in the app",
			"Src/Tests/Suite.fx.yaml:11: warning: Step1.Screen names screen 'Screen0', which is not in the app",
		}},
		// Variables, collections, record fields, aliases, named formulas, data sources,
		// strings, comments and interpolation: nothing to report.
		{"missing-reference/pass", nil},
	}
	seen := map[string]bool{}
	for _, c := range cases {
		seen[c.dir] = true
		t.Run(c.dir, func(t *testing.T) {
			rep, err := CheckFS(os.DirFS(filepath.Join("testdata", "cases", filepath.FromSlash(c.dir))))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range rep.Findings {
				got = append(got, f.String())
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			errs := 0
			for _, w := range c.want {
				if strings.Contains(w, ": error: ") {
					errs++
				}
			}
			if rep.Errors() != errs || rep.Warnings() != len(c.want)-errs {
				t.Errorf("Errors() = %d, Warnings() = %d; want %d, %d", rep.Errors(), rep.Warnings(), errs, len(c.want)-errs)
			}
		})
	}
	// Every case folder is in the table.
	dirs, _ := filepath.Glob(filepath.Join("testdata", "cases", "*", "*"))
	for _, d := range dirs {
		rel := filepath.ToSlash(strings.TrimPrefix(d, filepath.Join("testdata", "cases")+string(filepath.Separator)))
		if !seen[rel] {
			t.Errorf("testdata/cases/%s is not in the table", rel)
		}
	}
}

// A merged tree held in memory checks the same as a folder (the CI gate's way in).
func TestCheckFilesMatchesCheckFS(t *testing.T) {
	dir := filepath.Join("testdata", "cases", "duplicate-name", "fail")
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files["./"+filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	a, err := CheckFiles(files)
	if err != nil {
		t.Fatal(err)
	}
	b, err := CheckFS(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("CheckFiles and CheckFS differ:\n%v\n%v", a.Findings, b.Findings)
	}
	if _, err := CheckFiles(map[string][]byte{"Src/App.fx.yaml": []byte("App As appinfo:\n")}); !errors.Is(err, ErrNoManifest) {
		t.Errorf("no manifest: err = %v, want ErrNoManifest", err)
	}
}

// Files whose paths differ only in case (kept out of testdata: they could not be checked
// out on Windows or macOS).
func TestFileCaseCollision(t *testing.T) {
	rep, err := CheckFiles(map[string][]byte{
		"CanvasManifest.json":        []byte(`{"ScreenOrder": []}`),
		"Assets/Images/Logo.png":     []byte("\x89PNG\x00"),
		"Assets/Images/logo.png":     []byte("\x89PNG\x00"),
		"Other/References/Notes.txt": []byte("a"),
		"other/references/notes.TXT": []byte("b"),
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Assets/Images/logo.png: error: file path differs only in case from Assets/Images/Logo.png: the two collide on Windows and macOS checkouts",
		"other/references/notes.TXT: error: file path differs only in case from Other/References/Notes.txt: the two collide on Windows and macOS checkouts",
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.String())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestAppRoots(t *testing.T) {
	paths := []string{
		"README.md",
		"apps/Sales/CanvasManifest.json",
		"apps/Sales/Src/App.fx.yaml",
		"apps/Sales/Other/nested/CanvasManifest.json", // inside an app: not an app of its own
		"apps/HR/canvasmanifest.json",
		"apps/HR/Src/Screen1.fx.yaml",
		"apps/HRX/Src/x.fx.yaml",
	}
	roots := AppRoots(paths)
	if want := []string{"apps/HR", "apps/Sales"}; !reflect.DeepEqual(roots, want) {
		t.Errorf("AppRoots = %v, want %v", roots, want)
	}
	for _, tt := range []struct {
		p, root string
		ok      bool
	}{
		{"apps/Sales/Src/App.fx.yaml", "apps/Sales", true},
		{"apps/HR/Src/Screen1.fx.yaml", "apps/HR", true},
		{"apps/HRX/Src/x.fx.yaml", "", false},
		{"README.md", "", false},
	} {
		if r, ok := AppRootOf(tt.p, roots); r != tt.root || ok != tt.ok {
			t.Errorf("AppRootOf(%q) = %q, %v", tt.p, r, ok)
		}
	}
	if got := AppRoots([]string{"CanvasManifest.json", "Src/App.fx.yaml"}); !reflect.DeepEqual(got, []string{"."}) {
		t.Errorf("app at the top: %v", got)
	}

	fsys := fstest.MapFS{
		"repo/a/CanvasManifest.json":         {},
		"repo/a/Src/App.fx.yaml":             {},
		"repo/b/c/CanvasManifest.json":       {},
		"repo/.git/x/CanvasManifest.json":    {},
		"repo/a/Other/y/CanvasManifest.json": {},
	}
	found, err := FindApps(fsys, "repo")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"repo/a", "repo/b/c"}; !reflect.DeepEqual(found, want) {
		t.Errorf("FindApps = %v, want %v", found, want)
	}
}

// The line-keeping JSON reader agrees with encoding/json on what is valid.
func TestJSONReader(t *testing.T) {
	for _, s := range []string{
		`{}`, `[]`, `0`, `-0.5e+3`, `"a\u00e9\ud83d\ude00"`, `{"a":[1,2,{"b":null}],"c":true}`,
		`{"a":1,}`, `[1,]`, `01`, `-`, `1.`, `.5`, `"\x"`, "\"a\tb\"", `{"a" 1}`, `{"a":1}x`, `[1 2]`, `tru`, `"\ud800"`,
		`{"a":1,"a":2}`, `  {"a" : [ ] }  `, "\ufeff{\"a\":1}",
	} {
		_, err := parseJSON([]byte(s))
		ours := err == nil
		std := json.Valid([]byte(strings.TrimPrefix(s, "\ufeff")))
		if ours != std {
			t.Errorf("%q: our reader says valid=%v, encoding/json says %v (%v)", s, ours, std, err)
		}
		if (validateJSON([]byte(s)) == nil) != std {
			t.Errorf("%q: validateJSON disagrees with encoding/json", s)
		}
	}
	v, err := parseJSON([]byte("{\n  \"a\": 1,\n  \"b\": {\n    \"c\": \"x\\u00e9\"\n  },\n  \"a\": 2\n}"))
	if err != nil {
		t.Fatal(err)
	}
	if len(v.members) != 3 || v.members[2].key != "a" || v.members[2].line != 6 {
		t.Errorf("duplicate keys and lines not kept: %+v", v.members)
	}
	if m, _ := v.get("b").member("c"); m.line != 4 || m.val.str != "xé" {
		t.Errorf("nested member: %+v", m)
	}
}

func TestLexer(t *testing.T) {
	toks := lexFormula(`Navigate('It''s', Fade); /* Label1.X */ Set(x, "a""Label2.Y"); // Label3.Z` + "\n" +
		`Notify($"{{no}} {lblA.Text & "}"} {If(true, {a: 1}.a)} done"); 1.5e3.x`)
	var names []string
	for _, tk := range toks {
		if tk.isName() {
			names = append(names, tk.text)
		}
	}
	want := []string{"Navigate", "It's", "Fade", "Set", "x", "Notify", "lblA", "Text", "If", "true", "a", "a", "x"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("names = %q\nwant    %q", names, want)
	}
}

// FuzzCheck: whatever the bytes, the checks report findings and never panic.
func FuzzCheck(f *testing.F) {
	for _, dir := range []string{"missing-reference/pass", "editor-state/fail", "unique-id/fail"} {
		base := filepath.Join("testdata", "cases", filepath.FromSlash(dir))
		fx, _ := os.ReadFile(filepath.Join(base, "Src", "Screen1.fx.yaml"))
		js, _ := os.ReadFile(filepath.Join(base, "CanvasManifest.json"))
		f.Add(fx, js)
	}
	f.Add([]byte("A As b:\n    P: =Navigate('x\n"), []byte(`{"ScreenOrder": [1, "A", {}]}`))
	f.Fuzz(func(t *testing.T, fx, js []byte) {
		files := map[string][]byte{
			"CanvasManifest.json":                      js,
			"Src/Screen1.fx.yaml":                      fx,
			"Src/Components/C.fx.yaml":                 fx,
			"Src/EditorState/Screen1.editorstate.json": js,
			"Entropy/Entropy.json":                     js,
			"Connections/Connections.json":             js,
			"ControlTemplates.json":                    js,
			"Assets/Resources.json":                    js,
		}
		if _, err := CheckFiles(files); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzJSONReader: the line-keeping reader accepts exactly what encoding/json accepts.
func FuzzJSONReader(f *testing.F) {
	for _, s := range []string{`{"a":[1,2.5e3,{"b":null}],"c":"\u00e9"}`, `[1,]`, `"\ud83d\ude00"`, `-0`, `{"a":1,"a":2}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		data = []byte(strings.TrimPrefix(string(data), "\ufeff"))
		_, err := parseJSON(data)
		if (err == nil) != json.Valid(data) {
			t.Fatalf("%q: our reader err = %v, encoding/json valid = %v", data, err, json.Valid(data))
		}
	})
}

// A JSON or .fx.yaml file saved as UTF-16 with a byte order mark (pac reads those) is
// read, not taken for binary.
func TestUTF16Files(t *testing.T) {
	utf16le := func(s string) []byte {
		out := []byte{0xFF, 0xFE}
		for _, u := range utf16.Encode([]rune(s)) {
			out = append(out, byte(u), byte(u>>8))
		}
		return out
	}
	rep, err := CheckFiles(map[string][]byte{
		"CanvasManifest.json":   utf16le(`{"ScreenOrder": ["Screen1"]}`),
		"ControlTemplates.json": []byte(`{"label": {"Name": "label"}}`),
		"Src/Screen1.fx.yaml":   utf16le("Screen1 As screen:\r\n\r\n    Label1 As label:\r\n        Text: =\"é\"\r\n\r\n"),
		"Entropy/Entropy.json":  utf16le("{\r\n  \"ControlUniqueIds\": {\r\n    \"Label1\": 3,\r\n    \"Screen1\": 3\r\n  }\r\n}"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].Check != CheckUniqueID || rep.Findings[0].Line != 4 {
		t.Errorf("findings: %v", rep.Findings)
	}
}

// TestReportCounts: the report counts the screens and the controls placed on them and
// in components, for check's summary line.
func TestReportCounts(t *testing.T) {
	rep, err := CheckFS(os.DirFS(filepath.Join("testdata", "cases", "duplicate-name", "fail")))
	if err != nil {
		t.Fatal(err)
	}
	// Screen1 (Button1), Screen2 (Label1, Button1), component Header (one label).
	if rep.Screens != 2 || rep.Controls != 4 {
		t.Errorf("Screens, Controls = %d, %d; want 2, 4", rep.Screens, rep.Controls)
	}
}
