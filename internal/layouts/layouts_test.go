package layouts

import (
	"archive/zip"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

const app = "AlmTestApp-asManyEntitiesAsPossible"

func TestGitIntegrationShape(t *testing.T) {
	msapp := filepath.Join(corpus.Dir(t, "msapp"), app+".msapp")
	dir := t.TempDir()
	if err := GitIntegration(msapp, dir, "cg_almtest_1a2b3"); err != nil {
		t.Fatal(err)
	}
	got := listFiles(t, dir)
	for _, want := range []string{
		"solutions/CanvasgitTest/solution.yml",
		"solutions/CanvasgitTest/solutioncomponents.yml",
		"solutions/CanvasgitTest/rootcomponents.yml",
		"solutions/CanvasgitTest/missingdependencies.yml",
		"publishers/CanvasgitPublisher/publisher.yml",
		"canvasapps/cg_almtest_1a2b3/canvasapp.yml",
		"canvasapps/cg_almtest_1a2b3/cg_almtest_1a2b3_BackgroundImageUri",
		"canvasapps/cg_almtest_1a2b3/cg_almtest_1a2b3_AdditionalUris0_identity.json",
		"canvasapps/cg_almtest_1a2b3/cg_almtest_1a2b3_DocumentUri/Header.json",
		"canvasapps/cg_almtest_1a2b3/cg_almtest_1a2b3_DocumentUri/Controls/4.json",
		"canvasapps/cg_almtest_1a2b3/cg_almtest_1a2b3_DocumentUri/Components/7.json",
		"canvasapps/cg_almtest_1a2b3/cg_almtest_1a2b3_DocumentUri/Src/Screen1.pa.yaml",
		"canvasapps/cg_almtest_1a2b3/cg_almtest_1a2b3_DocumentUri/Src/Components/MyTitleComponent.pa.yaml",
		"canvasapps/cg_almtest_1a2b3/cg_almtest_1a2b3_DocumentUri/References/DataSources.json",
		"canvasapps/cg_almtest_1a2b3/cg_almtest_1a2b3_DocumentUri/Resources/PublishInfo.json",
	} {
		if !got[want] {
			t.Errorf("missing %s", want)
		}
	}
	idmap, err := os.ReadFile(filepath.Join(dir, "canvasapps/cg_almtest_1a2b3/cg_almtest_1a2b3_AdditionalUris0_identity.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{`"App"`, `"Screen1"`, `"Gallery3"`, `"MyTitleComponent"`} {
		if !strings.Contains(string(idmap), name) {
			t.Errorf("identity map lacks %s: %s", name, idmap)
		}
	}
}

func TestSourceCodeShape(t *testing.T) {
	msapp := filepath.Join(corpus.Dir(t, "msapp"), app+".msapp")
	dir := t.TempDir()
	if err := SourceCode(msapp, dir, "AlmTest"); err != nil {
		t.Fatal(err)
	}
	got := listFiles(t, dir)
	var files []string
	for f := range got {
		files = append(files, f)
	}
	sort.Strings(files)
	want := []string{"AlmTest.msapr", "Src/App.pa.yaml", "Src/Components/MyTitleComponent.pa.yaml", "Src/Screen1.pa.yaml", "Src/_EditorState.pa.yaml"}
	if strings.Join(files, " ") != strings.Join(want, " ") {
		t.Errorf("files %v, want %v", files, want)
	}
	r, err := zip.OpenReader(filepath.Join(dir, "AlmTest.msapr"))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	names := map[string]bool{}
	for _, f := range r.File {
		names[f.Name] = true
		if strings.HasSuffix(f.Name, ".pa.yaml") {
			t.Errorf("source %s inside the .msapr", f.Name)
		}
	}
	for _, n := range []string{"msapr-header.json", `msapp\Header.json`, `msapp\Controls\4.json`, `msapp\Components\7.json`, `msapp\References\DataSources.json`} {
		if !names[n] {
			t.Errorf(".msapr lacks %s", n)
		}
	}
	if err := ZipReplace(filepath.Join(dir, "AlmTest.msapr"), `msapp\Header.json`, `"DocVersion":"1.348"`, `"DocVersion":"1.349"`); err != nil {
		t.Fatal(err)
	}
	b, err := ZipRead(filepath.Join(dir, "AlmTest.msapr"), "msapp/Header.json")
	if err != nil || !strings.Contains(string(b), `"DocVersion":"1.349"`) {
		t.Errorf("ZipReplace did not rewrite the entry: %s %v", b, err)
	}
}

func listFiles(t *testing.T, dir string) map[string]bool {
	t.Helper()
	got := map[string]bool{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			got[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	return got
}
