package gitsetup

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestInstallDocListsTheAttributes keeps docs/install.md's copy of what
// `install --attributes` writes in step with gitattributes.example.
func TestInstallDocListsTheAttributes(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "install.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(doc), "\r\n", "\n")
	_, block, ok := strings.Cut(text, "```\n"+AttributesHeader+"\n")
	if !ok {
		t.Fatal("docs/install.md has no block starting with the attributes header")
	}
	block, _, _ = strings.Cut(block, "```")
	got := strings.Split(strings.TrimSuffix(block, "\n"), "\n")
	if want := AttributeLines(); !slices.Equal(got, want) {
		t.Errorf("docs/install.md lists\n%s\ngitattributes.example has\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestAttributeLines(t *testing.T) {
	lines := AttributeLines()
	if len(lines) == 0 {
		t.Fatal("no attribute lines in gitattributes.example")
	}
	if !slices.Contains(lines, "*.fx.yaml merge=canvasgit diff=fxyaml") {
		t.Errorf("the .fx.yaml line is missing: %q", lines)
	}
	for _, l := range lines {
		if l == "" || strings.HasPrefix(l, "#") || l != strings.TrimSpace(l) {
			t.Errorf("bad attribute line %q", l)
		}
	}
}

func ourBlock(eol string) string {
	return AttributesHeader + eol + strings.Join(AttributeLines(), eol) + eol
}

func TestAppendAttributesEmpty(t *testing.T) {
	out, added := AppendAttributes(nil)
	if want := ourBlock("\n"); string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	if len(added) != len(AttributeLines()) {
		t.Errorf("added %d lines, want %d", len(added), len(AttributeLines()))
	}
}

func TestAppendAttributesKeepsContentAndCRLF(t *testing.T) {
	in := "*.png binary\r\n*.txt text\r\n"
	out, _ := AppendAttributes([]byte(in))
	if want := in + ourBlock("\r\n"); string(out) != want {
		t.Errorf("got %q\nwant %q", out, want)
	}
	if strings.Count(string(out), "\n") != strings.Count(string(out), "\r\n") {
		t.Errorf("mixed line endings: %q", out)
	}
}

func TestAppendAttributesMissingFinalNewline(t *testing.T) {
	for _, eol := range []string{"\n", "\r\n"} {
		in := "*.png binary" + eol + "*.txt text"
		out, _ := AppendAttributes([]byte(in))
		if want := in + eol + ourBlock(eol); string(out) != want {
			t.Errorf("eol %q: got %q\nwant %q", eol, out, want)
		}
	}
}

func TestAppendAttributesSkipsPresentLines(t *testing.T) {
	lines := AttributeLines()
	in := "  " + lines[0] + "  \n*.png binary\n" + lines[2] + "\n"
	out, added := AppendAttributes([]byte(in))
	if slices.Contains(added, lines[0]) || slices.Contains(added, lines[2]) {
		t.Errorf("re-added present lines: %q", added)
	}
	if len(added) != len(lines)-2 {
		t.Errorf("added %d lines, want %d", len(added), len(lines)-2)
	}
	for _, l := range lines {
		if n := countLine(string(out), l); n != 1 {
			t.Errorf("%q appears %d times in\n%s", l, n, out)
		}
	}
	if !strings.HasPrefix(string(out), in) {
		t.Errorf("existing content changed:\n%s", out)
	}
}

func TestAppendAttributesIdempotent(t *testing.T) {
	once, _ := AppendAttributes([]byte("*.png binary\n"))
	twice, added := AppendAttributes(once)
	if len(added) != 0 || string(twice) != string(once) {
		t.Errorf("second append changed the file (added %q)", added)
	}
	// A header without lines (say, lines deleted by hand) is not repeated.
	partial := []byte("*.png binary\n" + AttributesHeader + "\n")
	out, _ := AppendAttributes(partial)
	if n := countLine(string(out), AttributesHeader); n != 1 {
		t.Errorf("header appears %d times:\n%s", n, out)
	}
}

func TestRemoveAttributes(t *testing.T) {
	for _, eol := range []string{"\n", "\r\n"} {
		before := "# mine" + eol + "*.png binary" + eol + "*.txt text"
		installed, _ := AppendAttributes([]byte(before))
		out, removed := RemoveAttributes(installed)
		if want := before + eol; string(out) != want {
			t.Errorf("eol %q: got %q, want %q", eol, out, want)
		}
		if removed != len(AttributeLines())+1 {
			t.Errorf("removed %d lines, want %d", removed, len(AttributeLines())+1)
		}
		again, n := RemoveAttributes(out)
		if n != 0 || string(again) != string(out) {
			t.Errorf("second remove changed the file")
		}
	}
}

func TestRemoveAttributesOnlyOurs(t *testing.T) {
	lines := AttributeLines()
	// lines[0] above the header was the user's before install: it stays. Below the
	// header only our lines go; a foreign line there stays.
	in := "*.fx.yaml merge=mine\n" + lines[0] + "\n" + AttributesHeader + "\n" + lines[0] + "\n# canvasgit is nice\n*.png binary\n" + lines[1] // last line without newline
	out, removed := RemoveAttributes([]byte(in))
	if want := "*.fx.yaml merge=mine\n" + lines[0] + "\n# canvasgit is nice\n*.png binary\n"; string(out) != want {
		t.Errorf("got %q, want %q", out, want)
	}
	if removed != 3 {
		t.Errorf("removed %d, want 3", removed)
	}
	// Without our header nothing was written by install: nothing is removed.
	if out, removed := RemoveAttributes([]byte(lines[0] + "\n")); removed != 0 || string(out) != lines[0]+"\n" {
		t.Errorf("removed %d from a file install never wrote: %q", removed, out)
	}
	// Everything ours: the result is empty.
	all, _ := AppendAttributes(nil)
	if out, _ := RemoveAttributes(all); len(out) != 0 {
		t.Errorf("left %q", out)
	}
}

func TestAttributesFileRoundTrip(t *testing.T) {
	g := newTestRepo(t, false)
	path := filepath.Join(g.Dir, ".gitattributes")
	if err := os.WriteFile(path, []byte("*.png binary\r\n*.txt text"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := InstallAttributes(g)
	if err != nil {
		t.Fatal(err)
	}
	if res.Created || len(res.Added) != len(AttributeLines()) || res.File.Bare {
		t.Errorf("install: %+v", res)
	}
	if res, err := InstallAttributes(g); err != nil || len(res.Added) != 0 {
		t.Errorf("second install: %+v, %v", res, err)
	}
	res, err = UninstallAttributes(g)
	if err != nil || res.Deleted || res.Removed != len(AttributeLines())+1 {
		t.Errorf("uninstall: %+v, %v", res, err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "*.png binary\r\n*.txt text\r\n" {
		t.Errorf("after uninstall: %q", got)
	}
}

func TestAttributesFileCreatedAndDeleted(t *testing.T) {
	g := newTestRepo(t, false)
	res, err := InstallAttributes(g)
	if err != nil || !res.Created {
		t.Fatalf("install: %+v, %v", res, err)
	}
	res, err = UninstallAttributes(g)
	if err != nil || !res.Deleted {
		t.Fatalf("uninstall: %+v, %v", res, err)
	}
	if _, err := os.Stat(filepath.Join(g.Dir, ".gitattributes")); !os.IsNotExist(err) {
		t.Errorf(".gitattributes still exists: %v", err)
	}
}

func TestAttributesBare(t *testing.T) {
	g := newTestRepo(t, true)
	res, err := InstallAttributes(g)
	if err != nil {
		t.Fatal(err)
	}
	if !res.File.Bare || filepath.Base(res.File.Path) != "attributes" || filepath.Base(filepath.Dir(res.File.Path)) != "info" {
		t.Errorf("bare install wrote %+v", res.File)
	}
	attrs, err := g.CheckAttr([]string{"merge"}, []string{"App/Src/Screen1.fx.yaml"})
	if err != nil || len(attrs) != 1 || attrs[0].Value != DriverName {
		t.Errorf("check-attr in the bare repository: %+v, %v", attrs, err)
	}
}

func countLine(s, line string) int {
	n := 0
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) == line {
			n++
		}
	}
	return n
}
