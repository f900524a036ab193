package fxyaml

import (
	"math/rand/v2"
	"testing"
)

// TestCompareASCIINamesAgrees checks the ASCII fast path against the general
// rune-by-rune comparison on random names, including ones with non-ASCII tails.
func TestCompareASCIINamesAgrees(t *testing.T) {
	const alphabet = "aAbBzZ09_-.$ {é日"
	chars := []rune(alphabet)
	rng := rand.New(rand.NewPCG(1, 2))
	name := func() string {
		n := rng.IntN(6)
		r := make([]rune, n)
		for i := range r {
			r[i] = chars[rng.IntN(len(chars))]
		}
		return string(r)
	}
	for i := 0; i < 200000; i++ {
		a, b := name(), name()
		if got, want := CompareNames(a, b), compareNamesRunes(a, b); got != want {
			t.Fatalf("CompareNames(%q, %q) = %d, the rune comparison says %d", a, b, got, want)
		}
	}
}
