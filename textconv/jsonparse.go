package textconv

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// parseJSON decodes JSON into object, []any, string, json.Number, bool and nil,
// keeping object member order and duplicate keys. A UTF-8 BOM is skipped. Strings
// decode as encoding/json decodes them (invalid UTF-8 and lone surrogates become
// U+FFFD). It is a hand-written scanner because encoding/json's token API was most of
// the time spent on large apps (a 30 MB DataSources.json).
//
// Strings in the result share data's memory (copying them was a quarter of the
// allocations on large apps), so data must not change afterwards; every caller
// passes a buffer it got fresh from the archive or from parseJSONString.
func parseJSON(data []byte) (any, error) {
	p := jsonParser{data: bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))}
	return p.parse()
}

func (p *jsonParser) parse() (any, error) {
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos < len(p.data) {
		return nil, p.errorf("extra data after the JSON value")
	}
	return v, nil
}

// parseJSONString parses JSON held in a string (a JSON document embedded in another
// one, like Properties.LocalConnectionReferences) without copying it: strings are
// immutable, so sharing their memory is safe.
func parseJSONString(s string) (any, error) {
	return parseJSON(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// sharedString returns b's bytes as a string without copying; see parseJSON.
func sharedString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// text returns b as a string: a view of the input, or a copy when owned.
func (p *jsonParser) text(b []byte) string {
	if p.owned {
		return string(b)
	}
	return sharedString(b)
}

// parseJSONOwned is parseJSON with strings that do not keep data alive: for
// entries whose decoded form outlives the step that reads them (control files stay
// in memory for the whole rendering, and their raw text is mostly fields the
// renderer does not keep).
func parseJSONOwned(data []byte) (any, error) {
	p := jsonParser{data: bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), owned: true}
	return p.parse()
}

const maxDepth = 512

type jsonParser struct {
	data []byte
	pos  int
	// members and elems are stacks shared by all nesting levels: an object's members
	// collect there and are copied once into an object of the right size (appending
	// to each object's own slice spent a tenth of the time growing and copying).
	members []kv
	elems   []any
	// owned makes strings copies instead of views of data.
	owned bool
	// header makes the parser skip, in the object at depth 1 (a control file's
	// TopParent), every member but those headerKey names: they become null.
	header bool
}

func (p *jsonParser) errorf(format string, args ...any) error {
	return fmt.Errorf("JSON offset %d: %s", p.pos, fmt.Sprintf(format, args...))
}

func (p *jsonParser) space() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) (any, error) {
	if depth > maxDepth {
		return nil, p.errorf("JSON nested too deeply")
	}
	p.space()
	if p.pos >= len(p.data) {
		return nil, p.errorf("unexpected end of JSON input")
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		return p.str()
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	default:
		for _, lit := range []struct {
			text string
			val  any
		}{{"true", true}, {"false", false}, {"null", nil}} {
			if bytes.HasPrefix(p.data[p.pos:], []byte(lit.text)) {
				p.pos += len(lit.text)
				return lit.val, nil
			}
		}
		return nil, p.errorf("invalid character %q looking for a value", c)
	}
}

func (p *jsonParser) object(depth int) (any, error) {
	p.pos++ // {
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return object{}, nil
	}
	base := len(p.members)
	defer func() { p.members = p.members[:base] }()
	for {
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return nil, p.errorf("expected a string key")
		}
		k, err := p.str()
		if err != nil {
			return nil, err
		}
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, p.errorf("expected ':' after an object key")
		}
		p.pos++
		var v any
		if p.header && depth == 1 && !headerKey(k) {
			err = p.skipValue(depth + 1)
		} else {
			v, err = p.value(depth + 1)
		}
		if err != nil {
			return nil, err
		}
		p.members = append(p.members, kv{k, v})
		p.space()
		if p.pos >= len(p.data) {
			return nil, p.errorf("unexpected end of JSON input")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return append(make(object, 0, len(p.members)-base), p.members[base:]...), nil
		default:
			return nil, p.errorf("expected ',' or '}' in an object")
		}
	}
}

