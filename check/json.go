package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// A small strict JSON reader that keeps the line of every value and object key, and
// keeps duplicate keys (a textual merge can produce them). It is used for the few files
// whose structure the checks read; every other JSON file is only validated.

type jkind uint8

const (
	jNull jkind = iota
	jBool
	jNum
	jStr
	jArr
	jObj
)

type jval struct {
	kind    jkind
	line    int
	str     string // string value, number literal, or "true"/"false"
	members []jmember
	elems   []*jval
}

type jmember struct {
	key  string
	line int
	val  *jval
}

// get returns the value of the first member named key, or nil.
func (v *jval) get(key string) *jval {
	if v == nil || v.kind != jObj {
		return nil
	}
	for _, m := range v.members {
		if m.key == key {
			return m.val
		}
	}
	return nil
}

// member returns the first member named key.
func (v *jval) member(key string) (jmember, bool) {
	if v == nil || v.kind != jObj {
		return jmember{}, false
	}
	for _, m := range v.members {
		if m.key == key {
			return m, true
		}
	}
	return jmember{}, false
}

// text returns a string value, or "" for anything else.
func (v *jval) text() string {
	if v == nil || v.kind != jStr {
		return ""
	}
	return v.str
}

// isTrue reports whether v is the literal true.
func (v *jval) isTrue() bool { return v != nil && v.kind == jBool && v.str == "true" }

// idKey renders a scalar as a comparison key: numbers by value (5 and 5.0 are the same
// id), strings case-insensitively (GUIDs).
func (v *jval) idKey() string {
	switch v.kind {
	case jNum:
		if f, err := strconv.ParseFloat(v.str, 64); err == nil {
			return "n:" + strconv.FormatFloat(f, 'g', -1, 64)
		}
		return "n:" + v.str
	case jStr:
		return "s:" + strings.ToLower(v.str)
	}
	return ""
}

// display renders a scalar for messages.
func (v *jval) display() string {
	if v.kind == jStr {
		return strconv.Quote(v.str)
	}
	return v.str
}

// jsonError is a syntax error with the line it was found on.
type jsonError struct {
	line int
	msg  string
}

func (e *jsonError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// validateJSON reports whether data is valid JSON (a UTF-8 BOM is accepted, as .NET's
// reader accepts it), with the line of the first error.
func validateJSON(data []byte) error {
	data = bytes.TrimPrefix(data, utf8BOM)
	if json.Valid(data) {
		return nil
	}
	var v any
	err := json.Unmarshal(data, &v)
	var se *json.SyntaxError
	line := 1
	msg := "not valid JSON"
	if err != nil {
		msg = err.Error()
	}
	if errors.As(err, &se) {
		off := int(se.Offset)
		if off > len(data) {
			off = len(data)
		}
		line = 1 + bytes.Count(data[:max(off-1, 0)], []byte{'\n'})
		msg = se.Error()
	}
	return &jsonError{line: line, msg: msg}
}

// parseJSON reads one JSON document.
func parseJSON(data []byte) (*jval, error) {
	p := &jparser{data: bytes.TrimPrefix(data, utf8BOM), line: 1}
	p.ws()
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.ws()
	if p.pos < len(p.data) {
		return nil, p.errorf("unexpected %q after the top-level value", p.data[p.pos])
	}
	return v, nil
}

type jparser struct {
	data []byte
	pos  int
	line int
}

func (p *jparser) errorf(format string, args ...any) error {
	return &jsonError{line: p.line, msg: fmt.Sprintf(format, args...)}
}

func (p *jparser) ws() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case '\n':
			p.line++
		case ' ', '\t', '\r':
		default:
			return
		}
		p.pos++
	}
}

const maxJSONDepth = 10000

