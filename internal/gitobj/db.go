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
	"sync"
)

// Limits on what one object may cost. A repository is trusted to be what git wrote,
// but a damaged one must give an error, not exhaust memory or loop.
const (
	// DefaultMaxObjectSize bounds one object's size (and a delta's result).
	DefaultMaxObjectSize = 1 << 30
	// DefaultMaxDeltaDepth bounds a chain of deltas; git writes at most 4095.
	DefaultMaxDeltaDepth = 5000
	// baseCacheSize bounds the delta bases kept between reads.
	baseCacheSize = 16 << 20
	// maxAlternateDepth is how deep alternates of alternates are followed (git's 5).
	maxAlternateDepth = 5
)

// DB is a repository's object database: its objects folder and the folders its
// objects/info/alternates name. It is safe for concurrent use.
type DB struct {
	// MaxObjectSize and MaxDeltaDepth are the limits (the defaults when zero).
	MaxObjectSize int64
	MaxDeltaDepth int

	dirs  []*objectDir
	mu    sync.Mutex
	z     inflater
	cache *baseCache
}

// objectDir is one objects folder and its packs, in name order.
type objectDir struct {
	path  string
	packs []*pack
}

// OpenDB opens an objects folder, its packs' indexes and its alternates.
func OpenDB(objectsDir string) (*DB, error) {
	db := &DB{cache: newBaseCache(baseCacheSize)}
	seen := map[string]bool{}
	if err := db.addDir(objectsDir, 0, seen); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func (db *DB) addDir(path string, depth int, seen map[string]bool) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if seen[abs] {
		return nil
	}
	seen[abs] = true
	if st, err := os.Stat(abs); err != nil {
		return err
	} else if !st.IsDir() {
		return fmt.Errorf("%s: not a folder", abs)
	}
	d := &objectDir{path: abs}
	idxs, err := filepath.Glob(filepath.Join(abs, "pack", "pack-*.idx"))
	if err != nil {
		return err
	}
	sort.Strings(idxs)
	for _, idx := range idxs {
		packPath := strings.TrimSuffix(idx, ".idx") + ".pack"
		if _, err := os.Stat(packPath); err != nil {
			continue // an index without its pack (a pack being written or removed): git skips it too
		}
		ix, err := readPackIndex(idx)
		if err != nil {
			return err
		}
		d.packs = append(d.packs, &pack{path: packPath, idx: ix})
	}
	db.dirs = append(db.dirs, d)
	return db.addAlternates(abs, depth, seen)
}

// addAlternates follows objects/info/alternates: one objects folder per line,
// relative to this objects folder when not absolute; # starts a comment.
func (db *DB) addAlternates(dir string, depth int, seen map[string]bool) error {
	file := filepath.Join(dir, "info", "alternates")
	f, err := os.Open(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	defer f.Close()
	if depth >= maxAlternateDepth {
		return fmt.Errorf("%s: alternates nested deeper than %d", file, maxAlternateDepth)
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		if !filepath.IsAbs(line) {
			line = filepath.Join(dir, line)
		}
		if err := db.addDir(line, depth+1, seen); err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
	}
	return sc.Err()
}

// Close closes the open pack files.
func (db *DB) Close() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	var first error
	for _, d := range db.dirs {
		for _, p := range d.packs {
			if err := p.close(); err != nil && first == nil {
				first = err
			}
		}
	}
	return first
}

func (db *DB) maxSize() int64 {
	if db.MaxObjectSize > 0 {
		return db.MaxObjectSize
	}
	return DefaultMaxObjectSize
}

func (db *DB) maxDepth() int {
	if db.MaxDeltaDepth > 0 {
		return db.MaxDeltaDepth
	}
	return DefaultMaxDeltaDepth
}

// location is where an object is: an entry of a pack, or a loose file.
type location struct {
	pack  *pack
	off   int64
	loose string
}

// locate finds an object: in each objects folder, its packs then its loose files.
func (db *DB) locate(id ID) (location, error) {
	for _, d := range db.dirs {
		for _, p := range d.packs {
			if i := p.idx.find(id); i >= 0 {
				off, err := p.idx.offset(i)
				if err != nil {
					return location{}, &CorruptError{File: strings.TrimSuffix(p.path, ".pack") + ".idx", Offset: -1, Err: err}
				}
				return location{pack: p, off: off}, nil
			}
		}
		path := loosePath(d.path, id)
		if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
			return location{loose: path}, nil
		}
	}
	return location{}, ErrNotFound
}

// Read returns an object's type and content. A missing object is ErrNotFound.
func (db *DB) Read(id ID) (Type, []byte, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	loc, err := db.locate(id)
	if err != nil {
		return 0, nil, err
	}
	if loc.loose != "" {
		t, _, data, err := db.readLoose(loc.loose, false)
		return t, data, err
	}
	return db.readPacked(loc.pack, loc.off)
}

// ReadAs returns the content of an object that must be of type want (a *TypeError
// otherwise).
func (db *DB) ReadAs(id ID, want Type) ([]byte, error) {
	t, data, err := db.Read(id)
	if err != nil {
		return nil, err
	}
	if t != want {
		return nil, &TypeError{ID: id, Have: t, Want: want}
	}
	return data, nil
}

