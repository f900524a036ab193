package textconv

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// Apps of the sizes that used to take minutes (file naming tried every suffix from 1
// for each colliding name; the Entropy maps and the group transform searched
// everything so far for each new member). Each is generated here and renders in about
// a second on an idle machine. The tests check the output, not the clock: a timed
// assertion fails on a loaded machine, and speed is measured by the benchmarks. A
// return of the quadratic cost shows as a run of many minutes (the 100,000-resource
// app took about 20), past go test's own time-out.
func renderScaled(t *testing.T, files []zfile, opts Options) map[string]string {
	t.Helper()
	data := makeZip(t, files)
	start := time.Now()
	out, err := render(t, data, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d-byte msapp rendered in %v", len(data), time.Since(start))
	return splitSections(out)
}

// uriResources is an app whose References/Resources.json lists n URI resources
// named name(i).
func uriResources(n int, name func(int) string) []zfile {
	var sb strings.Builder
	sb.WriteString(`{"Resources":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, `{"Name":%q,"Schema":"i","ResourceKind":"Uri","Content":"Image","Path":"https://example.com/%d"}`, name(i), i)
	}
	sb.WriteString(`]}`)
	return append(goodFiles(`"1"`), zfile{`References\Resources.json`, sb.String()})
}

// TestManyResourcesOfOneName: 100,000 URI resources all named "a" become
// Assets/a.json, Assets/a_1.json ... Assets/a_99999.json (about 20 minutes before
// the next free suffix was remembered).
func TestManyResourcesOfOneName(t *testing.T) {
	const n = 100000
	secs := renderScaled(t, uriResources(n, func(int) string { return "a" }), Options{})
	for _, name := range []string{"Assets/a.json", "Assets/a_1.json", "Assets/a_50000.json", fmt.Sprintf("Assets/a_%d.json", n-1)} {
		if _, ok := secs[name]; !ok {
			t.Errorf("no section %s", name)
		}
	}
	if _, ok := secs[fmt.Sprintf("Assets/a_%d.json", n)]; ok {
		t.Errorf("a suffix was skipped")
	}
	if b := secs["Assets/a_1.json"]; !strings.Contains(b, `"Path": "https://example.com/1"`) {
		t.Errorf("Assets/a_1.json is not the second resource:\n%s", b)
	}
}

// TestManyResourceNamesEntropy: the Entropy maps of 100,000 distinct resource names
// (ResourcesJsonIndices) keep every name once, in order, the first occurrence
// winning.
func TestManyResourceNamesEntropy(t *testing.T) {
	const n = 100000
	secs := renderScaled(t, uriResources(n, func(i int) string {
		if i == n-1 {
			return "r0" // a repeated name keeps its first index
		}
		return fmt.Sprint("r", i)
	}), Options{All: true})
	e := secs["Entropy/Entropy.json"]
	if !strings.Contains(e, `"Image-r0": 0,`) || !strings.Contains(e, fmt.Sprintf(`"Image-r%d": %d`, n-2, n-2)) ||
		strings.Contains(e, fmt.Sprintf(`": %d`, n-1)) {
		i := strings.Index(e, `"ResourcesJsonIndices"`)
		t.Errorf("ResourcesJsonIndices:\n%s", e[i:min(len(e), i+300)])
	}
}

// TestManyScreensOfOneName: 19,980 screens (the archive holds at most 20,000
// entries) all named Screen1 get Src/Screen1.fx.yaml, Src/Screen1_1.fx.yaml ...,
// and their editor states the same suffixes.
func TestManyScreensOfOneName(t *testing.T) {
	const n = 19980
	files := []zfile{{"Header.json", testHeader}, {"Properties.json", testProps}, {`Controls\1.json`, testApp}}
	for i := 0; i < n; i++ {
		files = append(files, zfile{fmt.Sprintf(`Controls\%d.json`, i+2), fmt.Sprintf(
			`{"TopParent":{"Name":"Screen1","ControlUniqueId":"%d","Index":%d.0,"Template":{"Name":"screen"},"Rules":[{"Property":"Fill","InvariantScript":"RGBA(%d, 0, 0, 1)"}],"Children":[]}}`,
			i+10, i, i)})
	}
	secs := renderScaled(t, files, Options{All: true})
	last := n - 1
	for _, c := range []struct{ name, want string }{
		{"Src/Screen1.fx.yaml", "RGBA(0, 0, 0, 1)"},
		{"Src/Screen1_1.fx.yaml", "RGBA(1, 0, 0, 1)"},
		{fmt.Sprintf("Src/Screen1_%d.fx.yaml", last), fmt.Sprintf("RGBA(%d, 0, 0, 1)", last)},
		{fmt.Sprintf("Src/EditorState/Screen1_%d.editorstate.json", last), `"Screen1"`},
	} {
		if b, ok := secs[c.name]; !ok || !strings.Contains(b, c.want) {
			t.Errorf("%s: want %s in %q", c.name, c.want, b)
		}
	}
}

