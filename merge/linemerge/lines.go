package linemerge

import "bytes"

// splitLines cuts b after every '\n'. Each line keeps its terminator (and a
// '\r' before it), and a last line without '\n' is a line of its own, so
// "x" and "x\n" are different lines: git merge-file treats adding a final
// newline as a change of that line.
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

// lineIDs numbers distinct lines densely from 0 so that the diffs compare
// small integers instead of bytes. One table serves all three inputs, so the
// same text has the same id in base, ours and theirs.
type lineIDs struct {
	ids map[string]int32
}

func newLineIDs() *lineIDs { return &lineIDs{ids: make(map[string]int32)} }

func (t *lineIDs) of(lines [][]byte) []int32 {
	out := make([]int32, len(lines))
	for i, l := range lines {
		id, ok := t.ids[string(l)]
		if !ok {
			id = int32(len(t.ids))
			t.ids[string(l)] = id
		}
		out[i] = id
	}
	return out
}

// count is the number of distinct lines seen so far.
func (t *lineIDs) count() int { return len(t.ids) }
