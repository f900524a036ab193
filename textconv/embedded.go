package textconv

import (
	"math/bits"
	"unicode/utf8"
	"unsafe"

	"github.com/canvasgit/canvasgit/source/jsondoc"
)

// canonicalText is JSON text already in the form writeJSON would give it, written
// as it is. It stands for the large string members of a JSON document embedded in a
// string (a CDS TableDefinition: 22 MB of the 27 MB DataSources.json of the largest
// corpus app, mostly its EntityMetadata, itself JSON in a string). Decoding those
// strings only to escape them again the same way cost a third of a whole rendering.
type canonicalText string

// parseEmbeddedJSON is parseJSONString for a document whose members are only
// written out again (a TableDefinition), never inspected: the top-level object's
// string members that writeString would write byte for byte as stored are kept as
// canonicalText; every other member is parsed as parseJSON does. It fails exactly
// when parseJSONString fails: anything scanEmbedded does not take is left to it.
func parseEmbeddedJSON(s string) (any, error) {
	if o, ok := scanEmbedded(s); ok {
		return o, nil
	}
	return parseJSONString(s)
}

// scanEmbedded reads s as a JSON object in one pass over its bytes: each string
// member is scanned once for its end and for whether writeString would write it as
// stored (reading it for syntax and checking it again were two passes over 18 MB on
// the largest corpus apps). Keys and values it does not keep as text are parsed by
// parseJSON. ok is false for anything else (not an object, bad syntax), which the
// caller hands to parseJSONString for its value or its exact error.
func scanEmbedded(s string) (o object, ok bool) { return scanEmbeddedWith(s, scanString) }

// scanEmbeddedWith is scanEmbedded with the string tokens read by scan, which
// answers as scanString does.
func scanEmbeddedWith(s string, scan func(s string, i int) (end int, plain, asStored bool)) (o object, ok bool) {
	i := rootOffset(s)
	if i >= len(s) || s[i] != '{' {
		return nil, false
	}
	i = skipSpace(s, i+1)
	o = object{}
	if i < len(s) && s[i] == '}' {
		return o, onlySpace(s, i+1)
	}
	for {
		if i >= len(s) || s[i] != '"' {
			return nil, false
		}
		end, plain, _ := scan(s, i)
		if end < 0 {
			return nil, false
		}
		var key string
		if plain {
			key = s[i+1 : end-1]
		} else if v, err := parseMember(s[i:end]); err == nil {
			key, _ = v.(string)
		} else {
			return nil, false
		}
		i = skipSpace(s, end)
		if i >= len(s) || s[i] != ':' {
			return nil, false
		}
		i = skipSpace(s, i+1)
		if i >= len(s) {
			return nil, false
		}
		if s[i] == '"' {
			end, _, asStored := scan(s, i)
			if end < 0 {
				return nil, false
			}
			if asStored {
				o = append(o, kv{key, canonicalText(s[i:end])})
			} else if v, err := parseMember(s[i:end]); err == nil {
				o = append(o, kv{key, v})
			} else {
				return nil, false
			}
			i = end
		} else {
			end := valueEnd(s, i, scan)
			v, err := parseMember(s[i:end])
			if err != nil {
				return nil, false
			}
			o = append(o, kv{key, v})
			i = end
		}
		i = skipSpace(s, i)
		if i >= len(s) {
			return nil, false
		}
		switch s[i] {
		case ',':
			i = skipSpace(s, i+1)
		case '}':
			return o, onlySpace(s, i+1)
		default:
			return nil, false
		}
	}
}

// parseMember parses the text of one member's key or value as parseJSON would
// inside the object: one level of nesting less is left to it.
func parseMember(text string) (any, error) {
	return readJSON(unsafe.Slice(unsafe.StringData(text), len(text)), jsondoc.Options{MaxDepth: maxDepth - 1, Share: true})
}

// scanString finds the end (just past the closing quote) of the string token at
// s[i], or -1 when it is not a well-formed token this scan takes (a control
// character, an escape other than \" \\ \/ \b \f \n \r \t \u, no closing quote).
// plain: no escapes, ASCII only. asStored: writeString writes the decoded string
// exactly as the token stands: only the escapes it uses (\" \\ \n \r \t \b \f), no
// DEL, and only valid UTF-8 within the Basic Multilingual Plane (other runes it
// writes as \u surrogate pairs, invalid bytes as U+FFFD).
func scanString(s string, i int) (end int, plain, asStored bool) {
	plain, asStored = true, true
	for j := i + 1; ; {
		j = nextNotAsIs(s, j)
		if j >= len(s) {
			return -1, false, false
		}
		switch c := s[j]; {
		case c == '"':
			return j + 1, plain, asStored
		case c == '\\':
			plain = false
			// Escapes come in runs in JSON embedded in JSON (\\\" is two).
			for ; j < len(s) && s[j] == '\\'; j += 2 {
				if j+1 == len(s) {
					return -1, false, false
				}
				switch s[j+1] {
				case '"', '\\', 'n', 'r', 't', 'b', 'f':
				case '/', 'u': // valid, but written otherwise; parseMember checks \u
					asStored = false
				default:
					return -1, false, false
				}
			}
		case c < 0x20:
			return -1, false, false
		case c == 0x7f:
			plain, asStored = false, false
			j++
		default:
			plain = false
			r, size := utf8.DecodeRuneInString(s[j:])
			if (r == utf8.RuneError && size == 1) || r > 0xffff {
				asStored = false
			}
			j += size
		}
	}
}

// nextNotAsIs returns the index of the first byte of s at or after j that asIs does
// not mark (a quote, a backslash, a control character, DEL or non-ASCII), or len(s).
// Eight bytes are looked at together: the lowest flag of the word is the first such
// byte (a subtraction's borrow only ever flags bytes above one really flagged).
func nextNotAsIs(s string, j int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; j+8 <= len(s); j += 8 {
		w := s[j : j+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		q, b, d := x^('"'*ones), x^('\\'*ones), x^(0x7f*ones)
		m := x | ((x - 0x20*ones) &^ x) | ((q - ones) &^ q) | ((b - ones) &^ b) | ((d - ones) &^ d)
		if m &= highs; m != 0 {
			return j + bits.TrailingZeros64(m)/8
		}
	}
	for j < len(s) && asIs(s[j]) {
		j++
	}
	return j
}

// valueEnd finds where the number, literal, object or array at s[i] ends, as far
// as a scan for brackets outside strings can tell; parseMember judges the text.
func valueEnd(s string, i int, scan func(s string, i int) (end int, plain, asStored bool)) int {
	depth := 0
	for j := i; j < len(s); j++ {
		switch c := s[j]; c {
		case '"':
			end, _, _ := scan(s, j)
			if end < 0 {
				return len(s)
			}
			j = end - 1
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return j
			}
			if depth--; depth == 0 {
				return j + 1
			}
		case ',', ' ', '\t', '\n', '\r':
			if depth == 0 {
				return j
			}
		}
	}
	return len(s)
}

func skipSpace(s string, i int) int {
	for i < len(s) && isJSONSpace(s[i]) {
		i++
	}
	return i
}

func onlySpace(s string, i int) bool { return skipSpace(s, i) == len(s) }

// rootOffset is where the top-level value of s starts: after a UTF-8 byte order
// mark and whitespace, as jsondoc.Parse reads it.
func rootOffset(s string) int {
	i := 0
	if len(s) >= 3 && s[:3] == "\xef\xbb\xbf" {
		i = 3
	}
	return skipSpace(s, i)
}

func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
