package merge

import (
	"bytes"
	"errors"
	"testing"
)

// FileParts leaves the fast path's result in pieces (slices of the inputs); File
// joins them, and Content, Equal and WriteTo read either form alike.
func TestFilePartsReadsAsFile(t *testing.T) {
	base := []byte("Screen1 As screen:\n    Fill: =Color.White\n\n    Label1 As label:\n        Text: =\"a\"\n        X: =10\n")
	ours := bytes.Replace(base, []byte("Color.White"), []byte("Color.Red"), 1)
	theirs := bytes.Replace(base, []byte("X: =10"), []byte("X: =20"), 1)
	in := Input{Path: "Src/Screen1.fx.yaml", Base: base, Ours: ours, Theirs: theirs}
	parts, whole := FileParts(in), File(in)
	if parts.Parts == nil || parts.Merged != nil || whole.Parts != nil || whole.Merged == nil {
		t.Fatalf("FileParts: %d parts, merged %v; File: %d parts, merged %v (want parts, then merged)",
			len(parts.Parts), parts.Merged != nil, len(whole.Parts), whole.Merged != nil)
	}
	want := bytes.Replace(ours, []byte("X: =10"), []byte("X: =20"), 1)
	for _, o := range []Outcome{parts, whole} {
		if !bytes.Equal(o.Content(), want) {
			t.Errorf("content %q, want %q", o.Content(), want)
		}
		var buf bytes.Buffer
		if n, err := o.WriteTo(&buf); err != nil || n != int64(len(want)) || !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("WriteTo: %d bytes %q, %v", n, buf.Bytes(), err)
		}
		same := bytes.Replace(want, []byte("X: =20"), []byte("X: =21"), 1) // same length
		if !o.Equal(want) || o.Equal(ours) || o.Equal(same) || o.Equal(want[:len(want)-1]) || o.Equal(append(bytes.Clone(want), '\n')) {
			t.Errorf("Equal: want %v, ours %v, one byte off %v, shorter %v, longer %v (want only the first)",
				o.Equal(want), o.Equal(ours), o.Equal(same), o.Equal(want[:len(want)-1]), o.Equal(append(bytes.Clone(want), '\n')))
		}
	}
}

// A write that fails part way reports the bytes written and the error.
func TestOutcomeWriteToStopsAtError(t *testing.T) {
	o := Outcome{Parts: [][]byte{[]byte("abc"), []byte("def"), []byte("ghi")}}
	w := &failingWriter{room: 4}
	if n, err := o.WriteTo(w); n != 4 || !errors.Is(err, errFull) || w.writes != 2 {
		t.Errorf("WriteTo = %d, %v after %d writes; want 4, errFull after 2", n, err, w.writes)
	}
}

var errFull = errors.New("full")

// failingWriter takes room bytes, then fails.
type failingWriter struct{ room, writes int }

func (w *failingWriter) Write(p []byte) (int, error) {
	w.writes++
	if len(p) > w.room {
		n := w.room
		w.room = 0
		return n, errFull
	}
	w.room -= len(p)
	return len(p), nil
}

// The fast path tells Release of ours and then theirs once it has read each through
// (the driver drops their mapped pages); the result does not change.
func TestFilePartsReleasesSides(t *testing.T) {
	base := []byte("Screen1 As screen:\n    Fill: =Color.White\n\n    Label1 As label:\n        Text: =\"a\"\n        X: =10\n")
	ours := bytes.Replace(base, []byte("Color.White"), []byte("Color.Red"), 1)
	theirs := bytes.Replace(base, []byte("X: =10"), []byte("X: =20"), 1)
	var released [][]byte
	in := Input{Path: "Src/Screen1.fx.yaml", Base: base, Ours: ours, Theirs: theirs,
		Release: func(b []byte) { released = append(released, b) }}
	got := FileParts(in)
	if len(released) != 2 || &released[0][0] != &ours[0] || &released[1][0] != &theirs[0] {
		t.Errorf("released %d inputs, want ours then theirs", len(released))
	}
	in.Release = nil
	if want := File(in); !got.Equal(want.Merged) {
		t.Errorf("with Release: %q, without: %q", got.Content(), want.Merged)
	}
}
