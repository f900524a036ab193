package gate

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/canvasgit/canvasgit/internal/gitobj"
)

// Repo is a repository opened for reading: a bare clone, a CI checkout, a normal clone
// or a linked worktree, found from any folder inside it. Nothing is ever written to it.
type Repo struct {
	git *gitobj.Repo
	// GitDir is the repository's git directory (the bare folder, or .git).
	GitDir string
}

// Open finds the repository that holds dir (dir itself, a parent with .git, or a bare
// repository) and opens it read-only. A linked worktree's git directory names the
// main one in its commondir file: objects and most references live there, HEAD and
// the worktree's own references beside it (package gitobj reads both).
func Open(dir string) (*Repo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	} else if !st.IsDir() {
		return nil, fmt.Errorf("%s: not a folder", dir)
	}
	root, gitDir, err := gitobj.FindGitDir(abs)
	if err != nil {
		return nil, err
	}
	g, err := gitobj.Open(gitDir)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot open the repository: %w", root, err)
	}
	return &Repo{git: g, GitDir: gitDir}, nil
}

// Close releases the open files.
func (r *Repo) Close() error {
	if r == nil || r.git == nil {
		return nil
	}
	return r.git.Close()
}

// objects is the repository's object database.
func (r *Repo) objects() *gitobj.DB { return r.git.Objects }

// Shallow returns the commits at the edge of a shallow clone (none for a full one).
func (r *Repo) Shallow() ([]gitobj.ID, error) {
	return r.git.Shallow()
}

// ConfigValue reads one value from the repository's own config (section.key), or "".
func (r *Repo) ConfigValue(section, key string) string {
	v, _ := r.git.Config.Get(section, "", key)
	return v
}
