package jsondoc

import (
	"bytes"
	"encoding/binary"
	"math/bits"
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
// Most strings are printable ASCII without escapes: the first byte a string scan
// must look at is their closing quote, which nextSpecial finds a word at a time in
// one pass (keys and short values are a few words long: a search for the quote and
// a second pass to check the bytes before it cost more). Other strings go to
// strSpecial, whose work would otherwise make every call pay for a larger frame.
func (p *parser[V]) str() (string, error) {
	start := p.pos + 1
	i := nextSpecial(p.data, start)
	if i < len(p.data) && p.data[i] == '"' {
		p.pos = i + 1
		return p.text(p.data[start:i]), nil
	}
	return p.strSpecial(start, i)
}

// strSpecial reads the string whose text starts at start, where nextSpecial stopped
// at i on a byte that is not a quote (or found none: i is len(p.data)). It finds
// the closing quote, then decodes the text in one pass that copies only when it
// needs to (an escape, a byte that is not UTF-8). A string that does not read is
// read again by strChecked, which names its first fault.
func (p *parser[V]) strSpecial(start, i int) (string, error) {
	d := p.data
	if q := bytes.IndexByte(d[i:], '"'); q >= 0 {
		if end := closingQuote(d, i+q); end >= 0 {
			if b, ok := unquote(d[start:end], i-start); ok {
				p.pos = end + 1
				if b == nil {
					return p.text(d[start:end]), nil
				}
				return view(b), nil // b is ours alone: no copy needed
			}
		}
	}
	return p.strChecked(start)
}

// closingQuote returns the offset of the quote that ends the string holding the
// quote at q, or -1 when there is none. A quote ends the string unless an odd run
// of backslashes stands before it (an escaped backslash is two). The vectorised
// search hops from quote to quote: in JSON embedded in JSON most quotes are escaped
// ones, a dozen bytes apart, and looking at every byte cost a third of reading it.
func closingQuote(d []byte, q int) int {
	for {
		n := 0
		for j := q - 1; j >= 0 && d[j] == '\\'; j-- {
			n++
		}
		if n%2 == 0 {
			return q
		}
		next := bytes.IndexByte(d[q+1:], '"')
		if next < 0 {
			return -1
		}
		q += 1 + next
	}
}

// unquote decodes the text t between a string's quotes, which holds no unescaped
// quote and whose first special byte (nextSpecial) is at i. b is nil when the
// decoded string is t itself; ok is false when t is not a well-formed string (a
// control character, a bad escape).
func unquote(t []byte, i int) (b []byte, ok bool) {
	// Valid UTF-8 without escapes is t itself: look for the first byte that changes.
	for i < len(t) && t[i] >= utf8.RuneSelf {
		r, size := utf8.DecodeRune(t[i:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		i = nextSpecial(t, i+size)
	}
	if i == len(t) {
		return nil, true
	}
	return unescapeFrom(t, i)
}

// unescapeFrom decodes t, whose bytes before i are as stored, into a new buffer.
// Plain runs are copied eight bytes at a time: a word is stored whole and the
// write position moves past the bytes before its first special one, so the dense
// escapes of JSON embedded in JSON (a backslash every few bytes) cost no copy call
// each. The buffer keeps eight bytes beyond what the rest of t can decode to.
func unescapeFrom(t []byte, i int) (b []byte, ok bool) {
	b = make([]byte, len(t)+8)
	w := copy(b, t[:i])
	for i < len(t) {
		if i+8 <= len(t) {
			x := binary.LittleEndian.Uint64(t[i:])
			binary.LittleEndian.PutUint64(b[w:], x)
			m := specials(x)
			if m == 0 {
				i += 8
				w += 8
				continue
			}
			k := bits.TrailingZeros64(m) / 8
			i += k
			w += k
		}
		c := t[i]
		if !special[c] {
			b[w] = c
			w++
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(t[i:])
			if r == utf8.RuneError && size == 1 {
				// One U+FFFD (three bytes) per bad byte: the only growth.
				if len(b)-w < len(t)-i+10 {
					b = append(b[:w], make([]byte, len(t)-i+10)...)
					b = b[:cap(b)]
				}
				w += utf8.EncodeRune(b[w:], utf8.RuneError)
				i++
				continue
			}
			w += copy(b[w:], t[i:i+size])
			i += size
			continue
		}
		if c != '\\' || i+1 >= len(t) {
			return nil, false // a control character (t holds quotes only escaped)
		}
		if u := unescape[t[i+1]]; u != 0 {
			b[w] = u
			w++
			i += 2
			// Escapes come in runs where JSON is embedded twice (\\\" is two):
			// the next one is taken here, not by another look at a whole word.
			for i+1 < len(t) && t[i] == '\\' {
				if u = unescape[t[i+1]]; u == 0 {
					break
				}
				b[w] = u
				w++
				i += 2
			}
			continue
		}
		if t[i+1] != 'u' {
			return nil, false
		}
		r, ok := Hex4(t, i+2)
		if !ok {
			return nil, false
		}
		i += 6
		if utf16.IsSurrogate(r) {
			// A high surrogate followed by an escaped low one is one rune;
			// anything else is U+FFFD, as encoding/json decodes it.
			r2, ok := rune(0), false
			if i+1 < len(t) && t[i] == '\\' && t[i+1] == 'u' {
				r2, ok = Hex4(t, i+2)
			}
			if dec := utf16.DecodeRune(r, r2); ok && dec != utf8.RuneError {
				r = dec
				i += 6
			} else {
				r = utf8.RuneError
			}
		}
		w += utf8.EncodeRune(b[w:], r) // at most 4 bytes for the 6 or 12 read
	}
	return b[:w:w], true
}

// nextSpecial returns the index of the first byte of b at or after i that special
// marks, or len(b) (i, when i is beyond it), eight bytes at a time.
func nextSpecial(b []byte, i int) int {
	for ; i+8 <= len(b); i += 8 {
		if m := specials(binary.LittleEndian.Uint64(b[i : i+8])); m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for i < len(b) && !special[b[i]] {
		i++
	}
	return i
}

// specials flags (with the high bit of the byte) the bytes of the little-endian word
// x that special marks: non-ASCII (its own high bit), a control character (x - 0x20
// borrows into its high bit), a backslash or a quote (a zero byte of x xor eight of
// them borrows when one is taken away). A borrow runs on into the bytes above the
// one it came from, so only the lowest flag is sure: the callers use no other.
func specials(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	y, z := x^('\\'*ones), x^('"'*ones)
	return (x | (x - 0x20*ones) | (y - ones) | (z - ones)) & highs
}

// strChecked reads the string whose text starts at start byte by byte, reporting
// the first thing wrong with it as the reader always has (str's one-pass decoding
// leaves strings it cannot read to it).
func (p *parser[V]) strChecked(start int) (string, error) {
	d := p.data
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
			r, ok := Hex4(d, i+1)
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
					r2, ok = Hex4(d, i+2)
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

// Hex4 reads the four hex digits of a \u escape at d[i:]; textconv's in-place
// TableDefinition decoder uses it too.
func Hex4(d []byte, i int) (rune, bool) {
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
