package gitsetup

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	canvasgit "github.com/canvasgit/canvasgit"
)

// AttributesHeader is the comment line install writes above the lines it appends. It
// is read in the user's repository by teammates who may not have canvasgit yet, so it
// says what the lines are for and what each clone needs, and names no file of
// canvasgit's own.
const AttributesHeader = "# Power Apps canvas app sources: merged and diffed by canvasgit; every clone runs `canvasgit install` once"

// olderAttributesHeaders are headers earlier versions of install wrote: uninstall
// removes them and the lines below them, and install does not add a second header.
var olderAttributesHeaders = []string{"# canvasgit (see gitattributes.example)"}

// isAttributesHeader reports whether a trimmed line is our header, current or older.
func isAttributesHeader(trimmed string) bool {
	return trimmed == AttributesHeader || slices.Contains(olderAttributesHeaders, trimmed)
}

// AttributeLines returns the attribute lines canvasgit installs: the non-comment,
// non-blank lines of gitattributes.example, trimmed.
func AttributeLines() []string {
	var lines []string
	for _, l := range strings.Split(canvasgit.GitattributesExample, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		lines = append(lines, l)
	}
	return lines
}

// AppendAttributes returns content with canvasgit's attribute lines appended,
// skipping those already present (compared trimmed), and the lines it added. The
// header comment is added with the first lines unless it is already there. The file's
// line-ending style is kept (CRLF when its first line ends with CRLF), and a final
// newline is added to existing content that lacks one. When nothing is missing the
// content is returned unchanged.
func AppendAttributes(content []byte) ([]byte, []string) {
	present := map[string]bool{}
	hasHeader := false
	for _, l := range splitLines(content) {
		t := strings.TrimSpace(l)
		present[t] = true
		hasHeader = hasHeader || isAttributesHeader(t)
	}
	var missing []string
	for _, l := range AttributeLines() {
		if !present[l] {
			missing = append(missing, l)
			present[l] = true // the example never repeats a line, but be safe
		}
	}
	if len(missing) == 0 {
		return content, nil
	}
	eol := lineEnding(content)
	out := append([]byte(nil), content...)
	if len(out) > 0 && out[len(out)-1] != '\n' {
		out = append(out, eol...)
	}
	if !hasHeader {
		out = append(out, AttributesHeader...)
		out = append(out, eol...)
	}
	for _, l := range missing {
		out = append(out, l...)
		out = append(out, eol...)
	}
	return out, missing
}

// RemoveAttributes returns content without the lines install wrote, and how many lines
// it removed: our header and, after it, the lines of ours (install only ever appends
// below the header). A line of ours above the header was the user's before install
// and stays; every kept line stays byte for byte.
func RemoveAttributes(content []byte) ([]byte, int) {
	ours := map[string]bool{}
	for _, l := range AttributeLines() {
		ours[l] = true
	}
	var out []byte
	removed := 0
	afterHeader := false
	rest := content
	for len(rest) > 0 {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line = rest[:i+1]
		}
		rest = rest[len(line):]
		trimmed := strings.TrimSpace(string(line))
		if isAttributesHeader(trimmed) || (afterHeader && ours[trimmed]) {
			afterHeader = true
			removed++
			continue
		}
		out = append(out, line...)
	}
	if removed == 0 {
		return content, 0
	}
	return out, removed
}

func splitLines(content []byte) []string {
	return strings.Split(string(content), "\n")
}

// lineEnding returns "\r\n" when the first line of content ends with CRLF, else "\n".
func lineEnding(content []byte) string {
	if i := bytes.IndexByte(content, '\n'); i > 0 && content[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// AttributesFile is where canvasgit's attribute lines go for a repository.
type AttributesFile struct {
	Path string
	// Bare is true for a bare repository: git ignores in-tree .gitattributes there, so
	// the file is $GIT_DIR/info/attributes.
	Bare bool
}

// FindAttributesFile returns <work tree top>/.gitattributes, or
// $GIT_DIR/info/attributes in a bare repository.
func FindAttributesFile(g *Git) (AttributesFile, error) {
	bare, err := g.IsBare()
	if err != nil {
		return AttributesFile{}, err
	}
	if bare {
		dir, err := g.GitDir()
		if err != nil {
			return AttributesFile{}, err
		}
		return AttributesFile{Path: filepath.Join(dir, "info", "attributes"), Bare: true}, nil
	}
	top, err := g.TopLevel()
	if err != nil {
		return AttributesFile{}, err
	}
	return AttributesFile{Path: filepath.Join(top, ".gitattributes")}, nil
}

// AttributesResult says what InstallAttributes or UninstallAttributes did.
type AttributesResult struct {
	File    AttributesFile
	Added   []string // lines appended by install
	Removed int      // lines removed by uninstall (our header included)
	Created bool     // install created the file
	Deleted bool     // uninstall deleted the file because nothing else was left in it
}

// InstallAttributes appends canvasgit's attribute lines to the repository's
// attributes file (see FindAttributesFile), creating it if needed.
func InstallAttributes(g *Git) (AttributesResult, error) {
	f, err := FindAttributesFile(g)
	if err != nil {
		return AttributesResult{}, err
	}
	res := AttributesResult{File: f}
	content, perm, exists, err := readFile(f.Path)
	if err != nil {
		return res, err
	}
	out, added := AppendAttributes(content)
	res.Added = added
	if len(added) == 0 {
		return res, nil
	}
	if !exists {
		res.Created = true
		if err := os.MkdirAll(filepath.Dir(f.Path), 0o755); err != nil {
			return res, err
		}
	}
	return res, os.WriteFile(f.Path, out, perm)
}

// UninstallAttributes removes canvasgit's attribute lines (and header) from the
// repository's attributes file, and deletes the file if nothing is left in it.
func UninstallAttributes(g *Git) (AttributesResult, error) {
	f, err := FindAttributesFile(g)
	if err != nil {
		return AttributesResult{}, err
	}
	res := AttributesResult{File: f}
	content, perm, exists, err := readFile(f.Path)
	if err != nil || !exists {
		return res, err
	}
	out, removed := RemoveAttributes(content)
	res.Removed = removed
	if removed == 0 {
		return res, nil
	}
	if len(out) == 0 {
		res.Deleted = true
		return res, os.Remove(f.Path)
	}
	return res, os.WriteFile(f.Path, out, perm)
}

func readFile(path string) (content []byte, perm fs.FileMode, exists bool, err error) {
	content, err = os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0o644, false, nil
	}
	if err != nil {
		return nil, 0, false, err
	}
	perm = 0o644
	if st, err := os.Stat(path); err == nil {
		perm = st.Mode().Perm()
	}
	return content, perm, true, nil
}

// AttributesToCommit reports whether the repository's .gitattributes differs from what
// HEAD has (new, changed or deleted), i.e. whether the team still has to commit it for
// other clones to route their files the same way. A bare repository's info/attributes
// is never committed: false.
func AttributesToCommit(g *Git, f AttributesFile) (bool, error) {
	if f.Bare {
		return false, nil
	}
	top := filepath.Dir(f.Path)
	out, err := (&Git{Dir: top, Program: g.Program}).Run("status", "--porcelain", "--untracked-files=all", "--ignored=no", "--", ".gitattributes")
	if err != nil {
		return false, err
	}
	return strings.TrimSpace(out) != "", nil
}
