package payaml

import (
	"strings"
	"unicode/utf8"
)

// IndentUnit is Studio's indentation step.
const IndentUnit = 2

// Bytes writes the file in Studio's style: the banner as it was read, then the tree
// (see WriteEntry), with the file's BOM, line breaks and final newline.
func (f *File) Bytes() []byte {
	var b strings.Builder
	if f.Root != nil {
		writeMapBody(&b, f.Root, 0)
	}
	for _, l := range f.Trailer {
		b.WriteString(l + "\n")
	}
	if f.NoFinalNewline && EndsInBlockBreak(f.Root) {
		// Without the last line break the block would lose its final line break.
		g := *f
		g.NoFinalNewline = false
		return g.Finish(b.String())
	}
	return f.Finish(b.String())
}

// EndsInBlockBreak reports whether the last value of a tree is a literal block whose
// value ends in a line break: a file ending there needs its final newline.
func EndsInBlockBreak(n Node) bool {
	for {
		switch v := n.(type) {
		case *Map:
			if len(v.Entries) == 0 {
				return false
			}
			n = v.Entries[len(v.Entries)-1].Value
		case *Seq:
			if len(v.Items) == 0 {
				return false
			}
			n = v.Items[len(v.Items)-1]
		case *Scalar:
			return v.Style == Literal && strings.HasSuffix(v.Value, "\n")
		default:
			return false
		}
	}
}

// Finish makes file bytes of a body written with "\n" line breaks (by Bytes, or by a
// merge that renders its own text in this style): the BOM, the banner, the body's
// line breaks as the file has them and its final newline or none.
func (f *File) Finish(body string) []byte {
	if f.NoFinalNewline {
		body = strings.TrimSuffix(body, "\n")
	}
	if f.CRLF {
		body = strings.ReplaceAll(body, "\n", "\r\n")
	}
	var out []byte
	if f.BOM {
		out = append(out, bom...)
	}
	out = append(out, f.Banner...)
	return append(out, body...)
}

