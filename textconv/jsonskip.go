package textconv

import "strings"

// The header mode of the parser (scanControlHeader): a control file's TopParent is
// read for its name and position only, its rules and children passed over unbuilt.

// headerKey reports whether a TopParent member is one scanControlHeader keeps.
func headerKey(k string) bool {
	switch strings.ToLower(k) {
	case "name", "index", "controluniqueid", "template":
		return true
	}
	return false
}

// skipValue passes over one value without building it, checking its syntax as
// value would (except inside strings, where only the quote and escapes matter).
func (p *jsonParser) skipValue(depth int) error {
	if depth > maxDepth {
		return p.errorf("JSON nested too deeply")
	}
	p.space()
	if p.pos >= len(p.data) {
		return p.errorf("unexpected end of JSON input")
	}
	switch c := p.data[p.pos]; c {
	case '"':
		return p.skipString()
	case '{', '[':
		end := byte('}')
		if c == '[' {
			end = ']'
		}
		p.pos++
		p.space()
		if p.pos < len(p.data) && p.data[p.pos] == end {
			p.pos++
			return nil
		}
		for {
			if c == '{' {
				p.space()
				if p.pos >= len(p.data) || p.data[p.pos] != '"' {
					return p.errorf("expected a string key")
				}
				if err := p.skipString(); err != nil {
					return err
				}
				p.space()
				if p.pos >= len(p.data) || p.data[p.pos] != ':' {
					return p.errorf("expected ':' after an object key")
				}
				p.pos++
			}
			if err := p.skipValue(depth + 1); err != nil {
				return err
			}
			p.space()
			if p.pos >= len(p.data) {
				return p.errorf("unexpected end of JSON input")
			}
			switch p.data[p.pos] {
			case ',':
				p.pos++
			case end:
				p.pos++
				return nil
			default:
				return p.errorf("expected ',' or %q", end)
			}
		}
	default:
		_, err := p.value(depth)
		return err
	}
}

// skipString passes over a string starting at its opening quote.
func (p *jsonParser) skipString() error {
	d := p.data
	for i := p.pos + 1; i < len(d); i++ {
		switch c := d[i]; {
		case c == '"':
			p.pos = i + 1
			return nil
		case c == '\\':
			i++
		case c < 0x20:
			p.pos = i
			return p.errorf("control character in string")
		}
	}
	p.pos = len(d)
	return p.errorf("unterminated string")
}
