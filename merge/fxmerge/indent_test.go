package fxmerge

import (
	"testing"

	"github.com/canvasgit/canvasgit/source/fxyaml"
)

// TestMixedIndentation merges inputs whose indentation widths differ (1-space levels
// under 4-space ones, or the sides indenting differently): the parser accepts any
// consistent indentation, so the writer must place every block by its position in the
// result, not by where it sat in its input.
func TestMixedIndentation(t *testing.T) {
	cases := []struct {
		name, base, ours, theirs, want string
	}{
		{
			// Found by FuzzMerge: ours nests by 1 space, theirs moved Label1 to the top
			// level. Label1 used to be written at ours' depth (1 space), which makes it a
			// child of Screen1 or, with Screen1's body at another depth, does not parse.
			name:   "moved to the top from a 1-space level",
			base:   "Screen1 As screen:\n    Fill: =White\n\n    Label1 As label:\n        Text: =\"a\"\n",
			ours:   "Screen1 As screen:\n Fill: =White\n\n Label1 As label:\n  Text: =\"b\"\n",
			theirs: "Screen1 As screen:\n    Fill: =Black\n\nLabel1 As label:\n    Text: =\"a\"\n",
			want:   "Screen1 As screen:\n    Fill: =Black\n\nLabel1 As label:\n Text: =\"b\"\n",
		},
		{
			name:   "1-space properties under 4-space controls",
			base:   "Screen1 As screen:\n    Label1 As label:\n     Text: =\"a\"\n     X: =1\n    Label2 As label:\n     Text: =\"b\"\n",
			ours:   "Screen1 As screen:\n    Label1 As label:\n     Text: =\"a2\"\n     X: =1\n    Label2 As label:\n     Text: =\"b\"\n",
			theirs: "Screen1 As screen:\n    Label2 As label:\n     Text: =\"b\"\n     Label1 As label:\n      Text: =\"a\"\n      X: =2\n",
			want:   "Screen1 As screen:\n    Label2 As label:\n     Text: =\"b\"\n     Label1 As label:\n      Text: =\"a2\"\n      X: =2\n",
		},
	}
	for _, c := range cases {
		res, err := Merge([]byte(c.base), []byte(c.ours), []byte(c.theirs), Options{})
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if string(res.Merged) != c.want {
			t.Errorf("%s: merged\n%s\nwant\n%s", c.name, res.Merged, c.want)
		}
		f, err := fxyaml.Parse(res.Merged)
		if err != nil {
			t.Errorf("%s: output does not parse: %v", c.name, err)
			continue
		}
		if len(f.Blocks()) != len(mustParse(t, c.theirs).Blocks()) {
			t.Errorf("%s: %d top-level blocks, want theirs' %d", c.name, len(f.Blocks()), len(mustParse(t, c.theirs).Blocks()))
		}
	}
}

func mustParse(t *testing.T, s string) *fxyaml.File {
	t.Helper()
	f, err := fxyaml.Parse([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return f
}
