package payaml

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"

	"github.com/canvasgit/canvasgit/internal/lazy"
)

var bom = []byte("\xef\xbb\xbf")

// Parse reads a `.pa.yaml` file into its tree. It accepts any YAML block document
// whose root is a mapping and refuses, with a *SyntaxError, what Power Apps' reader
// refuses too: invalid YAML, duplicate keys in a mapping, non-scalar keys, anchors,
// aliases and tags, several documents in one file. It does not check the schema
// (which keys and values are allowed); see Detect for telling v3 files apart.
func Parse(data []byte) (*File, error) {
	f, _, err := ParseDocument(data)
	return f, err
}

// ParseDocument is Parse that also returns the document as yaml.v3 read it, for a
// reader that needs the values' YAML types (the schema check) without a second parse.
// Line numbers in it are the file's.
func ParseDocument(data []byte) (*File, *yaml.Node, error) {
	f := &File{}
	src := data
	if bytes.HasPrefix(src, bom) {
		f.BOM = true
		src = src[len(bom):]
	}
	if !utf8.Valid(src) {
		line := 1 + bytes.Count(src[:firstInvalid(src)], []byte("\n"))
		return nil, nil, &SyntaxError{Line: line, Msg: "invalid UTF-8"}
	}
	// The banner: comment (and blank) lines before the first key, kept as written
	// (Studio writes its banner with CRLF even in an LF file). The YAML reader sees
	// them as empty lines, so every line keeps its number.
	raw := string(src)
	lines := strings.SplitAfter(raw, "\n")
	n := 0
	for n < len(lines) && strings.HasSuffix(lines[n], "\n") {
		t := strings.TrimRight(lines[n], "\r\n")
		if strings.TrimSpace(t) != "" && !strings.HasPrefix(t, "#") {
			break
		}
		n++
	}
	for n > 0 && strings.TrimSpace(lines[n-1]) == "" {
		n-- // blank lines after the banner belong to the body
	}
	f.Banner = strings.Join(lines[:n], "")
	text := strings.Join(lines[n:], "")
	crlf := strings.Count(text, "\r\n")
	f.CRLF = crlf > 0 && crlf >= strings.Count(text, "\n")-crlf
	if crlf > 0 {
		text = strings.ReplaceAll(text, "\r\n", "\n")
	}
	if i := strings.IndexByte(text, '\r'); i >= 0 {
		return nil, nil, &SyntaxError{Line: n + 1 + strings.Count(text[:i], "\n"), Msg: "a line ends with a lone CR"}
	}
	f.NoFinalNewline = text != "" && !strings.HasSuffix(text, "\n")
	body := strings.Repeat("\n", n) + text

	dec := yaml.NewDecoder(strings.NewReader(body))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil, &SyntaxError{Msg: "the file holds no YAML document"}
		}
		return nil, nil, yamlError(err, body)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, nil, &SyntaxError{Line: extra.Line, Column: extra.Column, Msg: "a second YAML document (Power Apps reads one document per file)"}
	} else if !errors.Is(err, io.EOF) {
		return nil, nil, yamlError(err, body)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return nil, nil, &SyntaxError{Msg: "the file holds no YAML document"}
	}
	c := &converter{lines: strings.Split(body, "\n")}
	root, err := c.node(doc.Content[0])
	if err != nil {
		return nil, nil, err
	}
	m, ok := root.(*Map)
	if !ok {
		l, col := root.Pos()
		return nil, nil, &SyntaxError{Line: l, Column: col, Msg: "the document is not a mapping of top-level keys (App, Screens, ...)"}
	}
	if len(m.Entries) == 0 {
		return nil, nil, &SyntaxError{Line: m.Line, Column: m.Col, Msg: "the document has no top-level key"}
	}
	f.Root = m
	c.attachTrivia(f, n+1)
	f.Exact = c.exact && bytes.Equal(f.Bytes(), data)
	return f, &doc, nil
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// yamlLine reads the line out of the YAML reader's message; compiled when first used.
var yamlLine = lazy.Of[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`^yaml: line (\d+): (.*)$`) }}

// yamlError turns the YAML reader's error into a *SyntaxError. The reader names the
// line where the enclosing block starts ("yaml: line 1: did not find expected key"),
// not the line at fault, so the line is found again: the first line whose prefix of
// the document no longer reads (a cut-off document otherwise reads, its blocks closed
// at the end). The reader gives no column.
func yamlError(err error, body string) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := yamlLine.Get().FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	lines := strings.SplitAfter(body, "\n")
	reads := func(k int) bool {
		var n yaml.Node
		return yaml.Unmarshal([]byte(strings.Join(lines[:k], "")), &n) == nil
	}
	if lo, hi := 0, len(lines); line > 0 && !reads(hi) {
		// reads(lo) holds, reads(hi) does not: find the first k that does not.
		for hi-lo > 1 {
			mid := (lo + hi) / 2
			if reads(mid) {
				lo = mid
			} else {
				hi = mid
			}
		}
		if hi > line {
			line = hi
		}
	}
	return &SyntaxError{Line: line, Msg: msg}
}

