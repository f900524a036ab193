package check

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

func violationsOf(t *testing.T, src string) []schemaViolation {
	t.Helper()
	doc, err := parseForSchema([]byte(src))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	vs, err := validatePaDoc(doc)
	if err != nil {
		t.Fatal(err)
	}
	return vs
}

// Microsoft's own v3 samples (the tooling repository's schemas-tests, 21 files) are
// valid: the schema, as canvasgit reads it, finds nothing in them.
func TestPaSchemaExamplesValidate(t *testing.T) {
	dir := filepath.Join(corpus.Dir(t, "payaml"), "schema", "examples")
	n := 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".pa.yaml") {
			return err
		}
		n++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, v := range violationsOf(t, string(data)) {
			t.Errorf("%s:%d: %s: %s", p, v.line, pointer(v.tokens), v.msg)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 21 {
		t.Errorf("validated %d sample files, want the 21 of schemas-tests", n)
	}
}

// Each in-memory change to the published schema is needed: without it a sample of
// Microsoft's fails. The test compiles the schema as published and finds the failures.
func TestPaSchemaReadingIsNeeded(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"Themes", "Themes:\n  T:\n    Font: x\n", "'Themes' not allowed"},
		{"ControlStyles", "ControlStyles:\n  S:\n    Control: Button\n", "'ControlStyles' not allowed"},
		{"Component", "Screens:\n  S:\n    Children:\n      - C1:\n          Control: Component\n          ComponentName: X\n", "'ComponentName' not allowed"},
		{"AccessAppScope", "ComponentDefinitions:\n  C:\n    DefinitionType: CommandComponent\n    AccessAppScope: true\n", "'AccessAppScope' not allowed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if vs := violationsOf(t, c.src); len(vs) != 0 {
				t.Fatalf("as canvasgit reads the schema: %v", vs)
			}
			// As published: the Themes and ControlStyles keys, `Component` and
			// AccessAppScope are not allowed.
			var doc any
			if err := yaml.Unmarshal(paSchemaYAML, &doc); err != nil {
				t.Fatal(err)
			}
			if err := validateRaw(doc, c.src); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("as published: %v, want an error with %q", err, c.want)
			}
		})
	}
}

// The patterns canvasgit cannot compile, and so skips, are exactly the one known bad
// pattern of the published schema.
func TestPaSchemaBrokenPatterns(t *testing.T) {
	var doc any
	if err := yaml.Unmarshal(paSchemaYAML, &doc); err != nil {
		t.Fatal(err)
	}
	var broken []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if s, ok := x.(string); ok && k == "pattern" {
					if _, err := regexp.Compile(s); err != nil {
						broken = append(broken, s)
					}
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc)
	if len(broken) != 1 || !strings.HasPrefix(broken[0], `^([a-zA-Z][a-zA-Z0-9]{1,7})_)?`) {
		t.Errorf("patterns that do not compile: %q, want only the CodeComponent ComponentName one", broken)
	}
}

