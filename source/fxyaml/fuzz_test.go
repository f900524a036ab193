package fxyaml

import (
	"bytes"
	"testing"
)

// FuzzRoundTrip checks that whatever parses writes back byte for byte (through Parse,
// ParseShared and ParseSharedReusing alike, which accept the same input), and that a
// canonicalized model reads back.
func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte(weather))
	f.Add([]byte("C As CanvasComponent:\n    F(a As Number):\n        a:\n            Default: =1\n    X: |+\n        =a\n        \n\n"))
	f.Add([]byte("\ufeff\"'A b' As screen\":\r\n  'p q': =1\r\n\r\n  B As label.x:\r\n    # c\r\n    Y: |-\r\n      =a:b\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		shared, serr := ParseShared(data)
		file, err := Parse(data)
		if (err == nil) != (serr == nil) || (err != nil && err.Error() != serr.Error()) {
			t.Fatalf("Parse: %v; ParseShared: %v", err, serr)
		}
		if err != nil {
			return
		}
		if got := shared.Bytes(); !bytes.Equal(got, data) {
			t.Fatalf("ParseShared round trip changed the bytes:\n%q\n%q", data, got)
		}
		if got := file.Bytes(); !bytes.Equal(got, data) {
			t.Fatalf("round trip changed the bytes:\n%q\n%q", data, got)
		}
		// Reusing the properties of a parse of the same bytes, or of another file,
		// reads and writes the same.
		checkReuse(t, "itself", data, file)
		if ref, err := Parse([]byte(weather)); err == nil {
			checkReuse(t, "weather", data, ref)
		}
		for _, b := range file.Blocks() {
			b.Canonicalize()
		}
		if _, err := Parse(file.Bytes()); err != nil {
			t.Fatalf("canonical form does not parse: %v\n%q", err, file.Bytes())
		}
	})
}
