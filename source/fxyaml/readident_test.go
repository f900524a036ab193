package fxyaml

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// readIdentByRune is readIdent as it was, a rune at a time and a quoted name rebuilt
// byte by byte: the oracle of its fast paths.
func readIdentByRune(s string) (name string, n int, ok bool) {
	if s == "" {
		return "", 0, false
	}
	if s[0] != '\'' {
		i := 0
		for i < len(s) {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !isIdentChar(r) {
				break
			}
			i += size
		}
		return s[:i], i, true
	}
	var b strings.Builder
	i := 1
	for i < len(s) {
		if s[i] == '\'' {
			if i+1 < len(s) && s[i+1] == '\'' {
				b.WriteByte('\'')
				i += 2
				continue
			}
			if b.Len() == 0 {
				return "", 0, false
			}
			return b.String(), i + 1, true
		}
		b.WriteByte(s[i])
		i++
	}
	return "", 0, false
}

// TestReadIdentAgrees checks readIdent against the rune-at-a-time reading on control
// keys and on random strings of identifier characters, quotes, spaces, dots, letters
// past ASCII, a non-identifier rune and invalid UTF-8.
func TestReadIdentAgrees(t *testing.T) {
	check := func(s string) {
		t.Helper()
		name, n, ok := readIdent(s)
		wname, wn, wok := readIdentByRune(s)
		if name != wname || n != wn || ok != wok {
			t.Fatalf("readIdent(%q) = %q, %d, %v; want %q, %d, %v", s, name, n, ok, wname, wn, wok)
		}
	}
	for _, s := range []string{"", "'", "''", "'''", "''''", "'a'", "'a''b' As x", "'a'' As x", "''a'", "'a b'c",
		"Screen1 As screen", "Label_1.Text", "é日 As x", "a\u00a0b", "a\xffb", "a\u200db", "a\U0001F600b", "Ⅻx"} {
		check(s)
	}
	chars := []rune("aZ9_ '.é日\u00a0\u200d\U0001F600-(")
	rng := rand.New(rand.NewPCG(18, 3))
	for k := 0; k < 200000; k++ {
		var b strings.Builder
		for n := rng.IntN(12); n > 0; n-- {
			if rng.IntN(40) == 0 {
				b.WriteByte(0xff)
				continue
			}
			b.WriteRune(chars[rng.IntN(len(chars))])
		}
		check(b.String())
	}
}

// TestTrimKeyAndBlanks checks trimKey against strings.TrimSpace and trimBlanks
// against strings.TrimLeft(s, " \t") on random strings of letters, ASCII and Unicode
// white space and invalid UTF-8.
func TestTrimKeyAndBlanks(t *testing.T) {
	chars := []string{"a", "Z", " ", "\t", "\v", "\f", "\r", "\n", "\u0085", "\u00a0", "\u3000", "\xff", "'", ":", "\x00", "\x7f"}
	rng := rand.New(rand.NewPCG(18, 4))
	for k := 0; k < 200000; k++ {
		var b strings.Builder
		for n := rng.IntN(8); n > 0; n-- {
			b.WriteString(chars[rng.IntN(len(chars))])
		}
		s := b.String()
		if got, want := trimKey(s), strings.TrimSpace(s); got != want {
			t.Fatalf("trimKey(%q) = %q, want %q", s, got, want)
		}
		if got, want := trimBlanks(s), strings.TrimLeft(s, " \t"); got != want {
			t.Fatalf("trimBlanks(%q) = %q, want %q", s, got, want)
		}
	}
}
