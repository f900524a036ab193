package replay

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	srcapp "github.com/canvasgit/canvasgit/source/app"
)

// gitEnvDrop are the variables that would point git somewhere else than where replay
// points it (a hook or a `git -c` in the parent process sets them).
var gitEnvDrop = []string{
	"GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
	"GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE", "GIT_PREFIX", "GIT_CEILING_DIRECTORIES",
	"GIT_CONFIG", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM",
	"GIT_CONFIG_NOSYSTEM", "GIT_ATTR_NOSYSTEM", "GIT_ATTR_SOURCE", "GIT_REPLACE_REF_BASE",
	"GIT_QUARANTINE_PATH", "GIT_EXTERNAL_DIFF", "GIT_MERGE_VERBOSITY",
}

// baseEnv is the caller's environment without the variables above.
func baseEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if dropGitVar(name) {
			continue
		}
		env = append(env, kv)
	}
	return env
}

func dropGitVar(name string) bool {
	if strings.HasPrefix(name, "GIT_CONFIG_KEY_") || strings.HasPrefix(name, "GIT_CONFIG_VALUE_") {
		return true
	}
	for _, d := range gitEnvDrop {
		if strings.EqualFold(name, d) {
			return true
		}
	}
	return false
}

// gitResult is one finished git command.
type gitResult struct {
	stdout, stderr []byte
	code           int // exit code; -1 when the command did not run or was killed
	elapsed        time.Duration
	timedOut       bool
}

// runGit runs git in dir with env, stdin empty. err is set only when git could not be
// started at all; a non-zero exit is reported in code.
func runGit(ctx context.Context, dir string, env []string, args ...string) (gitResult, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// A merge driver is a grandchild: kill the whole group on time-out, and do not wait
	// forever for pipes a stray grandchild still holds.
	setProcessGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	start := time.Now()
	err := cmd.Run()
	res := gitResult{stdout: stdout.Bytes(), stderr: stderr.Bytes(), elapsed: time.Since(start), code: 0}
	if ctx.Err() == context.DeadlineExceeded {
		res.timedOut, res.code = true, -1
		return res, nil
	}
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			res.code = ee.ExitCode()
			return res, nil
		}
		if errors.Is(err, exec.ErrWaitDelay) {
			return res, nil
		}
		res.code = -1
		return res, err
	}
	return res, nil
}

// repoGit runs read-only git commands against the user's repository.
type repoGit struct {
	dir string // --repo as given (a work tree, a bare repository or a .git folder)
	env []string
}

func (r *repoGit) output(args ...string) ([]byte, error) {
	res, err := runGit(context.Background(), r.dir, r.env, args...)
	if err != nil {
		return nil, err
	}
	if res.code != 0 {
		msg := strings.TrimSpace(string(res.stderr))
		if msg == "" {
			msg = fmt.Sprintf("exit status %d", res.code)
		}
		return nil, fmt.Errorf("git %s: %s", strings.Join(args, " "), msg)
	}
	return res.stdout, nil
}

// gitVersion returns git's version string and whether it has merge-tree --write-tree.
func gitVersion(env []string) (string, bool, error) {
	res, err := runGit(context.Background(), "", env, "version")
	if err != nil {
		return "", false, fmt.Errorf("cannot run git: %w", err)
	}
	v := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(string(res.stdout)), "git version "))
	return v, versionAtLeast(v, 2, 38), nil
}

func versionAtLeast(v string, major, minor int) bool {
	parts := strings.SplitN(v, ".", 3)
	if len(parts) < 2 {
		return false
	}
	ma, err1 := strconv.Atoi(parts[0])
	mi, err2 := strconv.Atoi(strings.TrimLeftFunc(parts[1], func(r rune) bool { return r < '0' || r > '9' }))
	if err1 != nil || err2 != nil {
		return false
	}
	return ma > major || ma == major && mi >= minor
}

// scratch is a throw-away bare git directory whose object store borrows the user's
// repository's objects (objects/info/alternates) and receives everything the replayed
// merges write. Nothing of the user's configuration or attributes is visible in it.
type scratch struct {
	dir          string
	env          []string // git environment pointing at the scratch directory
	attrFile     string   // GitattributesExample, for core.attributesFile
	objectFormat string
}