// TestManyGroups: a screen of 60,000 controls, 30,000 groups each holding one label,
// shows each label under its group, and Entropy keeps the members of a group of
// 10,000 in order. The group transform once searched every child for each group: over
// two minutes for this screen, about 2 s now on a loaded machine, hence the tighter
// limit.
func TestManyGroups(t *testing.T) {
	const n = 60000
	var sb strings.Builder
	sb.WriteString(`{"TopParent":{"Name":"Screen1","ControlUniqueId":"2","Index":0.0,"Template":{"Name":"screen"},"Rules":[],"Children":[`)
	for i := 0; i < n; i += 2 {
		if i > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, `{"Name":"Group%d","ControlUniqueId":"g%d","IsGroupControl":true,"GroupedControlsKey":["Label%d"],"Template":{"Name":"group"},"Rules":[{"Property":"ZIndex","InvariantScript":"%d"}],"Children":[]},`, i, i, i+1, i+1)
		fmt.Fprintf(&sb, `{"Name":"Label%d","ControlUniqueId":"l%d","Template":{"Name":"label"},"Rules":[{"Property":"ZIndex","InvariantScript":"%d"}],"Children":[]}`, i+1, i, i+2)
	}
	sb.WriteString(`,{"Name":"Big","ControlUniqueId":"big","IsGroupControl":true,"GroupedControlsKey":[`)
	for i := 0; i < 10000; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, `"M%d"`, i%9999) // M0 twice: the first position wins
	}
	sb.WriteString(`],"Template":{"Name":"group"},"Rules":[],"Children":[]}]}}`)
	files := []zfile{{"Header.json", testHeader}, {"Properties.json", testProps}, {`Controls\1.json`, testApp}, {`Controls\2.json`, sb.String()}}
	secs := renderScaled(t, files, Options{All: true})
	scr := secs["Src/Screen1.fx.yaml"]
	for _, i := range []int{0, n - 2} {
		want := fmt.Sprintf("    Group%d As group:\n        ZIndex: =%d\n\n        Label%d As label:\n", i, i+1, i+1)
		if !strings.Contains(scr, want) {
			t.Errorf("Label%d is not under Group%d", i+1, i)
		}
	}
	e := secs["Entropy/Entropy.json"]
	if !strings.Contains(e, `"M0": 0,`) || !strings.Contains(e, `"M9998": 9998`) || strings.Contains(e, `": 9999`) {
		i := strings.Index(e, `"Big"`)
		t.Errorf("OrderGroupControls of Big:\n%s", e[max(0, i):min(len(e), max(0, i)+300)])
	}
}

// TestManyTablesOfOneDataset: 20,000 Dataverse tables of one dataset each get their
// pkgs/TableDefinitions file with the dataset's fields, their own dataSources entry
// and the one entry no table uses. Working the dataset out again for every table took
// 25 s; now it is done once.
func TestManyTablesOfOneDataset(t *testing.T) {
	const n = 20000
	var list, refs strings.Builder
	list.WriteString("[")
	refs.WriteString(`{"default.cds":{"instanceUrl":"https://org.example/","state":"Configured","dataSources":{"Gone":{"entitySetName":"gones"}`)
	for i := 0; i < n; i++ {
		if i > 0 {
			list.WriteByte(',')
		}
		fmt.Fprintf(&list, `{"Name":"T%d","DatasetName":"default.cds","Type":"NativeCDSDataSourceInfo","TableDefinition":"{}"}`, i)
		fmt.Fprintf(&refs, `,"T%d":{"entitySetName":"t%d"}`, i, i)
	}
	list.WriteString("]")
	refs.WriteString(`}}}`)
	start := time.Now()
	got, _, conns := splitJSON(t, list.String(), refs.String())
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("%d tables took %v", n, d)
	}
	want := `{
  "DatasetName": "default.cds",
  "EntityName": "T19999",
  "InstanceUrl": "https://org.example/",
  "LocalReferenceDSJson": {
    "entitySetName": "t19999"
  },
  "state": "Configured",
  "TableDefinition": {},
  "UnusedDataSources": {
    "Gone": {
      "entitySetName": "gones"
    }
  }
}`
	if g := got["pkgs/TableDefinitions/T19999.json"]; g != want {
		t.Errorf("pkgs/TableDefinitions/T19999.json:\n%s\nwant\n%s", g, want)
	}
	if len(got) != 2*n || len(conns) != 0 {
		t.Errorf("%d files and %d connections, want %d and 0", len(got), len(conns), 2*n)
	}
}
