package textconv

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// canonicalXML re-writes an XML document the way pac writes pkgs/Wadl/*.xml and
// hashes XML for its checksums (format-legacy §6.3): no XML declaration, whitespace-only
// text dropped, one element, comment or processing instruction per line indented by
// two spaces per level, except inside mixed content (from an element's first text
// child on, its remaining children and its end tag stay on the same line, and so do
// those of its descendants). Attributes keep their source order (namespace
// declarations included) and are double-quoted; <a/> is written as <a /> while
// <a></a> and <a> </a> both become <a></a>. Lines end in LF.
//
// It is a small hand-written parser, not encoding/xml, because the output depends on
// details encoding/xml hides (self-closing syntax, literal versus escaped newlines in
// attribute values). A document it cannot parse gives an error; callers then show the
// stored text.
func canonicalXML(src string) ([]byte, error) {
	p := &xmlParser{s: strings.TrimPrefix(src, "\ufeff")}
	w := &xmlWriter{}
	if err := p.parse(w); err != nil {
		return nil, err
	}
	return w.b.Bytes(), nil
}

// maxXMLDepth bounds element nesting (the parser itself does not recurse), and the
// output may grow to at most xmlGrowth times the input plus 1 MiB: indentation makes
// deep, compact XML grow quadratically, which a hostile document could exploit.
const (
	maxXMLDepth = 1000
	xmlGrowth   = 8
)

type xmlParser struct {
	s   string
	pos int
}

func (p *xmlParser) errorf(format string, args ...any) error {
	line := 1 + strings.Count(p.s[:min(p.pos, len(p.s))], "\n")
	return fmt.Errorf("XML line %d: %s", line, fmt.Sprintf(format, args...))
}

func (p *xmlParser) parse(w *xmlWriter) error {
	// Line ends are normalised before parsing (XML 1.0 §2.11).
	if strings.Contains(p.s, "\r") {
		p.s = strings.ReplaceAll(strings.ReplaceAll(p.s, "\r\n", "\n"), "\r", "\n")
	}
	sawRoot := false
	limit := xmlGrowth*len(p.s) + 1<<20
	for p.pos < len(p.s) {
		if w.b.Len() > limit {
			return p.errorf("document too large once indented")
		}
		if w.depth() == 0 && sawRoot {
			// After the root element only misc nodes (comments, PIs, whitespace).
			if p.s[p.pos] != '<' {
				end := strings.IndexByte(p.s[p.pos:], '<')
				if end < 0 {
					end = len(p.s) - p.pos
				}
				if strings.TrimLeft(p.s[p.pos:p.pos+end], " \t\n") != "" {
					return p.errorf("text after the root element")
				}
				p.pos += end
				continue
			}
		}
		if p.s[p.pos] != '<' {
			end := strings.IndexByte(p.s[p.pos:], '<')
			if end < 0 {
				end = len(p.s) - p.pos
			}
			raw := p.s[p.pos : p.pos+end]
			p.pos += end
			text, err := p.unescape(raw, false)
			if err != nil {
				return err
			}
			if w.depth() == 0 {
				if strings.TrimLeft(text, " \t\n") != "" {
					return p.errorf("text outside the root element")
				}
				continue
			}
			if strings.TrimLeft(text, " \t\n") == "" {
				continue // whitespace-only text is not kept
			}
			w.text(text)
			continue
		}
		rest := p.s[p.pos:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			end := strings.Index(rest[4:], "-->")
			if end < 0 {
				return p.errorf("unterminated comment")
			}
			w.misc("<!--" + rest[4:4+end] + "-->")
			p.pos += 4 + end + 3
		case strings.HasPrefix(rest, "<![CDATA["):
			end := strings.Index(rest[9:], "]]>")
			if end < 0 {
				return p.errorf("unterminated CDATA section")
			}
			if w.depth() == 0 {
				return p.errorf("CDATA outside the root element")
			}
			w.cdata(rest[:9+end+3])
			p.pos += 9 + end + 3
		case strings.HasPrefix(rest, "<?"):
			end := strings.Index(rest, "?>")
			if end < 0 {
				return p.errorf("unterminated processing instruction")
			}
			body := rest[2:end]
			target, data, _ := strings.Cut(body, " ")
			if target == "" {
				return p.errorf("processing instruction without a target")
			}
			p.pos += end + 2
			if strings.EqualFold(target, "xml") {
				continue // the declaration is not written
			}
			data = strings.TrimLeft(data, " \t\n")
			if data == "" {
				w.misc("<?" + target + "?>")
			} else {
				w.misc("<?" + target + " " + data + "?>")
			}
		case strings.HasPrefix(rest, "<!DOCTYPE"):
			end, err := doctypeEnd(rest)
			if err != nil {
				return p.errorf("%v", err)
			}
			w.misc(rest[:end])
			p.pos += end
		case strings.HasPrefix(rest, "</"):
			end := strings.IndexByte(rest, '>')
			if end < 0 {
				return p.errorf("unterminated end tag")
			}
			name := strings.TrimRight(rest[2:end], " \t\n")
			p.pos += end + 1
			if err := w.end(name); err != nil {
				return p.errorf("%v", err)
			}
		default:
			if w.depth() == 0 && sawRoot {
				return p.errorf("more than one root element")
			}
			if err := p.startTag(w); err != nil {
				return err
			}
			sawRoot = true
		}
	}
	if w.depth() != 0 {
		return p.errorf("element <%s> is not closed", w.stack[len(w.stack)-1].name)
	}
	if !sawRoot {
		return p.errorf("no root element")
	}
	return nil
}

