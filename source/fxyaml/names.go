package fxyaml

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// isIdentStart reports whether r may start a bare (unquoted) Power Fx name as pac's
// writer decides it: an ASCII letter, '_', or a non-ASCII letter (Lu, Ll, Lt, Lm, Lo, Nl).
func isIdentStart(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '_' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
	}
	if r > 0xFFFF { // a UTF-16 surrogate pair in .NET: never an identifier char
		return false
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Nl, r)
}

// asciiIdent holds, for each byte, whether it is an ASCII identifier character
// (isIdentChar of that byte; false for every byte past ASCII). A literal, not a table
// filled at package init, which every start of the binary would pay (the merge
// driver's too); TestASCIITables checks it against isIdentChar.
var asciiIdent = [256]bool{
	'0': true, '1': true, '2': true, '3': true, '4': true, '5': true, '6': true, '7': true,
	'8': true, '9': true, 'A': true, 'B': true, 'C': true, 'D': true, 'E': true, 'F': true,
	'G': true, 'H': true, 'I': true, 'J': true, 'K': true, 'L': true, 'M': true, 'N': true,
	'O': true, 'P': true, 'Q': true, 'R': true, 'S': true, 'T': true, 'U': true, 'V': true,
	'W': true, 'X': true, 'Y': true, 'Z': true, '_': true, 'a': true, 'b': true, 'c': true,
	'd': true, 'e': true, 'f': true, 'g': true, 'h': true, 'i': true, 'j': true, 'k': true,
	'l': true, 'm': true, 'n': true, 'o': true, 'p': true, 'q': true, 'r': true, 's': true,
	't': true, 'u': true, 'v': true, 'w': true, 'x': true, 'y': true, 'z': true,
}

// isIdentChar reports whether r may continue a bare Power Fx name: an ASCII letter,
// digit or '_', or a non-ASCII letter, Nl, Mn, Mc, Nd, Pc or Cf.
func isIdentChar(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '_' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9')
	}
	if r > 0xFFFF {
		return false
	}
	return unicode.IsLetter(r) || unicode.In(r, unicode.Nl, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc, unicode.Cf)
}

