package textconv

import (
	"encoding/binary"
	"errors"
	"math/bits"
	"sort"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/canvasgit/canvasgit/source/jsondoc"
)

// tableDefinition is the value of a CDS entry's TableDefinition in DataSources.json:
// the decoded string, and the string tokens of the JSON document it holds, noted
// while it was decoded. Those strings are most of the largest corpus apps (19 MB of
// 27 MB): finding the end of the stored string, decoding it and scanning its
// members again were three passes over them, now one.
type tableDefinition struct {
	text   string
	tokens []stringToken // in order of their opening quote
}

// stringToken is one string token of a tableDefinition's text, with what scanString
// would say about it.
type stringToken struct {
	start, end      int // the opening quote; just past the closing one
	ok              bool
	plain, asStored bool
}

// parse is parseEmbeddedJSON on the text, with the string tokens looked up, not
// scanned.
func (td tableDefinition) parse() (any, error) {
	if o, ok := scanEmbeddedWith(td.text, td.scan); ok {
		return o, nil
	}
	return parseJSONString(td.text)
}

// scan answers as scanString does for the token at s[i]. A token the decoding noted
// is the one scanString would find: both read the text from its start with the same
// rules, and scanEmbedded reaches only opening quotes. Anything else is scanned.
func (td tableDefinition) scan(s string, i int) (end int, plain, asStored bool) {
	k := sort.Search(len(td.tokens), func(k int) bool { return td.tokens[k].start >= i })
	if k == len(td.tokens) || td.tokens[k].start != i {
		return scanString(s, i)
	}
	t := td.tokens[k]
	if !t.ok {
		return -1, false, false
	}
	return t.end, t.plain, t.asStored
}

// dataSourcesBuilder builds DataSources.json's model, decoding each entry's
// TableDefinition string itself (a jsondoc.Reuser), in place: data must be a buffer
// nobody else reads. When a TableDefinition does not decode after the buffer was
// changed, spoiled is set and the parse's result must be thrown away. (The reader
// counts the lines of the text it is handed back from the changed buffer, so the
// line numbers of later errors may be off; textconv reports offsets only.)
type dataSourcesBuilder struct {
	modelBuilder
	data    []byte
	spoiled bool
}

// Reuse takes the string of a DataSources entry's TableDefinition member: the
// member of an object in the array at the top level's members (level 3).
func (b *dataSourcesBuilder) Reuse(start, level int, key string, entry int) (any, int, bool) {
	if level != 3 || key != "TableDefinition" || b.spoiled || start >= len(b.data) || b.data[start] != '"' {
		return nil, 0, false
	}
	td, end, ok, changed := decodeTableDefinition(b.data, start)
	if !ok {
		b.spoiled = changed
		return nil, 0, false
	}
	return td, end, true
}

// parseDataSources parses DataSources.json (data is the entry's own buffer, which
// it changes). Its result is parseJSON's, but for TableDefinition strings, which
// are tableDefinition values.
func parseDataSources(data []byte) (any, error) {
	b := &dataSourcesBuilder{data: data}
	v, err := readJSONWith(data, b, jsondoc.Options{MaxDepth: maxDepth, Share: true})
	if b.spoiled {
		return nil, errSpoiled
	}
	return v, err
}

// errSpoiled says a TableDefinition did not read after its decoding had changed the
// buffer (the file is damaged): the caller reads the entry again and parses it as
// any other, for the exact error.
var errSpoiled = errors.New("DataSources.json: a TableDefinition does not read")

