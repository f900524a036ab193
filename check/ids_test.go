package check

import (
	"reflect"
	"strings"
	"testing"
)

// componentApp is an app with one screen control and the component files given.
func componentApp(t *testing.T, components map[string]string) *Report {
	t.Helper()
	files := map[string][]byte{
		"CanvasManifest.json":  []byte(`{"ScreenOrder": []}`),
		"Entropy/Entropy.json": []byte("{\n  \"ControlUniqueIds\": {\n    \"App\": 1,\n    \"Label1\": 4,\n    \"cmb_2\": 5,\n    \"rec_2\": 6\n  }\n}\n"),
	}
	for name, body := range components {
		files["Src/Components/"+name] = []byte(body)
	}
	rep, err := CheckFiles(files)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// component is a Src/Components/*.json file whose definition holds controls given as
// name, id pairs (ids as strings, as Studio writes them).
func component(controls ...string) string {
	var b strings.Builder
	b.WriteString("{\n  \"ComponentDefinitionInfo\": {\n    \"Children\": [\n")
	for i := 0; i+1 < len(controls); i += 2 {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(`      {"Children": [], "ControlUniqueId": "` + controls[i+1] + `", "Name": "` + controls[i] + `"}`)
	}
	b.WriteString("\n    ]\n  }\n}\n")
	return b.String()
}

func TestComponentControlUniqueIDs(t *testing.T) {
	// Ids that agree with Entropy.json (the Fluent UI app's shape): nothing to report.
	if rep := componentApp(t, map[string]string{"cmp_Combobox.json": component("cmb_2", "5", "rec_2", "6")}); len(rep.Findings) != 0 {
		t.Errorf("consistent ids: %v", rep.Findings)
	}

	// rec_2 got Label1's id (a merge that renumbered one side into the other's range),
	// and a second component reuses cmb_2's id for another control.
	rep := componentApp(t, map[string]string{
		"cmp_Combobox.json": component("cmb_2", "5", "rec_2", "4"),
		"cmp_Toast.json":    component("lbl_Toast", "5"),
	})
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.String())
	}
	want := []string{
		"Src/Components/cmp_Combobox.json:5: error: component control 'rec_2' has ControlUniqueId \"4\", which 'Label1' already has at Entropy/Entropy.json:4 (pac pack fails: PA3007 duplicate control unique ids); give one of them a fresh id",
		"Src/Components/cmp_Toast.json:4: error: component control 'lbl_Toast' has ControlUniqueId \"5\", which 'cmb_2' already has at Entropy/Entropy.json:5 (pac pack fails: PA3007 duplicate control unique ids); give one of them a fresh id",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if rep.Findings[0].Key() != CheckUniqueID+"\x00Label1\x00rec_2" {
		t.Errorf("identity %q", rep.Findings[0].Key())
	}

	// Two component controls with one id that Entropy.json does not list yet.
	rep = componentApp(t, map[string]string{
		"cmp_A.json": component("btnA", "9"),
		"cmp_B.json": component("btnB", "9"),
	})
	if len(rep.Findings) != 1 || rep.Findings[0].File != "Src/Components/cmp_B.json" || !strings.Contains(rep.Findings[0].Message(), "'btnA' already has at Src/Components/cmp_A.json:4") {
		t.Errorf("findings = %v, want one on cmp_B.json naming btnA", rep.Findings)
	}
}
