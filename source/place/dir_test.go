package place

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
)

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, body := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func fileNames(a *AppFiles) []string {
	var out []string
	for _, f := range a.Files {
		out = append(out, f.Path)
	}
	sort.Strings(out)
	return out
}

func TestDirReadsAnAppAndNotWhatLeadsOut(t *testing.T) {
	top := t.TempDir()
	writeTree(t, top, map[string]string{
		"secret.txt":                   "not yours",
		"app/CanvasManifest.json":      "{}",
		"app/Src/App.fx.yaml":          "App As appinfo:\n",
		"app/.git/config":              "skipped",
		"app/Assets/Images/a.png.link": "",
	})
	app := filepath.Join(top, "app")
	if err := os.Symlink("../../secret.txt", filepath.Join(app, "Src", "Out.fx.yaml")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	if err := os.Symlink("App.fx.yaml", filepath.Join(app, "Src", "Alias.fx.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("nowhere", filepath.Join(app, "Src", "Dangling.fx.yaml")); err != nil {
		t.Fatal(err)
	}
	for _, place := range []struct {
		name string
		dir  Dir
		root string
	}{{"app folder", Dir{os.DirFS(app)}, "."}, {"sub-folder of the top", Dir{os.DirFS(top)}, "app"}} {
		got, err := place.dir.App(place.root)
		if err != nil {
			t.Fatalf("%s: %v", place.name, err)
		}
		want := []string{"Assets/Images/a.png.link", "CanvasManifest.json", "Src/Alias.fx.yaml", "Src/App.fx.yaml"}
		if names := fileNames(got); !reflect.DeepEqual(names, want) {
			t.Errorf("%s: read %q, want %q", place.name, names, want)
		}
		if len(got.Unread) != 1 || got.Unread[0].Path != "Src/Out.fx.yaml" || got.Unread[0].OverLimit {
			t.Errorf("%s: unread %+v, want the link out of the app", place.name, got.Unread)
		}
	}
}

func TestDirLeavesOutFilesOverTheLimit(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"CanvasManifest.json": "{}"})
	f, err := os.Create(filepath.Join(dir, "big.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFileSize + 1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	got, err := Dir{os.DirFS(dir)}.App(".")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Unread) != 1 || got.Unread[0] != TooLarge("big.json") {
		t.Errorf("unread %+v, want big.json over the limit", got.Unread)
	}
}

func TestAppsAt(t *testing.T) {
	top := t.TempDir()
	writeTree(t, top, map[string]string{
		"apps/A/CanvasManifest.json":   "{}",
		"apps/A/Src/Screen1.fx.yaml":   "",
		"apps/B/x/CanvasManifest.json": "{}",
		"docs/readme.md":               "",
	})
	got, err := AppsAt(filepath.Join(top, "apps"))
	want := []string{filepath.Join(top, "apps", "A"), filepath.Join(top, "apps", "B", "x")}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("below: %q %v, want %q", got, err, want)
	}
	got, err = AppsAt(filepath.Join(top, "apps", "A", "Src", "Screen1.fx.yaml"))
	if err != nil || len(got) != 1 || !sameFile(got[0], filepath.Join(top, "apps", "A")) {
		t.Errorf("above: %q %v, want the app holding the file", got, err)
	}
	_, err = AppsAt(filepath.Join(top, "docs"))
	var none *NoAppError
	if !errors.As(err, &none) {
		t.Errorf("no app: %v, want a NoAppError", err)
	}
}

func sameFile(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// The reason given for a file over the limit names the limit in MiB.
func TestTooLargeWhyNamesTheLimit(t *testing.T) {
	if want := fmt.Sprintf("larger than %d MiB, far more than any app source file: not read", MaxFileSize>>20); TooLargeWhy != want {
		t.Errorf("TooLargeWhy = %q, want %q", TooLargeWhy, want)
	}
}
