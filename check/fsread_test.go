package check

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// symlinkApp writes a small app into a temporary folder and returns its root, the app
// being in root/app so that links can point just outside it.
func symlinkApp(t *testing.T) (root, app string) {
	t.Helper()
	root = t.TempDir()
	app = filepath.Join(root, "app")
	write := func(rel, content string) {
		p := filepath.Join(app, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("CanvasManifest.json", `{"ScreenOrder": ["Screen1", "Screen2"]}`)
	write("Src/Screen1.fx.yaml", "Screen1 As screen:\n")
	write("Other/notes.txt", "notes\n")
	if err := os.WriteFile(filepath.Join(root, "secret.txt"), []byte("TOP SECRET\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("notes.txt", filepath.Join(app, "Other", "same.txt")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	return root, app
}

func link(t *testing.T, target, at string) {
	t.Helper()
	if err := os.Symlink(target, at); err != nil {
		t.Fatal(err)
	}
}

// Issue 14: a source file linked to /dev/zero made check read forever; one linked
// outside the repository was read. Neither is followed now, and the finding names the
// file.
func TestCheckFSSymlinks(t *testing.T) {
	root, app := symlinkApp(t)
	link(t, "/dev/zero", filepath.Join(app, "Src", "Screen2.fx.yaml"))
	link(t, "../Src", filepath.Join(app, "Other", "folder"))
	link(t, "../../secret.txt", filepath.Join(app, "Other", "secret.txt"))
	link(t, "loop2", filepath.Join(app, "Other", "loop1"))
	link(t, "loop1", filepath.Join(app, "Other", "loop2"))
	link(t, "missing.txt", filepath.Join(app, "Other", "dangling.txt"))
	link(t, root, filepath.Join(app, "Other", "up"))
	link(t, "up/secret.txt", filepath.Join(app, "Other", "through.txt"))

	done := make(chan struct{})
	var rep *Report
	var err error
	go func() {
		rep, err = CheckFS(os.DirFS(app))
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("CheckFS did not return: it follows a link it must not")
	}
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.String())
		if strings.Contains(f.Message(), "TOP SECRET") {
			t.Errorf("a finding quotes a file outside the app: %s", f)
		}
	}
	want := []string{
		"Other/folder: error: symbolic link to ../Src, which is not a regular file: not read",
		"Other/loop1: error: symbolic link chain longer than 8 links: not read",
		"Other/loop2: error: symbolic link chain longer than 8 links: not read",
		"Other/secret.txt: error: symbolic link to ../../secret.txt, outside the app: not read",
		"Other/through.txt: error: symbolic link to up/secret.txt, through the linked folder Other/up: not read",
		"Other/up: error: symbolic link to " + root + ", outside the app: not read",
		// Not read, so what it defines is unknown: ScreenOrder's Screen2 is not reported.
		"Src/Screen2.fx.yaml: error: symbolic link to /dev/zero, outside the app: not read",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A link to a file inside the app is read like the file (no finding), and a file over
// MaxFileSize is not read.
func TestCheckFSInsideLinkAndSize(t *testing.T) {
	_, app := symlinkApp(t)
	big := filepath.Join(app, "Other", "big.bin")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFileSize + 1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	rep, err := CheckFS(os.DirFS(app))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.String())
	}
	want := []string{
		"CanvasManifest.json:1: error: ScreenOrder lists 'Screen2', which is not a screen of the app: no Src/*.fx.yaml file defines it",
		"Other/big.bin: error: larger than 64 MiB, far more than any app source file: not read",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, f := range rep.Findings {
		if f.OverLimit != (f.File == "Other/big.bin") {
			t.Errorf("%s: OverLimit = %v", f, f.OverLimit)
		}
	}
}

// CheckFiles (the gate's and `check --rev`'s entry point) bounds a file as CheckFS does:
// one over MaxFileSize is a `file` error naming it, and the rest of the app is checked.
func TestCheckFilesTooLarge(t *testing.T) {
	rep, err := CheckFiles(map[string][]byte{
		"CanvasManifest.json": []byte(`{"ScreenOrder": ["Screen1"]}`),
		"Src/Screen1.fx.yaml": []byte("Screen1 As screen:\n"),
		"Src/Screen2.fx.yaml": make([]byte, MaxFileSize+1),
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.String())
	}
	want := []string{"Src/Screen2.fx.yaml: error: larger than 64 MiB, far more than any app source file: not read"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(rep.Findings) == 1 && !rep.Findings[0].OverLimit {
		t.Errorf("the finding of a file over MaxFileSize is not marked OverLimit")
	}
}
