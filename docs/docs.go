// Package docs holds canvasgit's documentation pages. They are embedded in the binary,
// so a user who downloaded it (and has no copy of this repository) reads the same pages
// with `canvasgit help COMMAND`, and the man pages are generated from them.
package docs

import (
	"embed"
	"path"
	"sort"
	"strings"
)

//go:embed *.md
var pages embed.FS

// Page returns the markdown of the page name (docs/<name>.md), and false when there
// is no such page.
func Page(name string) (string, bool) {
	if name == "" || strings.ContainsAny(name, `/\`) {
		return "", false
	}
	b, err := pages.ReadFile(name + ".md")
	if err != nil {
		return "", false
	}
	return string(b), true
}

// Names lists the pages, sorted, without the .md suffix.
func Names() []string {
	entries, err := pages.ReadDir(".")
	if err != nil {
		return nil // cannot happen: the directory is embedded
	}
	var names []string
	for _, e := range entries {
		if n := e.Name(); path.Ext(n) == ".md" {
			names = append(names, strings.TrimSuffix(n, ".md"))
		}
	}
	sort.Strings(names)
	return names
}
