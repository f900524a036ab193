package place

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Repo is the git work tree around the current directory, read through git processes
// (git's own answers: its index format, its object store, its ignore rules).
type Repo struct {
	// Top is the work tree's top folder, absolute.
	Top string
	// Prefix is the current directory relative to Top, slash form, "" at the top.
	Prefix string
	git    gitCmd
}

// OpenRepo finds the work tree around the current directory.
func OpenRepo() (*Repo, error) {
	here := gitCmd{}
	out, err := here.run("rev-parse", "--show-toplevel")
	if err != nil {
		return nil, err
	}
	top := strings.TrimSpace(out)
	if top == "" {
		return nil, fmt.Errorf("not inside a work tree (current directory)")
	}
	if top, err = filepath.Abs(filepath.FromSlash(top)); err != nil {
		return nil, err
	}
	out, err = here.run("rev-parse", "--show-prefix")
	if err != nil {
		return nil, err
	}
	return &Repo{Top: top, Prefix: strings.TrimSuffix(strings.TrimSpace(out), "/"), git: gitCmd{dir: top}}, nil
}

// Index is the place of the files staged in git's index.
func (r *Repo) Index() *Git { return &Git{repo: r, kind: gitIndex} }

// Commit is the place of the files of a commit (any revision git understands).
func (r *Repo) Commit(rev string) *Git { return &Git{repo: r, kind: gitCommit, rev: rev} }

// WorkTree is the place of the work tree's files as git sees them: tracked, and
// untracked but not ignored. Their content is read from the files themselves (as Dir
// reads them).
func (r *Repo) WorkTree() *Git { return &Git{repo: r, kind: gitWorkTree} }

// HasCommit reports whether rev names a commit (false for an unborn HEAD, a missing
// ORIG_HEAD, a typo).
func (r *Repo) HasCommit(rev string) bool {
	_, err := r.git.run("rev-parse", "--verify", "--quiet", rev+"^{commit}")
	return err == nil
}

// TopRelative turns an OS path into a slash path relative to the work tree's top; a
// path outside the work tree is an error naming it.
func (r *Repo) TopRelative(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	top := r.Top
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	if real, err := filepath.EvalSymlinks(top); err == nil {
		top = real
	}
	rel, err := filepath.Rel(top, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", &OutsideError{Path: p}
	}
	return filepath.ToSlash(rel), nil
}

// OutsideError is a path outside the work tree.
type OutsideError struct{ Path string }

func (e *OutsideError) Error() string { return fmt.Sprintf("%s is outside the repository", e.Path) }

// Display shows a top-relative slash path relative to the current directory, as an
// OS path.
func (r *Repo) Display(p string) string {
	if r.Prefix == "" {
		return filepath.FromSlash(p)
	}
	rel, err := filepath.Rel(filepath.FromSlash(r.Prefix), filepath.FromSlash(p))
	if err != nil {
		return filepath.FromSlash(p)
	}
	return rel
}
