package gitsetup

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// newTestRepo makes a fresh repository (bare or not) with an isolated git
// environment: its own HOME, no system config, a fixed identity.
func newTestRepo(t *testing.T, bare bool) *Git {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	isolateGit(t)
	dir := filepath.Join(t.TempDir(), "repo")
	args := []string{"init", "-q"}
	if bare {
		args = append(args, "--bare")
	}
	if _, err := (&Git{}).Run(append(args, dir)...); err != nil {
		t.Fatal(err)
	}
	return &Git{Dir: dir}
}

func isolateGit(t *testing.T) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_AUTHOR_NAME", "Test")
	t.Setenv("GIT_AUTHOR_EMAIL", "test@example.com")
	t.Setenv("GIT_COMMITTER_NAME", "Test")
	t.Setenv("GIT_COMMITTER_EMAIL", "test@example.com")
	for _, v := range []string{"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT"} {
		t.Setenv(v, "") // restored after the test
		os.Unsetenv(v)
	}
}
