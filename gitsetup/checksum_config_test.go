package gitsetup

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// unsetenv removes k for the test and puts it back after.
func unsetenv(t *testing.T, k string) {
	t.Helper()
	if old, ok := os.LookupEnv(k); ok {
		t.Cleanup(func() { os.Setenv(k, old) })
	}
	os.Unsetenv(k)
}

// checksumEnv isolates git from the machine's configuration: a fresh HOME, no system
// file (the one scope ChecksumSetting does not read), no inherited GIT_* variables.
func checksumEnv(t *testing.T) (home string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	home = t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	for _, k := range []string{"XDG_CONFIG_HOME", "GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_CONFIG",
		"GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT", "GIT_CEILING_DIRECTORIES"} {
		unsetenv(t, k)
	}
	return home
}

func gitIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// ChecksumSetting gives what the driver got before it read the files itself (git
// config, through ReadDriverConfig) wherever it says it is certain, in every place a
// user sets canvasgit.checksum; where it is not certain it says so.
func TestChecksumSettingAgreesWithGitConfig(t *testing.T) {
	type setup func(t *testing.T, home, repo string)
	local := func(text string) setup {
		return func(t *testing.T, home, repo string) {
			f, err := os.OpenFile(filepath.Join(repo, ".git", "config"), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			f.WriteString(text)
		}
	}
	cases := []struct {
		name      string
		setup     setup
		uncertain bool
	}{
		{"nothing set", func(*testing.T, string, string) {}, false},
		{"repository", local("[canvasgit]\n\tchecksum = ours\n"), false},
		{"repository, spelled loosely", local("[CanvasGit]\n  Checksum = \"our\"\"s\" ; a comment\n"), false},
		{"repository, two values", local("[canvasgit]\nchecksum = theirs\nchecksum = ours # last wins\n"), false},
		{"repository, old section syntax", local("[canvasgit.sub]\nchecksum = theirs\n[canvasgit]\nchecksum = ours\n"), false},
		{"repository, a key alone", local("[canvasgit]\n\tchecksum\n"), false},
		{"repository, CRLF lines", local("[canvasgit]\r\n\tchecksum = ours \r\n"), false},
		{"user file", func(t *testing.T, home, _ string) {
			writeFile(t, filepath.Join(home, ".gitconfig"), "[canvasgit]\nchecksum = ours\n")
		}, false},
		{"XDG file, then the user file over it", func(t *testing.T, home, _ string) {
			writeFile(t, filepath.Join(home, ".config", "git", "config"), "[canvasgit]\nchecksum = ours\n")
			writeFile(t, filepath.Join(home, ".gitconfig"), "[canvasgit]\nchecksum = theirs\n")
		}, false},
		{"XDG_CONFIG_HOME", func(t *testing.T, home, _ string) {
			x := filepath.Join(home, "xdg")
			t.Setenv("XDG_CONFIG_HOME", x)
			writeFile(t, filepath.Join(x, "git", "config"), "[canvasgit]\nchecksum = ours\n")
		}, false},
		{"GIT_CONFIG_GLOBAL", func(t *testing.T, home, _ string) {
			g := filepath.Join(home, "elsewhere.gitconfig")
			writeFile(t, g, "[canvasgit]\nchecksum = ours\n")
			writeFile(t, filepath.Join(home, ".gitconfig"), "[canvasgit]\nchecksum = theirs\n") // not read
			t.Setenv("GIT_CONFIG_GLOBAL", g)
		}, false},
		{"repository over user", func(t *testing.T, home, repo string) {
			writeFile(t, filepath.Join(home, ".gitconfig"), "[canvasgit]\nchecksum = theirs\n")
			local("[canvasgit]\nchecksum = ours\n")(t, home, repo)
		}, false},
		{"git -c, current form", func(t *testing.T, home, repo string) {
			local("[canvasgit]\nchecksum = theirs\n")(t, home, repo)
			t.Setenv("GIT_CONFIG_PARAMETERS", `'core.bare'='false' 'canvasgit.checksum'='ours'`)
		}, false},
		{"git -c, older form", func(t *testing.T, _, _ string) {
			t.Setenv("GIT_CONFIG_PARAMETERS", `'canvasgit.checksum=ours'`)
		}, false},
		{"git -c, quote in a value", func(t *testing.T, _, _ string) {
			t.Setenv("GIT_CONFIG_PARAMETERS", `'canvasgit.checksum'='it'\''s' 'user.name'='x'`)
		}, false},
		{"GIT_CONFIG_COUNT", func(t *testing.T, _, _ string) {
			t.Setenv("GIT_CONFIG_COUNT", "2")
			t.Setenv("GIT_CONFIG_KEY_0", "canvasgit.Checksum")
			t.Setenv("GIT_CONFIG_VALUE_0", "theirs")
			t.Setenv("GIT_CONFIG_KEY_1", "canvasgit.checksum")
			t.Setenv("GIT_CONFIG_VALUE_1", "ours")
		}, false},
		{"an include in the repository", local("[include]\n\tpath = other.config\n"), true},
		{"a conditional include for the user", func(t *testing.T, home, _ string) {
			writeFile(t, filepath.Join(home, ".gitconfig"), "[includeIf \"gitdir:~/\"]\n\tpath = more\n")
		}, true},
		{"an include through -c", func(t *testing.T, _, _ string) {
			t.Setenv("GIT_CONFIG_PARAMETERS", `'include.path'='/x'`)
		}, true},
		{"GIT_CONFIG", func(t *testing.T, home, _ string) { t.Setenv("GIT_CONFIG", filepath.Join(home, "c")) }, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			home := checksumEnv(t)
			repo := filepath.Join(home, "repo")
			gitIn(t, home, "init", "-q", repo)
			c.setup(t, home, repo)
			t.Chdir(repo)
			got, ok := ChecksumSetting(os.LookupEnv, repo)
			if c.uncertain {
				if ok {
					t.Fatalf("ChecksumSetting = %q, certain; want uncertain", got)
				}
				return
			}
			want := ReadDriverConfig().Checksum
			if !ok || got != want {
				t.Errorf("ChecksumSetting = %q, %v; git config says %q", got, ok, want)
			}
		})
	}
}

