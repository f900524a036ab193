package jsonmerge

import (
	"math/rand"
	"strings"
	"testing"
)

// quote's shortcut writes what the encoder writes, for every byte alone and for random strings
// of ASCII, HTML characters, escapes, control characters, U+2028 and invalid UTF-8.
func TestQuoteAgreesWithEncoder(t *testing.T) {
	for c := 0; c < 256; c++ {
		s := "k" + string([]byte{byte(c)}) + "k"
		if got, want := quote(s), quoteByEncoder(s); got != want {
			t.Fatalf("quote(%q) = %s, want %s", s, got, want)
		}
	}
	r := rand.New(rand.NewSource(114))
	pieces := []string{"a", "Z", "0", " ", "&", "<", ">", "\"", "\\", "/", "\n", "\t", "\x01", "\x7f", "é", "\u2028", "\xff", "$", "["}
	for n := 0; n < 100000; n++ {
		var b strings.Builder
		for k := r.Intn(8); k > 0; k-- {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		s := b.String()
		if got, want := quote(s), quoteByEncoder(s); got != want {
			t.Fatalf("quote(%q) = %s, want %s", s, got, want)
		}
	}
}
