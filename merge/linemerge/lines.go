package linemerge

import "bytes"

// splitLines cuts b after every '\n', the way xdiff builds its records: the
// terminator (and any '\r' before it) stays part of the line, and a last line
// without '\n' is a line of its own (so "x" and "x\n" never compare equal).
func splitLines(b []byte) [][]byte {
	if len(b) == 0 {
		return nil
	}
	n := bytes.Count(b, []byte{'\n'})
	if b[len(b)-1] != '\n' {
		n++
	}
	out := make([][]byte, 0, n)
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			out = append(out, b)
			break
		}
		out = append(out, b[:i+1:i+1])
		b = b[i+1:]
	}
	return out
}

// interner gives equal lines equal ids so the diff compares ints, not bytes.
type interner map[string]int32

func (in interner) ids(lines [][]byte) []int32 {
	out := make([]int32, len(lines))
	for i, l := range lines {
		id, ok := in[string(l)]
		if !ok {
			id = int32(len(in))
			in[string(l)] = id
		}
		out[i] = id
	}
	return out
}

// joinLines concatenates lines back into one byte slice (nil when empty).
func joinLines(lines [][]byte) []byte {
	n := 0
	for _, l := range lines {
		n += len(l)
	}
	if n == 0 {
		return nil
	}
	out := make([]byte, 0, n)
	for _, l := range lines {
		out = append(out, l...)
	}
	return out
}