// WriteEntry writes one `key: value` entry: its leading comment and blank lines, then
// its first line starting with prefix (the indentation, or the indentation and "- "
// for the first key of a sequence item) and its nested lines at indent+IndentUnit and
// deeper. Every line ends with "\n".
func WriteEntry(b *strings.Builder, prefix string, indent int, e *Entry) {
	for _, l := range e.Leading {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	b.WriteString(prefix)
	b.WriteString(FormatKey(e.Key))
	b.WriteByte(':')
	writeValue(b, e.Value, indent)
}

// writeValue writes what follows a key's colon.
func writeValue(b *strings.Builder, v Node, indent int) {
	switch v := v.(type) {
	case *Scalar:
		if v.Null {
			b.WriteByte('\n')
			return
		}
		b.WriteByte(' ')
		writeScalar(b, v, indent+IndentUnit)
	case *Map:
		if v.Flow || len(v.Entries) == 0 {
			b.WriteString(" {}\n")
			return
		}
		b.WriteByte('\n')
		writeMapBody(b, v, indent+IndentUnit)
	case *Seq:
		if v.Flow || len(v.Items) == 0 {
			b.WriteString(" []\n")
			return
		}
		b.WriteByte('\n')
		writeSeqBody(b, v, indent+IndentUnit)
	}
}

func writeMapBody(b *strings.Builder, m *Map, indent int) {
	pad := strings.Repeat(" ", indent)
	for _, e := range m.Entries {
		WriteEntry(b, pad, indent, e)
	}
}

// writeSeqBody writes the items of a sequence with their dashes at indent.
func writeSeqBody(b *strings.Builder, s *Seq, indent int) {
	for _, it := range s.Items {
		WriteItem(b, indent, it)
	}
}

// WriteItem writes one sequence item with its dash at indent: `- Name:` and the
// item's value below it for a one-key map, `- value` for a scalar.
func WriteItem(b *strings.Builder, indent int, it Node) {
	pad := strings.Repeat(" ", indent)
	switch it := it.(type) {
	case *Map:
		if it.Flow || len(it.Entries) == 0 {
			b.WriteString(pad + "- {}\n")
			return
		}
		inner := indent + IndentUnit
		for i, e := range it.Entries {
			if i == 0 {
				WriteEntry(b, pad+"- ", inner, e)
			} else {
				WriteEntry(b, strings.Repeat(" ", inner), inner, e)
			}
		}
	case *Seq:
		b.WriteString(pad + "-")
		writeValue(b, it, indent)
	case *Scalar:
		b.WriteString(pad + "-")
		if it.Null {
			b.WriteByte('\n')
			return
		}
		b.WriteByte(' ')
		writeScalar(b, it, indent+IndentUnit)
	}
}

// writeScalar writes a scalar after its key; a block's lines go at blockIndent.
func writeScalar(b *strings.Builder, s *Scalar, blockIndent int) {
	style := s.Style
	if style == Literal && !blockSafe(s.Value) || style == Folded {
		style = DoubleQuoted
	}
	if style == Literal && strings.Trim(s.Value, "\n") == "" {
		if s.Value == "" && s.Header == "|-" {
			b.WriteString("|-\n") // an empty block, as read
			return
		}
		style = DoubleQuoted // a block of only line breaks does not read back as written
	}
	switch style {
	case Literal:
		header := s.Header
		if !headerFits(header, s.Value) {
			header = chompHeader(s.Value)
		}
		b.WriteString(header)
		b.WriteByte('\n')
		content := s.Value
		if strings.HasSuffix(content, "\n") {
			content = content[:len(content)-1]
		}
		pad := strings.Repeat(" ", blockIndent)
		for _, l := range strings.Split(content, "\n") {
			if l != "" {
				b.WriteString(pad)
				b.WriteString(l)
			}
			b.WriteByte('\n')
		}
	default:
		if s.Raw != "" && style == Plain && blockIndent == s.rawIndent {
			b.WriteString(s.Raw)
		} else {
			b.WriteString(quote(s.Value, style))
		}
		b.WriteByte('\n')
	}
}

// blockSafe reports whether a literal block without an indentation indicator reads
// back as v: its first non-empty line must not start with a space (the block's
// indentation is taken from it) and it must hold no character a block cannot.
func blockSafe(v string) bool {
	first := strings.TrimLeft(v, "\n")
	return !strings.HasPrefix(first, " ") && !strings.ContainsAny(v, "\r\x00") && !strings.HasPrefix(first, "\t")
}

// headerFits reports whether a block indicator gives back v: `|-` drops the final
// line break, `|` keeps one, `|+` keeps them all.
func headerFits(header, v string) bool {
	switch header {
	case "|-":
		return !strings.HasSuffix(v, "\n")
	case "|":
		return strings.HasSuffix(v, "\n") && !strings.HasSuffix(v, "\n\n")
	case "|+":
		return strings.HasSuffix(v, "\n")
	}
	return false
}

// chompHeader is the block indicator for a value: `|-` without a final line break,
// `|` with one, `|+` with more.
func chompHeader(v string) string {
	switch {
	case !strings.HasSuffix(v, "\n"):
		return "|-"
	case strings.HasSuffix(v, "\n\n"):
		return "|+"
	}
	return "|"
}

// FormatKey writes a key in its style (names needing quotes keep them).
func FormatKey(k *Scalar) string {
	if k.Style == Literal || k.Style == Folded {
		return quote(k.Value, DoubleQuoted)
	}
	return quote(k.Value, k.Style)
}

func quote(v string, st Style) string {
	// A value read from a multi-line plain or quoted scalar is written on one line,
	// double-quoted when its style cannot hold it there.
	if st == Plain && !plainWritable(v) || st == SingleQuoted && strings.ContainsAny(v, "\n\r") {
		st = DoubleQuoted
	}
	switch st {
	case SingleQuoted:
		return "'" + strings.ReplaceAll(v, "'", "''") + "'"
	case DoubleQuoted:
		return doubleQuote(v)
	}
	return v
}

func doubleQuote(v string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range v {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case 0:
			b.WriteString(`\0`)
		default:
			if r < 0x20 || r == 0x7f {
				b.WriteString(`\x`)
				b.WriteByte("0123456789ABCDEF"[r>>4])
				b.WriteByte("0123456789ABCDEF"[r&15])
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// FormatStyle is the style Studio's serializer gives a value: a literal block when it
// holds a line break, " #", ": " or a character outside the BMP; single quotes when it
// ends with a tab; otherwise plain, unless a plain scalar would read back as something
// else (an empty string, leading or trailing spaces, a YAML indicator first), where it
// is double-quoted.
func FormatStyle(v string) (Style, string) {
	if strings.Contains(v, "\n") || strings.Contains(v, " #") || strings.Contains(v, ": ") || hasNonBMP(v) {
		if !blockSafe(v) || strings.Trim(v, "\n") == "" {
			return DoubleQuoted, ""
		}
		return Literal, chompHeader(v)
	}
	if strings.HasSuffix(v, "\t") {
		return SingleQuoted, ""
	}
	if !plainSafe(v) {
		return DoubleQuoted, ""
	}
	return Plain, ""
}

func hasNonBMP(v string) bool {
	for _, r := range v {
		if r > 0xFFFF && r != utf8.RuneError {
			return true
		}
	}
	return false
}

// plainWritable reports whether a value read as a plain scalar can be written plain on
// one line: what a plain scalar read from one line always satisfies.
func plainWritable(v string) bool {
	if v == "" || strings.TrimSpace(v) != v || strings.ContainsAny(v, "\n\r\t") {
		return false
	}
	return !strings.HasSuffix(v, ":") && !strings.Contains(v, " #") && !strings.Contains(v, ": ")
}

// plainSafe reports whether v reads back as the same string when written plain.
func plainSafe(v string) bool {
	if v == "" || strings.TrimSpace(v) != v || strings.ContainsAny(v, "\t\r\x00") {
		return false
	}
	if strings.HasSuffix(v, ":") || strings.Contains(v, " #") || strings.Contains(v, ": ") {
		return false
	}
	switch v[0] {
	case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		// "=..." formulas never start with these; other values are quoted to be safe,
		// except a plain "-" prefix followed by a non-space as in "-1".
		if v[0] == '-' && len(v) > 1 && v[1] != ' ' && v != "---" {
			return true
		}
		return false
	}
	switch strings.ToLower(v) {
	case "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n":
		return false
	}
	return true
}
