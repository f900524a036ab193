package jsondoc

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

// strCases are string tokens for the one-pass decoding: escapes at every position of
// an eight-byte word, runs of backslashes before quotes, JSON embedded in JSON twice
// over, \u escapes and surrogates, bad UTF-8, control characters, bad escapes and
// strings that never end.
var strCases = []string{
	`"plain"`, `"a\"b"`, `"\\"`, `"\\\\"`, `"x\\\"y"`, `"\\\\\\\"" `, `"01234567\n89abcdef\t"`,
	`"{\"a\":\"{\\\"b\\\":\\\"c\\\"}\"}"`, `"é\"ñ"`, "\"\xff\\n\xfe\"", "\"\xe2\x82\"",
	`"\u00e9\ud83d\ude00\ud800\udc00x"`, `"\ud800"`, `"\ud800\u0041"`, `"\udc00\ud800"`, `"\ud83d\ude0"`,
	`"\u12"`, `"\u12G4"`, `"\x"`, `"a\qb\u00"`, "\"a\\\x01\"", "\"a\x01\\\"\"", "\"a\\q\x01\"",
	`"abc`, `"ab\"`, `"\`, `"`, "\"\\\"\xff", `"/\/"`, "\"\x7f\u007f\"",
}

// TestStrAgreesWithChecked: str (closing quote first, then one decoding pass)
// reads every token as strChecked, the byte-by-byte reading, does: the same string
// and the same error at the same offset, shared or copied.
func TestStrAgreesWithChecked(t *testing.T) {
	for _, c := range strCases {
		strAgrees(t, []byte(c))
	}
	rng := rand.New(rand.NewPCG(3, 4))
	const alphabet = "ab\\\\\\\"\"u0dD8eE\n\x01\x7f\xc3\xa9\xff/ "
	for range 100000 {
		var b strings.Builder
		b.WriteByte('"')
		for n := rng.IntN(40); n > 0; n-- {
			b.WriteByte(alphabet[rng.IntN(len(alphabet))])
		}
		if rng.IntN(4) > 0 {
			b.WriteByte('"')
		}
		strAgrees(t, []byte(b.String()))
	}
}

// FuzzStr is TestStrAgreesWithChecked on any token.
func FuzzStr(f *testing.F) {
	for _, c := range strCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, token []byte) {
		if len(token) > 0 && token[0] == '"' {
			strAgrees(t, token)
		}
	})
}

func strAgrees(t *testing.T, token []byte) {
	t.Helper()
	for _, share := range []bool{false, true} {
		fast := parser[any]{data: token, line: 1, share: share}
		got, gerr := fast.str()
		slow := parser[any]{data: token, line: 1, share: share, pos: 1}
		want, werr := slow.strChecked(1)
		var gse, wse *SyntaxError
		errors.As(gerr, &gse)
		errors.As(werr, &wse)
		switch {
		case (gerr == nil) != (werr == nil):
			t.Fatalf("%q: str %q, %v; strChecked %q, %v", token, got, gerr, want, werr)
		case gerr != nil && *gse != *wse:
			t.Fatalf("%q: str fails %+v, strChecked %+v", token, *gse, *wse)
		case got != want || fast.pos != slow.pos:
			t.Fatalf("%q: str %q ending at %d, strChecked %q ending at %d", token, got, fast.pos, want, slow.pos)
		}
	}
}

// TestNextSpecial: the eight-at-a-time search finds the same byte as the table, for
// every byte at every position of a word, with and without special bytes after it.
func TestNextSpecial(t *testing.T) {
	bytewise := func(b []byte, i int) int {
		for i < len(b) && !special[b[i]] {
			i++
		}
		return i
	}
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 17; pos++ {
			for _, tail := range []string{"abcdefghijklmnopq", "abcdefghijk\\\x00\xff\"nopq"} {
				b := []byte(tail)
				b[pos] = byte(c)
				for from := 0; from <= pos; from++ {
					if got, want := nextSpecial(b, from), bytewise(b, from); got != want {
						t.Fatalf("%q from %d: nextSpecial %d, byte by byte %d", b, from, got, want)
					}
				}
			}
		}
	}
}

// TestClosingQuote: the quote after an even run of backslashes ends the string, after
// an odd one it is part of it.
func TestClosingQuote(t *testing.T) {
	for _, c := range []struct {
		text string
		want int // offset of the closing quote, -1 for none
	}{
		{`"ab"`, 3}, {`"a\"b"`, 5}, {`"a\\"b"`, 4}, {`"a\\\"b"`, 7}, {`"\\\\"`, 5}, {`"a\"`, -1}, {`"\"\"\\"`, 7},
	} {
		first := strings.IndexByte(c.text[1:], '"') + 1
		if first == 0 {
			t.Fatalf("%s: no quote to start from", c.text)
		}
		if got := closingQuote([]byte(c.text), first); got != c.want {
			t.Errorf("%s: closingQuote %d, want %d", c.text, got, c.want)
		}
	}
}
