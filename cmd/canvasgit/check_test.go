package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/check"
	"github.com/canvasgit/canvasgit/gitsetup"
)

// writeApp writes a small app: two screens, Button1 on Screen1, and extra files.
func writeApp(t *testing.T, dir string, extra map[string]string) {
	t.Helper()
	files := map[string]string{
		"CanvasManifest.json":   `{"FormatVersion": "0.24", "ScreenOrder": ["Screen1", "Screen2"]}`,
		"ControlTemplates.json": `{"button": {"Name": "button", "Version": "2.0.1"}, "label": {"Name": "label", "Version": "2.3.2"}}`,
		"Src/App.fx.yaml":       "App As appinfo:\n\n",
		"Src/Screen1.fx.yaml":   "Screen1 As screen:\n\n    Button1 As button:\n        OnSelect: =Navigate(Screen2)\n\n",
		"Src/Screen2.fx.yaml":   "Screen2 As screen:\n\n    Label1 As label:\n        Text: =\"Two\"\n\n",
	}
	for k, v := range extra {
		files[k] = v
	}
	for p, c := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCheckExitCodes(t *testing.T) {
	dir := gitSandbox(t) // not inside a repository
	writeApp(t, filepath.Join(dir, "clean"), nil)
	writeApp(t, filepath.Join(dir, "dup"), map[string]string{
		"Src/Screen2.fx.yaml": "Screen2 As screen:\n\n    Button1 As button:\n        Text: =\"Two\"\n\n",
	})
	writeApp(t, filepath.Join(dir, "warn"), map[string]string{
		"Src/Screen2.fx.yaml": "Screen2 As screen:\n\n    Label1 As label:\n        Text: =Label7.Text\n\n",
	})
	if err := os.MkdirAll(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}

	for _, tt := range []struct {
		args        []string
		code        int
		out, errMsg string
	}{
		{[]string{"check", "clean"}, exitOK, "", "canvasgit check: 1 app, 2 screens, 2 controls: no problems"},
		{[]string{"check", "dup"}, exitConflict, "dup" + string(filepath.Separator) + filepath.Join("Src", "Screen2.fx.yaml") + ":3: error: control name 'Button1'", "1 error, 0 warnings in 1 app"},
		{[]string{"check", "warn"}, exitOK, "warning: Label1.Text refers to control 'Label7'", "0 errors, 1 warning in 1 app"},
		{[]string{"check", "clean", "warn", "clean/Src"}, exitOK, "warning:", "in 2 apps"},
		{[]string{"check"}, exitConflict, "error:", "1 error, 1 warning in 3 apps"},
		{[]string{"check", "--format", "yaml"}, exitUsage, "", "--format must be text or json"},
		{[]string{"check", "--bogus"}, exitUsage, "", "canvasgit check: unknown flag: --bogus"},
		{[]string{"check", "missing"}, exitUsage, "", "missing"},
		{[]string{"check", "empty"}, exitUsage, "", "no canvas app"},
		{[]string{"check", "--cached", "--rev", "HEAD"}, exitUsage, "", "choose one of --cached, --rev"},
		{[]string{"check", "--cached"}, exitUsage, "", "need a git work tree"},
		{[]string{"check", "-h"}, exitOK, "usage: canvasgit check", ""},
	} {
		code, out, errOut := runCmd(tt.args...)
		if code != tt.code || !strings.Contains(out, tt.out) || !strings.Contains(errOut, tt.errMsg) {
			t.Errorf("%v: code %d\nstdout: %s\nstderr: %s\nwant code %d, stdout containing %q, stderr containing %q",
				tt.args, code, out, errOut, tt.code, tt.out, tt.errMsg)
		}
	}

	code, out, errOut := runCmd("check", "--format", "json", "dup", "clean")
	if code != exitConflict || errOut != "" {
		t.Fatalf("json: code %d, stderr %q", code, errOut)
	}
	var doc struct {
		Apps []struct {
			Root     string
			Errors   int
			Findings []struct {
				Severity, Check, File, Message string
				Line                           int
				Related                        []struct {
					File string
					Line int
				}
			}
		}
		Errors, Warnings int
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("json output: %v\n%s", err, out)
	}
	if doc.Errors != 1 || doc.Warnings != 0 || len(doc.Apps) != 2 || doc.Apps[0].Root != "dup" || doc.Apps[1].Errors != 0 {
		t.Fatalf("json summary: %+v", doc)
	}
	f := doc.Apps[0].Findings[0]
	if f.Severity != "error" || f.Check != "duplicate-name" || f.File != "dup/Src/Screen2.fx.yaml" || f.Line != 3 ||
		len(f.Related) != 1 || f.Related[0].File != "dup/Src/Screen1.fx.yaml" || f.Related[0].Line != 3 ||
		!strings.Contains(f.Message, "dup/Src/Screen1.fx.yaml:3") {
		t.Errorf("json finding: %+v", f)
	}
}

func TestInstallHooksFlag(t *testing.T) {
	dir := gitSandbox(t)
	if code, _, errOut := runCmd("install", "--global", "--hooks"); code != exitUsage || !strings.Contains(errOut, "--hooks writes the repository's hooks") {
		t.Errorf("install --hooks outside a repository: %d %q", code, errOut)
	}
	if code, _, errOut := runCmd("uninstall", "--global", "--hooks"); code != exitUsage || !strings.Contains(errOut, "--hooks cleans the repository's hooks") {
		t.Errorf("uninstall --hooks outside a repository: %d %q", code, errOut)
	}

	repo := filepath.Join(dir, "repo")
	if _, err := gitRun(t, dir, "init", "-q", repo); err != nil {
		t.Fatal(err)
	}
	t.Chdir(repo)
	py := "#!/usr/bin/env python3\nprint('team')\n"
	hook := filepath.Join(repo, ".git", "hooks", "pre-commit")
	if err := os.WriteFile(hook, []byte(py), 0o755); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCmd("install", "--hooks")
	if code != exitConflict || !strings.Contains(errOut, "cannot add canvasgit's block to .git/hooks/pre-commit: it is a python3 script") ||
		!strings.Contains(errOut, "no hook was changed") {
		t.Errorf("install --hooks with a python hook: %d\n%s", code, errOut)
	}
	if data, _ := os.ReadFile(hook); string(data) != py {
		t.Errorf("python hook changed: %q", data)
	}
	if _, err := os.Stat(filepath.Join(repo, ".git", "hooks", "post-merge")); !os.IsNotExist(err) {
		t.Errorf("post-merge written although install refused")
	}

	bare := filepath.Join(dir, "bare.git")
	if _, err := gitRun(t, dir, "init", "-q", "--bare", bare); err != nil {
		t.Fatal(err)
	}
	t.Chdir(bare)
	if code, _, errOut := runCmd("install", "--hooks"); code != exitUsage || !strings.Contains(errOut, "bare repository") {
		t.Errorf("install --hooks in a bare repository: %d %q", code, errOut)
	}
}

func gitRun(t *testing.T, dir string, args ...string) (string, error) {
	t.Helper()
	return (&gitsetup.Git{Dir: dir}).Run(args...)
}

// A blob over check.MaxFileSize in a commit is reported by `check --rev` like a work
// tree file over it, and the blobs after it in git cat-file's answer are still read
// right (the reader skips the rest of the big one).
func TestCheckRevLargeBlob(t *testing.T) {
	dir := gitSandbox(t)
	if _, err := gitRun(t, dir, "init", "-q"); err != nil {
		t.Fatal(err)
	}
	writeApp(t, dir, map[string]string{
		"Src/Screen2.fx.yaml": "Screen2 As screen:\n\n    Button1 As button:\n        Text: =\"Two\"\n\n",
	})
	if err := os.MkdirAll(filepath.Join(dir, "Assets"), 0o755); err != nil {
		t.Fatal(err)
	}
	big, err := os.Create(filepath.Join(dir, "Assets", "big.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(check.MaxFileSize + 10); err != nil {
		t.Fatal(err)
	}
	big.Close()
	for _, args := range [][]string{{"add", "."}, {"-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "app"}} {
		if _, err := gitRun(t, dir, args...); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := runCmd("check", "--rev", "HEAD")
	want := []string{
		"Assets/big.bin: error: larger than 64 MiB, far more than any app source file: not read",
		"Src/Screen2.fx.yaml:3: error: control name 'Button1'",
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("check --rev HEAD: stdout lacks %q\nstdout: %s\nstderr: %s", w, out, errOut)
		}
	}
	// A file canvasgit could not check means it cannot judge the app: exit 2, saying so.
	if code != exitUsage || !strings.Contains(errOut, "1 file larger than 64 MiB not checked") {
		t.Errorf("check --rev HEAD: exit %d, stderr %q; want exit %d and the file limit named", code, errOut, exitUsage)
	}
}
