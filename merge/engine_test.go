package merge

import (
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/merge/linemerge"
)

func lines(ls ...string) []byte { return []byte(strings.Join(ls, "\n") + "\n") }

func TestFileStrategies(t *testing.T) {
	base := lines("{", `  "A": 1,`, `  "B": 2,`, `  "C": 3`, "}")
	ours := lines("{", `  "A": 10,`, `  "B": 2,`, `  "C": 3`, "}")
	theirs := lines("{", `  "A": 20,`, `  "B": 2,`, `  "C": 30`, "}")
	oursKept := lines("{", `  "A": 10,`, `  "B": 2,`, `  "C": 30`, "}")

	cases := []struct {
		path     string
		status   Status
		merged   []byte // nil: only check status
		messages []string
	}{
		{"app/Entropy/checksum.json", Clean, theirs, []string{"app/Entropy/checksum.json: took theirs whole"}},
		{"app/Entropy/Entropy.json", Clean, oursKept, []string{"app/Entropy/Entropy.json: dropped theirs, kept ours for 1 value(s) changed on both sides ($.A at line 2)"}},
		{"app/Src/EditorState/S.editorstate.json", Clean, oursKept, []string{"dropped theirs, kept ours"}},
		{"app/Entropy/AppCheckerResult.sarif", Clean, oursKept, []string{"dropped theirs, kept ours"}},
		{"app/DataSources/X.json", Refused, nil, []string{"app/DataSources/X.json:2-6: refused in $.A: a data source"}},
		{"app/Connections/Connections.json", Refused, nil, []string{"refused in $.A: a connection"}},
		{"app/pkgs/TableDefinitions/X.json", Refused, nil, []string{"refused in $.A: downloaded templates"}},
		{"app/CanvasManifest.json", Refused, nil, []string{"refused in $.A: the app manifest"}},
		{"app/ControlTemplates.json", Conflicted, nil, []string{"app/ControlTemplates.json:2-6: conflict in $.A: changed on both sides"}},
		{"app/notes.txt", Conflicted, nil, nil}, // line merge: git itself names the file
	}
	for _, c := range cases {
		out := File(Input{Path: c.path, Base: base, Ours: ours, Theirs: theirs, Options: linemerge.Options{OursLabel: "ours", TheirsLabel: "theirs"}})
		if out.Status != c.status {
			t.Errorf("%s: status %s, want %s", c.path, out.Status, c.status)
		}
		if c.merged != nil && string(out.Merged) != string(c.merged) {
			t.Errorf("%s: merged\n%s\nwant\n%s", c.path, out.Merged, c.merged)
		}
		if c.status != Clean && !strings.Contains(string(out.Merged), "<<<<<<< ours\n") {
			t.Errorf("%s: %s without conflict markers:\n%s", c.path, c.status, out.Merged)
		}
		if len(out.Messages) != len(c.messages) {
			t.Errorf("%s: messages %q, want %d", c.path, out.Messages, len(c.messages))
			continue
		}
		for i, m := range c.messages {
			if !strings.Contains(out.Messages[i], m) {
				t.Errorf("%s: message %q does not contain %q", c.path, out.Messages[i], m)
			}
		}
	}
}

func TestChecksumTakeOursSetting(t *testing.T) {
	out := File(Input{Path: "Entropy/checksum.json", Base: lines("b"), Ours: lines("o"), Theirs: lines("t"),
		Settings: Settings{Checksum: TakeOurs}})
	if out.Status != Clean || string(out.Merged) != "o\n" || out.Strategy != TakeOurs {
		t.Fatalf("got %s %q %s", out.Status, out.Merged, out.Strategy)
	}
}

// When the structural JSON merge cannot run (a side does not parse), the line merge
// keeps ours part by part; if that breaks JSON, ours is kept whole instead.
func TestNeverBlockKeepsJSONValid(t *testing.T) {
	// theirs wraps the object (first and last line); ours appends a key at the end. The
	// first line merges cleanly to theirs, the end conflicts and keeps ours: unbalanced.
	base := lines("{", `  "a": 1,`, `  "b": 2,`, `  "c": 3`, "}")
	ours := lines("{", `  "a": 1,`, `  "b": 2,`, `  "c": 3,`, `  "d": 4`, "}")
	theirs := lines(`{"w": {`, `  "a": 1,`, `  "b": 2,`, `  "c": 3`, "}}", "trailing garbage")
	out := File(Input{Path: "Entropy/Entropy.json", Base: base, Ours: ours, Theirs: theirs})
	if out.Status != Clean {
		t.Fatalf("status %s", out.Status)
	}
	if string(out.Merged) != string(ours) {
		t.Fatalf("merged %q, want ours whole", out.Merged)
	}
	if len(out.Messages) != 2 || !strings.Contains(out.Messages[0], "used the line merge") || !strings.Contains(out.Messages[1], "kept ours whole") {
		t.Fatalf("messages %q", out.Messages)
	}
}

// Inputs holding conflict markers (rerere replay, virtual bases) get the plain line
// merge whatever the rule says.
func TestMarkersInInputFallBackToLineMerge(t *testing.T) {
	base := lines("a", "<<<<<<< ours", "x", "=======", "y", ">>>>>>> theirs", "c", "d")
	ours := lines("a", "<<<<<<< ours", "x", "=======", "y", ">>>>>>> theirs", "c", "d2")
	theirs := lines("a", "resolved", "c", "d")
	want := lines("a", "resolved", "c", "d2")
	out := File(Input{Path: "app/Entropy/checksum.json", Base: base, Ours: ours, Theirs: theirs})
	if out.Strategy != LineMerge || out.Status != Clean || string(out.Merged) != string(want) {
		t.Fatalf("got %s %s %q", out.Strategy, out.Status, out.Merged)
	}
	if len(out.Messages) != 1 || !strings.Contains(out.Messages[0], "already contains conflict markers") {
		t.Fatalf("messages %q", out.Messages)
	}
}