func doctypeEnd(s string) (int, error) {
	depth := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '>' && depth <= 0:
			return i + 1, nil
		}
	}
	return 0, errors.New("unterminated DOCTYPE")
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

func isNameByte(c byte) bool {
	return c >= 0x80 || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '_' || c == ':' || c == '-' || c == '.'
}

func (p *xmlParser) name() string {
	start := p.pos
	for p.pos < len(p.s) && isNameByte(p.s[p.pos]) {
		p.pos++
	}
	return p.s[start:p.pos]
}

func (p *xmlParser) skipSpace() {
	for p.pos < len(p.s) && isXMLSpace(p.s[p.pos]) {
		p.pos++
	}
}

// startTag parses <name attr="v" ...> or <name .../>.
func (p *xmlParser) startTag(w *xmlWriter) error {
	p.pos++ // '<'
	name := p.name()
	if name == "" {
		return p.errorf("malformed tag")
	}
	var attrs []string
	for {
		had := p.pos
		p.skipSpace()
		if p.pos >= len(p.s) {
			return p.errorf("unterminated start tag <%s>", name)
		}
		switch {
		case strings.HasPrefix(p.s[p.pos:], "/>"):
			p.pos += 2
			if w.depth() >= maxXMLDepth {
				return p.errorf("elements nested too deeply")
			}
			w.start(name, attrs)
			w.stack[len(w.stack)-1].selfClosed = true
			return w.end(name)
		case p.s[p.pos] == '>':
			p.pos++
			if w.depth() >= maxXMLDepth {
				return p.errorf("elements nested too deeply")
			}
			w.start(name, attrs)
			return nil
		}
		if had == p.pos {
			return p.errorf("missing space between attributes in <%s>", name)
		}
		an := p.name()
		if an == "" {
			return p.errorf("malformed attribute in <%s>", name)
		}
		p.skipSpace()
		if p.pos >= len(p.s) || p.s[p.pos] != '=' {
			return p.errorf("attribute %s without a value", an)
		}
		p.pos++
		p.skipSpace()
		if p.pos >= len(p.s) || (p.s[p.pos] != '"' && p.s[p.pos] != '\'') {
			return p.errorf("attribute %s value is not quoted", an)
		}
		q := p.s[p.pos]
		end := strings.IndexByte(p.s[p.pos+1:], q)
		if end < 0 {
			return p.errorf("unterminated attribute %s", an)
		}
		raw := p.s[p.pos+1 : p.pos+1+end]
		p.pos += end + 2
		if strings.IndexByte(raw, '<') >= 0 {
			return p.errorf("'<' in attribute %s", an)
		}
		v, err := p.unescape(raw, true)
		if err != nil {
			return err
		}
		attrs = append(attrs, an+`="`+escapeXMLAttr(v)+`"`)
	}
}