// EscapeName quotes a control, type, variant, function or property name the way pac
// writes it: bare when it is a simple identifier, otherwise wrapped in single quotes
// with inner quotes doubled.
func EscapeName(name string) string {
	simple := name != ""
	for i, r := range name {
		if (i == 0 && !isIdentStart(r)) || (i > 0 && !isIdentChar(r)) {
			simple = false
			break
		}
	}
	if simple {
		return name
	}
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// unescapeName undoes EscapeName for a whole key: 'a”b' gives a'b; anything not
// wrapped in single quotes is returned as it is. ok is false for an unmatched quote.
func unescapeName(s string) (string, bool) {
	if !strings.HasPrefix(s, "'") {
		return s, true
	}
	name, n, ok := readIdent(s)
	if !ok || n != len(s) {
		return s, false
	}
	return name, true
}

// readIdent reads one identifier at the start of s: a run of identifier characters, or
// a '…' name with ” escapes. It returns the name, the bytes consumed and whether an
// identifier was found.
func readIdent(s string) (name string, n int, ok bool) {
	if s == "" {
		return "", 0, false
	}
	if s[0] != '\'' {
		// Names are nearly all ASCII: a byte is looked up, and only a byte past ASCII
		// starts a rune to decode (every header of a file is read this way).
		i := 0
		for i < len(s) {
			c := s[i]
			if asciiIdent[c] {
				i++
				continue
			}
			if c < utf8.RuneSelf {
				break
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if !isIdentChar(r) {
				break
			}
			i += size
		}
		return s[:i], i, true
	}
	// A quoted name without a doubled quote is the text up to the closing quote; one
	// with a doubled quote is rebuilt below.
	if j := strings.IndexByte(s[1:], '\''); j < 0 {
		return "", 0, false
	} else if j++; j+1 >= len(s) || s[j+1] != '\'' {
		if j == 1 {
			return "", 0, false // ''
		}
		return s[1:j], j + 1, true
	}
	var b strings.Builder
	i := 1
	for i < len(s) {
		if s[i] == '\'' {
			if i+1 < len(s) && s[i+1] == '\'' {
				b.WriteByte('\'')
				i += 2
				continue
			}
			if b.Len() == 0 {
				return "", 0, false
			}
			return b.String(), i + 1, true
		}
		b.WriteByte(s[i])
		i++
	}
	return "", 0, false
}

// ControlKey is the header key pac writes for a control: `Name As type[.variant]`, each
// part escaped with EscapeName.
func ControlKey(name, typ, variant string) string {
	k := EscapeName(name) + " As " + EscapeName(typ)
	if variant != "" {
		k += "." + EscapeName(variant)
	}
	return k
}

// quoteKey writes a block header key as pac does: wrapped in double quotes (inner '"'
// written as \") when it contains a ' or a ".
func quoteKey(key string) string {
	if strings.ContainsAny(key, `'"`) {
		return `"` + strings.ReplaceAll(key, `"`, `\"`) + `"`
	}
	return key
}

// CompareNames orders property and function names the way pac sorts them (.NET's
// culture-aware default comparer, as far as the format spec pins it down): characters
// compare on a primary key where symbols < digits < letters, symbols by code point and
// letters ignoring case; a proper prefix sorts first; remaining ties put lower case
// before upper case at the first difference. It returns -1, 0 or +1.
func CompareNames(a, b string) int {
	if c, ok := compareASCIINames(a, b); ok {
		return c
	}
	return compareNamesRunes(a, b)
}

func compareNamesRunes(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	n := min(len(ra), len(rb))
	for i := 0; i < n; i++ {
		ca, ka := primaryKey(ra[i])
		cb, kb := primaryKey(rb[i])
		if ca != cb {
			return sign(ca - cb)
		}
		if ka != kb {
			return sign(int(ka) - int(kb))
		}
	}
	if len(ra) != len(rb) {
		return sign(len(ra) - len(rb))
	}
	for i := range ra {
		if ra[i] != rb[i] {
			if unicode.IsLower(ra[i]) && !unicode.IsLower(rb[i]) {
				return -1
			}
			if unicode.IsLower(rb[i]) && !unicode.IsLower(ra[i]) {
				return 1
			}
			return sign(int(ra[i]) - int(rb[i]))
		}
	}
	return 0
}

// asciiPrimary is primaryKey of an ASCII byte as one number (class, then key), so
// compareASCIINames compares bytes without decoding runes or allocating.
func asciiPrimary(c byte) int32 { return int32(c) + asciiPrimaryOffset[c&0x7f] }

// asciiPrimaryOffset is what asciiPrimary adds to a byte: the class of digits (1) and
// letters (2), and for an upper-case letter the step to its lower-case key. A literal,
// not a table filled at package init, which every start of the binary would pay (the
// merge driver's too); TestASCIITables checks asciiPrimary against primaryKey.
var asciiPrimaryOffset = [128]int32{
	'0': digitOffset, '1': digitOffset, '2': digitOffset, '3': digitOffset, '4': digitOffset, '5': digitOffset,
	'6': digitOffset, '7': digitOffset, '8': digitOffset, '9': digitOffset, 'A': upperOffset, 'B': upperOffset,
	'C': upperOffset, 'D': upperOffset, 'E': upperOffset, 'F': upperOffset, 'G': upperOffset, 'H': upperOffset,
	'I': upperOffset, 'J': upperOffset, 'K': upperOffset, 'L': upperOffset, 'M': upperOffset, 'N': upperOffset,
	'O': upperOffset, 'P': upperOffset, 'Q': upperOffset, 'R': upperOffset, 'S': upperOffset, 'T': upperOffset,
	'U': upperOffset, 'V': upperOffset, 'W': upperOffset, 'X': upperOffset, 'Y': upperOffset, 'Z': upperOffset,
	'a': lowerOffset, 'b': lowerOffset, 'c': lowerOffset, 'd': lowerOffset, 'e': lowerOffset, 'f': lowerOffset,
	'g': lowerOffset, 'h': lowerOffset, 'i': lowerOffset, 'j': lowerOffset, 'k': lowerOffset, 'l': lowerOffset,
	'm': lowerOffset, 'n': lowerOffset, 'o': lowerOffset, 'p': lowerOffset, 'q': lowerOffset, 'r': lowerOffset,
	's': lowerOffset, 't': lowerOffset, 'u': lowerOffset, 'v': lowerOffset, 'w': lowerOffset, 'x': lowerOffset,
	'y': lowerOffset, 'z': lowerOffset,
}

const (
	digitOffset = 1 << 8
	lowerOffset = 2 << 8
	upperOffset = 2<<8 + 'a' - 'A'
)

// compareASCIINames is CompareNames for the common case, names that are ASCII up to
// their first primary difference. ok is false when a non-ASCII character comes
// first, and the caller takes the general path.
func compareASCIINames(a, b string) (c int, ok bool) {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		ca, cb := a[i], b[i]
		if ca >= utf8.RuneSelf || cb >= utf8.RuneSelf {
			return 0, false
		}
		if ka, kb := asciiPrimary(ca), asciiPrimary(cb); ka != kb {
			return sign(int(ka - kb)), true
		}
	}
	if len(a) != len(b) {
		// The rest of the longer one only makes it longer, in runes too.
		return sign(len(a) - len(b)), true
	}
	for i := 0; i < n; i++ {
		if ca, cb := a[i], b[i]; ca != cb {
			la, lb := 'a' <= ca && ca <= 'z', 'a' <= cb && cb <= 'z'
			switch {
			case la && !lb:
				return -1, true
			case lb && !la:
				return 1, true
			}
			return sign(int(ca) - int(cb)), true
		}
	}
	return 0, true
}

func primaryKey(r rune) (class int, key rune) {
	switch {
	case unicode.IsLetter(r):
		return 2, unicode.ToLower(r)
	case unicode.IsDigit(r):
		return 1, r
	}
	return 0, r
}

func sign(x int) int {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return 1
	}
	return 0
}