func TestBinary(t *testing.T) {
	bin := func(s string) []byte { return []byte("x\x00" + s) }
	for _, c := range []struct {
		base, ours, theirs []byte
		want               []byte
		status             Status
	}{
		{bin("b"), bin("b"), bin("t"), bin("t"), Clean},
		{bin("b"), bin("o"), bin("b"), bin("o"), Clean},
		{bin("b"), bin("o"), bin("t"), bin("o"), Conflicted},
		{bin("b"), bin("o"), bin("o"), bin("o"), Clean},
	} {
		out := File(Input{Path: "app/DataSources/x.bin", Base: c.base, Ours: c.ours, Theirs: c.theirs})
		if out.Status != c.status || string(out.Merged) != string(c.want) {
			t.Errorf("base %q ours %q theirs %q: got %s %q", c.base, c.ours, c.theirs, out.Status, out.Merged)
		}
	}
}

// A file only one side changed comes out byte-identical to that side, for every rule.
func TestOneSidedChangeIsByteIdentical(t *testing.T) {
	base := []byte("\xef\xbb\xbf{\r\n  \"A\": 1\r\n}")
	changed := []byte("\xef\xbb\xbf{\r\n  \"A\": 2\r\n}")
	for _, r := range AllRules() {
		p := samplePath(r)
		for _, c := range []struct{ ours, theirs []byte }{{base, changed}, {changed, base}} {
			out := File(Input{Path: p, Base: base, Ours: c.ours, Theirs: c.theirs})
			if out.Status != Clean || string(out.Merged) != string(changed) {
				t.Errorf("%s (%s): got %s %q, want %q", p, r.Strategy, out.Status, out.Merged, changed)
			}
		}
	}
}

func samplePath(r Rule) string {
	switch r.Kind {
	case KindFxYaml:
		return "Src/A.fx.yaml"
	case KindPaYaml:
		return "Src/A.pa.yaml"
	case KindEditorState:
		return "Src/EditorState/A.editorstate.json"
	case KindEntropy:
		return "Entropy/Entropy.json"
	case KindAppChecker:
		return "Entropy/AppCheckerResult.sarif"
	case KindChecksum:
		return "Entropy/checksum.json"
	case KindManifest:
		return "CanvasManifest.json"
	case KindConnections:
		return "Connections/Connections.json"
	case KindDataSources:
		return "DataSources/A.json"
	case KindPkgs:
		return "pkgs/A.json"
	case KindControls:
		return "canvasapps/a/a_DocumentUri/Controls/4.json"
	case KindAppProperties:
		return "canvasapps/a/a_DocumentUri/Properties.json"
	case KindSaveHeader:
		return "canvasapps/a/a_DocumentUri/Header.json"
	case KindPublishInfo:
		return "canvasapps/a/a_DocumentUri/Resources/PublishInfo.json"
	case KindIdentityMap:
		return "canvasapps/a/a_AdditionalUris0_identity.json"
	case KindCanvasApp:
		return "canvasapps/a/canvasapp.yml"
	case KindSolution:
		return "solutions/S/solution.yml"
	case KindMsapr:
		return "app/a_DocumentUri.msapr"
	}
	return "README.md"
}

func TestSamplePathsMatchTheirRules(t *testing.T) {
	for _, r := range AllRules() {
		if got := RuleFor(samplePath(r)).Kind; got != r.Kind {
			t.Errorf("sample path for %s maps to %s", r.Kind, got)
		}
	}
}

// An input over MaxInputSize is treated as binary (git's rule for files over 1 GiB):
// ours is kept and the file is a conflict, whatever the rule, before any parsing. A
// side that did not change still gives the other side byte for byte.
func TestOverSizeLimitKeepsOurs(t *testing.T) {
	defer func(n int64) { MaxInputSize = n }(MaxInputSize)
	MaxInputSize = 64
	base := lines("Screen1 As screen:", "    Fill: =RGBA(0, 0, 0, 1)")
	ours := lines("Screen1 As screen:", "    Fill: =RGBA(1, 0, 0, 1)", strings.Repeat("# padding ", 8))
	theirs := lines("Screen1 As screen:", "    Fill: =RGBA(0, 0, 0, 1)", "    Height: =640")
	for _, p := range []string{"app/Src/Screen1.fx.yaml", "app/Entropy/checksum.json", "app/Entropy/Entropy.json", "notes.txt"} {
		out := File(Input{Path: p, Base: base, Ours: ours, Theirs: theirs})
		if out.Status != Conflicted || string(out.Merged) != string(ours) {
			t.Errorf("%s: status %s, merged %q", p, out.Status, out.Merged)
		}
		if len(out.Messages) != 1 || out.Messages[0] != p+": an input is larger than 64 bytes (git's limit for merging text): treated as binary, kept ours" {
			t.Errorf("%s: messages %q", p, out.Messages)
		}
	}
	if out := File(Input{Path: "notes.txt", Base: base, Ours: base, Theirs: ours}); out.Status != Clean || string(out.Merged) != string(ours) {
		t.Errorf("one-sided change over the limit: %s %q", out.Status, out.Merged)
	}
	MaxInputSize = int64(len(ours))
	if out := File(Input{Path: "notes.txt", Base: base, Ours: ours, Theirs: theirs}); len(out.Messages) != 0 {
		t.Errorf("inputs at the limit: %q", out.Messages)
	}
	if got := byteSize(1 << 30); got != "1 GiB" {
		t.Errorf("byteSize(1 GiB) = %q", got)
	}
}
