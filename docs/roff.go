package docs

import (
	"strings"
)

// Roff renders a page's markdown as the body of a man page (man(7) macros): "##"
// headings become sections (.SH), deeper ones subsections (.SS), code blocks and
// tables are shown as written (.nf), list items are indented paragraphs (.IP), inline
// code and bold are bold, and links read as in Text. A "#" title is left out: the
// man page's NAME says it. Written here rather than taken from a markdown library, so
// the binary, which git starts for every file it merges, links no markdown parser.
func Roff(md string) string {
	var b strings.Builder
	inFence, inTable := false, false
	para := false // text was written since the last paragraph macro
	for _, line := range strings.Split(strings.TrimRight(md, "\n"), "\n") {
		if strings.HasPrefix(strings.TrimLeft(line, " "), "```") {
			if !inFence {
				b.WriteString(".PP\n.RS 4\n.nf\n")
			} else {
				b.WriteString(".fi\n.RE\n")
				para = false
			}
			inFence = !inFence
			continue
		}
		if inFence {
			b.WriteString(roffLine(roffEscape(line)))
			continue
		}
		isRow := strings.HasPrefix(line, "|")
		if inTable && !isRow {
			b.WriteString(".fi\n")
			inTable = false
			para = false
		}
		switch level, title, ok := heading(line); {
		case ok && level == 1:
			continue
		case ok && level == 2:
			b.WriteString(".SH " + roffQuote(roffInline(title)) + "\n")
			para = false
		case ok:
			b.WriteString(".SS " + roffQuote(roffInline(title)) + "\n")
			para = false
		case isRow:
			if !inTable {
				b.WriteString(".PP\n.nf\n")
				inTable = true
			}
			b.WriteString(roffLine(roffInline(line)))
		case strings.TrimSpace(line) == "":
			if para {
				b.WriteString(".PP\n")
				para = false
			}
		case strings.HasPrefix(line, "- "):
			b.WriteString(".IP \\(bu 2\n" + roffLine(roffInline(line[2:])))
			para = true
		case numbered(line) > 0:
			n := numbered(line)
			b.WriteString(".IP " + line[:n-1] + " 4\n" + roffLine(roffInline(line[n:])))
			para = true
		default:
			b.WriteString(roffLine(roffInline(strings.TrimLeft(line, " "))))
			para = true
		}
	}
	if inFence || inTable {
		b.WriteString(".fi\n")
	}
	if inFence {
		b.WriteString(".RE\n")
	}
	return b.String()
}

// numbered returns the length of a "12. " list marker at the start of line, or 0.
func numbered(line string) int {
	i := 0
	for i < len(line) && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	if i == 0 || !strings.HasPrefix(line[i:], ". ") {
		return 0
	}
	return i + 2
}

// roffInline renders links, code spans (bold) and bold text of one line of prose.
func roffInline(line string) string {
	line = link.Get().ReplaceAllStringFunc(line, func(m string) string {
		sub := link.Get().FindStringSubmatch(m)
		return linkText(sub[1], sub[2])
	})
	parts := strings.Split(line, "`")
	var b strings.Builder
	for i, p := range parts {
		p = strings.ReplaceAll(p, `\|`, "|")
		if i%2 == 1 {
			b.WriteString(`\fB` + roffEscape(p) + `\fR`)
			continue
		}
		for j, q := range strings.Split(p, "**") {
			if j > 0 {
				if j%2 == 1 {
					b.WriteString(`\fB`)
				} else {
					b.WriteString(`\fR`)
				}
			}
			b.WriteString(roffEscape(q))
		}
	}
	return b.String()
}

// roffEscape makes text literal for roff: a backslash is \e, and a minus is \-, so a
// flag such as --format copies out of the page as typed (a bare - may print as a
// hyphen).
func roffEscape(s string) string {
	return strings.NewReplacer(`\`, `\e`, "-", `\-`).Replace(s)
}

// roffLine ends a line of text; one starting with a dot or quote, which roff would read
// as a request, is guarded with \&.
func roffLine(s string) string {
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s + "\n"
}

// roffQuote quotes a macro argument.
func roffQuote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `\(dq`) + `"`
}
