package jsondoc

import (
	"bytes"
	"fmt"

	"github.com/canvasgit/canvasgit/internal/spaces"
)

var utf8BOM = []byte("\xef\xbb\xbf")

// Parse reads one JSON document: an optional UTF-8 byte order mark, whitespace, one
// value, whitespace. It returns the value built by b and the value's span (so the caller
// can keep the bytes before and after it).
func Parse[V any](data []byte, b Builder[V], o Options) (root V, start, end int, err error) {
	p := parser[V]{data: data, line: 1, b: b, maxDepth: o.MaxDepth, share: o.Share, skip: o.Skip, uncounted: o.UncountedReuse}
	p.reuse, _ = b.(Reuser[V])
	if s, ok := b.(Stacker[V]); ok {
		st := s.Stacks()
		p.members, p.elems = st.members[:0], st.elems[:0]
		defer func() { st.members, st.elems = p.members[:0], p.elems[:0] }()
	}
	if p.maxDepth <= 0 {
		p.maxDepth = DefaultMaxDepth
	}
	if bytes.HasPrefix(data, utf8BOM) {
		p.pos = len(utf8BOM)
	}
	p.space()
	start = p.pos
	root, err = p.member(0, "", -1)
	if err != nil {
		var zero V
		return zero, 0, 0, err
	}
	end = p.pos
	p.space()
	if p.pos < len(p.data) {
		var zero V
		return zero, 0, 0, p.errorf("unexpected %q after the JSON value", p.data[p.pos])
	}
	return root, start, end, nil
}

type parser[V any] struct {
	data     []byte
	pos      int
	line     int // the line p.pos is on
	b        Builder[V]
	reuse    Reuser[V] // b, when it can hand back values it already has
	maxDepth int
	share    bool
	skip     func(level int, key string) bool
	// strict makes skipValue check the escapes of the strings it passes over, so
	// that it accepts exactly what value does (the Decoder's Skip).
	strict bool
	// uncounted: the lines of reused values are not counted (Options.UncountedReuse).
	uncounted bool
	// members and elems are stacks shared by all nesting levels: a container's
	// children collect there and the builder copies them once into a value of the
	// right size (appending to each container's own slice spent a tenth of textconv's
	// time growing and copying).
	members []Member[V]
	elems   []V
}

func (p *parser[V]) errorf(format string, args ...any) error {
	return &SyntaxError{Offset: p.pos, Line: p.line, Msg: fmt.Sprintf(format, args...)}
}

// here is the position of p.pos. Newlines occur only in whitespace (a string may not
// hold a raw control character), so space keeps the line.
func (p *parser[V]) here() Pos { return Pos{Offset: p.pos, Line: p.line} }

// space moves p.pos past whitespace. Most calls find a token at once (this test
// is small enough to be inlined into the callers); the others go to spaceRun.
func (p *parser[V]) space() {
	if p.pos < len(p.data) && p.data[p.pos] > ' ' {
		return
	}
	p.spaceRun()
}

// spaceRun moves past the whitespace at p.pos. Pretty-printed files put a newline
// and an indentation run before every member and entry, so a run of spaces is
// measured a word at a time (spaces.End) rather than looked at byte by byte.
func (p *parser[V]) spaceRun() {
	d, i, line := p.data, p.pos, p.line
scan:
	for i < len(d) {
		switch c := d[i]; {
		case c > ' ': // the token after the run (every call ends on one: tested first)
			break scan
		case c == '\n':
			line++
			i = spaces.End(d, i+1)
		case c == ' ':
			i = spaces.End(d, i+1)
		case c == '\t' || c == '\r':
			i++
		default:
			break scan
		}
	}
	p.pos, p.line = i, line
}

// member reads the value at p.pos, the root (depth 0), the member key or the array
// entry entry: the one the Reuser has, if any, else the one the text says. (The
// container loops test p.reuse themselves: a call less per value.)
func (p *parser[V]) member(depth int, key string, entry int) (V, error) {
	if p.reuse != nil {
		return p.reused(depth, key, entry)
	}
	return p.value(depth)
}

// reused is member with a Reuser: the value it has, or else the one the text says.
func (p *parser[V]) reused(depth int, key string, entry int) (V, error) {
	if v, end, ok := p.reuse.Reuse(p.pos, depth, key, entry); ok {
		if !p.uncounted {
			p.line += bytes.Count(p.data[p.pos:end], []byte{'\n'})
		}
		p.pos = end
		return v, nil
	}
	return p.value(depth)
}

