package place

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// gitCmd runs git in one directory ("" for the current one). Errors read
// `git ARGS: what git said`, as gitsetup's do: the command line prints them as they
// are.
type gitCmd struct{ dir string }

// GitError is a git command that failed: it could not start, or exited non-zero.
type GitError struct {
	Args   []string
	Code   int // exit code; -1 when git could not be started
	Stderr string
	Err    error
}

func (e *GitError) Error() string {
	msg := strings.TrimSpace(e.Stderr)
	if msg == "" && e.Err != nil {
		msg = e.Err.Error()
	}
	if msg == "" {
		msg = fmt.Sprintf("exit status %d", e.Code)
	}
	return fmt.Sprintf("git %s: %s", strings.Join(e.Args, " "), msg)
}

func (e *GitError) Unwrap() error { return e.Err }

func (g gitCmd) run(args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = g.dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		code := -1
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		}
		return stdout.String(), &GitError{Args: args, Code: code, Stderr: stderr.String(), Err: err}
	}
	return stdout.String(), nil
}

// splitZ splits git's NUL-terminated output.
func splitZ(s string) []string {
	s = strings.TrimSuffix(s, "\x00")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\x00")
}
