package jsonmerge

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"math/bits"
	"unicode/utf8"

	"github.com/canvasgit/canvasgit/source/jsondoc"
)

// kind is the JSON type of a node; kConflict marks a place where the merge could not
// decide (see conflict).
type kind uint8

const (
	kNull kind = iota
	kBool
	kNumber
	kString
	kArray
	kObject
	kConflict
)

// node is one JSON value. Nodes read from an input keep their source text in raw; nodes
// built by the merge have raw == nil and are rendered member by member.
type node struct {
	kind kind
	// fromOurs says raw is ours' text, so it may be written out as it is.
	fromOurs bool
	// hasIDs (nodes read from an input) says the value holds a member named by
	// UniqueIDKeys whose value is a number or a string, at any depth: the id walks
	// pass over the values that hold none.
	hasIDs bool
	// lazy says ms or es are not made yet: members and elems make them on first use
	// (see expand). The value is a copy of like, or (like nil) a container of base
	// whose text was only checked (see baseReader).
	lazy bool
	// rec is, for a lazy container of base, its record in its baseReader.
	rec int32
	// raw is the value's text in its input (scalars: the token; containers: from the
	// opening to the closing bracket, whitespace included), a view of the input's
	// memory (see inputText); "" for a node the merge made. A string, not a slice:
	// a node is 64 bytes instead of 72.
	raw string
	// str is the decoded string (kString), the number's text as written (kNumber, as
	// raw: numbers compare by sameNumber, which builds canonical forms only for texts
	// that differ), or "true"/"false"/"null".
	str string
	// hash summarises the value for equality tests; equal values have equal hashes
	// (object member order and number spelling do not count). Read it through
	// hashOf: a container's is 0 until something asks for it when it holds values of
	// base whose hashes were not computed (see baseReader.hashRec).
	hash uint64
	// body holds what a container or a conflict has beyond a scalar's fields (nil
	// for scalars, empty containers and lazy copies not yet expanded): kept apart, a
	// node is 64 bytes instead of 120, and most nodes are scalars (issue 18).
	body *body
	// like is the base node whose text this node of a side repeats byte for byte (a
	// value the side did not change): the side's parse did not read it (see guide).
	like *node
}

// body is a container's children or a conflict.
type body struct {
	ms   []member       // kObject, in document order: read through members()
	es   []*node        // kArray: read through elems()
	idx  map[string]int // kObject: key -> position, made by find for large objects
	conf *conflict      // kConflict
	// src is, for the lazy containers of base, the reader that makes their
	// children (they share one body holding it until they are expanded).
	src *baseReader
}

// objectNode is a new object (not read from an input) with the given members.
func objectNode(ms []member) *node { return &node{kind: kObject, body: &body{ms: ms}} }

// arrayNode is a new array (not read from an input) with the given entries.
func arrayNode(es []*node) *node { return &node{kind: kArray, body: &body{es: es}} }

type member struct {
	key string // decoded
	// esc is the name as written, quotes included, when it holds escapes; nil when
	// it is written `"` + key + `"` (nearly always): a member is 32 bytes, not 48.
	esc *[]byte
	val *node
}

// valOf is the value of a member found, nil for none.
func valOf(m *member) *node {
	if m == nil {
		return nil
	}
	return m.val
}

// nameOf is how a member's name is written: quotes included, escapes as written.
// With valid UTF-8 (parseDoc checks it), every escape decodes to fewer bytes than
// it is written with, so a name read without escapes is its key quoted.
// The name is data[start:end].
func nameOf(data []byte, start, end int, key string) *[]byte {
	if end-start == len(key)+2 {
		return nil
	}
	esc := new([]byte) // only here: &raw would put every call's raw on the heap
	*esc = data[start:end]
	return esc
}

// members returns an object's members, making them first for a lazy copy.
func (n *node) members() []member {
	if n.lazy {
		n.expand()
	}
	if n.body == nil {
		return nil
	}
	return n.body.ms
}