// A linked work tree reads the main repository's config, then its own config.worktree
// when extensions.worktreeConfig is on; GIT_DIR names a bare repository.
func TestChecksumSettingWorktreesAndGitDir(t *testing.T) {
	home := checksumEnv(t)
	repo := filepath.Join(home, "repo")
	gitIn(t, home, "init", "-q", repo)
	gitIn(t, repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "x")
	gitIn(t, repo, "config", "canvasgit.checksum", "theirs")
	wt := filepath.Join(home, "wt")
	gitIn(t, repo, "worktree", "add", "-q", wt)
	check := func(dir, label string) {
		t.Helper()
		t.Chdir(dir)
		want := ReadDriverConfig().Checksum
		got, ok := ChecksumSetting(os.LookupEnv, dir)
		if !ok || got != want {
			t.Errorf("%s: ChecksumSetting = %q, %v; git config says %q", label, got, ok, want)
		}
	}
	check(wt, "linked work tree, shared config")
	gitIn(t, repo, "config", "extensions.worktreeConfig", "true")
	gitIn(t, wt, "config", "--worktree", "canvasgit.checksum", "ours")
	check(wt, "linked work tree, its config.worktree")
	check(repo, "main work tree, no config.worktree of its own")

	bare := filepath.Join(home, "bare.git")
	gitIn(t, home, "init", "-q", "--bare", bare)
	gitIn(t, bare, "config", "canvasgit.checksum", "ours")
	t.Setenv("GIT_DIR", bare)
	check(home, "GIT_DIR")
}
