package textconv

import (
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

func TestEditorStateSmall(t *testing.T) {
	screen := `{"TopParent":{"Type":"ControlInfo","Name":"My Screen","ControlUniqueId":"2","Index":0.0,"PublishOrderIndex":0,"Parent":"","VariantName":"",` +
		`"Template":{"Name":"screen","IsComponentDefinition":false},"StyleName":"defaultScreenStyle","IsLocked":false,` +
		`"ControlPropertyState":["Fill",{"InvariantPropertyName":"OnVisible","AutoRuleBindingEnabled":false}],` +
		`"Rules":[{"Property":"Fill","Category":"Design","InvariantScript":"White","RuleProviderType":"Unknown"},{"Property":"OnVisible","InvariantScript":"true","NameMap":"{}","RuleProviderType":"User"}],` +
		`"Children":[` +
		`{"Name":"Gallery1","ControlUniqueId":"3","Template":{"Name":"gallery"},"Parent":"My Screen","Rules":[],"GroupedControlsKey":[],"Children":[` +
		`{"Name":"galleryTemplate1","Template":{"Name":"galleryTemplate"},"Rules":[{"Property":"TemplateFill","InvariantScript":"Red"}],"Children":[]},` +
		`{"Name":"Label1","Template":{"Name":"label"},"HasDynamicProperties":true,"AllowAccessToGlobals":null,"Rules":[],"Children":[],` +
		`"DynamicProperties":[{"PropertyName":"FillPortions","Rule":{"Property":"FillPortions","Category":"Design","InvariantScript":"1"},"ControlPropertyState":"FillPortions"},{"PropertyName":"LayoutX","Rule":null}]}]}]}}`
	files := []zfile{{"Header.json", testHeader}, {"Properties.json", testProps},
		{`Controls\1.json`, testApp}, {`Controls\2.json`, screen}}
	out, err := render(t, makeZip(t, files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "Src/EditorState/") {
		t.Errorf("editor state shown without All:\n%s", out)
	}
	out, err = render(t, makeZip(t, files), Options{All: true})
	if err != nil {
		t.Fatal(err)
	}
	secs := splitSections(out)
	if _, ok := secs["Src/EditorState/App.editorstate.json"]; !ok {
		t.Errorf("no App editor state")
	}
	got := secs["Src/EditorState/My Screen.editorstate.json"]
	want := `{
  "ControlStates": {
    "Gallery1": {
      "GalleryTemplateChildName": "galleryTemplate1",
      "IsComponentDefinition": false,
      "Name": "Gallery1",
      "ParentIndex": 0,
      "Properties": []
    },
    "galleryTemplate1": {
      "IsComponentDefinition": false,
      "Name": "galleryTemplate1",
      "ParentIndex": 0,
      "Properties": [
        {
          "PropertyName": "TemplateFill"
        }
      ]
    },
    "Label1": {
      "DynamicProperties": [
        {
          "ControlPropertyState": "FillPortions",
          "Property": {
            "Category": "Design",
            "PropertyName": "FillPortions"
          },
          "PropertyName": "FillPortions"
        },
        {
          "PropertyName": "LayoutX"
        }
      ],
      "HasDynamicProperties": true,
      "IsComponentDefinition": false,
      "Name": "Label1",
      "ParentIndex": 1,
      "Properties": []
    },
    "My Screen": {
      "ControlPropertyState": [
        "Fill",
        {
          "AutoRuleBindingEnabled": false,
          "InvariantPropertyName": "OnVisible"
        }
      ],
      "IsComponentDefinition": false,
      "IsLocked": false,
      "Name": "My Screen",
      "ParentIndex": 0,
      "Properties": [
        {
          "Category": "Design",
          "PropertyName": "Fill",
          "RuleProviderType": "Unknown"
        },
        {
          "NameMap": "{}",
          "PropertyName": "OnVisible",
          "RuleProviderType": "User"
        }
      ],
      "StyleName": "defaultScreenStyle",
      "Type": "ControlInfo"
    }
  },
  "TopParentName": "My Screen"
}
`
	if got != want {
		t.Errorf("editor state:\n%s\nwant:\n%s", got, want)
	}
	// Before the entropy step, after the other sections.
	if i, j := strings.Index(out, "=== Src/EditorState/"), strings.Index(out, "=== Src/My Screen.fx.yaml"); i < j {
		t.Errorf("editor state before the sources")
	}
}

func TestEditorStateMalformedFields(t *testing.T) {
	// Fields of the wrong shape are kept as stored; nothing panics.
	for _, ctl := range []string{
		`{"Name":"X","Template":null,"Rules":null,"Children":[]}`,
		`{"Name":"X","Template":{"Name":"gallery"},"Rules":[],"DynamicProperties":null,"Children":[]}`,
		`{"Name":"X","Template":{"Name":"gallery","IsComponentDefinition":"yes"},"Rules":[],"Children":[]}`,
	} {
		screen := `{"TopParent":{"Name":"S","Template":{"Name":"screen"},"Rules":[],"Children":[` + ctl + `]}}`
		files := []zfile{{"Header.json", testHeader}, {"Properties.json", testProps}, {`Controls\2.json`, screen}}
		out, err := render(t, makeZip(t, files), Options{All: true})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "=== Src/EditorState/S.editorstate.json ===") && !strings.Contains(out, "=== Controls/2.json ===") {
			t.Errorf("%s: neither an editor state nor a problem:\n%s", ctl, out)
		}
	}
	// Direct calls with shapes the control decoding rejects.
	for _, v := range []any{
		object{{"Name", "A"}, {"Rules", "x"}, {"DynamicProperties", "y"}, {"Children", []any{1, nil, object{{"Name", 5}}}}},
		object{{"Name", "A"}, {"Rules", []any{1, nil, object{{"Property", nil}}}}, {"DynamicProperties", []any{2, object{{"Rule", "r"}}}}},
	} {
		_ = canonicalJSON(editorStateFile(v.(object), "A"))
	}
}

// TestEditorStateCorpus renders every corpus msapp with All and checks that each
// top parent has one editor-state file whose ControlStates name every control.
func TestEditorStateCorpus(t *testing.T) {
	dir := corpus.Dir(t, "")
	files, _ := filepath.Glob(filepath.Join(dir, "msapp", "*.msapp"))
	pairs, _ := filepath.Glob(filepath.Join(dir, "pairs", "*", "app.msapp"))
	files = append(files, pairs...)
	if len(files) == 0 {
		t.Skip("no msapps")
	}
	for _, f := range files {
		a, err := Open(f, DefaultLimits)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		secs := renderSections(t, f, Options{All: true})
		// Files are found by the TopParentName they record: a name that collides
		// (ignoring case) with an earlier one gets a _1 suffix.
		byTop := map[string]string{}
		for name := range secs {
			if strings.HasPrefix(name, "Src/EditorState/") {
				top, _ := sectionJSON(t, secs, name).get("TopParentName")
				if s, ok := top.(string); ok {
					if prev, dup := byTop[s]; dup {
						t.Errorf("%s: %s and %s are both for %s", filepath.Base(f), prev, name, s)
					}
					byTop[s] = name
				}
			}
		}
		r := &renderer{a: a, opts: Options{All: true}, shown: map[*Entry]bool{}}
		for _, dir := range []string{"Controls", "Components", "AppTests"} {
			tops, err := r.readControlsQuiet(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, tp := range tops {
				name, ok := byTop[tp.item.Name]
				if !ok {
					t.Errorf("%s: no editor state for %s", filepath.Base(f), tp.item.Name)
					continue
				}
				if base := strings.TrimSuffix(path.Base(name), ".editorstate.json"); !strings.HasPrefix(base, topParentFileName(tp.item.Name)) {
					t.Errorf("%s: editor state of %s is in %s", filepath.Base(f), tp.item.Name, name)
				}
				st := sectionJSON(t, secs, name)
				cs, _ := st.get("ControlStates")
				states, _ := cs.(object)
				n := 0
				var count func(it *item)
				count = func(it *item) {
					n++
					for _, c := range it.Children {
						count(c)
					}
				}
				count(tp.item)
				if len(states) > n || len(states) == 0 {
					t.Errorf("%s %s: %d states for %d controls", filepath.Base(f), name, len(states), n)
				}
			}
		}
		a.Close()
		if _, ok := secs["ControlTemplates.json"]; !ok {
			t.Errorf("%s: no ControlTemplates.json", filepath.Base(f))
		}
	}
}

// readControlsQuiet decodes the control files of a folder without writing sections.
func (r *renderer) readControlsQuiet(dir string) ([]topParent, error) {
	var out []topParent
	for _, e := range r.a.Under(dir) {
		if !strings.HasSuffix(strings.ToLower(e.Name), ".json") {
			continue
		}
		data, err := r.a.Read(e)
		if err != nil {
			return nil, err
		}
		if it, err := decodeControlFile(data); err == nil {
			out = append(out, topParent{entry: e, item: it})
		}
	}
	return out, nil
}
