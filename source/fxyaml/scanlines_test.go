package fxyaml

import (
	"math/rand"
	"strings"
	"testing"
)

// countSpacesByByte is the loop countSpaces replaced: the oracle it must agree with.
func countSpacesByByte(s string) int {
	i := 0
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

// TestCountSpaces checks the word-at-a-time count of leading spaces against the loop
// over bytes: every run of spaces from 0 to 40 (across word boundaries), followed by
// each kind of byte that ends one, or by nothing; and random strings of few kinds of
// bytes.
func TestCountSpaces(t *testing.T) {
	enders := []string{"", "a", "\t", "\x00", "\r", "\n", "#", "\xc2\xa0", "\xff", "!", "\x20\x00"}
	for n := 0; n <= 40; n++ {
		for _, e := range enders {
			for _, tail := range []string{"", " x", "        y", strings.Repeat(" ", 9)} {
				s := strings.Repeat(" ", n) + e + tail
				if got, want := countSpaces(s), countSpacesByByte(s); got != want {
					t.Fatalf("countSpaces(%q) = %d, want %d", s, got, want)
				}
			}
		}
	}
	rng := rand.New(rand.NewSource(18))
	alphabet := []byte("     \t\x00a\xa0\xff=")
	for k := 0; k < 20000; k++ {
		b := make([]byte, rng.Intn(50))
		for i := range b {
			b[i] = alphabet[rng.Intn(len(alphabet))]
		}
		// Mostly leading spaces, as in a file.
		for i := 0; i < len(b) && rng.Intn(12) != 0; i++ {
			b[i] = ' '
		}
		s := string(b)
		if got, want := countSpaces(s), countSpacesByByte(s); got != want {
			t.Fatalf("countSpaces(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestScanLoneCR checks Scan on files written with CRLFs that hold a lone CR, which
// breaks a line as well: Scan cuts lines at LFs alone unless the file holds one, and
// must then read it again the careful way. The lone CR comes in a single-line formula,
// a | block, a blank line, a header, before and after an error, and at the end.
func TestScanLoneCR(t *testing.T) {
	for _, in := range []string{
		"A As screen:\r\n    B: =1\r    C: =2\r\n",
		"A As screen:\r\n    B: =1\r        x\r\n    C: =2\r\n",
		"A As screen:\r\n    B: |\r\n        =1\r        x\r    C: =2\r\n",
		"A As screen:\r\n    B: |\r\n        =1\r\n        x\r\n\r    C: =2\r\n",
		"A As screen:\r    L As label:\r\n        X: =1\r\n    C: =2\r\n",
		"A As screen:\r\n    B: =1\r\n    B: =2\r\n    C: =3\r",
		"A As screen:\r\n    B: =1\r\n\tC: =2\r    D: =3\r\n",
		"A As screen:\r\n    B: =1\r    B: =2\r\n",
		"A As screen:\r\n    B: =1\r\n    C: =2\r",
		"A As screen:\r\n    B: =1\r\r\n    C: =2\r\n",
		"\ufeffA As screen:\r\n    B: =1 # c\r    C: =2\r\n",
		"A As screen:\r\n    L As label:\r\n        X: =1\r    M As label:\r\n        Y: =1\r\n",
	} {
		checkScan(t, strings.NewReplacer("\r", `\r`, "\n", `\n`).Replace(in), []byte(in))
		// The same file with the lone CRs made CRLFs, as Scan reads it the first time.
		fixed := strings.ReplaceAll(strings.ReplaceAll(in, "\r\n", "\n"), "\r", "\n")
		fixed = strings.ReplaceAll(fixed, "\n", "\r\n")
		checkScan(t, "fixed "+fixed, []byte(fixed))
	}
}