func (p *jsonParser) array(depth int) (any, error) {
	p.pos++ // [
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return []any{}, nil
	}
	base := len(p.elems)
	defer func() { p.elems = p.elems[:base] }()
	for {
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		p.elems = append(p.elems, v)
		p.space()
		if p.pos >= len(p.data) {
			return nil, p.errorf("unexpected end of JSON input")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			return append(make([]any, 0, len(p.elems)-base), p.elems[base:]...), nil
		default:
			return nil, p.errorf("expected ',' or ']' in an array")
		}
	}
}

// number checks the JSON number grammar and keeps the text.
func (p *jsonParser) number() (any, error) {
	start := p.pos
	d := p.data
	i := p.pos
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	default:
		p.pos = i
		return nil, p.errorf("invalid number")
	}
	if i < len(d) && d[i] == '.' {
		i++
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			p.pos = i
			return nil, p.errorf("invalid number")
		}
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			p.pos = i
			return nil, p.errorf("invalid number")
		}
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	}
	p.pos = i
	return json.Number(p.text(d[start:i])), nil
}

// strSpecial marks the bytes str must look at: the quote, backslash, control
// characters and non-ASCII.
var strSpecial = func() (t [256]bool) {
	for c := range t {
		t[c] = c == '"' || c == '\\' || c < 0x20 || c >= utf8.RuneSelf
	}
	return
}()

// str reads a string starting at its opening quote.
func (p *jsonParser) str() (string, error) {
	p.pos++ // "
	d := p.data
	start := p.pos
	// Find the closing quote first: strings without escapes (most of them) are
	// copied in one piece, the others get a buffer of the right size.
	end, plain := start, true
	for end < len(d) && d[end] != '"' {
		if !strSpecial[d[end]] {
			end++
			continue
		}
		switch c := d[end]; {
		case c == '\\':
			plain = false
			end += 2
			continue
		case c < 0x20:
			p.pos = end
			return "", p.errorf("control character in string")
		case c >= utf8.RuneSelf:
			plain = false
		}
		end++
	}
	if end >= len(d) {
		p.pos = len(d)
		return "", p.errorf("unterminated string")
	}
	if plain || (bytes.IndexByte(d[start:end], '\\') < 0 && utf8.Valid(d[start:end])) {
		p.pos = end + 1
		return p.text(d[start:end]), nil
	}
	b := make([]byte, 0, end-start)
	i := start
	for i < end {
		// Copy the run up to the next escape or non-ASCII byte in one append.
		j := i
		for j < end && d[j] != '\\' && d[j] < utf8.RuneSelf {
			j++
		}
		b = append(b, d[i:j]...)
		i = j
		if i >= end {
			break
		}
		if c := d[i]; c != '\\' {
			r, size := utf8.DecodeRune(d[i:end])
			if r == utf8.RuneError && size == 1 {
				b = utf8.AppendRune(b, utf8.RuneError)
			} else {
				b = append(b, d[i:i+size]...)
			}
			i += size
			continue
		}
		i++ // backslash
		switch d[i] {
		case '"', '\\', '/':
			b = append(b, d[i])
			i++
		case 'b':
			b = append(b, '\b')
			i++
		case 'f':
			b = append(b, '\f')
			i++
		case 'n':
			b = append(b, '\n')
			i++
		case 'r':
			b = append(b, '\r')
			i++
		case 't':
			b = append(b, '\t')
			i++
		case 'u':
			r, ok := hex4(d, i+1)
			if !ok {
				p.pos = i
				return "", p.errorf("invalid \\u escape")
			}
			i += 5
			if utf16.IsSurrogate(r) {
				// A high surrogate followed by an escaped low one is one rune;
				// anything else is U+FFFD, as encoding/json decodes it.
				r2, ok := rune(0), false
				if i+1 < end && d[i] == '\\' && d[i+1] == 'u' {
					r2, ok = hex4(d, i+2)
				}
				if dec := utf16.DecodeRune(r, r2); ok && dec != utf8.RuneError {
					r = dec
					i += 6
				} else {
					r = utf8.RuneError
				}
			}
			b = utf8.AppendRune(b, r)
		default:
			p.pos = i
			return "", p.errorf("invalid escape \\%c", d[i])
		}
	}
	p.pos = end + 1
	return sharedString(b), nil
}

func hex4(d []byte, i int) (rune, bool) {
	if i+4 > len(d) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(d[i:i+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	return rune(v), true
}
