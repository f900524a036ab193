package gitsetup

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestAddRemoveHookBlock(t *testing.T) {
	block := preCommitBlock
	for _, tt := range []struct {
		name, in, want string // want: the result of AddHookBlock
	}{
		{"empty", "", hookCreatedHeader + block},
		{"whitespace", "\n \n", hookCreatedHeader + block},
		{"sh", "#!/bin/sh\necho team\nexec other-tool \"$@\"\n", "#!/bin/sh\n" + block + "echo team\nexec other-tool \"$@\"\n"},
		{"bash via env", "#!/usr/bin/env bash\nset -e\nexit 0\n", "#!/usr/bin/env bash\n" + block + "set -e\nexit 0\n"},
		{"sh -e, CRLF", "#!/bin/sh -e\r\necho team\r\n", "#!/bin/sh -e\r\n" + block + "echo team\r\n"},
		{"only a shebang", "#!/bin/sh", "#!/bin/sh\n" + block},
		{"Windows path", "#!C:/Git/usr/bin/sh.exe\necho x\n", "#!C:/Git/usr/bin/sh.exe\n" + block + "echo x\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := AddHookBlock([]byte(tt.in), block)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Fatalf("AddHookBlock:\n%s\nwant:\n%s", got, tt.want)
			}
			// Adding again keeps the file as it is.
			again, err := AddHookBlock(got, block)
			if err != nil || string(again) != string(got) {
				t.Errorf("second AddHookBlock changed the file (err %v):\n%s", err, again)
			}
			// Removing gives back the original bytes (or nothing, for a file we created).
			back, removed := RemoveHookBlock(got)
			want := tt.in
			if strings.TrimSpace(tt.in) == "" {
				want = ""
			} else if !strings.Contains(tt.in, "\n") {
				want = tt.in + "\n"
			}
			if !removed || string(back) != want {
				t.Errorf("RemoveHookBlock = %q, %v; want %q", back, removed, want)
			}
		})
	}

	// An older block of ours is replaced in place.
	old := "#!/bin/sh\necho before\n" + HookBegin + "\ncanvasgit check\n" + HookEnd + "\necho after\n"
	got, err := AddHookBlock([]byte(old), block)
	if err != nil {
		t.Fatal(err)
	}
	if want := "#!/bin/sh\necho before\n" + block + "echo after\n"; string(got) != want {
		t.Errorf("update:\n%s\nwant:\n%s", got, want)
	}

	// Hooks that are not shell scripts are refused.
	for _, in := range []string{
		"#!/usr/bin/env python3\nprint('x')\n",
		"#!/usr/bin/perl\n",
		"echo no shebang\n",
		"\x7fELF\x02\x01\x01\x00binary",
	} {
		_, err := AddHookBlock([]byte(in), block)
		var ns *NotShellError
		if !errors.As(err, &ns) {
			t.Errorf("AddHookBlock(%q): err = %v, want NotShellError", in, err)
		}
	}

	// A file without our block is left alone.
	if out, removed := RemoveHookBlock([]byte("#!/bin/sh\necho x\n")); removed || string(out) != "#!/bin/sh\necho x\n" {
		t.Errorf("RemoveHookBlock on a foreign hook: %q, %v", out, removed)
	}
}

func TestShebang(t *testing.T) {
	for in, want := range map[string]string{
		"#!/bin/sh\n":                  "sh",
		"#! /bin/bash -e\n":            "bash",
		"#!/usr/bin/env -S bash -e\n":  "bash",
		"#!/usr/bin/env VAR=1 sh\n":    "sh",
		"#!/usr/bin/env python3\n":     "python3",
		"#!C:\\Git\\bin\\bash.exe\r\n": "bash",
		"echo\n":                       "",
		"#!\n":                         "",
		"#!/usr/bin/env\n":             "",
	} {
		if got := shebang([]byte(in)); got != want {
			t.Errorf("shebang(%q) = %q, want %q", in, got, want)
		}
	}
}

// The hook blocks are valid sh.
func TestHookBlocksParse(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	for _, h := range Hooks() {
		cmd := exec.Command(sh, "-n")
		cmd.Stdin = strings.NewReader(hookCreatedHeader + h.Block)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s block: sh -n: %v\n%s", h.Name, err, out)
		}
	}
}

