package fxmerge

import (
	"bytes"
	"strings"
	"testing"
	"unsafe"
)

// within reports whether b lies in the memory of s.
func within(b, s []byte) bool {
	if len(b) == 0 || len(s) == 0 {
		return false
	}
	p, lo := uintptr(unsafe.Pointer(unsafe.SliceData(b))), uintptr(unsafe.Pointer(unsafe.SliceData(s)))
	return p >= lo && p+uintptr(len(b)) <= lo+uintptr(len(s))
}

// The fast path's result is the base with each side's changed properties put in:
// FastParts gives it as slices of the inputs, so the driver writes a large screen
// without a copy of it (issue 18). Only lines the merge rewrote (theirs' line breaks
// made ours') are new bytes, and the pieces join to what Fast returns.
func TestFastPartsAreSlicesOfTheInputs(t *testing.T) {
	base := generalScreen(3000)
	ours := strings.Replace(base, "        Y: =100\n", "        Y: =100 + 1\n", 1)
	theirs := strings.Replace(base, "        Y: =2000\n", "        Y: =2000 + 2\n", 1)
	crlfOurs := strings.ReplaceAll(ours, "\n", "\r\n")
	crlfBase := strings.ReplaceAll(base, "\n", "\r\n")
	for _, c := range []struct {
		name               string
		base, ours, theirs string
		rewritten          string // the one line of no input, if any
	}{
		{"LF", base, ours, theirs, ""},
		{"CRLF", crlfBase, crlfOurs, strings.ReplaceAll(theirs, "\n", "\r\n"), ""},
		// Theirs' changed line gets ours' CRLF: the one line written anew.
		{"theirs' line breaks", crlfBase, crlfOurs, strings.Replace(crlfBase, " Y: =2000\r\n", " Y: =2000 + 2\n", 1),
			"                Y: =2000 + 2\r\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, o, th := []byte(c.base), []byte(c.ours), []byte(c.theirs)
			parts, ok := FastParts(b, o, th, nil)
			if !ok {
				t.Fatal("the fast path did not take the merge")
			}
			var fresh []byte
			for _, p := range parts {
				if !within(p, b) && !within(p, o) && !within(p, th) {
					fresh = append(fresh, p...)
				}
			}
			if string(fresh) != c.rewritten {
				t.Errorf("bytes of the result in no input: %q, want %q", fresh, c.rewritten)
			}
			merged, _ := Fast(b, o, th)
			res, err := MergeGeneral(b, o, th, Options{MarkerSize: 7})
			if err != nil {
				t.Fatal(err)
			}
			if joined := bytes.Join(parts, nil); !bytes.Equal(joined, merged) || !bytes.Equal(joined, res.Merged) {
				t.Errorf("the pieces join to %d bytes; Fast gives %d, the general merge %d", len(joined), len(merged), len(res.Merged))
			}
		})
	}
}

// cut takes any range of the whole, across pieces and at their edges.
func TestPiecesCut(t *testing.T) {
	p := pieces{[]byte("abc"), []byte("de"), []byte("fghi")}
	whole := string(p.join())
	for from := 0; from <= len(whole); from++ {
		for to := from; to <= len(whole); to++ {
			got := p.cut(nil, from, to)
			if s := string(got.join()); s != whole[from:to] {
				t.Fatalf("cut(%d, %d) = %q, want %q", from, to, s, whole[from:to])
			}
			for _, b := range got {
				if len(b) == 0 {
					t.Fatalf("cut(%d, %d) holds an empty piece", from, to)
				}
			}
		}
	}
}
