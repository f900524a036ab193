package yamlmerge

import (
	"bytes"
	"fmt"
	"strings"
)

// entry is one member of a block mapping: its "key: value" line and the deeper lines
// under it. When those lines are themselves a block mapping, kids holds them parsed;
// otherwise (a sequence, a wrapped scalar) the entry is merged by lines as a whole.
type entry struct {
	key   string
	head  []byte   // the key line, with its line ending
	body  [][]byte // the lines under it, with their line endings
	kids  []*entry // body parsed as a mapping, or nil
	value string   // the inline value after "key:", trimmed
}

// text is the entry's lines as written.
func (e *entry) text() []byte {
	var b bytes.Buffer
	b.Write(e.head)
	for _, l := range e.body {
		b.Write(l)
	}
	return b.Bytes()
}

// splitLines cuts b into lines that keep their endings.
func splitLines(b []byte) [][]byte {
	var out [][]byte
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			out = append(out, b)
			break
		}
		out = append(out, b[:i+1])
		b = b[i+1:]
	}
	return out
}

func indentOf(l []byte) int {
	n := 0
	for n < len(l) && l[n] == ' ' {
		n++
	}
	return n
}

func blank(l []byte) bool { return len(bytes.TrimSpace(l)) == 0 }

// parseDoc parses a whole file: an optional BOM, then a block mapping at indent 0.
// Anything this small reader does not follow (documents markers, tabs, anchors, block
// scalars, flow collections over several lines) is an error: the caller falls back to
// the line merge.
func parseDoc(b []byte) (prefix []byte, es []*entry, err error) {
	if bytes.HasPrefix(b, bom) {
		prefix, b = bom, b[len(bom):]
	}
	lines := splitLines(b)
	for i, l := range lines {
		t := bytes.TrimRight(l, "\r\n")
		switch {
		case bytes.HasPrefix(t, []byte("---")), bytes.HasPrefix(t, []byte("...")), bytes.HasPrefix(t, []byte("%")):
			return nil, nil, fmt.Errorf("line %d: YAML document markers and directives are not merged by key", i+1)
		case bytes.IndexByte(t[:indentOf(t)], '\t') >= 0 || bytes.HasPrefix(bytes.TrimLeft(t, " "), []byte("\t")):
			return nil, nil, fmt.Errorf("line %d: tab indentation", i+1)
		}
	}
	es, err = parseMapping(lines, 0, 0)
	return prefix, es, err
}

var bom = []byte("\xef\xbb\xbf")

// parseMapping parses lines as a block mapping whose keys sit at indent ind. first is
// the line number of lines[0], for errors.
func parseMapping(lines [][]byte, ind, first int) ([]*entry, error) {
	var es []*entry
	seen := map[string]bool{}
	for i := 0; i < len(lines); {
		l := lines[i]
		if blank(l) || isComment(l) {
			if len(es) == 0 {
				return nil, fmt.Errorf("line %d: a comment or blank line before the first key", first+i+1)
			}
			es[len(es)-1].body = append(es[len(es)-1].body, l)
			i++
			continue
		}
		if indentOf(l) != ind {
			return nil, fmt.Errorf("line %d: indented %d, expected %d", first+i+1, indentOf(l), ind)
		}
		key, value, ok := splitKey(l[ind:])
		if !ok {
			return nil, fmt.Errorf("line %d: not a \"key: value\" line", first+i+1)
		}
		if seen[key] {
			return nil, fmt.Errorf("line %d: key %s repeated", first+i+1, key)
		}
		seen[key] = true
		if err := checkValue(value); err != nil {
			return nil, fmt.Errorf("line %d: %v", first+i+1, err)
		}
		e := &entry{key: key, head: l, value: value}
		i++
		start := i
		// The entry's body: deeper lines, and a sequence written at the key's own
		// indent ("key:\n- a"), which YAML allows for a mapping's value.
		for i < len(lines) && (blank(lines[i]) || isComment(lines[i]) || indentOf(lines[i]) > ind ||
			(value == "" && indentOf(lines[i]) == ind && bytes.HasPrefix(lines[i][ind:], []byte("- ")))) {
			i++
		}
		// Trailing blank and comment lines belong to the next entry's surroundings,
		// but keeping them with this one keeps the text intact either way.
		e.body = lines[start:i]
		if value == "" && len(e.body) > 0 {
			if kid := firstContent(e.body); kid >= 0 && indentOf(e.body[kid]) > ind && !bytes.HasPrefix(bytes.TrimLeft(e.body[kid], " "), []byte("- ")) {
				if kids, err := parseMapping(e.body, indentOf(e.body[kid]), first+start); err == nil {
					e.kids = kids
				}
			}
		}
		es = append(es, e)
	}
	return es, nil
}

func firstContent(ls [][]byte) int {
	for i, l := range ls {
		if !blank(l) && !isComment(l) {
			return i
		}
	}
	return -1
}

func isComment(l []byte) bool {
	return bytes.HasPrefix(bytes.TrimLeft(l, " "), []byte("#"))
}

// splitKey reads "key: value" or "key:" (plain or quoted key).
func splitKey(l []byte) (key, value string, ok bool) {
	s := strings.TrimRight(string(l), "\r\n")
	if s == "" || s[0] == '-' || s[0] == '?' {
		return "", "", false
	}
	var rest string
	switch s[0] {
	case '\'', '"':
		q := s[0]
		end := 1
		for end < len(s) {
			if s[end] == q {
				if q == '\'' && end+1 < len(s) && s[end+1] == '\'' {
					end += 2
					continue
				}
				break
			}
			if q == '"' && s[end] == '\\' {
				end++
			}
			end++
		}
		if end >= len(s) {
			return "", "", false
		}
		key, rest = s[:end+1], s[end+1:]
	default:
		i := strings.Index(s, ":")
		for i >= 0 && i+1 < len(s) && s[i+1] != ' ' {
			j := strings.Index(s[i+1:], ":")
			if j < 0 {
				i = -1
				break
			}
			i += 1 + j
		}
		if i <= 0 {
			return "", "", false
		}
		key, rest = s[:i], s[i:]
	}
	if !strings.HasPrefix(rest, ":") || (len(rest) > 1 && rest[1] != ' ') {
		return "", "", false
	}
	return key, strings.TrimSpace(rest[1:]), true
}

// checkValue refuses the inline values whose meaning continues beyond the line.
func checkValue(v string) error {
	if v == "" {
		return nil
	}
	switch v[0] {
	case '|', '>':
		return fmt.Errorf("block scalar")
	case '&', '*', '!':
		return fmt.Errorf("anchors, aliases and tags are not merged by key")
	case '[':
		if !strings.HasSuffix(v, "]") {
			return fmt.Errorf("flow sequence over several lines")
		}
	case '{':
		if !strings.HasSuffix(v, "}") {
			return fmt.Errorf("flow mapping over several lines")
		}
	case '\'', '"':
		if len(v) < 2 || v[len(v)-1] != v[0] {
			return fmt.Errorf("quoted scalar over several lines")
		}
	}
	return nil
}
