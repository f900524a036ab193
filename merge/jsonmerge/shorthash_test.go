package jsonmerge

import (
	"math/rand/v2"
	"testing"
)

// shortHash depends on every byte and on the length: a string of up to 16 bytes with
// one byte changed, or one byte longer, hashes differently (a hash only rules
// equality out, so a byte it missed would cost an eq for every such pair).
func TestShortHashSeesEveryByte(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 2))
	for n := 0; n <= 16; n++ {
		for round := 0; round < 200; round++ {
			b := make([]byte, n)
			for i := range b {
				b[i] = byte(rng.IntN(256))
			}
			h := shortHash(string(b))
			for i := range b {
				c := append([]byte(nil), b...)
				c[i] ^= byte(1 + rng.IntN(255))
				if shortHash(string(c)) == h {
					t.Fatalf("%q and %q (byte %d changed) hash alike", b, c, i)
				}
			}
			if n < 16 && shortHash(string(append(b, 0))) == h {
				t.Fatalf("%q and it with a zero byte added hash alike", b)
			}
		}
	}
}
