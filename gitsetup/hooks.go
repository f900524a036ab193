package gitsetup

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
)

// The git hooks `canvasgit install --hooks` manages. Each one is a block of shell
// between two marker lines, put into the hook file right after its #! line, so it runs
// before the rest of an existing hook (which may end in `exec` or `exit`) and never
// replaces it. `uninstall --hooks` removes the block and nothing else.
//
// The blocks are plain POSIX sh: Git for Windows runs hooks with its bundled sh, which
// finds canvasgit.exe on PATH by its name.

// Marker lines around canvasgit's block in a hook file.
const (
	HookBegin = "# >>> canvasgit hook >>>"
	HookEnd   = "# <<< canvasgit hook <<<"
)

// hookCreatedHeader starts a hook file that install created (uninstall deletes the file
// again when only this header is left).
const hookCreatedHeader = "#!/bin/sh\n# Hook file created by `canvasgit install --hooks`.\n"

const hookIntro = HookBegin + "\n" +
	"# Added by `canvasgit install --hooks`; `canvasgit uninstall --hooks` removes this block.\n"

const preCommitBlock = hookIntro +
	"# Checks the canvas apps that have staged changes. Errors the commit introduces block\n" +
	"# it; findings HEAD already has are listed apart and do not.\n" +
	"if command -v canvasgit >/dev/null 2>&1; then\n" +
	"\tcanvasgit_status=0\n" +
	"\tcanvasgit check --cached --touched HEAD || canvasgit_status=$?\n" +
	"\tif [ \"$canvasgit_status\" -eq 1 ]; then\n" +
	"\t\techo \"canvasgit: commit blocked by the errors it introduces, listed above (fix them, or commit with --no-verify)\" >&2\n" +
	"\t\texit 1\n" +
	"\telif [ \"$canvasgit_status\" -ne 0 ]; then\n" +
	"\t\techo \"canvasgit: the canvas app check could not run (exit $canvasgit_status); the commit was not checked\" >&2\n" +
	"\tfi\n" +
	"else\n" +
	"\techo \"canvasgit: canvasgit is not on PATH; the canvas app check was skipped\" >&2\n" +
	"fi\n" +
	HookEnd + "\n"

const postMergeBlock = hookIntro +
	"# Reports problems in the canvas apps the merge touched; findings the branch merged\n" +
	"# into already had are listed apart. git ignores a post-merge hook's exit status (the\n" +
	"# merge is done), so this only prints.\n" +
	"if command -v canvasgit >/dev/null 2>&1; then\n" +
	"\tcanvasgit_status=0\n" +
	"\tif [ \"$1\" = 1 ]; then\n" +
	"\t\tcanvasgit check --cached --touched HEAD || canvasgit_status=$? # squash merge: the result is staged\n" +
	"\telse\n" +
	"\t\tcanvasgit check --rev HEAD --touched ORIG_HEAD || canvasgit_status=$?\n" +
	"\tfi\n" +
	"\tif [ \"$canvasgit_status\" -eq 1 ]; then\n" +
	"\t\techo \"canvasgit: the merge brought the errors above into the app sources; fix them and commit\" >&2\n" +
	"\tfi\n" +
	"else\n" +
	"\techo \"canvasgit: canvasgit is not on PATH; the canvas app check was skipped\" >&2\n" +
	"fi\n" +
	HookEnd + "\n"

// Hook is one git hook canvasgit manages.
type Hook struct {
	Name  string // the hook's file name: "post-merge", "pre-commit"
	Block string // canvasgit's block, marker lines included
}

// Hooks returns the hooks `install --hooks` adds.
func Hooks() []Hook {
	return []Hook{
		{Name: "post-merge", Block: postMergeBlock},
		{Name: "pre-commit", Block: preCommitBlock},
	}
}

// NotShellError says why a hook file cannot take canvasgit's block.
type NotShellError struct {
	Reason string
}

func (e *NotShellError) Error() string { return e.Reason }

// isShell reports an interpreter whose scripts can take a POSIX sh block. (A switch,
// not a map: a map literal is built on every start of the binary, the merge
// driver's too.)
func isShell(name string) bool {
	switch name {
	case "sh", "bash", "dash", "ash", "ksh", "mksh", "zsh", "posh", "yash", "busybox":
		return true
	}
	return false
}

// shebang returns the interpreter named by content's #! line ("" when there is none),
// looking through /usr/bin/env.
func shebang(content []byte) string {
	first, _, _ := bytes.Cut(content, []byte{'\n'})
	line := strings.TrimSpace(strings.TrimSuffix(string(first), "\r"))
	rest, ok := strings.CutPrefix(line, "#!")
	if !ok {
		return ""
	}
	f := strings.Fields(rest)
	if len(f) == 0 {
		return ""
	}
	prog := f[0]
	if base(prog) == "env" {
		prog = ""
		for _, a := range f[1:] {
			if !strings.HasPrefix(a, "-") && !strings.Contains(a, "=") {
				prog = a
				break
			}
		}
	}
	return base(prog)
}

