package fxyaml

import "testing"

// BenchmarkParse parses a screen of 10,000 controls (about 100,000 lines), copying
// the input (Parse) and in place (ParseShared, what the merge driver uses):
//
//	go test -run '^$' -bench Parse -benchmem ./source/fxyaml
func BenchmarkParse(b *testing.B) {
	data := generatedScreen(10000)
	for _, bc := range []struct {
		name  string
		parse func([]byte) (*File, error)
	}{{"copy", Parse}, {"shared", ParseShared}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := bc.parse(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
