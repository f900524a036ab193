// Package gitsetup configures git for canvasgit and checks that configuration: the
// merge driver and diff entries in git config, the attribute lines that route canvas
// app files to them, and the doctor that reports what git will actually do.
//
// Everything goes through the git command line (os/exec, explicit arguments, never a
// shell), so the answers are git's own: the same config files, include rules and
// attribute lookups that a merge will use.
package gitsetup

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/canvasgit/canvasgit/internal/gitexec"
)

// Git runs git commands in one directory.
type Git struct {
	// Dir is the directory git runs in; empty means the current directory.
	Dir string
	// Program is the git executable; empty means "git" looked up on PATH.
	Program string
}

// GitError is a git command that failed: it could not start, or exited non-zero.
type GitError = gitexec.Error

// exitCode returns the exit code of a failed git command, or -1 when err is not a
// GitError (or git did not start).
func exitCode(err error) int {
	var ge *GitError
	if errors.As(err, &ge) {
		return ge.Code
	}
	return -1
}

// Run runs git with args and returns its standard output.
func (g *Git) Run(args ...string) (string, error) {
	return g.RunInput("", args...)
}

// RunInput runs git with args, feeding it stdin, and returns its standard output.
func (g *Git) RunInput(stdin string, args ...string) (string, error) {
	return gitexec.Run(g.Dir, g.Program, stdin, args...)
}

// Version is a parsed `git version` answer.
type Version struct {
	Major, Minor, Patch int
	// Raw is the version text as git printed it, e.g. "2.45.1.windows.1".
	Raw string
}

func (v Version) String() string {
	if v.Raw != "" {
		return v.Raw
	}
	return fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Patch)
}

// Compare returns -1, 0 or +1 as v is older than, the same as, or newer than o
// (major.minor.patch only; vendor suffixes are ignored).
func (v Version) Compare(o Version) int {
	for _, d := range [3]int{v.Major - o.Major, v.Minor - o.Minor, v.Patch - o.Patch} {
		if d < 0 {
			return -1
		}
		if d > 0 {
			return 1
		}
	}
	return 0
}

// AtLeast reports whether v is major.minor.patch or newer.
func (v Version) AtLeast(major, minor, patch int) bool {
	return v.Compare(Version{Major: major, Minor: minor, Patch: patch}) >= 0
}

// Versions of git whose behaviour canvasgit depends on.
var (
	// VersionLabels is the first git that expands %S, %X and %Y (conflict labels) in a
	// merge driver command.
	VersionLabels = Version{Major: 2, Minor: 44}
	// VersionDiscardsCrashed is the first git that discards the output of a merge
	// driver that exited above 128 instead of using it as a conflicted result.
	VersionDiscardsCrashed = Version{Major: 2, Minor: 42}
	// VersionShowScope is the first git with `git config --show-scope`.
	VersionShowScope = Version{Major: 2, Minor: 26}
)

// ParseVersion parses the output of `git version` ("git version 2.39.5",
// "git version 2.45.1.windows.1", "git version 2.39.5 (Apple Git-154)") or a bare
// version ("2.44.0-rc1"). A missing minor or patch number counts as 0.
func ParseVersion(s string) (Version, error) {
	s = strings.TrimSpace(s)
	raw := s
	if rest, ok := strings.CutPrefix(s, "git version "); ok {
		raw = strings.TrimSpace(rest)
	}
	if f := strings.Fields(raw); len(f) > 0 {
		raw = f[0]
	}
	parts := strings.Split(raw, ".")
	var nums [3]int
	for i := 0; i < 3 && i < len(parts); i++ {
		p := parts[i]
		end := 0
		for end < len(p) && p[end] >= '0' && p[end] <= '9' {
			end++
		}
		if end == 0 {
			if i == 0 {
				return Version{}, fmt.Errorf("cannot parse git version %q", s)
			}
			break
		}
		n, err := strconv.Atoi(p[:end])
		if err != nil {
			return Version{}, fmt.Errorf("cannot parse git version %q: %v", s, err)
		}
		nums[i] = n
		if end < len(p) { // "0-rc1": stop after this component
			break
		}
	}
	return Version{Major: nums[0], Minor: nums[1], Patch: nums[2], Raw: raw}, nil
}

