package payaml

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

// corpusFiles lists every .pa.yaml of the shared payaml corpus: the merge cases' four
// files and the schema's sample files.
func corpusFiles(t *testing.T) []string {
	dir := corpus.Dir(t, "payaml")
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".pa.yaml") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestCorpusRoundTrip: every v3 file of the corpus that parses writes back byte for
// byte, the hand-written schema samples with their comment and blank lines too; the
// only files allowed not to parse are recorded merge results the corpus marks as not
// YAML, and the only files allowed not to be Exact are two hand-written samples whose
// layout the writer does not keep: a comment after a value (MyHeaderComponent), a
// space before a key's colon (Themes) and a line of spaces (EditorStateSample).
func TestCorpusRoundTrip(t *testing.T) {
	var parsed, exact int
	for _, p := range corpusFiles(t) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel := p[strings.Index(p, "payaml/")+len("payaml/"):]
		if fl := Detect(data); fl != V3 {
			t.Errorf("%s: detected as %v, want schema v3", rel, fl)
		}
		f, err := Parse(data)
		if err != nil {
			meta, _ := os.ReadFile(filepath.Join(filepath.Dir(p), "meta.json"))
			if filepath.Base(p) == "expected.pa.yaml" && bytes.Contains(meta, []byte(`"expected_parses_as_yaml": false`)) {
				continue
			}
			t.Errorf("%s: %v", rel, err)
			continue
		}
		parsed++
		if f.Exact {
			exact++
			continue
		}
		switch filepath.Base(rel) {
		case "MyHeaderComponent.pa.yaml", "Themes.pa.yaml", "EditorStateSample.pa.yaml":
			t.Logf("%s: not exact (hand-written sample)", rel)
		default:
			t.Errorf("%s: does not round trip:\n%s", rel, firstDiff(data, f.Bytes()))
		}
	}
	t.Logf("%d files parse, %d write back byte for byte", parsed, exact)
}

// firstDiff shows the first line where two texts differ.
func firstDiff(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return "line " + itoa(i+1) + ":\n  input:  " + quoteLine(la[i]) + "\n  output: " + quoteLine(lb[i])
		}
	}
	return "lengths differ: " + itoa(len(la)) + " against " + itoa(len(lb)) + " lines"
}

func quoteLine(s string) string { return "`" + s + "`" }

func itoa(n int) string {
	return strings.TrimSpace(strings.Repeat(" ", 0) + func() string { return fmtInt(n) }())
}

func fmtInt(n int) string {
	if n == 0 {
		return "0"
	}
	var d []byte
	for n > 0 {
		d = append([]byte{byte('0' + n%10)}, d...)
		n /= 10
	}
	return string(d)
}
