package jsondoc

// number checks the JSON number grammar at p.pos and moves past it. A failure is
// reported where a digit was missing.
func (p *parser[V]) number() error {
	d, i := p.data, p.pos
	if d[i] == '-' {
		i++
	}
	var ok bool
	if i < len(d) && d[i] == '0' {
		i++ // a leading zero stands alone: 0, 0.5, never 01
	} else if i, ok = digits(d, i); !ok {
		return p.invalidNumber(i)
	}
	if i < len(d) && d[i] == '.' {
		if i, ok = digits(d, i+1); !ok {
			return p.invalidNumber(i)
		}
	}
	if i < len(d) && d[i]|0x20 == 'e' { // e or E
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i, ok = digits(d, i); !ok {
			return p.invalidNumber(i)
		}
	}
	p.pos = i
	return nil
}

// digits returns the index just past the run of decimal digits of d at i, and
// whether there is one.
func digits(d []byte, i int) (end int, ok bool) {
	end = i
	for end < len(d) && d[end]-'0' < 10 {
		end++
	}
	return end, end > i
}

func (p *parser[V]) invalidNumber(at int) error {
	p.pos = at
	return p.errorf("invalid number")
}
