package replay

import (
	"bufio"
	"bytes"
	"sort"
	"strconv"
	"strings"

	"github.com/canvasgit/canvasgit/gitsetup"
)

// treeResult is the parsed output of `git merge-tree --write-tree -z`.
type treeResult struct {
	tree       string
	conflicted map[string]*conflictInfo // by path
}

// conflictInfo is one conflicted path: the index stages git recorded and the conflict
// types of its messages ("contents", "modify/delete", ...).
type conflictInfo struct {
	stages [4]bool
	types  []string
}

// parseMergeTree reads merge-tree's -z output:
//
//	<tree> NUL
//	( <mode> SP <oid> SP <stage> TAB <path> NUL )*   conflicted file info
//	NUL
//	( <N> NUL <path>{N} NUL <type> NUL <message> NUL )*   informational messages
//
// A clean merge prints the tree only.
func parseMergeTree(out []byte) treeResult {
	res := treeResult{conflicted: map[string]*conflictInfo{}}
	recs := strings.Split(string(out), "\x00")
	if len(recs) == 0 {
		return res
	}
	res.tree = strings.TrimSpace(recs[0])
	i := 1
	for ; i < len(recs) && recs[i] != ""; i++ {
		head, path, ok := strings.Cut(recs[i], "\t")
		if !ok {
			continue
		}
		f := strings.Fields(head)
		c := res.conflicted[path]
		if c == nil {
			c = &conflictInfo{}
			res.conflicted[path] = c
		}
		if len(f) == 3 {
			if st, err := strconv.Atoi(f[2]); err == nil && st >= 0 && st < 4 {
				c.stages[st] = true
			}
		}
	}
	i++ // the empty record between the sections
	for i < len(recs) {
		n, err := strconv.Atoi(recs[i])
		if err != nil || n < 0 || i+1+n+1 >= len(recs) {
			break
		}
		paths := recs[i+1 : i+1+n]
		typ := recs[i+1+n]
		i += n + 3 // count, paths, type, message
		t, ok := strings.CutPrefix(typ, "CONFLICT (")
		if !ok {
			continue
		}
		t = strings.TrimSuffix(t, ")")
		for _, p := range paths {
			if c := res.conflicted[p]; c != nil && !contains(c.types, t) {
				c.types = append(c.types, t)
			}
		}
	}
	return res
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// conflictedPaths returns the conflicted paths, sorted.
func (t treeResult) conflictedPaths() []string {
	out := make([]string, 0, len(t.conflicted))
	for p := range t.conflicted {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// exitLinePrefix starts the line the driver wrapper prints after every driver call.
const exitLinePrefix = "canvasgit-replay: driver exit "

// internalErrorPrefix starts the line canvasgit prints when it recovered a panic.
const internalErrorPrefix = "canvasgit: internal error"

// driverCommand is the merge.canvasgit.driver value for the replay: the command a user
// installs (`GOMAXPROCS=1 canvasgit merge --marker-size=%L --path=%P %O %A %B`) with
// the absolute path of this executable, followed by a line on stderr that tells replay
// the driver's exit code for the path (git 2.39 treats every non-zero code as a plain
// conflict). git runs it with sh, also on Windows (Git for Windows' sh), hence forward
// slashes and single quotes.
func driverCommand(exe string) string {
	// gitsetup.DriverEnv: the installed command's environment (see there why), so the
	// replay times the driver as git runs it for a user.
	return WrapDriver(gitsetup.DriverEnv + " " + shellQuote(toSlash(exe)) + " merge --marker-size=%L --path=%P %O %A %B")
}

// WrapDriver appends the exit-code report to a driver command line (which must not
// end the shell itself: a test's `exit 3` goes in `sh -c`), for Options.DriverCommand.
func WrapDriver(cmd string) string {
	return cmd + `; s=$?; echo "` + exitLinePrefix + `$s:" %P >&2; exit $s`
}

func toSlash(p string) string { return strings.ReplaceAll(p, `\`, "/") }

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// driverCall is what the wrapper reported for one driver run.
type driverCall struct {
	path     string
	exit     int
	internal []string // "canvasgit: internal error" lines printed during the call
}

// parseDriverLines finds the driver calls in merge-tree's stderr, in order. Internal
// error lines belong to the call whose exit line follows them.
func parseDriverLines(stderr []byte) (calls []driverCall, stray []string) {
	var pending []string
	sc := bufio.NewScanner(bytes.NewReader(stderr))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if rest, ok := strings.CutPrefix(line, exitLinePrefix); ok {
			code, path, ok := strings.Cut(rest, ": ")
			if !ok {
				continue
			}
			n, err := strconv.Atoi(code)
			if err != nil {
				n = -1
			}
			calls = append(calls, driverCall{path: path, exit: n, internal: pending})
			pending = nil
			continue
		}
		if strings.HasPrefix(line, internalErrorPrefix) {
			pending = append(pending, line)
		}
	}
	return calls, pending
}

// lastLines returns the last n non-empty lines of b, for error messages.
func lastLines(b []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}
