package textconv

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/canvasgit/canvasgit/source/jsondoc"
)

// quoteJSON writes s as a JSON string token with every quote, backslash and control
// character escaped, as a TableDefinition is stored in DataSources.json.
func quoteJSON(s string) string {
	var o jsonOut
	writeString(&o, s)
	return string(o.buf)
}

// tdTokens are stored TableDefinition tokens: escapes of every kind, runs of them,
// \u escapes and surrogates, bad UTF-8 (with and without room to decode it in
// place), control characters, bad escapes, and strings that never end.
var tdTokens = func() []string {
	list := []string{
		`"\\\"a\\\"\/\u0041\u00e9\ud83d\ude00\ud800x"`, `"abc"`, `""`, `"\"\"\"\"\\\\"`,
		"\"\\n\\n\xff\"", "\"\xff\\n\"", "\"\\n\\n\\n\xff\xfe\"", `"\u12"`, `"\q"`, `"a\"b` + "\x01" + `"`,
		`"abc`, `"\"\\`, `"\u005c\u0022x\u0022"`, `"\\u00"`, "\"\x7f\\\"\x7f\"",
	}
	for _, s := range embeddedSamples {
		list = append(list, quoteJSON(s))
	}
	return list
}()

// checkTableDefinition decodes token (followed by more text, as in DataSources.json,
// but no quote: the string can end only in token) and compares it with jsondoc's reading of the same bytes, and every token it noted
// with scanString; parse must agree with parseEmbeddedJSON.
func checkTableDefinition(t *testing.T, token string) {
	t.Helper()
	stored := token + `,1]}`
	data := []byte(stored)
	td, end, ok, changed := decodeTableDefinition(data, 0)
	want, wantEnd, werr := firstString(stored)
	if !ok {
		if !changed && string(data) != stored {
			t.Fatalf("%q: not decoded, said unchanged, but the buffer is %q", token, data)
		}
		if werr == nil && utf8.ValidString(token) {
			// Only bytes that are not UTF-8 may stop a token jsondoc reads.
			t.Fatalf("%q: not decoded, but jsondoc reads it as %q", token, want)
		}
		return
	}
	if werr != nil {
		t.Fatalf("%q: decoded to %q, but jsondoc fails: %v", token, td.text, werr)
	}
	if td.text != want || end != wantEnd {
		t.Fatalf("%q: decoded %q ending at %d, jsondoc %q ending at %d", token, td.text, end, want, wantEnd)
	}
	for _, tok := range td.tokens {
		e, p, a := scanString(td.text, tok.start)
		if !tok.ok {
			if e != -1 {
				t.Fatalf("%q: token at %d noted bad, scanString ends it at %d", td.text, tok.start, e)
			}
			continue
		}
		if e != tok.end || p != tok.plain || a != tok.asStored {
			t.Fatalf("%q: token at %d noted (%d %v %v), scanString (%d %v %v)", td.text, tok.start, tok.end, tok.plain, tok.asStored, e, p, a)
		}
	}
	got, gerr := td.parse()
	ref, rerr := parseEmbeddedJSON(td.text)
	if (gerr == nil) != (rerr == nil) || (gerr != nil && gerr.Error() != rerr.Error()) {
		t.Fatalf("%q: parse error %v, parseEmbeddedJSON's %v", td.text, gerr, rerr)
	}
	if gerr == nil && !bytes.Equal(canonicalJSON(got), canonicalJSON(ref)) {
		t.Fatalf("%q: parse writes\n%s\nparseEmbeddedJSON\n%s", td.text, canonicalJSON(got), canonicalJSON(ref))
	}
}

// firstString is jsondoc's reading of the string token that starts data: its
// decoded text and end, or the error that stops it.
func firstString(data string) (string, int, error) {
	b := &firstStringBuilder{}
	_, err := readJSONWith([]byte("["+data), b, jsondoc.Options{MaxDepth: maxDepth})
	if b.seen {
		return b.text, b.end - 1, nil
	}
	return "", 0, err
}

type firstStringBuilder struct {
	modelBuilder
	seen bool
	text string
	end  int
}

