package jsonmerge

import (
	"math/rand/v2"
	"regexp"
	"testing"
)

// TestIsIdent: the hand check agrees with the regular expression it replaced, on
// chosen names and on random strings over an alphabet of the interesting bytes.
func TestIsIdent(t *testing.T) {
	re := regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*$`)
	names := []string{"", "a", "A", "_", "$", "0", "a0", "0a", "Properties", "App Description",
		"x-y", "ä", "aé", "a\n", "\na", "a$b_c9", "4f1c-", "Name\x00", "ZZ", "zz", "@", "[", "`", "{"}
	rng := rand.New(rand.NewPCG(3, 5))
	alphabet := []byte("aZz09_$ -.\n\x00@[`{/:\x80\xc3\xa4")
	for range 20000 {
		b := make([]byte, rng.IntN(6))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		names = append(names, string(b))
	}
	for _, s := range names {
		if got, want := isIdent(s), re.MatchString(s); got != want {
			t.Errorf("isIdent(%q) = %v, the regular expression says %v", s, got, want)
		}
	}
}
