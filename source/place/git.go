package place

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/canvasgit/canvasgit/source/app"
)

// gitKind is which of git's three trees a Git place reads.
type gitKind int

const (
	gitWorkTree gitKind = iota
	gitIndex
	gitCommit
)

// Git is one of a repository's trees: the index, a commit, or the work tree as git
// lists it. Paths are relative to the work tree's top. The listing is taken once, on
// first use.
type Git struct {
	repo    *Repo
	kind    gitKind
	rev     string
	entries []gitEntry
	listed  bool
}

// gitEntry is a file as git lists it: its path and, in the index or a commit, its
// blob id.
type gitEntry struct {
	path, oid string
}

// Paths lists the files, top-relative, in git's order (sorted).
func (g *Git) Paths() ([]string, error) {
	if err := g.list(); err != nil {
		return nil, err
	}
	out := make([]string, len(g.entries))
	for i, e := range g.entries {
		out[i] = e.path
	}
	return out, nil
}

func (g *Git) list() error {
	if g.listed {
		return nil
	}
	var err error
	switch g.kind {
	case gitCommit:
		g.entries, err = g.lsTree(g.rev)
	case gitIndex:
		g.entries, err = g.lsIndex()
	default:
		g.entries, err = g.lsWorkTree()
	}
	g.listed = err == nil
	return err
}

func (g *Git) lsIndex() ([]gitEntry, error) {
	// "<mode> <oid> <stage>\t<path>"
	return g.listing(func(f []string) (string, bool) {
		return f[1], f[0] != "160000" && f[2] == "0" // submodules; unmerged entries (git commit refuses them anyway)
	}, "ls-files", "-s", "-z")
}

// listing runs a git command that prints "<fields>\t<path>" records ending in NUL and
// keeps the records whose three fields keep accepts, with the object id it returns.
func (g *Git) listing(keep func(fields []string) (oid string, ok bool), args ...string) ([]gitEntry, error) {
	raw, err := g.repo.git.run(args...)
	if err != nil {
		return nil, err
	}
	var out []gitEntry
	for _, rec := range splitZ(raw) {
		meta, p, ok := strings.Cut(rec, "\t")
		f := strings.Fields(meta)
		if !ok || len(f) != 3 {
			continue
		}
		if oid, ok := keep(f); ok {
			out = append(out, gitEntry{path: p, oid: oid})
		}
	}
	return out, nil
}

func (g *Git) lsWorkTree() ([]gitEntry, error) {
	raw, err := g.repo.git.run("ls-files", "-z", "--cached", "--others", "--exclude-standard")
	if err != nil {
		return nil, err
	}
	var out []gitEntry
	for _, p := range splitZ(raw) {
		out = append(out, gitEntry{path: p})
	}
	// git lists the untracked files after the tracked ones.
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out, nil
}

// lsTree lists the files of a commit, top-relative.
func (g *Git) lsTree(rev string) ([]gitEntry, error) {
	// "<mode> <type> <oid>\t<path>"
	return g.listing(func(f []string) (string, bool) {
		return f[2], f[1] == "blob" // submodules are commits
	}, "ls-tree", "-r", "-z", "--full-tree", rev)
}

// ChangedSince returns the top-relative paths that differ between the commit base and
// this place (for the work tree, untracked files count as changed). all is true when
// base is not a commit (an unborn HEAD, no ORIG_HEAD): then everything counts as
// changed.
func (g *Git) ChangedSince(base string) (paths []string, all bool, err error) {
	if !g.repo.HasCommit(base) {
		return nil, true, nil
	}
	var args []string
	switch g.kind {
	case gitCommit:
		args = []string{"diff", "--name-only", "-z", "--no-renames", base, g.rev, "--"}
	case gitIndex:
		args = []string{"diff", "--cached", "--name-only", "-z", "--no-renames", base, "--"}
	default:
		args = []string{"diff", "--name-only", "-z", "--no-renames", base, "--"}
	}
	raw, err := g.repo.git.run(args...)
	if err != nil {
		return nil, false, err
	}
	paths = splitZ(raw)
	if g.kind == gitWorkTree {
		raw, err := g.repo.git.run("ls-files", "-z", "--others", "--exclude-standard")
		if err != nil {
			return nil, false, err
		}
		paths = append(paths, splitZ(raw)...)
	}
	return paths, false, nil
}

// App reads the files under root (top-relative). The index and a commit are read from
// git's object store in one `git cat-file --batch` run; the work tree from the files
// themselves, as Dir reads them.
func (g *Git) App(root string) (*AppFiles, error) {
	if g.kind == gitWorkTree {
		return Dir{FS: os.DirFS(filepath.Join(g.repo.Top, filepath.FromSlash(root)))}.App(".")
	}
	if err := g.list(); err != nil {
		return nil, err
	}
	var mine []gitEntry
	var in bytes.Buffer
	for _, e := range g.entries {
		if app.Within(e.path, root) {
			mine = append(mine, e)
			in.WriteString(e.oid)
			in.WriteByte('\n')
		}
	}
	out := &AppFiles{}
	if len(mine) == 0 {
		return out, nil
	}
	cmd := exec.Command("git", "cat-file", "--batch")
	cmd.Dir = g.repo.Top
	cmd.Stdin = &in
	var errBuf bytes.Buffer
	cmd.Stderr = &errBuf
	outPipe, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	r := bufio.NewReaderSize(outPipe, 1<<16)
	readErr := readBatch(r, mine, root, out)
	if readErr != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return nil, readErr
	}
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("git cat-file: %v: %s", err, strings.TrimSpace(errBuf.String()))
	}
	return out, nil
}

// readBatch reads cat-file's answers for the entries, in order, into out. A blob over
// MaxFileSize is not kept: it is Unread, and its content is skipped, so a huge blob
// costs no more memory than the work tree's bounded read.
func readBatch(r *bufio.Reader, entries []gitEntry, root string, out *AppFiles) error {
	for _, e := range entries {
		header, err := r.ReadString('\n')
		if err != nil {
			return fmt.Errorf("git cat-file: %v", err)
		}
		f := strings.Fields(header)
		if len(f) != 3 {
			return fmt.Errorf("git cat-file: unexpected answer %q for %s", strings.TrimSpace(header), e.path)
		}
		size, err := strconv.Atoi(f[2])
		if err != nil {
			return fmt.Errorf("git cat-file: bad size in %q", strings.TrimSpace(header))
		}
		rel, _ := app.RelativeTo(e.path, root)
		if size > MaxFileSize {
			if _, err := r.Discard(size + 1); err != nil { // the content and the trailing newline
				return fmt.Errorf("git cat-file: %v", err)
			}
			out.Unread = append(out.Unread, TooLarge(rel))
			continue
		}
		data := make([]byte, size)
		if _, err = io.ReadFull(r, data); err == nil {
			_, err = r.Discard(1) // the trailing newline
		}
		if err != nil {
			return fmt.Errorf("git cat-file: %v", err)
		}
		out.Files = append(out.Files, File{Path: rel, Data: data})
	}
	return nil
}
