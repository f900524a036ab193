// Package textconv renders a Power Apps .msapp archive as text for git's textconv:
// the source files `pac canvas unpack` would write, one section per file, in a stable
// order, so that a change to one formula shows as a one-line diff.
package textconv

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Limits bound what reading an archive may cost.
type Limits struct {
	MaxEntrySize int64 // decompressed bytes per entry
	MaxTotalSize int64 // decompressed bytes over the whole archive
	MaxEntries   int   // number of entries
}

// DefaultLimits are generous for real apps (the largest known msapp is a few MB).
var DefaultLimits = Limits{MaxEntrySize: 64 << 20, MaxTotalSize: 512 << 20, MaxEntries: 20000}

// UnusableError says why a file is not a usable msapp. Textconv prints it and exits 0.
type UnusableError struct{ Reason string }

func (e *UnusableError) Error() string { return e.Reason }

func unusable(format string, args ...any) error {
	return &UnusableError{Reason: fmt.Sprintf(format, args...)}
}

// lfsPrefix starts every Git LFS pointer file.
const lfsPrefix = "version https://git-lfs.github.com/spec/v1"

// Entry is one archive member, its name with forward slashes.
type Entry struct {
	Name string // normalised: '/' separators
	Raw  string // as stored in the zip
	Size uint64 // decompressed size claimed by the archive
	f    *zip.File
	// counted is set once the entry's size is in the archive's total (guarded by
	// Archive.mu): an entry read twice (the screens are) counts once.
	counted bool
}

// Archive reads entries of an msapp on demand.
type Archive struct {
	Entries []*Entry
	// Duplicates lists names stored more than once (case-insensitively); only the
	// first entry of each is read, as pac does, and the rendering says so.
	Duplicates []string
	byName     map[string]*Entry // lower-cased normalised name
	limits     Limits
	mu         sync.Mutex // guards read and Entry.counted: entries are read from several goroutines
	read       int64      // decompressed bytes of the distinct entries read so far
	closer     io.Closer
}

// Open opens an msapp file. A file that is not a usable msapp gives an *UnusableError.
func Open(name string, lim Limits) (*Archive, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	a, err := NewArchive(f, st.Size(), lim)
	if err != nil {
		f.Close()
		return nil, err
	}
	a.closer = f
	return a, nil
}

// Close releases the file opened by Open.
func (a *Archive) Close() error {
	if a.closer != nil {
		return a.closer.Close()
	}
	return nil
}

