package check

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

// Every real `.pa.yaml` file of the shared cases (7 public repositories: each case's
// base, ours, theirs and expected versions, deduplicated) checks clean on its own:
// it parses, validates against the schema and has no duplicate name. The cases hold
// single files, not whole apps, so the ScreensOrder check (which needs every screen)
// is left out here; the msapp test below and the testscripts cover it. A recorded
// merge result that is not YAML (meta expected_parses_as_yaml false) must fail.
func TestPaYamlCorpusFilesCheckClean(t *testing.T) {
	dir := corpus.Dir(t, "payaml")
	cases, err := filepath.Glob(filepath.Join(dir, "*", "meta.json"))
	if err != nil || len(cases) == 0 {
		t.Skip("no payaml cases")
	}
	seen := map[[32]byte]bool{}
	files, broken := 0, 0
	for _, m := range cases {
		caseDir := filepath.Dir(m)
		var meta struct {
			Kind                 string `json:"kind"`
			ExpectedParsesAsYAML *bool  `json:"expected_parses_as_yaml"`
		}
		raw, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, &meta); err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		for _, side := range []string{"base", "ours", "theirs", "expected"} {
			data, err := os.ReadFile(filepath.Join(caseDir, side+".pa.yaml"))
			if err != nil {
				continue
			}
			h := sha256.Sum256(data)
			if seen[h] {
				continue
			}
			seen[h] = true
			rep, err := CheckFiles(map[string][]byte{"Src/File.pa.yaml": data})
			if err != nil {
				t.Fatal(err)
			}
			if side == "expected" && meta.ExpectedParsesAsYAML != nil && !*meta.ExpectedParsesAsYAML {
				broken++
				if rep.Errors() == 0 || rep.Findings[0].Check != CheckParse {
					t.Errorf("%s/%s: a merge result that is not YAML checks without a parse error: %v", filepath.Base(caseDir), side, rep.Findings)
				}
				continue
			}
			files++
			for _, f := range rep.Findings {
				if f.Check == CheckScreenOrder {
					continue
				}
				t.Errorf("%s/%s: %s", filepath.Base(caseDir), side, f)
			}
		}
	}
	t.Logf("%d distinct real files checked clean, %d broken merge results caught", files, broken)
	if files < 100 {
		t.Errorf("only %d files: is the corpus complete?", files)
	}
}

// The corpus msapps that carry Studio's Src/*.pa.yaml (the `<schema>_DocumentUri`
// folder of Dataverse git integration is such an msapp unzipped) check without an
// error; the one from the 2024 prototype era is recognised as such and left alone.
func TestPaYamlCorpusMsappsCheckClean(t *testing.T) {
	dir := corpus.Dir(t, "msapp")
	apps, _ := filepath.Glob(filepath.Join(dir, "*.msapp"))
	checked := 0
	for _, p := range apps {
		files := msappFiles(t, p)
		if !hasPaSources(fileList(files)) {
			continue
		}
		checked++
		rep, err := CheckFiles(files)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, f := range rep.Findings {
			if f.Severity == Error {
				t.Errorf("%s: %s", filepath.Base(p), f)
			} else {
				t.Logf("%s: %s", filepath.Base(p), f)
			}
		}
	}
	if checked < 4 {
		t.Errorf("%d msapps with .pa.yaml sources, want the corpus's 4", checked)
	}
}

// msappFiles reads an msapp's entries (some were written with backslashes).
func msappFiles(t *testing.T, p string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string][]byte{}
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[strings.ReplaceAll(f.Name, `\`, "/")] = b
	}
	return out
}

func fileList(m map[string][]byte) []file {
	var out []file
	for p, b := range m {
		out = append(out, file{path: p, data: b})
	}
	return out
}