func TestInstallHooks(t *testing.T) {
	g := newTestRepo(t, false)
	hooks := filepath.Join(g.Dir, ".git", "hooks")
	team := "#!/bin/sh\necho team\n"
	if err := os.WriteFile(filepath.Join(hooks, "post-merge"), []byte(team), 0o755); err != nil {
		t.Fatal(err)
	}
	res, err := InstallHooks(g)
	if err != nil {
		t.Fatal(err)
	}
	if got := hookActions(res); got != "post-merge:added pre-commit:created" {
		t.Errorf("install: %s", got)
	}
	pc := filepath.Join(hooks, "pre-commit")
	if st, err := os.Stat(pc); err != nil {
		t.Fatal(err)
	} else if runtime.GOOS != "windows" && st.Mode().Perm()&0o111 == 0 {
		t.Errorf("created hook is not executable: %v", st.Mode())
	}
	res, err = InstallHooks(g)
	if err != nil || hookActions(res) != "post-merge:kept pre-commit:kept" {
		t.Errorf("second install: %s, %v", hookActions(res), err)
	}

	res, err = UninstallHooks(g)
	if err != nil || hookActions(res) != "post-merge:removed pre-commit:deleted" {
		t.Errorf("uninstall: %s, %v", hookActions(res), err)
	}
	if data, _ := os.ReadFile(filepath.Join(hooks, "post-merge")); string(data) != team {
		t.Errorf("team hook after uninstall: %q", data)
	}
	if _, err := os.Stat(pc); !os.IsNotExist(err) {
		t.Errorf("pre-commit still there: %v", err)
	}
	res, err = UninstallHooks(g)
	if err != nil || hookActions(res) != "post-merge:untouched pre-commit:untouched" {
		t.Errorf("second uninstall: %s, %v", hookActions(res), err)
	}
}

// core.hooksPath (relative to the work tree's top) is where git runs hooks from.
func TestInstallHooksHooksPath(t *testing.T) {
	g := newTestRepo(t, false)
	if _, err := g.Run("config", "core.hooksPath", ".githooks"); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(g.Dir, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	res, err := InstallHooks(&Git{Dir: sub})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if want := filepath.Join(g.Dir, ".githooks", r.Hook); !samePath(r.Path, want) {
			t.Errorf("%s hook at %s, want %s", r.Hook, r.Path, want)
		}
		if _, err := os.Stat(r.Path); err != nil {
			t.Error(err)
		}
	}
}

func samePath(a, b string) bool {
	ra, err1 := filepath.EvalSymlinks(a)
	rb, err2 := filepath.EvalSymlinks(b)
	return err1 == nil && err2 == nil && ra == rb
}

// A hook that cannot take the block stops install before anything is written.
func TestInstallHooksRefuses(t *testing.T) {
	g := newTestRepo(t, false)
	hooks := filepath.Join(g.Dir, ".git", "hooks")
	py := "#!/usr/bin/env python3\nprint('team')\n"
	if err := os.WriteFile(filepath.Join(hooks, "pre-commit"), []byte(py), 0o755); err != nil {
		t.Fatal(err)
	}
	res, err := InstallHooks(g)
	var refused *RefusedHooksError
	if !errors.As(err, &refused) {
		t.Fatalf("err = %v, want RefusedHooksError", err)
	}
	if got := hookActions(res); got != "post-merge:created pre-commit:refused" {
		t.Errorf("plan: %s", got)
	}
	if !strings.Contains(res[1].Reason, "python3 script") {
		t.Errorf("reason: %q", res[1].Reason)
	}
	if _, err := os.Stat(filepath.Join(hooks, "post-merge")); !os.IsNotExist(err) {
		t.Errorf("post-merge was written although install refused: %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(hooks, "pre-commit")); string(data) != py {
		t.Errorf("pre-commit changed: %q", data)
	}

	if runtime.GOOS != "windows" {
		sh := "#!/bin/sh\necho disabled\n"
		if err := os.WriteFile(filepath.Join(hooks, "pre-commit"), []byte(sh), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(filepath.Join(hooks, "pre-commit"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := InstallHooks(g)
		if !errors.As(err, &refused) || !strings.Contains(refused.Results[1].Reason, "not executable") {
			t.Errorf("non-executable hook: err = %v", err)
		}
	}

	bare := newTestRepo(t, true)
	if _, err := InstallHooks(bare); !errors.Is(err, ErrBareRepository) {
		t.Errorf("bare repository: err = %v", err)
	}
	if _, err := UninstallHooks(bare); !errors.Is(err, ErrBareRepository) {
		t.Errorf("bare repository: err = %v", err)
	}
}

func hookActions(res []HookResult) string {
	var s []string
	for _, r := range res {
		s = append(s, r.Hook+":"+string(r.Action))
	}
	return strings.Join(s, " ")
}

// The shells a hook block goes into, and names that are not one.
func TestIsShell(t *testing.T) {
	for _, sh := range []string{"sh", "bash", "dash", "ash", "ksh", "mksh", "zsh", "posh", "yash", "busybox"} {
		if !isShell(sh) {
			t.Errorf("isShell(%q) = false", sh)
		}
	}
	for _, no := range []string{"", "python3", "node", "fish", "Bash", "sh "} {
		if isShell(no) {
			t.Errorf("isShell(%q) = true", no)
		}
	}
}
