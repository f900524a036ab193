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
	chars := []rune("aAbBzZ09_- .$é1Éß\u00a0ǅ")
	key := func() string {
		n := r.Intn(6)
		s := make([]rune, n)
		for i := range s {
			s[i] = chars[r.Intn(len(chars))]
		}
		return string(s)
	}
	// Raw bytes too: cut and invalid UTF-8 sequences, with shared prefixes.
	pieces := []string{"a", "B", "1", "\xc3", "\xa9", "\xc3\xa9", "\xe2\x82", "\xe2\x82\xac", "\xff", "é"}
	rawKey := func() string {
		s := ""
		for n := r.Intn(5); n > 0; n-- {
			s += pieces[r.Intn(len(pieces))]
		}
		return s
	}
	for n := 0; n < 200000; n++ {
		a, b, cl := rawKey(), rawKey(), r.Intn(2) == 0
		if r.Intn(2) == 0 {
			p := rawKey()
			a, b = p+a, p+b
		}
		if got, want := sign(cultureCompare(a, b, cl)), sign(cultureCompareByRune(a, b, cl)); got != want {
			t.Fatalf("cultureCompare(%q, %q, %v) = %d, want %d", a, b, cl, got, want)
		}
	}
	for n := 0; n < 200000; n++ {
		a, b, cl := key(), key(), r.Intn(2) == 0
		if r.Intn(2) == 0 {
			p := key()
			a, b = p+a, p+b
		}
		if got, want := sign(cultureCompare(a, b, cl)), sign(cultureCompareByRune(a, b, cl)); got != want {
			t.Fatalf("cultureCompare(%q, %q, %v) = %d, want %d", a, b, cl, got, want)
		}
	}
}
