package jsonmerge

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"hash/maphash"
	"math/bits"
	"slices"
)

// guide reads a side against base: before each value it finds base's value at the
// same place (the member of the same name, the entry at about the same position) and,
// when the side's text there is base's text byte for byte, hands the reader a lazy copy
// of base's node (copyOf) instead of letting it read the text. Equal text reads to an
// equal node, so the side's tree is what a full read builds; only what the side
// changed is read. Most of the time the answer costs nothing: the side and base agree
// up to prefix and from their last suffix bytes, so a value at the same offset inside
// the prefix, or at the same distance from the end inside the suffix, is equal, and
// one that spans the first or last differing byte is not. Other comparisons are paid
// from a budget of twice the side's size, so the worst case stays linear.
type guide struct {
	*nodeBuilder
	base           []byte
	root           *node
	prefix, suffix int // lengths of the common prefix and suffix of base and the side
	budget         int // bytes left for comparisons
	// at[level] is base's value at the place being read at that nesting level (nil:
	// none); next[level] is the next entry of base's array to try for the entries at
	// that level.
	at   []*node
	next []int
	// passed[level] says the cursor went past an entry of base that no entry of the
	// side matched: the side's entry there was taken for base's, changed.
	passed []bool
	// common is how many bytes the last comparison of same found equal before the
	// first difference (0 when same decided without comparing).
	common int
}

func newGuide(nb *nodeBuilder, base *doc) *guide {
	g := &guide{nodeBuilder: nb, base: base.data, root: base.root, budget: 2*len(nb.data) + 4096}
	side := nb.data
	n := min(len(side), len(g.base))
	// Whole blocks first (bytes.Equal is vectorised), then byte by byte.
	const block = 256
	for g.prefix+block <= n && bytes.Equal(side[g.prefix:g.prefix+block], g.base[g.prefix:g.prefix+block]) {
		g.prefix += block
	}
	for g.prefix < n && side[g.prefix] == g.base[g.prefix] {
		g.prefix++
	}
	for g.suffix+block <= n && bytes.Equal(side[len(side)-g.suffix-block:len(side)-g.suffix], g.base[len(g.base)-g.suffix-block:len(g.base)-g.suffix]) {
		g.suffix += block
	}
	for g.suffix < n && side[len(side)-1-g.suffix] == g.base[len(g.base)-1-g.suffix] {
		g.suffix++
	}
	return g
}

// Reuse implements jsondoc.Reuser.
func (g *guide) Reuse(start, level int, key string, entry int) (*node, int, bool) {
	for len(g.at) <= level+1 {
		g.at = append(g.at, nil)
		g.next = append(g.next, 0)
		g.passed = append(g.passed, false)
	}
	g.next[level+1] = 0 // a container starting here has its entries from base's first
	g.passed[level+1] = false
	if level == 0 {
		return g.try(start, level, g.root)
	}
	parent := g.at[level-1]
	switch {
	case parent == nil:
		return g.try(start, level, nil)
	case entry < 0 && parent.kind == kObject:
		// The side's members mostly come in base's order: look for the one after
		// the last found first.
		i, ok := nearIn(parent.members(), key, g.next[level])
		if !ok {
			i = parent.find(key)
		}
		if i < 0 {
			return g.try(start, level, nil)
		}
		g.next[level] = i + 1
		return g.try(start, level, parent.members()[i].val)
	case entry < 0 || parent.kind != kArray:
		return g.try(start, level, nil)
	}
	// Base's entry at the cursor; else, in an array of long entries, those whose text
	// starts as the side's does, wherever they are (a side that moved entries: App
	// Checker writes its results in another order on every save; see startingLike);
	// else the one after the cursor (the side deleted an entry), or, when the cursor
	// passed an entry, the one before it (the side's entry there was added, not
	// changed). An entry that is none of them is taken for the one of them whose text
	// it starts with the longest (the first tried on a tie), changed: that entry
	// guides the values inside it, and the cursor passes it. (Left where it was, the
	// cursor fell behind for good after two changed entries in a row, and every later
	// entry was read, guided by the wrong entries: a component whose controls were
	// all renumbered was read whole.)
	es, c := parent.elems(), g.next[level]
	best, bestCommon := -1, -1
	var buf [2 + maxLike]int
	tries := append(buf[:0], c) // then moreTries'
	for k := 0; k < len(tries); k++ {
		if j := tries[k]; j >= 0 && j < len(es) {
			if g.same(start, es[j]) {
				g.next[level], g.passed[level] = j+1, false
				return g.reuse(start, level, es[j])
			}
			if g.common > bestCommon {
				best, bestCommon = j, g.common
			}
		}
		if k == 0 {
			tries = g.moreTries(tries, start, level, parent, es)
		}
	}
	var cand *node
	if best >= 0 {
		cand = es[best]
		g.next[level], g.passed[level] = best+1, true
	}
	g.at[level] = cand
	return nil, 0, false
}

// moreTries appends to tries, which holds the cursor, the other entries of base's
// array arr (whose entries are es) to try for the side's entry at start (see Reuse).
func (g *guide) moreTries(tries []int, start, level int, arr *node, es []*node) []int {
	c := tries[0]
	if like := g.startingLike(start, arr, es); len(like) > 0 {
		for _, e := range like {
			if e.at != c {
				tries = append(tries, e.at)
			}
		}
		return tries
	}
	tries = append(tries, c+1)
	if g.passed[level] {
		tries = append(tries, c-1)
	}
	return tries
}