// Version asks git for its version.
func (g *Git) Version() (Version, error) {
	out, err := g.Run("version")
	if err != nil {
		return Version{}, err
	}
	return ParseVersion(out)
}

// Scope is a git config file: local (the repository), global (the user) or system.
type Scope string

const (
	ScopeLocal  Scope = "local"
	ScopeGlobal Scope = "global"
	ScopeSystem Scope = "system"
)

// ParseScope accepts "local", "global" or "system".
func ParseScope(s string) (Scope, error) {
	switch Scope(s) {
	case ScopeLocal, ScopeGlobal, ScopeSystem:
		return Scope(s), nil
	}
	return "", fmt.Errorf("unknown config scope %q (want local, global or system)", s)
}

func (s Scope) flag() string { return "--" + string(s) }

// ConfigGetAll returns every value of key in scope (git config --get-all), in file
// order; no values (and no error) when the key is not set.
func (g *Git) ConfigGetAll(scope Scope, key string) ([]string, error) {
	out, err := g.Run("config", scope.flag(), "-z", "--get-all", key)
	if err != nil {
		if exitCode(err) == 1 { // not found
			return nil, nil
		}
		return nil, err
	}
	return splitNUL(out), nil
}

// ConfigGet returns the value of key in scope and whether it is set. When the key has
// several values it returns the last one, as git does.
func (g *Git) ConfigGet(scope Scope, key string) (string, bool, error) {
	vals, err := g.ConfigGetAll(scope, key)
	if err != nil || len(vals) == 0 {
		return "", false, err
	}
	return vals[len(vals)-1], true, nil
}

// ConfigGetEffective returns the value git uses for key (all config files, command
// line and environment; the last one wins) and whether it is set.
func (g *Git) ConfigGetEffective(key string) (string, bool, error) {
	out, err := g.Run("config", "-z", "--get-all", key)
	if err != nil {
		if exitCode(err) == 1 {
			return "", false, nil
		}
		return "", false, err
	}
	vals := splitNUL(out)
	if len(vals) == 0 {
		return "", false, nil
	}
	return vals[len(vals)-1], true, nil
}

// ScopedValue is one value of a key and the scope git read it from ("system",
// "global", "local", "worktree", "command").
type ScopedValue struct {
	Scope string
	Value string
}

// ConfigGetAllScopes returns every value of key with its scope, in the order git reads
// them (the last one wins). It needs `git config --show-scope` (git 2.26).
func (g *Git) ConfigGetAllScopes(key string) ([]ScopedValue, error) {
	out, err := g.Run("config", "-z", "--show-scope", "--get-all", key)
	if err != nil {
		if exitCode(err) == 1 {
			return nil, nil
		}
		return nil, err
	}
	// With -z each record is "scope NUL value NUL".
	f := splitNUL(out)
	var vals []ScopedValue
	for i := 0; i+1 < len(f); i += 2 {
		vals = append(vals, ScopedValue{Scope: f[i], Value: f[i+1]})
	}
	return vals, nil
}

// ConfigSet sets key to value in scope, replacing every existing value of the key.
func (g *Git) ConfigSet(scope Scope, key, value string) error {
	_, err := g.Run("config", scope.flag(), "--replace-all", key, value)
	return err
}

// ConfigUnset removes every value of key in scope. Removing a key that is not set is
// not an error.
func (g *Git) ConfigUnset(scope Scope, key string) error {
	_, err := g.Run("config", scope.flag(), "--unset-all", key)
	if err != nil && exitCode(err) == 5 { // "no such key"
		return nil
	}
	return err
}

// ConfigSectionKeys returns the names of the keys set in section (e.g.
// "merge.canvasgit") in scope.
func (g *Git) ConfigSectionKeys(scope Scope, section string) ([]string, error) {
	out, err := g.Run("config", scope.flag(), "-z", "--name-only", "--get-regexp", "^"+regexpQuote(section)+`\.`)
	if err != nil {
		if exitCode(err) == 1 {
			return nil, nil
		}
		return nil, err
	}
	return splitNUL(out), nil
}

