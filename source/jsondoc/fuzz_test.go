package jsondoc

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzParse: whatever the bytes, the reader accepts what encoding/json accepts and
// decodes it the same way, shared or copied; every span and line it reports is right;
// skipping a value never rejects valid JSON.
func FuzzParse(f *testing.F) {
	for _, c := range cases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		agree(t, data)
		skipAll := Options{Skip: func(level int, _ string) bool { return level > 1 }}
		if _, _, _, err := Parse[any](data, mapBuilder{}, skipAll); err != nil && json.Valid(bytes.TrimPrefix(data, utf8BOM)) {
			t.Fatalf("%q: skipping rejects valid JSON: %v", data, err)
		}
		// Numbers: the exact comparison agrees with itself both ways.
		if v, _, _, err := Parse[any](data, mapBuilder{}, Options{}); err == nil {
			if n, ok := v.(json.Number); ok {
				c, ok := CompareNumbers(string(n), "0")
				c2, _ := CompareNumbers("0", string(n))
				if !ok || c != -c2 || (c == 0) != (CanonicalNumber(string(n)) == "0") {
					t.Fatalf("%s: compare with 0: %d, %d, canonical %s", n, c, c2, CanonicalNumber(string(n)))
				}
			}
		}
	})
}
