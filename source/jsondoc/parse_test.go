package jsondoc

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

var cases = []string{
	`{}`, `[]`, `0`, `-0.5e+3`, `"a\u00e9\ud83d\ude00"`, `{"a":[1,2,{"b":null}],"c":true}`,
	`{"a":1,"a":2}`, "  {\"a\" : [ ] }\r\n", "\ufeff{\"a\":1}", `"\ud800"`, `"\ud800\u0041"`, `"\udc00\ud800"`,
	`"a\/b\\\"\b\f\n\r\t"`, "\"\xff\xfe\"", "\"ok\xc3\xa9\"", "[\n1,\n\"x\"\n,{\"k\"\n:\nfalse}]",
	`{"a":1,}`, `[1,]`, `01`, `-`, `1.`, `.5`, `+1`, `1e`, `"\x"`, `"\u12G4"`, "\"a\tb\"", `{"a" 1}`,
	`{"a":1}x`, `[1 2]`, `tru`, `nul`, `{"a"}`, `{"a":}`, `"abc`, ``, `   `, "\ufeff", `"\`,
}

// The reader accepts exactly what encoding/json accepts and decodes it the same way.
func TestAgreesWithEncodingJSON(t *testing.T) {
	for _, c := range cases {
		agree(t, []byte(c))
	}
}

func agree(t *testing.T, data []byte) {
	t.Helper()
	want, werr := stdlib(data)
	for _, share := range []bool{false, true} {
		got, _, _, err := Parse[any](data, mapBuilder{}, Options{Share: share})
		if (err == nil) != (werr == nil) {
			t.Fatalf("%q: error %v, encoding/json: %v", data, err, werr)
		}
		if err == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: %#v, encoding/json %#v", data, got, want)
		}
	}
	r, start, end, err := Parse[*rec](data, recBuilder{}, Options{})
	if err != nil {
		return
	}
	if r.start.Offset != start || r.end != end {
		t.Fatalf("%q: root span %d..%d, value says %d..%d", data, start, end, r.start.Offset, r.end)
	}
	if err := checkSpans(data, r); err != nil {
		t.Fatalf("%q: %v", data, err)
	}
}

// Lines are kept for keys and values; members stay in order, duplicates included.
func TestLinesOrderDuplicates(t *testing.T) {
	data := []byte("\ufeff{\r\n  \"b\": 1,\r\n  \"a\": {\r\n    \"c\": \"x\\u00e9\"\r\n  },\r\n  \"b\": [\r\n  true]\r\n}\r\n")
	r, start, end, err := Parse[*rec](data, recBuilder{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if start != 3 || string(data[end:]) != "\r\n" {
		t.Errorf("root span %d..%d", start, end)
	}
	var got []string
	for _, m := range r.members {
		got = append(got, fmt.Sprintf("%s@%d value@%d", m.Key, m.KeyPos.Line, m.Val.start.Line))
	}
	if want := []string{"b@2 value@2", "a@3 value@3", "b@6 value@6"}; !reflect.DeepEqual(got, want) {
		t.Errorf("members %q, want %q", got, want)
	}
	c := r.members[1].Val.members[0]
	if c.Key != "c" || c.Val.s.Text != "xé" || c.KeyPos.Line != 4 || string(data[c.Val.start.Offset:c.Val.end]) != `"x\u00e9"` {
		t.Errorf("nested member %+v", c)
	}
	if e := r.members[2].Val.elems[0]; e.start.Line != 7 || e.s.Kind != Bool || e.s.Text != "true" {
		t.Errorf("array element %+v", e)
	}
}

// MaxDepth arrays and objects nest; one more is an error that says so, also when
// the value is skipped.
func TestDepthLimit(t *testing.T) {
	nest := func(n int) []byte {
		return []byte(strings.Repeat(`[{"a":`, n/2) + strings.Repeat("[", n%2) + "1" + strings.Repeat("]", n%2) + strings.Repeat("}]", n/2))
	}
	for _, max := range []int{1, 2, 7, 512} {
		o := Options{MaxDepth: max}
		if _, _, _, err := Parse[any](nest(max), mapBuilder{}, o); err != nil {
			t.Errorf("%d levels, limit %d: %v", max, max, err)
		}
		_, _, _, err := Parse[any](nest(max+1), mapBuilder{}, o)
		var se *SyntaxError
		if !errors.As(err, &se) || se.Msg != fmt.Sprintf("nested deeper than %d levels", max) {
			t.Errorf("%d levels, limit %d: %v", max+1, max, err)
		}
		o.Skip = func(int, string) bool { return true }
		if _, _, _, err := Parse[any](nest(max+1), mapBuilder{}, o); err == nil && max > 1 {
			t.Errorf("%d levels, limit %d, skipped: accepted", max+1, max)
		}
	}
	deep := []byte(strings.Repeat("[", DefaultMaxDepth+1) + strings.Repeat("]", DefaultMaxDepth+1))
	if _, _, _, err := Parse[any](deep, mapBuilder{}, Options{}); err == nil {
		t.Errorf("%d levels accepted by default", DefaultMaxDepth+1)
	}
}

// Skip passes values over unbuilt at the level asked for, and still checks their syntax.
func TestSkip(t *testing.T) {
	var asked []string
	o := Options{Skip: func(level int, key string) bool {
		asked = append(asked, fmt.Sprintf("%d %s", level, key))
		return level == 2 && key != "Name"
	}}
	data := []byte(`{"Top":{"Name":"S","Rules":[{"x":"\q"}],"N":-1.5e3},"Other":{"Name":1}}`)
	v, _, _, err := Parse[any](data, mapBuilder{}, o)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"Top": map[string]any{"Name": "S", "Rules": nil, "N": nil}, "Other": map[string]any{"Name": jsonNumber("1")}}
	if !reflect.DeepEqual(v, want) {
		t.Errorf("got %#v", v)
	}
	if want := []string{"1 Top", "2 Name", "2 Rules", "2 N", "1 Other", "2 Name"}; !reflect.DeepEqual(asked, want) {
		t.Errorf("asked %q", asked)
	}
	for _, bad := range []string{`{"Top":{"Rules":[1,]}}`, `{"Top":{"Rules":"a` + "\n" + `"}}`, `{"Top":{"Rules":01}}`, `{"Top":{"Rules":{"a" 1}}}`, `{"Top":{"Rules":nul}}`} {
		if _, _, _, err := Parse[any]([]byte(bad), mapBuilder{}, o); err == nil {
			t.Errorf("%s: skipped syntax error accepted", bad)
		}
	}
}

// An error from the builder comes back as it is.
type refuser struct{ mapBuilder }

var errRefused = errors.New("refused")

func (refuser) Object([]Member[any], Pos, int) (any, error) { return nil, errRefused }

func TestBuilderError(t *testing.T) {
	if _, _, _, err := Parse[any]([]byte(`[1, {}]`), refuser{}, Options{}); err != errRefused {
		t.Errorf("error %v", err)
	}
}

// Errors say where: the line and offset of the problem.
func TestErrorPosition(t *testing.T) {
	_, _, _, err := Parse[any]([]byte("{\n  \"a\": 1,\n  \"b\": tru\n}"), mapBuilder{}, Options{})
	var se *SyntaxError
	if !errors.As(err, &se) || se.Line != 3 || se.Offset != 19 || err.Error() != `line 3: invalid character 't' looking for a value` {
		t.Errorf("error %#v", err)
	}
}
