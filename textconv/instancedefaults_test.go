package textconv

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

// instanceApp is an app with one component definition whose custom property Items is
// defItems, and one instance of it on Screen1 whose Items is instItems.
func instanceApp(t *testing.T, defItems, instItems string) []byte {
	t.Helper()
	q := func(s string) string {
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	def := `{"TopParent":{"Name":"Menu","ControlUniqueId":"10","Template":{"Name":"` + testCompGUID + `","Id":"http://microsoft.com/appmagic/Component","Version":"1","IsComponentDefinition":true,` +
		`"CustomProperties":[{"Name":"Items"}],"ComponentType":"CanvasComponent"},"Rules":[{"Property":"Items","InvariantScript":` + q(defItems) + `}],"Children":[]}}`
	screen := `{"TopParent":{"Name":"Screen1","ControlUniqueId":"2","Index":0.0,"Template":{"Name":"screen"},"Rules":[],"Children":[` +
		`{"Name":"Menu_1","ControlUniqueId":"3","Template":{"Name":"` + testCompGUID + `","Id":"http://microsoft.com/appmagic/Component"},` +
		`"Rules":[{"Property":"Items","InvariantScript":` + q(instItems) + `},{"Property":"ZIndex","InvariantScript":"1"}],"Children":[]}]}}`
	return makeZip(t, []zfile{{"Header.json", testHeader}, {"Properties.json", testProps},
		{`Controls\1.json`, testApp}, {`Controls\2.json`, screen}, {`Components\3.json`, def}})
}

// TestInstanceDropsDefinitionValue: an instance's custom-property value equal to the
// definition's is a default and is not shown (as pac drops it), also when it spans
// lines with CRLF breaks, as Studio stores them; a different value is shown.
func TestInstanceDropsDefinitionValue(t *testing.T) {
	const crlf = "Table(\r\n    {Value: \"Home\"},\r\n    {Value: \"Orders\"}\r\n)"
	for _, c := range []struct {
		name, def, inst string
		shown           bool
	}{
		{"one line, equal", `Table({Value: "Home"})`, `Table({Value: "Home"})`, false},
		{"CRLF, equal", crlf, crlf, false},
		{"CR only, equal", strings.ReplaceAll(crlf, "\r\n", "\r"), strings.ReplaceAll(crlf, "\r\n", "\r"), false},
		{"CRLF, one word differs", crlf, strings.Replace(crlf, "Orders", "Invoices", 1), true},
		{"one line, differs", `Table({Value: "Home"})`, `Table({Value: "Start"})`, true},
	} {
		out, err := render(t, instanceApp(t, c.def, c.inst), Options{})
		if err != nil {
			t.Fatal(err)
		}
		scr := splitSections(out)["Src/Screen1.fx.yaml"]
		if !strings.Contains(scr, "Menu_1 As Menu:") {
			t.Fatalf("%s: no instance in\n%s", c.name, scr)
		}
		if got := strings.Contains(scr, "Items:"); got != c.shown {
			t.Errorf("%s: Items shown %v, want %v:\n%s", c.name, got, c.shown, scr)
		}
	}
}

// TestInstanceDropsDefinitionValueCorpus uses ComponentTest.msapp, whose
// HamburgerMenu_Reports instance has the multi-line CRLF Items value of its
// HamburgerMenu definition: it is not shown, and a copy in which the definition's
// value differs in one word shows it.
func TestInstanceDropsDefinitionValueCorpus(t *testing.T) {
	file := filepath.Join(corpus.Dir(t, "msapp"), "ComponentTest.msapp")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Skip("ComponentTest.msapp not in the corpus")
	}
	a, err := NewArchive(strings.NewReader(string(data)), int64(len(data)), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	// The definition's Items as stored: multi-line, CRLF line breaks.
	const stored = `"InvariantScript": "Table(\r\n    {\r\n        Value:\"Home\"`
	var files []zfile
	edited := false
	for _, e := range a.Entries {
		b, err := a.Read(e)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		if strings.HasPrefix(e.Name, "Components/") && strings.Contains(s, `"Name": "HamburgerMenu"`) {
			if strings.Count(s, stored) != 1 {
				t.Fatalf("%s: the HamburgerMenu definition's Items is not the one this test edits", e.Name)
			}
			s = strings.Replace(s, stored, strings.Replace(stored, "Home", "Start", 1), 1)
			edited = true
		}
		files = append(files, zfile{strings.ReplaceAll(e.Name, "/", `\`), s})
	}
	if !edited {
		t.Fatal("no HamburgerMenu definition in ComponentTest.msapp")
	}
	instance := func(out string) string {
		for name, body := range splitSections(out) {
			if i := strings.Index(body, "    HamburgerMenu_Reports As HamburgerMenu:\n"); i >= 0 && strings.HasPrefix(name, "Src/") {
				blk := body[i:]
				if j := strings.Index(blk, "\n\n"); j >= 0 {
					blk = blk[:j]
				}
				return blk
			}
		}
		t.Fatal("no HamburgerMenu_Reports instance")
		return ""
	}
	var out strings.Builder
	if err := Render(&out, a, Options{}); err != nil {
		t.Fatal(err)
	}
	if blk := instance(out.String()); strings.Contains(blk, "Items:") {
		t.Errorf("the instance's Items equals the definition's and is shown:\n%s", blk)
	}
	got, err := render(t, makeZip(t, files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if blk := instance(got); !strings.Contains(blk, "Items: |-\n            =Table(\n                {\n                    Value:\"Home\"") {
		t.Errorf("the instance's Items differs from the edited definition's and is not shown:\n%s", blk)
	}
}
