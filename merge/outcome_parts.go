package merge

import (
	"bytes"
	"io"
)

// Content returns the merged content in one slice: Merged, or Parts joined.
func (o *Outcome) Content() []byte {
	if o.Parts == nil {
		return o.Merged
	}
	n := 0
	for _, p := range o.Parts {
		n += len(p)
	}
	out := make([]byte, 0, n)
	for _, p := range o.Parts {
		out = append(out, p...)
	}
	return out
}

// Equal reports whether the merged content is b, without joining Parts: the driver
// leaves OURS as it is when the result is OURS' bytes.
func (o *Outcome) Equal(b []byte) bool {
	if o.Parts == nil {
		return bytes.Equal(o.Merged, b)
	}
	n := 0
	for _, p := range o.Parts {
		n += len(p)
	}
	if n != len(b) {
		return false
	}
	for _, p := range o.Parts {
		if !bytes.Equal(p, b[:len(p)]) {
			return false
		}
		b = b[len(p):]
	}
	return true
}

// WriteTo writes the merged content to w, Parts one after the other.
func (o *Outcome) WriteTo(w io.Writer) (int64, error) {
	if o.Parts == nil {
		n, err := w.Write(o.Merged)
		return int64(n), err
	}
	var sum int64
	for _, p := range o.Parts {
		n, err := w.Write(p)
		sum += int64(n)
		if err != nil {
			return sum, err
		}
	}
	return sum, nil
}
