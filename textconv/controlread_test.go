package textconv

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

// fullControlFile is the reading parseControlFile replaces: the whole file parsed,
// then converted.
func fullControlFile(data []byte) (*item, object, error) {
	v, err := parseJSON(data)
	if err != nil {
		return nil, nil, err
	}
	return controlFromJSON(v)
}

// sameDecoding fails the test unless readControlFile gives what the whole reading
// gives: the same error, or the same item, templates and top template.
func sameDecoding(t *testing.T, what string, data []byte) {
	t.Helper()
	wantIt, wantTop, wantErr := fullControlFile(data)
	for _, share := range []bool{true, false} {
		it, top, err := readControlFile(append([]byte(nil), data...), share)
		if fmt.Sprint(err) != fmt.Sprint(wantErr) {
			t.Errorf("%s (share %v): error %v, the whole reading's %v", what, share, err, wantErr)
			continue
		}
		if err != nil {
			continue
		}
		if !reflect.DeepEqual(it, wantIt) {
			t.Errorf("%s (share %v): item %+v, the whole reading's %+v", what, share, it, wantIt)
		}
		got, want := collectTemplates(top), collectTemplates(wantTop)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s (share %v): templates %+v, the whole reading's %+v", what, share, got, want)
		}
		gt, _ := ctField(top, "Template")
		wt, _ := ctField(wantTop, "Template")
		if !reflect.DeepEqual(gt, wt) {
			t.Errorf("%s (share %v): top template %+v, the whole reading's %+v", what, share, gt, wt)
		}
	}
}

// TestReadControlFileAgrees: the trimmed reading decodes every control file of the
// corpus, and hand-made files with duplicate and oddly cased keys, keys that are not
// ASCII, values of the wrong type and damage in the members it passes over, to the
// same item and templates as the whole reading, or fails with the same error.
func TestReadControlFileAgrees(t *testing.T) {
	for _, c := range []string{
		`{"TopParent":{"Name":"S","Template":{"Name":"screen","Extra":[1,{"a":"b"}]},"ControlPropertyState":[{"x":1}],
			"Rules":[{"Property":"Fill","Category":"Design","InvariantScript":"Red","RuleProviderType":"Unknown"}],
			"Children":[{"Name":"L","Template":{"Name":"label"},"Parent":"S","Rules":[]}]}}`,
		`{"Other":[1,2],"topparent":{"NAME":"S","name":"T","TEMPLATE":{"Name":"a"},"template":null,"Children":[],"children":[{"Name":"C","Template":{"Name":"hostControl"}}]}}`,
		`{"TopParent":{"Name":"S","Rules":[null,{"property":"X","INVARIANTSCRIPT":"1","Property":"Y"}],"DynamicProperties":[{"PropertyName":"P","Rule":{"Property":"P","InvariantScript":"2","Category":"x"}}]}}`,
		"\ufeff" + `{"TopParent":{"Name":"S","Chİldren":[{"Name":"K"}],"Nåme":"x","Rules":[{"Prоperty":"Cyrillic o","Property":"P"}]}}`,
		`{"TopParent":{"Name":"S","Index":1.50,"ControlUniqueId":"7","IsGroupControl":true,"GroupedControlsKey":["a"],"VariantName":"v","StyleName":"s"}}`,
		`{"TopParent":{"Name":"S"},"TopParent":{"Name":"T","Children":[{"Name":"U","Children":[{"Name":"V","Template":{"Name":"x"}}]}]}}`,
		// Not decodable: the same error as the whole reading's.
		`{"TopParent":{"Name":"S","ControlPropertyState":"bad \q escape"}}`,
		`{"TopParent":{"Name":"S","Rules":[{"Property":"X","Category":"\u12G4"}]}}`,
		`{"TopParent":{"Name":1,"Parent":"unterminated}}`,
		`{"TopParent":{"Name":"S","Rules":[{"Property":1}],"Skipped":[1,}}`,
		`{"TopParent":{"Name":"S","Rules":{"Property":"X"}}}`,
		`{"TopParent":{"Name":"S","Children":[1]}}`,
		`{"TopParent":{"Name":"S","Children":[null]}}`,
		`{"TopParent":{"Name":"","Parent":[]}}`,
		`{"TopParent":null}`, `[]`, `{}`, `{"TopParent":{"Name":"S"}} x`,
		`{"TopParent":{"Name":"S","Parent":` + strings.Repeat("[", 600) + strings.Repeat("]", 600) + `}}`,
	} {
		sameDecoding(t, c, []byte(c))
	}
	dir := corpus.Dir(t, "msapp")
	files, _ := filepath.Glob(filepath.Join(dir, "*.msapp"))
	n := 0
	for _, f := range files {
		a, err := Open(f, DefaultLimits)
		if err != nil {
			continue
		}
		for _, folder := range []string{"Controls", "Components", "AppTests"} {
			for _, e := range a.Under(folder) {
				data, err := a.Read(e)
				if err != nil {
					break
				}
				sameDecoding(t, filepath.Base(f)+" "+e.Name, data)
				n++
			}
		}
		a.Close()
	}
	t.Logf("%d corpus control files", n)
}

// TestParseControlFileLeavesOut: the members no reader looks at are not built.
func TestParseControlFileLeavesOut(t *testing.T) {
	v, err := parseControlFile([]byte(`{"Type":"x","TopParent":{"Name":"S","Parent":"","ControlPropertyState":[{"a":1}],
		"Template":{"Name":"screen","Version":"1.0"},
		"Rules":[{"Property":"Fill","Category":"Design","InvariantScript":"Red","RuleProviderType":"Unknown"}],
		"Children":[{"Name":"L","IsLocked":false}]}}`), true)
	if err != nil {
		t.Fatal(err)
	}
	got := string(canonicalJSON(v))
	want := `{
  "TopParent": {
    "Children": [
      {
        "Name": "L"
      }
    ],
    "Name": "S",
    "Rules": [
      {
        "InvariantScript": "Red",
        "Property": "Fill"
      }
    ],
    "Template": {
      "Name": "screen",
      "Version": "1.0"
    }
  }
}`
	if got != want {
		t.Errorf("trimmed model:\n%s\nwant:\n%s", got, want)
	}
}
