package check

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/canvasgit/canvasgit/internal/corpus"
	"github.com/canvasgit/canvasgit/internal/layouts"
)

const dvScreen = `Screens:
  Screen1:
    Children:
      - Label1:
          Control: Label@2.5.1
          Properties:
            Text: ="Hello"
`

const dvApp = `{"TopParent":{"Name":"App","ControlUniqueId":"1","Template":{"Name":"appinfo"},"Children":[{"Name":"Host","ControlUniqueId":"3","Template":{"Name":"hostControl"},"Children":[]}]}}`

func dvControls(children string) string {
	return `{"TopParent":{"Name":"Screen1","ControlUniqueId":"4","Template":{"Name":"screen"},"Children":[` + children + `]}}`
}

const dvLabel = `{"Name":"Label1","ControlUniqueId":"5","Template":{"Name":"label"},"Children":[]}`

// gitIntegration is a <schema>_DocumentUri root: Src/ beside Controls/.
func gitIntegration(screen, controls string) map[string][]byte {
	return map[string][]byte{
		"Src/Screen1.pa.yaml": []byte(screen),
		"Controls/1.json":     []byte(dvApp),
		"Controls/4.json":     []byte(controls),
		"Header.json":         []byte(`{"DocVersion":"1.348"}`),
	}
}

func findingsOf(t *testing.T, files map[string][]byte, check string) []Finding {
	t.Helper()
	rep, err := CheckFiles(files)
	if err != nil {
		t.Fatal(err)
	}
	var out []Finding
	for _, f := range rep.Findings {
		if f.Check == check {
			out = append(out, f)
		}
	}
	return out
}

func TestRepresentationsAgree(t *testing.T) {
	if fs := findingsOf(t, gitIntegration(dvScreen, dvControls(dvLabel)), CheckRepresentations); len(fs) != 0 {
		t.Errorf("findings on an app whose two representations agree: %v", fs)
	}
}

func TestControlOnlyInYAML(t *testing.T) {
	fs := findingsOf(t, gitIntegration(dvScreen, dvControls("")), CheckRepresentations)
	if len(fs) != 1 || fs[0].Severity != Error || !strings.Contains(fs[0].Message(), "control 'Label1' is in Src/Screen1.pa.yaml but in no Controls/*.json") || fs[0].Line != 4 {
		t.Fatalf("findings %v, want one error for Label1 at line 4", fs)
	}
}

func TestControlOnlyInJSON(t *testing.T) {
	extra := dvLabel + `,{"Name":"Button9","ControlUniqueId":"9","Template":{"Name":"button"},"Children":[]}`
	fs := findingsOf(t, gitIntegration(dvScreen, dvControls(extra)), CheckRepresentations)
	if len(fs) != 1 || fs[0].Severity != Error || !strings.Contains(fs[0].Message(), "control 'Button9' is in Controls/4.json but in no Src/*.pa.yaml") {
		t.Fatalf("findings %v, want one error for Button9", fs)
	}
}

func TestControlIDsCollideAcrossFiles(t *testing.T) {
	files := gitIntegration(dvScreen, dvControls(strings.Replace(dvLabel, `"5"`, `"3"`, 1)))
	fs := findingsOf(t, files, CheckControlIDs)
	if len(fs) != 1 || fs[0].Severity != Error || !strings.Contains(fs[0].Message(), "ControlUniqueId 3 of 'Label1' is also the id of 'Host'") {
		t.Fatalf("findings %v, want one error naming Label1 and Host", fs)
	}
}

// In the SourceCode layout the JSON is inside the .msapr, and pac packs the app to
// load from the YAML: the same disagreement is a warning.
func TestMsaprDisagreementIsAWarning(t *testing.T) {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for name, data := range map[string]string{`msapp\Controls\1.json`: dvApp, `msapp\Controls\4.json`: dvControls(""), "msapr-header.json": "{}"} {
		f, _ := w.Create(name)
		f.Write([]byte(data))
	}
	w.Close()
	files := map[string][]byte{"Src/Screen1.pa.yaml": []byte(dvScreen), "App.msapr": buf.Bytes()}
	fs := findingsOf(t, files, CheckRepresentations)
	if len(fs) != 1 || fs[0].Severity != Warning || !strings.Contains(fs[0].Message(), "no Controls or Components entry of the .msapr") {
		t.Fatalf("findings %v, want one warning for Label1", fs)
	}
}

// Every corpus msapp with .pa.yaml sources, laid out as git integration and as
// SourceCode, checks without a representations or control-ids finding.
func TestRepresentationsCorpus(t *testing.T) {
	dir := corpus.Dir(t, "msapp")
	for _, app := range []string{"AlmTestApp-asManyEntitiesAsPossible", "AppWithCategoryAndControlPropertyState", "EmptyTestCase"} {
		msapp := filepath.Join(dir, app+".msapp")
		gi, sc := t.TempDir(), t.TempDir()
		if err := layouts.GitIntegration(msapp, gi, "cg_app"); err != nil {
			t.Fatal(err)
		}
		if err := layouts.SourceCode(msapp, sc, app); err != nil {
			t.Fatal(err)
		}
		for _, root := range []string{filepath.Join(gi, "canvasapps", "cg_app", "cg_app_DocumentUri"), sc} {
			rep, err := CheckFS(os.DirFS(root))
			if err != nil {
				t.Fatalf("%s: %v", app, err)
			}
			for _, f := range rep.Findings {
				if f.Check == CheckRepresentations || f.Check == CheckControlIDs || f.Severity == Error {
					t.Errorf("%s (%s): %s", app, root, f)
				}
			}
		}
	}
}

// pac's SourceCode layout unpacked into a folder named src: the app is src/.
func TestPaYamlAppRootOfSrcFolder(t *testing.T) {
	for p, want := range map[string]string{
		"src/Src/App.pa.yaml":            "src",
		"apps/x/src/Src/Screen1.pa.yaml": "apps/x/src",
		"Src/Components/C.pa.yaml":       ".",
		"app/src/App.pa.yaml":            "app",
	} {
		if got, ok := PaYamlAppRoot(p); !ok || got != want {
			t.Errorf("PaYamlAppRoot(%q) = %q, %v; want %q", p, got, ok, want)
		}
	}
}

func TestFindAppsSourceCodeInSrcFolder(t *testing.T) {
	fsys := fstest.MapFS{
		"src/Src/App.pa.yaml": {Data: []byte("App:\n  Properties:\n    Theme: =PowerAppsTheme\n")},
		"src/Empty.msapr":     {Data: []byte("PK")},
		"README.md":           {Data: []byte("x")},
	}
	roots, err := FindApps(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	if len(roots) != 1 || roots[0] != "src" {
		t.Errorf("FindApps = %q, want [src]", roots)
	}
}
