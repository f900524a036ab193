// Package gitexec runs the git command line: explicit arguments, never a shell, and an
// error that says which git command failed and what git said. gitsetup and
// source/place both run git through it.
package gitexec

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// Error is a git command that failed: it could not start, or exited non-zero.
type Error struct {
	Args   []string
	Code   int // exit code; -1 when git could not be started
	Stderr string
	Err    error
}

func (e *Error) Error() string {
	msg := strings.TrimSpace(e.Stderr)
	if msg == "" && e.Err != nil {
		msg = e.Err.Error()
	}
	if msg == "" {
		msg = fmt.Sprintf("exit status %d", e.Code)
	}
	return fmt.Sprintf("git %s: %s", strings.Join(e.Args, " "), msg)
}

func (e *Error) Unwrap() error { return e.Err }

// Run runs program ("" for git looked up on PATH) with args in dir ("" for the
// current directory), feeding it stdin when not "", and returns its standard output.
func Run(dir, program, stdin string, args ...string) (string, error) {
	if program == "" {
		program = "git"
	}
	cmd := exec.Command(program, args...)
	cmd.Dir = dir
	if stdin != "" {
		cmd.Stdin = strings.NewReader(stdin)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		code := -1
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		}
		return stdout.String(), &Error{Args: args, Code: code, Stderr: stderr.String(), Err: err}
	}
	return stdout.String(), nil
}
