package textconv

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

func normalize(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"))
}

// Conformance counts measured when this test was written; a regression fails, an
// improvement is logged so the number can be raised.
const (
	wantBaselineMatches = 7
	wantPairMatches     = 20
)

func TestBaselines(t *testing.T) {
	corpusDir := corpus.Dir(t, "")
	table := []struct{ baseline, app, file string }{
		{"Weather_Screen1.fx.yaml", "MyWeather.msapp", "Src/Screen1.fx.yaml"},
		{"GroupControl_Test.fx.yaml", "GroupControlTest.msapp", "Src/Screen1.fx.yaml"},
		{"Gallery_ScreenTest.fx.yaml", "GalleryTestApp.msapp", "Src/Screen1.fx.yaml"},
		{"ComponentFunction_Test.fx.yaml", "SimpleScopeVariables.msapp", "Src/Components/Component1.fx.yaml"},
		{"TestStudio_Test_Suite.fx.yaml", "TestStudio_Test.msapp", "Src/Tests/Suite.fx.yaml"},
		{"TestStudio_Test.fx.yaml", "TestStudio_Test.msapp", "Src/Tests/Test_7F478737223C4B69.fx.yaml"},
		{"AutoLayout_test.fx.yaml", "autolayouttest.msapp", "Src/Screen1.fx.yaml"},
	}
	match := 0
	for _, c := range table {
		want, err := os.ReadFile(filepath.Join(corpusDir, "baselines", c.baseline))
		if err != nil {
			t.Fatal(err)
		}
		got, ok := renderSections(t, filepath.Join(corpusDir, "msapp", c.app), Options{})[c.file]
		switch {
		case !ok:
			t.Logf("MISMATCH %s: no section %s", c.baseline, c.file)
		case normalize(got) == normalize(string(want)):
			match++
		default:
			t.Logf("MISMATCH %s: %s", c.baseline, firstDiff(normalize(got), normalize(string(want))))
		}
	}
	t.Logf("baselines: %d of %d match", match, len(table))
	if match < wantBaselineMatches {
		t.Errorf("only %d baselines match, want at least %d", match, wantBaselineMatches)
	} else if match > wantBaselineMatches {
		t.Logf("improvement: raise wantBaselineMatches to %d", match)
	}
}

func TestPairs(t *testing.T) {
	corpusDir := corpus.Dir(t, "")
	apps, _ := filepath.Glob(filepath.Join(corpusDir, "pairs", "*", "app.msapp"))
	if len(apps) == 0 {
		t.Skip("no pairs in the corpus")
	}
	match, total := 0, 0
	for _, app := range apps {
		dir := filepath.Dir(app)
		got := renderSections(t, app, Options{})
		var files []string
		filepath.WalkDir(filepath.Join(dir, "src", "Src"), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".fx.yaml") {
				files = append(files, p)
			}
			return nil
		})
		sort.Strings(files)
		for _, f := range files {
			rel, _ := filepath.Rel(filepath.Join(dir, "src"), f)
			rel = filepath.ToSlash(rel)
			total++
			want, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			g, ok := got[rel]
			switch {
			case !ok:
				t.Logf("MISMATCH %s %s: not rendered", filepath.Base(dir), rel)
			case normalize(g) == normalize(string(want)):
				match++
			default:
				t.Logf("MISMATCH %s %s: %s", filepath.Base(dir), rel, firstDiff(normalize(g), normalize(string(want))))
			}
		}
	}
	t.Logf("pairs: %d of %d .fx.yaml files match", match, total)
	for _, rel := range []string{"Src/Themes.json", "Connections/Connections.json", "CanvasManifest.json"} {
		same, n := 0, 0
		for _, app := range apps {
			want, err := os.ReadFile(filepath.Join(filepath.Dir(app), "src", filepath.FromSlash(rel)))
			if err != nil {
				continue
			}
			n++
			if g, ok := renderSections(t, app, Options{})[rel]; ok && normalize(g) == normalize(string(want)) {
				same++
			} else if ok {
				t.Logf("MISMATCH %s %s: %s", filepath.Base(filepath.Dir(app)), rel, firstDiff(normalize(g), normalize(string(want))))
			}
		}
		t.Logf("pairs: %s matches in %d of %d apps", rel, same, n)
		if rel == "Src/Themes.json" && same < n {
			t.Errorf("Src/Themes.json matches in only %d of %d apps", same, n)
		}
	}
	if match < wantPairMatches {
		t.Errorf("only %d pair files match, want at least %d", match, wantPairMatches)
	} else if match > wantPairMatches {
		t.Logf("improvement: raise wantPairMatches to %d", match)
	}
}

// TestCorpusRenders renders every corpus msapp: no error, no panic, and every
// top-level control file shows up as a section.
func TestCorpusRenders(t *testing.T) {
	corpusDir := corpus.Dir(t, "")
	apps, _ := filepath.Glob(filepath.Join(corpusDir, "msapp", "*.msapp"))
	if len(apps) == 0 {
		t.Skip("no msapp files in the corpus")
	}
	for _, app := range apps {
		// --all renders the volatile files too (editor state, Entropy): every path
		// of the renderer runs on every corpus app.
		for _, opts := range []Options{{}, {All: true}} {
			s := renderSections(t, app, opts)
			if _, ok := s["CanvasManifest.json"]; !ok {
				t.Errorf("%s: no CanvasManifest.json section", filepath.Base(app))
			}
			for name, body := range s {
				if strings.HasPrefix(body, "(canvasgit: cannot render") {
					t.Errorf("%s (all=%v): %s: %s", filepath.Base(app), opts.All, name, strings.TrimSpace(body))
				}
			}
		}
	}
	t.Logf("%d corpus msapp files rendered", len(apps))
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ": got " + strconv.Quote(gl) + ", want " + strconv.Quote(wl)
		}
	}
	return "equal"
}
