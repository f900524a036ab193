package jsondoc

import "bytes"

// A Decoder reads one JSON document a step at a time, for a caller that knows the
// document's shape and wants only some of it: it enters the objects and arrays it
// cares about (Object and Key, Array and Next), builds the values it keeps with its
// Builder (Value) and passes over the others (Skip). It accepts exactly the
// documents Parse accepts: Skip checks what it passes over as Value would read it,
// the escapes of its strings included (Options.Skip does not look at those).
//
// The caller must take every value it is positioned at (by Value, Skip, Object or
// Array) before it asks for the next key or entry. After an error the Decoder is
// done: its other methods may answer anything.
type Decoder[V any] struct {
	p parser[V]
	// depth is how many objects and arrays are open; first is set between entering
	// one and the first Key or Next.
	depth int
	first bool
}

// NewDecoder starts reading data, an optional UTF-8 byte order mark and one value,
// with b building what Value reads. Options.Skip is not asked: the caller chooses.
func NewDecoder[V any](data []byte, b Builder[V], o Options) *Decoder[V] {
	d := &Decoder[V]{p: parser[V]{data: data, line: 1, b: b, maxDepth: o.MaxDepth, share: o.Share, strict: true}}
	if d.p.maxDepth <= 0 {
		d.p.maxDepth = DefaultMaxDepth
	}
	if bytes.HasPrefix(data, utf8BOM) {
		d.p.pos = len(utf8BOM)
	}
	d.p.space()
	return d
}

// Peek returns the first byte of the value the Decoder is at ('{', '[', '"', a
// digit or '-', 't', 'f', 'n'), or 0 at the end of the input.
func (d *Decoder[V]) Peek() byte {
	if d.p.pos >= len(d.p.data) {
		return 0
	}
	return d.p.data[d.p.pos]
}

// Offset is the byte offset the Decoder is at.
func (d *Decoder[V]) Offset() int { return d.p.pos }

// Value reads the value the Decoder is at with the Builder.
func (d *Decoder[V]) Value() (V, error) { return d.p.value(d.depth) }

// Skip passes over the value the Decoder is at without building it.
func (d *Decoder[V]) Skip() error { return d.p.skipValue(d.depth) }

// Object enters the object the Decoder is at; Key then reads its members' keys.
func (d *Decoder[V]) Object() error { return d.open('{', "expected an object") }

// Array enters the array the Decoder is at; Next then steps to its entries.
func (d *Decoder[V]) Array() error { return d.open('[', "expected an array") }

func (d *Decoder[V]) open(c byte, msg string) error {
	p := &d.p
	if p.pos >= len(p.data) {
		return p.errorf("unexpected end of JSON input")
	}
	if p.data[p.pos] != c {
		return p.errorf("%s", msg)
	}
	if d.depth+1 > p.maxDepth {
		return p.tooDeep()
	}
	p.pos++
	d.depth++
	d.first = true
	return nil
}

// Key reads the key of the next member of the object the Decoder is in and moves
// to its value; ok is false when the object has no more members (the Decoder is
// then past its end, in the enclosing value).
func (d *Decoder[V]) Key() (key string, ok bool, err error) {
	p := &d.p
	if more, err := d.more('}'); !more || err != nil {
		return "", false, err
	}
	p.space()
	if p.pos >= len(p.data) || p.data[p.pos] != '"' {
		return "", false, p.errorf("expected a string key")
	}
	if key, err = p.str(); err != nil {
		return "", false, err
	}
	p.space()
	if p.pos >= len(p.data) || p.data[p.pos] != ':' {
		return "", false, p.errorf("expected ':' after the key %q", key)
	}
	p.pos++
	p.space()
	return key, true, nil
}

// Next moves to the next entry of the array the Decoder is in; ok is false when
// the array has no more entries (the Decoder is then past its end).
func (d *Decoder[V]) Next() (ok bool, err error) {
	if more, err := d.more(']'); !more || err != nil {
		return false, err
	}
	d.p.space()
	return true, nil
}

// more reads what comes before a member or entry of the container the Decoder is
// in, which closes with end: nothing before the first, else a comma; false (and
// the container closed) at its end.
func (d *Decoder[V]) more(end byte) (bool, error) {
	p := &d.p
	p.space()
	if d.first {
		d.first = false
		if p.pos < len(p.data) && p.data[p.pos] == end {
			p.pos++
			d.depth--
			return false, nil
		}
		return true, nil
	}
	if p.pos < len(p.data) && p.data[p.pos] == ',' {
		p.pos++
		return true, nil
	}
	if err := p.end(end); err != nil {
		return false, err
	}
	d.depth--
	return false, nil
}

// Finish checks that only whitespace follows the document's value.
func (d *Decoder[V]) Finish() error {
	p := &d.p
	if d.depth != 0 {
		return p.errorf("Finish inside an object or array")
	}
	p.space()
	if p.pos < len(p.data) {
		return p.errorf("unexpected %q after the JSON value", p.data[p.pos])
	}
	return nil
}

// Scalar reads the string, number, true, false or null the Decoder is at, without
// the Builder; an object or an array is an error.
func (d *Decoder[V]) Scalar() (Scalar, error) {
	p := &d.p
	start := p.here()
	if p.pos >= len(p.data) {
		return Scalar{}, p.errorf("unexpected end of JSON input")
	}
	kind := Null
	switch c := p.data[p.pos]; c {
	case '"':
		s, err := p.str()
		return Scalar{Kind: String, Text: s, Start: start, End: p.pos}, err
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		if err := p.number(); err != nil {
			return Scalar{}, err
		}
		return Scalar{Kind: Number, Text: p.text(p.data[start.Offset:p.pos]), Start: start, End: p.pos}, nil
	case 't', 'f':
		kind = Bool
		fallthrough
	case 'n':
		for _, lit := range [...]string{"true", "false", "null"} {
			if lit[0] == c && len(p.data)-p.pos >= len(lit) && string(p.data[p.pos:p.pos+len(lit)]) == lit {
				p.pos += len(lit)
				return Scalar{Kind: kind, Text: lit, Start: start, End: p.pos}, nil
			}
		}
	case '{', '[':
		return Scalar{}, p.errorf("expected a string, number, true, false or null")
	}
	return Scalar{}, p.errorf("invalid character %q looking for a value", p.data[p.pos])
}
