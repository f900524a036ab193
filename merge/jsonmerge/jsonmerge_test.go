package jsonmerge

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/merge/internal/markertest"
	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// testPolicies names the ready-made policies in the cases' policy.txt.
var testPolicies = map[string]Policy{
	"manifest":    ManifestPolicy,
	"connections": ConnectionsPolicy,
	"datasources": DataSourcesPolicy,
	"pkgs":        PkgsPolicy,
	"entropy":     EntropyPolicy,
	"editorstate": EditorStatePolicy,
	"sarif":       SarifPolicy,
	"component":   ComponentPolicy,
	"generic":     GenericPolicy,
}

var testOptions = linemerge.Options{OursLabel: "ours", BaseLabel: "base", TheirsLabel: "theirs"}

const casesDir = "../testdata/json"

// TestCases runs the merge cases in ../testdata/json/<case>/: Base.json, Left.json
// (ours), Right.json (theirs), Expected.json (the exact output), policy.txt (the
// policy's name), reason.txt (what the case shows), and optionally report.txt: one
// line per conflict ("path lines start-end [resolved]: reason") then one per note
// ("note: …"); no report.txt means no conflict and no note.
func TestCases(t *testing.T) {
	dirs, err := os.ReadDir(casesDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		n++
		t.Run(d.Name(), func(t *testing.T) {
			dir := filepath.Join(casesDir, d.Name())
			read := func(name string, optional bool) []byte {
				b, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil && !(optional && errors.Is(err, os.ErrNotExist)) {
					t.Fatal(err)
				}
				return b
			}
			name := strings.TrimSpace(string(read("policy.txt", false)))
			p, ok := testPolicies[name]
			if !ok {
				t.Fatalf("policy.txt names an unknown policy %q", name)
			}
			if strings.TrimSpace(string(read("reason.txt", false))) == "" {
				t.Error("reason.txt is empty")
			}
			base, ours, theirs := read("Base.json", false), read("Left.json", false), read("Right.json", false)
			res, err := Merge(base, ours, theirs, p, testOptions)
			if err != nil {
				t.Fatal(err)
			}
			if want := read("Expected.json", false); !bytes.Equal(res.Merged, want) {
				t.Errorf("merged output differs from Expected.json\n--- got ---\n%s\n--- want ---\n%s", res.Merged, want)
			}
			if got, want := report(res), string(read("report.txt", true)); got != want {
				t.Errorf("report differs from report.txt\n--- got ---\n%s--- want ---\n%s", got, want)
			}
			checkResolvable(t, res)
			checkProperties(t, p, base, ours, theirs)
			// The conflicts do not depend on which side is ours.
			swapped, err := Merge(base, theirs, ours, p, testOptions)
			if err != nil {
				t.Fatal(err)
			}
			if a, b := conflictPaths(res), conflictPaths(swapped); !slices.Equal(a, b) {
				t.Errorf("conflicts differ when the sides are swapped: %v vs %v", a, b)
			}
		})
	}
	if n == 0 {
		t.Fatal("no cases found in " + casesDir)
	}
}

