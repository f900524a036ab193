package jsondoc

import (
	"bytes"
	"encoding/binary"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// text returns b as a string: a view of the input when sharing, else a copy.
func (p *parser[V]) text(b []byte) string {
	if p.share {
		return view(b)
	}
	return string(b)
}

// view returns b's bytes as a string without copying.
func view(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// special marks the bytes a string scan must look at: the quote, the backslash,
// control characters and non-ASCII.
var special = func() (t [256]bool) {
	for c := range t {
		t[c] = c == '"' || c == '\\' || c < 0x20 || c >= utf8.RuneSelf
	}
	return
}()

// unescape maps the character after a backslash to the byte it stands for (0: not a
// one-character escape).
var unescape = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// str reads the string whose opening quote is at p.pos and returns it decoded.
func (p *parser[V]) str() (string, error) {
	p.pos++ // "
	d := p.data
	start := p.pos
	// Most strings are printable ASCII without escapes: find the closing quote with
	// the vectorised search and check the bytes before it eight at a time.
	if q := bytes.IndexByte(d[start:], '"'); q >= 0 && plainASCII(d[start:start+q]) {
		p.pos = start + q + 1
		return p.text(d[start : start+q]), nil
	}
	// Find the closing quote first: strings without escapes (most of them) are taken
	// in one piece, the others get a buffer of the right size.
	end, plain := start, true
	for end < len(d) && d[end] != '"' {
		if !special[d[end]] {
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
			return "", p.errorf("control character in a string")
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
		if d[i] != '\\' {
			r, size := utf8.DecodeRune(d[i:end])
			if r == utf8.RuneError && size == 1 {
				b = utf8.AppendRune(b, utf8.RuneError) // one U+FFFD per bad byte
			} else {
				b = append(b, d[i:i+size]...)
			}
			i += size
			continue
		}
		i++ // backslash
		if c := unescape[d[i]]; c != 0 {
			b = append(b, c)
			i++
			continue
		}
		switch d[i] {
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
	return view(b), nil // b is ours alone: no copy needed
}

// plainASCII reports whether b holds only printable ASCII other than the backslash:
// bytes the string scan below would pass over one by one.
func plainASCII(b []byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for len(b) >= 8 {
		x := binary.LittleEndian.Uint64(b)
		// A byte >= 0x80, a byte < 0x20 (x - 0x20 borrows into its high bit), or a
		// backslash (a zero byte of x ^ '\\'s).
		y := x ^ ('\\' * ones)
		if (x|((x-0x20*ones)&^x)|((y-ones)&^y))&highs != 0 {
			return false
		}
		b = b[8:]
	}
	for _, c := range b {
		if special[c] {
			return false
		}
	}
	return true
}

// hex4 reads the four hex digits of a \u escape at d[i:].
func hex4(d []byte, i int) (rune, bool) {
	if i+4 > len(d) {
		return 0, false
	}
	var r rune
	for _, c := range d[i : i+4] {
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
	return r, true
}
