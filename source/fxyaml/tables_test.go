package fxyaml

import "testing"

// The ASCII tables are literals (so that no package init fills them): each entry must
// be what the function it stands for says of that byte.
func TestASCIITables(t *testing.T) {
	for c := 0; c < 256; c++ {
		want := c < 0x80 && isIdentChar(rune(c))
		if asciiIdent[c] != want {
			t.Errorf("asciiIdent[%q] = %v, isIdentChar says %v", rune(c), asciiIdent[c], want)
		}
	}
	for c := 0; c < 0x80; c++ {
		class, key := primaryKey(rune(c))
		if want := int32(class)<<8 | key; asciiPrimary(byte(c)) != want {
			t.Errorf("asciiPrimary(%q) = %#x, primaryKey gives class %d key %q (%#x)", rune(c), asciiPrimary(byte(c)), class, key, want)
		}
	}
}
