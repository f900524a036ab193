package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary act as canvasgit, so scripts (and git itself, as a merge
// driver) can run it from PATH.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"canvasgit": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: the real binary driving
// real git.
func TestScripts(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	testscript.Run(t, testscript.Params{
		Dir:   "testdata/script",
		Setup: setupGitEnv,
		Cmds:  scriptCmds(),
		// [corpus]: the shared corpus's msapps are there ($CORPUS/msapp).
		Condition: func(cond string) (bool, error) {
			if cond == "corpus" {
				return corpus.Sub("msapp") != "", nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
	})
}

// scriptCmds are the commands scripts may use besides testscript's own.
func scriptCmds() map[string]func(*testscript.TestScript, bool, []string) {
	cmds := map[string]func(*testscript.TestScript, bool, []string){"stdout2env": stdoutToEnv}
	for name, f := range layoutCmds {
		cmds[name] = f
	}
	return cmds
}

// setupGitEnv gives each script an isolated git: its own HOME and global config, a
// fixed identity and no system config, so the developer's settings never leak in.
func setupGitEnv(env *testscript.Env) error {
	home := env.WorkDir + "/home"
	if err := os.MkdirAll(home, 0o755); err != nil {
		return err
	}
	env.Setenv("HOME", home)
	env.Setenv("XDG_CONFIG_HOME", home+"/.config")
	env.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	env.Setenv("GIT_AUTHOR_NAME", "Test")
	env.Setenv("GIT_AUTHOR_EMAIL", "test@example.com")
	env.Setenv("GIT_COMMITTER_NAME", "Test")
	env.Setenv("GIT_COMMITTER_EMAIL", "test@example.com")
	env.Setenv("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z")
	env.Setenv("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z")
	env.Setenv("GIT_MERGE_AUTOEDIT", "no")
	env.Setenv("GIT_PAGER", "cat")
	// The shared corpus, for scripts that build apps from real msapps; scripts skip
	// when $CORPUS/msapp is not there.
	env.Setenv("CORPUS", corpus.Root())
	return nil
}

// stdoutToEnv sets an environment variable to the first line of the last command's
// stdout (scripts use it to pass a tree or commit id to the next git command).
func stdoutToEnv(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: stdout2env NAME")
	}
	first, _, _ := strings.Cut(ts.ReadFile("stdout"), "\n")
	ts.Setenv(args[0], strings.TrimSpace(first))
}
