package driverio

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSameContentAcrossBlocks(t *testing.T) {
	dir := t.TempDir()
	a := bytes.Repeat([]byte("0123456789abcdef"), 160_000) // 2.5 MB: three blocks
	b := bytes.Clone(a)
	b[len(b)-1] = 'X'
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	pa, pa2, pb, short := write("a", a), write("a2", a), write("b", b), write("short", a[:len(a)-1])
	for _, c := range []struct {
		x, y string
		want bool
	}{{pa, pa2, true}, {pa, pb, false}, {pa, short, false}} {
		got, err := SameContent(c.x, c.y)
		if err != nil || got != c.want {
			t.Errorf("SameContent(%s, %s) = %v, %v", filepath.Base(c.x), filepath.Base(c.y), got, err)
		}
	}
	if _, err := SameContent(pa, filepath.Join(dir, "missing")); err == nil {
		t.Error("no error for a missing file")
	}
}

// git config is one more process per driver call: it is read for checksum.json only
// when both sides changed the file differently, the one case where it decides.
func TestReplaceFileKeepsModeAndFollowsLinks(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	if err := os.WriteFile(target, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if err := ReplaceFile(link, strings.NewReader("new")); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(target)
	st, err2 := os.Stat(target)
	if err != nil || err2 != nil || string(b) != "new" || st.Mode().Perm() != 0o640 {
		t.Fatalf("target now %q mode %v (%v, %v)", b, st.Mode().Perm(), err, err2)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatal("the link itself was replaced")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Fatalf("temporary files left: %d entries", len(entries))
	}
}

// ReadAll gives each file's bytes; writing to what it returned leaves the file as it
// was (a mapping is private), and empty files and missing ones behave as os.ReadFile.
func TestReadAllIsAPrivateCopy(t *testing.T) {
	dir := t.TempDir()
	full := bytes.Repeat([]byte("0123456789abcdef"), 1000)
	pa, pe := filepath.Join(dir, "a"), filepath.Join(dir, "empty")
	if err := os.WriteFile(pa, full, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pe, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := ReadAll(pa, pe)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got[0], full) || len(got[1]) != 0 {
		t.Fatalf("ReadAll: %d and %d bytes, want %d and 0", len(got[0]), len(got[1]), len(full))
	}
	got[0][0], got[0][len(full)-1] = 'X', 'Y'
	if onDisk, _ := os.ReadFile(pa); !bytes.Equal(onDisk, full) {
		t.Errorf("a write to ReadAll's bytes reached the file")
	}
	missing := filepath.Join(dir, "missing")
	if _, err := ReadAll(pa, missing); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("missing file: error %v, want one naming %s", err, missing)
	}
}

// countingWriter counts the writes it is given.
type countingWriter struct {
	writes int
	bytes.Buffer
}

func (c *countingWriter) Write(p []byte) (int, error) {
	c.writes++
	return c.Buffer.Write(p)
}

// piecesOf writes its pieces one Write each, as merge.Outcome.WriteTo does.
type piecesOf [][]byte

func (p piecesOf) WriteTo(w io.Writer) (int64, error) {
	var n int64
	for _, b := range p {
		k, err := w.Write(b)
		n += int64(k)
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// A result in one piece, or a large piece that finds the buffer empty, goes to the
// file as it is: one write of the caller's own bytes, not a copy through a buffer.
func TestWriteBufferedPassesLargePiecesThrough(t *testing.T) {
	piece := bytes.Repeat([]byte("{ \"a\": 1 }\n"), 500) // 6 KB, as a checksum.json
	var got [][]byte
	w := writerFunc(func(p []byte) (int, error) {
		got = append(got, p)
		return len(p), nil
	})
	if err := writeBuffered(w, piecesOf{piece}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(got[0]) != len(piece) || &got[0][0] != &piece[0] {
		t.Fatalf("%d writes; want one, of the piece itself", len(got))
	}
	// Small pieces are joined, and a large one after them is written after them.
	got = nil
	if err := writeBuffered(w, piecesOf{[]byte("a"), []byte("b"), piece}); err != nil {
		t.Fatal(err)
	}
	var all []byte
	for _, p := range got {
		all = append(all, p...)
	}
	if want := append([]byte("ab"), piece...); !bytes.Equal(all, want) || len(got) > 2 {
		t.Errorf("%d writes of %d bytes, want at most 2 of %d", len(got), len(all), len(want))
	}
}

// writerFunc is a Writer made of a function.
type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func TestWriteBufferedJoinsSmallPieces(t *testing.T) {
	var want bytes.Buffer
	var src piecesOf
	for i := 0; i < 10000; i++ {
		b := []byte(fmt.Sprintf("    Text: =\"%d\"\n", i))
		src = append(src, b)
		want.Write(b)
	}
	large := bytes.Repeat([]byte("x"), 200<<10)
	src = append(src, large)
	want.Write(large)
	var w countingWriter
	if err := writeBuffered(&w, src); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(w.Bytes(), want.Bytes()) {
		t.Fatal("the written bytes differ from the pieces joined")
	}
	// 10,000 small pieces (about 190 KB) in 64 KiB writes, and the large piece.
	if w.writes > 8 {
		t.Errorf("%d writes for 10,001 pieces, want at most 8", w.writes)
	}
}
