package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitSandbox isolates git (own HOME, no system config) and moves into a fresh
// directory that is not inside any repository.
func gitSandbox(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	work := t.TempDir()
	home := filepath.Join(work, "home")
	if err := os.MkdirAll(home, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_CEILING_DIRECTORIES", work)
	for _, v := range []string{"GIT_DIR", "GIT_WORK_TREE", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT"} {
		t.Setenv(v, "")
		os.Unsetenv(v)
	}
	dir := filepath.Join(work, "dir")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	return dir
}

func runCmd(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestSetupExitCodes(t *testing.T) {
	dir := gitSandbox(t)

	// Outside a repository.
	for _, tt := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"install", "--bogus"}, exitUsage, "canvasgit install: unknown flag: --bogus"},
		{[]string{"install", "--local", "--system"}, exitUsage, "choose one of --local, --system"},
		{[]string{"install"}, exitUsage, "not inside a git repository"},
		{[]string{"install", "--local"}, exitUsage, "not inside a git repository"},
		{[]string{"install", "--global", "--attributes"}, exitUsage, "not inside a git repository"},
		{[]string{"uninstall"}, exitUsage, "not inside a git repository"},
		{[]string{"uninstall", "--global", "--system"}, exitUsage, "choose one of"},
		{[]string{"doctor", "--format", "yaml"}, exitUsage, "unknown --format"},
		{[]string{"doctor", "a", "b"}, exitUsage, "one PATH at most"},
		{[]string{"install", "-h"}, exitOK, ""}, // the help is on stdout: help.txtar
		{[]string{"install", "--global"}, exitOK, ""},
		{[]string{"uninstall", "--global"}, exitOK, ""},
	} {
		code, _, stderr := runCmd(tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.msg) {
			t.Errorf("%q: exit %d, stderr %q; want exit %d and %q", tt.args, code, stderr, tt.code, tt.msg)
		}
	}

	// Inside a repository.
	if out, err := exec.Command("git", "init", "-q", dir).CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	if code, _, stderr := runCmd("doctor"); code != exitConflict {
		t.Errorf("doctor before install: exit %d, stderr %q", code, stderr)
	}
	if code, stdout, stderr := runCmd("install"); code != exitOK || !strings.Contains(stdout, "set merge.canvasgit.driver (local)") {
		t.Errorf("install: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if out, err := exec.Command("git", "config", "merge.canvasgit.name", "someone else's").CombinedOutput(); err != nil {
		t.Fatalf("git config: %v\n%s", err, out)
	}
	if code, stdout, _ := runCmd("install"); code != exitConflict || !strings.Contains(stdout, "refused merge.canvasgit.name (local)") {
		t.Errorf("install over a foreign value: exit %d, stdout %q", code, stdout)
	}
	if code, stdout, _ := runCmd("install", "--force"); code != exitOK || !strings.Contains(stdout, "overwrote merge.canvasgit.name (local)") {
		t.Errorf("install --force: exit %d, stdout %q", code, stdout)
	}
	if code, _, stderr := runCmd("uninstall", "--attributes"); code != exitOK {
		t.Errorf("uninstall: exit %d, stderr %q", code, stderr)
	}
}
