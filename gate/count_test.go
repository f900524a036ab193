package gate

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strconv"
	"testing"
)

// Issue 13: the text report said "kept the target's version in 2 conflicting parts"
// (its number of engine messages) where the JSON listed 318 regions. Every format must
// state the one count the report holds.
func TestKeptTargetCountAgrees(t *testing.T) {
	f := &File{
		Path: "app/Entropy/Entropy.json", App: "app", Kind: "entropy", Strategy: "never-block",
		Target: "modified", Source: "modified", Resolution: "merged", Status: StatusClean,
		// A structural merge writes one message for all its values, plus other notes.
		Messages: []string{
			"app/Entropy/Entropy.json: dropped theirs, kept ours for 318 value(s) changed on both sides ($.A at line 3, and 317 more) (Studio regenerates it)",
			"app/Entropy/Entropy.json: renumbered 2 control ids of theirs",
		},
		bothChanged: true,
	}
	for i := range 318 {
		f.Regions = append(f.Regions, Region{Merged: LineRange{i + 1, i + 1}})
	}
	f.KeptTarget = keptTarget(f)
	rep := &Report{
		SchemaVersion: SchemaVersion, Verdict: Safe, Safe: true,
		Target: Side{Name: "main", Commit: "1111111111111111111111111111111111111111"},
		Source: Side{Name: "feature", Commit: "2222222222222222222222222222222222222222"},
		Apps:   []*App{{Path: "app", Verdict: Safe, Clean: 1}},
		Files:  []*File{f},
	}

	var js bytes.Buffer
	if err := Write(&js, rep, "json", "test"); err != nil {
		t.Fatal(err)
	}
	var decoded struct {
		Files []struct {
			KeptTarget int               `json:"keptTarget"`
			Regions    []json.RawMessage `json:"regions"`
		} `json:"files"`
	}
	if err := json.Unmarshal(js.Bytes(), &decoded); err != nil {
		t.Fatal(err)
	}
	want := decoded.Files[0].KeptTarget
	if want != len(decoded.Files[0].Regions) || want != 318 {
		t.Fatalf("JSON keptTarget = %d with %d regions, want 318 both", want, len(decoded.Files[0].Regions))
	}

	count := regexp.MustCompile(`(\d+) conflicting parts?`)
	for _, format := range []string{"text", "markdown", "github", "azure"} {
		var out bytes.Buffer
		if err := Write(&out, rep, format, "test"); err != nil {
			t.Fatal(err)
		}
		found := count.FindAllStringSubmatch(out.String(), -1)
		if len(found) == 0 {
			t.Errorf("%s: no count of conflicting parts in\n%s", format, out.String())
		}
		for _, m := range found {
			if n, _ := strconv.Atoi(m[1]); n != want {
				t.Errorf("%s says %q, JSON says %d", format, m[0], want)
			}
		}
	}
}
