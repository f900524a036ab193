package check

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Power Fx lexer just good enough to find names: it skips comments and string
// literals (including the text parts of $"…{…}…" interpolations, whose expressions it
// does read), and yields identifiers (bare and 'quoted'), numbers and punctuation.

type tokKind uint8

const (
	tIdent  tokKind = iota // Label1
	tQIdent                // 'Home Screen' (text holds the unquoted name)
	tNum
	tStr
	tPunct // one character: . ( ) , { } [ ] : ; @ ! = and the rest
)

type token struct {
	kind tokKind
	text string
	pos  int // byte offset of the token in the formula
}

func (t token) isName() bool { return t.kind == tIdent || t.kind == tQIdent }

func (t token) is(p string) bool { return t.kind == tPunct && t.text == p }

type lexer struct {
	s    string
	i    int
	toks []token
}

func lexFormula(s string) []token {
	l := &lexer{s: s}
	l.expr(false)
	return l.toks
}

func isNameStart(r rune) bool {
	return r == '_' || unicode.IsLetter(r)
}

func isNameChar(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) ||
		unicode.In(r, unicode.Mn, unicode.Mc, unicode.Pc, unicode.Cf)
}

// expr lexes until the end of the input or, when inBrace, until the '}' that closes an
// interpolation hole.
func (l *lexer) expr(inBrace bool) {
	depth := 0
	for l.i < len(l.s) {
		c := l.s[l.i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			l.i++
		case c == '/' && l.i+1 < len(l.s) && l.s[l.i+1] == '/':
			if j := strings.IndexByte(l.s[l.i:], '\n'); j >= 0 {
				l.i += j
			} else {
				l.i = len(l.s)
			}
		case c == '/' && l.i+1 < len(l.s) && l.s[l.i+1] == '*':
			if j := strings.Index(l.s[l.i+2:], "*/"); j >= 0 {
				l.i += j + 4
			} else {
				l.i = len(l.s)
			}
		case c == '"':
			start := l.i
			l.str()
			l.toks = append(l.toks, token{tStr, "", start})
		case c == '$' && l.i+1 < len(l.s) && l.s[l.i+1] == '"':
			start := l.i
			l.i++
			l.interp()
			l.toks = append(l.toks, token{tStr, "", start})
		case c == '\'':
			start := l.i
			name := l.quoted()
			l.toks = append(l.toks, token{tQIdent, name, start})
		case c >= '0' && c <= '9':
			start := l.i
			l.number()
			l.toks = append(l.toks, token{tNum, l.s[start:l.i], start})
		default:
			r, size := utf8.DecodeRuneInString(l.s[l.i:])
			if isNameStart(r) {
				start := l.i
				l.i += size
				for l.i < len(l.s) {
					r, size := utf8.DecodeRuneInString(l.s[l.i:])
					if !isNameChar(r) {
						break
					}
					l.i += size
				}
				l.toks = append(l.toks, token{tIdent, l.s[start:l.i], start})
				continue
			}
			if c == '{' {
				depth++
			} else if c == '}' {
				if depth == 0 && inBrace {
					l.i++
					return
				}
				depth--
			}
			l.toks = append(l.toks, token{tPunct, l.s[l.i : l.i+size], l.i})
			l.i += size
		}
	}
}

// str skips a "…" literal ("" is an escaped quote).
func (l *lexer) str() {
	l.i++
	for l.i < len(l.s) {
		if l.s[l.i] == '"' {
			if l.i+1 < len(l.s) && l.s[l.i+1] == '"' {
				l.i += 2
				continue
			}
			l.i++
			return
		}
		l.i++
	}
}

// interp skips a $"…" literal, lexing the expressions in its {…} holes ({{ and }} are
// literal braces).
func (l *lexer) interp() {
	l.i++
	for l.i < len(l.s) {
		switch l.s[l.i] {
		case '"':
			if l.i+1 < len(l.s) && l.s[l.i+1] == '"' {
				l.i += 2
				continue
			}
			l.i++
			return
		case '{':
			if l.i+1 < len(l.s) && l.s[l.i+1] == '{' {
				l.i += 2
				continue
			}
			l.i++
			l.expr(true)
			continue
		case '}':
			if l.i+1 < len(l.s) && l.s[l.i+1] == '}' {
				l.i += 2
				continue
			}
		}
		l.i++
	}
}

// quoted reads a 'quoted name' (a doubled quote stands for one) and returns the name.
func (l *lexer) quoted() string {
	l.i++
	var b strings.Builder
	for l.i < len(l.s) {
		c := l.s[l.i]
		if c == '\'' {
			if l.i+1 < len(l.s) && l.s[l.i+1] == '\'' {
				b.WriteByte('\'')
				l.i += 2
				continue
			}
			l.i++
			return b.String()
		}
		if c == '\n' { // an unterminated name: stop at the line end
			return b.String()
		}
		b.WriteByte(c)
		l.i++
	}
	return b.String()
}

func (l *lexer) number() {
	digits := func() {
		for l.i < len(l.s) && l.s[l.i] >= '0' && l.s[l.i] <= '9' {
			l.i++
		}
	}
	digits()
	if l.i+1 < len(l.s) && l.s[l.i] == '.' && l.s[l.i+1] >= '0' && l.s[l.i+1] <= '9' {
		l.i++
		digits()
	}
	if l.i < len(l.s) && (l.s[l.i] == 'e' || l.s[l.i] == 'E') {
		j := l.i + 1
		if j < len(l.s) && (l.s[j] == '+' || l.s[j] == '-') {
			j++
		}
		if j < len(l.s) && l.s[j] >= '0' && l.s[j] <= '9' {
			l.i = j
			digits()
		}
	}
}
