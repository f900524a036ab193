package jsonmerge

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// TestValidBeside: checking only what a side does not share with a valid base
// answers as checking the whole side, on random edits of text full of multi-byte
// characters (bytes cut out of characters, stray continuation and lead bytes).
func TestValidBeside(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 8))
	pieces := []string{"a", "é", "€", "😀", "\"", "\n", "z9"}
	bytesIn := []byte{'a', 0x80, 0xbf, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0xff}
	for range 50000 {
		var base []byte
		for range rng.IntN(12) {
			base = append(base, pieces[rng.IntN(len(pieces))]...)
		}
		side := append([]byte(nil), base...)
		for range 1 + rng.IntN(3) {
			i := 0
			if len(side) > 0 {
				i = rng.IntN(len(side) + 1)
			}
			switch rng.IntN(3) {
			case 0: // insert a byte
				side = append(side[:i], append([]byte{bytesIn[rng.IntN(len(bytesIn))]}, side[i:]...)...)
			case 1: // delete a byte
				if i < len(side) {
					side = append(side[:i], side[i+1:]...)
				}
			default: // insert a whole character
				side = append(side[:i], append([]byte(pieces[rng.IntN(len(pieces))]), side[i:]...)...)
			}
		}
		n := min(len(side), len(base))
		prefix, suffix := 0, 0
		for prefix < n && side[prefix] == base[prefix] {
			prefix++
		}
		for suffix < n && side[len(side)-1-suffix] == base[len(base)-1-suffix] {
			suffix++
		}
		if got, want := validBeside(side, base, prefix, suffix), utf8.Valid(side); got != want {
			t.Fatalf("base %q side %q (prefix %d, suffix %d): validBeside %v, utf8.Valid %v", base, side, prefix, suffix, got, want)
		}
	}
}
