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
		if asIs[c] != want {
			t.Errorf("asIs[%#x] = %v, want %v", c, asIs[c], want)
		}
	}
}
