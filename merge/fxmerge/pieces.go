package fxmerge

// pieces is a result held as the slices it is made of, in order: mostly slices of the
// inputs, and the few lines the merge rewrote. The fast path's result is the base with
// some properties put in, so for a large screen it is nearly all base bytes, and the
// merge driver writes the pieces to the file one after the other instead of copying
// them into one buffer the size of the file first (issue 18: the driver's peak memory).
type pieces [][]byte

// add appends b, unless it is empty.
func (p pieces) add(b []byte) pieces {
	if len(b) == 0 {
		return p
	}
	return append(p, b)
}

// size is the length of the whole.
func (p pieces) size() int {
	n := 0
	for _, b := range p {
		n += len(b)
	}
	return n
}

// cut returns the pieces of bytes [from, to) of the whole, appended to dst.
func (p pieces) cut(dst pieces, from, to int) pieces {
	at := 0 // the offset of b in the whole
	for _, b := range p {
		lo, hi := max(from-at, 0), min(to-at, len(b))
		if lo < hi {
			dst = append(dst, b[lo:hi])
		}
		at += len(b)
	}
	return dst
}

// join returns the whole in one slice.
func (p pieces) join() []byte {
	out := make([]byte, 0, p.size())
	for _, b := range p {
		out = append(out, b...)
	}
	return out
}
