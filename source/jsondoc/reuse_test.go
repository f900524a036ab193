package jsondoc

import (
	"errors"
	"reflect"
	"testing"
)

// reuseBuilder is mapBuilder that hands back a marker for one member key, recording
// what the reader asked.
type reuseBuilder struct {
	mapBuilder
	key   string
	width int // how many bytes the reused text has
	asked []string
	lines []int
}

func (b *reuseBuilder) Reuse(start, level int, key string, entry int) (any, int, bool) {
	b.asked = append(b.asked, fmtAsk(level, key, entry))
	if key == b.key && b.key != "" {
		return "reused", start + b.width, true
	}
	return nil, 0, false
}

func fmtAsk(level int, key string, entry int) string {
	if entry >= 0 {
		return string(rune('0'+level)) + "[" + string(rune('0'+entry)) + "]"
	}
	return string(rune('0'+level)) + "." + key
}

// TestReuse: the reader asks a Reuser at every value with its level and key or
// position, skips the text of the values it answers for and keeps counting lines
// through them.
func TestReuse(t *testing.T) {
	data := []byte("{\"a\": [1, {\"b\": 2}],\n \"c\": {\n\"x\": 1\n},\n \"d\": true}")
	b := &reuseBuilder{key: "c", width: len("{\n\"x\": 1\n}")}
	v, _, _, err := Parse[any](data, b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"a": []any{jsonNumber("1"), map[string]any{"b": jsonNumber("2")}}, "c": "reused", "d": true}
	if !reflect.DeepEqual(v, want) {
		t.Errorf("got %#v, want %#v", v, want)
	}
	if asked := []string{"0.", "1.a", "2[0]", "2[1]", "3.b", "1.c", "1.d"}; !reflect.DeepEqual(b.asked, asked) {
		t.Errorf("asked %q, want %q", b.asked, asked)
	}

	// An error after reused text is on the line a full read reports.
	bad := []byte("{\"c\": {\n\"x\": 1\n},\n \"d\": tru}")
	_, _, _, errFull := Parse[any](bad, mapBuilder{}, Options{})
	_, _, _, errReused := Parse[any](bad, &reuseBuilder{key: "c", width: len("{\n\"x\": 1\n}")}, Options{})
	var full, reused *SyntaxError
	if !errors.As(errFull, &full) || !errors.As(errReused, &reused) {
		t.Fatalf("errors %v and %v", errFull, errReused)
	}
	if *full != *reused || full.Line != 4 {
		t.Errorf("full read: %+v; with reuse: %+v; want line 4 for both", full, reused)
	}
}

// TestUncountedReuse: with Options.UncountedReuse the reader does not count the lines
// of reused text (an error after it is short by them), and reads the same values.
func TestUncountedReuse(t *testing.T) {
	bad := []byte("{\"c\": {\n\"x\": 1\n},\n \"d\": tru}")
	_, _, _, err := Parse[any](bad, &reuseBuilder{key: "c", width: len("{\n\"x\": 1\n}")}, Options{UncountedReuse: true})
	var se *SyntaxError
	if !errors.As(err, &se) || se.Line != 2 {
		t.Errorf("got %v, want the error on line 2 (4 less the 2 newlines reused)", err)
	}
	good := []byte("{\"c\": {\n\"x\": 1\n},\n \"d\": true}")
	v, _, _, err := Parse[any](good, &reuseBuilder{key: "c", width: len("{\n\"x\": 1\n}")}, Options{UncountedReuse: true})
	if want := map[string]any{"c": "reused", "d": true}; err != nil || !reflect.DeepEqual(v, want) {
		t.Errorf("got %#v, %v; want %#v", v, err, want)
	}
}
