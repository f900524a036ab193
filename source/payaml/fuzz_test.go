package payaml

import (
	"bytes"
	"testing"
)

// FuzzParse checks that Parse never panics, that whatever parses is written as YAML
// that reads back as the same data, and that Exact means byte for byte.
func FuzzParse(f *testing.F) {
	f.Add([]byte(screen))
	f.Add([]byte("\ufeff# b\r\nApp:\r\n  Properties:\r\n    A: |+\r\n      =1\r\n\r\n"))
	f.Add([]byte("EditorState:\n  ScreensOrder:\n    - 'a b'\n    - \"c\\td\"\n  X: []\n"))
	f.Add([]byte("Screens:\n  S:\n    Children:\n      - A:\n          Control: Label@2.5.1\n          Properties:\n            Text: =\"a: b\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse(data)
		if err != nil {
			return
		}
		out := file.Bytes()
		if file.Exact && !bytes.Equal(out, data) {
			t.Fatalf("Exact but written differently:\n%q\n%q", data, out)
		}
		again, err := Parse(out)
		if err != nil {
			t.Fatalf("written file does not parse: %v\n%q\nfrom\n%q", err, out, data)
		}
		if !Equal(file.Root, again.Root) {
			t.Fatalf("written file reads as other data:\n%q\nfrom\n%q", out, data)
		}
		if !again.Exact {
			t.Fatalf("a written file is not in Studio's style:\n%q", out)
		}
		Detect(data)
		file.Objects()
		file.EditorState()
	})
}