// elems returns an array's entries, making them first for a lazy copy.
func (n *node) elems() []*node {
	if n.lazy {
		n.expand()
	}
	if n.body == nil {
		return nil
	}
	return n.body.es
}

// expand makes a lazy node's children: for a container of base, by reading its text
// one level deep (see baseReader.expand); for a copy, copies of like's children that
// belong to this node's side, themselves lazy. The node is then what reading its text
// whole would have built.
func (n *node) expand() {
	if n.like == nil {
		n.body.src.expand(n)
		return
	}
	n.lazy = false
	src := n.like
	if src.kind == kObject && len(src.members()) == 0 || src.kind == kArray && len(src.elems()) == 0 {
		return // empty: nothing to make
	}
	switch n.kind {
	case kObject:
		sm := src.members()
		kids := make([]node, len(sm))
		ms := make([]member, len(sm))
		for i, mb := range sm {
			kids[i] = copyOf(mb.val, n.fromOurs)
			ms[i] = member{key: mb.key, esc: mb.esc, val: &kids[i]}
		}
		n.body = &body{ms: ms}
	case kArray:
		se := src.elems()
		kids := make([]node, len(se))
		es := make([]*node, len(se))
		for i, e := range se {
			kids[i] = copyOf(e, n.fromOurs)
			es[i] = &kids[i]
		}
		n.body = &body{es: es}
	}
}

// copyOf is a node of a side standing for a read node of the same text (its children
// are made on demand).
func copyOf(s *node, fromOurs bool) node {
	c := node{kind: s.kind, fromOurs: fromOurs, hasIDs: s.hasIDs, raw: s.raw, str: s.str, hash: s.hash}
	if s.kind == kObject || s.kind == kArray {
		c.like, c.lazy = s, true
	}
	return c
}

// smallObject is the size up to which find searches the members in order; larger
// objects get a map on their first search.
const smallObject = 8

// find returns the position of an object's member, or -1.
func (n *node) find(key string) int {
	if n == nil || n.kind != kObject {
		return -1
	}
	if n.like != nil {
		return n.like.find(key) // the same members in the same order
	}
	ms := n.members()
	if len(ms) > smallObject {
		if n.body.idx == nil {
			n.body.idx = make(map[string]int, len(ms))
			for i, mb := range ms {
				n.body.idx[mb.key] = i
			}
		}
		if i, ok := n.body.idx[key]; ok {
			return i
		}
		return -1
	}
	for i := range ms {
		if ms[i].key == key {
			return i
		}
	}
	return -1
}

// The versions of an object mostly list their members in the same order, a few
// added or deleted aside: a merge asking for them in one version's order finds each
// in the others near the last one found (see seeker), with no map made.

// nearIn looks for key among an object's members ms from hint to hint+nearHint: ok
// says the search is over, i being the position or -1 (no members). It is inlined:
// the merge calls it for nearly every member it looks up.
func nearIn(ms []member, key string, hint int) (i int, ok bool) {
	if len(ms) == 0 {
		return -1, true
	}
	for i := max(hint, 0); i < len(ms) && i <= hint+nearHint; i++ {
		if ms[i].key == key {
			return i, true
		}
	}
	return -1, false
}

// ownMembers is members without making a lazy copy's: those of the base node it
// copies (like is always one of base's), which has the same names in the same order.
func (n *node) ownMembers() []member {
	if n.like != nil {
		n = n.like
	}
	return n.members()
}

// scanIn is find by a look at every member of ms, without the map find makes for a
// large object: cheaper for the few names a merge looks for that are not near their
// hint.
func scanIn(ms []member, key string) int {
	for i, m := range ms {
		if m.key == key {
			return i
		}
	}
	return -1
}

// nearHint is how many members past its hint nearIn tries.
const nearHint = 4

// get returns the value of an object's member, or nil.
func (n *node) get(key string) *node {
	if i := n.find(key); i >= 0 {
		return n.members()[i].val
	}
	return nil
}

