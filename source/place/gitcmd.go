package place

import (
	"strings"

	"github.com/canvasgit/canvasgit/internal/gitexec"
)

// gitCmd runs git in one directory ("" for the current one). Errors read
// `git ARGS: what git said` (a *GitError): the command line prints them as they are.
type gitCmd struct{ dir string }

// GitError is a git command that failed: it could not start, or exited non-zero.
type GitError = gitexec.Error

func (g gitCmd) run(args ...string) (string, error) {
	return gitexec.Run(g.dir, "", "", args...)
}

// splitZ splits git's NUL-terminated output.
func splitZ(s string) []string {
	s = strings.TrimSuffix(s, "\x00")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\x00")
}
