package jsonmerge

import (
	"encoding/json"
	"strconv"
	"strings"
)

// path is where a value sits in the document, as a linked list from the leaf up (the
// merge extends it at every level and formats it only when it reports something).
type path struct {
	parent *path
	// key is the member name (elem false), or for an array entry the identity value.
	key string
	// elem marks an array entry; idKey is the identity member ("" when the entries are
	// strings identified by themselves, "#" when the entry is identified by position,
	// with index set, "=" when the entry is named by label, see labelled). index and
	// elem share a word: a path is 64 bytes, made for every value both sides changed.
	idKey string
	index int32
	elem  bool
	// label names the entry of (idKey "="), called only when the path is printed:
	// most paths never are, and an entry's label reads all of its identity fields.
	label func(*node) string
	of    *node
}

func (p *path) member(key string) *path { return &path{parent: p, key: key} }

func (p *path) entry(idKey, id string) *path {
	return &path{parent: p, elem: true, idKey: idKey, key: id}
}

// labelled is the array entry e named by label(e), written between the brackets as it
// is (an entry identified by several fields, see fieldsLabel).
func (p *path) labelled(label func(*node) string, e *node) *path {
	return &path{parent: p, elem: true, idKey: "=", label: label, of: e}
}

func (p *path) position(i int) *path {
	return &path{parent: p, elem: true, idKey: "#", index: int32(i)}
}

// segs lists the path from the root down (the root itself is nil).
func (p *path) segs() []*path {
	var out []*path
	for q := p; q != nil; q = q.parent {
		out = append(out, q)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// lastKey is the member name the value is stored under, or "" for an array entry and
// the root.
func (p *path) lastKey() string {
	if p == nil || p.elem {
		return ""
	}
	return p.key
}

// isIdent reports whether a member name can be written after a dot in a path: a
// letter, '_' or '$', then letters, digits, '_' or '$' (ASCII only). A hand check
// rather than a regular expression: every driver start would compile one.
func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c == '_', c == '$':
		case c >= '0' && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// String formats the path in JSONPath style: $.Properties.AppDescription,
// $["4f1c-…"].connectionRef, $[?(@.Name=="Orders")].DisplayName, $.ScreenOrder[2].
func (p *path) String() string { return string(p.appendTo(make([]byte, 0, 64))) }

// appendTo appends the path's text to b, the root's first.
func (p *path) appendTo(b []byte) []byte {
	if p == nil {
		return append(b, '$')
	}
	b = p.parent.appendTo(b)
	switch {
	case !p.elem && isIdent(p.key):
		b = append(b, '.')
		b = append(b, p.key...)
	case !p.elem:
		b = append(b, '[')
		b = appendQuoted(b, p.key)
		b = append(b, ']')
	case p.idKey == "=":
		b = append(b, '[')
		b = append(b, p.label(p.of)...)
		b = append(b, ']')
	case p.idKey == "#":
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(p.index), 10)
		b = append(b, ']')
	case p.idKey == "":
		b = append(b, "[?(@=="...)
		b = appendQuoted(b, p.key)
		b = append(b, ")]"...)
	default:
		b = append(b, "[?(@."...)
		b = append(b, p.idKey...)
		b = append(b, "=="...)
		b = appendQuoted(b, p.key)
		b = append(b, ")]"...)
	}
	return b
}

// appendQuoted appends quote(s) to b.
func appendQuoted(b []byte, s string) []byte {
	if !plainString(s) {
		return append(b, quoteByEncoder(s)...)
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// quote writes s as a JSON string, without the HTML escapes of json.Marshal (& stays &).
// Printable ASCII without '"' or '\\' (nearly every key and id) is written as it is,
// which is what the encoder writes for it, without an encoder per call.
func quote(s string) string {
	if plainString(s) {
		return `"` + s + `"`
	}
	return quoteByEncoder(s)
}

// plainString reports whether s is printable ASCII without '"' or '\\': quoted as it is.
func plainString(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// quoteByEncoder is quote's general case: the JSON encoder without HTML escapes.
func quoteByEncoder(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return strconv.Quote(s)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// pattern is a compiled policy path: "$.ControlStates.*", "$.runs[].results".
type pattern []patSeg

type patSeg struct {
	key  string // literal member name
	any  bool   // "*": any member name
	elem bool   // "[]": any array entry
}

// compilePattern reads "$" followed by ".Name", ".*", "[]" or "[*]" steps. Member names
// that are not plain identifiers are written ["name"].
func compilePattern(s string) pattern {
	s = strings.TrimPrefix(strings.TrimSpace(s), "$")
	var out pattern
	for s != "" {
		switch {
		case strings.HasPrefix(s, "[]"):
			out, s = append(out, patSeg{elem: true}), s[2:]
		case strings.HasPrefix(s, "[*]"):
			out, s = append(out, patSeg{elem: true}), s[3:]
		case strings.HasPrefix(s, `["`):
			end := strings.Index(s, `"]`)
			if end < 0 {
				return append(out, patSeg{key: s})
			}
			var key string
			if err := json.Unmarshal([]byte(s[1:end+1]), &key); err != nil {
				key = s[2:end]
			}
			out, s = append(out, patSeg{key: key}), s[end+2:]
		case strings.HasPrefix(s, "."):
			s = s[1:]
			end := strings.IndexAny(s, ".[")
			if end < 0 {
				end = len(s)
			}
			name := s[:end]
			if name == "*" {
				out = append(out, patSeg{any: true})
			} else {
				out = append(out, patSeg{key: name})
			}
			s = s[end:]
		default:
			return append(out, patSeg{key: s})
		}
	}
	return out
}

// matches reports whether the pattern has one step per path segment and each step
// matches its segment.
func (pt pattern) matches(segs []*path) bool {
	if len(pt) != len(segs) {
		return false
	}
	for i, s := range segs {
		ps := pt[i]
		switch {
		case ps.elem:
			if !s.elem {
				return false
			}
		case s.elem:
			return false
		case !ps.any && ps.key != s.key:
			return false
		}
	}
	return true
}
