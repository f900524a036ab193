package gitsetup

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A .gitattributes written by an older install (its header named gitattributes.example)
// is still ours: uninstall removes it all, and install completes it under the old
// header instead of adding a second one.
func TestOlderAttributesHeader(t *testing.T) {
	lines := AttributeLines()
	older := olderAttributesHeaders[0]
	old := "*.png binary\n" + older + "\n" + strings.Join(lines, "\n") + "\n"
	out, removed := RemoveAttributes([]byte(old))
	if string(out) != "*.png binary\n" || removed != len(lines)+1 {
		t.Errorf("RemoveAttributes(older) = %q, %d lines", out, removed)
	}
	partial := "*.png binary\n" + older + "\n" + lines[0] + "\n"
	got, added := AppendAttributes([]byte(partial))
	if len(added) != len(lines)-1 {
		t.Errorf("added %d lines, want %d", len(added), len(lines)-1)
	}
	if strings.Contains(string(got), AttributesHeader) {
		t.Errorf("a second header was added under the older one:\n%s", got)
	}
}

func TestAttributesHeaderNamesNoCanvasgitFile(t *testing.T) {
	// The header sits in the user's repository: it must not send readers to a file
	// only canvasgit's own repository has.
	if strings.Contains(AttributesHeader, ".example") || strings.Contains(AttributesHeader, "docs/") {
		t.Errorf("header refers to a canvasgit file: %q", AttributesHeader)
	}
}

func TestAttributesToCommit(t *testing.T) {
	g := newTestRepo(t, false)
	f, err := FindAttributesFile(g)
	if err != nil {
		t.Fatal(err)
	}
	mustCommit := func(want bool) {
		t.Helper()
		got, err := AttributesToCommit(g, f)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("AttributesToCommit = %v, want %v", got, want)
		}
	}
	mustCommit(false) // no file, nothing in HEAD
	if _, err := InstallAttributes(g); err != nil {
		t.Fatal(err)
	}
	mustCommit(true) // new file
	if _, err := g.Run("add", ".gitattributes"); err != nil {
		t.Fatal(err)
	}
	mustCommit(true) // staged is not committed
	if _, err := g.Run("commit", "-q", "-m", "attributes"); err != nil {
		t.Fatal(err)
	}
	mustCommit(false)
	if err := os.Remove(filepath.Join(g.Dir, ".gitattributes")); err != nil {
		t.Fatal(err)
	}
	mustCommit(true) // a deletion is a change to commit too

	bare := newTestRepo(t, true)
	bf, err := FindAttributesFile(bare)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := InstallAttributes(bare); err != nil {
		t.Fatal(err)
	}
	if got, err := AttributesToCommit(bare, bf); err != nil || got {
		t.Errorf("bare: AttributesToCommit = %v, %v; want false", got, err)
	}
}

func TestRemoveTextconvCache(t *testing.T) {
	g := newTestRepo(t, false)
	if found, err := RemoveTextconvCache(g); err != nil || found {
		t.Fatalf("empty repository: found=%v err=%v", found, err)
	}
	// git writes a note per rendered blob under the ref; make one the same way.
	blob, err := g.RunInput("rendered", "hash-object", "-w", "--stdin")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.Run("notes", "--ref", TextconvCacheRef, "add", "-m", "cached", strings.TrimSpace(blob)); err != nil {
		t.Fatal(err)
	}
	found, err := RemoveTextconvCache(g)
	if err != nil || !found {
		t.Fatalf("found=%v err=%v, want the cache found and removed", found, err)
	}
	if out, _ := g.Run("for-each-ref", TextconvCacheRef); strings.TrimSpace(out) != "" {
		t.Errorf("cache ref still there: %s", out)
	}
}