// decodeTableDefinition decodes the string token at d[start] in place: the decoded
// string is written over the token's own bytes (it is never longer, but for bytes
// that are not UTF-8, taken only where there is room), while the string tokens of
// the JSON text it holds are noted. end is just past the token; ok is false for a
// token jsondoc would not read, or would read to a longer string, and changed then
// says whether d was written.
func decodeTableDefinition(d []byte, start int) (td tableDefinition, end int, ok, changed bool) {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	r, w := start+1, start+1 // read and write offsets; w <= r
	base := w
	var t tokenNotes
	// changed: an escape was decoded, so d no longer holds the token as stored.
	changed = false
	for r < len(d) {
		if t.in && !t.esc && r-w >= 8 {
			// Inside a string of the text, far enough behind to write whole words:
			// plain runs and \\\" (a quote escaped in the text, escaped again),
			// nearly all of a TableDefinition, need no notes but plain's.
			r, w = copyEscapedQuotes(d, r, w, &t.cur.plain)
		}
		if !t.esc && r+8 <= len(d) {
			// Eight bytes at a time up to the first one that is not printable
			// ASCII or is a quote or a backslash. A whole word is written only where
			// it cannot reach bytes not read yet.
			x := binary.LittleEndian.Uint64(d[r:])
			q, b, del := x^('"'*ones), x^('\\'*ones), x^(0x7f*ones)
			m := (x | ((x - 0x20*ones) &^ x) | ((q - ones) &^ q) | ((b - ones) &^ b) | ((del - ones) &^ del)) & highs
			if m == 0 {
				binary.LittleEndian.PutUint64(d[w:], x)
				r += 8
				w += 8
				continue
			}
			k := bits.TrailingZeros64(m) / 8
			if r-w >= 8 {
				binary.LittleEndian.PutUint64(d[w:], x)
			} else {
				copy(d[w:w+k], d[r:r+k])
			}
			r += k
			w += k
		}
		c := d[r]
		switch {
		case c == '"':
			return tableDefinition{text: unsafe.String(&d[base], w-base), tokens: t.tokens}, r + 1, true, changed
		case c == '\\':
			if r+1 >= len(d) {
				return td, 0, false, changed
			}
			changed = true
			if t.in && !t.esc && r+4 <= len(d) && binary.LittleEndian.Uint32(d[r:]) == '\\'|'\\'<<8|'\\'<<16|'"'<<24 {
				// \\\" is a quote escaped in the text, escaped again: nearly all
				// of a TableDefinition's escapes. It leaves the notes as they were
				// but for plain.
				d[w], d[w+1] = '\\', '"'
				w += 2
				r += 4
				t.cur.plain = false
				continue
			}
			if unescape[d[r+1]] != 0 {
				// Escapes come in runs (\\\" stands for \" in a string of the
				// text): taken together, the commonest notes made here.
				for r+1 < len(d) && d[r] == '\\' {
					u := unescape[d[r+1]]
					if u == 0 {
						break
					}
					d[w] = u
					switch {
					case t.in && t.esc && keptEscape[u]:
						t.esc = false
					case t.in && !t.esc && u == '\\':
						t.esc = true
						t.cur.plain = false
					default:
						t.byte(u, w-base)
					}
					w++
					r += 2
				}
				continue
			}
			if d[r+1] != 'u' {
				return td, 0, false, changed
			}
			ru, n, ok := unicodeEscape(d, r)
			if !ok {
				return td, 0, false, changed
			}
			r += n
			if ru < utf8.RuneSelf {
				d[w] = byte(ru)
				t.byte(byte(ru), w-base)
				w++
			} else {
				t.rune(ru)
				w += utf8.EncodeRune(d[w:r], ru) // never more than the escape's n bytes
			}
		case c < 0x20:
			return td, 0, false, changed
		case c >= utf8.RuneSelf:
			ru, size := utf8.DecodeRune(d[r:])
			if ru == utf8.RuneError && size == 1 {
				// jsondoc reads a byte that is not UTF-8 as U+FFFD: three bytes
				// for one, written only where the escapes before made room.
				if r-w < 2 {
					return td, 0, false, changed
				}
				r++
				t.rune(ru)
				w += utf8.EncodeRune(d[w:], ru)
				continue
			}
			t.rune(ru)
			w += copy(d[w:], d[r:r+size])
			r += size
		default: // DEL, or a byte after a backslash of the text being decoded
			d[w] = c
			t.byte(c, w-base)
			w++
			r++
		}
	}
	return td, 0, false, changed
}

