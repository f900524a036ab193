package structural

import (
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/merge/linemerge"
)

func TestMergeFormulaTrailing(t *testing.T) {
	body := []byte("=If(x,\n1,\ny,\n2)\n")
	ours := []byte("=If(x,\n10,\ny,\n2)\n")
	theirs := []byte("=If(x,\n1,\ny,\n20)\n")
	always := func(int64) bool { return true }
	for _, c := range []struct {
		name       string
		nb, no, nt int
		ok         bool
		trailing   int
	}{
		{"all agree", 1, 1, 1, true, 1},
		{"ours changed it", 1, 0, 1, true, 0},
		{"theirs changed it", 1, 1, 2, true, 2},
		{"both changed it alike", 1, 2, 2, true, 2},
		{"both changed it differently", 1, 0, 2, false, 0},
		{"added on both sides alike", -1, 1, 1, true, 1},
		{"added on both sides differently", -1, 0, 1, false, 0},
	} {
		res, trailing, ok := MergeFormula(body, ours, theirs, c.nb, c.no, c.nt, linemerge.Options{}, always)
		if ok != c.ok || trailing != c.trailing {
			t.Errorf("%s: got (%d, %v), want (%d, %v)", c.name, trailing, ok, c.trailing, c.ok)
			continue
		}
		if ok && string(res.Merged) != "=If(x,\n10,\ny,\n20)\n" {
			t.Errorf("%s: merged %q", c.name, res.Merged)
		}
	}
}

// The work charged is both line diffs' bound, and a refusal stops the merge.
func TestMergeFormulaCharge(t *testing.T) {
	base := []byte("a\nb\n")      // 2 lines
	ours := []byte("a\nb\nc\n")   // 3 lines
	theirs := []byte("x\na\nb\n") // 3 lines
	var charged int64
	_, _, ok := MergeFormula(base, ours, theirs, 0, 0, 0, linemerge.Options{}, func(n int64) bool { charged = n; return true })
	if !ok || charged != 5*5+5*5 {
		t.Fatalf("charged %d (ok %v), want 50", charged, ok)
	}
	if _, _, ok := MergeFormula(base, ours, theirs, 0, 0, 0, linemerge.Options{}, func(int64) bool { return false }); ok {
		t.Fatal("merged although the work limit refused")
	}
}

func TestBodyLines(t *testing.T) {
	base := []byte("a\n=======\nb\nc\n")
	ours := []byte("a\n=======\nb1\nc\n")
	theirs := []byte("a\n=======\nb2\nc\n")
	opt := linemerge.Options{}
	res := linemerge.Merge(base, ours, theirs, opt)
	var sb strings.Builder
	BodyLines(res, opt, func(text string, marker bool) {
		if marker {
			sb.WriteString("M " + text + "|")
		} else {
			sb.WriteString(text + "|")
		}
	})
	want := "a|=======|M <<<<<<<|b1|M =======|b2|M >>>>>>>|c|"
	if sb.String() != want {
		t.Fatalf("got %s\nwant %s", sb.String(), want)
	}
}
