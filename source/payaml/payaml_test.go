package payaml

import (
	"errors"
	"strings"
	"testing"
)

const screen = `# banner line 1
# banner line 2
Screens:
  Screen1:
    Properties:
      Fill: =RGBA(255, 255, 255, 1)
      OnVisible: |-
        =Set(a, 1);

        Set(b, "x: y")
    Children:
      - Container1:
          Control: GroupContainer@1.5.0
          Variant: AutoLayout
          Properties:
            LayoutMaxHeight: =
          Children:
            - "Label 1":
                Control: Label@2.5.1
                Properties:
                  Text: ="a"
      - Button1:
          Control: Classic/Button@2.2.0
          Properties:
            Text: |+
              ="Click"

`

func TestRoundTripStyles(t *testing.T) {
	for name, in := range map[string]string{
		"lf":          screen,
		"crlf":        strings.ReplaceAll(screen, "\n", "\r\n"),
		"bom":         "\ufeff" + screen,
		"no final":    strings.TrimSuffix(screen, "\n"),
		"crlf banner": strings.Replace(screen, "# banner line 1\n# banner line 2\n", "# a\r\n#\r\n", 1),
		"editorstate": "EditorState:\n  ScreensOrder:\n    - Screen1\n    - 'Screen 2'\n  ComponentDefinitionsOrder: []\n",
		"app":         "App:\n  Properties:\n    Theme: =PowerAppsTheme\n    StartScreen: =Screen1\n    Tab: 'x\t'\n    Q: \"a \\\"b\\\"\"\n",
		"null":        "DataSources:\n  Accounts:\n    Type: Table\n    Parameters:\n      TableLogicalName: account\n    Empty:\n",
		// Hand-written files: comment and blank lines are kept where they are.
		"blank line":    "App:\n  Properties:\n    A: =1\n\n    B: =2\n",
		"comments":      "# header\n\nScreens:\n  # the home screen\n  Home:\n    Children:\n\n      # first\n      - A:\n          Control: Label@2.5.1\n          Properties:\n            # why\n            Text: |\n              =1\n\n              # not a comment: formula text\n\n            X: =2\n      # the end\n\n# trailer\n",
		"wrapped plain": "App:\n  Properties:\n    Text: =If(a = 1, \"one\", \"other\") &\n        \" more\" &\n\n        \" text\"\n\n    X: =1\n",
		"keep block":    "App:\n  Properties:\n    A: |+\n      =1\n\n    # c\n    B: =2\n",
	} {
		f, err := Parse([]byte(in))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !f.Exact || string(f.Bytes()) != in {
			t.Errorf("%s: not written back:\n%q\n%q", name, in, f.Bytes())
		}
	}
}

func TestNotExact(t *testing.T) {
	for name, in := range map[string]string{
		"comment":    "App:\n  Properties: # c\n    A: =1\n",
		"indent 4":   "App:\n    Properties:\n        A: =1\n",
		"flow":       "EditorState:\n  ScreensOrder: [A, B]\n",
		"unindented": "Screens:\n  S:\n    Children:\n    - A:\n        Control: Label@2.5.1\n",
		"folded":     "App:\n  Properties:\n    A: >-\n      =1\n",
		"mixed eol":  "App:\r\n  Properties:\n    A: =1\r\n",
		"indicator":  "App:\n  Properties:\n    A: |2-\n        =1\n",
	} {
		f, err := Parse([]byte(in))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if f.Exact {
			t.Errorf("%s: claims to write back exactly, but Studio's style differs", name)
		}
	}
}

func TestErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"App:\n  Properties:\n    A: =1\n    A: =2\n", `4:5: duplicate key "A" (first at line 3)`},
		{"App:\n  Properties: &x\n    A: =1\n", "2:15: anchors"},
		{"App:\n  Properties: !!map\n    A: =1\n", "2:15: tags"},
		{"App:\n  Properties:\n    A: =1\n   B: =2\n", "line 4: "},
		{"- a\n- b\n", "1:1: the document is not a mapping"},
		{"# only a comment\n", "no YAML document"},
		{"App:\n  P: 1\n---\nApp:\n  P: 2\n", "a second YAML document"},
		{"App:\r  P: 1\n", "lone CR"},
		{"App:\n  P: \xff\n", "line 2: invalid UTF-8"},
	} {
		_, err := Parse([]byte(c.in))
		var se *SyntaxError
		if err == nil || !errors.As(err, &se) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want a *SyntaxError containing %q", c.in, err, c.want)
		}
	}
}

