package gitobj

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Repo is a repository opened for reading: its git directory, the common directory
// a linked worktree shares with the main one, its config, objects and references.
// Its Objects are safe for concurrent use; its references are read by one goroutine
// at a time (packed-refs is read once, on first use).
type Repo struct {
	// GitDir is the git directory (a bare repository's folder, .git, or a linked
	// worktree's folder under the main one's worktrees/); CommonDir the folder its
	// commondir file names (GitDir itself when there is none).
	GitDir, CommonDir string
	// Objects is the object database (objects/ of CommonDir and its alternates).
	Objects *DB
	// Config is CommonDir's config file.
	Config *Config

	packed    map[string]ID
	packedErr error
}

// Open opens the git directory gitDir. A repository whose object ids are SHA-256
// (extensions.objectFormat) or whose references are in a reftable is refused with an
// error naming it.
func Open(gitDir string) (*Repo, error) {
	r := &Repo{GitDir: gitDir, CommonDir: gitDir}
	if b, err := os.ReadFile(filepath.Join(gitDir, "commondir")); err == nil {
		common := strings.TrimSpace(string(b))
		if !filepath.IsAbs(common) {
			common = filepath.Join(gitDir, common)
		}
		r.CommonDir = filepath.Clean(common)
	}
	cfgFile := filepath.Join(r.CommonDir, "config")
	text, err := os.ReadFile(cfgFile)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if r.Config, err = ParseConfig(string(text)); err != nil {
		return nil, fmt.Errorf("%s: %w", cfgFile, err)
	}
	if f, ok := r.Config.Get("extensions", "", "objectformat"); ok && !strings.EqualFold(f, "sha1") {
		return nil, fmt.Errorf("%s: the repository's object ids are %s (extensions.objectFormat); only SHA-1 repositories can be read", gitDir, f)
	}
	if f, ok := r.Config.Get("extensions", "", "refstorage"); ok && !strings.EqualFold(f, "files") {
		return nil, fmt.Errorf("%s: the repository keeps its references in %s (extensions.refStorage); only files references can be read", gitDir, f)
	}
	// A folder without a readable HEAD is not a repository (git's own first test).
	if _, _, ok, err := r.readLooseRef("HEAD"); err != nil || !ok {
		if err == nil {
			err = errors.New("no HEAD file")
		}
		return nil, fmt.Errorf("no readable HEAD: %w", err)
	}
	if r.Objects, err = OpenDB(filepath.Join(r.CommonDir, "objects")); err != nil {
		return nil, err
	}
	return r, nil
}

// Close closes the open pack files.
func (r *Repo) Close() error {
	if r == nil || r.Objects == nil {
		return nil
	}
	return r.Objects.Close()
}

// Shallow returns the commits at the edge of a shallow clone (none for a full one),
// from the shallow file.
func (r *Repo) Shallow() ([]ID, error) {
	file := filepath.Join(r.CommonDir, "shallow")
	f, err := os.Open(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []ID
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		id, err := ParseID(line)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		out = append(out, id)
	}
	return out, sc.Err()
}

// FindGitDir walks up from dir to the repository that holds it: a folder with .git
// (a folder, or a file "gitdir: <path>" as linked worktrees and submodules have), or
// a bare repository. root is the folder found, gitDir its git directory.
func FindGitDir(dir string) (root, gitDir string, err error) {
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

// readGitFile reads a .git file: "gitdir: <path>", relative to the file's folder
// when not absolute.
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
