package merge

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"
)

func TestRuleForLayouts(t *testing.T) {
	const app = "sol/canvasapps/new_app_6938b/new_app_6938b_DocumentUri/"
	cases := []struct {
		path     string
		kind     Kind
		strategy Strategy
	}{
		// git integration: the msapp unzipped as <schema>_DocumentUri/
		{app + "Controls/4.json", KindControls, LineMerge},
		{app + "Components/7.json", KindControls, LineMerge},
		{app + "controls/159.JSON", KindControls, LineMerge},
		{app + "Header.json", KindSaveHeader, NeverBlock},
		{app + "Properties.json", KindAppProperties, Protected},
		{app + "Resources/PublishInfo.json", KindPublishInfo, NeverBlock},
		{app + "References/DataSources.json", KindDataSources, Protected},
		{app + "References/Templates.json", KindOther, LineMerge},
		{app + "AppCheckerResult.sarif", KindAppChecker, NeverBlock},
		{app + "checksum.json", KindChecksum, TakeTheirs},
		{"sol/canvasapps/new_app_6938b/new_app_6938b_AdditionalUris0_identity.json", KindIdentityMap, LineMerge},
		{"sol/canvasapps/new_app_6938b/canvasapp.yml", KindCanvasApp, Protected},
		{"sol/solutions/MySolution/solution.yml", KindSolution, LineMerge},
		{"sol/solutions/MySolution/rootcomponents.yml", KindSolution, LineMerge},
		{"sol/publishers/Default/publisher.yml", KindSolution, LineMerge},
		// SourceCode layout: the .msapr, and its entries as the archive merge sees them
		{"Source/app_DocumentUri.msapr", KindMsapr, Protected},
		{`msapp\Controls\159.json`, KindControls, LineMerge},
		{`msapp\Header.json`, KindSaveHeader, NeverBlock},
		{`msapp\Properties.json`, KindAppProperties, Protected},
		{"msapr-header.json", KindSaveHeader, NeverBlock},
		// names that only look alike stay out
		{"app/Src/Components/Card.json", KindOther, LineMerge},
		{"web/Header.json", KindOther, LineMerge},
		{"web/Properties.json", KindOther, LineMerge},
		{"web/Controls/Button.json", KindOther, LineMerge},
		{"config/identity.json", KindOther, LineMerge},
		{".github/workflows/build.yml", KindOther, LineMerge},
	}
	for _, c := range cases {
		r := RuleFor(c.path)
		if r.Kind != c.kind || r.Strategy != c.strategy {
			t.Errorf("RuleFor(%q) = %s/%s, want %s/%s", c.path, r.Kind, r.Strategy, c.kind, c.strategy)
		}
	}
}

// Two Studio saves of different screens: each side's Controls file changed, the save
// header changed on both sides, and the identity map gained a control on each side.
func TestIdentityMapUnion(t *testing.T) {
	base := `{"__Version":"0.1","App":"a-1","Screen1":"s-1"}`
	ours := `{"__Version":"0.1","App":"a-1","Screen1":"s-1","Button1":"b-1"}`
	theirs := `{"__Version":"0.1","App":"a-1","Screen1":"s-1","Label1":"l-1"}`
	out := File(Input{Path: "x/canvasapps/a/a_AdditionalUris0_identity.json", Base: []byte(base), Ours: []byte(ours), Theirs: []byte(theirs)})
	if out.Status != Clean {
		t.Fatalf("status %s, messages %q", out.Status, out.Messages)
	}
	var got map[string]string
	if err := json.Unmarshal(out.Merged, &got); err != nil {
		t.Fatalf("merged is not JSON: %v\n%s", err, out.Merged)
	}
	if got["Button1"] != "b-1" || got["Label1"] != "l-1" || got["Screen1"] != "s-1" || len(got) != 5 {
		t.Errorf("merged %v, want both sides' new controls added", got)
	}
}

// Both sides renamed one control differently: a union would give its GUID two names.
func TestIdentityMapRefusesOneIDUnderTwoNames(t *testing.T) {
	base := "{\n  \"App\": \"a-1\",\n  \"Button1\": \"b-1\"\n}\n"
	ours := "{\n  \"App\": \"a-1\",\n  \"btnSave\": \"b-1\"\n}\n"
	theirs := "{\n  \"App\": \"a-1\",\n  \"SaveButton\": \"b-1\"\n}\n"
	out := File(Input{Path: "a_AdditionalUris0_identity.json", Base: []byte(base), Ours: []byte(ours), Theirs: []byte(theirs)})
	if out.Status != Conflicted {
		t.Fatalf("status %s, merged:\n%s", out.Status, out.Merged)
	}
	if !strings.Contains(strings.Join(out.Messages, "\n"), "b-1 held by SaveButton and btnSave") {
		t.Errorf("messages %q do not name the id and its two names", out.Messages)
	}
	if !bytes.Contains(out.Merged, []byte("<<<<<<<")) {
		t.Errorf("no conflict markers:\n%s", out.Merged)
	}
}

