package textconv

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/canvasgit/canvasgit/source/fxyaml"
)

// kv is one member of a JSON object, kept in input order.
type kv struct {
	Key string
	Val any
}

// object is a JSON object with its members in input order (duplicates kept).
type object []kv

func (o object) get(key string) (any, bool) {
	for _, m := range o {
		if m.Key == key {
			return m.Val, true
		}
	}
	return nil, false
}

func (o object) str(key string) string {
	v, _ := o.get(key)
	s, _ := v.(string)
	return s
}

func (o object) without(keys ...string) object {
	out := make(object, 0, len(o))
	for _, m := range o {
		drop := false
		for _, k := range keys {
			if m.Key == k {
				drop = true
			}
		}
		if !drop {
			out = append(out, m)
		}
	}
	return out
}

// cloneJSON returns a copy of v that shares no memory with it.
func cloneJSON(v any) any {
	switch v := v.(type) {
	case object:
		o := make(object, len(v))
		for i, m := range v {
			o[i] = kv{strings.Clone(m.Key), cloneJSON(m.Val)}
		}
		return o
	case []any:
		a := make([]any, len(v))
		for i, e := range v {
			a[i] = cloneJSON(e)
		}
		return a
	case string:
		return strings.Clone(v)
	case json.Number:
		return json.Number(strings.Clone(string(v)))
	case canonicalText:
		return canonicalText(strings.Clone(string(v)))
	}
	return v
}

// canonicalJSON writes v as pac's normaliser does (format-legacy §3): keys sorted with
// the culture-aware comparer, 2-space indent, numbers as doubles, relaxed escaping, no
// final newline.
func canonicalJSON(v any) []byte {
	var o jsonOut
	writeJSON(&o, v, 0)
	return o.buf
}

// textOut is where text is written piece by piece: a bytes.Buffer, or the output's
// bufio.Writer.
type textOut interface {
	io.Writer
	io.ByteWriter
	io.StringWriter
}

// jsonOut is where writeJSON writes: a byte slice it appends to, handed to w (when
// there is one) each time it holds jsonChunk bytes, so sections are written as they
// are produced (building each large file in its own growing buffer first cost a
// tenth of the time on large apps). Appending to the slice is inlined where writing
// each piece through textOut was a call: a fiftieth of the rendering.
type jsonOut struct {
	buf []byte
	w   io.Writer // nil: canonicalJSON keeps the whole text in buf
}

const jsonChunk = 64 << 10

// endEntry ends an object's member or an array's entry (a comma when another
// follows, the line break) and hands buf on once it holds a chunk.
func (o *jsonOut) endEntry(more bool) {
	if more {
		o.buf = append(o.buf, ',')
	}
	o.buf = append(o.buf, '\n')
	if len(o.buf) >= jsonChunk {
		o.flush()
	}
}

// flush hands what buf holds to w.
func (o *jsonOut) flush() {
	if o.w != nil && len(o.buf) > 0 {
		o.w.Write(o.buf) // a bufio.Writer: its error comes back from its Flush
		o.buf = o.buf[:0]
	}
}

// text appends s; a long text goes straight to w, not through buf.
func (o *jsonOut) text(s string) {
	if o.w != nil && len(s) >= jsonChunk {
		o.flush()
		io.WriteString(o.w, s)
		return
	}
	o.buf = append(o.buf, s...)
}

// indent appends two spaces per level.
func (o *jsonOut) indent(level int) {
	const spaces = "                                                                "
	for n := 2 * level; n > 0; n -= len(spaces) {
		o.buf = append(o.buf, spaces[:min(n, len(spaces))]...)
	}
}

func writeJSON(o *jsonOut, v any, indent int) {
	switch v := v.(type) {
	case object:
		if len(v) == 0 {
			o.buf = append(o.buf, "{}"...)
			return
		}
		s := v
		if !keysSorted(v) { // else the stable sort would leave it as it is
			s = make(object, len(v))
			copy(s, v)
			slices.SortStableFunc(s, func(a, b kv) int { return fxyaml.CompareNames(a.Key, b.Key) })
		}
		o.buf = append(o.buf, "{\n"...)
		for i, m := range s {
			o.indent(indent + 1)
			writeString(o, m.Key)
			o.buf = append(o.buf, ": "...)
			writeJSON(o, m.Val, indent+1)
			o.endEntry(i < len(s)-1)
		}
		o.indent(indent)
		o.buf = append(o.buf, '}')
	case []any:
		if len(v) == 0 {
			o.buf = append(o.buf, "[]"...)
			return
		}
		o.buf = append(o.buf, "[\n"...)
		for i, e := range v {
			o.indent(indent + 1)
			writeJSON(o, e, indent+1)
			o.endEntry(i < len(v)-1)
		}
		o.indent(indent)
		o.buf = append(o.buf, ']')
	case string:
		writeString(o, v)
	case canonicalText:
		o.text(string(v))
	case tableDefinition: // a string, with notes on its text
		writeString(o, v.text)
	case json.Number:
		o.buf = append(o.buf, formatNumber(v)...)
	case bool:
		o.buf = strconv.AppendBool(o.buf, v)
	case nil:
		o.buf = append(o.buf, "null"...)
	default:
		o.buf = fmt.Appendf(o.buf, "%v", v)
	}
}