// textKey is how many bytes of an array entry's text startingLike looks them up
// by: enough to hold a SARIF result's location (its first line that differs from the
// other results').
const textKey = 256

// maxLike bounds the entries startingLike returns: those past it are not tried.
const maxLike = 4

// startingLike returns the entries of base's array arr (whose entries are es) of at
// least textKey bytes that start with the textKey bytes of the side at start, at
// most maxLike of them, in order. The array's entries are indexed by those bytes' hash
// on the first call, in the scratch the reads share: both sides look up the same
// arrays of base.
func (g *guide) startingLike(start int, arr *node, es []*node) []keyedEntry {
	if start+textKey > len(g.data) {
		return nil
	}
	idx, ok := g.likes[arr]
	if !ok {
		if g.likes == nil {
			g.likes = map[*node][]keyedEntry{}
		}
		idx = indexByStart(es)
		g.likes[arr] = idx // nil: no entry is long enough
	}
	if idx == nil {
		return nil
	}
	h := maphash.Bytes(hashSeed, g.data[start:start+textKey])
	i, _ := slices.BinarySearchFunc(idx, h, func(e keyedEntry, h uint64) int { return cmp.Compare(e.hash, h) })
	j := i
	for j < len(idx) && idx[j].hash == h && j-i < maxLike {
		j++
	}
	return idx[i:j]
}

// keyedEntry is an entry of an array of base (its position) and the hash of its
// first textKey bytes.
type keyedEntry struct {
	hash uint64
	at   int
}

// indexByStart is startingLike's index of the entries es: those of at least textKey
// bytes, by hash and then position (one slice, searched by halves: a map of slices
// was a dozen allocations for each array and a tenth of an App Checker merge's
// pages besides its nodes, issue 18). nil when no entry is that long.
func indexByStart(es []*node) []keyedEntry {
	n := 0
	for _, e := range es {
		if len(e.raw) >= textKey {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	idx := make([]keyedEntry, 0, n)
	for j, e := range es {
		if len(e.raw) >= textKey {
			idx = append(idx, keyedEntry{maphash.String(hashSeed, e.raw[:textKey]), j})
		}
	}
	slices.SortFunc(idx, func(a, b keyedEntry) int {
		return cmp.Or(cmp.Compare(a.hash, b.hash), cmp.Compare(a.at, b.at))
	})
	return idx
}

// try hands back a copy of base's value b when the text at start is b's; otherwise b
// (nil: none) guides the reading of the values inside.
func (g *guide) try(start, level int, b *node) (*node, int, bool) {
	if b != nil && g.same(start, b) {
		return g.reuse(start, level, b)
	}
	g.at[level] = b
	return nil, 0, false
}

func (g *guide) reuse(start, level int, b *node) (*node, int, bool) {
	g.at[level] = b
	end := start + len(b.raw)
	if !g.fromOurs {
		// Theirs' value is base's node itself: a copy differs from it only in
		// fromOurs (false for both) and in which input raw views (the same bytes).
		// Nothing tells theirs' nodes from base's but that (the writer writes raw
		// only for ours'), and no copy and none of its children's copies are made.
		return b, end, true
	}
	n := g.node(0)
	*n = copyOf(b, g.fromOurs)
	n.raw = g.text[start:end]
	return n, end, true
}

// same reports whether the side's text at start is base's node b, byte for byte, and
// would be read as b (a number must not go on past it).
func (g *guide) same(start int, b *node) bool {
	side, base := g.data, g.base
	size := len(b.raw)
	g.common = 0
	at := offsetIn(base, b.raw)
	if start+size > len(side) {
		return false
	}
	shift := len(side) - len(base)
	lastDiff := len(base) - g.suffix - 1 // base's last byte that differs (-1: none)
	if g.suffix == min(len(side), len(base)) {
		lastDiff = -1
	}
	switch {
	case start == at && start <= g.prefix:
		if start+size > g.prefix {
			g.common = g.prefix - start
			return false // spans the first byte that differs
		}
	case start-at == shift && at > lastDiff:
		return true // inside the common suffix, the byte after included
	case start-at == shift && at+size > lastDiff:
		return false // spans the last byte that differs
	default:
		if g.common = g.equal(side[start:start+size], base[at:at+size]); g.common != size {
			return false
		}
	}
	return b.kind != kNumber || start+size == len(side) || !continuesNumber(side[start+size])
}

// equal compares a and b (of equal length) block by block, so that a difference
// costs about as much as the bytes before it, and within the budget (beyond it, the
// text is simply read). It returns the length of their common start: len(a) when they
// are equal, 0 when the budget ran out first.
func (g *guide) equal(a, b []byte) int {
	const block = 512
	done := 0
	for done < len(a) {
		k := min(len(a)-done, block)
		if g.budget < k {
			return 0
		}
		g.budget -= k
		if x, y := a[done:done+k], b[done:done+k]; !bytes.Equal(x, y) {
			return done + commonStart(x, y)
		}
		done += k
	}
	return done
}

// commonStart is the length of the common start of x and y (of equal length, not
// equal), found eight bytes at a time.
func commonStart(x, y []byte) int {
	i := 0
	for ; i+8 <= len(x); i += 8 {
		if d := binary.LittleEndian.Uint64(x[i:]) ^ binary.LittleEndian.Uint64(y[i:]); d != 0 {
			return i + bits.TrailingZeros64(d)/8
		}
	}
	for x[i] == y[i] {
		i++
	}
	return i
}

// continuesNumber reports whether c can follow the digits of a JSON number inside it.
func continuesNumber(c byte) bool {
	return c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'
}
