package jsonmerge

import (
	"bytes"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
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

type parser struct {
	data     []byte
	pos      int
	depth    int
	fromOurs bool
}

type syntaxError struct {
	msg  string
	line int
}

func (e *syntaxError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

func (p *parser) fail(format string, args ...any) error {
	line := 1 + bytes.Count(p.data[:min(p.pos, len(p.data))], []byte{'\n'})
	return &syntaxError{msg: fmt.Sprintf(format, args...), line: line}
}

// parseDoc reads one JSON document. A UTF-8 BOM is accepted; invalid UTF-8, duplicate
// keys and anything but whitespace after the value are errors.
func parseDoc(data []byte, fromOurs bool) (*doc, error) {
	if !utf8.Valid(data) {
		return nil, &syntaxError{msg: "not valid UTF-8", line: 1}
	}
	p := &parser{data: data, fromOurs: fromOurs}
	if bytes.HasPrefix(data, bom) {
		p.pos = len(bom)
	}
	p.skipSpace()
	d := &doc{prefix: data[:p.pos]}
	root, err := p.value()
	if err != nil {
		return nil, err
	}
	end := p.pos
	p.skipSpace()
	if p.pos != len(data) {
		return nil, p.fail("unexpected %q after the JSON value", data[p.pos])
	}
	d.root, d.suffix = root, data[end:]
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

func (p *parser) skipSpace() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\r', '\n':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) value() (*node, error) {
	if p.pos >= len(p.data) {
		return nil, p.fail("unexpected end of input")
	}
	start := p.pos
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		s, err := p.stringToken()
		if err != nil {
			return nil, err
		}
		n := &node{kind: kString, raw: p.data[start:p.pos], fromOurs: p.fromOurs, str: s}
		n.hash = hashScalar('s', s)
		return n, nil
	case c == '-' || (c >= '0' && c <= '9'):
		if err := p.number(); err != nil {
			return nil, err
		}
		raw := p.data[start:p.pos]
		n := &node{kind: kNumber, raw: raw, fromOurs: p.fromOurs, str: canonicalNumber(raw)}
		n.hash = hashScalar('n', n.str)
		return n, nil
	default:
		for _, lit := range []struct {
			text string
			k    kind
		}{{"true", kBool}, {"false", kBool}, {"null", kNull}} {
			if bytes.HasPrefix(p.data[p.pos:], []byte(lit.text)) {
				p.pos += len(lit.text)
				n := &node{kind: lit.k, raw: p.data[start:p.pos], fromOurs: p.fromOurs, str: lit.text}
				n.hash = hashScalar('l', lit.text)
				return n, nil
			}
		}
		return nil, p.fail("unexpected %q", c)
	}
}

func (p *parser) enter() error {
	p.depth++
	if p.depth > maxDepth {
		return p.fail("nested deeper than %d levels", maxDepth)
	}
	return nil
}

func (p *parser) object() (*node, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	start := p.pos
	p.pos++ // {
	n := &node{kind: kObject, fromOurs: p.fromOurs}
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
	} else {
		n.index = map[string]int{}
		for {
			p.skipSpace()
			if p.pos >= len(p.data) || p.data[p.pos] != '"' {
				return nil, p.fail("expected a member name")
			}
			ks := p.pos
			key, err := p.stringToken()
			if err != nil {
				return nil, err
			}
			rawKey := p.data[ks:p.pos]
			p.skipSpace()
			if p.pos >= len(p.data) || p.data[p.pos] != ':' {
				return nil, p.fail("expected ':' after member name")
			}
			p.pos++
			p.skipSpace()
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			if _, dup := n.index[key]; dup {
				return nil, p.fail("duplicate member name %q", key)
			}
			n.index[key] = len(n.members)
			n.members = append(n.members, member{key: key, rawKey: rawKey, val: v})
			p.skipSpace()
			if p.pos >= len(p.data) {
				return nil, p.fail("unexpected end of input in an object")
			}
			if p.data[p.pos] == ',' {
				p.pos++
				continue
			}
			if p.data[p.pos] == '}' {
				p.pos++
				break
			}
			return nil, p.fail("expected ',' or '}' in an object")
		}
	}
	n.raw = p.data[start:p.pos]
	n.hash = hashObject(n.members)
	p.depth--
	return n, nil
}

