package docs

import (
	"strings"
	"testing"
)

func TestRoff(t *testing.T) {
	md := "# canvasgit gate\n\nRuns **the** merge with `--format` and a\\b; see [limits.md](limits.md).\n" +
		".starts with a dot\n\n## Flags\n\n```\ncanvasgit gate --repo DIR\n.x\n```\n\n" +
		"- one\n  more\n- two\n\n1. first\n\n| a | b |\n| --- | --- |\n### Deeper\n"
	want := "Runs \\fBthe\\fR merge with \\fB\\-\\-format\\fR and a\\eb; see canvasgit help limits.\n" +
		"\\&.starts with a dot\n.PP\n.SH \"Flags\"\n" +
		".PP\n.RS 4\n.nf\ncanvasgit gate \\-\\-repo DIR\n\\&.x\n.fi\n.RE\n" +
		".IP \\(bu 2\none\nmore\n.IP \\(bu 2\ntwo\n.PP\n.IP 1. 4\nfirst\n.PP\n" +
		".PP\n.nf\n| a | b |\n| \\-\\-\\- | \\-\\-\\- |\n.fi\n.SS \"Deeper\"\n"
	if got := Roff(md); got != want {
		t.Errorf("Roff:\n%s\nwant:\n%s", got, want)
	}
}

// TestPagesRoff: every page renders with balanced no-fill blocks, and no line of text
// starts with a dot or quote that roff would take for a request.
func TestPagesRoff(t *testing.T) {
	macros := map[string]bool{".PP": true, ".RS": true, ".RE": true, ".nf": true, ".fi": true, ".SH": true, ".SS": true, ".IP": true}
	for _, n := range Names() {
		page, _ := Page(n)
		out := Roff(page)
		if strings.Count(out, ".nf\n") != strings.Count(out, ".fi\n") {
			t.Errorf("%s: %d .nf but %d .fi", n, strings.Count(out, ".nf\n"), strings.Count(out, ".fi\n"))
		}
		for i, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(line, ".") || strings.HasPrefix(line, "'") {
				name, _, _ := strings.Cut(line, " ")
				if !macros[name] {
					t.Errorf("%s: output line %d is read as a request: %q", n, i+1, line)
				}
			}
		}
	}
}
