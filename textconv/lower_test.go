package textconv

import (
	"strings"
	"testing"
)

func TestKeyBufLower(t *testing.T) {
	long := strings.Repeat("Ab", 40)
	for _, s := range []string{"", "name", "Name", "INVARIANTSCRIPT", "a1_B2", "\u212Aey", "Çà", long} {
		var k keyBuf
		if got, want := k.lower(s), strings.ToLower(s); got != want {
			t.Errorf("lower(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestKeyBufLowerAllocs(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		var k keyBuf
		switch k.lower("InvariantScript") {
		case "invariantscript":
		default:
			t.Fatal("no match")
		}
	})
	if allocs != 0 {
		t.Errorf("lower allocated %v times per call", allocs)
	}
}

func TestAsIs(t *testing.T) {
	for c := 0; c < 256; c++ {
		want := c >= 0x20 && c < 0x7f && c != '"' && c != '\\'
		if asIs(byte(c)) != want {
			t.Errorf("asIs(%#x) = %v, want %v", c, asIs(byte(c)), want)
		}
	}
}

// TestKeyBufLowerEveryByte: every ASCII byte at every position of keys that fill one
// word, part of one and more than one, lower-cased as strings.ToLower does.
func TestKeyBufLowerEveryByte(t *testing.T) {
	for _, base := range []string{"a", "abcdefg", "abcdefgh", "abcdefghijklmnopqrs", strings.Repeat("x", 64)} {
		for c := 0; c < 0x80; c++ {
			for pos := 0; pos < len(base); pos++ {
				b := []byte(base)
				b[pos] = byte(c)
				var k keyBuf
				if got, want := k.lower(string(b)), strings.ToLower(string(b)); got != want {
					t.Fatalf("lower(%q) = %q, want %q", b, got, want)
				}
			}
		}
	}
}
