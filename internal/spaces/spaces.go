// Package spaces finds the end of a run of ASCII spaces quickly. pac indents every line of
// the JSON and YAML it writes with spaces, so the readers spend much of their time passing
// indentation; a word at a time is several times cheaper than a byte at a time there.
package spaces

import (
	"encoding/binary"
	"math/bits"
)

// End returns the index of the first byte of d at or after i that is not a space, or
// len(d) (i, when i is beyond it). A word xor eight spaces is zero in the bytes that are
// spaces, so its lowest nonzero byte is the first other one. (The words are taken as
// d[i:i+8]: a length the compiler knows spares the load its checks.)
func End(d []byte, i int) int {
	const spaces = 0x2020202020202020
	for ; i+8 <= len(d); i += 8 {
		if x := binary.LittleEndian.Uint64(d[i:i+8]) ^ spaces; x != 0 {
			return i + bits.TrailingZeros64(x)/8
		}
	}
	for i < len(d) && d[i] == ' ' {
		i++
	}
	return i
}
