package linemerge

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// gitRef runs `git merge-file -p` as the reference implementation.
type gitRef struct {
	git string
	dir string
	env []string
}

// newGitRef finds git or skips the test. Config is isolated so a user's
// merge.conflictStyle cannot change the reference output.
func newGitRef(tb testing.TB) *gitRef {
	tb.Helper()
	git, err := exec.LookPath("git")
	if err != nil {
		tb.Skip("git not found; skipping comparison with git merge-file")
	}
	dir := tb.TempDir()
	env := append(os.Environ(),
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_GLOBAL="+os.DevNull,
		"HOME="+dir,
		"GIT_CEILING_DIRECTORIES="+filepath.Dir(dir),
	)
	return &gitRef{git: git, dir: dir, env: env}
}

// mergeFile returns git's merged bytes and its exit status (the number of
// conflicts, capped at 127).
func (g *gitRef) mergeFile(tb testing.TB, base, ours, theirs []byte, opt Options) ([]byte, int) {
	tb.Helper()
	files := []string{"ours", "base", "theirs"}
	for i, b := range [][]byte{ours, base, theirs} {
		if err := os.WriteFile(filepath.Join(g.dir, files[i]), b, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	out, code := g.run(tb, gitArgs(opt, files))
	return out, code
}

func gitArgs(opt Options, files []string) []string {
	args := []string{"merge-file", "-p", "-q"}
	switch opt.Style {
	case StyleDiff3:
		args = append(args, "--diff3")
	case StyleZDiff3:
		args = append(args, "--zdiff3")
	}
	switch opt.Favor {
	case FavorOurs:
		args = append(args, "--ours")
	case FavorTheirs:
		args = append(args, "--theirs")
	}
	if opt.MarkerSize > 0 {
		args = append(args, "--marker-size="+strconv.Itoa(opt.MarkerSize))
	}
	args = append(args, "-L", opt.OursLabel, "-L", opt.BaseLabel, "-L", opt.TheirsLabel)
	return append(args, files...)
}

func (g *gitRef) run(tb testing.TB, args []string) ([]byte, int) {
	tb.Helper()
	cmd := exec.Command(g.git, args...)
	cmd.Dir = g.dir
	cmd.Env = g.env
	out, err := cmd.Output()
	code := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() < 0 {
			tb.Fatalf("git %v: %v", args, err)
		}
		code = ee.ExitCode()
		if code > 127 {
			tb.Fatalf("git %v failed (%d): %s", args, code, ee.Stderr)
		}
	}
	return out, code
}