type converter struct {
	lines []string // the body, for block scalar headers
	exact bool     // cleared when something is read that Bytes cannot write back
	init  bool
	// anchors are the entries in document order; blocks the literal block scalars.
	// Together they tell which lines are comments and blank lines (trivia).
	anchors []*Entry
	blocks  []*Scalar
	// continued are the line spans (first, last) of plain scalars' continuation lines.
	continued [][2]int
}

// isTrivia reports whether a line is empty or a `#` comment. A line of spaces is not:
// written after a literal block it would read back as the block's content.
func isTrivia(l string) bool {
	return l == "" || strings.HasPrefix(strings.TrimLeft(l, " "), "#")
}

// attachTrivia gives every entry the comment and blank lines right above its key (or
// above the dash of the sequence item it opens), and the file the ones after the last
// content line. Lines inside literal blocks are the blocks' content, never trivia.
func (c *converter) attachTrivia(f *File, firstBody int) {
	consumed := make([]bool, len(c.lines)+2)
	for _, s := range c.blocks {
		n := 0
		switch {
		case s.Value == "":
		case s.Header == "|+":
			n = strings.Count(s.Value, "\n")
		default:
			n = strings.Count(strings.TrimRight(s.Value, "\n"), "\n") + 1
		}
		for l := s.Line + 1; l <= s.Line+n && l < len(consumed); l++ {
			consumed[l] = true
		}
	}
	for _, span := range c.continued {
		for l := span[0]; l <= span[1] && l < len(consumed); l++ {
			consumed[l] = true
		}
	}
	// trivia at line l (1-based): a blank or comment line no block holds.
	trivia := func(l int) bool {
		return l >= firstBody && l <= len(c.lines) && !consumed[l] && isTrivia(c.lines[l-1])
	}
	for _, e := range c.anchors {
		l := e.Key.Line - 1
		for trivia(l) {
			l--
		}
		for i := l + 1; i < e.Key.Line; i++ {
			e.Leading = append(e.Leading, c.lines[i-1])
		}
	}
	// The lines after the last content line; the body's split leaves "" after a
	// final line break, which is no line.
	last := len(c.lines)
	if last > 0 && c.lines[last-1] == "" {
		last--
	}
	l := last
	for trivia(l) {
		l--
	}
	for i := l + 1; i <= last; i++ {
		f.Trailer = append(f.Trailer, c.lines[i-1])
	}
}

func (c *converter) node(n *yaml.Node) (Node, error) {
	if !c.init {
		c.exact, c.init = true, true
	}
	if n.Anchor != "" {
		return nil, &SyntaxError{Line: n.Line, Column: n.Column, Msg: "anchors (&" + n.Anchor + ") are not used in .pa.yaml"}
	}
	if n.LineComment != "" {
		c.exact = false // a comment after a value on its line is not kept
	}
	switch n.Kind {
	case yaml.AliasNode:
		return nil, &SyntaxError{Line: n.Line, Column: n.Column, Msg: "aliases (*" + n.Value + ") are not used in .pa.yaml"}
	case yaml.ScalarNode:
		return c.scalar(n)
	case yaml.MappingNode:
		if n.Style&yaml.TaggedStyle != 0 {
			return nil, &SyntaxError{Line: n.Line, Column: n.Column, Msg: "tags (" + n.Tag + ") are not used in .pa.yaml"}
		}
		m := &Map{Line: n.Line, Col: n.Column, Flow: n.Style&yaml.FlowStyle != 0}
		if m.Flow && len(n.Content) > 0 {
			c.exact = false
		}
		seen := map[string]*Scalar{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			kn, vn := n.Content[i], n.Content[i+1]
			if kn.Kind != yaml.ScalarNode {
				return nil, &SyntaxError{Line: kn.Line, Column: kn.Column, Msg: "a mapping key that is not a plain name"}
			}
			k, err := c.scalar(kn)
			if err != nil {
				return nil, err
			}
			if k.Value == "" && k.Style == Plain {
				return nil, &SyntaxError{Line: kn.Line, Column: kn.Column, Msg: "a key with no name"}
			}
			if k.Style == Literal || k.Style == Folded {
				return nil, &SyntaxError{Line: kn.Line, Column: kn.Column, Msg: "a block scalar used as a key"}
			}
			if first, dup := seen[k.Value]; dup {
				return nil, &SyntaxError{Line: kn.Line, Column: kn.Column, Msg: fmt.Sprintf("duplicate key %q (first at line %d)", k.Value, first.Line)}
			}
			seen[k.Value] = k
			if kn.LineComment != "" {
				c.exact = false
			}
			v, err := c.node(vn)
			if err != nil {
				return nil, err
			}
			if sv, ok := v.(*Scalar); ok && sv.Style == Plain && !sv.Null {
				c.plainRaw(sv, kn.Column)
			}
			e := &Entry{Key: k, Value: v}
			m.Entries = append(m.Entries, e)
			c.anchors = append(c.anchors, e)
		}
		return m, nil
	case yaml.SequenceNode:
		if n.Style&yaml.TaggedStyle != 0 {
			return nil, &SyntaxError{Line: n.Line, Column: n.Column, Msg: "tags (" + n.Tag + ") are not used in .pa.yaml"}
		}
		s := &Seq{Line: n.Line, Col: n.Column, Flow: n.Style&yaml.FlowStyle != 0}
		if s.Flow && len(n.Content) > 0 {
			c.exact = false
		}
		for _, it := range n.Content {
			v, err := c.node(it)
			if err != nil {
				return nil, err
			}
			s.Items = append(s.Items, v)
		}
		return s, nil
	}
	return nil, &SyntaxError{Line: n.Line, Column: n.Column, Msg: "unexpected YAML node"}
}