func report(res Result) string {
	var b strings.Builder
	for _, c := range res.Conflicts {
		resolved := ""
		if c.Resolved {
			resolved = " resolved"
		}
		fmt.Fprintf(&b, "%s lines %d-%d%s: %s\n", c.Path, c.StartLine, c.EndLine, resolved, c.Reason)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	return b.String()
}

func conflictPaths(res Result) []string {
	var out []string
	for _, c := range res.Conflicts {
		out = append(out, c.Path)
	}
	slices.Sort(out)
	return out
}

// checkResolvable: a clean result is JSON; a conflicted one is JSON whichever side
// each region is resolved to, and its reported lines are the marker lines.
func checkResolvable(t *testing.T, res Result) {
	t.Helper()
	if res.Clean() {
		if !json.Valid(bytes.TrimPrefix(res.Merged, bom)) {
			t.Errorf("clean result is not valid JSON:\n%s", res.Merged)
		}
		return
	}
	markertest.EachSide(t, "result", res.Merged, 0, func(r []byte) error {
		if !json.Valid(bytes.TrimPrefix(r, bom)) {
			return fmt.Errorf("not valid JSON:\n%s", r)
		}
		return nil
	})
	lines := strings.Split(string(res.Merged), "\n")
	for _, c := range res.Conflicts {
		if c.Resolved {
			continue
		}
		if c.StartLine < 1 || c.EndLine > len(lines) || !strings.HasPrefix(lines[c.StartLine-1], "<<<<<<<") || !strings.HasPrefix(lines[c.EndLine-1], ">>>>>>>") {
			t.Errorf("conflict %s: lines %d-%d are not a marker region", c.Path, c.StartLine, c.EndLine)
		}
	}
}

// checkProperties: a side that did not change gives the other side byte for byte, and
// the same change on both sides is that change.
func checkProperties(t *testing.T, p Policy, base, ours, theirs []byte) {
	t.Helper()
	for _, tc := range []struct {
		name       string
		b, o, t, w []byte
	}{
		{"merge(x, x, y) = y", ours, ours, theirs, theirs},
		{"merge(x, y, x) = y", ours, theirs, ours, theirs},
		{"merge(b, y, y) = y", base, theirs, theirs, theirs},
		{"merge(b, x, b) = x", base, ours, base, ours},
		{"merge(b, b, y) = y", base, base, theirs, theirs},
	} {
		res, err := Merge(tc.b, tc.o, tc.t, p, testOptions)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if !bytes.Equal(res.Merged, tc.w) || len(res.Conflicts) > 0 {
			t.Errorf("%s does not hold", tc.name)
		}
	}
}

// TestUnchangedSemantically: when ours only re-formatted base (here: CRLF and a BOM),
// theirs' change is applied in ours' format.
func TestUnchangedSemantically(t *testing.T) {
	base := []byte("{\n  \"a\": 1,\n  \"b\": [\n    \"x\"\n  ]\n}")
	ours := append([]byte("\xef\xbb\xbf"), bytes.ReplaceAll(base, []byte("\n"), []byte("\r\n"))...)
	theirs := []byte("{\n  \"a\": 2,\n  \"b\": [\n    \"x\",\n    \"y\"\n  ]\n}")
	res, err := Merge(base, ours, theirs, GenericPolicy, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	want := "\xef\xbb\xbf{\r\n  \"a\": 2,\r\n  \"b\": [\r\n    \"x\",\r\n    \"y\"\r\n  ]\r\n}"
	if string(res.Merged) != want {
		t.Errorf("got %q, want %q", res.Merged, want)
	}
}

// TestFallback: input that is not JSON (or is empty, or already holds conflict
// markers) gives ErrFallback, so the caller uses the line merge and nothing is lost.
func TestFallback(t *testing.T) {
	good := []byte(`{"a": 1}`)
	for _, tc := range []struct {
		name               string
		base, ours, theirs string
	}{
		{"ours not JSON", `{"a": 1}`, `{"a": 2,}`, `{"a": 1, "b": 2}`},
		{"theirs truncated", `{"a": 1}`, `{"a": 1, "c": 3}`, `{"a": 1, "b":`},
		{"base not JSON", `{"a": 1`, `{"a": 2}`, `{"a": 1, "b": 2}`},
		{"duplicate key", `{"a": 1}`, `{"a": 2, "a": 3}`, `{"a": 1, "b": 2}`},
		{"markers", `{"a": 1}`, "{\n<<<<<<< ours\n  \"a\": 2\n=======\n  \"a\": 3\n>>>>>>> theirs\n}", `{"a": 1, "b": 2}`},
		{"empty ours", `{"a": 1}`, "", `{"a": 1, "b": 2}`},
		{"invalid UTF-8", `{"a": 1}`, "{\"a\": \"\xff\"}", `{"a": 1, "b": 2}`},
		{"trailing text", `{"a": 1}`, `{"a": 2} x`, `{"a": 1, "b": 2}`},
	} {
		_, err := Merge([]byte(tc.base), []byte(tc.ours), []byte(tc.theirs), GenericPolicy, testOptions)
		if !errors.Is(err, ErrFallback) {
			t.Errorf("%s: got %v, want ErrFallback", tc.name, err)
		}
	}
	if _, err := Merge(good, []byte(`{"a": 2}`), []byte(`{"a": 1, "b": 2}`), GenericPolicy, testOptions); err != nil {
		t.Errorf("valid input: %v", err)
	}
}

// TestMarkerOptions: marker size, labels, diff3 base section and CRLF marker lines.
func TestMarkerOptions(t *testing.T) {
	base := []byte("{\r\n  \"a\": 1,\r\n  \"b\": 1\r\n}\r\n")
	ours := []byte("{\r\n  \"a\": 2,\r\n  \"b\": 1\r\n}\r\n")
	theirs := []byte("{\r\n  \"a\": 3,\r\n  \"b\": 1\r\n}\r\n")
	opt := linemerge.Options{MarkerSize: 9, Style: linemerge.StyleDiff3, OursLabel: "HEAD", BaseLabel: "merged common ancestors", TheirsLabel: "feature"}
	res, err := Merge(base, ours, theirs, GenericPolicy, opt)
	if err != nil {
		t.Fatal(err)
	}
	want := "{\r\n<<<<<<<<< HEAD\r\n  \"a\": 2,\r\n||||||||| merged common ancestors\r\n  \"a\": 1,\r\n=========\r\n  \"a\": 3,\r\n>>>>>>>>> feature\r\n  \"b\": 1\r\n}\r\n"
	if string(res.Merged) != want {
		t.Errorf("got\n%q\nwant\n%q", res.Merged, want)
	}
	if len(res.Conflicts) != 1 || res.Conflicts[0].StartLine != 2 || res.Conflicts[0].EndLine != 8 || res.Conflicts[0].Path != "$.a" {
		t.Errorf("conflicts: %+v", res.Conflicts)
	}
	// Favor resolves like ModeKeepOurs, the region being the kept lines.
	opt.Favor = linemerge.FavorTheirs
	res, err = Merge(base, ours, theirs, GenericPolicy, opt)
	if err != nil {
		t.Fatal(err)
	}
	if want := "{\r\n  \"a\": 3,\r\n  \"b\": 1\r\n}\r\n"; string(res.Merged) != want || !res.Clean() || res.Conflicts[0].StartLine != 2 || res.Conflicts[0].EndLine != 2 {
		t.Errorf("favor theirs: %q %+v", res.Merged, res.Conflicts)
	}
}

// TestAddAdd: git passes an empty base when both sides added the file.
func TestAddAdd(t *testing.T) {
	ours := []byte("{\n  \"a\": 1,\n  \"c\": 3\n}")
	theirs := []byte("{\n  \"a\": 1,\n  \"b\": 2\n}")
	res, err := Merge(nil, ours, theirs, GenericPolicy, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3\n}"; string(res.Merged) != want || !res.Clean() {
		t.Errorf("got %q (%+v)", res.Merged, res.Conflicts)
	}
}

// TestResolvedToNothing: a container whose every member was deleted on ours' side of
// an overlap is written empty, the way pac writes it.
func TestResolvedToNothing(t *testing.T) {
	base := []byte("{\n  \"a\": {\n    \"x\": 1\n  },\n  \"b\": 1\n}")
	ours := []byte("{\n  \"a\": {},\n  \"b\": 1\n}")
	theirs := []byte("{\n  \"a\": {\n    \"x\": 2\n  },\n  \"b\": 2\n}")
	res, err := Merge(base, ours, theirs, EntropyPolicy, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"a\": {},\n  \"b\": 2\n}"; string(res.Merged) != want || len(res.Conflicts) != 1 || !res.Clean() {
		t.Errorf("got %q %+v", res.Merged, res.Conflicts)
	}
}

func TestKeyLess(t *testing.T) {
	// Orders seen in pac output (format-legacy §6.4).
	for _, order := range [][]string{
		{"btnClick", "btnColor", "btnTextColor", "Fill", "iconColor", "text", "X", "Y"},
		{`Components\11.json`, `Components\3.json`, "ComponentsMetadata.json", `Controls\1.json`, `Controls\10.json`},
		{"_ownerid_value", "cr013_description"},
		{"btn", "btn_1", "btnPrimary", "Button"},
		{"agenda_screen", "App", "AttachControl_1"},
	} {
		if !sortedKeys(order) {
			t.Errorf("not in pac's order by keyLess: %q", order)
		}
	}
}

func TestPaths(t *testing.T) {
	var root *path
	for _, tc := range []struct {
		p    *path
		want string
	}{
		{root, "$"},
		{root.member("Properties").member("AppDescription"), "$.Properties.AppDescription"},
		{root.member("4f1c-9").member("connectionRef"), `$["4f1c-9"].connectionRef`},
		{root.entry("Name", `Or"ders`).member("DisplayName"), `$[?(@.Name=="Or\"ders")].DisplayName`},
		{root.member("ScreenOrder").entry("", "Home"), `$.ScreenOrder[?(@=="Home")]`},
		{root.member("runs").position(0), "$.runs[0]"},
	} {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("got %s, want %s", got, tc.want)
		}
	}
	c := compile(Policy{SetPaths: []string{`$["a b"][].x`}})
	if !c.isSet(root.member("a b").position(3).member("x")) || c.isSet(root.member("a b").member("x")) {
		t.Error("set patterns")
	}
}

func TestLaterAndLarger(t *testing.T) {
	s := func(v string) *node { return &node{kind: kString, str: v} }
	for _, tc := range []struct{ a, b, want string }{
		{"638542914640607172", "638542936842514172", "638542936842514172"},
		{"06/13/2024 09:17:29", "06/12/2024 23:59:59", "06/13/2024 09:17:29"},
		{"2024-06-21T16:35:45.8630000Z", "2024-06-21T16:35:45.9Z", "2024-06-21T16:35:45.9Z"},
	} {
		if w, ok := later(s(tc.a), s(tc.b)); !ok || w.str != tc.want {
			t.Errorf("later(%s, %s) = %v %v", tc.a, tc.b, w, ok)
		}
	}
	if _, ok := later(s("yesterday"), s("today")); ok {
		t.Error("unparsable times must not be compared")
	}
	if w, ok := larger(s("1.343"), s("1.1000")); !ok || w.str != "1.1000" {
		t.Error("versions compare part by part")
	}
}

func TestLargeArrayFallsBackToOneRun(t *testing.T) {
	// Beyond the alignment budget the differing middle is one run: no hang, still JSON.
	var b, o, th strings.Builder
	for _, sb := range []*strings.Builder{&b, &o, &th} {
		sb.WriteString("[\n")
	}
	for i := 0; i < 2500; i++ {
		sep := ",\n"
		if i == 2499 {
			sep = "\n"
		}
		fmt.Fprintf(&b, "  %d%s", i, sep)
		fmt.Fprintf(&o, "  %d%s", i*3%2500, sep)
		fmt.Fprintf(&th, "  %d%s", i*7%2500, sep)
	}
	for _, sb := range []*strings.Builder{&b, &o, &th} {
		sb.WriteString("]")
	}
	res, err := Merge([]byte(b.String()), []byte(o.String()), []byte(th.String()), SarifPolicy, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Clean() || !json.Valid(res.Merged) {
		t.Error("expected a clean, valid result")
	}
}