func (b *firstStringBuilder) Scalar(s jsondoc.Scalar) any {
	if !b.seen && s.Kind == jsondoc.String {
		b.seen, b.text, b.end = true, s.Text, s.End
	}
	return nil
}

func TestDecodeTableDefinition(t *testing.T) {
	for _, tok := range tdTokens {
		checkTableDefinition(t, tok)
	}
	// Random JSON-like documents stored as strings, and random stored bytes.
	rng := rand.New(rand.NewPCG(7, 8))
	const docAlphabet = `{}[]:,"\"\\\\/nu0é😀` + "\x7f\x01\n "
	const rawAlphabet = "ab\\\\\\\"\"nu0/\xff\xc3\xa9\x01\x7f"
	for range 30000 {
		var doc strings.Builder
		for n := rng.IntN(40); n > 0; n-- {
			doc.WriteString(string([]rune(docAlphabet)[rng.IntN(len([]rune(docAlphabet)))]))
		}
		checkTableDefinition(t, quoteJSON(doc.String()))
		checkTableDefinition(t, quoteJSON(`{"a":`+quoteJSON(doc.String())+`,"b":"`+doc.String()+`"}`))
		var raw strings.Builder
		raw.WriteByte('"')
		for n := rng.IntN(30); n > 0; n-- {
			raw.WriteByte(rawAlphabet[rng.IntN(len(rawAlphabet))])
		}
		raw.WriteByte('"')
		checkTableDefinition(t, raw.String())
	}
}

func FuzzDecodeTableDefinition(f *testing.F) {
	for _, tok := range tdTokens {
		f.Add(tok)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.HasPrefix(s, `"`) {
			checkTableDefinition(t, s)
		}
	})
}

// TestParseDataSourcesMatchesParseJSON: DataSources.json read with its
// TableDefinitions decoded in place splits into the same files as read by parseJSON.
func TestParseDataSourcesMatchesParseJSON(t *testing.T) {
	var entries []string
	for i, s := range embeddedSamples {
		entries = append(entries, `{"Name":"T`+string(rune('a'+i))+`","DatasetName":"d","TableDefinition":`+quoteJSON(s)+`}`)
	}
	doc := `{"DataSources":[` + strings.Join(entries, ",") + `],"TableDefinition":"x\ny"}`
	want, err := parseJSON([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	got, err := parseDataSources([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	list := func(v any) []any { l, _ := v.(object).get("DataSources"); return l.([]any) }
	if _, ok := list(got)[0].(object)[2].Val.(tableDefinition); !ok {
		t.Fatalf("TableDefinition read as %T, want a tableDefinition", list(got)[0].(object)[2].Val)
	}
	wf, _ := splitDataSources(list(want), nil)
	gf, _ := splitDataSources(list(got), nil)
	if len(wf) != len(gf) {
		t.Fatalf("%d files, want %d", len(gf), len(wf))
	}
	for i := range wf {
		if gf[i].name != wf[i].name || !bytes.Equal(gf[i].text(), wf[i].text()) {
			t.Errorf("%s:\n%s\nwant %s:\n%s", gf[i].name, gf[i].text(), wf[i].name, wf[i].text())
		}
	}
}

// A TableDefinition that stops reading after its decoding changed the buffer: the
// parse says so, and the rendering shows parseJSON's error for the stored file.
func TestDataSourcesDamagedTableDefinition(t *testing.T) {
	ds := `{"DataSources":[{"Name":"T","TableDefinition":"{\"a\":\"b` + "\x01" + `\"}"}]}`
	if _, err := parseDataSources([]byte(ds)); !errors.Is(err, errSpoiled) {
		t.Fatalf("parseDataSources: %v, want errSpoiled", err)
	}
	_, want := parseJSON([]byte(ds))
	if want == nil {
		t.Fatal("parseJSON reads the damaged file")
	}
	files := append(goodFiles(`"x"`), zfile{`References\DataSources.json`, ds})
	out, err := render(t, makeZip(t, files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, want.Error()) {
		t.Errorf("output lacks %q:\n%s", want.Error(), out)
	}
}