func (c *converter) scalar(n *yaml.Node) (*Scalar, error) {
	if n.Kind != yaml.ScalarNode {
		return nil, &SyntaxError{Line: n.Line, Column: n.Column, Msg: "expected a scalar"}
	}
	if n.Style&yaml.TaggedStyle != 0 {
		return nil, &SyntaxError{Line: n.Line, Column: n.Column, Msg: "tags (" + n.Tag + ") are not used in .pa.yaml"}
	}
	if n.Anchor != "" {
		return nil, &SyntaxError{Line: n.Line, Column: n.Column, Msg: "anchors (&" + n.Anchor + ") are not used in .pa.yaml"}
	}
	s := &Scalar{Value: n.Value, Line: n.Line, Col: n.Column}
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0:
		s.Style = DoubleQuoted
	case n.Style&yaml.SingleQuotedStyle != 0:
		s.Style = SingleQuoted
	case n.Style&yaml.LiteralStyle != 0:
		s.Style = Literal
	case n.Style&yaml.FoldedStyle != 0:
		s.Style, c.exact = Folded, false
	default:
		s.Null = n.Value == "" && n.Tag == "!!null"
	}
	if s.Style == Literal {
		s.Header = c.blockHeader(n)
		if s.Header == "" {
			c.exact = false
		}
		c.blocks = append(c.blocks, s)
	}
	return s, nil
}

// plainRaw keeps the source of a plain scalar continued on the lines below its key:
// every following line indented deeper than the key, up to the first that is not (or
// is a comment, which ends a plain scalar). Blank lines between are folded into the
// value as line breaks, so they belong to it when a continuation line follows.
func (c *converter) plainRaw(s *Scalar, keyCol int) {
	if s.Line < 1 || s.Line > len(c.lines) {
		return
	}
	first := []rune(c.lines[s.Line-1])
	if s.Col < 1 || s.Col-1 > len(first) {
		return
	}
	end := s.Line
	for l := s.Line + 1; l <= len(c.lines); l++ {
		line := c.lines[l-1]
		t := strings.TrimLeft(line, " ")
		if t == "" {
			continue
		}
		if len(line)-len(t) <= keyCol-1 || strings.HasPrefix(t, "#") {
			break
		}
		end = l
	}
	if end == s.Line {
		return
	}
	s.Raw = strings.Join(append([]string{string(first[s.Col-1:])}, c.lines[s.Line:end]...), "\n")
	s.rawIndent = keyCol - 1 + IndentUnit
	c.continued = append(c.continued, [2]int{s.Line + 1, end})
}

// blockHeader reads a block scalar's indicator ("|-", "|", "|+") from the source at
// the node's position; "" when it is another (an explicit indentation).
func (c *converter) blockHeader(n *yaml.Node) string {
	if n.Line < 1 || n.Line > len(c.lines) {
		return ""
	}
	line := []rune(c.lines[n.Line-1])
	if n.Column < 1 || n.Column > len(line) {
		return ""
	}
	tok := strings.Fields(string(line[n.Column-1:]))
	if len(tok) == 0 {
		return ""
	}
	switch tok[0] {
	case "|", "|-", "|+":
		return tok[0]
	}
	return ""
}
