package textconv

import (
	"strings"
	"unicode/utf8"
	"unsafe"
)

// keyBuf holds one lower-cased key for a switch or a map lookup. Keys are matched
// ignoring case once per member of every control, and strings.ToLower allocated a new
// string for each key with a capital (most of them: "Name", "Rules", ...), a sixth
// of decoding a control file.
type keyBuf [64]byte

// lower returns s lower-cased as strings.ToLower does. For a short ASCII key the
// result is a view of k: use it before k is used again, and never keep it.
func (k *keyBuf) lower(s string) string {
	if len(s) > len(k) {
		return strings.ToLower(s)
	}
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(s) // Unicode case mapping (the Kelvin sign is a k)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
			upper = true
		}
		k[i] = c
	}
	if !upper {
		return s
	}
	return unsafe.String(&k[0], len(s))
}