func makeZip(t *testing.T, entries ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for i := 0; i < len(entries); i += 2 {
		f, err := w.Create(entries[i])
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(entries[i+1]))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zipEntries(t *testing.T, b []byte) map[string]string {
	t.Helper()
	r, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("merged .msapr is not a zip: %v", err)
	}
	m := map[string]string{}
	for _, f := range r.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		m[f.Name] = string(data)
	}
	return m
}

const (
	hdrBase   = `{"DocVersion":"1.346","LastSavedDateTimeUTC":"10/10/2025 05:39:54"}`
	hdrOurs   = `{"DocVersion":"1.346","LastSavedDateTimeUTC":"10/11/2025 08:00:00"}`
	hdrTheirs = `{"DocVersion":"1.348","LastSavedDateTimeUTC":"10/12/2025 09:00:00"}`
	msaprHdr  = "{\n  \"MsaprStructureVersion\": \"0.1\"\n}"
)

func TestMsaprMergedEntryByEntry(t *testing.T) {
	base := makeZip(t, "msapr-header.json", msaprHdr, `msapp\Header.json`, hdrBase, `msapp\Controls\1.json`, "{\"A\":1}", `msapp\Controls\4.json`, "{\"S\":1}")
	ours := makeZip(t, "msapr-header.json", msaprHdr, `msapp\Header.json`, hdrOurs, `msapp\Controls\1.json`, "{\"A\":2}", `msapp\Controls\4.json`, "{\"S\":1}")
	theirs := makeZip(t, "msapr-header.json", msaprHdr, `msapp\Header.json`, hdrTheirs, `msapp\Controls\1.json`, "{\"A\":1}", `msapp\Controls\4.json`, "{\"S\":2}", `msapp\Controls\9.json`, "{\"N\":1}")
	out := File(Input{Path: "Source/app.msapr", Base: base, Ours: ours, Theirs: theirs})
	if out.Status != Clean {
		t.Fatalf("status %s, messages %q", out.Status, out.Messages)
	}
	got := zipEntries(t, out.Merged)
	want := map[string]string{
		"msapr-header.json":     msaprHdr,
		`msapp\Header.json`:     `{"DocVersion":"1.348","LastSavedDateTimeUTC":"10/12/2025 09:00:00"}`,
		`msapp\Controls\1.json`: "{\"A\":2}",
		`msapp\Controls\4.json`: "{\"S\":2}",
		`msapp\Controls\9.json`: "{\"N\":1}",
	}
	for k, v := range want {
		if !sameJSON(got[k], v) {
			t.Errorf("entry %s = %q, want %q", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("entries %v, want %d", got, len(want))
	}
	// Deterministic: the same inputs give the same bytes.
	again := File(Input{Path: "Source/app.msapr", Base: base, Ours: ours, Theirs: theirs})
	if !bytes.Equal(again.Merged, out.Merged) {
		t.Error("two merges of the same inputs differ")
	}
}

func TestMsaprEntryConflictRefusesAndKeepsOurs(t *testing.T) {
	base := makeZip(t, `msapp\Controls\4.json`, "{\"S\":{\"Text\":\"a\"}}")
	ours := makeZip(t, `msapp\Controls\4.json`, "{\"S\":{\"Text\":\"b\"}}")
	theirs := makeZip(t, `msapp\Controls\4.json`, "{\"S\":{\"Text\":\"c\"}}")
	out := File(Input{Path: "app.msapr", Base: base, Ours: ours, Theirs: theirs})
	if out.Status != Refused || !bytes.Equal(out.Merged, ours) {
		t.Fatalf("status %s (want refused, ours kept)", out.Status)
	}
	msg := strings.Join(out.Messages, "\n")
	for _, want := range []string{`msapp\Controls\4.json`, "pac canvas pack", "--layout SourceCode"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
}

func TestMsaprNotAZipKeepsOurs(t *testing.T) {
	out := File(Input{Path: "app.msapr", Base: []byte("PK garbage"), Ours: []byte("ours"), Theirs: []byte("theirs")})
	if out.Status != Conflicted || string(out.Merged) != "ours" {
		t.Fatalf("status %s merged %q", out.Status, out.Merged)
	}
}

// sameJSON compares JSON texts by value (the structural merge may re-indent a one-line
// file).
func sameJSON(a, b string) bool {
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return a == b
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}
