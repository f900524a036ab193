package jsondoc

import (
	"bytes"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// refParse is the reader written the simple way, one byte at a time, as the contract
// in doc.go says it reads: the differential tests hold the fast reader to it. It
// reports to b the same calls with the same arguments and fails with the same
// SyntaxError (offset, line, message) as Parse, on any input and Options.
func refParse(data []byte, b Builder[int], o Options) (root, start, end int, err error) {
	p := &refParser{d: data, line: 1, b: b, o: o, maxDepth: o.MaxDepth}
	p.reuse, _ = b.(Reuser[int])
	if p.maxDepth <= 0 {
		p.maxDepth = DefaultMaxDepth
	}
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		p.pos = 3
	}
	p.space()
	start = p.pos
	if root, err = p.member(0, "", -1); err != nil {
		return 0, 0, 0, err
	}
	end = p.pos
	p.space()
	if p.pos < len(p.d) {
		return 0, 0, 0, p.errorf("unexpected %q after the JSON value", p.d[p.pos])
	}
	return root, start, end, nil
}

type refParser struct {
	d         []byte
	pos, line int
	b         Builder[int]
	reuse     Reuser[int]
	o         Options
	maxDepth  int
}

func (p *refParser) errorf(format string, args ...any) error {
	return &SyntaxError{Offset: p.pos, Line: p.line, Msg: fmt.Sprintf(format, args...)}
}

// space passes over whitespace; lines are counted there only (and in reused text).
func (p *refParser) space() {
	for p.pos < len(p.d) {
		switch p.d[p.pos] {
		case '\n':
			p.line++
		case ' ', '\t', '\r':
		default:
			return
		}
		p.pos++
	}
}

func (p *refParser) member(depth int, key string, entry int) (int, error) {
	if p.reuse != nil {
		if v, end, ok := p.reuse.Reuse(p.pos, depth, key, entry); ok {
			for ; p.pos < end; p.pos++ {
				if p.d[p.pos] == '\n' {
					p.line++
				}
			}
			return v, nil
		}
	}
	return p.value(depth)
}

func (p *refParser) value(depth int) (int, error) {
	if p.pos >= len(p.d) {
		return 0, p.errorf("unexpected end of JSON input")
	}
	start := Pos{Offset: p.pos, Line: p.line}
	switch c := p.d[p.pos]; {
	case c == '{':
		return p.object(depth + 1)
	case c == '[':
		return p.array(depth + 1)
	case c == '"':
		s, err := p.str()
		if err != nil {
			return 0, err
		}
		return p.b.Scalar(Scalar{Kind: String, Text: s, Start: start, End: p.pos}), nil
	case c == '-' || (c >= '0' && c <= '9'):
		if err := p.number(); err != nil {
			return 0, err
		}
		return p.b.Scalar(Scalar{Kind: Number, Text: string(p.d[start.Offset:p.pos]), Start: start, End: p.pos}), nil
	}
	for _, lit := range []string{"true", "false", "null"} {
		if bytes.HasPrefix(p.d[p.pos:], []byte(lit)) {
			kind := Bool
			if lit == "null" {
				kind = Null
			}
			p.pos += len(lit)
			return p.b.Scalar(Scalar{Kind: kind, Text: lit, Start: start, End: p.pos}), nil
		}
	}
	return 0, p.errorf("invalid character %q looking for a value", p.d[p.pos])
}

// at reports whether the byte at p.pos is c.
func (p *refParser) at(c byte) bool { return p.pos < len(p.d) && p.d[p.pos] == c }

func (p *refParser) object(level int) (int, error) {
	if level > p.maxDepth {
		return 0, p.errorf("nested deeper than %d levels", p.maxDepth)
	}
	start := Pos{Offset: p.pos, Line: p.line}
	p.pos++
	p.space()
	if p.at('}') {
		p.pos++
		return p.b.Object(nil, start, p.pos)
	}
	var members []Member[int]
	for {
		p.space()
		if !p.at('"') {
			return 0, p.errorf("expected a string key")
		}
		m := Member[int]{KeyPos: Pos{Offset: p.pos, Line: p.line}}
		k, err := p.str()
		if err != nil {
			return 0, err
		}
		m.Key, m.KeyEnd = k, p.pos
		p.space()
		if !p.at(':') {
			return 0, p.errorf("expected ':' after the key %q", k)
		}
		p.pos++
		p.space()
		if p.o.Skip != nil && p.o.Skip(level, k) {
			err = p.skipValue(level)
		} else {
			m.Val, err = p.member(level, k, -1)
		}
		if err != nil {
			return 0, err
		}
		members = append(members, m)
		if done, err := p.after('}'); err != nil || done {
			if err != nil {
				return 0, err
			}
			return p.b.Object(members, start, p.pos)
		}
	}
}

func (p *refParser) array(level int) (int, error) {
	if level > p.maxDepth {
		return 0, p.errorf("nested deeper than %d levels", p.maxDepth)
	}
	start := Pos{Offset: p.pos, Line: p.line}
	p.pos++
	p.space()
	if p.at(']') {
		p.pos++
		return p.b.Array(nil, start, p.pos), nil
	}
	var elems []int
	for {
		p.space()
		v, err := p.member(level, "", len(elems))
		if err != nil {
			return 0, err
		}
		elems = append(elems, v)
		if done, err := p.after(']'); err != nil || done {
			if err != nil {
				return 0, err
			}
			return p.b.Array(elems, start, p.pos), nil
		}
	}
}

