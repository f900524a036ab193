package gate

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/canvasgit/canvasgit/internal/gitobj"

	"github.com/canvasgit/canvasgit/check"
)

// Checker checks app-wide invariants of one canvas app in a tree (unique control names
// across screens, references to deleted controls, a manifest that lists existing
// screens, ...). app is the app's folder ("" for the repository group).
//
// The gate calls the checks only for apps whose files merged without conflicts: a
// tree with conflict markers is not worth checking. It runs them on the merged tree
// and, when they find anything, on TARGET's own tree (tree.Target() is then true): a
// finding TARGET already has (same Finding.ID) is pre-existing. Introduced findings
// of severity "error" make the app's verdict "refused"; pre-existing ones never do.
type Checker func(app string, tree *MergedTree) ([]Finding, error)

// MergedTree is the result of the merge, in memory: the target's tree with every
// merged path applied. Nothing is written to the repository.
type MergedTree struct {
	s      *store
	root   gitobj.ID
	target bool
}

// Target reports whether this is TARGET's own tree, the baseline the checks run on to
// tell the findings a merge introduces from the ones already there.
func (t *MergedTree) Target() bool { return t.target }

// Files lists the paths of all files under dir ("" for the whole tree), sorted.
func (t *MergedTree) Files(dir string) ([]string, error) {
	te, ok, err := t.s.lookup(t.root, dir)
	if err != nil || !ok || te.Mode&typeMask != typeDir {
		return nil, err
	}
	var out []string
	err = t.s.files(te.Hash, dir, func(p string, _ entry) error {
		out = append(out, p)
		return nil
	})
	sort.Strings(out)
	return out, err
}

// Read returns the merged content of a file; ok is false when there is none.
func (t *MergedTree) Read(path string) (content []byte, ok bool, err error) {
	te, found, err := t.s.lookup(t.root, strings.Trim(path, "/"))
	if err != nil || !found || te.Mode&typeMask == typeDir {
		return nil, false, err
	}
	b, err := t.s.blob(te.Hash)
	if err != nil {
		return nil, false, err
	}
	return b, true, nil
}

// FS returns the merged tree as a read-only fs.FS (paths relative to the repository
// root), for checkers written against io/fs such as check.CheckFS.
func (t *MergedTree) FS() fs.FS { return treeFS{t} }

type treeFS struct{ t *MergedTree }

func (f treeFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	p := name
	if p == "." {
		p = ""
	}
	te, ok, err := f.t.s.lookup(f.t.root, p)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	if te.Mode&typeMask == typeDir {
		tr, err := f.t.s.tree(te.Hash)
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		d := &treeDir{info: treeInfo{name: path.Base(name), mode: fs.ModeDir | 0o755}}
		for _, e := range tr.Entries {
			d.entries = append(d.entries, f.entryInfo(e))
		}
		sort.Slice(d.entries, func(i, j int) bool { return d.entries[i].Name() < d.entries[j].Name() })
		return d, nil
	}
	b, err := f.t.s.blob(te.Hash)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	info := treeInfo{name: path.Base(name), size: int64(len(b)), mode: fileMode(te)}
	return &treeFile{info: info, r: bytes.NewReader(b)}, nil
}

func (f treeFS) entryInfo(e treeEntry) fs.DirEntry {
	info := treeInfo{name: e.Name, mode: fileMode(e)}
	if e.Mode&typeMask == typeDir {
		info.mode = fs.ModeDir | 0o755
	} else if n, err := f.t.s.size(e.Hash); err == nil {
		info.size = n
	}
	return fs.FileInfoToDirEntry(info)
}

func fileMode(e treeEntry) fs.FileMode {
	switch e.Mode & typeMask {
	case typeSymlink:
		return fs.ModeSymlink | 0o777
	case typeGitlink:
		return fs.ModeIrregular
	}
	if e.Mode&0o111 != 0 {
		return 0o755
	}
	return 0o644
}

type treeInfo struct {
	name string
	size int64
	mode fs.FileMode
}

func (i treeInfo) Name() string       { return i.name }
func (i treeInfo) Size() int64        { return i.size }
func (i treeInfo) Mode() fs.FileMode  { return i.mode }
func (i treeInfo) ModTime() time.Time { return time.Time{} }
func (i treeInfo) IsDir() bool        { return i.mode.IsDir() }
func (i treeInfo) Sys() any           { return nil }

type treeFile struct {
	info treeInfo
	r    *bytes.Reader
}

func (f *treeFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *treeFile) Read(b []byte) (int, error) { return f.r.Read(b) }
func (f *treeFile) Close() error               { return nil }

type treeDir struct {
	info    treeInfo
	entries []fs.DirEntry
	pos     int
}

func (d *treeDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *treeDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: fs.ErrInvalid}
}
func (d *treeDir) Close() error { return nil }

func (d *treeDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.pos:]
	if n <= 0 {
		d.pos = len(d.entries)
		return append([]fs.DirEntry(nil), rest...), nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.pos += n
	return append([]fs.DirEntry(nil), rest[:n]...), nil
}

// runChecks builds the merged tree and runs the checks on each app without conflicts.
func (m *merger) runChecks(rep *Report, tm *treeMerge, target *commitNode) error {
	root, err := m.resultTree(target.tree, tm)
	if err != nil {
		return err
	}
	tree := &MergedTree{s: m.s, root: root}
	before := &MergedTree{s: m.s, root: target.tree, target: true}
	for _, a := range rep.Apps {
		if a.Verdict != Safe {
			continue
		}
		for _, check := range m.checks {
			found, err := check(a.Path, tree)
			if err != nil {
				return err
			}
			if len(found) == 0 {
				continue
			}
			old, err := check(a.Path, before)
			if err != nil {
				return err
			}
			markPreExisting(found, old)
			for _, f := range found {
				if f.overLimit && f.Status != FindingPreExisting {
					return overLimitError(f)
				}
				a.Findings = append(a.Findings, f)
				if f.Severity == "error" && f.Status != FindingPreExisting {
					a.Verdict = worse(a.Verdict, Refused)
				}
			}
		}
	}
	return nil
}

// markPreExisting sets the Status of each finding: pre-existing when TARGET's findings
// (old) have one with the same ID, counted (a second duplicate of a name is new).
// Findings without an ID are always introduced.
func markPreExisting(found, old []Finding) {
	have := map[string]int{}
	for _, f := range old {
		if f.ID != "" {
			have[f.ID]++
		}
	}
	for i := range found {
		found[i].Status = FindingIntroduced
		if id := found[i].ID; id != "" && have[id] > 0 {
			have[id]--
			found[i].Status = FindingPreExisting
		}
	}
}

// overLimitError is the gate's answer when the merge brings in a file too large to check
// (check.MaxFileSize): it cannot say whether the app is sound, so it does not decide,
// rather than calling the merge unsafe for a file it never read.
func overLimitError(f Finding) error {
	return &UndecidedError{
		Msg:  fmt.Sprintf("%s: %s", f.Path, strings.TrimPrefix(f.Message, check.CheckFile+": ")),
		Hint: fmt.Sprintf("canvasgit checks files up to %d MiB; app source files are at most a few MiB, so look at why this one is so large", check.MaxFileSize>>20),
	}
}