// peek returns the value of an object's member for reading only (its kind, text and
// hash): for a lazy copy, the node it copies, so that nothing is made.
func (n *node) peek(key string) *node {
	if n != nil && n.lazy && n.like != nil {
		return n.like.peek(key)
	}
	return n.get(key)
}

// doc is a parsed input: the root value and the bytes around it.
type doc struct {
	root   *node
	prefix []byte // BOM and whitespace before the root
	suffix []byte // whitespace after the root (the final newline, if any)
	nl     []byte // the newline the file uses: "\r\n" or "\n"
	indent []byte // one indentation step (default two spaces)
	data   []byte // the whole input
}

const maxDepth = 2000

type syntaxError struct {
	msg  string
	line int
}

func (e *syntaxError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

// parseDoc reads one JSON document with the one JSON reader (source/jsondoc). A UTF-8
// BOM is accepted; invalid UTF-8, duplicate keys and anything but whitespace after the
// value are errors (the merge needs one meaning per member and text it can copy).
// With a base (the document the side was made from), the values whose text is base's
// are not read but copied from base's nodes (see guide).
func parseDoc(data []byte, fromOurs bool, idKey map[string]bool, base *doc) (*doc, error) {
	return parseDocIn(new(scratch), data, fromOurs, idKey, base)
}

// parseDocIn is parseDoc cutting its nodes from sc, which the reads of one merge share.
func parseDocIn(sc *scratch, data []byte, fromOurs bool, idKey map[string]bool, base *doc) (*doc, error) {
	nb := newNodeBuilder(sc, data, fromOurs, idKey)
	nb.whole = base == nil
	var g *guide
	valid := false
	if base != nil {
		g = newGuide(nb, base)
		valid = validBeside(data, base.data, g.prefix, g.suffix)
	} else {
		valid = utf8.Valid(data)
	}
	if !valid {
		return nil, &syntaxError{msg: "not valid UTF-8", line: 1}
	}
	opts := jsondoc.Options{MaxDepth: maxDepth, Share: true} // nodes live no longer than Merge
	var root *node
	var start, end int
	var err error
	if g != nil {
		// The lines of the text copied from base are not counted: they only matter
		// for an error, which is rare, and then the side is read again counting them
		// (the same read, the same error, on its line). Counting them was a fiftieth
		// of an editor-state merge.
		uncounted := opts
		uncounted.UncountedReuse = true
		root, start, end, err = jsondoc.Parse[*node](data, g, uncounted)
		if err != nil {
			root, start, end, err = jsondoc.Parse[*node](data, newGuide(nb, base), opts)
		}
	} else {
		root, start, end, err = jsondoc.Parse[*node](data, nb, opts)
	}
	if err != nil {
		var se *jsondoc.SyntaxError
		if errors.As(err, &se) {
			return nil, &syntaxError{msg: se.Msg, line: se.Line}
		}
		return nil, err
	}
	d := &doc{root: root, prefix: data[:start], suffix: data[end:], data: data}
	d.nl, d.indent = layout(data)
	return d, nil
}

var bom = []byte("\xef\xbb\xbf")

// validBeside reports whether side is valid UTF-8, given that its first prefix and
// last suffix bytes are those of base, which is valid (read, so checked, first): only
// the bytes between them are checked, from the start of base's character that holds
// the first differing byte to the first character start of the common end. The parts
// before and after are whole characters of base, and a concatenation of valid parts
// is valid (and a valid whole splits into valid parts at character starts).
func validBeside(side, base []byte, prefix, suffix int) bool {
	s0, e0 := prefix, len(side)-suffix
	for s0 > 0 && s0 < len(base) && !utf8.RuneStart(base[s0]) {
		s0--
	}
	for e0 < len(side) && !utf8.RuneStart(side[e0]) {
		e0++
	}
	if s0 >= e0 { // the common start and end overlap: check it all
		return utf8.Valid(side)
	}
	return utf8.Valid(side[s0:e0])
}

// layout finds the file's newline and indentation step from its first indented line.
func layout(data []byte) (nl, indent []byte) {
	nl, indent = []byte("\n"), []byte("  ")
	i := bytes.IndexByte(data, '\n')
	if i < 0 {
		return nl, indent
	}
	if i > 0 && data[i-1] == '\r' {
		nl = []byte("\r\n")
	}
	for rest := data[i+1:]; len(rest) > 0; {
		j := 0
		for j < len(rest) && (rest[j] == ' ' || rest[j] == '\t') {
			j++
		}
		if j > 0 && j < len(rest) && rest[j] != '\r' && rest[j] != '\n' {
			return nl, rest[:j]
		}
		k := bytes.IndexByte(rest, '\n')
		if k < 0 {
			break
		}
		rest = rest[k+1:]
	}
	return nl, indent
}

// nodeBuilder makes nodes that keep their text in the input and their hash.
type nodeBuilder struct {
	*scratch
	data     []byte
	text     string // data, viewed as a string (inputText)
	fromOurs bool
	idKeys   []string // the policy's UniqueIDKeys, for hasIDs
	// whole says the read builds a node for every value of data (no guide, no
	// expansion), so its slabs are sized for the text it has left (see slabs).
	whole bool
}

// scratch is the memory the reads of one merge share: the slabs their nodes and
// lists are cut from (see slabs), the reader's stacks and the duplicate check's
// buffers, grown to the largest object once. (Each read with its own was about a
// sixth of the bytes an Entropy.json merge allocates, issue 18.)
type scratch struct {
	slabs
	// keyHashes are the member names' hashes of the object being built; slots is
	// unique's table.
	keyHashes []uint64
	slots     []int32
	stacks    jsondoc.Stacks[*node]
	// likes holds, per array of base, its entries by the hash of their first textKey
	// bytes (see startingLike).
	likes map[*node][]keyedEntry
}

func newNodeBuilder(sc *scratch, data []byte, fromOurs bool, idKey map[string]bool) *nodeBuilder {
	sc.startRead()
	nb := &nodeBuilder{scratch: sc, data: data, text: inputText(data), fromOurs: fromOurs, whole: true}
	for k := range idKey {
		nb.idKeys = append(nb.idKeys, k)
	}
	return nb
}

// Stacks implements jsondoc.Stacker.
func (sc *scratch) Stacks() *jsondoc.Stacks[*node] { return &sc.stacks }

func (b *nodeBuilder) Scalar(s jsondoc.Scalar) *node {
	n := b.node(b.left(s.End))
	n.raw, n.fromOurs, n.str = b.text[s.Start.Offset:s.End], b.fromOurs, s.Text
	switch s.Kind {
	case jsondoc.String:
		n.kind = kString
		n.hash = hashScalar('s', s.Text)
	case jsondoc.Number:
		n.kind = kNumber
		n.str = n.raw
		n.hash = hashNumber(n.raw)
	default:
		n.kind = kNull
		if s.Kind == jsondoc.Bool {
			n.kind = kBool
		}
		n.hash = hashScalar('l', s.Text)
	}
	return n
}

func (b *nodeBuilder) Array(elems []*node, start jsondoc.Pos, end int) *node {
	left := b.left(end)
	n := b.node(left)
	n.kind, n.fromOurs, n.raw = kArray, b.fromOurs, b.text[start.Offset:end]
	if len(elems) > 0 {
		es := b.elemList(len(elems), left)
		copy(es, elems)
		n.body = b.body(left)
		n.body.es = es
		for _, e := range elems {
			n.hasIDs = n.hasIDs || e.hasIDs
		}
	}
	n.hash = hashArray(n.elems())
	return n
}

func (b *nodeBuilder) Object(members []jsondoc.Member[*node], start jsondoc.Pos, end int) (*node, error) {
	left := b.left(end)
	n := b.node(left)
	n.kind, n.fromOurs, n.raw = kObject, b.fromOurs, b.text[start.Offset:end]
	if len(members) == 0 {
		n.hash = objectHash(0)
		return n, nil
	}
	// One pass makes the members, the names' hashes (for unique and the object's
	// hash), hasIDs and the hash; the members are looked at in place (a copy of each
	// was a tenth of the builder's time).
	ms := b.memberList(len(members), left)
	kh := b.keyHashes[:0]
	var sum uint64
	hasIDs, unknown := false, false
	for i := range members {
		m := &members[i]
		v := m.Val
		h := hashScalar('k', m.Key)
		kh = append(kh, h)
		sum += memberHashOf(h, v.hash)
		unknown = unknown || v.hash == 0 && isContainer(v.kind)
		ms[i] = member{key: m.Key, esc: nameOf(b.data, m.KeyPos.Offset, m.KeyEnd, m.Key), val: v}
		hasIDs = hasIDs || v.hasIDs || ((v.kind == kNumber || v.kind == kString) && b.isIDKey(m.Key))
	}
	b.keyHashes = kh
	if err := b.unique(members, kh); err != nil {
		return nil, err
	}
	n.body = b.body(left)
	n.body.ms = ms
	n.hasIDs = hasIDs
	if !unknown {
		n.hash = objectHash(sum)
	}
	return n, nil
}

// isIDKey reports whether key is one of the policy's UniqueIDKeys (one or two names:
// comparing them is cheaper than hashing every member name).
func (b *nodeBuilder) isIDKey(key string) bool { return isIDKeyIn(b.idKeys, key) }

func isIDKeyIn(idKeys []string, key string) bool {
	for _, k := range idKeys {
		if k == key {
			return true
		}
	}
	return false
}

// unique refuses an object that repeats a member name, naming the first repeat. kh
// are the names' hashes: names with different hashes differ, so only names with equal
// hashes are compared. A small object compares every pair; a larger one puts its
// names' positions in a table by hash (open addressing, at most half full), so each
// name meets only the few whose hashes share its slot: linear in the members, where
// comparing every pair of an object of 30 members was a twentieth of reading an
// editor state (issue 18).
func (b *nodeBuilder) unique(members []jsondoc.Member[*node], kh []uint64) error {
	return unique(b.scratch, members, kh)
}

// unique is nodeBuilder.unique for the members of any reader's values (the base's
// check reads build none, see baseReader).
func unique[V any](b *scratch, members []jsondoc.Member[V], kh []uint64) error {
	dup := func(m jsondoc.Member[V]) error {
		return &syntaxError{msg: fmt.Sprintf("duplicate member name %q", m.Key), line: m.KeyPos.Line}
	}
	if len(members) <= smallUnique {
		for i := 1; i < len(members); i++ {
			for j := 0; j < i; j++ {
				if kh[j] == kh[i] && members[j].Key == members[i].Key {
					return dup(members[i])
				}
			}
		}
		return nil
	}
	size := 2 * smallUnique
	for size < 2*len(members) {
		size *= 2
	}
	if cap(b.slots) < size {
		b.slots = make([]int32, size)
	}
	slots := b.slots[:size]
	clear(slots)
	mask := uint64(size - 1)
	for i := range members {
		h := kh[i]
		for s := h & mask; ; s = (s + 1) & mask {
			j := int(slots[s]) - 1 // slots hold a position + 1; 0 is empty
			if j < 0 {
				slots[s] = int32(i + 1)
				break
			}
			if kh[j] == h && members[j].Key == members[i].Key {
				return dup(members[i])
			}
		}
	}
	return nil
}

// smallUnique is the size up to which unique compares every pair of names.
const smallUnique = 8

func isPlainInt(raw string) bool {
	s := raw
	if len(s) > 0 && s[0] == '-' {
		s = s[1:]
	}
	if len(s) == 0 || (s[0] == '0' && len(s) > 1) || (len(raw) == 2 && raw[0] == '-' && raw[1] == '0') {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Hashes: the runtime's string hash over the canonical content (vectorised; FNV byte
// by byte cost a tenth of reading a file), objects combined order-insensitively. The
// seed changes from run to run: a hash only ever rules equality out (eq, match), so
// no output depends on its value.
var hashSeed = maphash.MakeSeed()

const fnvPrime = 1099511628211

func hashScalar(tag byte, s string) uint64 {
	var h uint64
	if len(s) <= 16 {
		h = shortHash(s)
	} else {
		h = maphash.String(hashSeed, s)
	}
	return mix(h ^ uint64(tag)*0x9e3779b97f4a7c15)
}

// shortSeeds seed shortHash, from hashSeed: they change from run to run too.
var shortSeeds = [2]uint64{maphash.String(hashSeed, "short hash, a"), maphash.String(hashSeed, "short hash, b")}

// shortHash hashes a string of at most 16 bytes inline: most names and values are that
// short, and the call into the runtime's hash was a tenth of an editor-state merge
// (issue 18). Two words cover every byte (overlapping when shorter than 16), and one
// 128-bit product of them, with the seeds and the length, folds them together.
func shortHash(s string) uint64 {
	var a, b uint64
	switch n := len(s); {
	case n >= 8:
		a, b = le64(s), le64(s[n-8:])
	case n >= 4:
		a, b = uint64(le32(s)), uint64(le32(s[n-4:]))
	case n > 0:
		a = uint64(s[0])<<16 | uint64(s[n>>1])<<8 | uint64(s[n-1])
	}
	hi, lo := bits.Mul64(a^shortSeeds[0], b^shortSeeds[1]^uint64(len(s)))
	return hi ^ lo
}

func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func le32(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// hashOf is n's hash, computed first if it is not known yet: a container of base
// not expanded gets it from its text (hashRec), a copy from the node it copies, any
// other container from its children. Each value's hash is computed at most once.
func (n *node) hashOf() uint64 {
	if n.hash != 0 || !isContainer(n.kind) {
		return n.hash
	}
	switch {
	case n.like != nil:
		n.hash = n.like.hashOf()
	case n.lazy:
		n.hash = n.body.src.hashRec(n)
	case n.kind == kObject:
		var sum uint64
		for _, m := range n.members() {
			sum += memberHashOf(hashScalar('k', m.key), m.val.hashOf())
		}
		n.hash = objectHash(sum)
	default:
		h := arrayHashStart
		for _, e := range n.elems() {
			h = arrayHashStep(h, e.hashOf())
		}
		n.hash = arrayHashEnd(h, len(n.elems()))
	}
	return n.hash
}

func isContainer(k kind) bool { return k == kObject || k == kArray }

// hashObject is the hash of an object with members ms, 0 (not known yet, see hashOf)
// when one of their values' is not known yet.
func hashObject(ms []member) uint64 {
	var sum uint64
	for _, m := range ms {
		if m.val.hash == 0 && isContainer(m.val.kind) {
			return 0
		}
		sum += memberHashOf(hashScalar('k', m.key), m.val.hash)
	}
	return objectHash(sum)
}

// memberHashOf is memberHash from the value's hash.
func memberHashOf(keyHash, valHash uint64) uint64 { return mix(keyHash ^ (valHash*31 + 7)) }

// objectHash is an object's hash from the sum of its members' parts (a sum: member
// order does not count). It is never 0: a container's hash 0 means not known yet.
func objectHash(sum uint64) uint64 { return nonZero(mix(sum ^ 0x6f626a)) }

func nonZero(h uint64) uint64 {
	if h == 0 {
		return 1
	}
	return h
}

// hashArray is the hash of an array with entries es, 0 (not known yet, see hashOf)
// when one of theirs is not known yet.
func hashArray(es []*node) uint64 {
	h := arrayHashStart
	for _, e := range es {
		if e.hash == 0 && isContainer(e.kind) {
			return 0
		}
		h = arrayHashStep(h, e.hash)
	}
	return arrayHashEnd(h, len(es))
}

// An array's hash is arrayHashStart, then arrayHashStep with each entry's hash in
// order, then arrayHashEnd with their number.
const arrayHashStart uint64 = 0x617272

func arrayHashStep(h, entryHash uint64) uint64 { return mix(h*fnvPrime + entryHash) }

func arrayHashEnd(h uint64, n int) uint64 { return nonZero(mix(h + uint64(n))) }

// eq reports whether two values are equal as JSON: member order, number spelling and
// string escaping do not count. nil (absent) equals only nil.
func eq(a, b *node) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a == b {
		return true
	}
	if a.kind != b.kind || knownHash(a) && knownHash(b) && a.hash != b.hash {
		return false
	}
	if sameCopy(a, b) {
		return true
	}
	if !knownHash(a) || !knownHash(b) {
		// A hash not known yet costs a walk of the value's text (see hashOf): values
		// of the same base mostly differ, if at all, in a few members, found by a
		// short look at their children first, most of them the same node of base.
		budget := eqBudget
		if same, ok := eqWithin(a, b, &budget); ok {
			return same
		}
		if a.hashOf() != b.hashOf() {
			return false
		}
	}
	// Compared only once the hashes agree: texts of equal length that differ near
	// their end would cost a look at all of them at every level of a merge.
	if sameRaw(a, b) {
		return true
	}
	switch a.kind {
	case kObject:
		if len(a.members()) != len(b.members()) {
			return false
		}
		var sb seeker
		for _, m := range a.members() {
			if !eq(m.val, valOf(sb.find(b, m.key))) {
				return false
			}
		}
		return true
	case kArray:
		return eqList(a.elems(), b.elems())
	case kConflict:
		return false
	}
	return sameScalar(a, b)
}

// knownHash says whether n.hash is known (see hashOf).
func knownHash(n *node) bool { return n.hash != 0 || !isContainer(n.kind) }

// eqBudget bounds the values eqWithin looks at for one eq: beyond it, eq compares
// hashes, which each value computes once (so a merge stays linear in its inputs).
const eqBudget = 256

// eqWithin is eq without computing hashes, for at most *budget values: ok says it
// decided within them. A copy is compared as the node of base it copies (the same
// value), so that its children are not made.
func eqWithin(a, b *node, budget *int) (same, ok bool) {
	if a == nil || b == nil {
		return a == b, true
	}
	if a.like != nil {
		a = a.like
	}
	if b.like != nil {
		b = b.like
	}
	if a == b {
		return true, true
	}
	if *budget--; *budget < 0 {
		return false, false
	}
	if a.kind != b.kind || knownHash(a) && knownHash(b) && a.hash != b.hash {
		return false, true
	}
	if sameCopy(a, b) {
		return true, true
	}
	switch a.kind {
	case kObject:
		am, bm := a.members(), b.members()
		if len(am) != len(bm) {
			return false, true
		}
		var sb seeker
		for _, m := range am {
			if same, ok := eqWithin(m.val, valOf(sb.find(b, m.key)), budget); !same || !ok {
				return same, ok
			}
		}
		return true, true
	case kArray:
		ae, be := a.elems(), b.elems()
		if len(ae) != len(be) {
			return false, true
		}
		for i := range ae {
			if same, ok := eqWithin(ae[i], be[i], budget); !same || !ok {
				return same, ok
			}
		}
		return true, true
	case kConflict:
		return false, true
	}
	return sameScalar(a, b), true
}

// sameCopy reports whether two nodes stand for one node of base, so are equal:
// copies of one base node, or a copy and its base node.
func sameCopy(a, b *node) bool {
	return a.like != nil && (a.like == b.like || a.like == b) || b.like == a
}

// sameRaw reports whether two containers read from inputs have the same text, so
// are equal (merged containers have no raw).
func sameRaw(a, b *node) bool {
	return a.raw != "" && b.raw != "" && (a.kind == kObject || a.kind == kArray) && a.raw == b.raw
}

func eqList(a, b []*node) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !eq(a[i], b[i]) {
			return false
		}
	}
	return true
}