func TestDetect(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Flavor
	}{
		{screen, V3},
		{"\ufeffApp:\r\n  Properties:\r\n", V3},
		{"EditorState:\n  ScreensOrder:\n    - A\n", V3},
		{"Screen1 As screen:\n    Fill: =White\n", Legacy},
		{"\"'My Screen' As screen\":\n    Fill: =White\n", Legacy},
		{"# c\nApp As appinfo:\n    BackEnabled: =false\n", Legacy},
		{"Screen1:\n  Control: Screen\n  Children:\n", Prototype},
		{"foo: bar\n", Unknown},
		{"", Unknown},
		{"App:\n  x: 1\nOther:\n  y: 2\n", Unknown},
	} {
		if got := Detect([]byte(c.in)); got != c.want {
			t.Errorf("%q: %v, want %v", c.in, got, c.want)
		}
	}
}

func TestObjects(t *testing.T) {
	f, err := Parse([]byte(screen))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range f.Objects() {
		got = append(got, o.Kind.String()+" "+o.Path()+" "+o.Type+" "+o.Variant+" @"+itoa(o.Line)+":"+itoa(o.Col))
	}
	want := []string{
		"screen Screen1   @4:3",
		"control Screen1 > Container1 GroupContainer@1.5.0 AutoLayout @12:9",
		"control Screen1 > Container1 > Label 1 Label@2.5.1  @18:15",
		"control Screen1 > Button1 Classic/Button@2.2.0  @22:9",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("objects:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	g, err := Parse([]byte("ComponentDefinitions:\n  Header:\n    DefinitionType: CanvasComponent\n    Children:\n      - Title:\n          Control: Label@2.5.1\nDataSources:\n  Accounts:\n    Type: Table\nEditorState:\n  ScreensOrder:\n    - Screen1\n    - Screen2\n"))
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, o := range g.Objects() {
		got = append(got, o.Kind.String()+" "+o.Path()+" "+o.Type)
	}
	if s := strings.Join(got, ","); s != "component definition Header CanvasComponent,control Header > Title Label@2.5.1,data source Accounts Table" {
		t.Errorf("objects: %s", s)
	}
	es := g.EditorState()
	if es == nil || len(es.ScreensOrder) != 2 || es.ScreensOrder[1].Value != "Screen2" || es.ScreensOrder[1].Line != 13 {
		t.Errorf("editor state: %+v", es)
	}
}

func TestFormatStyle(t *testing.T) {
	for _, c := range []struct {
		v      string
		st     Style
		header string
	}{
		{"=1", Plain, ""},
		{"=", Plain, ""},
		{"=If(a,\n b)", Literal, "|-"},
		{"=a\n", Literal, "|"},
		{"=a\n\n", Literal, "|+"},
		{`="a: b"`, Literal, "|-"},
		{`=1 #x`, Literal, "|-"},
		{"=\"x\"\t", SingleQuoted, ""},
		{"=\"😀\"", Literal, "|-"},
		{"", DoubleQuoted, ""},
		{"true", DoubleQuoted, ""},
		{"Label@2.5.1", Plain, ""},
	} {
		st, h := FormatStyle(c.v)
		if st != c.st || h != c.header {
			t.Errorf("%q: %v %q, want %v %q", c.v, st, h, c.st, c.header)
		}
		// Whatever the style, the value must read back.
		f, err := Parse([]byte("App:\n  Properties:\n    A: " + strings.TrimSuffix(string(mustWrite(c.v)), "\n") + "\n"))
		if err != nil {
			t.Errorf("%q: %v", c.v, err)
			continue
		}
		if got, _ := f.Root.GetMap("App").GetMap("Properties").GetString("A"); got != c.v {
			t.Errorf("%q: read back as %q", c.v, got)
		}
	}
}

// mustWrite writes a value as the text after "A: " at indent 4.
func mustWrite(v string) []byte {
	var b strings.Builder
	writeScalar(&b, NewScalar(v), 6)
	return []byte(b.String())
}
