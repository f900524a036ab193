package textconv

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

const (
	testCompGUID = "0f960c2c890542c182bae19b73edbcd4"
	testLibGUID  = "1583bb87d08f4d07982e558929b61487"
)

func componentFiles(props, meta string) []zfile {
	comp := func(name, guid string) string {
		return `{"TopParent":{"Name":"` + name + `","Template":{"Name":"` + guid + `","Id":"http://microsoft.com/appmagic/Component","Version":"1","IsComponentDefinition":true,` +
			`"CustomProperties":[],"ComponentType":"CanvasComponent","OverridableProperties":{}},"Rules":[],"Children":[]}}`
	}
	templates := `{"UsedTemplates":[],"ComponentTemplates":[` +
		`{"Name":"` + testCompGUID + `","Version":"2","IsComponentLocked":true,"ComponentChangedSinceFileImport":true,"ComponentAllowCustomization":true,"OriginalName":"` + testLibGUID + `","ComponentType":"CanvasComponent","CustomProperties":[]},` +
		`{"Name":"aaaabbbbccccddddeeeeffff00001111","Version":"1","IsComponentLocked":false,"ComponentDescription":"Local one"}]}`
	files := []zfile{{"Header.json", testHeader}, {"Properties.json", props},
		{`Controls\1.json`, testApp}, {`Controls\2.json`, testScreen(`"1"`)},
		{`Components\3.json`, comp("StatusIndicator", testCompGUID)},
		{`Components\4.json`, comp("Local?", "aaaabbbbccccddddeeeeffff00001111")},
		{`References\Templates.json`, templates}}
	if meta != "" {
		files = append(files, zfile{"ComponentsMetadata.json", meta})
	}
	return files
}

func TestComponentFiles(t *testing.T) {
	props := `{"DocumentAppType":"Phone","LibraryDependencies":"[{\"OriginalComponentDefinitionTemplateId\":\"` + testLibGUID + `\",\"LibraryId\":\"x\"}]"}`
	meta := `{"Components":[{"Name":"StatusIndicator","TemplateName":"` + testCompGUID + `","Description":"","AllowCustomization":true,"AllowAccessToGlobals":false}]}`
	out, err := render(t, makeZip(t, componentFiles(props, meta)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	secs := splitSections(out)
	for _, name := range []string{"pkgs/Components/StatusIndicator.fx.yaml", "pkgs/Components/StatusIndicator.json",
		"Src/Components/Local%3f.fx.yaml", "Src/Components/Local%3f.json"} {
		if _, ok := secs[name]; !ok {
			t.Errorf("no section %s", name)
		}
	}
	if _, ok := secs["Other/ComponentsMetadata.json"]; ok {
		t.Errorf("ComponentsMetadata.json shown as Other/")
	}
	// Each .json right after its .fx.yaml.
	if i, j := strings.Index(out, "=== pkgs/Components/StatusIndicator.fx.yaml"), strings.Index(out, "=== pkgs/Components/StatusIndicator.json"); i < 0 || j < i || strings.Contains(out[i+10:j], "\n=== ") {
		t.Errorf("component json does not follow its fx.yaml")
	}
	got := secs["pkgs/Components/StatusIndicator.json"]
	want := `{
  "ComponentAllowCustomization": true,
  "ComponentChangedSinceFileImport": true,
  "ComponentManifest": {
    "AllowAccessToGlobals": false,
    "AllowCustomization": true,
    "Description": "",
    "Name": "StatusIndicator",
    "TemplateGuid": "0f960c2c890542c182bae19b73edbcd4"
  },
  "ComponentType": "CanvasComponent",
  "CustomProperties": [],
  "Id": "http://microsoft.com/appmagic/Component",
  "IsComponentLocked": true,
  "IsComponentTemplate": true,
  "IsPcfControl": false,
  "IsWidgetTemplate": false,
  "Name": "0f960c2c890542c182bae19b73edbcd4",
  "OverridableProperties": {},
  "TemplateOriginalName": "1583bb87d08f4d07982e558929b61487",
  "Version": "1"
}
`
	if got != want {
		t.Errorf("component state:\n%s\nwant:\n%s", got, want)
	}
	local := sectionJSON(t, secs, "Src/Components/Local%3f.json")
	if v, _ := local.get("ComponentDescription"); v != "Local one" {
		t.Errorf("ComponentDescription = %v", v)
	}
	if _, ok := local.get("ComponentManifest"); ok {
		t.Errorf("manifest without a metadata entry")
	}
	ct := sectionJSON(t, secs, "ControlTemplates.json")
	for _, m := range ct {
		if m.Key == testCompGUID || m.Key == "aaaabbbbccccddddeeeeffff00001111" {
			t.Errorf("component template %s in ControlTemplates.json", m.Key)
		}
	}
}

func TestComponentFilesMalformed(t *testing.T) {
	for _, c := range []struct{ props, meta string }{
		{`{"LibraryDependencies":"not json"}`, `{`},
		{`{"LibraryDependencies":5}`, `{"Components":5}`},
		{`{"LibraryDependencies":"[1,null,{\"OriginalComponentDefinitionTemplateId\":7}]"}`, `{"Components":[1,null,{"TemplateName":3}]}`},
		{`{}`, `[]`},
	} {
		out, err := render(t, makeZip(t, componentFiles(c.props, c.meta)), Options{All: true})
		if err != nil {
			t.Fatal(err)
		}
		secs := splitSections(out)
		for _, name := range []string{"Src/Components/StatusIndicator.fx.yaml", "Src/Components/StatusIndicator.json",
			"Src/EditorState/StatusIndicator.editorstate.json"} {
			if _, ok := secs[name]; !ok {
				t.Errorf("%v: no section %s", c, name)
			}
		}
		if c.meta == `{` {
			if b := secs["ComponentsMetadata.json"]; !strings.Contains(b, "cannot render") {
				t.Errorf("malformed ComponentsMetadata.json not explained: %q", b)
			}
		}
	}
}

// TestComponentFilesCorpus checks that every component of the corpus msapps gets a
// .json next to its .fx.yaml with the definition's template name and a manifest.
func TestComponentFilesCorpus(t *testing.T) {
	dir := corpus.Dir(t, "msapp")
	files, _ := filepath.Glob(filepath.Join(dir, "*.msapp"))
	if len(files) == 0 {
		t.Skip("no msapps")
	}
	total := 0
	for _, f := range files {
		secs := renderSections(t, f, Options{})
		for name := range secs {
			if !strings.HasSuffix(name, ".fx.yaml") || !(strings.HasPrefix(name, "Src/Components/") || strings.HasPrefix(name, "pkgs/Components/")) {
				continue
			}
			total++
			js := strings.TrimSuffix(name, ".fx.yaml") + ".json"
			st := sectionJSON(t, secs, js)
			if v, _ := st.get("IsComponentTemplate"); v != true {
				t.Errorf("%s %s: IsComponentTemplate %v", filepath.Base(f), js, v)
			}
			m, _ := st.get("ComponentManifest")
			mo, _ := m.(object)
			n, _ := st.get("Name")
			gs, _ := mo.get("TemplateGuid")
			g, _ := gs.(string)
			ns, _ := n.(string)
			if g == "" || !strings.EqualFold(g, ns) {
				t.Errorf("%s %s: manifest %v for template %v", filepath.Base(f), js, g, n)
			}
		}
		if _, ok := secs["Other/ComponentsMetadata.json"]; ok {
			t.Errorf("%s: ComponentsMetadata.json shown as Other/", filepath.Base(f))
		}
	}
	if total == 0 {
		t.Errorf("no components in the corpus")
	}
}
