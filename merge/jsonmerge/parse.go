package jsonmerge

import (
	"bytes"
	"errors"
	"fmt"
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
	// raw is the value's text in its input (scalars: the token; containers: from the
	// opening to the closing bracket, whitespace included).
	raw []byte
	// fromOurs says raw is ours' text, so it may be written out as it is.
	fromOurs bool
	// str is the decoded string (kString), the canonical number text (kNumber), or
	// "true"/"false"/"null".
	str string
	// hash summarises the value for equality tests; equal values have equal hashes
	// (object member order and number spelling do not count).
	hash    uint64
	members []member       // kObject, in document order
	index   map[string]int // kObject: key -> position in members
	elems   []*node        // kArray
	conf    *conflict      // kConflict
}

type member struct {
	key    string // decoded
	rawKey []byte // the key token as written, quotes included
	val    *node
}

// find returns the position of an object's member, or -1.
func (n *node) find(key string) int {
	if n == nil || n.kind != kObject {
		return -1
	}
	if n.index != nil {
		if i, ok := n.index[key]; ok {
			return i
		}
		return -1
	}
	for i := range n.members {
		if n.members[i].key == key {
			return i
		}
	}
	return -1
}

// get returns the value of an object's member, or nil.
func (n *node) get(key string) *node {
	if i := n.find(key); i >= 0 {
		return n.members[i].val
	}
	return nil
}

// rawKeyOf returns the member name as the object writes it, or nil.
func (n *node) rawKeyOf(key string) []byte {
	if i := n.find(key); i >= 0 {
		return n.members[i].rawKey
	}
	return nil
}

// doc is a parsed input: the root value and the bytes around it.
type doc struct {
	root   *node
	prefix []byte // BOM and whitespace before the root
	suffix []byte // whitespace after the root (the final newline, if any)
	nl     []byte // the newline the file uses: "\r\n" or "\n"
	indent []byte // one indentation step (default two spaces)
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
func parseDoc(data []byte, fromOurs bool) (*doc, error) {
	if !utf8.Valid(data) {
		return nil, &syntaxError{msg: "not valid UTF-8", line: 1}
	}
	root, start, end, err := jsondoc.Parse[*node](data, &nodeBuilder{data: data, fromOurs: fromOurs}, jsondoc.Options{MaxDepth: maxDepth})
	if err != nil {
		var se *jsondoc.SyntaxError
		if errors.As(err, &se) {
			return nil, &syntaxError{msg: se.Msg, line: se.Line}
		}
		return nil, err
	}
	d := &doc{root: root, prefix: data[:start], suffix: data[end:]}
	d.nl, d.indent = layout(data)
	return d, nil
}

var bom = []byte("\xef\xbb\xbf")

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
	data     []byte
	fromOurs bool
}

func (b *nodeBuilder) Scalar(s jsondoc.Scalar) *node {
	n := &node{raw: b.data[s.Start.Offset:s.End], fromOurs: b.fromOurs, str: s.Text}
	switch s.Kind {
	case jsondoc.String:
		n.kind = kString
		n.hash = hashScalar('s', s.Text)
	case jsondoc.Number:
		n.kind = kNumber
		n.str = canonicalNumber(n.raw)
		n.hash = hashScalar('n', n.str)
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
	n := &node{kind: kArray, fromOurs: b.fromOurs, raw: b.data[start.Offset:end]}
	if len(elems) > 0 {
		n.elems = append([]*node(nil), elems...)
	}
	n.hash = hashArray(n.elems)
	return n
}

func (b *nodeBuilder) Object(members []jsondoc.Member[*node], start jsondoc.Pos, end int) (*node, error) {
	n := &node{kind: kObject, fromOurs: b.fromOurs, raw: b.data[start.Offset:end]}
	if len(members) > 0 {
		n.index = make(map[string]int, len(members))
		n.members = make([]member, len(members))
		for i, m := range members {
			if _, dup := n.index[m.Key]; dup {
				return nil, &syntaxError{msg: fmt.Sprintf("duplicate member name %q", m.Key), line: m.KeyPos.Line}
			}
			n.index[m.Key] = i
			n.members[i] = member{key: m.Key, rawKey: b.data[m.KeyPos.Offset:m.KeyEnd], val: m.Val}
		}
	}
	n.hash = hashObject(n.members)
	return n, nil
}

func isPlainInt(raw []byte) bool {
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

// Hashes: FNV-1a over the canonical content, objects combined order-insensitively.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashScalar(tag byte, s string) uint64 {
	h := uint64(fnvOffset)
	h = (h ^ uint64(tag)) * fnvPrime
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return mix(h)
}

func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

func hashObject(ms []member) uint64 {
	var sum uint64
	for _, m := range ms {
		sum += mix(hashScalar('k', m.key) ^ (m.val.hash*31 + 7))
	}
	return mix(sum ^ 0x6f626a)
}

func hashArray(es []*node) uint64 {
	h := uint64(0x617272)
	for _, e := range es {
		h = mix(h*fnvPrime + e.hash)
	}
	return mix(h + uint64(len(es)))
}

// eq reports whether two values are equal as JSON: member order, number spelling and
// string escaping do not count. nil (absent) equals only nil.
func eq(a, b *node) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a == b {
		return true
	}
	if a.kind != b.kind || a.hash != b.hash {
		return false
	}
	switch a.kind {
	case kObject:
		if len(a.members) != len(b.members) {
			return false
		}
		for _, m := range a.members {
			if !eq(m.val, b.get(m.key)) {
				return false
			}
		}
		return true
	case kArray:
		return eqList(a.elems, b.elems)
	case kConflict:
		return false
	}
	return a.str == b.str
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
