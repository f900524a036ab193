package textconv

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

// stdlibParse is the reference: the same ordered model decoded with encoding/json's
// token API.
func stdlibParse(data []byte) (any, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	v, err := stdlibValue(d)
	if err != nil {
		return nil, err
	}
	if len(bytes.Trim(data[d.InputOffset():], " \t\r\n")) > 0 {
		return nil, fmt.Errorf("extra data")
	}
	return v, nil
}

func stdlibValue(d *json.Decoder) (any, error) {
	t, err := d.Token()
	if err != nil {
		return nil, err
	}
	switch t {
	case json.Delim('{'):
		o := object{}
		for d.More() {
			kt, err := d.Token()
			if err != nil {
				return nil, err
			}
			v, err := stdlibValue(d)
			if err != nil {
				return nil, err
			}
			o = append(o, kv{kt.(string), v})
		}
		_, err := d.Token()
		return o, err
	case json.Delim('['):
		a := []any{}
		for d.More() {
			v, err := stdlibValue(d)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
		_, err := d.Token()
		return a, err
	}
	return t, nil
}

func checkAgainstStdlib(t *testing.T, name string, data []byte) {
	t.Helper()
	want, werr := stdlibParse(data)
	got, gerr := parseJSON(data)
	if (werr == nil) != (gerr == nil) {
		t.Errorf("%s: parseJSON error %v, encoding/json error %v", name, gerr, werr)
		return
	}
	if werr == nil && !reflect.DeepEqual(got, want) {
		t.Errorf("%s: parseJSON and encoding/json disagree", name)
	}
}

func TestParseJSONMatchesStdlib(t *testing.T) {
	cases := []string{
		`{}`, `[]`, `{"a":1,"a":2}`, ` {"b" : [1, -0.5e+3, 0, true, false, null, "x"]} `,
		`"\u00e9\u002B\ud83d\ude00"`, `"\ud800"`, `"\ud800\u0041"`, `"\udc00\ud800"`, `"a\/b\\\"\b\f\n\r\t"`,
		"\"\xff\xfe\"", "\"ok\xc3\xa9\"", "\xef\xbb\xbf{\"bom\":1}",
		`01`, `1.`, `-`, `1e`, `.5`, `+1`, `{"a"}`, `{"a":}`, `[1,]`, `{"a":1,}`, `[1 2]`, `"abc`, `"\x"`, `"\u12G4"`,
		"\"tab\there\"", `tru`, `nul`, `{"a":1} x`, ``, `   `, `{"a":[{"b":{"c":[[]]}}]}`,
	}
	for _, c := range cases {
		checkAgainstStdlib(t, fmt.Sprintf("%q", c), []byte(c))
	}
	deep := strings.Repeat("[", maxDepth+10) + strings.Repeat("]", maxDepth+10)
	if _, err := parseJSONString(deep); err == nil {
		t.Errorf("nesting deeper than %d accepted", maxDepth)
	}
}

// TestParseJSONCorpus compares the two decoders on every JSON entry of the corpus apps.
func TestParseJSONCorpus(t *testing.T) {
	apps, _ := filepath.Glob(filepath.Join(corpus.Dir(t, "msapp"), "*.msapp"))
	n := 0
	for _, app := range apps {
		a, err := Open(app, DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range a.Entries {
			if !strings.HasSuffix(strings.ToLower(e.Name), ".json") {
				continue
			}
			data, err := a.Read(e)
			if err != nil {
				t.Fatal(err)
			}
			checkAgainstStdlib(t, filepath.Base(app)+":"+e.Name, data)
			n++
		}
		a.Close()
	}
	t.Logf("%d JSON entries decoded identically", n)
}

func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{`{"a":[1,"\u00e9",null]}`, `"\ud83d\ude00"`, `[-1.5e3]`, "\"\xff\""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		want, werr := stdlibParse(data)
		got, gerr := parseJSON(data)
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("parseJSON error %v, encoding/json error %v", gerr, werr)
		}
		if werr == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("disagree: %#v vs %#v", got, want)
		}
		// The header scan skips what it does not keep; it may accept a little more
		// (escapes inside skipped strings), never less.
		wrapped := append(append([]byte(`{"TopParent":{"Name":"S","Children":`), data...), "}}"...)
		if _, herr := scanControlHeader(wrapped); herr != nil && werr == nil {
			t.Fatalf("header scan rejects valid JSON in Children: %v", herr)
		}
	})
}

// Objects cut from one chunk stay apart: growing one never writes over the next.
func TestObjectsFromChunksStayApart(t *testing.T) {
	v, err := parseJSON([]byte(`[{"a":1,"b":2},{"c":3}]`))
	if err != nil {
		t.Fatal(err)
	}
	list := v.([]any)
	first, second := list[0].(object), list[1].(object)
	first = append(first, kv{"x", nil})
	if second[0].Key != "c" || len(first) != 3 {
		t.Errorf("appending to the first object changed the second: %v", second)
	}
}

// Small objects cost no allocation each: their members come from shared chunks.
func TestSmallObjectsShareChunks(t *testing.T) {
	doc := []byte("[" + strings.Repeat(`{"a":true,"b":null},`, 199) + `{"a":true,"b":null}]`)
	allocs := testing.AllocsPerRun(20, func() {
		if _, err := parseJSON(doc); err != nil {
			t.Fatal(err)
		}
	})
	// Each object still boxes its slice header: one allocation for it, not two.
	if allocs > 200+20 {
		t.Errorf("%v allocations for 200 small objects", allocs)
	}
}
