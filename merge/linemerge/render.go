package linemerge

import "bytes"

// writer accumulates the merged output and counts its lines.
type writer struct {
	buf   []byte
	lines int
	last  []byte // the last line written, nil at the start
}

func (w *writer) line(l []byte) {
	w.buf = append(w.buf, l...)
	w.lines++
	w.last = l
}

func (w *writer) all(ls [][]byte) {
	for _, l := range ls {
		w.line(l)
	}
}

// section writes one side of a conflict block. A last line without a
// newline gets one, so that the next marker starts a line of its own.
func (w *writer) section(ls [][]byte, eol string) {
	w.all(ls)
	if n := len(ls); n > 0 && !bytes.HasSuffix(ls[n-1], []byte("\n")) {
		w.buf = append(w.buf, eol...)
	}
}

// marker writes a marker line: size copies of c, then a space and the
// label unless the label is empty.
func (w *writer) marker(c byte, size int, label, eol string) {
	start := len(w.buf)
	for i := 0; i < size; i++ {
		w.buf = append(w.buf, c)
	}
	if label != "" {
		w.buf = append(w.buf, ' ')
		w.buf = append(w.buf, label...)
	}
	w.buf = append(w.buf, eol...)
	w.lines++
	w.last = w.buf[start:]
}

// render writes the pieces and lists the conflicts.
func (in *input) render(ps []piece, opt Options) Result {
	size := opt.MarkerSize
	if size <= 0 {
		size = defaultMarkerSize
	}
	var w writer
	var res Result
	for _, p := range ps {
		if p.c == nil {
			w.all(p.lines)
			continue
		}
		c := p.c
		base := in.base[c.base.lo:c.base.hi]
		start := w.lines + 1
		switch opt.Favor {
		case FavorOurs:
			w.all(c.ours)
		case FavorTheirs:
			w.all(c.theirs)
		default:
			eol := "\n"
			if in.needCR(w.last) {
				eol = "\r\n"
			}
			w.marker('<', size, opt.OursLabel, eol)
			w.section(c.ours, eol)
			if opt.Style != StyleMerge {
				w.marker('|', size, opt.BaseLabel, eol)
				w.section(base, eol)
			}
			w.marker('=', size, "", eol)
			w.section(c.theirs, eol)
			w.marker('>', size, opt.TheirsLabel, eol)
		}
		res.Conflicts = append(res.Conflicts, Conflict{
			StartLine: start, EndLine: w.lines,
			Base: joinLines(base), Ours: joinLines(c.ours), Theirs: joinLines(c.theirs),
		})
	}
	res.Merged = w.buf
	return res
}

// needCR decides whether a conflict's marker lines end in CRLF; prev is
// the output line just before the conflict (nil at the top). Measured on
// git merge-file 2.39, CRLF needs all of:
//   - base's first line ends in CRLF (an empty base, or a first line
//     without newline, gives LF);
//   - the line before the conflict ends in CRLF, or, for a conflict at the
//     top, neither ours' nor theirs' first line ends in a bare LF (a side
//     that is empty or a single line without newline does not count).
func (in *input) needCR(prev []byte) bool {
	if len(in.base) == 0 || !endsCRLF(in.base[0]) {
		return false
	}
	if prev != nil {
		return endsCRLF(prev)
	}
	return !endsLF(in.ours) && !endsLF(in.theirs)
}

func endsCRLF(l []byte) bool { return bytes.HasSuffix(l, []byte("\r\n")) }

// endsLF reports whether the file's first line ends in a newline without
// a carriage return before it.
func endsLF(file [][]byte) bool {
	if len(file) == 0 {
		return false
	}
	l := file[0]
	return bytes.HasSuffix(l, []byte("\n")) && !endsCRLF(l)
}
