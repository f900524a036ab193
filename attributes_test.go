package canvasgit

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
	"github.com/canvasgit/canvasgit/merge"
)

// checkAttrMerge installs gitattributes.example in a temporary repository and returns
// git's merge attribute for each path (git check-attr, as git itself will see it).
func checkAttrMerge(t *testing.T, paths []string) map[string]string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	git := func(stdin string, args ...string) []byte {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Stdin = strings.NewReader(stdin)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return out
	}
	git("", "init", "-q")
	if err := os.WriteFile(filepath.Join(dir, ".gitattributes"), []byte(GitattributesExample), 0o644); err != nil {
		t.Fatal(err)
	}
	out := git(strings.Join(paths, "\n")+"\n", "check-attr", "--stdin", "merge")
	attrs := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		// "path: merge: value"
		line := sc.Text()
		i := strings.LastIndex(line, ": merge: ")
		if i < 0 {
			t.Fatalf("unexpected check-attr line %q", line)
		}
		attrs[line[:i]] = line[i+len(": merge: "):]
	}
	return attrs
}

// assertRouted checks that every path with a canvas rule goes to the canvasgit driver
// and that binary assets do not.
func assertRouted(t *testing.T, paths []string) {
	t.Helper()
	attrs := checkAttrMerge(t, paths)
	for _, p := range paths {
		rule := merge.RuleFor(p)
		got := attrs[p]
		switch {
		case rule.Kind != merge.KindOther && got != "canvasgit":
			t.Errorf("%s (%s, %s): merge attribute %q, want canvasgit", p, rule.Kind, rule.Strategy, got)
		case (strings.Contains(p, "/Other/") || strings.HasSuffix(p, ".json")) && !strings.Contains(p, "/Assets/") && got != "canvasgit":
			t.Errorf("%s: merge attribute %q; JSON and Other/ files get the structural merge, want canvasgit", p, got)
		case strings.Contains(p, "/Assets/") && got == "canvasgit":
			t.Errorf("%s: a binary asset is routed to the canvasgit driver", p)
		}
	}
}

func TestGitattributesExampleRoutesEveryRule(t *testing.T) {
	var paths []string
	for _, root := range []string{"", "app/", "CanvasApps/src/MyApp/"} {
		for _, p := range []string{
			"CanvasManifest.json", "ControlTemplates.json", "Src/App.fx.yaml", "Src/Screen 1.fx.yaml",
			"Src/Components/Card.fx.yaml", "Src/Components/Card.json", "Src/Tests/Suite.fx.yaml",
			"Src/EditorState/Screen1.editorstate.json", "Src/Themes.json",
			"Entropy/Entropy.json", "Entropy/checksum.json", "Entropy/AppCheckerResult.sarif",
			"Connections/Connections.json", "DataSources/Accounts.json",
			"pkgs/TableDefinitions/Accounts.json", "pkgs/Wadl/MSNWeather.xml", "pkgs/Components/Lib.fx.yaml",
			"other/entropy.json", "checksum.json", "Assets/Images/logo.png",
			"Other/References/QualifiedValues.json", "ComponentReferences.json",
			"Src/App.pa.yaml", "Src/Screens/Screen 1.pa.yaml", "Src/Components/Card.pa.yaml", "Src/_EditorState.pa.yaml",
		} {
			paths = append(paths, root+p)
		}
	}
	assertRouted(t, paths)
}

// The real unpacked apps of the corpus: every file kind they contain is routed.
func TestGitattributesExampleRoutesCorpusApps(t *testing.T) {
	pairs := corpus.Dir(t, "pairs")
	var paths []string
	err := filepath.WalkDir(pairs, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(pairs, p)
		rel = filepath.ToSlash(rel)
		if strings.Contains(rel, "/src/") {
			paths = append(paths, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatalf("no unpacked files under %s", pairs)
	}
	assertRouted(t, paths)
}

// `.pa.yaml` sources get the canvasgit driver and the payaml hunk headers, at any depth.
func TestGitattributesExamplePaYamlDiff(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".gitattributes"), []byte(GitattributesExample), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("git", "init", "-q")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	paths := []string{"Src/App.pa.yaml", "a/b_DocumentUri/Src/Screens/Home.pa.yaml"}
	cmd = exec.Command("git", append([]string{"check-attr", "merge", "diff", "--"}, paths...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git check-attr: %v\n%s", err, out)
	}
	for _, p := range paths {
		for _, want := range []string{p + ": merge: canvasgit", p + ": diff: payaml"} {
			if !strings.Contains(string(out), want+"\n") {
				t.Errorf("missing %q in\n%s", want, out)
			}
		}
	}
}
