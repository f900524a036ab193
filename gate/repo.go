package gate

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"
)

// objectCacheSize bounds go-git's cache of decoded objects (see Open). On the
// PowerAppCollab corpus history (113 merges, 10 MB apps) 16 MiB instead of go-git's
// 96 MiB default took the gate's peak RSS from 192 MB to 128 MB for about the same CPU
// time (docs/limits.md).
const objectCacheSize = 16 * cache.MiByte

// Repo is a repository opened for reading: a bare clone, a CI checkout, a normal clone
// or a linked worktree, found from any folder inside it. Nothing is ever written to it.
type Repo struct {
	storage *filesystem.Storage
	// GitDir is the repository's git directory (the bare folder, or .git).
	GitDir string
}

// Open finds the repository that holds dir (dir itself, a parent with .git, or a bare
// repository) and opens it read-only.
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
	root, gitDir, err := findGitDir(abs)
	if err != nil {
		return nil, err
	}
	st, err := openStorage(gitDir)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot open the repository: %w", root, err)
	}
	return &Repo{storage: st, GitDir: gitDir}, nil
}

// Close releases the open files.
func (r *Repo) Close() error {
	if r == nil || r.storage == nil {
		return nil
	}
	return r.storage.Close()
}

// findGitDir walks up from dir to the repository: a folder with .git (a folder, or a
// file "gitdir: ..." for linked worktrees and submodules), or a bare repository. root
// is the folder to open, gitDir the git directory itself.
func findGitDir(dir string) (root, gitDir string, err error) {
	for d := dir; ; d = filepath.Dir(d) {
		dotGit := filepath.Join(d, ".git")
		if st, err := os.Stat(dotGit); err == nil {
			if st.IsDir() {
				return d, dotGit, nil
			}
			target, err := readGitFile(dotGit)
			if err != nil {
				return "", "", err
			}
			return d, target, nil
		}
		if looksLikeGitDir(d) {
			return d, d, nil
		}
		if filepath.Dir(d) == d {
			return "", "", fmt.Errorf("%s: not inside a git repository (no .git folder and not a bare repository)", dir)
		}
	}
}

// looksLikeGitDir is git's own test for a bare repository: HEAD, objects/ and refs/.
func looksLikeGitDir(d string) bool {
	for _, name := range []string{"HEAD", "objects", "refs"} {
		if _, err := os.Stat(filepath.Join(d, name)); err != nil {
			return false
		}
	}
	return true
}

func readGitFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	if sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if rest, ok := strings.CutPrefix(line, "gitdir:"); ok {
			target := strings.TrimSpace(rest)
			if !filepath.IsAbs(target) {
				target = filepath.Join(filepath.Dir(path), target)
			}
			return filepath.Clean(target), nil
		}
	}
	return "", fmt.Errorf("%s: not a gitdir file", path)
}

// Shallow returns the commits at the edge of a shallow clone (none for a full one).
func (r *Repo) Shallow() ([]plumbing.Hash, error) {
	return r.storage.Shallow()
}

// ConfigValue reads one value from the repository's own config (section.key), or "".
func (r *Repo) ConfigValue(section, key string) string {
	cfg, err := r.storage.Config()
	if err != nil || cfg.Raw == nil {
		return ""
	}
	return cfg.Raw.Section(section).Option(key)
}

// openStorage opens a git directory's objects and references read-only, with the
// small object cache (objectCacheSize). A linked worktree's git directory names the
// main one in its commondir file: objects and most references live there, HEAD and
// the worktree's own references beside it. go-git's default object cache keeps up to
// 96 MiB of decoded objects whatever the repository's size; the gate keeps the blobs
// it needs itself (store.blobs), so a small cache, enough for the delta bases of one
// object, keeps memory in proportion to the apps.
func openStorage(gitDir string) (*filesystem.Storage, error) {
	fs := osfs.New(gitDir)
	if b, err := os.ReadFile(filepath.Join(gitDir, "commondir")); err == nil {
		common := strings.TrimSpace(string(b))
		if !filepath.IsAbs(common) {
			common = filepath.Join(gitDir, common)
		}
		fs = dotgit.NewRepositoryFilesystem(fs, osfs.New(common))
	}
	st := filesystem.NewStorage(fs, cache.NewObjectLRU(objectCacheSize))
	// A folder without HEAD is not a repository (git's own first test).
	if _, err := st.Reference(plumbing.HEAD); err != nil {
		st.Close()
		return nil, fmt.Errorf("no readable HEAD: %w", err)
	}
	return st, nil
}
