package textconv

import (
	"encoding/binary"
	"strings"
	"unsafe"
)

// keyBuf holds one lower-cased key for a switch or a map lookup. Keys are matched
// ignoring case once per member of every control, and strings.ToLower allocated a new
// string for each key with a capital (most of them: "Name", "Rules", ...), a sixth
// of decoding a control file.
type keyBuf [64]byte

// lower returns s lower-cased as strings.ToLower does. For a short ASCII key the
// result is a view of k: use it before k is used again, and never keep it.
//
// Eight bytes are lower-cased at a time: a key of a dozen letters was a dozen rounds
// of a byte loop, a thirtieth of the whole rendering on the largest corpus apps.
func (k *keyBuf) lower(s string) string {
	if len(s) > len(k) {
		return strings.ToLower(s)
	}
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	var upper uint64
	for i := 0; i < len(s); i += 8 {
		var x uint64
		if len(s)-i >= 8 {
			x = binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[i:]), 8))
		} else {
			var w [8]byte
			copy(w[:], s[i:])
			x = binary.LittleEndian.Uint64(w[:])
		}
		if x&highs != 0 {
			return strings.ToLower(s) // Unicode case mapping (the Kelvin sign is a k)
		}
		// With every byte below 0x80, adding 0x80-'A' sets a byte's high bit when
		// it is >= 'A' and adding 0x80-'Z'-1 when it is > 'Z': no carry crosses
		// bytes, so the difference of the two marks exactly the capitals.
		caps := ((x + (0x80-'A')*ones) ^ (x + (0x80-'Z'-1)*ones)) & highs
		upper |= caps
		binary.LittleEndian.PutUint64(k[i:], x|caps>>2) // 0x80>>2 is 'a'-'A'
	}
	if upper == 0 {
		return s
	}
	return unsafe.String(&k[0], len(s))
}
