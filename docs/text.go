package docs

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/canvasgit/canvasgit/internal/lazy"
)

// Text renders a page's markdown as plain text for a terminal, keeping it simple:
// headings are underlined, code blocks are indented by four spaces and lose their
// fences, inline code and bold lose their marks, and a link to another page names the
// command that shows it (`canvasgit help NAME`), since a binary user has no docs
// folder. Tables and lists stay as written: the pages are wrapped for 90 columns.
func Text(md string) string {
	var b strings.Builder
	inFence := false
	for _, line := range strings.Split(strings.TrimRight(md, "\n"), "\n") {
		if strings.HasPrefix(strings.TrimLeft(line, " "), "```") {
			inFence = !inFence
			continue
		}
		if inFence {
			if line != "" {
				b.WriteString("    ")
				b.WriteString(line)
			}
			b.WriteByte('\n')
			continue
		}
		if level, title, ok := heading(line); ok {
			title = inline(title)
			b.WriteString(title)
			b.WriteByte('\n')
			switch level {
			case 1:
				b.WriteString(strings.Repeat("=", utf8.RuneCountInString(title)))
				b.WriteByte('\n')
			case 2:
				b.WriteString(strings.Repeat("-", utf8.RuneCountInString(title)))
				b.WriteByte('\n')
			}
			continue
		}
		b.WriteString(inline(line))
		b.WriteByte('\n')
	}
	return b.String()
}

// heading splits an ATX heading ("## Title") into its level and title.
func heading(line string) (level int, title string, ok bool) {
	for level < len(line) && line[level] == '#' {
		level++
	}
	if level == 0 || level > 6 || level >= len(line) || line[level] != ' ' {
		return 0, "", false
	}
	return level, strings.TrimSpace(line[level+1:]), true
}

// link is compiled on first use: the merge driver, started for every file git merges,
// never renders a page.
var link = lazy.Of[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)\)`) }}

// inline renders one line's links, code spans and bold text.
func inline(line string) string {
	line = link.Get().ReplaceAllStringFunc(line, func(m string) string {
		sub := link.Get().FindStringSubmatch(m)
		return linkText(sub[1], sub[2])
	})
	// Outside code spans "**" is bold; inside it is text (a glob such as Other/**).
	// Tables escape "|" as "\|" in both.
	parts := strings.Split(line, "`")
	for i, p := range parts {
		if i%2 == 0 {
			p = strings.ReplaceAll(p, "**", "")
		}
		parts[i] = strings.ReplaceAll(p, `\|`, "|")
	}
	return strings.Join(parts, "")
}

// linkText is what a terminal shows for the link [text](target).
func linkText(text, target string) string {
	if strings.HasPrefix(target, "http://") || strings.HasPrefix(target, "https://") {
		return text + " (" + target + ")"
	}
	file, _, _ := strings.Cut(target, "#")
	name, isPage := strings.CutSuffix(strings.TrimPrefix(file, "docs/"), ".md")
	if !isPage || strings.Contains(name, "/") {
		return text // an anchor on the same page, or a file of the repository
	}
	if _, ok := Page(name); !ok {
		return text
	}
	help := "canvasgit help " + name
	if text == file || text == "docs/"+file {
		return help
	}
	return text + " (" + help + ")"
}