// Size returns an object's size without reading its content when it can: a loose
// object's header, a pack entry's header, or a delta's first bytes.
func (db *DB) Size(id ID) (int64, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	loc, err := db.locate(id)
	if err != nil {
		return 0, err
	}
	if loc.loose != "" {
		_, size, _, err := db.readLoose(loc.loose, true)
		return size, err
	}
	p := loc.pack
	if _, data, ok := db.cache.get(baseKey{p, loc.off}); ok {
		return int64(len(data)), nil
	}
	if err := p.open(); err != nil {
		return 0, err
	}
	h, err := p.header(loc.off, db.maxSize())
	if err != nil {
		return 0, &CorruptError{File: p.path, Offset: loc.off, Err: err}
	}
	if h.typ != typeOfsDelta && h.typ != typeRefDelta {
		return h.size, nil
	}
	zr, err := db.z.open(p.data(h))
	if err != nil {
		return 0, &CorruptError{File: p.path, Offset: loc.off, Err: err}
	}
	var start [20]byte // two size varints of at most 10 bytes
	n, err := zr.Read(start[:])
	for n < len(start) && err == nil {
		var m int
		m, err = zr.Read(start[n:])
		n += m
	}
	_, result, _, derr := deltaSizes(start[:n])
	if derr != nil {
		return 0, &CorruptError{File: p.path, Offset: loc.off, Err: derr}
	}
	if result > uint64(db.maxSize()) {
		return 0, &CorruptError{File: p.path, Offset: loc.off, Err: fmt.Errorf("object of %d bytes is over the limit of %d", result, db.maxSize())}
	}
	return int64(result), nil
}

// readPacked reads the pack entry at off, applying its chain of deltas: the chain is
// walked down to a whole object (or a cached base) first, then the deltas are applied
// from the bottom up, iteratively, so a long chain costs no stack.
func (db *DB) readPacked(p *pack, off int64) (Type, []byte, error) {
	var chain []entryHeader
	var packs []*pack // the pack of each chain entry (a REF_DELTA base may be in another)
	var typ Type
	var data []byte
	fromCache := false
	baseKeyOK := false
	for {
		if t, d, ok := db.cache.get(baseKey{p, off}); ok {
			typ, data, fromCache = t, d, true
			break
		}
		if len(chain) > db.maxDepth() {
			return 0, nil, &CorruptError{File: p.path, Offset: off, Err: fmt.Errorf("delta chain deeper than %d", db.maxDepth())}
		}
		if err := p.open(); err != nil {
			return 0, nil, err
		}
		h, err := p.header(off, db.maxSize())
		if err != nil {
			return 0, nil, &CorruptError{File: p.path, Offset: off, Err: err}
		}
		if h.typ == typeOfsDelta {
			chain, packs = append(chain, h), append(packs, p)
			off = h.baseOff
			continue
		}
		if h.typ == typeRefDelta {
			chain, packs = append(chain, h), append(packs, p)
			if i := p.idx.find(h.baseID); i >= 0 {
				if off, err = p.idx.offset(i); err != nil {
					return 0, nil, &CorruptError{File: p.path, Offset: h.off, Err: err}
				}
				continue
			}
			loc, err := db.locate(h.baseID)
			if err != nil {
				return 0, nil, &CorruptError{File: p.path, Offset: h.off, Err: fmt.Errorf("delta base %s: %w", h.baseID, err)}
			}
			if loc.loose != "" {
				if typ, _, data, err = db.readLoose(loc.loose, false); err != nil {
					return 0, nil, err
				}
				break
			}
			p, off = loc.pack, loc.off
			continue
		}
		zr, err := db.z.open(p.data(h))
		if err == nil {
			data, err = readExactly(zr, h.size)
		}
		if err != nil {
			return 0, nil, &CorruptError{File: p.path, Offset: off, Err: err}
		}
		typ, baseKeyOK = h.typ, true
		break
	}
	if len(chain) == 0 {
		if fromCache {
			data = append([]byte(nil), data...) // the cache's copy stays unchanged
		}
		return typ, data, nil
	}
	if baseKeyOK {
		db.cache.add(baseKey{p, off}, typ, data)
	}
	for i := len(chain) - 1; i >= 0; i-- {
		h, hp := chain[i], packs[i]
		zr, err := db.z.open(hp.data(h))
		var delta []byte
		if err == nil {
			delta, err = readExactly(zr, h.size)
		}
		if err == nil {
			data, err = applyDelta(data, delta, db.maxSize())
		}
		if err != nil {
			return 0, nil, &CorruptError{File: hp.path, Offset: h.off, Err: err}
		}
		if i > 0 {
			db.cache.add(baseKey{hp, h.off}, typ, data)
		}
	}
	return typ, data, nil
}

// IDsWithPrefix returns the objects whose id starts with the hexadecimal digits
// prefix (at least 4): in each objects folder, loose objects then packed ones, each
// id once.
func (db *DB) IDsWithPrefix(prefix string) ([]ID, error) {
	prefix = strings.ToLower(prefix)
	if len(prefix) < 4 || len(prefix) > 2*IDSize || strings.Trim(prefix, "0123456789abcdef") != "" {
		return nil, fmt.Errorf("%q is not an abbreviated object id", prefix)
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	var even [IDSize]byte
	n := len(prefix) / 2
	for i := 0; i < n; i++ {
		even[i] = unhex(prefix[2*i])<<4 | unhex(prefix[2*i+1])
	}
	var out []ID
	seen := map[ID]bool{}
	add := func(id ID) {
		if !seen[id] && strings.HasPrefix(id.String(), prefix) {
			seen[id] = true
			out = append(out, id)
		}
	}
	for _, d := range db.dirs {
		names, _ := os.ReadDir(filepath.Join(d.path, prefix[:2]))
		for _, e := range names {
			if id, err := ParseID(prefix[:2] + e.Name()); err == nil {
				add(id)
			}
		}
		for _, p := range d.packs {
			p.idx.withPrefix(even[:n], add)
		}
	}
	return out, nil
}

func unhex(c byte) byte {
	if c >= 'a' {
		return c - 'a' + 10
	}
	return c - '0'
}