// ConfigRemoveSection removes section from scope's file. A missing section is not an
// error.
func (g *Git) ConfigRemoveSection(scope Scope, section string) error {
	_, err := g.Run("config", scope.flag(), "--remove-section", section)
	if err != nil && exitCode(err) == 128 {
		if ge := (*GitError)(nil); errors.As(err, &ge) && strings.Contains(ge.Stderr, "no such section") {
			return nil
		}
	}
	return err
}

// InRepository reports whether Dir is inside a git repository (work tree or git dir).
func (g *Git) InRepository() bool {
	_, err := g.Run("rev-parse", "--git-dir")
	return err == nil
}

// IsBare reports whether the repository is bare (git rev-parse --is-bare-repository).
func (g *Git) IsBare() (bool, error) {
	out, err := g.Run("rev-parse", "--is-bare-repository")
	if err != nil {
		return false, err
	}
	return strings.TrimSpace(out) == "true", nil
}

// GitDir returns the repository's git directory as an absolute OS path.
func (g *Git) GitDir() (string, error) {
	out, err := g.Run("rev-parse", "--git-dir")
	if err != nil {
		return "", err
	}
	return g.absPath(strings.TrimSpace(out))
}

// TopLevel returns the top of the work tree as an absolute OS path
// (git rev-parse --show-toplevel); it fails in a bare repository or inside .git.
func (g *Git) TopLevel() (string, error) {
	out, err := g.Run("rev-parse", "--show-toplevel")
	if err != nil {
		return "", err
	}
	top := strings.TrimSpace(out)
	if top == "" {
		return "", fmt.Errorf("not inside a work tree (%s)", g.dirName())
	}
	return g.absPath(top)
}

func (g *Git) absPath(p string) (string, error) {
	p = filepath.FromSlash(p)
	if !filepath.IsAbs(p) {
		base := g.Dir
		if base == "" {
			base = "."
		}
		abs, err := filepath.Abs(filepath.Join(base, p))
		if err != nil {
			return "", err
		}
		p = abs
	}
	return filepath.Clean(p), nil
}

func (g *Git) dirName() string {
	if g.Dir == "" {
		return "current directory"
	}
	return g.Dir
}

// Attr is one answer of git check-attr.
type Attr struct {
	Path  string
	Name  string
	Value string // "set", "unset", "unspecified" or the string value
}

// CheckAttr runs `git check-attr -z --stdin <attrs>` on paths and returns the answers
// in git's order. Paths are relative to Dir, with forward slashes. They go through
// standard input, so any number of paths fits (Windows limits command lines to 32K).
func (g *Git) CheckAttr(attrs []string, paths []string) ([]Attr, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	args := append([]string{"check-attr", "-z", "--stdin"}, attrs...)
	out, err := g.RunInput(strings.Join(paths, "\x00")+"\x00", args...)
	if err != nil {
		return nil, err
	}
	f := splitNUL(out)
	var res []Attr
	for i := 0; i+2 < len(f); i += 3 {
		res = append(res, Attr{Path: f[i], Name: f[i+1], Value: f[i+2]})
	}
	return res, nil
}

// ListFiles returns the files of the work tree relative to its top (tracked, plus
// untracked ones that are not ignored), with forward slashes. Run it with Dir set to
// the top of the work tree.
func (g *Git) ListFiles() ([]string, error) {
	out, err := g.Run("ls-files", "-z", "--cached", "--others", "--exclude-standard")
	if err != nil {
		return nil, err
	}
	return splitNUL(out), nil
}

// ListTree returns the paths of the files in rev's tree, e.g. HEAD.
func (g *Git) ListTree(rev string) ([]string, error) {
	out, err := g.Run("ls-tree", "-r", "-z", "--name-only", rev)
	if err != nil {
		return nil, err
	}
	return splitNUL(out), nil
}

func splitNUL(s string) []string {
	s = strings.TrimSuffix(s, "\x00")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\x00")
}

// regexpQuote escapes the characters that are special in git's (POSIX extended)
// config key regexps.
func regexpQuote(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`\.+*?()|[]{}^$`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
