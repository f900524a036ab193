package jsondoc

// skipValue passes over the value at p.pos without building it (Options.Skip), checking
// its syntax as value would, except inside strings, where only the closing quote,
// escapes' extent and control characters matter. depth is how many containers hold it.
func (p *parser[V]) skipValue(depth int) error {
	if p.pos >= len(p.data) {
		return p.errorf("unexpected end of JSON input")
	}
	switch c := p.data[p.pos]; c {
	case '"':
		return p.skipString()
	case '{', '[':
		if depth+1 > p.maxDepth {
			return p.tooDeep()
		}
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
			p.space()
			if c == '{' {
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
				p.space()
			}
			if err := p.skipValue(depth + 1); err != nil {
				return err
			}
			if done, err := p.after(end); err != nil || done {
				return err
			}
		}
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return p.number()
	}
	for _, lit := range [...]string{"true", "false", "null"} {
		if len(p.data)-p.pos >= len(lit) && string(p.data[p.pos:p.pos+len(lit)]) == lit {
			p.pos += len(lit)
			return nil
		}
	}
	return p.errorf("invalid character %q looking for a value", p.data[p.pos])
}

// skipString passes over the string whose opening quote is at p.pos. The bytes
// between the ones nextSpecial stops at are taken a word at a time; of those it
// stops at, non-ASCII bytes are passed over here.
func (p *parser[V]) skipString() error {
	d := p.data
	for i := nextSpecial(d, p.pos+1); i < len(d); i = nextSpecial(d, i) {
		switch c := d[i]; {
		case c == '"':
			p.pos = i + 1
			return nil
		case c == '\\' && p.strict:
			n, ok := escapeLen(d, i)
			if !ok {
				p.pos = i
				return p.errorf("invalid escape in a string")
			}
			i += n
		case c == '\\':
			i += 2 // the escaped byte, whatever it is
		case c < 0x20:
			p.pos = i
			return p.errorf("control character in a string")
		default:
			i++
		}
	}
	p.pos = len(d)
	return p.errorf("unterminated string")
}

// escapeLen returns how many bytes the escape at d[i] (a backslash) takes, and
// whether the reader decodes it: a one-character escape or \u and four hex digits.
// (A \u surrogate that is not half of a pair still decodes, to U+FFFD.)
func escapeLen(d []byte, i int) (int, bool) {
	if i+1 >= len(d) {
		return 0, false
	}
	if unescape[d[i+1]] != 0 {
		return 2, true
	}
	if d[i+1] == 'u' {
		if _, ok := Hex4(d, i+2); ok {
			return 6, true
		}
	}
	return 0, false
}
