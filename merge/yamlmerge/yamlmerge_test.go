package yamlmerge

import (
	"errors"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// canvasApp is the shape of a git-integration canvasapp.yml (XML turned into YAML).
const canvasApp = `CanvasApp:
  Name: new_app_6938b
  AppVersion: 2026-08-16T05:28:22.0000000Z
  Status: Ready
  MinClientVersion: 3.26074.11.0
  DisplayName: Field Ops
  Description: Track projects.
  CommitMessage: first
  GalleryItemId:
    '@xsi:nil': true
    '@xmlns:xsi': http://www.w3.org/2001/XMLSchema-instance
  ConnectionReferences: '{"a":{"id":"/providers/microsoft.powerapps/apis/shared_sharepointonline"}}'
  DocumentUri: /canvasapps/new_app_6938b/new_app_6938b_DocumentUri.msapp
  AdditionalUris:
    AdditionalUri: /canvasapps/new_app_6938b/new_app_6938b_AdditionalUris0_identity.json
`

var policy = Policy{Name: "Power Apps", LaterKeys: []string{"AppVersion"}, MaxKeys: []string{"MinClientVersion"}, DerivedKeys: []string{"CommitMessage"}}

func edit(s string, pairs ...string) string {
	for i := 0; i < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			panic("edit: no " + pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

func TestSavesOnBothSidesMergeByKey(t *testing.T) {
	ours := edit(canvasApp, "AppVersion: 2026-08-16T05:28:22.0000000Z", "AppVersion: 2026-08-17T09:00:00.0000000Z",
		"CommitMessage: first", "CommitMessage: ours", "DisplayName: Field Ops", "DisplayName: Field Ops 2")
	theirs := edit(canvasApp, "AppVersion: 2026-08-16T05:28:22.0000000Z", "AppVersion: 2026-08-18T10:00:00.0000000Z",
		"CommitMessage: first", "CommitMessage: theirs", "MinClientVersion: 3.26074.11.0", "MinClientVersion: 3.26080.2.0",
		"Description: Track projects.", "Description: Track projects and bids.")
	res, err := Merge([]byte(canvasApp), []byte(ours), []byte(theirs), policy, linemerge.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := edit(canvasApp, "AppVersion: 2026-08-16T05:28:22.0000000Z", "AppVersion: 2026-08-18T10:00:00.0000000Z",
		"CommitMessage: first", "CommitMessage: ours", "DisplayName: Field Ops", "DisplayName: Field Ops 2",
		"MinClientVersion: 3.26074.11.0", "MinClientVersion: 3.26080.2.0", "Description: Track projects.", "Description: Track projects and bids.")
	if string(res.Merged) != want || len(res.Conflicts) != 0 {
		t.Fatalf("merged:\n%s\nconflicts %v\nwant:\n%s", res.Merged, res.Conflicts, want)
	}
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "CanvasApp.CommitMessage") {
		t.Errorf("notes = %q, want one naming CanvasApp.CommitMessage", res.Notes)
	}
}

func TestConnectionChangedOnBothSidesConflicts(t *testing.T) {
	ours := edit(canvasApp, `shared_sharepointonline"}}'`, `shared_sharepointonline"},"b":{"id":"x"}}'`)
	theirs := edit(canvasApp, `shared_sharepointonline"}}'`, `shared_sharepointonline"},"c":{"id":"y"}}'`, "Status: Ready", "Status: Draft")
	res, err := Merge([]byte(canvasApp), []byte(ours), []byte(theirs), policy, linemerge.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Conflicts) != 1 || res.Conflicts[0].Path != "CanvasApp.ConnectionReferences" {
		t.Fatalf("conflicts = %+v, want one at CanvasApp.ConnectionReferences", res.Conflicts)
	}
	lines := strings.Split(string(res.Merged), "\n")
	c := res.Conflicts[0]
	if !strings.HasPrefix(lines[c.StartLine-1], "<<<<<<<") || !strings.HasPrefix(lines[c.EndLine-1], ">>>>>>>") {
		t.Errorf("conflict lines %d-%d are not the markers:\n%s", c.StartLine, c.EndLine, res.Merged)
	}
	if !strings.Contains(string(res.Merged), "Status: Draft") {
		t.Errorf("theirs' other change was lost:\n%s", res.Merged)
	}
}

func TestAddedKeysKeepTheirPlace(t *testing.T) {
	base := "Root:\n  A: 1\n  C: 3\n"
	ours := "Root:\n  A: 1\n  B: 2\n  C: 3\n"
	theirs := "Root:\n  A: 1\n  C: 3\n  D: 4\n"
	res, err := Merge([]byte(base), []byte(ours), []byte(theirs), policy, linemerge.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(res.Merged), "Root:\n  A: 1\n  B: 2\n  C: 3\n  D: 4\n"; got != want {
		t.Errorf("merged %q, want %q", got, want)
	}
}

func TestSequencesMergeByLines(t *testing.T) {
	base := "SolutionComponents:\n  Component:\n  - '@path': /canvasapps/a\n  - '@path': /publishers/p\n"
	ours := "SolutionComponents:\n  Component:\n  - '@path': /canvasapps/a\n  - '@path': /canvasapps/b\n  - '@path': /publishers/p\n"
	theirs := "SolutionComponents:\n  Component:\n  - '@path': /canvasapps/a\n  - '@path': /publishers/p\n  - '@path': /workflows/w\n"
	res, err := Merge([]byte(base), []byte(ours), []byte(theirs), policy, linemerge.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "SolutionComponents:\n  Component:\n  - '@path': /canvasapps/a\n  - '@path': /canvasapps/b\n  - '@path': /publishers/p\n  - '@path': /workflows/w\n"
	if string(res.Merged) != want || len(res.Conflicts) != 0 {
		t.Errorf("merged %q (conflicts %v), want %q", res.Merged, res.Conflicts, want)
	}
}

func TestCRLFAndFinalNewlineKept(t *testing.T) {
	base := "A:\r\n  X: 1\r\n  Y: 1\r\n"
	ours := "A:\r\n  X: 2\r\n  Y: 1\r\n"
	theirs := "A:\r\n  X: 1\r\n  Y: 2\r\n  Z: 3\r\n"
	res, err := Merge([]byte(base), []byte(ours), []byte(theirs), policy, linemerge.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(res.Merged), "A:\r\n  X: 2\r\n  Y: 2\r\n  Z: 3\r\n"; got != want {
		t.Errorf("merged %q, want %q", got, want)
	}
}

func TestUnfollowedYAMLFallsBack(t *testing.T) {
	for _, in := range []string{
		"---\nA: 1\n",
		"A: |\n  text\n",
		"A: &x 1\n",
		"- a\n- b\n",
		"A: 1\nA: 2\n",
		"A: [1,\n  2]\n",
	} {
		_, err := Merge([]byte("A: 0\n"), []byte(in), []byte("A: 3\n"), policy, linemerge.Options{})
		if !errors.Is(err, ErrFallback) {
			t.Errorf("Merge(%q): err = %v, want ErrFallback", in, err)
		}
	}
}

// A line less indented than the mapping above it, at the very end of the file without
// a newline, once read past the end of the line.
func TestShortLastLineUnderDeepMapping(t *testing.T) {
	res, err := Merge([]byte("A:\n    B:\n  x"), []byte("A:\n    B:\n  y"), []byte("A:\n    B:\n  x\nC: 1\n"), policy, linemerge.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(res.Merged), "A:\n    B:\n  y\nC: 1\n"; got != want {
		t.Errorf("merged %q, want %q", got, want)
	}
}
