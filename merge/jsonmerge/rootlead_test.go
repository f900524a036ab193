package jsonmerge

import (
	"bytes"
	"testing"

	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// A root value both sides changed differently is a conflict whose markers start their
// lines: what a side writes before its root on the same line (a BOM, spaces) goes
// inside that side, so that resolving the conflict gives each side's text back. Written
// after the prefix, the markers followed a BOM on the first line, where no tool finds
// them (FuzzMerge found it; the merge fell back with an internal error).
func TestRootConflictAfterLeadingText(t *testing.T) {
	for _, tc := range []struct{ name, base, ours, theirs string }{
		{"bom", "\ufeff2", "\ufeff0", "\ufeff1"},
		{"bom, base an object", "{\"0\":[{\n }]}", "\ufeff0", "\ufeff1"},
		{"spaces", "  2", "  0\n", "   1\n"},
		{"lines then spaces", "\n\n  2", "\n\n  0", "\n\n\t1"},
		{"bom on ours only", "2", "\ufeff0", "1"},
		{"add/add", "", "\ufeff1", "\ufeff2"},
	} {
		for _, style := range []linemerge.Style{linemerge.StyleMerge, linemerge.StyleDiff3} {
			opt := testOptions
			opt.Style = style
			res, err := Merge([]byte(tc.base), []byte(tc.ours), []byte(tc.theirs), GenericPolicy, opt)
			if err != nil {
				t.Errorf("%s, style %v: %v", tc.name, style, err)
				continue
			}
			if res.Clean() {
				t.Errorf("%s, style %v: clean, want a root conflict:\n%q", tc.name, style, res.Merged)
				continue
			}
			checkResolvable(t, res)
			for keep, want := range map[byte]string{'<': tc.ours, '>': tc.theirs} {
				got := linemerge.ResolveMarkers(res.Merged, 7, keep)
				if w := []byte(want); !bytes.Equal(bytes.TrimRight(got, "\n"), bytes.TrimRight(w, "\n")) {
					t.Errorf("%s, style %v: resolved to %c gives %q, want %q", tc.name, style, keep, got, want)
				}
			}
		}
	}
}
