package gitobj

import (
	"fmt"
	"strings"
)

// Config is a git config file's values (git help config, "Syntax"): sections
// "[name]" or "[name "subsection"]" (or the old "[name.subsection]"), then
// "key = value" lines; names are case-insensitive, subsections not; # and ; start
// comments; a value may be quoted, hold escapes (\n \t \b \\ \") and continue on the
// next line after a backslash; a key alone has the empty value (as git config --get
// prints it; it means true to a boolean). Includes are not followed.
type Config struct {
	values map[string][]string // "section\x00subsection\x00key" -> values in file order
}

func configKey(section, subsection, key string) string {
	return strings.ToLower(section) + "\x00" + subsection + "\x00" + strings.ToLower(key)
}

// Get returns the last value of section.key (subsection "" for none), as git does
// for a single-valued key.
func (c *Config) Get(section, subsection, key string) (string, bool) {
	if c == nil {
		return "", false
	}
	vs := c.values[configKey(section, subsection, key)]
	if len(vs) == 0 {
		return "", false
	}
	return vs[len(vs)-1], true
}

// ParseConfig reads a config file's text; errors give the line.
func ParseConfig(text string) (*Config, error) {
	c := &Config{values: map[string][]string{}}
	p := &configParser{s: text, line: 1}
	section, subsection := "", ""
	for {
		p.skipSpace()
		if p.eof() {
			return c, nil
		}
		switch ch := p.peek(); {
		case ch == '\n':
			p.next()
		case ch == '#' || ch == ';':
			p.skipLine()
		case ch == '[':
			var err error
			if section, subsection, err = p.header(); err != nil {
				return nil, err
			}
		case isKeyChar(ch):
			if section == "" {
				return nil, p.errorf("a key outside any section")
			}
			key, value, err := p.variable()
			if err != nil {
				return nil, err
			}
			k := configKey(section, subsection, key)
			c.values[k] = append(c.values[k], value)
		default:
			return nil, p.errorf("unexpected %q", ch)
		}
	}
}

type configParser struct {
	s    string
	i    int
	line int
}

func (p *configParser) eof() bool  { return p.i >= len(p.s) }
func (p *configParser) peek() byte { return p.s[p.i] }
func (p *configParser) next() byte {
	c := p.s[p.i]
	p.i++
	if c == '\n' {
		p.line++
	}
	return c
}

func (p *configParser) errorf(format string, args ...any) error {
	return fmt.Errorf("line %d: %s", p.line, fmt.Sprintf(format, args...))
}

func (p *configParser) skipSpace() {
	for !p.eof() && (p.peek() == ' ' || p.peek() == '\t' || p.peek() == '\r') {
		p.i++
	}
}

func (p *configParser) skipLine() {
	for !p.eof() && p.next() != '\n' {
	}
}

func isKeyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
}

// header reads "[section]", "[section "sub"]" or "[section.sub]".
func (p *configParser) header() (section, subsection string, err error) {
	p.next() // [
	start := p.i
	for !p.eof() && (isKeyChar(p.peek()) || p.peek() == '.') {
		p.i++
	}
	section = p.s[start:p.i]
	if section == "" {
		return "", "", p.errorf("empty section name")
	}
	if p.eof() {
		return "", "", p.errorf("unterminated section header")
	}
	switch p.peek() {
	case ']':
		p.i++
		if dot := strings.IndexByte(section, '.'); dot >= 0 {
			return section[:dot], strings.ToLower(section[dot+1:]), nil
		}
		return section, "", nil
	case ' ', '\t':
		p.skipSpace()
		if p.eof() || p.peek() != '"' {
			return "", "", p.errorf("malformed section header")
		}
		p.i++
		var b strings.Builder
		for {
			if p.eof() || p.peek() == '\n' {
				return "", "", p.errorf("unterminated subsection name")
			}
			c := p.next()
			if c == '"' {
				break
			}
			if c == '\\' {
				if p.eof() || p.peek() == '\n' {
					return "", "", p.errorf("unterminated subsection name")
				}
				c = p.next()
			}
			b.WriteByte(c)
		}
		if p.eof() || p.peek() != ']' {
			return "", "", p.errorf("malformed section header")
		}
		p.i++
		return section, b.String(), nil
	}
	return "", "", p.errorf("malformed section header")
}

// variable reads "key", "key = value" and the rest of its line(s).
func (p *configParser) variable() (key, value string, err error) {
	start := p.i
	for !p.eof() && isKeyChar(p.peek()) {
		p.i++
	}
	key = p.s[start:p.i]
	p.skipSpace()
	if p.eof() || p.peek() == '\n' || p.peek() == '#' || p.peek() == ';' {
		p.skipLine()
		return key, "", nil
	}
	if p.peek() != '=' {
		return "", "", p.errorf("malformed line for key %q", key)
	}
	p.i++
	p.skipSpace()
	var b strings.Builder
	quoted := false
	pending := 0 // spaces seen outside quotes, kept only if more value follows
	for !p.eof() {
		c := p.next()
		switch {
		case c == '\n':
			if quoted {
				return "", "", p.errorf("unterminated quoted value")
			}
			return key, b.String(), nil
		case !quoted && (c == '#' || c == ';'):
			p.skipLine()
			return key, b.String(), nil
		case c == '"':
			quoted = !quoted
			continue
		case c == '\\':
			if p.eof() {
				return "", "", p.errorf("backslash at the end of the file")
			}
			e := p.next()
			switch e {
			case '\n':
				continue
			case '\r':
				if !p.eof() && p.peek() == '\n' {
					p.next()
					continue
				}
				return "", "", p.errorf("bad escape")
			case 'n':
				e = '\n'
			case 't':
				e = '\t'
			case 'b':
				e = '\b'
			case '\\', '"':
			default:
				return "", "", p.errorf("bad escape \\%c", e)
			}
			c = e
		case !quoted && (c == ' ' || c == '\t' || c == '\r'):
			pending++
			continue
		}
		if pending > 0 && b.Len() > 0 {
			b.WriteString(strings.Repeat(" ", pending))
		}
		pending = 0
		b.WriteByte(c)
	}
	if quoted {
		return "", "", p.errorf("unterminated quoted value")
	}
	return key, b.String(), nil
}

// HasSection reports whether the file has a section of that name (any subsection;
// the name is case-insensitive), whatever keys it holds.
func (c *Config) HasSection(name string) bool {
	if c == nil {
		return false
	}
	prefix := strings.ToLower(name) + "\x00"
	for k := range c.values {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}