// keysSorted reports whether o's keys are in the order writeJSON writes them.
func keysSorted(o object) bool {
	for i := 1; i < len(o); i++ {
		if fxyaml.CompareNames(o[i-1].Key, o[i].Key) > 0 {
			return false
		}
	}
	return true
}

// writeIndent writes two spaces per level.
func writeIndent(b textOut, level int) {
	const spaces = "                                                                "
	for n := 2 * level; n > 0; n -= len(spaces) {
		b.WriteString(spaces[:min(n, len(spaces))])
	}
}

// formatNumber re-emits a number as an IEEE double the way .NET prints it.
func formatNumber(n json.Number) string {
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return string(n)
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	s := strconv.FormatFloat(f, 'G', -1, 64)
	if strings.Contains(s, "E") {
		// .NET writes E+NN / E-NN with at least two exponent digits.
		mant, exp, _ := strings.Cut(s, "E")
		sign := exp[:1]
		exp = exp[1:]
		if len(exp) < 2 {
			exp = "0" + exp
		}
		s = mant + "E" + sign + exp
	}
	return s
}

// asIs reports the bytes writeString copies without a look: printable ASCII but the
// quote and the backslash. (nextNotAsIs looks at eight bytes at a time and asks this
// only of the last few.)
func asIs(c byte) bool { return 0x20 <= c && c < 0x7f && c != '"' && c != '\\' }

// escapeOf is how writeString writes the rune r read in size bytes: "" when as it
// is, else its escape (invalid UTF-8 is written as U+FFFD).
func escapeOf(r rune, size int) string {
	switch {
	case r == '"':
		return `\"`
	case r == '\\':
		return `\\`
	case r == '\n':
		return `\n`
	case r == '\r':
		return `\r`
	case r == '\t':
		return `\t`
	case r == '\b':
		return `\b`
	case r == '\f':
		return `\f`
	case r < 0x20 || r == 0x7f:
		return fmt.Sprintf(`\u%04X`, r)
	case r > 0xffff:
		r1, r2 := utf16.EncodeRune(r)
		return fmt.Sprintf(`\u%04X\u%04X`, r1, r2)
	case r == utf8.RuneError && size == 1:
		return "\uFFFD"
	}
	return ""
}

func writeString(o *jsonOut, s string) {
	o.buf = append(o.buf, '"')
	// Copy runs of characters that need no escape in one piece.
	start := 0
	for i := 0; ; {
		// Printable ASCII, the common case, is passed over eight bytes at a time.
		if i = nextNotAsIs(s, i); i >= len(s) {
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		esc := escapeOf(r, size)
		if esc == "" {
			i += size
			continue
		}
		o.text(s[start:i])
		o.buf = append(o.buf, esc...)
		i += size
		start = i
	}
	o.text(s[start:])
	o.buf = append(o.buf, '"')
}

// ctField finds a member case-insensitively, the last duplicate winning (as the
// control decoding does).
func ctField(o object, key string) (any, bool) {
	var v any
	found := false
	for _, m := range o {
		if strings.EqualFold(m.Key, key) {
			v, found = m.Val, true
		}
	}
	return v, found
}

func ctString(o object, key string) (string, bool) {
	v, _ := ctField(o, key)
	s, ok := v.(string)
	return s, ok
}

// objectList returns the objects of the array o[key] (matched ignoring case),
// skipping what is not an object.
func objectList(o object, key string) []object {
	v, _ := ctField(o, key)
	list, _ := v.([]any)
	out := make([]object, 0, len(list))
	for _, e := range list {
		if eo, ok := e.(object); ok {
			out = append(out, eo)
		}
	}
	return out
}
