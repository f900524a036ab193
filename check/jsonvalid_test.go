package check

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// jsonValid gives encoding/json's verdict: on the reader's own test inputs (valid,
// invalid, a BOM, too deep) and on every prefix of a document, each cut leaving it
// invalid but the whole.
func TestJSONValidAgreesWithEncodingJSON(t *testing.T) {
	inputs := []string{
		`{}`, `[]`, `0`, `-0.5e+3`, `"a\u00e9\ud83d\ude00"`, `{"a":[1,2,{"b":null}],"c":true}`,
		`{"a":1,}`, `[1,]`, `01`, `-`, `1.`, `.5`, `"\x"`, `"\u12G4"`, "\"a\tb\"", `{"a" 1}`, `{"a":1}x`,
		`[1 2]`, `tru`, `"\ud800"`, `{"a":1,"a":2}`, `  {"a" : [ ] }  `, "\ufeff{\"a\":1}", "\ufeff\ufeff{}",
		"\"\xff\xfe\"", "", " ", strings.Repeat("[", 10000) + strings.Repeat("]", 10000),
		strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
	}
	doc := sarifLike(3)
	for i := 0; i <= len(doc); i++ {
		inputs = append(inputs, doc[:i])
	}
	for _, s := range inputs {
		want := json.Valid([]byte(strings.TrimPrefix(s, "\ufeff")))
		if got := jsonValid([]byte(s)); got != want {
			t.Errorf("%.60q: jsonValid = %v, encoding/json says %v", s, got, want)
		}
	}
}

// sarifLike is an App Checker results file of n results: escaped strings, nested
// objects and arrays, numbers.
func sarifLike(n int) string {
	var sb strings.Builder
	sb.WriteString(`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"PowerApps Checker"}},"results":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, `{"ruleId":"acc-%d","level":"note","message":{"text":"Control \"Label%d\" has no \\\"AccessibleLabel\\\"\r\n"},`+
			`"locations":[{"physicalLocation":{"region":{"startLine":%d,"startColumn":1.5e1}}}],"properties":{"id":"é%d","tags":[true,false,null]}}`, i, i, i, i)
	}
	sb.WriteString(`]}]}`)
	return sb.String()
}

// The check reads every JSON file of an app; most only need the verdict.
// go test ./check -run '^$' -bench JSONValid compares the reader with encoding/json.
func BenchmarkJSONValid(b *testing.B) {
	data := []byte(sarifLike(5000))
	b.Run("impl=jsondoc", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if !jsonValid(data) {
				b.Fatal("rejected")
			}
		}
	})
	b.Run("impl=encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if !json.Valid(data) {
				b.Fatal("rejected")
			}
		}
	})
}
