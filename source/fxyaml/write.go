package fxyaml

import (
	"bytes"
	"strings"
)

// IndentUnit is the indentation pac writes per level.
const IndentUnit = 4

// Writer writes nodes line by line. A node parsed from a file and not changed since is
// written as its original bytes (re-indented when written at another depth); anything
// else is written the way pac writes it.
type Writer struct {
	// Newline ends lines written from scratch, and kept lines that had no line break
	// (the last line of a file); "" means "\n".
	Newline string
	// NormalizeNewlines ends every line with Newline, kept lines too.
	NormalizeNewlines bool
	buf               bytes.Buffer
	lines             int
}

func (w *Writer) nl() string {
	if w.Newline == "" {
		return "\n"
	}
	return w.Newline
}

// Grow makes room for n more bytes: a caller that knows about how much it will write
// spares the copies (and the peak memory) of a buffer grown by doubling.
func (w *Writer) Grow(n int) { w.buf.Grow(n) }

// Lines returns how many lines were written so far.
func (w *Writer) Lines() int { return w.lines }

// Bytes returns what was written.
func (w *Writer) Bytes() []byte { return w.buf.Bytes() }

// WriteRaw appends bytes as they are (a BOM, say); they must not contain line breaks.
func (w *Writer) WriteRaw(b []byte) { w.buf.Write(b) }

// WriteLine writes one line of text followed by Newline.
func (w *Writer) WriteLine(text string) {
	w.buf.WriteString(text)
	w.buf.WriteString(w.nl())
	w.lines++
}

// writeKept writes a kept line, read at indent from, at indent to.
func (w *Writer) writeKept(l Line, from, to int) {
	text := l.Text
	if from != to && len(text) >= from && strings.TrimLeft(text[:from], " ") == "" {
		text = strings.Repeat(" ", to) + text[from:]
	}
	w.buf.WriteString(text)
	if l.EOL == "" || w.NormalizeNewlines {
		w.buf.WriteString(w.nl())
	} else {
		w.buf.WriteString(l.EOL)
	}
	w.lines++
}

// writeSpan writes n kept lines, read as one text (line breaks included) at indent
// from, at indent to: as writeKept would write them one by one, in one copy when they
// need no change (most properties of a merge).
func (w *Writer) writeSpan(span string, n, from, to int) {
	if from == to && w.breaksKept(span, n) {
		w.buf.WriteString(span)
		w.lines += n
		return
	}
	for span != "" {
		var l Line
		l, span = cutLine(span)
		w.writeKept(l, from, to)
	}
}

// breaksKept reports whether writeKept keeps the line breaks of the n lines of span
// as they are: every line has one, and when the writer normalizes them, it is the
// writer's already. A line break is one LF, CRLF or lone CR, so the counts of the two
// bytes tell.
func (w *Writer) breaksKept(span string, n int) bool {
	if span == "" || (span[len(span)-1] != '\n' && span[len(span)-1] != '\r') {
		return false // the last line has none: writeKept adds one
	}
	if !w.NormalizeNewlines {
		return true
	}
	if n == 1 { // one line: its break is how the span ends
		nl := w.nl()
		return strings.HasSuffix(span, nl) && (nl != "\n" || len(span) < 2 || span[len(span)-2] != '\r')
	}
	lf, cr := strings.Count(span, "\n"), strings.Count(span, "\r")
	switch w.nl() {
	case "\n":
		return cr == 0 && lf == n
	case "\r\n":
		return cr == n && lf == n && span[len(span)-1] == '\n'
	}
	return lf == 0 && cr == n
}

// WriteNode writes a property, a whole block or a trivia line at the given indent
// (trivia lines are written as they are).
func (w *Writer) WriteNode(n Node, indent int) {
	switch n := n.(type) {
	case *Property:
		w.WriteProperty(n, indent)
	case *Block:
		w.WriteBlock(n, indent)
	case *Trivia:
		w.writeKept(n.Line, 0, 0)
	}
}

// WriteProperty writes a property at the given indent: its original lines when it was
// parsed and not changed, otherwise pac's form (format-legacy §4.6).
func (w *Writer) WriteProperty(p *Property, indent int) {
	if !p.Modified() {
		w.writeSpan(p.src.span, int(p.src.lines), int(p.src.indent), indent)
		return
	}
	for _, l := range FormatProperty(p.Key(), p.Value, indent) {
		w.WriteLine(l)
	}
}

// FormatProperty returns the lines pac writes for a property (key already escaped):
// `key: =value` when the value has no line break, '#' or ':', otherwise a `|-`, `|` or
// `|+` block (0, 1 or more trailing line breaks) whose body is one level deeper, blank
// body lines included.
func FormatProperty(key, value string, indent int) []string {
	pad := strings.Repeat(" ", indent)
	v := normalizeBreaks(value)
	if !strings.ContainsAny(v, "\n#:") {
		return []string{pad + key + ": =" + v}
	}
	text := "=" + v
	n := len(text) - len(strings.TrimRight(text[1:], "\n")) - 1
	chomp := "|-"
	switch {
	case n == 1:
		chomp = "|"
	case n >= 2:
		chomp = "|+"
	}
	body := strings.Split(text, "\n")
	if n > 0 {
		body = body[:len(body)-1]
	}
	out := make([]string, 0, len(body)+1)
	out = append(out, pad+key+": "+chomp)
	inner := pad + strings.Repeat(" ", IndentUnit)
	for _, l := range body {
		out = append(out, inner+l)
	}
	return out
}

func normalizeBreaks(v string) string {
	if !strings.Contains(v, "\r") {
		return v
	}
	return strings.ReplaceAll(strings.ReplaceAll(v, "\r\n", "\n"), "\r", "\n")
}

// WriteHeader writes a block's header line at the given indent: the original line when
// the block was parsed and its key is unchanged, otherwise pac's form (the key wrapped
// in double quotes when it contains a quote).
func (w *Writer) WriteHeader(b *Block, indent int) {
	key := b.Key()
	if b.src != nil && key == b.src.key {
		w.writeSpan(b.src.header, 1, int(b.src.indent), indent)
		return
	}
	w.WriteLine(strings.Repeat(" ", indent) + quoteKey(key) + ":")
}

// ChildIndent returns the indent of the body of a block written at the given indent:
// as in the input when it was parsed, otherwise one IndentUnit deeper.
func ChildIndent(b *Block, indent int) int {
	if b.src != nil && b.src.childIndent > b.src.indent {
		return indent + int(b.src.childIndent-b.src.indent)
	}
	return indent + IndentUnit
}

// WriteBlock writes a block's header and its body, recursively.
func (w *Writer) WriteBlock(b *Block, indent int) {
	w.WriteHeader(b, indent)
	ci := ChildIndent(b, indent)
	for _, n := range b.Body {
		w.WriteNode(n, ci)
	}
}

// Indent returns the indent a top-level node was read at (0 for nodes built in code).
func Indent(n Node) int {
	switch n := n.(type) {
	case *Block:
		if n.src != nil {
			return int(n.src.indent)
		}
	case *Property:
		if n.src != nil {
			return int(n.src.indent)
		}
	}
	return 0
}

// Bytes writes the file: unchanged, it gives back exactly the bytes it was parsed from.
func (f *File) Bytes() []byte {
	w := &Writer{Newline: f.Newline()}
	if f.BOM {
		w.WriteRaw([]byte(bom))
	}
	for _, n := range f.Body {
		w.WriteNode(n, Indent(n))
	}
	out := w.Bytes()
	if f.NoFinalNewline {
		out = bytes.TrimSuffix(out, []byte(w.nl()))
	}
	return out
}