func (p *jparser) value(depth int) (*jval, error) {
	if depth > maxJSONDepth {
		return nil, p.errorf("nesting too deep")
	}
	if p.pos >= len(p.data) {
		return nil, p.errorf("unexpected end of input")
	}
	v := &jval{line: p.line}
	switch c := p.data[p.pos]; {
	case c == '{':
		v.kind = jObj
		p.pos++
		p.ws()
		if p.pos < len(p.data) && p.data[p.pos] == '}' {
			p.pos++
			return v, nil
		}
		for {
			p.ws()
			if p.pos >= len(p.data) || p.data[p.pos] != '"' {
				return nil, p.errorf("expected a string key")
			}
			keyLine := p.line
			key, err := p.string()
			if err != nil {
				return nil, err
			}
			p.ws()
			if p.pos >= len(p.data) || p.data[p.pos] != ':' {
				return nil, p.errorf("expected ':' after key %q", key)
			}
			p.pos++
			p.ws()
			val, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			v.members = append(v.members, jmember{key: key, line: keyLine, val: val})
			p.ws()
			if p.pos >= len(p.data) {
				return nil, p.errorf("unexpected end of input in an object")
			}
			if p.data[p.pos] == ',' {
				p.pos++
				continue
			}
			if p.data[p.pos] == '}' {
				p.pos++
				return v, nil
			}
			return nil, p.errorf("expected ',' or '}' in an object")
		}
	case c == '[':
		v.kind = jArr
		p.pos++
		p.ws()
		if p.pos < len(p.data) && p.data[p.pos] == ']' {
			p.pos++
			return v, nil
		}
		for {
			p.ws()
			e, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			v.elems = append(v.elems, e)
			p.ws()
			if p.pos >= len(p.data) {
				return nil, p.errorf("unexpected end of input in an array")
			}
			if p.data[p.pos] == ',' {
				p.pos++
				continue
			}
			if p.data[p.pos] == ']' {
				p.pos++
				return v, nil
			}
			return nil, p.errorf("expected ',' or ']' in an array")
		}
	case c == '"':
		s, err := p.string()
		if err != nil {
			return nil, err
		}
		v.kind, v.str = jStr, s
		return v, nil
	case c == 't' || c == 'f' || c == 'n':
		for _, lit := range []string{"true", "false", "null"} {
			if bytes.HasPrefix(p.data[p.pos:], []byte(lit)) {
				p.pos += len(lit)
				if lit == "null" {
					v.kind = jNull
				} else {
					v.kind, v.str = jBool, lit
				}
				return v, nil
			}
		}
		return nil, p.errorf("invalid literal")
	case c == '-' || (c >= '0' && c <= '9'):
		start := p.pos
		if c == '-' {
			p.pos++
		}
		if p.pos < len(p.data) && p.data[p.pos] == '0' {
			p.pos++ // a leading zero stands alone: 0, 0.5, never 01
		} else if !p.digits() {
			return nil, p.errorf("invalid number")
		}
		if p.pos < len(p.data) && p.data[p.pos] == '.' {
			p.pos++
			if !p.digits() {
				return nil, p.errorf("invalid number")
			}
		}
		if p.pos < len(p.data) && (p.data[p.pos] == 'e' || p.data[p.pos] == 'E') {
			p.pos++
			if p.pos < len(p.data) && (p.data[p.pos] == '+' || p.data[p.pos] == '-') {
				p.pos++
			}
			if !p.digits() {
				return nil, p.errorf("invalid number")
			}
		}
		v.kind, v.str = jNum, string(p.data[start:p.pos])
		return v, nil
	}
	return nil, p.errorf("unexpected %q", p.data[p.pos])
}

func (p *jparser) digits() bool {
	start := p.pos
	for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
		p.pos++
	}
	return p.pos > start
}

// string reads a string literal at p.pos (which holds the opening quote).
func (p *jparser) string() (string, error) {
	p.pos++
	start := p.pos
	// Fast path: no escapes.
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		if c == '"' {
			s := p.data[start:p.pos]
			p.pos++
			if !utf8.Valid(s) { // read as .NET reads a file: bad bytes become U+FFFD
				return strings.ToValidUTF8(string(s), "\uFFFD"), nil
			}
			return string(s), nil
		}
		if c == '\\' {
			break
		}
		if c < 0x20 {
			return "", p.errorf("control character in a string")
		}
		p.pos++
	}
	var b strings.Builder
	b.Write(p.data[start:p.pos])
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case c == '"':
			p.pos++
			return strings.ToValidUTF8(b.String(), "\uFFFD"), nil
		case c < 0x20:
			return "", p.errorf("control character in a string")
		case c != '\\':
			b.WriteByte(c)
			p.pos++
			continue
		}
		p.pos++
		if p.pos >= len(p.data) {
			break
		}
		e := p.data[p.pos]
		p.pos++
		switch e {
		case '"', '\\', '/':
			b.WriteByte(e)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return "", p.errorf("invalid \\u escape")
			}
			if utf16.IsSurrogate(r) {
				if p.pos+1 < len(p.data) && p.data[p.pos] == '\\' && p.data[p.pos+1] == 'u' {
					save := p.pos
					p.pos += 2
					r2, ok := p.hex4()
					if ok {
						if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
							b.WriteRune(d)
							continue
						}
					}
					p.pos = save
				}
				r = utf8.RuneError
			}
			b.WriteRune(r)
		default:
			return "", p.errorf("invalid escape \\%c", e)
		}
	}
	return "", p.errorf("unterminated string")
}

func (p *jparser) hex4() (rune, bool) {
	if p.pos+4 > len(p.data) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(p.data[p.pos:p.pos+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	p.pos += 4
	return rune(n), true
}
