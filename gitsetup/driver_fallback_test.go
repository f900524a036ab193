//go:build unix

package gitsetup

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// These tests run the driver command the way git runs it (placeholders expanded as in
// git's merge-ll.c, then sh -c, in the repository's top folder) with a fake canvasgit
// that behaves in each way the fallback must handle, and a PATH that holds nothing but
// git, mv and rm: the setup of a teammate or a GUI client without canvasgit.

const (
	fbBase   = "a\nb\nc\n"
	fbOurs   = "a\nB-ours\nc\n"
	fbTheirs = "a\nB-theirs\nc\n"
)

// expandDriver expands a driver command as git does: temp file names as they are,
// %P and the labels shell-quoted, %L as a number, %% as %.
func expandDriver(cmd string, markerSize int, path string, labels [3]string) string {
	var b strings.Builder
	for i := 0; i < len(cmd); i++ {
		if cmd[i] != '%' || i+1 == len(cmd) {
			b.WriteByte(cmd[i])
			continue
		}
		i++
		switch cmd[i] {
		case '%':
			b.WriteByte('%')
		case 'O':
			b.WriteString(".merge_file_base")
		case 'A':
			b.WriteString(".merge_file_ours")
		case 'B':
			b.WriteString(".merge_file_theirs")
		case 'L':
			b.WriteString(strconv.Itoa(markerSize))
		case 'P':
			b.WriteString(shQuote(path))
		case 'S':
			b.WriteString(shQuote(labels[1]))
		case 'X':
			b.WriteString(shQuote(labels[0]))
		case 'Y':
			b.WriteString(shQuote(labels[2]))
		default:
			b.WriteByte('%')
			b.WriteByte(cmd[i])
		}
	}
	return b.String()
}

func shQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// driverEnv is a repository folder (with a space and a quote in its name) and a bin
// folder holding links to git, mv and rm, plus canvasgit when fake is not empty.
type driverEnv struct {
	dir, bin string
}

