package gitexec

import (
	"errors"
	"os/exec"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not found")
	}
	out, err := Run(t.TempDir(), "", "a\x00b\n", "hash-object", "--stdin")
	if err != nil || len(strings.TrimSpace(out)) != 40 {
		t.Errorf("hash-object of stdin: %q %v", out, err)
	}
	_, err = Run(t.TempDir(), "", "", "rev-parse", "--verify", "nosuchrev")
	var ge *Error
	if !errors.As(err, &ge) || ge.Code != 128 || !strings.HasPrefix(err.Error(), "git rev-parse --verify nosuchrev: fatal: ") {
		t.Errorf("a failing git: %v (%#v), want the command and git's message", err, ge)
	}
	_, err = Run("", "/no/such/git", "", "version")
	if !errors.As(err, &ge) || ge.Code != -1 || !strings.HasPrefix(err.Error(), "git version: ") {
		t.Errorf("a git that does not start: %v", err)
	}
}
