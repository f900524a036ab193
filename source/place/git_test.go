package place

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
)

// gitRepo makes a repository with one app committed, then a staged change and a
// work-tree change on top, and enters the app's Src folder.
func gitRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not found")
	}
	top := t.TempDir()
	for k, v := range map[string]string{
		"GIT_CONFIG_GLOBAL": os.DevNull, "GIT_CONFIG_NOSYSTEM": "1",
		"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
		"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
	} {
		t.Setenv(k, v)
	}
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = top
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	writeTree(t, top, map[string]string{
		"apps/A/CanvasManifest.json": "{}",
		"apps/A/Src/App.fx.yaml":     "committed\n",
		"README.md":                  "",
	})
	git("add", ".")
	git("commit", "-q", "-m", "one")
	writeTree(t, top, map[string]string{"apps/A/Src/App.fx.yaml": "staged\n"})
	git("add", ".")
	writeTree(t, top, map[string]string{
		"apps/A/Src/App.fx.yaml":     "work tree\n",
		"apps/A/Src/Screen1.fx.yaml": "untracked\n",
	})
	t.Chdir(filepath.Join(top, "apps", "A", "Src"))
	return top
}

func content(t *testing.T, p Place, root, file string) string {
	t.Helper()
	a, err := p.App(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range a.Files {
		if f.Path == file {
			return string(f.Data)
		}
	}
	return ""
}

func TestGitPlaces(t *testing.T) {
	top := gitRepo(t)
	repo, err := OpenRepo()
	if err != nil {
		t.Fatal(err)
	}
	if repo.Prefix != "apps/A/Src" {
		t.Errorf("prefix %q", repo.Prefix)
	}
	for _, c := range []struct {
		name  string
		place *Git
		paths []string
		body  string
	}{
		{"commit", repo.Commit("HEAD"), []string{"README.md", "apps/A/CanvasManifest.json", "apps/A/Src/App.fx.yaml"}, "committed\n"},
		{"index", repo.Index(), []string{"README.md", "apps/A/CanvasManifest.json", "apps/A/Src/App.fx.yaml"}, "staged\n"},
		{"work tree", repo.WorkTree(), []string{"README.md", "apps/A/CanvasManifest.json", "apps/A/Src/App.fx.yaml", "apps/A/Src/Screen1.fx.yaml"}, "work tree\n"},
	} {
		paths, err := c.place.Paths()
		if err != nil || !reflect.DeepEqual(paths, c.paths) {
			t.Errorf("%s: paths %q %v, want %q", c.name, paths, err, c.paths)
		}
		if got := content(t, c.place, "apps/A", "Src/App.fx.yaml"); got != c.body {
			t.Errorf("%s: Src/App.fx.yaml = %q, want %q", c.name, got, c.body)
		}
		if got := content(t, c.place, ".", "apps/A/Src/App.fx.yaml"); got != c.body {
			t.Errorf("%s: from the top: %q, want %q", c.name, got, c.body)
		}
	}

	changed, all, err := repo.Index().ChangedSince("HEAD")
	if err != nil || all || !reflect.DeepEqual(changed, []string{"apps/A/Src/App.fx.yaml"}) {
		t.Errorf("index changed since HEAD: %q %v %v", changed, all, err)
	}
	changed, _, _ = repo.WorkTree().ChangedSince("HEAD")
	if !reflect.DeepEqual(changed, []string{"apps/A/Src/App.fx.yaml", "apps/A/Src/Screen1.fx.yaml"}) {
		t.Errorf("work tree changed since HEAD: %q (untracked files count)", changed)
	}
	if _, all, _ := repo.Index().ChangedSince("ORIG_HEAD"); !all {
		t.Errorf("a base that is no commit must count everything as changed")
	}
	if repo.HasCommit("nosuchrev") || !repo.HasCommit("HEAD") {
		t.Errorf("HasCommit wrong")
	}
	if _, err := repo.Commit("nosuchrev").Paths(); err == nil {
		t.Errorf("a bad revision listed files")
	} else if want := "git ls-tree -r -z --full-tree nosuchrev: "; len(err.Error()) < len(want) || err.Error()[:len(want)] != want {
		t.Errorf("error %q does not name the git command", err)
	}

	if rel, err := repo.TopRelative("."); err != nil || rel != "apps/A/Src" {
		t.Errorf("TopRelative(.) = %q %v", rel, err)
	}
	var outside *OutsideError
	if _, err := repo.TopRelative(filepath.Dir(top)); !errors.As(err, &outside) {
		t.Errorf("a path outside the repository: %v", err)
	}
	if got, want := repo.Display("apps/A"), ".."; got != want {
		t.Errorf("Display(apps/A) from apps/A/Src = %q, want %q", got, want)
	}
}