// value reads the value at p.pos; depth is how many containers hold it.
func (p *parser[V]) value(depth int) (V, error) {
	var zero V
	if p.pos >= len(p.data) {
		return zero, p.errorf("unexpected end of JSON input")
	}
	start := p.here()
	switch p.data[p.pos] {
	case '"':
		s, err := p.str()
		if err != nil {
			return zero, err
		}
		return p.b.Scalar(Scalar{Kind: String, Text: s, Start: start, End: p.pos}), nil
	case '{':
		return p.object(depth + 1)
	case '[':
		return p.array(depth + 1)
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		if err := p.number(); err != nil {
			return zero, err
		}
		return p.b.Scalar(Scalar{Kind: Number, Text: p.text(p.data[start.Offset:p.pos]), Start: start, End: p.pos}), nil
	case 't':
		return p.literal("true", Bool, start)
	case 'f':
		return p.literal("false", Bool, start)
	case 'n':
		return p.literal("null", Null, start)
	}
	return zero, p.errorf("invalid character %q looking for a value", p.data[p.pos])
}

// literal reads true, false or null, whichever its first letter at p.pos said.
func (p *parser[V]) literal(text string, kind Kind, start Pos) (V, error) {
	if end := p.pos + len(text); end <= len(p.data) && string(p.data[p.pos:end]) == text {
		p.pos = end
		return p.b.Scalar(Scalar{Kind: kind, Text: text, Start: start, End: p.pos}), nil
	}
	var zero V
	return zero, p.errorf("invalid character %q looking for a value", p.data[p.pos])
}

func (p *parser[V]) tooDeep() error {
	return p.errorf("nested deeper than %d levels", p.maxDepth)
}

// object reads the object at p.pos; level counts it among the containers.
func (p *parser[V]) object(level int) (V, error) {
	var zero V
	if level > p.maxDepth {
		return zero, p.tooDeep()
	}
	start := p.here()
	p.pos++ // {
	base := len(p.members)
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return p.b.Object(nil, start, p.pos)
	}
	for {
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return zero, p.errorf("expected a string key")
		}
		m := Member[V]{KeyPos: p.here()}
		k, err := p.str()
		if err != nil {
			return zero, err
		}
		m.Key, m.KeyEnd = k, p.pos
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return zero, p.errorf("expected ':' after the key %q", k)
		}
		p.pos++
		// Pretty-printed JSON puts one space after the colon: taken here, without
		// the call spaceRun costs.
		if p.pos+1 < len(p.data) && p.data[p.pos] == ' ' && p.data[p.pos+1] > ' ' {
			p.pos++
		} else {
			p.space()
		}
		switch {
		case p.skip != nil && p.skip(level, k):
			err = p.skipValue(level)
		case p.reuse != nil:
			m.Val, err = p.reused(level, k, -1)
		default:
			m.Val, err = p.value(level)
		}
		if err != nil {
			return zero, err
		}
		p.members = append(p.members, m)
		// What follows a member: a comma (most often, taken here) or the end.
		p.space()
		if p.pos < len(p.data) && p.data[p.pos] == ',' {
			p.pos++
			continue
		}
		if err := p.end('}'); err != nil {
			return zero, err
		}
		v, err := p.b.Object(p.members[base:], start, p.pos)
		p.members = p.members[:base] // the stack is the enclosing level's again
		return v, err
	}
}

// array reads the array at p.pos; level counts it among the containers.
func (p *parser[V]) array(level int) (V, error) {
	var zero V
	if level > p.maxDepth {
		return zero, p.tooDeep()
	}
	start := p.here()
	p.pos++ // [
	base := len(p.elems)
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return p.b.Array(nil, start, p.pos), nil
	}
	for {
		p.space()
		var v V
		var err error
		if p.reuse != nil {
			v, err = p.reused(level, "", len(p.elems)-base)
		} else {
			v, err = p.value(level)
		}
		if err != nil {
			return zero, err
		}
		p.elems = append(p.elems, v)
		p.space()
		if p.pos < len(p.data) && p.data[p.pos] == ',' {
			p.pos++
			continue
		}
		if err := p.end(']'); err != nil {
			return zero, err
		}
		v = p.b.Array(p.elems[base:], start, p.pos)
		p.elems = p.elems[:base]
		return v, nil
	}
}

// end reads the end of a container that closes with c, at p.pos after an element
// and whitespace that are not followed by a comma.
func (p *parser[V]) end(c byte) error {
	switch {
	case p.pos >= len(p.data):
		return p.errorf("unexpected end of JSON input")
	case p.data[p.pos] != c:
		return p.errorf("expected ',' or '%c'", c)
	}
	p.pos++
	return nil
}

// after reads what follows an element of a container that closes with end: a comma
// (more to come) or end (done).
func (p *parser[V]) after(end byte) (done bool, err error) {
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == ',' {
		p.pos++
		return false, nil
	}
	return true, p.end(end)
}
