package jsonmerge

import (
	"math/rand"
	"testing"
	"unicode/utf8"
)

// cultureCompareByRune is the plain definition cultureCompare must agree with: every
// character, from the first, through compareFirstRunes and the unicode tables.
func cultureCompareByRune(a, b string, caseLevel bool) int {
	for a != "" && b != "" {
		c, na, nb := compareFirstRunes(a, b, caseLevel)
		if c != 0 {
			return c
		}
		a, b = a[na:], b[nb:]
	}
	return shorterFirst(a, b)
}

// The shortcuts (shared prefix skipped, ASCII without the unicode tables) give the
// answers of the plain definition, on every pair of ASCII bytes and on random keys
// mixing ASCII, other characters and invalid UTF-8, often with a shared prefix.
func TestCultureCompareASCII(t *testing.T) {
	sign := func(n int) int {
		switch {
		case n < 0:
			return -1
		case n > 0:
			return 1
		}
		return 0
	}
	for x := 0; x < utf8.RuneSelf; x++ {
		for y := 0; y < utf8.RuneSelf; y++ {
			a, b := string(rune(x))+"k", string(rune(y))+"k"
			for _, cl := range []bool{false, true} {
				if got, want := cultureCompare(a, b, cl), cultureCompareByRune(a, b, cl); got != want {
					t.Fatalf("cultureCompare(%q, %q, %v) = %d, want %d", a, b, cl, got, want)
				}
			}
		}
	}
	r := rand.New(rand.NewSource(18))
	// Keys of characters, and keys of raw bytes (cut and invalid UTF-8 sequences).
	chars := []string{"a", "A", "b", "B", "z", "Z", "0", "9", "_", "-", " ", ".", "$", "é", "1", "É", "ß", "\u00a0", "ǅ"}
	bytePieces := []string{"a", "B", "1", "\xc3", "\xa9", "\xc3\xa9", "\xe2\x82", "\xe2\x82\xac", "\xff", "é"}
	for _, pieces := range [][]string{chars, bytePieces} {
		key := func() string {
			s := ""
			for n := r.Intn(6); n > 0; n-- {
				s += pieces[r.Intn(len(pieces))]
			}
			return s
		}
		for n := 0; n < 200000; n++ {
			a, b, cl := key(), key(), r.Intn(2) == 0
			if r.Intn(2) == 0 { // often with a shared prefix
				p := key()
				a, b = p+a, p+b
			}
			if got, want := sign(cultureCompare(a, b, cl)), sign(cultureCompareByRune(a, b, cl)); got != want {
				t.Fatalf("cultureCompare(%q, %q, %v) = %d, want %d", a, b, cl, got, want)
			}
		}
	}
}
