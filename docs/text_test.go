package docs

import (
	"regexp"
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	md := "# canvasgit gate\n\nRuns **the** merge; see [limits.md](limits.md) and\n" +
		"[`canvasgit check`](check.md#git-hooks), [go-git](https://github.com/go-git/go-git),\n" +
		"[below](#flags), [the example](../gitattributes.example).\n\n" +
		"## Flags\n\n```\ncanvasgit gate TARGET SOURCE\n\n  --repo DIR\n```\n\n" +
		"| flag | glob |\n| --- | --- |\n| `--format` | `Other/**` or `a\\|b` |\n### Deeper\n"
	want := "canvasgit gate\n==============\n\nRuns the merge; see canvasgit help limits and\n" +
		"canvasgit check (canvasgit help check), go-git (https://github.com/go-git/go-git),\n" +
		"below, the example.\n\n" +
		"Flags\n-----\n\n    canvasgit gate TARGET SOURCE\n\n      --repo DIR\n\n" +
		"| flag | glob |\n| --- | --- |\n| --format | Other/** or a|b |\nDeeper\n"
	if got := Text(md); got != want {
		t.Errorf("Text:\n%s\nwant:\n%s", got, want)
	}
}

// TestPagesRender checks every embedded page: it renders without markdown fences
// left, and each link to another page names a page that exists (a broken link would
// print as plain text and send the reader nowhere).
func TestPagesRender(t *testing.T) {
	names := Names()
	if len(names) < 10 {
		t.Fatalf("only %d pages embedded: %v", len(names), names)
	}
	pageLink := regexp.MustCompile(`\]\(([a-z0-9-]+)\.md(#[^)]*)?\)`)
	for _, n := range names {
		md, ok := Page(n)
		if !ok {
			t.Fatalf("Page(%q) not found, but Names lists it", n)
		}
		text := Text(md)
		if strings.Contains(text, "```") {
			t.Errorf("%s: a code fence is left in the text", n)
		}
		for _, m := range pageLink.FindAllStringSubmatch(md, -1) {
			if _, ok := Page(m[1]); !ok {
				t.Errorf("%s: links to %s.md, which is not a page", n, m[1])
			}
		}
	}
	if _, ok := Page("../README"); ok {
		t.Error("Page reads outside the docs folder")
	}
}