// unescape maps the character after a backslash to the byte it stands for (0:
// not a one-character escape), as jsondoc reads them.
var unescape = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// copyEscapedQuotes decodes from d[r] to d[w] (r-w >= 8) the printable ASCII and the
// \\\" escapes that follow, up to the first other byte that needs a look: the
// common case of decodeTableDefinition in a tight loop. It returns the offsets
// reached and clears plain when it decoded an escape.
func copyEscapedQuotes(d []byte, r, w int, plain *bool) (int, int) {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	const escapedQuote = '\\' | '\\'<<8 | '\\'<<16 | '"'<<24
	decoded := false
	for r+8 <= len(d) {
		x := binary.LittleEndian.Uint64(d[r : r+8])
		binary.LittleEndian.PutUint64(d[w:w+8], x) // r-w >= 8: nothing unread is written
		// Only the lowest flag is used, and no byte below it borrows: with x| in
		// front, the &^x of the exact form (decodeTableDefinition's) changes nothing.
		m := (x | (x - 0x20*ones) | (x ^ '"'*ones - ones) | (x ^ '\\'*ones - ones) | (x ^ 0x7f*ones - ones)) & highs
		if m == 0 {
			r += 8
			w += 8
			continue
		}
		k := bits.TrailingZeros64(m) / 8
		r += k
		w += k
		if r+4 > len(d) || binary.LittleEndian.Uint32(d[r:r+4]) != escapedQuote {
			break
		}
		d[w+1] = '"' // d[w] is the backslash, written with the word (k < 8)
		w += 2
		r += 4
		decoded = true
	}
	if decoded {
		*plain = false
	}
	return r, w
}

// keptEscape marks the characters after a backslash that writeString writes the
// same way (scanString's asStored).
var keptEscape = [256]bool{'"': true, '\\': true, 'n': true, 'r': true, 't': true, 'b': true, 'f': true}

// unicodeEscape reads the \u escape at d[i] as jsondoc does: a high surrogate
// followed by an escaped low one is one rune, any other surrogate U+FFFD. n is how
// many bytes it took.
func unicodeEscape(d []byte, i int) (r rune, n int, ok bool) {
	r, ok = jsondoc.Hex4(d, i+2)
	if !ok {
		return 0, 0, false
	}
	n = 6
	if utf16.IsSurrogate(r) {
		r2, ok2 := rune(0), false
		if i+n+1 < len(d) && d[i+n] == '\\' && d[i+n+1] == 'u' {
			r2, ok2 = jsondoc.Hex4(d, i+n+2)
		}
		if dec := utf16.DecodeRune(r, r2); ok2 && dec != utf8.RuneError {
			return dec, n + 6, true
		}
		return utf8.RuneError, n, true
	}
	return r, n, true
}

// tokenNotes follows the decoded text as scanString reads it, given the bytes that
// can change its reading: quotes, backslashes, control characters, DEL, non-ASCII,
// and any byte after a backslash. The others (printable ASCII decoded from itself)
// change nothing, so runs of them are not shown to it.
type tokenNotes struct {
	in, esc bool // inside a string token; after its backslash
	cur     stringToken
	tokens  []stringToken
}

func (t *tokenNotes) byte(c byte, at int) {
	if !t.in {
		if c == '"' {
			t.in = true
			t.cur = stringToken{start: at, ok: true, plain: true, asStored: true}
		}
		return
	}
	if t.esc {
		t.esc = false
		switch c {
		case '"', '\\', 'n', 'r', 't', 'b', 'f':
		case '/', 'u':
			t.cur.asStored = false
		default:
			t.cur.ok = false
		}
		return
	}
	switch {
	case c == '\\':
		t.esc = true
		t.cur.plain = false
	case c == '"':
		t.in = false
		t.cur.end = at + 1
		t.tokens = append(t.tokens, t.cur)
	case c < 0x20:
		t.cur.ok = false
	case c == 0x7f:
		t.cur.plain, t.cur.asStored = false, false
	}
}

// rune notes a non-ASCII rune (valid UTF-8: the decoding writes nothing else).
func (t *tokenNotes) rune(r rune) {
	if !t.in {
		return
	}
	if t.esc {
		t.esc = false
		t.cur.ok = false
		return
	}
	t.cur.plain = false
	if r > 0xffff {
		t.cur.asStored = false
	}
}
