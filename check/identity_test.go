package check

import (
	"fmt"
	"strings"
	"testing"
)

// identityApp is an app with one screen per control given (Screen1 holds the first,
// Screen2 the second, ...), so that a name may be used twice without a parse error.
func identityApp(t *testing.T, controls ...string) *Report {
	t.Helper()
	files := map[string][]byte{
		"ControlTemplates.json": []byte(`{"label": {"Name": "label", "Version": "2.3.2"}}`),
	}
	var order []string
	for i, c := range controls {
		screen := fmt.Sprintf("Screen%d", i+1)
		order = append(order, `"`+screen+`"`)
		files["Src/"+screen+".fx.yaml"] = []byte(screen + " As screen:\n\n    " + c + " As label:\n        Text: =\"x\"\n")
	}
	files["CanvasManifest.json"] = []byte(`{"ScreenOrder": [` + strings.Join(order, ", ") + `]}`)
	rep, err := CheckFiles(files)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestFindingIdentity(t *testing.T) {
	rep := identityApp(t, "fullname_DataCard1", "fullName_DataCard1")
	if len(rep.Findings) != 1 {
		t.Fatalf("findings = %v, want one case-collision warning", rep.Findings)
	}
	f := rep.Findings[0]
	if f.Severity != Warning || f.Check != CheckCaseCollision {
		t.Errorf("finding = %s, want a case-collision warning", f)
	}
	if got, want := f.ID("src"), "case-collision:src:fullName_DataCard1:fullname_DataCard1"; got != want {
		t.Errorf("ID = %q, want %q", got, want)
	}
	// The same pair met in the other order has the same identity.
	swapped := identityApp(t, "fullName_DataCard1", "fullname_DataCard1")
	if swapped.Findings[0].Key() != f.Key() {
		t.Errorf("keys differ with the order of the controls: %q, %q", swapped.Findings[0].Key(), f.Key())
	}
}

func TestMarkPreExisting(t *testing.T) {
	base := identityApp(t, "Label1", "Label1", "fullname_DataCard1", "fullName_DataCard1")

	// Screens added before move every finding to another file and line: the old
	// findings stay pre-existing.
	moved := identityApp(t, "Spacer1", "Spacer2", "Label1", "Label1", "fullname_DataCard1", "fullName_DataCard1")
	moved.MarkPreExisting(base)
	if moved.PreExisting() != 2 || moved.IntroducedErrors() != 0 {
		t.Errorf("after moving lines: %d pre-existing, %d introduced errors; want 2, 0\n%v", moved.PreExisting(), moved.IntroducedErrors(), moved.Findings)
	}

	// A third Label1 is a second duplicate-name finding: one of the two is introduced.
	more := identityApp(t, "Label1", "Label1", "Label1", "fullname_DataCard1", "fullName_DataCard1")
	more.MarkPreExisting(base)
	if more.PreExisting() != 2 || more.IntroducedErrors() != 1 {
		t.Errorf("third Label1: %d pre-existing, %d introduced errors; want 2, 1\n%v", more.PreExisting(), more.IntroducedErrors(), more.Findings)
	}

	// A new duplicate of another name is introduced.
	other := identityApp(t, "Label1", "Label1", "Button1", "Button1")
	other.MarkPreExisting(base)
	if other.PreExisting() != 1 || other.IntroducedErrors() != 1 {
		t.Errorf("new Button1 duplicate: %d pre-existing, %d introduced errors; want 1, 1\n%v", other.PreExisting(), other.IntroducedErrors(), other.Findings)
	}
	for _, f := range other.Findings {
		if f.PreExisting != (f.Names[0] == "Label1") {
			t.Errorf("%s: PreExisting = %v", f, f.PreExisting)
		}
	}

	// No baseline (the app is new): everything is introduced.
	fresh := identityApp(t, "Label1", "Label1")
	fresh.MarkPreExisting(nil)
	if fresh.PreExisting() != 0 || fresh.IntroducedErrors() != 1 {
		t.Errorf("no baseline: %d pre-existing, %d introduced errors; want 0, 1", fresh.PreExisting(), fresh.IntroducedErrors())
	}
}
