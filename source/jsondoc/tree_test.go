package jsondoc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// The test builders: a map model to compare with encoding/json, and a node that records
// everything the reader reports, to check spans and lines against the input.

// mapBuilder builds what encoding/json's Decoder with UseNumber builds (a duplicate key:
// the last one wins).
type mapBuilder struct{}

func (mapBuilder) Scalar(s Scalar) any {
	switch s.Kind {
	case String:
		return s.Text
	case Number:
		return json.Number(s.Text)
	case Bool:
		return s.Text == "true"
	}
	return nil
}

func (mapBuilder) Array(elems []any, _ Pos, _ int) any {
	return append([]any{}, elems...)
}

func (mapBuilder) Object(members []Member[any], _ Pos, _ int) (any, error) {
	m := map[string]any{}
	for _, mb := range members {
		m[mb.Key] = mb.Val
	}
	return m, nil
}

// stdlib decodes data as encoding/json does, after a UTF-8 BOM.
func stdlib(data []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, utf8BOM)))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := d.Token(); err == nil {
		return nil, fmt.Errorf("data after the value")
	}
	if !json.Valid(bytes.TrimPrefix(data, utf8BOM)) {
		return nil, fmt.Errorf("not valid")
	}
	return v, nil
}

// rec is a value with all the reader said about it.
type rec struct {
	s       Scalar
	isArr   bool
	isObj   bool
	start   Pos
	end     int
	elems   []*rec
	members []Member[*rec]
}

type recBuilder struct{}

func (recBuilder) Scalar(s Scalar) *rec { return &rec{s: s, start: s.Start, end: s.End} }

func (recBuilder) Array(elems []*rec, start Pos, end int) *rec {
	return &rec{isArr: true, start: start, end: end, elems: append([]*rec(nil), elems...)}
}

func (recBuilder) Object(members []Member[*rec], start Pos, end int) (*rec, error) {
	return &rec{isObj: true, start: start, end: end, members: append([]Member[*rec](nil), members...)}, nil
}

// checkSpans verifies that every position r reports is right for data: the line is the
// offset's line, the span reads back as the same value, a key's span is its token.
func checkSpans(data []byte, r *rec) error {
	if r == nil {
		return nil // skipped
	}
	if want := 1 + bytes.Count(data[:r.start.Offset], []byte{'\n'}); r.start.Line != want {
		return fmt.Errorf("value at %d: line %d, want %d", r.start.Offset, r.start.Line, want)
	}
	raw := data[r.start.Offset:r.end]
	if len(raw) == 0 {
		return fmt.Errorf("empty span at %d", r.start.Offset)
	}
	if !r.isArr && !r.isObj {
		// A scalar's span reads back as the same scalar.
		again, _, _, err := Parse[*rec](raw, recBuilder{}, Options{})
		if err != nil || again.s.Kind != r.s.Kind || again.s.Text != r.s.Text {
			return fmt.Errorf("span %q does not read back as %+v: %v", raw, r.s, err)
		}
	}
	switch {
	case r.isArr:
		if raw[0] != '[' || raw[len(raw)-1] != ']' {
			return fmt.Errorf("array span %q", raw)
		}
		for _, e := range r.elems {
			if err := checkSpans(data, e); err != nil {
				return err
			}
		}
	case r.isObj:
		if raw[0] != '{' || raw[len(raw)-1] != '}' {
			return fmt.Errorf("object span %q", raw)
		}
		for _, m := range r.members {
			key := data[m.KeyPos.Offset:m.KeyEnd]
			var k string
			if err := json.Unmarshal(key, &k); err != nil || k != m.Key && !strings.ContainsRune(k, '\uFFFD') {
				return fmt.Errorf("key span %q for %q: %v", key, m.Key, err)
			}
			if want := 1 + bytes.Count(data[:m.KeyPos.Offset], []byte{'\n'}); m.KeyPos.Line != want {
				return fmt.Errorf("key %q: line %d, want %d", m.Key, m.KeyPos.Line, want)
			}
			if err := checkSpans(data, m.Val); err != nil {
				return err
			}
		}
	default:
		if r.s.Kind == Number && r.s.Text != string(raw) {
			return fmt.Errorf("number text %q, span %q", r.s.Text, raw)
		}
	}
	return nil
}