// Violations name the YAML path and the line of the value that is wrong.
func TestPaSchemaViolations(t *testing.T) {
	cases := []struct {
		name, src string
		path      string
		line      int
		msg       string
	}{
		{"formula without =", "Screens:\n  S1:\n    Properties:\n      Fill: RGBA(1,2,3,1)\n",
			"/Screens/S1/Properties/Fill", 4, "formula must start with '='"},
		{"forbidden control type", "Screens:\n  S1:\n    Children:\n      - L1:\n          Control: Screen\n",
			"/Screens/S1/Children/0/L1/Control", 5, "'Screen' is not a control type"},
		{"lowercase control type", "Screens:\n  S1:\n    Children:\n      - L1:\n          Control: label\n",
			"/Screens/S1/Children/0/L1/Control", 5, "'label' is not a control type"},
		{"unknown control key", "Screens:\n  S1:\n    Children:\n      - L1:\n          Control: Label@2.5.1\n          Colour: =1\n",
			"/Screens/S1/Children/0/L1/Colour", 6, "'Colour' not allowed"},
		{"two controls in one item", "Screens:\n  S1:\n    Children:\n      - L1:\n          Control: Label\n        L2:\n          Control: Label\n",
			"/Screens/S1/Children/0", 4, "maxProperties"},
		{"unknown top-level key", "# banner\nScreen:\n  S1: {}\n",
			"/Screen", 2, "'Screen' not allowed"},
		{"screens as a list", "Screens:\n  - Home1:\n      Control: Screen\n",
			"/Screens", 1, "want object"},
		{"no Control", "Screens:\n  S1:\n    Children:\n      - L1:\n          Properties:\n            X: =1\n",
			"/Screens/S1/Children/0/L1", 4, "missing property 'Control'"},
		{"canvas component without its name", "Screens:\n  S1:\n    Children:\n      - C1:\n          Control: CanvasComponent\n",
			"/Screens/S1/Children/0/C1", 4, "missing property 'ComponentName'"},
		{"component sets X", "ComponentDefinitions:\n  C:\n    DefinitionType: CanvasComponent\n    Properties:\n      X: =1\n",
			"/ComponentDefinitions/C/Properties/X", 5, "name 'X' is not allowed"},
		{"IsLocked not a boolean", "Screens:\n  S1:\n    Children:\n      - L1:\n          Control: Label\n          IsLocked: yes please\n",
			"/Screens/S1/Children/0/L1/IsLocked", 6, "want boolean"},
		{"custom property without type", "ComponentDefinitions:\n  C:\n    DefinitionType: CanvasComponent\n    CustomProperties:\n      P:\n        PropertyKind: Input\n",
			"/ComponentDefinitions/C/CustomProperties/P", 5, "missing property 'DataType'"},
		{"data source type", "DataSources:\n  D:\n    Type: Tabel\n",
			"/DataSources/D/Type", 3, "Tabel"},
		{"ScreensOrder not a list", "EditorState:\n  ScreensOrder: Screen1\n",
			"/EditorState/ScreensOrder", 2, "want array"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			vs := violationsOf(t, c.src)
			if len(vs) != 1 {
				t.Fatalf("got %d violations, want 1: %+v", len(vs), vs)
			}
			v := vs[0]
			if got := pointer(v.tokens); got != c.path || v.line != c.line || !strings.Contains(v.msg, c.msg) {
				t.Errorf("got %s line %d %q, want %s line %d with %q", got, v.line, v.msg, c.path, c.line, c.msg)
			}
		})
	}
}

func TestPaSchemaValidFile(t *testing.T) {
	src := "App:\n  Properties:\n    StartScreen: =Screen1\n    Empty: =\n    Nothing:\n" +
		"Screens:\n  Screen1:\n    Children:\n      - 'Label 1':\n          Control: Label@2.5.1\n          Variant: x\n          IsLocked: true\n          Properties:\n            Text: |-\n              =\"a\" &\n              \"b\"\n" +
		"      - Comp1:\n          Control: CanvasComponent\n          ComponentName: Header\n" +
		"      - Pcf1:\n          Control: CodeComponent\n          ComponentName: cat_PowerCAT.Spinner\n"
	if vs := violationsOf(t, src); len(vs) != 0 {
		t.Errorf("valid file: %+v", vs)
	}
}

// validateRaw validates src against the schema document doc as published (no
// in-memory changes; bad patterns still skipped so that it compiles).
func validateRaw(doc any, src string) error {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft7)
	c.UseRegexpEngine(lenientRegexp)
	if err := c.AddResource(paSchemaURL, doc); err != nil {
		return err
	}
	s, err := c.Compile(paSchemaURL)
	if err != nil {
		return err
	}
	n, err := parseForSchema([]byte(src))
	if err != nil {
		return err
	}
	return s.Validate(instanceOf(n).value)
}