func newScratch(repoObjects, objectFormat string, attributes string) (*scratch, error) {
	dir, err := os.MkdirTemp("", "canvasgit-replay-")
	if err != nil {
		return nil, err
	}
	s := &scratch{dir: dir, objectFormat: objectFormat}
	config := "[core]\n\trepositoryformatversion = 0\n\tbare = true\n"
	if objectFormat != "" && objectFormat != "sha1" {
		config = "[core]\n\trepositoryformatversion = 1\n\tbare = true\n[extensions]\n\tobjectformat = " + objectFormat + "\n"
	}
	s.attrFile = filepath.Join(dir, "canvasgit.gitattributes")
	files := []struct{ name, content string }{
		{"HEAD", "ref: refs/heads/replay\n"},
		{"config", config},
		{"objects/info/alternates", filepath.ToSlash(repoObjects) + "\n"},
		{"global.gitconfig", ""},
		{"canvasgit.gitattributes", attributes},
	}
	for _, d := range []string{"refs/heads", "refs/tags", "objects/info", "objects/pack", "xdg"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			s.remove()
			return nil, err
		}
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.name), []byte(f.content), 0o644); err != nil {
			s.remove()
			return nil, err
		}
	}
	// No system, global or XDG configuration and attributes: the plain run must be plain
	// git even when the user installed canvasgit globally, and both runs must not depend
	// on who runs them.
	s.env = append(baseEnv(),
		"GIT_DIR="+dir,
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_GLOBAL="+filepath.Join(dir, "global.gitconfig"),
		"GIT_ATTR_NOSYSTEM=1",
		"XDG_CONFIG_HOME="+filepath.Join(dir, "xdg"),
		"GIT_TERMINAL_PROMPT=0",
		"GIT_NO_REPLACE_OBJECTS=1",
		"LC_ALL=C",
	)
	return s, nil
}

func (s *scratch) remove() { _ = os.RemoveAll(s.dir) }

// catFile is one long-running `git cat-file --batch`.
type catFile struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Reader
}

func startCatFile(dir string, env []string) (*catFile, error) {
	cmd := exec.Command("git", "cat-file", "--batch")
	cmd.Dir, cmd.Env = dir, env
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return &catFile{cmd: cmd, in: in, out: bufio.NewReaderSize(out, 64<<10)}, nil
}

func (c *catFile) close() {
	_ = c.in.Close()
	_ = c.cmd.Wait()
}

// object is one object read by cat-file.
type object struct {
	oid, typ string
	data     []byte
}

// get reads the object named by spec ("<oid>", "<rev>:<path>"); ok is false when it
// does not exist.
func (c *catFile) get(spec string) (object, bool, error) {
	if strings.ContainsAny(spec, "\n\r") {
		return object{}, false, nil // cannot be asked for on one line
	}
	if _, err := io.WriteString(c.in, spec+"\n"); err != nil {
		return object{}, false, fmt.Errorf("git cat-file: %w", err)
	}
	line, err := c.out.ReadString('\n')
	if err != nil {
		return object{}, false, fmt.Errorf("git cat-file: %w", err)
	}
	line = strings.TrimSuffix(line, "\n")
	if strings.HasSuffix(line, " missing") || strings.HasSuffix(line, " ambiguous") {
		return object{}, false, nil
	}
	f := strings.Fields(line)
	if len(f) != 3 {
		return object{}, false, fmt.Errorf("git cat-file: unexpected reply %q", line)
	}
	size, err := strconv.Atoi(f[2])
	if err != nil {
		return object{}, false, fmt.Errorf("git cat-file: unexpected reply %q", line)
	}
	data := make([]byte, size+1)
	if _, err := io.ReadFull(c.out, data); err != nil {
		return object{}, false, fmt.Errorf("git cat-file: %w", err)
	}
	return object{oid: f[0], typ: f[1], data: data[:size]}, true, nil
}

// blob reads the blob at path in a commit or tree; ok is false when there is none.
func (c *catFile) blob(rev, path string) ([]byte, bool, error) {
	o, ok, err := c.get(rev + ":" + path)
	if err != nil || !ok || o.typ != "blob" {
		return nil, false, err
	}
	return o.data, true, nil
}

// treeHasManifest reports whether the folder dir ("" for the root) of rev holds an
// app's marker file (CanvasManifest.json in any casing, see package source/app).
func (c *catFile) treeHasManifest(rev, dir string, hashLen int) (bool, error) {
	spec := rev + "^{tree}"
	if dir != "" {
		spec = rev + ":" + dir
	}
	o, ok, err := c.get(spec)
	if err != nil || !ok || o.typ != "tree" {
		return false, err
	}
	for _, e := range parseTree(o.data, hashLen) {
		if !e.isTree && srcapp.IsMarker(e.name) {
			return true, nil
		}
	}
	return false, nil
}

type treeEntry struct {
	name   string
	isTree bool
}

// parseTree reads a raw tree object: "<mode> <name>\0<hash>" entries.
func parseTree(b []byte, hashLen int) []treeEntry {
	var out []treeEntry
	for len(b) > 0 {
		sp := bytes.IndexByte(b, ' ')
		nul := bytes.IndexByte(b, 0)
		if sp < 0 || nul < sp || nul+1+hashLen > len(b) {
			break
		}
		mode := string(b[:sp])
		out = append(out, treeEntry{name: string(b[sp+1 : nul]), isTree: mode == "40000" || mode == "040000"})
		b = b[nul+1+hashLen:]
	}
	return out
}