// unescape resolves the predefined entities and character references; in attribute
// values literal tabs and newlines become spaces (attribute-value normalisation).
func (p *xmlParser) unescape(raw string, attr bool) (string, error) {
	if !strings.ContainsAny(raw, "&\t\n") {
		return raw, nil
	}
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if attr && (c == '\t' || c == '\n') {
			b.WriteByte(' ')
			continue
		}
		if c != '&' {
			b.WriteByte(c)
			continue
		}
		end := strings.IndexByte(raw[i:], ';')
		if end < 0 {
			return "", p.errorf("unterminated entity reference")
		}
		ref := raw[i+1 : i+end]
		i += end
		switch ref {
		case "lt":
			b.WriteByte('<')
		case "gt":
			b.WriteByte('>')
		case "amp":
			b.WriteByte('&')
		case "quot":
			b.WriteByte('"')
		case "apos":
			b.WriteByte('\'')
		default:
			var n uint64
			var err error
			switch {
			case strings.HasPrefix(ref, "#x"):
				n, err = strconv.ParseUint(ref[2:], 16, 32)
			case strings.HasPrefix(ref, "#"):
				n, err = strconv.ParseUint(ref[1:], 10, 32)
			default:
				return "", p.errorf("unknown entity &%s;", ref)
			}
			if err != nil || n == 0 || n > utf8.MaxRune || !utf8.ValidRune(rune(n)) {
				return "", p.errorf("bad character reference &%s;", ref)
			}
			b.WriteRune(rune(n))
		}
	}
	return b.String(), nil
}

// escapeXMLAttr and escapeXMLText escape as .NET's XmlWriter does: attribute
// values also escape the quote, tab and newline; text only &, <, > and CR.
func escapeXMLAttr(s string) string { return escapeXML(s, true) }

func escapeXMLText(s string) string { return escapeXML(s, false) }

func escapeXML(s string, attr bool) string {
	special := "&<>\r"
	if attr {
		special = "&<>\"\t\n\r"
	}
	if !strings.ContainsAny(s, special) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '&':
			b.WriteString("&amp;")
		case c == '<':
			b.WriteString("&lt;")
		case c == '>':
			b.WriteString("&gt;")
		case c == '\r':
			b.WriteString("&#xD;")
		case attr && c == '"':
			b.WriteString("&quot;")
		case attr && c == '\t':
			b.WriteString("&#x9;")
		case attr && c == '\n':
			b.WriteString("&#xA;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// xmlWriter writes the canonical form while the parser walks the document.
type xmlWriter struct {
	b     bytes.Buffer
	stack []xmlOpen
	// mixed is true inside an element that has had a text child (and so inside its
	// later descendants): nothing is indented there.
	mixed bool
}

type xmlOpen struct {
	name        string
	hasChildren bool // any node written inside
	open        bool // start tag still lacks its '>'
	selfClosed  bool
	outerMixed  bool // mixed state of the parent, restored at the end tag
}

func (w *xmlWriter) depth() int { return len(w.stack) }

// beforeNode closes a pending start tag and starts the node's line.
func (w *xmlWriter) beforeNode(indent bool) {
	if n := len(w.stack); n > 0 {
		top := &w.stack[n-1]
		if top.open {
			w.b.WriteByte('>')
			top.open = false
		}
		top.hasChildren = true
	}
	if indent && !w.mixed && w.b.Len() > 0 {
		w.b.WriteByte('\n')
		writeIndent(&w.b, len(w.stack))
	}
}

func (w *xmlWriter) start(name string, attrs []string) {
	w.beforeNode(true)
	w.b.WriteByte('<')
	w.b.WriteString(name)
	for _, a := range attrs {
		w.b.WriteByte(' ')
		w.b.WriteString(a)
	}
	w.stack = append(w.stack, xmlOpen{name: name, open: true, outerMixed: w.mixed})
}

func (w *xmlWriter) end(name string) error {
	n := len(w.stack)
	if n == 0 {
		return fmt.Errorf("end tag </%s> without a start tag", name)
	}
	top := w.stack[n-1]
	if top.name != name {
		return fmt.Errorf("end tag </%s> does not match <%s>", name, top.name)
	}
	w.stack = w.stack[:n-1]
	switch {
	case top.open && top.selfClosed:
		w.b.WriteString(" />")
	case top.open:
		w.b.WriteString("></" + name + ">")
	default:
		if !w.mixed && top.hasChildren {
			w.b.WriteByte('\n')
			writeIndent(&w.b, len(w.stack))
		}
		w.b.WriteString("</" + name + ">")
	}
	w.mixed = top.outerMixed
	return nil
}

func (w *xmlWriter) text(s string) {
	w.beforeNode(false)
	w.mixed = true
	w.b.WriteString(escapeXMLText(s))
}

func (w *xmlWriter) cdata(raw string) {
	w.beforeNode(false)
	w.mixed = true
	w.b.WriteString(raw)
}

func (w *xmlWriter) misc(raw string) {
	w.beforeNode(true)
	w.b.WriteString(raw)
}
