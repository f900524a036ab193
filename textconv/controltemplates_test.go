package textconv

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

const testLabelXML = `<widget xmlns="http://openajax.org/metadata" id="http://microsoft.com/appmagic/label" name="label" version="2.3.0"><properties/></widget>`
const testRatingXML = `<widget xmlns="http://openajax.org/metadata" id="http://microsoft.com/appmagic/rating" name="Rating" version="2.0.1"><properties/></widget>`

// testTemplatesJSON is a References/Templates.json with a used and an unused template.
func testTemplatesJSON() string {
	return `{"UsedTemplates":[{"Name":"label","Version":"2.3.0","Template":` + jsonQuote(testLabelXML) +
		`},{"Name":"rating","Version":"2.0.1","Template":` + jsonQuote(testRatingXML) + `}]}`
}

func jsonQuote(s string) string { return string(canonicalJSON(s)) }

func sectionJSON(t *testing.T, secs map[string]string, name string) object {
	t.Helper()
	body, ok := secs[name]
	if !ok {
		t.Fatalf("no section %s", name)
	}
	v, err := parseJSONString(body)
	if err != nil {
		t.Fatalf("%s: %v\n%s", name, err, body)
	}
	o, _ := v.(object)
	return o
}

func TestControlTemplatesSmall(t *testing.T) {
	appCtl := `{"TopParent":{"Name":"App","ControlUniqueId":"1","Template":{"Name":"appinfo","Id":"http://microsoft.com/appmagic/appinfo","Version":"1.0","IsComponentDefinition":false},"Rules":[],"Children":[` +
		`{"Name":"Host","Template":{"Name":"hostControl","Id":"http://microsoft.com/appmagic/hostcontrol","HostType":"Default"},"Rules":[],"Children":[]},` +
		`{"Name":"SharePointIntegration","Template":{"Name":"hostControl","Id":"http://microsoft.com/appmagic/hostcontrol","HostType":"SharepointForms"},"Rules":[],"Children":[]}]}}`
	screen := `{"TopParent":{"Name":"Screen1","ControlUniqueId":"2","Template":{"Name":"screen","IsComponentDefinition":false},"Rules":[],"Children":[` +
		`{"Name":"Label1","Template":{"Name":"label","Version":"2.3.0","IsComponentDefinition":false,"OverridableProperties":{}},"Rules":[],"Children":[]},` +
		`{"Name":"Label2","Template":{"Name":"label","Version":"9.9.9","IsComponentDefinition":false},"Rules":[],"Children":[]},` +
		`{"Name":"Pcf1","Template":{"Name":"Lib_Label","Id":"http://microsoft.com/appmagic/powercontrol/Lib_Label","IsComponentDefinition":false},"Rules":[],"Children":[]},` +
		`{"Name":"Comp1_1","Template":{"Name":"0123456789abcdef0123456789abcdef","IsComponentDefinition":false,"ComponentDefinitionInfo":{"Name":"Comp1"}},"Rules":[],"Children":[]}]}}`
	comp := `{"TopParent":{"Name":"Comp1","Template":{"Name":"0123456789abcdef0123456789abcdef","Id":"http://microsoft.com/appmagic/Component","IsComponentDefinition":true},"Rules":[],"Children":[` +
		`{"Name":"Inner","Template":{"Name":"button","IsComponentDefinition":false},"Rules":[],"Children":[]}]}}`
	files := []zfile{
		{"Header.json", testHeader}, {"Properties.json", testProps},
		{`Controls\1.json`, appCtl}, {`Controls\2.json`, screen}, {`Components\3.json`, comp},
		{`References\Templates.json`, testTemplatesJSON()},
	}
	out, err := render(t, makeZip(t, files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if i, j := strings.Index(out, "=== CanvasManifest.json ==="), strings.Index(out, "=== ControlTemplates.json ==="); i < 0 || j < i {
		t.Errorf("ControlTemplates.json does not follow CanvasManifest.json:\n%s", out)
	}
	secs := splitSections(out)
	ct := sectionJSON(t, secs, "ControlTemplates.json")
	var keys []string
	for _, m := range ct {
		keys = append(keys, m.Key)
	}
	if got, want := strings.Join(keys, ","), "appinfo,button,groupContainer,Host,label,Lib_Label,Rating,screen,SharePointIntegration"; got != want {
		t.Errorf("keys %s, want %s", got, want)
	}
	check := func(key, field, want string) {
		t.Helper()
		e, _ := ct.get(key)
		v, _ := e.(object).get(field)
		if got := string(canonicalJSON(v)); got != want {
			t.Errorf("%s.%s = %s, want %s", key, field, got, want)
		}
	}
	check("label", "Version", `"2.3.0"`) // first occurrence wins
	check("label", "IsWidgetTemplate", "true")
	check("label", "IsComponentTemplate", "false")
	check("label", "OverridableProperties", "{}")
	check("screen", "IsWidgetTemplate", "false")
	check("Lib_Label", "IsPcfControl", "true")
	check("Host", "HostType", `"Default"`)
	check("SharePointIntegration", "HostType", `"SharepointForms"`)
	check("Rating", "Id", `"http://microsoft.com/appmagic/rating"`)
	check("Rating", "IsWidgetTemplate", "true")
	check("groupContainer", "Version", `"1.0"`)
	check("groupContainer", "IsWidgetTemplate", "false")
}

func TestControlTemplatesMalformed(t *testing.T) {
	screen := `{"TopParent":{"Name":"Screen1","Template":{"Name":"screen"},"Rules":[],"Children":[]}}`
	broken := `{"TopParent":{"Name":"Screen2","Template":{"Name":"screen"},"Rules":[],"Children":[` +
		`{"Name":"Bad","Template":"label","Rules":[],"Children":[]}]}}`
	for _, tmpl := range []string{`{`, `[]`, `{"UsedTemplates":"x","ComponentTemplates":[1,null]}`, `{"UsedTemplates":[{"Template":"<nope"},{"Template":5},null]}`} {
		files := []zfile{{"Header.json", testHeader}, {"Properties.json", testProps},
			{`Controls\1.json`, testApp}, {`Controls\2.json`, screen}, {`Controls\3.json`, broken}, {`References\Templates.json`, tmpl}}
		out, err := render(t, makeZip(t, files), Options{All: true})
		if err != nil {
			t.Fatal(err)
		}
		secs := splitSections(out)
		if _, ok := secs["ControlTemplates.json"]; !ok {
			t.Errorf("Templates.json %s: no ControlTemplates.json", tmpl)
		}
		for _, name := range []string{"Src/Screen1.fx.yaml", "Controls/3.json", "Src/EditorState/Screen1.editorstate.json"} {
			if _, ok := secs[name]; !ok {
				t.Errorf("Templates.json %s: no section %s", tmpl, name)
			}
		}
	}
}

// stripFormat020 removes what pac 0.24 adds to a template state and pac 0.20 did not
// write (IsPcfControl, IsWidgetTemplate), recursively in the entries of o.
func stripFormat020(v any) any {
	o, ok := v.(object)
	if !ok {
		return v
	}
	out := object{}
	for _, m := range o {
		if m.Key == "IsPcfControl" || m.Key == "IsWidgetTemplate" {
			continue
		}
		out = append(out, kv{m.Key, m.Val})
	}
	return out
}

// TestControlTemplatesPairs compares ControlTemplates.json and the component files
// with the pairs, ignoring the two fields pac 0.20 did not write.
func TestControlTemplatesPairs(t *testing.T) {
	dir := corpus.Dir(t, "pairs")
	apps, _ := filepath.Glob(filepath.Join(dir, "*", "app.msapp"))
	if len(apps) == 0 {
		t.Skip("no pairs")
	}
	for _, app := range apps {
		secs := renderSections(t, app, Options{All: true})
		src := filepath.Join(filepath.Dir(app), "src")
		var rels []string
		filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
			rel, _ := filepath.Rel(src, p)
			rel = filepath.ToSlash(rel)
			if err == nil && !d.IsDir() && (rel == "ControlTemplates.json" ||
				strings.HasPrefix(rel, "pkgs/Components/") && strings.HasSuffix(rel, ".json") ||
				strings.HasPrefix(rel, "Src/Components/") && strings.HasSuffix(rel, ".json")) {
				rels = append(rels, rel)
			}
			return nil
		})
		for _, rel := range rels {
			data, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(rel)))
			if err != nil {
				t.Fatal(err)
			}
			want, err := parseJSON(data)
			if err != nil {
				t.Fatal(err)
			}
			got := sectionJSON(t, secs, rel)
			wo, _ := want.(object)
			old := !strings.Contains(string(data), `"IsWidgetTemplate"`)
			var norm object
			if rel == "ControlTemplates.json" {
				for _, m := range got {
					v := m.Val
					if old {
						v = stripFormat020(v)
					}
					norm = append(norm, kv{m.Key, v})
				}
			} else {
				norm = got
				if old {
					norm = stripFormat020(got).(object)
				}
			}
			if g, w := string(canonicalJSON(norm)), string(canonicalJSON(wo)); g != w {
				t.Errorf("%s %s: %s", filepath.Base(filepath.Dir(app)), rel, firstDiff(g, w))
			}
		}
	}
}
