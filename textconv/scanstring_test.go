package textconv

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// scanStringBytewise is scanString one byte at a time, as it was written before the
// word-at-a-time search: the reference the faster one must agree with.
func scanStringBytewise(s string, i int) (end int, plain, asStored bool) {
	plain, asStored = true, true
	for j := i + 1; j < len(s); j++ {
		c := s[j]
		if asIs(c) {
			continue
		}
		switch {
		case c == '"':
			return j + 1, plain, asStored
		case c == '\\':
			plain = false
			if j++; j == len(s) {
				return -1, false, false
			}
			switch s[j] {
			case '"', '\\', 'n', 'r', 't', 'b', 'f':
			case '/', 'u':
				asStored = false
			default:
				return -1, false, false
			}
		case c < 0x20:
			return -1, false, false
		case c == 0x7f:
			plain, asStored = false, false
		default:
			plain = false
			r, size := utf8.DecodeRuneInString(s[j:])
			if (r == utf8.RuneError && size == 1) || r > 0xffff {
				asStored = false
			}
			j += size - 1
		}
	}
	return -1, false, false
}

// TestScanStringAgrees: on random tokens dense in escapes, runs of backslashes,
// DEL, control characters and (bad) UTF-8, scanString finds the same end, plain and
// asStored as the byte-by-byte scan.
func TestScanStringAgrees(t *testing.T) {
	const alphabet = "ab\\\\\\\"\"nu/tq\x01\x7f\xc3\xa9\xff\xf0\x9f\x98\x80 "
	rng := rand.New(rand.NewPCG(5, 6))
	for range 200000 {
		var b strings.Builder
		b.WriteByte('"')
		for n := rng.IntN(30); n > 0; n-- {
			b.WriteByte(alphabet[rng.IntN(len(alphabet))])
		}
		s := b.String()
		e1, p1, a1 := scanString(s, 0)
		e2, p2, a2 := scanStringBytewise(s, 0)
		if e1 != e2 || p1 != p2 || a1 != a2 {
			t.Fatalf("%q: scanString %d %v %v, byte by byte %d %v %v", s, e1, p1, a1, e2, p2, a2)
		}
	}
}

// TestNextNotAsIs: the word-at-a-time search stops at the byte the asIs table does,
// for every byte value at every position of a word.
func TestNextNotAsIs(t *testing.T) {
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 17; pos++ {
			for _, tail := range []string{"abcdefghijklmnopq", "abcdefghij\x7f\\\x00\xff\"nopq"} {
				b := []byte(tail)
				b[pos] = byte(c)
				s := string(b)
				for from := 0; from <= pos; from++ {
					want := from
					for want < len(s) && asIs(s[want]) {
						want++
					}
					if got := nextNotAsIs(s, from); got != want {
						t.Fatalf("%q from %d: nextNotAsIs %d, byte by byte %d", s, from, got, want)
					}
				}
			}
		}
	}
}

// writeStringBytewise is writeString as it was written before it passed over
// printable ASCII eight bytes at a time (the escapes are escapeOf's): the reference
// for the faster one.
func writeStringBytewise(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		if asIs(s[i]) {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		esc := escapeOf(r, size)
		if esc == "" {
			i += size
			continue
		}
		b.WriteString(s[start:i])
		b.WriteString(esc)
		i += size
		start = i
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
	return b.String()
}

// TestWriteStringAgrees: writeString writes what the byte-by-byte loop wrote, on
// random strings of printable runs, escapes, DEL, controls and (bad) UTF-8.
func TestWriteStringAgrees(t *testing.T) {
	const alphabet = "abcdefghij\\\"\n\t\x01\x7f\xc3\xa9\xff\xf0\x9f\x98\x80 "
	rng := rand.New(rand.NewPCG(9, 10))
	for range 100000 {
		var b strings.Builder
		for n := rng.IntN(40); n > 0; n-- {
			b.WriteByte(alphabet[rng.IntN(len(alphabet))])
		}
		s := b.String()
		var got jsonOut
		writeString(&got, s)
		if want := writeStringBytewise(s); string(got.buf) != want {
			t.Fatalf("%q: writeString %s, byte by byte %s", s, got.buf, want)
		}
	}
}