// NewArchive reads the zip directory of r and checks every entry name and claimed size.
func NewArchive(r io.ReaderAt, size int64, lim Limits) (*Archive, error) {
	head := make([]byte, len(lfsPrefix))
	n, _ := r.ReadAt(head, 0)
	if n == len(head) && string(head) == lfsPrefix {
		return nil, unusable("this is a Git LFS pointer file, not the app itself (run `git lfs pull` to fetch the .msapp)")
	}
	if size == 0 {
		return nil, unusable("the file is empty")
	}
	zr, err := zip.NewReader(r, size)
	if err != nil && !(errors.Is(err, zip.ErrInsecurePath) && zr != nil) {
		return nil, unusable("not a zip archive (%v); the file may be truncated or not an .msapp", err)
	}
	if len(zr.File) > lim.MaxEntries {
		return nil, unusable("the archive has %d entries, more than the limit of %d", len(zr.File), lim.MaxEntries)
	}
	a := &Archive{byName: map[string]*Entry{}, limits: lim}
	var total uint64
	for _, zf := range zr.File {
		if strings.HasSuffix(zf.Name, "/") || strings.HasSuffix(zf.Name, `\`) {
			continue // directory entry
		}
		name, err := cleanName(zf.Name)
		if err != nil {
			return nil, err
		}
		if zf.UncompressedSize64 > uint64(lim.MaxEntrySize) {
			return nil, unusable("entry %s claims %d bytes uncompressed, more than the limit of %d", name, zf.UncompressedSize64, lim.MaxEntrySize)
		}
		total += zf.UncompressedSize64
		if total > uint64(lim.MaxTotalSize) {
			return nil, unusable("the archive claims more than %d bytes uncompressed in total", lim.MaxTotalSize)
		}
		key := strings.ToLower(name)
		if _, dup := a.byName[key]; dup {
			a.Duplicates = append(a.Duplicates, zf.Name)
			continue
		}
		e := &Entry{Name: name, Raw: zf.Name, Size: zf.UncompressedSize64, f: zf}
		a.byName[key] = e
		a.Entries = append(a.Entries, e)
	}
	if a.byName["entities.json"] != nil {
		return nil, unusable("an msapp in the old v1 format (Entities.json), which this tool does not render")
	}
	if a.byName["header.json"] == nil && a.byName["properties.json"] == nil {
		return nil, unusable("a zip archive without Header.json or Properties.json, so not an .msapp")
	}
	return a, nil
}

// cleanName turns a stored entry name into a '/'-separated relative path, refusing
// names that escape the archive root or hold control characters.
func cleanName(raw string) (string, error) {
	if !utf8.ValidString(raw) {
		return "", unusable("entry name %q is not valid UTF-8", raw)
	}
	for _, r := range raw {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return "", unusable("entry name %q contains a control character", raw)
		}
	}
	n := strings.ReplaceAll(raw, `\`, "/")
	if n == "" || strings.HasPrefix(n, "/") || (len(n) >= 2 && n[1] == ':') {
		return "", unusable("entry name %q is absolute", raw)
	}
	for _, seg := range strings.Split(n, "/") {
		if seg == ".." {
			return "", unusable("entry name %q escapes the archive (..)", raw)
		}
	}
	c := path.Clean(n)
	if c == "." || strings.HasPrefix(c, "../") {
		return "", unusable("entry name %q is not a file path", raw)
	}
	return c, nil
}

// Lookup finds an entry by its '/'-separated name, ignoring case (as pac does).
func (a *Archive) Lookup(name string) *Entry { return a.byName[strings.ToLower(name)] }

// Under returns the entries whose first path segment is dir (case-insensitive), in
// name order (numbers compared numerically, so Controls/2.json < Controls/10.json).
func (a *Archive) Under(dir string) []*Entry {
	var out []*Entry
	for _, e := range a.Entries {
		first, _, ok := strings.Cut(e.Name, "/")
		if ok && strings.EqualFold(first, dir) {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return naturalLess(out[i].Name, out[j].Name) })
	return out
}

// Read returns an entry's decompressed bytes, enforcing the per-entry and total limits
// whatever the archive claims.
func (a *Archive) Read(e *Entry) ([]byte, error) {
	rc, err := e.f.Open()
	if err != nil {
		return nil, unusable("cannot read entry %s: %v", e.Name, err)
	}
	defer rc.Close()
	limit := a.limits.MaxEntrySize
	a.mu.Lock()
	if !e.counted {
		limit = min(limit, a.limits.MaxTotalSize-a.read)
	}
	a.mu.Unlock()
	// Size the buffer from the claimed size (bounded by the limit): growing a
	// bytes.Buffer by doubling was a third of the time on a 30 MB entry.
	buf := bytes.NewBuffer(make([]byte, 0, min(int64(e.Size), limit)+bytes.MinRead))
	n, err := io.Copy(buf, io.LimitReader(rc, limit+1))
	a.mu.Lock()
	if !e.counted && n <= limit {
		a.read += n
		e.counted = true
	}
	total := a.read
	a.mu.Unlock()
	if n > limit || total > a.limits.MaxTotalSize {
		return nil, unusable("entry %s decompresses to more than the size limit (a zip bomb?)", e.Name)
	}
	if errors.Is(err, zip.ErrFormat) {
		// archive/zip stops reading when the data outgrows the claimed size.
		return nil, unusable("entry %s does not match the size the archive claims for it (%d bytes): damaged, or a zip bomb lying about its size", e.Name, e.Size)
	}
	if err != nil {
		return nil, unusable("entry %s is damaged: %v", e.Name, err)
	}
	return buf.Bytes(), nil
}

// naturalLess orders names with digit runs compared by value.
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		if isDigit(a[0]) && isDigit(b[0]) {
			i, j := digits(a), digits(b)
			na, nb := strings.TrimLeft(a[:i], "0"), strings.TrimLeft(b[:j], "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[i:], b[j:]
			continue
		}
		ca, cb := lower(a[0]), lower(b[0])
		if ca != cb {
			return ca < cb
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 32
	}
	return c
}
func digits(s string) int {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}