func (p *parser) array() (*node, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	start := p.pos
	p.pos++ // [
	n := &node{kind: kArray, fromOurs: p.fromOurs}
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
	} else {
		for {
			p.skipSpace()
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			n.elems = append(n.elems, v)
			p.skipSpace()
			if p.pos >= len(p.data) {
				return nil, p.fail("unexpected end of input in an array")
			}
			if p.data[p.pos] == ',' {
				p.pos++
				continue
			}
			if p.data[p.pos] == ']' {
				p.pos++
				break
			}
			return nil, p.fail("expected ',' or ']' in an array")
		}
	}
	n.raw = p.data[start:p.pos]
	n.hash = hashArray(n.elems)
	p.depth--
	return n, nil
}

// stringToken reads a string token at p.pos and returns its decoded value.
func (p *parser) stringToken() (string, error) {
	p.pos++ // opening quote
	start := p.pos
	var buf []byte // only used once an escape is seen
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case c == '"':
			s := p.data[start:p.pos]
			p.pos++
			if buf != nil {
				return string(buf), nil
			}
			return string(s), nil
		case c < 0x20:
			return "", p.fail("control character in a string")
		case c == '\\':
			if buf == nil {
				buf = append([]byte{}, p.data[start:p.pos]...)
			}
			if p.pos+1 >= len(p.data) {
				return "", p.fail("unterminated escape")
			}
			e := p.data[p.pos+1]
			p.pos += 2
			switch e {
			case '"', '\\', '/':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r, ok := p.hex4()
				if !ok {
					return "", p.fail("bad \\u escape")
				}
				if utf16.IsSurrogate(r) {
					// A pair is one character; a lone surrogate becomes U+FFFD.
					if p.pos+1 < len(p.data) && p.data[p.pos] == '\\' && p.data[p.pos+1] == 'u' {
						save := p.pos
						p.pos += 2
						r2, ok2 := p.hex4()
						if ok2 {
							if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
								r = dec
							} else {
								p.pos = save
								r = utf8.RuneError
							}
						} else {
							p.pos = save
							r = utf8.RuneError
						}
					} else {
						r = utf8.RuneError
					}
				}
				buf = utf8.AppendRune(buf, r)
			default:
				return "", p.fail("bad escape \\%c", e)
			}
		default:
			if buf != nil {
				buf = append(buf, c)
			}
			p.pos++
		}
	}
	return "", p.fail("unterminated string")
}

func (p *parser) hex4() (rune, bool) {
	if p.pos+4 > len(p.data) {
		return 0, false
	}
	var r rune
	for _, c := range p.data[p.pos : p.pos+4] {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c-'a') + 10
		case c >= 'A' && c <= 'F':
			r |= rune(c-'A') + 10
		default:
			return 0, false
		}
	}
	p.pos += 4
	return r, true
}

// number checks the JSON number grammar at p.pos and moves past it.
func (p *parser) number() error {
	d := p.data
	i := p.pos
	if d[i] == '-' {
		i++
	}
	digits := func() int {
		s := i
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
		return i - s
	}
	if i < len(d) && d[i] == '0' {
		i++
	} else if digits() == 0 {
		p.pos = i
		return p.fail("bad number")
	}
	if i < len(d) && d[i] == '.' {
		i++
		if digits() == 0 {
			p.pos = i
			return p.fail("bad number")
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if digits() == 0 {
			p.pos = i
			return p.fail("bad number")
		}
	}
	p.pos = i
	return nil
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
