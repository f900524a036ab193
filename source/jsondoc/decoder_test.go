package jsondoc

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// walk reads the document with a Decoder the way a typed decoder does: it enters
// every object and array (building them itself, with mapBuilder's model), skips the
// members skipOdd names, and takes the scalars with Value; with whole set, it takes
// the root with Value instead.
func walk(data []byte, whole bool) (any, error) {
	d := NewDecoder[any](data, mapBuilder{}, Options{})
	var v any
	var err error
	if whole {
		v, err = d.Value()
	} else {
		v, err = walkValue(d, 0)
	}
	if err != nil {
		return nil, err
	}
	return v, d.Finish()
}

func walkValue(d *Decoder[any], level int) (any, error) {
	switch d.Peek() {
	case '{':
		if err := d.Object(); err != nil {
			return nil, err
		}
		m := map[string]any{}
		for {
			k, ok, err := d.Key()
			if err != nil || !ok {
				return m, err
			}
			var v any
			if skipOdd(level+1, k) {
				err = d.Skip()
			} else {
				v, err = walkValue(d, level+1)
			}
			if err != nil {
				return nil, err
			}
			m[k] = v
		}
	case '[':
		if err := d.Array(); err != nil {
			return nil, err
		}
		a := []any{}
		for {
			ok, err := d.Next()
			if err != nil || !ok {
				return a, err
			}
			v, err := walkValue(d, level+1)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	}
	return d.Value()
}

// TestDecoderAgreesWithParse: walked step by step, skipping members, a document is
// accepted exactly when Parse accepts it (Skip checks escapes, unlike Options.Skip),
// and reads to what Parse reads with the same members skipped.
func TestDecoderAgreesWithParse(t *testing.T) {
	docs := append([]string{}, cases...)
	for _, c := range strCases {
		docs = append(docs, `{"ab": {"abc": `+c+`, "b": 1}}`, "["+c+"]")
	}
	rng := rand.New(rand.NewPCG(11, 12))
	for range 20000 {
		docs = append(docs, string(randomDocument(rng)))
	}
	for depth := DefaultMaxDepth - 1; depth <= DefaultMaxDepth+1; depth++ {
		docs = append(docs, strings.Repeat(`{"abc":`, depth)+"null"+strings.Repeat("}", depth))
	}
	for _, doc := range docs {
		data := []byte(doc)
		_, _, _, strictErr := Parse[any](data, mapBuilder{}, Options{})
		want, _, _, _ := Parse[any](data, mapBuilder{}, Options{Skip: skipOdd})
		for _, whole := range []bool{false, true} {
			got, err := walk(data, whole)
			if (err == nil) != (strictErr == nil) {
				t.Fatalf("%q (whole %v): Decoder error %v, Parse error %v", doc, whole, err, strictErr)
			}
			if err != nil {
				continue
			}
			if whole {
				want, _, _, _ = Parse[any](data, mapBuilder{}, Options{})
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%q (whole %v): Decoder read %#v, Parse %#v", doc, whole, got, want)
			}
		}
	}
}

// TestDecoderSkipChecksEscapes: a bad escape in a skipped string is an error, at the
// backslash, where Options.Skip passes it.
func TestDecoderSkipChecksEscapes(t *testing.T) {
	for _, bad := range []string{`"\q"`, `"\u12G4"`, `"\u00"`, `{"\x": 1}`, `["ok", "\`} {
		d := NewDecoder[any]([]byte(bad), mapBuilder{}, Options{})
		err := d.Skip()
		se, ok := err.(*SyntaxError)
		if !ok {
			t.Fatalf("%s: Skip gave %v, want a syntax error", bad, err)
		}
		if i := strings.IndexByte(bad, '\\'); se.Offset != i && !strings.HasSuffix(bad, `\`) {
			t.Errorf("%s: error at %d, want %d (the backslash): %v", bad, se.Offset, i, err)
		}
	}
}

// TestDecoderErrors: the Decoder refuses to enter what is not the container asked
// for, nesting beyond MaxDepth, and a Finish before the end.
func TestDecoderErrors(t *testing.T) {
	d := NewDecoder[any]([]byte(`[1]`), mapBuilder{}, Options{})
	if err := d.Object(); err == nil || !strings.Contains(err.Error(), "expected an object") {
		t.Errorf("Object on an array: %v", err)
	}
	d = NewDecoder[any]([]byte(`[[1]]`), mapBuilder{}, Options{MaxDepth: 1})
	if err := d.Array(); err != nil {
		t.Fatal(err)
	}
	if ok, err := d.Next(); !ok || err != nil {
		t.Fatal(ok, err)
	}
	if err := d.Array(); err == nil || !strings.Contains(err.Error(), "nested deeper") {
		t.Errorf("past MaxDepth: %v", err)
	}
	d = NewDecoder[any]([]byte(`{"a": 1}`), mapBuilder{}, Options{})
	if err := d.Object(); err != nil {
		t.Fatal(err)
	}
	if err := d.Finish(); err == nil {
		t.Error("Finish inside an object: no error")
	}
	d = NewDecoder[any]([]byte("\xef\xbb\xbf {} x"), mapBuilder{}, Options{})
	if d.Peek() != '{' {
		t.Errorf("Peek after a BOM: %q", d.Peek())
	}
	if err := d.Skip(); err != nil {
		t.Fatal(err)
	}
	if err := d.Finish(); err == nil || d.Offset() != 7 {
		t.Errorf("Finish before trailing text: %v at %d", err, d.Offset())
	}
}

// TestDecoderScalar: Scalar reads what Value reads of a scalar, and refuses
// containers.
func TestDecoderScalar(t *testing.T) {
	for _, c := range []string{`"a\nb"`, `-1.5e3`, `0`, `true`, `false`, `null`, `tru`, `nul`, `"\q"`, `01`, `x`, `{}`, `[]`, ``} {
		_, _, _, perr := Parse[any]([]byte(c), mapBuilder{}, Options{})
		d := NewDecoder[any]([]byte(c), mapBuilder{}, Options{})
		s, err := d.Scalar()
		if err == nil {
			err = d.Finish()
		}
		if c == "{}" || c == "[]" {
			if err == nil {
				t.Errorf("%s: Scalar read a container", c)
			}
			continue
		}
		if (err == nil) != (perr == nil) {
			t.Errorf("%s: Scalar error %v, Parse error %v", c, err, perr)
			continue
		}
		if err == nil {
			want, _, _, _ := Parse[any]([]byte(c), mapBuilder{}, Options{})
			if got := (mapBuilder{}).Scalar(s); !reflect.DeepEqual(got, want) || s.End != len(c) {
				t.Errorf("%s: Scalar %#v (end %d), Parse %#v", c, got, s.End, want)
			}
		}
	}
}
