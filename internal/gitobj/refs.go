package gitobj

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// References (git help gitrevisions, git-check-ref-format): a loose reference is a
// file under the git directory holding an id or "ref: <other name>" (a symbolic
// reference, as HEAD usually is); packed-refs holds "<id> <name>" lines, a "^<id>"
// line after an annotated tag giving what it peels to, and a "#" header. A loose
// reference wins over a packed one. In a linked worktree HEAD, the other top-level
// references and refs/bisect, refs/worktree and refs/rewritten are the worktree's own
// (in its git directory); every other reference is shared (in the common directory).

// ErrRefNotFound is a reference that does not exist. Its text is go-git's, which the
// gate's messages printed before.
var ErrRefNotFound = errors.New("reference not found")

// maxSymrefDepth is how many symbolic references are followed (git's SYMREF_MAXDEPTH).
const maxSymrefDepth = 5

// Ref is a reference and the object it names once resolved.
type Ref struct {
	Name string
	ID   ID
}

// ValidRefName reports whether name is a reference name git accepts: components
// not starting with "." nor ending with ".lock", no "..", "@{", control characters,
// space, ~ ^ : ? * [ \, no empty component, not ending in "." or "/". A name without
// "/" must be all capitals and underscores (HEAD, FETCH_HEAD, ORIG_HEAD): other files
// at the top of the git directory (config, index) are not references.
func ValidRefName(name string) bool {
	if name == "" || name == "@" || strings.HasSuffix(name, ".") || strings.Contains(name, "..") || strings.Contains(name, "@{") {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c < 0x20 || c == 0x7f || strings.IndexByte(" ~^:?*[\\", c) >= 0 {
			return false
		}
	}
	comps := strings.Split(name, "/")
	for _, c := range comps {
		if c == "" || c[0] == '.' || strings.HasSuffix(c, ".lock") {
			return false
		}
	}
	if len(comps) == 1 {
		return strings.Trim(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_") == ""
	}
	return true
}

// refDir is the folder that holds a loose reference.
func (r *Repo) refDir(name string) string {
	if !strings.HasPrefix(name, "refs/") || strings.HasPrefix(name, "refs/bisect/") ||
		strings.HasPrefix(name, "refs/worktree/") || strings.HasPrefix(name, "refs/rewritten/") {
		return r.GitDir
	}
	return r.CommonDir
}

// readLooseRef reads a loose reference: its id, or the name it points to.
func (r *Repo) readLooseRef(name string) (id ID, target string, ok bool, err error) {
	file := filepath.Join(r.refDir(name), filepath.FromSlash(name))
	b, err := os.ReadFile(file)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || isDirErr(file) {
			return id, "", false, nil
		}
		return id, "", false, err
	}
	s := strings.TrimRight(string(b), "\r\n\t ")
	if rest, sym := strings.CutPrefix(s, "ref:"); sym {
		return id, strings.TrimSpace(rest), true, nil
	}
	// FETCH_HEAD has one line per fetched ref: the first is the reference's value.
	if len(s) > 2*IDSize && (s[2*IDSize] == '\t' || s[2*IDSize] == '\n' || s[2*IDSize] == ' ') {
		s = s[:2*IDSize]
	}
	if id, err = ParseID(s); err != nil {
		return id, "", false, fmt.Errorf("%s: %w", file, err)
	}
	return id, "", true, nil
}

func isDirErr(file string) bool {
	st, err := os.Stat(file)
	return err == nil && st.IsDir()
}

// packedRefs reads packed-refs once.
func (r *Repo) packedRefs() (map[string]ID, error) {
	if r.packed != nil || r.packedErr != nil {
		return r.packed, r.packedErr
	}
	r.packed = map[string]ID{}
	file := filepath.Join(r.CommonDir, "packed-refs")
	f, err := os.Open(file)
	if errors.Is(err, fs.ErrNotExist) {
		return r.packed, nil
	} else if err != nil {
		r.packed, r.packedErr = nil, err
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" || line[0] == '#' || line[0] == '^' {
			continue
		}
		hexID, name, ok := strings.Cut(line, " ")
		id, err := ParseID(hexID)
		if !ok || err != nil || !ValidRefName(name) {
			r.packed, r.packedErr = nil, fmt.Errorf("%s: line %d: malformed line %q", file, n, line)
			return nil, r.packedErr
		}
		r.packed[name] = id
	}
	if err := sc.Err(); err != nil {
		r.packed, r.packedErr = nil, fmt.Errorf("%s: %w", file, err)
	}
	return r.packed, r.packedErr
}

// ResolveRef returns the object a reference names, following symbolic references.
// A name that is no valid reference name, or names nothing, is ErrRefNotFound.
func (r *Repo) ResolveRef(name string) (ID, error) {
	for depth := 0; depth <= maxSymrefDepth; depth++ {
		if !ValidRefName(name) {
			return ZeroID, ErrRefNotFound
		}
		id, target, ok, err := r.readLooseRef(name)
		if err != nil {
			return ZeroID, err
		}
		if !ok {
			packed, err := r.packedRefs()
			if err != nil {
				return ZeroID, err
			}
			if id, ok := packed[name]; ok {
				return id, nil
			}
			return ZeroID, ErrRefNotFound
		}
		if target == "" {
			return id, nil
		}
		name = target
	}
	return ZeroID, fmt.Errorf("symbolic references nested deeper than %d", maxSymrefDepth)
}

// Refs lists every reference under refs/ that resolves, sorted by name, as git
// show-ref does.
func (r *Repo) Refs() ([]Ref, error) {
	packed, err := r.packedRefs()
	if err != nil {
		return nil, err
	}
	names := map[string]bool{}
	for name := range packed {
		names[name] = true
	}
	walk := func(base string, keep func(string) bool) error {
		root := filepath.Join(base, "refs")
		return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			if d.IsDir() {
				return nil
			}
			rel, err := filepath.Rel(base, path)
			if err != nil {
				return err
			}
			name := filepath.ToSlash(rel)
			if ValidRefName(name) && keep(name) {
				names[name] = true
			}
			return nil
		})
	}
	shared := func(name string) bool { return r.refDir(name) == r.CommonDir }
	if err := walk(r.CommonDir, shared); err != nil {
		return nil, err
	}
	if r.GitDir != r.CommonDir {
		if err := walk(r.GitDir, func(name string) bool { return !shared(name) }); err != nil {
			return nil, err
		}
	}
	var out []Ref
	for name := range names {
		id, err := r.ResolveRef(name)
		if errors.Is(err, ErrRefNotFound) {
			continue // a dangling symbolic reference: show-ref skips it too
		}
		if err != nil {
			return nil, err
		}
		out = append(out, Ref{Name: name, ID: id})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}
