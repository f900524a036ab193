package jsondoc

import (
	"math/rand"
	"strings"
	"testing"
)

// TestPlainLoopsAsStrings: isDigits and trimZeros, plain loops, decide as the strings
// calls they replace, on random strings over digits, signs, dots and a non-ASCII byte.
func TestPlainLoopsAsStrings(t *testing.T) {
	r := rand.New(rand.NewSource(18))
	const alphabet = "0000123456789-+.e\xc3"
	for i := 0; i < 100000; i++ {
		b := make([]byte, r.Intn(6))
		for j := range b {
			b[j] = alphabet[r.Intn(len(alphabet))]
		}
		s := string(b)
		if got, want := isDigits(s), s != "" && strings.TrimLeft(s, "0123456789") == ""; got != want {
			t.Fatalf("isDigits(%q) = %v, want %v", s, got, want)
		}
		if got, want := trimZeros(s), strings.TrimLeft(s, "0"); got != want {
			t.Fatalf("trimZeros(%q) = %q, want %q", s, got, want)
		}
	}
}
