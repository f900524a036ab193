package spaces

import (
	"math/rand"
	"testing"
)

// End agrees with a byte-by-byte scan at every start of random texts of spaces and a few
// other bytes, including starts at and past the end.
func TestEndAsByteByByte(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	alphabet := []byte("    \t\n!\x00\xa0")
	for n := 0; n < 2000; n++ {
		d := make([]byte, rng.Intn(40))
		for k := range d {
			d[k] = alphabet[rng.Intn(len(alphabet))]
		}
		for i := 0; i <= len(d)+1; i++ {
			want := i
			for want < len(d) && d[want] == ' ' {
				want++
			}
			if got := End(d, i); got != want {
				t.Fatalf("End(%q, %d) = %d, want %d", d, i, got, want)
			}
		}
	}
}