func base(p string) string {
	p = p[strings.LastIndexAny(p, `/\`)+1:]
	return strings.TrimSuffix(strings.ToLower(p), ".exe")
}

// hookSpan finds canvasgit's block in content: the byte range from the begin marker
// line to the end of the end marker line.
func hookSpan(content []byte) (start, end int, ok bool) {
	lines := splitKeepEOL(content)
	pos := 0
	start = -1
	for _, l := range lines {
		t := strings.TrimRight(string(l), "\r\n")
		switch {
		case start < 0 && t == HookBegin:
			start = pos
		case start >= 0 && t == HookEnd:
			return start, pos + len(l), true
		}
		pos += len(l)
	}
	return 0, 0, false
}

func splitKeepEOL(b []byte) [][]byte {
	return slices.Collect(bytes.Lines(b))
}

// AddHookBlock returns content with block in it: a new file when content is empty, the
// block replaced when an older one is there, otherwise inserted right after the #! line.
// It refuses (NotShellError) a hook that is not a shell script.
func AddHookBlock(content []byte, block string) ([]byte, error) {
	if len(bytes.TrimSpace(content)) == 0 {
		return []byte(hookCreatedHeader + block), nil
	}
	if bytes.IndexByte(content, 0) >= 0 {
		return nil, &NotShellError{Reason: "it is a binary program, not a shell script"}
	}
	if start, end, ok := hookSpan(content); ok {
		out := append([]byte(nil), content[:start]...)
		out = append(out, block...)
		return append(out, content[end:]...), nil
	}
	sh := shebang(content)
	if sh == "" {
		return nil, &NotShellError{Reason: "it does not start with a #! line naming a shell (sh, bash, ...)"}
	}
	if !isShell(sh) {
		return nil, &NotShellError{Reason: fmt.Sprintf("it is a %s script, not a shell script", sh)}
	}
	nl := bytes.IndexByte(content, '\n')
	out := make([]byte, 0, len(content)+len(block)+1)
	if nl < 0 { // only a #! line without a line break
		out = append(out, content...)
		out = append(out, '\n')
		return append(out, block...), nil
	}
	out = append(out, content[:nl+1]...)
	out = append(out, block...)
	return append(out, content[nl+1:]...), nil
}

// RemoveHookBlock returns content without canvasgit's block, and whether there was one.
// Every other byte is kept. When only the header of a file install created is left, the
// result is empty (the file should be deleted).
func RemoveHookBlock(content []byte) ([]byte, bool) {
	start, end, ok := hookSpan(content)
	if !ok {
		return content, false
	}
	out := append(append([]byte(nil), content[:start]...), content[end:]...)
	if string(out) == hookCreatedHeader {
		return nil, true
	}
	return out, true
}

// HooksDir returns the folder git runs the repository's hooks from: core.hooksPath when
// set, otherwise $GIT_DIR/hooks (git rev-parse --git-path hooks answers both).
func HooksDir(g *Git) (string, error) {
	out, err := g.Run("rev-parse", "--git-path", "hooks")
	if err != nil {
		return "", err
	}
	return g.absPath(strings.TrimSpace(out))
}

// HookAction says what install or uninstall did to one hook file.
type HookAction string

const (
	HookCreated HookAction = "created"   // install: new hook file holding only our block
	HookAdded   HookAction = "added"     // install: our block put into an existing hook
	HookUpdated HookAction = "updated"   // install: an older block of ours replaced
	HookKept    HookAction = "kept"      // install: our block already there
	HookRefused HookAction = "refused"   // install: the existing hook cannot take the block
	HookRemoved HookAction = "removed"   // uninstall: our block taken out, the rest kept
	HookDeleted HookAction = "deleted"   // uninstall: the file held only our block
	HookNone    HookAction = "untouched" // uninstall: no block of ours in the file (or no file)
)

// HookResult is what happened to one hook file.
type HookResult struct {
	Hook   string
	Path   string
	Action HookAction
	Reason string // why a hook was refused
}

// ErrBareRepository is returned for a bare repository: nothing commits or merges into a
// work tree there, so the hooks would never run.
var ErrBareRepository = errors.New("a bare repository has no work tree: pre-commit and post-merge hooks never run in it")

// RefusedHooksError is returned when an existing hook cannot take canvasgit's block;
// nothing was written.
type RefusedHooksError struct {
	Results []HookResult
}

func (e *RefusedHooksError) Error() string {
	var names []string
	for _, r := range e.Results {
		if r.Action == HookRefused {
			names = append(names, r.Hook)
		}
	}
	return "cannot add canvasgit's block to " + strings.Join(names, ", ")
}

type plannedHook struct {
	res     HookResult
	content []byte
	perm    fs.FileMode
	write   bool
}

// workTreeHooksDir is HooksDir for a repository with a work tree: hooks run on commits
// and merges, which a bare repository does not have.
func workTreeHooksDir(g *Git) (string, error) {
	if bare, err := g.IsBare(); err != nil {
		return "", err
	} else if bare {
		return "", ErrBareRepository
	}
	return HooksDir(g)
}

// InstallHooks adds canvasgit's block to the repository's post-merge and pre-commit
// hooks (see HooksDir), creating the files when needed. When any existing hook cannot
// take the block (not a shell script, or not executable so git ignores it) nothing is
// written and a *RefusedHooksError lists every hook.
func InstallHooks(g *Git) ([]HookResult, error) {
	dir, err := workTreeHooksDir(g)
	if err != nil {
		return nil, err
	}
	var plan []plannedHook
	refused := false
	for _, h := range Hooks() {
		p := filepath.Join(dir, h.Name)
		content, perm, exists, err := readFile(p)
		if err != nil {
			return nil, err
		}
		ph := plannedHook{res: HookResult{Hook: h.Name, Path: p}, perm: perm}
		out, err := AddHookBlock(content, h.Block)
		var ns *NotShellError
		switch {
		case errors.As(err, &ns):
			ph.res.Action, ph.res.Reason = HookRefused, ns.Reason+"; add `canvasgit check` to it by hand (see docs/check.md)"
			refused = true
		case err != nil:
			return nil, err
		case exists && bytes.Equal(out, content):
			ph.res.Action = HookKept
		case exists && runtime.GOOS != "windows" && perm&0o111 == 0:
			ph.res.Action = HookRefused
			ph.res.Reason = "it is not executable, so git does not run it; make it executable (chmod +x) or remove it, then run install again"
			refused = true
		case !exists || len(bytes.TrimSpace(content)) == 0:
			ph.res.Action, ph.content, ph.write, ph.perm = HookCreated, out, true, 0o755
		default:
			ph.content, ph.write = out, true
			ph.res.Action = HookAdded
			if _, _, ok := hookSpan(content); ok {
				ph.res.Action = HookUpdated
			}
		}
		plan = append(plan, ph)
	}
	results := make([]HookResult, len(plan))
	for i, ph := range plan {
		results[i] = ph.res
	}
	if refused {
		return results, &RefusedHooksError{Results: results}
	}
	for _, ph := range plan {
		if !ph.write {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(ph.res.Path), 0o755); err != nil {
			return results, err
		}
		if err := os.WriteFile(ph.res.Path, ph.content, ph.perm); err != nil {
			return results, err
		}
		if ph.res.Action == HookCreated {
			// WriteFile keeps the mode of an existing (empty) file; a hook must run.
			if err := os.Chmod(ph.res.Path, 0o755); err != nil {
				return results, err
			}
		}
	}
	return results, nil
}

// UninstallHooks removes canvasgit's block from the repository's post-merge and
// pre-commit hooks. A file that held nothing but the block (install created it) is
// deleted; every other byte of a hook is kept.
func UninstallHooks(g *Git) ([]HookResult, error) {
	dir, err := workTreeHooksDir(g)
	if err != nil {
		return nil, err
	}
	var results []HookResult
	for _, h := range Hooks() {
		p := filepath.Join(dir, h.Name)
		res := HookResult{Hook: h.Name, Path: p, Action: HookNone}
		content, perm, exists, err := readFile(p)
		if err != nil {
			return results, err
		}
		out, removed := RemoveHookBlock(content)
		switch {
		case !exists || !removed:
		case len(out) == 0:
			res.Action = HookDeleted
			if err := os.Remove(p); err != nil {
				return results, err
			}
		default:
			res.Action = HookRemoved
			if err := os.WriteFile(p, out, perm); err != nil {
				return results, err
			}
		}
		results = append(results, res)
	}
	return results, nil
}

// HooksInstalled reports whether every hook `install --hooks` manages already holds
// canvasgit's block, so a plain install need not suggest --hooks again. A bare
// repository has no hooks of ours: false.
func HooksInstalled(g *Git) (bool, error) {
	dir, err := workTreeHooksDir(g)
	if errors.Is(err, ErrBareRepository) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	for _, h := range Hooks() {
		content, _, exists, err := readFile(filepath.Join(dir, h.Name))
		if err != nil {
			return false, err
		}
		if _, _, ok := hookSpan(content); !exists || !ok {
			return false, nil
		}
	}
	return true, nil
}