func (p *refParser) after(end byte) (done bool, err error) {
	p.space()
	switch {
	case p.pos >= len(p.d):
		return false, p.errorf("unexpected end of JSON input")
	case p.d[p.pos] == ',':
		p.pos++
		return false, nil
	case p.d[p.pos] == end:
		p.pos++
		return true, nil
	}
	return false, p.errorf("expected ',' or '%c'", end)
}

// number: an optional minus, 0 or a run of digits not starting with 0, then an
// optional fraction and exponent, each with at least one digit; the error is at the
// byte where a digit was missing.
func (p *refParser) number() error {
	isDigit := func() bool { return p.pos < len(p.d) && p.d[p.pos] >= '0' && p.d[p.pos] <= '9' }
	digits := func() error {
		if !isDigit() {
			return p.errorf("invalid number")
		}
		for isDigit() {
			p.pos++
		}
		return nil
	}
	if p.at('-') {
		p.pos++
	}
	if p.at('0') {
		p.pos++
	} else if err := digits(); err != nil {
		return err
	}
	if p.at('.') {
		p.pos++
		if err := digits(); err != nil {
			return err
		}
	}
	if p.at('e') || p.at('E') {
		p.pos++
		if p.at('+') || p.at('-') {
			p.pos++
		}
		if err := digits(); err != nil {
			return err
		}
	}
	return nil
}

// str reads a string in two passes: the first finds its end (a control character
// or no closing quote is the error), the second decodes it (a bad escape is).
func (p *refParser) str() (string, error) {
	start := p.pos + 1
	end := start
	for ; end < len(p.d) && p.d[end] != '"'; end++ {
		switch c := p.d[end]; {
		case c == '\\':
			end++ // the escaped byte, whatever it is
		case c < 0x20:
			p.pos = end
			return "", p.errorf("control character in a string")
		}
	}
	if end >= len(p.d) {
		p.pos = len(p.d)
		return "", p.errorf("unterminated string")
	}
	var b []byte
	for i := start; i < end; {
		c := p.d[i]
		if c != '\\' {
			// A byte that is not UTF-8 is one U+FFFD; a valid sequence is itself.
			r, size := utf8.DecodeRune(p.d[i:end])
			b = utf8.AppendRune(b, r)
			i += size
			continue
		}
		i++
		switch e := p.d[i]; e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, ok := refHex4(p.d[i+1 : end])
			if !ok {
				p.pos = i
				return "", p.errorf("invalid \\u escape")
			}
			i += 4
			if hi := r; utf16.IsSurrogate(hi) {
				// Only a high surrogate and an escaped low one make a rune.
				r = utf8.RuneError
				if bytes.HasPrefix(p.d[i+1:end], []byte(`\u`)) {
					if r2, ok := refHex4(p.d[i+3 : end]); ok {
						if dec := utf16.DecodeRune(hi, r2); dec != utf8.RuneError {
							r = dec
							i += 6
						}
					}
				}
			}
			b = utf8.AppendRune(b, r)
		default:
			p.pos = i
			return "", p.errorf("invalid escape \\%c", e)
		}
		i++
	}
	p.pos = end + 1
	return string(b), nil
}

func refHex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		var v byte
		switch {
		case '0' <= c && c <= '9':
			v = c - '0'
		case 'a' <= c && c <= 'f':
			v = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			v = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(v)
	}
	return r, true
}

// skipValue: Options.Skip's syntax-only reading. Inside strings only the closing
// quote, the extent of escapes and control characters count.
func (p *refParser) skipValue(depth int) error {
	if p.pos >= len(p.d) {
		return p.errorf("unexpected end of JSON input")
	}
	switch c := p.d[p.pos]; c {
	case '"':
		return p.skipString()
	case '{', '[':
		if depth+1 > p.maxDepth {
			return p.errorf("nested deeper than %d levels", p.maxDepth)
		}
		end := byte('}')
		if c == '[' {
			end = ']'
		}
		p.pos++
		p.space()
		if p.at(end) {
			p.pos++
			return nil
		}
		for {
			p.space()
			if c == '{' {
				if !p.at('"') {
					return p.errorf("expected a string key")
				}
				if err := p.skipString(); err != nil {
					return err
				}
				p.space()
				if !p.at(':') {
					return p.errorf("expected ':' after an object key")
				}
				p.pos++
				p.space()
			}
			if err := p.skipValue(depth + 1); err != nil {
				return err
			}
			if done, err := p.after(end); err != nil || done {
				return err
			}
		}
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return p.number()
	}
	for _, lit := range []string{"true", "false", "null"} {
		if bytes.HasPrefix(p.d[p.pos:], []byte(lit)) {
			p.pos += len(lit)
			return nil
		}
	}
	return p.errorf("invalid character %q looking for a value", p.d[p.pos])
}

func (p *refParser) skipString() error {
	for i := p.pos + 1; i < len(p.d); i++ {
		switch c := p.d[i]; {
		case c == '"':
			p.pos = i + 1
			return nil
		case c == '\\':
			i++
		case c < 0x20:
			p.pos = i
			return p.errorf("control character in a string")
		}
	}
	p.pos = len(p.d)
	return p.errorf("unterminated string")
}