func newDriverEnv(t *testing.T, fake string) driverEnv {
	t.Helper()
	g := newTestRepo(t, false)
	dir := filepath.Join(filepath.Dir(g.Dir), "my app's repo")
	if err := os.Rename(g.Dir, dir); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "bin")
	os.MkdirAll(bin, 0o755)
	for _, prog := range []string{"git", "mv", "rm"} {
		p, err := exec.LookPath(prog)
		if err != nil {
			t.Skipf("%s not found", prog)
		}
		if err := os.Symlink(p, filepath.Join(bin, prog)); err != nil {
			t.Fatal(err)
		}
	}
	if fake != "" {
		if err := os.WriteFile(filepath.Join(bin, "canvasgit"), []byte("#!/bin/sh\n"+fake+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return driverEnv{dir: dir, bin: bin}
}

// run writes the three inputs and runs the expanded command; it returns the exit
// status, the result in %A and stderr.
func (e driverEnv) run(t *testing.T, cmd, prefix, base, ours, theirs string) (int, string, string) {
	t.Helper()
	for name, body := range map[string]string{".merge_file_base": base, ".merge_file_ours": ours, ".merge_file_theirs": theirs} {
		if err := os.WriteFile(filepath.Join(e.dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	c := exec.Command("/bin/sh", "-c", prefix+cmd)
	c.Dir = e.dir
	c.Env = append(os.Environ(), "PATH="+e.bin)
	var stderr strings.Builder
	c.Stderr = &stderr
	err := c.Run()
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatal(err)
		}
		code = ee.ExitCode()
	}
	got, err := os.ReadFile(filepath.Join(e.dir, ".merge_file_ours"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(e.dir, ".merge_file_ours.canvasgit")); err == nil {
		t.Errorf("the fallback left its temporary file behind")
	}
	return code, string(got), stderr.String()
}

const fbPath = "App/Src/My 'Screen'.fx.yaml"

func TestDriverFallbackKeepsBothSides(t *testing.T) {
	cmd := expandDriver(DriverCommand, 7, fbPath, [3]string{"%X", "%S", "%Y"})
	want := "a\n<<<<<<< ours\nB-ours\n=======\nB-theirs\n>>>>>>> theirs\nc\n"
	for _, c := range []struct{ name, fake string }{
		{"missing", ""},
		{"own error, exit 2", "exit 2"},
		{"killed", "kill -9 $$"},
		{"crash status", "exit 139"},
		{"not executable", "-"}, // replaced below
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newDriverEnv(t, c.fake)
			if c.fake == "-" {
				os.Chmod(filepath.Join(e.bin, "canvasgit"), 0o644)
			}
			code, got, stderr := e.run(t, cmd, "", fbBase, fbOurs, fbTheirs)
			if code != 1 {
				t.Errorf("exit %d, want 1 (conflict)", code)
			}
			if got != want {
				t.Errorf("result:\n%s\nwant\n%s", got, want)
			}
			if !strings.Contains(stderr, "canvasgit merge failed (exit ") || !strings.Contains(stderr, fbPath) {
				t.Errorf("stderr does not say what happened: %q", stderr)
			}
		})
	}
}

func TestDriverFallbackPassesCanvasgitThrough(t *testing.T) {
	cmd := expandDriver(DriverCommand, 7, fbPath, [3]string{"%X", "%S", "%Y"})
	// A clean canvasgit merge and a canvasgit conflict: its result and status stand.
	for _, c := range []struct {
		fake string
		code int
	}{
		{`printf 'merged\n' >"$5"; exit 0`, 0},
		{`printf 'its own markers\n' >"$5"; exit 1`, 1},
	} {
		e := newDriverEnv(t, c.fake)
		code, got, stderr := e.run(t, cmd, "", fbBase, fbOurs, fbTheirs)
		want := map[int]string{0: "merged\n", 1: "its own markers\n"}[c.code]
		if code != c.code || got != want || stderr != "" {
			t.Errorf("%s: exit %d, result %q, stderr %q", c.fake, code, got, stderr)
		}
	}
}

// canvasgit merge runs with GOMAXPROCS=1 (DriverEnv), whatever git's environment says.
func TestDriverCommandRunsCanvasgitWithOneProcessor(t *testing.T) {
	t.Setenv("GOMAXPROCS", "4")
	for _, driver := range []string{DriverCommand, DriverCommandWithLabels} {
		cmd := expandDriver(driver, 7, fbPath, [3]string{"HEAD", "base", "feature"})
		e := newDriverEnv(t, `printf '%s\n' "$GOMAXPROCS" >"$5"; exit 0`)
		code, got, stderr := e.run(t, cmd, "", fbBase, fbOurs, fbTheirs)
		if code != 0 || got != "1\n" || stderr != "" {
			t.Errorf("canvasgit saw GOMAXPROCS=%q (exit %d, stderr %q), want 1", strings.TrimSpace(got), code, stderr)
		}
	}
}

func TestDriverFallbackLabelsMarkerSizeAndStyle(t *testing.T) {
	e := newDriverEnv(t, "exit 2")
	git := &Git{Dir: e.dir}
	if err := git.ConfigSet(ScopeLocal, "merge.conflictStyle", "diff3"); err != nil {
		t.Fatal(err)
	}
	cmd := expandDriver(DriverCommandWithLabels, 9, fbPath, [3]string{"HEAD", "merged common ancestor", "feature/it's"})
	code, got, _ := e.run(t, cmd, "", fbBase, fbOurs, fbTheirs)
	want := "a\n<<<<<<<<< HEAD\nB-ours\n||||||||| merged common ancestor\nb\n=========\nB-theirs\n>>>>>>>>> feature/it's\nc\n"
	if code != 1 || got != want {
		t.Errorf("exit %d, result:\n%s\nwant\n%s", code, got, want)
	}
}

func TestDriverFallbackKeepsOursWhenMergeFileFails(t *testing.T) {
	cmd := expandDriver(DriverCommand, 7, fbPath, [3]string{"%X", "%S", "%Y"})
	// git merge-file refuses binary content: ours stays whole, still a conflict.
	e := newDriverEnv(t, "exit 2")
	ours := "ours\x00binary\n"
	code, got, _ := e.run(t, cmd, "", "base\x00\n", ours, "theirs\x00\n")
	if code != 1 || got != ours {
		t.Errorf("binary: exit %d, result %q", code, got)
	}
	// A file-size limit (a full disk, a quota) stops git merge-file's output short:
	// ours stays byte for byte, and the status is a conflict, not a signal.
	big := strings.Repeat("x", 4096) + "\n"
	code, got, _ = e.run(t, cmd, "ulimit -f 2; ", fbBase, big+fbOurs, big+fbTheirs)
	if code != 1 || got != big+fbOurs {
		t.Errorf("file-size limit: exit %d, result of %d bytes", code, len(got))
	}
}

// doctor asks git's own shell, from the repository, where the driver's program is.
func TestDoctorFindsTheDriverAsGitDoes(t *testing.T) {
	e := newDriverEnv(t, "exit 0")
	g := &Git{Dir: e.dir}
	ver, err := g.Version()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Install(g, ver, ScopeLocal, false); err != nil {
		t.Fatal(err)
	}
	self := filepath.Join(t.TempDir(), "canvasgit")
	os.WriteFile(self, nil, 0o755)
	t.Setenv("PATH", e.bin)
	f := findings(Doctor(g, DoctorOptions{Executable: self}), "canvasgit on PATH")
	fake := filepath.Join(e.bin, "canvasgit")
	if len(f) != 1 || f[0].Level != LevelWarning || !strings.Contains(f[0].Message, "git will run "+fake+", which is not this canvasgit") {
		t.Errorf("another canvasgit on PATH: %+v", f)
	}
	if f := findings(Doctor(g, DoctorOptions{Executable: fake}), "canvasgit on PATH"); len(f) != 1 || f[0].Level != LevelOK {
		t.Errorf("this canvasgit on PATH: %+v", f)
	}

	os.Remove(fake)
	f = findings(Doctor(g, DoctorOptions{Executable: self}), "canvasgit on PATH")
	if len(f) != 1 || f[0].Level != LevelProblem || !strings.Contains(f[0].Message, `git cannot find "canvasgit" from `+e.dir) || !strings.Contains(f[0].Message, "fall back to git merge-file") {
		t.Errorf("no canvasgit: %+v", f)
	}

	// An older command without the fallback: the loss it risks is spelled out.
	g.ConfigSet(ScopeLocal, "merge.canvasgit.driver", "canvasgit merge --marker-size=%L --path=%P %O %A %B")
	rep := Doctor(g, DoctorOptions{Executable: self})
	if f := findings(rep, "merge driver"); len(f) != 1 || f[0].Level != LevelWarning || !strings.Contains(f[0].Message, "without the git merge-file fallback") {
		t.Errorf("older driver: %+v", f)
	}
	if f := findings(rep, "canvasgit on PATH"); len(f) != 1 || f[0].Level != LevelProblem || !strings.Contains(f[0].Message, "keeps only our side") {
		t.Errorf("older driver, no canvasgit: %+v", f)
	}
}
