package textconv

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

func TestG17(t *testing.T) {
	for in, want := range map[float64]string{
		0:             "0",
		3:             "3",
		0.1588041:     "0.1588041",
		2.11019:       "2.1101899999999998",
		0.2370868:     "0.23708679999999999",
		-1.5:          "-1.5",
		1e16:          "10000000000000000",
		1e17:          "1E+17",
		0.0001:        "0.0001",
		0.00001:       "1.0000000000000001E-05",
		123456789.125: "123456789.125",
	} {
		if got := g17(in).String(); got != want {
			t.Errorf("g17(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestParseGUID(t *testing.T) {
	for in, want := range map[string]string{
		"fefc30a8-7d6d-4462-be70-a221f3df5ed4":   "fefc30a8-7d6d-4462-be70-a221f3df5ed4",
		"FEFC30A8-7D6D-4462-BE70-A221F3DF5ED4":   "fefc30a8-7d6d-4462-be70-a221f3df5ed4",
		"{fefc30a8-7d6d-4462-be70-a221f3df5ed4}": "fefc30a8-7d6d-4462-be70-a221f3df5ed4",
		"fefc30a8-7d6d-4462-be70-a221f3df5ed":    "",
		"fefc30a8x7d6d-4462-be70-a221f3df5ed4":   "",
		"gefc30a8-7d6d-4462-be70-a221f3df5ed4":   "",
		"":                                       "",
	} {
		got, ok := parseGUID(in)
		if got != want || ok != (want != "") {
			t.Errorf("parseGUID(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// entropyApp is a small msapp touching every Entropy.json field this package writes.
func entropyApp() []zfile {
	props := `{"AnalysisLoadTime":0.2370868,"DeserializationLoadTime":2.11019,"ErrorCount":1,"ControlCount":{"label":2,"screen":1},` +
		`"LocalConnectionReferences":"{\"c1\":{\"id\":\"c1\",\"connectionInstanceId\":\"/providers/x/connections/abc\",\"dataSources\":[]},\"c2\":{\"id\":\"c2\"}}",` +
		`"LocalDatabaseReferences":"","DocumentAppType":"Phone","Name":"e.msapp"}`
	screen := `{"TopParent":{"Name":"Screen1","ControlUniqueId":"2","Index":1.0,"PublishOrderIndex":0,"Template":{"Name":"screen"},"Rules":[],"Children":[` +
		`{"Name":"Label1","ControlUniqueId":"3","Index":0,"PublishOrderIndex":2,"Template":{"Name":"label"},"Rules":[],"Children":[]},` +
		`{"Name":"Label2","ControlUniqueId":"4","PublishOrderIndex":1.5,"Template":{"Name":"label"},"Rules":[],"Children":[]},` +
		`{"Name":"Group1","ControlUniqueId":"5","PublishOrderIndex":3,"Template":{"Name":"group"},"GroupedControlsKey":["Label2","Label1"],"IsGroupControl":true,"Rules":[],"Children":[]},` +
		`{"Name":"Comp1_1","ControlUniqueId":"7","Index":2,"PublishOrderIndex":4,"Template":{"Name":"aaaa","Version":"1"},"Rules":[],"Children":[]}]}}`
	comp := `{"TopParent":{"Name":"Comp1","ControlUniqueId":"6","Index":2,"PublishOrderIndex":0,` +
		`"Template":{"Name":"aaaa","Version":"1","Id":"http://microsoft.com/appmagic/Component","IsComponentDefinition":true,` +
		`"CustomProperties":[{"Name":"Fn","PropertyScopeKey":{"PropertyScopeRulesKey":[` +
		`{"Name":"Fn_x","ScopeVariableInfo":{"DefaultRule":"\"Text\""}},{"Name":"Fn_y","ScopeVariableInfo":{"DefaultRule":"1"}}]}}]},` +
		`"Rules":[{"Property":"Fn_x","InvariantScript":"\"Other\""},{"Property":"Fn_y","InvariantScript":"1"}],"Children":[]}}`
	return []zfile{
		{"Header.json", testHeader},
		{"Properties.json", props},
		{`Resources\PublishInfo.json`, `{"AppName":"e","LogoFileName":"abcd1234.jpg"}`},
		{`Controls\1.json`, testApp},
		{`Controls\2.json`, screen},
		{`Components\6.json`, comp},
		{`References\Templates.json`, `{"UsedTemplates":[{"Name":"label","Version":"2.3.0","Template":"<widget/>"},{"Name":"button"}],` +
			`"ComponentTemplates":[{"Name":"aaaa","Version":"2"}]}`},
		{"ComponentsMetadata.json", `{"Components":[{"Name":"Comp1","TemplateName":"aaaa"}]}`},
		{`References\DataSources.json`, `{"DataSources":[{"Name":"B"},{"Name":"opt","RelatedEntityName":"B"},{"Name":"A"}]}`},
		{`References\Resources.json`, `{"Resources":[` +
			`{"Name":"SampleImage","Content":"Image","ResourceKind":"Uri","RootPath":"ms-appx:///x.svg","FileName":"/x.svg"},` +
			`{"Name":"pic","Content":"Image","ResourceKind":"LocalFile","FileName":"0001.png","RootPath":"https://blob/0001.png"},` +
			`{"Name":"snd","Content":"Audio","ResourceKind":"LocalFile","FileName":"0002.mp3"}]}`},
		{"checksum.json", `{"ServerStampedChecksum":"C8_x"}`},
	}
}

const wantEntropy = `{
  "ComponentIndexes": {
    "Comp1": 2,
    "Comp1_1": 2
  },
  "ControlUniqueIds": {
    "App": 1,
    "Comp1": 6,
    "Comp1_1": 7,
    "Group1": 5,
    "Label1": 3,
    "Label2": 4,
    "Screen1": 2
  },
  "FunctionParamsInvariantScripts": {
    "Comp1.Fn_x": [
      "\"Text\"",
      "\"Other\""
    ]
  },
  "HeaderLastSavedDateTimeUTC": "06/29/2020 18:36:48",
  "LocalConnectionIDReferences": {
    "c1": "\"/providers/x/connections/abc\""
  },
  "LocalDatabaseReferencesAsEmpty": true,
  "LocalResourceFileNames": {
    "pic": "0001.png",
    "snd": "0002.mp3"
  },
  "LocalResourceRootPaths": {
    "pic": "https://blob/0001.png"
  },
  "OldLogoFileName": "abcd1234.jpg",
  "OrderComponentMetadata": {
    "aaaa": 0
  },
  "OrderComponentTemplate": {
    "aaaa": 0
  },
  "OrderDataSource": {
    "A": 2,
    "B": 0,
    "B\\opt": 1
  },
  "OrderGroupControls": {
    "Group1": {
      "Label1": 1,
      "Label2": 0
    }
  },
  "OrderTemplate": {},
  "OrderXMLTemplate": {
    "button": 1,
    "label": 0
  },
  "PublishOrderIndices": {
    "App": 0,
    "Comp1": 0,
    "Comp1_1": 4,
    "Group1": 3,
    "Label1": 2,
    "Label2": 1.5,
    "Screen1": 0
  },
  "ResourcesJsonIndices": {
    "Audio-snd": 2,
    "Image-pic": 1,
    "Image-SampleImage": 0
  },
  "TemplateVersions": {
    "aaaa": "2"
  },
  "VolatileProperties": {
    "AnalysisLoadTime": 0.23708679999999999,
    "ControlCount": {
      "label": 2,
      "screen": 1
    },
    "DeserializationLoadTime": 2.1101899999999998,
    "ErrorCount": 1
  }
}
`

func TestEntropyJSON(t *testing.T) {
	files := entropyApp()
	out, err := render(t, makeZip(t, files), Options{All: true})
	if err != nil {
		t.Fatal(err)
	}
	s := splitSections(out)
	if got := s["Entropy/Entropy.json"]; got != wantEntropy {
		t.Errorf("Entropy.json:\n%s\nwant:\n%s", got, wantEntropy)
	}
	man := s["CanvasManifest.json"]
	for _, bad := range []string{"LastSavedDateTimeUTC", "AnalysisLoadTime", "ControlCount", "ErrorCount", "LocalDatabaseReferences", "DeserializationLoadTime"} {
		if strings.Contains(man, bad) {
			t.Errorf("CanvasManifest.json has %s with --all:\n%s", bad, man)
		}
	}
	if c := s["Connections/Connections.json"]; c == "" || strings.Contains(c, "connectionInstanceId") {
		t.Errorf("Connections.json with --all:\n%s", c)
	}
	if !strings.Contains(s["Entropy/checksum.json"], `"ServerStampedChecksum": "C8_x"`) {
		t.Errorf("checksum.json:\n%s", s["Entropy/checksum.json"])
	}
	// Without --all there is no Entropy, and the other files are the same.
	plain, err := render(t, makeZip(t, files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := splitSections(plain)
	for k := range p {
		if strings.HasPrefix(k, "Entropy/") {
			t.Errorf("%s shown without --all", k)
		}
	}
	for _, k := range []string{"CanvasManifest.json", "Connections/Connections.json"} {
		if p[k] != s[k] {
			t.Errorf("%s differs between default and --all", k)
		}
	}
}

// TestEntropyMalformed feeds values of the wrong kind everywhere: nothing panics and
// the well-formed parts are still recorded.
func TestEntropyMalformed(t *testing.T) {
	screen := `{"TopParent":{"Name":"Screen1","ControlUniqueId":{"x":1},"Index":"1","PublishOrderIndex":"a","Template":{"Name":"screen"},"Rules":[],"Children":[` +
		`{"Name":"Label1","ControlUniqueId":"99999999999","Template":{"Name":"label"},"Rules":[],"Children":[]},` +
		`{"Name":"Label2","ControlUniqueId":7,"GroupedControlsKey":["Label1"],"Template":{"Name":"label"},"Rules":[],"Children":[]}]}}`
	comp := `{"TopParent":{"Name":"Comp1","ControlUniqueId":"6","Template":{"Name":"bbbb","IsComponentDefinition":true,` +
		`"CustomProperties":[{"Name":"Fn","PropertyScopeKey":{"PropertyScopeRulesKey":[{"Name":"Fn_x","ScopeVariableInfo":{}}]}}]},"Rules":[],"Children":[]}}`
	files := []zfile{
		{"Header.json", `{"LastSavedDateTimeUTC":5}`},
		{"Properties.json", `{"LocalConnectionReferences":"not json","LocalDatabaseReferences":"{}","ControlCount":[1,2]}`},
		{`Resources\PublishInfo.json`, `{"LogoFileName":7}`},
		{`Controls\1.json`, testApp},
		{`Controls\2.json`, screen},
		{`Components\6.json`, comp},
		{`References\Templates.json`, `{"UsedTemplates":{"Name":"x"},"ComponentTemplates":[1,{"Name":3}]}`},
		{"ComponentsMetadata.json", `[]`},
		{`References\DataSources.json`, `{"DataSources":[null,{"Name":1},{"Name":"A","RelatedEntityName":5}]}`},
		{`References\Resources.json`, `{"Resources":[null,{"Content":"Image"},{"Name":"n","Content":1,"ResourceKind":"LocalFile","FileName":2}]}`},
	}
	out, err := render(t, makeZip(t, files), Options{All: true})
	if err != nil {
		t.Fatal(err)
	}
	e := splitSections(out)["Entropy/Entropy.json"]
	for _, want := range []string{
		`"Label2": 7`, `"App": 1`, "\"Label2\": {\n      \"Label1\": 0", `"A": 2`, `"-n": 2`, `"LocalDatabaseReferencesAsEmpty": false`,
		`"ControlCount": [`, `"LocalResourceFileNames": {}`,
	} {
		if !strings.Contains(e, want) {
			t.Errorf("Entropy.json lacks %s:\n%s", want, e)
		}
	}
	for _, bad := range []string{"HeaderLastSavedDateTimeUTC", "OldLogoFileName", "FunctionParamsInvariantScripts", "LocalConnectionIDReferences", `"Screen1": `} {
		if bad == `"Screen1": ` {
			// Screen1 has no usable id but is still in PublishOrderIndices (as 0).
			if strings.Count(e, bad) != 1 {
				t.Errorf("Screen1 should appear once (PublishOrderIndices):\n%s", e)
			}
			continue
		}
		if strings.Contains(e, bad) {
			t.Errorf("Entropy.json has %s:\n%s", bad, e)
		}
	}
}

// TestEntropyWalkHostile walks control objects the control decoder would reject.
func TestEntropyWalkHostile(t *testing.T) {
	v, err := parseJSON([]byte(`{"Name":"S","ControlUniqueId":{"x":1},"Index":"1","PublishOrderIndex":"a","Template":"screen",` +
		`"Children":[1,null,{"Name":"L","ControlUniqueId":"12","Index":3,"GroupedControlsKey":[1,"A",null,"A"],"Template":{"Name":5},"Children":{}},` +
		`{"Name":7},{"Name":"G","GroupedControlsKey":"x","ControlUniqueId":true}]}`))
	if err != nil {
		t.Fatal(err)
	}
	c := &entropyControls{ids: object{}, guids: object{}, publish: object{}, indexes: object{}, groups: object{},
		seen: map[string]bool{}, versions: map[string]string{}, fnParams: object{}}
	c.walk(v.(object), 0)
	c.functionParams(v.(object))
	got := string(canonicalJSON(object{{"i", c.ids}, {"p", c.publish}, {"x", c.indexes}, {"g", c.groups}}))
	want := `{
  "g": {
    "L": {
      "A": 1
    }
  },
  "i": {
    "L": 12
  },
  "p": {
    "G": 0,
    "L": 0,
    "S": 0
  },
  "x": {
    "L": 3
  }
}`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// Deep nesting stops at maxEntropyDepth without overflowing the stack.
	deep := strings.Repeat(`{"Name":"n","Children":[`, 1000) + strings.Repeat(`]}`, 1000)
	if v, err := parseJSONString(deep); err == nil {
		c.walk(v.(object), 0)
	}
}

// TestEntropyCorpus checks against pac's own output: US-Map was unpacked by pac 0.24,
// so its Entropy.json and CanvasManifest.json must match exactly; every corpus msapp
// must render with --all.
func TestEntropyCorpus(t *testing.T) {
	dir := corpus.Dir(t, "")
	usmap := filepath.Join(dir, "pairs", "US-Map")
	if _, err := os.Stat(filepath.Join(usmap, "app.msapp")); err == nil {
		got := renderSections(t, filepath.Join(usmap, "app.msapp"), Options{All: true})
		for _, f := range []string{"Entropy/Entropy.json", "CanvasManifest.json", "Connections/Connections.json"} {
			want, err := os.ReadFile(filepath.Join(usmap, "src", filepath.FromSlash(f)))
			if err != nil {
				t.Fatal(err)
			}
			if normalize(got[f]) != normalize(string(want)) {
				t.Errorf("US-Map %s: %s", f, firstDiff(normalize(got[f]), normalize(string(want))))
			}
		}
	}
	apps, _ := filepath.Glob(filepath.Join(dir, "msapp", "*.msapp"))
	for _, app := range apps {
		s := renderSections(t, app, Options{All: true})
		if !strings.HasPrefix(s["Entropy/Entropy.json"], "{\n") {
			t.Errorf("%s: no Entropy.json", filepath.Base(app))
		}
	}
}
