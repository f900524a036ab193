package check

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

// pairApps returns the unpacked source folders of the real apps in the corpus
// (../shared/corpus/pairs/*/src), skipping the test when the corpus is absent.
func pairApps(tb testing.TB) []string {
	tb.Helper()
	dirs, err := filepath.Glob(filepath.Join(corpus.Dir(tb, "pairs"), "*", "src"))
	if err != nil {
		tb.Fatal(err)
	}
	if len(dirs) == 0 {
		tb.Skip("no pairs/*/src in the corpus; skipping")
	}
	return dirs
}

// The six real apps pac unpacked check clean: no errors and no warnings.
func TestCorpusAppsCheckClean(t *testing.T) {
	for _, dir := range pairApps(t) {
		name := filepath.Base(filepath.Dir(dir))
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			rep, err := CheckFS(os.DirFS(dir))
			if err != nil {
				t.Fatal(err)
			}
			elapsed := time.Since(start)
			for _, f := range rep.Findings {
				t.Errorf("%s", f)
			}
			if elapsed > time.Second {
				t.Errorf("checking %s took %v, want under 1s", name, elapsed)
			}
			t.Logf("%s: %d files, %d findings, %v", name, len(countFiles(t, dir)), len(rep.Findings), elapsed)
		})
	}
}

func countFiles(t *testing.T, dir string) []string {
	var out []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// Breaking a real app is found: the corpus apps with one screen deleted (its
// ScreenOrder entry and every Navigate to it) and with one control copied into another
// screen (the merge of issue 7).
func TestCorpusBreakage(t *testing.T) {
	var dir string
	for _, d := range pairApps(t) {
		if filepath.Base(filepath.Dir(d)) == "expandable-navigation" {
			dir = d
		}
	}
	if dir == "" {
		t.Skip("expandable-navigation not in the corpus")
	}
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	delete(files, "Src/Teams Screen.fx.yaml")
	delete(files, "Src/EditorState/Teams Screen.editorstate.json")
	files["Src/Welcome Screen.fx.yaml"] = append(files["Src/Welcome Screen.fx.yaml"],
		[]byte("    Label4_4 As label:\n        Text: =\"copy\"\n        ZIndex: =99\n\n")...)
	rep, err := CheckFiles(files)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, f := range rep.Findings {
		count[f.Check]++
		t.Log(f)
	}
	if count[CheckScreenOrder] != 1 || count[CheckDuplicateName] != 1 || count[CheckMissingRef] < 4 {
		t.Errorf("findings by check = %v; want 1 screen-order, 1 duplicate-name, >= 4 missing-reference", count)
	}
}

// BenchmarkCorpusApps measures one full check of each real app, files read from disk.
func BenchmarkCorpusApps(b *testing.B) {
	for _, dir := range pairApps(b) {
		b.Run(filepath.Base(filepath.Dir(dir)), func(b *testing.B) {
			fsys := os.DirFS(dir)
			for b.Loop() {
				if _, err := CheckFS(fsys); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
