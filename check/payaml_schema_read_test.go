package check

import (
	"bytes"
	"fmt"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/canvasgit/canvasgit/internal/corpus"
	"github.com/canvasgit/canvasgit/source/payaml"
)

// parseForSchema reads a document as a plain yaml.v3 read does, for tests that
// validate snippets without package payaml's refusals (checkPaSchema uses the node
// tree payaml.ParseDocument returns, TestSchemaReadsWhatPlainYAMLReads compares them).
func parseForSchema(data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), &doc); err != nil {
		return nil, err
	}
	return &doc, nil
}

// TestSchemaReadsWhatPlainYAMLReads: checkPaSchema validates the node tree that
// payaml.ParseDocument read (the banner blanked out, CRLF turned into LF, a BOM
// dropped) instead of parsing the file a second time. Every violation, its path, line
// and message, must be what a plain yaml.v3 read of the file gives, on Microsoft's
// samples and the corpus files as written, with CRLF line ends and a BOM, and mutated.
func TestSchemaReadsWhatPlainYAMLReads(t *testing.T) {
	dir := corpus.Dir(t, "payaml")
	samples, others := oracleFiles(t, dir)
	if len(samples) == 0 && len(others) == 0 {
		t.Skipf("no .pa.yaml files in %s", dir)
	}
	docs, withViolations := 0, 0
	compare := func(name string, src []byte) {
		_, doc, err := payaml.ParseDocument(src)
		if err != nil {
			return // a parse finding: the schema never sees it
		}
		plain, err := parseForSchema(src)
		if err != nil {
			t.Errorf("%s: payaml read it, plain yaml.v3 did not: %v", name, err)
			return
		}
		got, err1 := validatePaDoc(doc)
		want, err2 := validatePaDoc(plain)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v / %v", name, err1, err2)
		}
		docs++
		if len(want) > 0 {
			withViolations++
		}
		if g, w := fmt.Sprint(got), fmt.Sprint(want); g != w {
			t.Errorf("%s: violations differ\n got: %s\nwant: %s", name, g, w)
		}
	}
	for i, f := range append(samples, others...) {
		src := readFile(t, f)
		if len(src) > 20000 {
			continue
		}
		name := rel(dir, f)
		compare(name, src)
		crlf := bytes.ReplaceAll(bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
		compare(name+" (CRLF, BOM)", append([]byte("\xef\xbb\xbf"), crlf...))
		if i%40 == 0 {
			for _, m := range mutatePaYaml(string(src)) {
				compare(name+" "+m.what, []byte(m.src))
			}
		}
	}
	t.Logf("%d documents, %d with violations", docs, withViolations)
	if withViolations == 0 {
		t.Error("no document had a violation: the comparison no longer exercises the schema")
	}
}
