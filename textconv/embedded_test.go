package textconv

import (
	"bytes"
	"strings"
	"testing"
)

// embeddedSamples are TableDefinition-like documents: the members writeString writes
// as stored, members it does not (other escapes, DEL, astral runes, bad UTF-8),
// other values, and text that is not JSON at all.
var embeddedSamples = []string{
	`{"TableName":"msp_plan","EntityMetadata":"{\"@odata.context\":\"https://x/api\",\"value\":[{\"a\":1}]}\n","IconUrl":""}`,
	"\xef\xbb\xbf \n{ \"b\" : \"x\\ty\" , \"a\":\"\\u00e9\\/\" }\r\n",
	`{"a":"\u001f","b":"\u007F","c":"` + "\x7f" + `","d":"😀","e":"\ud83d\ude00","f":"é—\u2028"}`,
	`{"n":1.50,"o":{"z":"1","y":[true,null,"\"q\""]},"d":"x","d":"dup"}`,
	"{\"bad\":\"\xff\xfe\",\"ok\":\"\\b\\f\\r\\\\\"}",
	`{}`, `[]`, `"just a string"`, `[{"a":"b"}]`, ``, `{"a":`, `{"a":"\x"}`, `{"a":"b"} x`, `{"a":[1,}`,
	`{"a":"\ud800"}`, `{"a":"` + "\x01" + `"}`,
	`{"k\u0041\"":"\u0041","":1,"é":{"x":[1,{"y":"}"}]}}`, `{"a":[1}`, `{"a":}`, `{"a":1 2}`, `{"a":"x"]`,
	// Nesting at the limit (maxDepth levels in all, the object being the first).
	`{"a":` + strings.Repeat("[", maxDepth-1) + strings.Repeat("]", maxDepth-1) + `}`,
	`{"a":` + strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth) + `}`,
}

func TestParseEmbeddedJSONMatchesParseJSON(t *testing.T) {
	for _, s := range embeddedSamples {
		checkEmbedded(t, s)
	}
}

func FuzzParseEmbeddedJSON(f *testing.F) {
	for _, s := range embeddedSamples {
		f.Add(s)
	}
	f.Fuzz(checkEmbedded)
}

// checkEmbedded: parseEmbeddedJSON fails when parseJSONString does, with the same
// message, and otherwise writes the same canonical text.
func checkEmbedded(t *testing.T, s string) {
	want, wantErr := parseJSONString(s)
	got, err := parseEmbeddedJSON(s)
	if (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
		t.Fatalf("%q: error %v, parseJSONString's %v", s, err, wantErr)
	}
	if err != nil {
		return
	}
	if g, w := canonicalJSON(got), canonicalJSON(want); !bytes.Equal(g, w) {
		t.Fatalf("%q:\n got %s\nwant %s", s, g, w)
	}
}

// The point of parseEmbeddedJSON: a string member that needs no re-escaping is kept
// as its text, and one that does is decoded.
func TestParseEmbeddedJSONKeepsText(t *testing.T) {
	v, err := parseEmbeddedJSON(`{"EntityMetadata":"{\"a\":\"b\\\\c\"}","Views":"\/x","N":2}`)
	if err != nil {
		t.Fatal(err)
	}
	o := v.(object)
	if got, ok := o[0].Val.(canonicalText); !ok || got != `"{\"a\":\"b\\\\c\"}"` {
		t.Errorf("EntityMetadata = %#v, want the stored token as canonicalText", o[0].Val)
	}
	if got, ok := o[1].Val.(string); !ok || got != "/x" {
		t.Errorf("Views = %#v, want the decoded string", o[1].Val)
	}
	if _, ok := o[2].Val.(canonicalText); ok {
		t.Errorf("N = %#v, want a number", o[2].Val)
	}
}

// cloneJSON's copy must not change when the buffer the original's strings share is
// reused (keepTemplates relies on it to let a screen's data go).
func TestCloneJSONSharesNothing(t *testing.T) {
	data := []byte(`{"Template":{"Name":"label","Id":"http://x","N":1.5,"L":["a",{"b":"c"}]}}`)
	v, err := parseJSON(data)
	if err != nil {
		t.Fatal(err)
	}
	want := string(canonicalJSON(v))
	c := cloneJSON(v)
	for i := range data {
		data[i] = 'X'
	}
	if got := string(canonicalJSON(c)); got != want {
		t.Errorf("clone changed with the input buffer:\n got %s\nwant %s", got, want)
	}
}
