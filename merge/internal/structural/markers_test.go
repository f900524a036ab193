package structural

import (
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/merge/linemerge"
)

func TestMarkerLine(t *testing.T) {
	for _, c := range []struct {
		c     byte
		label string
		size  int
		want  string
	}{
		{'<', "ours", 0, "<<<<<<< ours"},
		{'=', "", 0, "======="},
		{'>', "theirs", 9, ">>>>>>>>> theirs"},
		{'|', "", -1, "|||||||"},
	} {
		if got := MarkerLine(c.c, c.label, c.size); got != c.want {
			t.Errorf("MarkerLine(%q, %q, %d) = %q, want %q", c.c, c.label, c.size, got, c.want)
		}
	}
}

func TestRegion(t *testing.T) {
	opt := linemerge.Options{OursLabel: "O", BaseLabel: "B", TheirsLabel: "T"}
	write := func(opt linemerge.Options) string {
		var sb strings.Builder
		Region(opt,
			func(c byte, label string) { sb.WriteString(MarkerLine(c, label, 3) + "\n") },
			func() { sb.WriteString("ours\n") },
			func() { sb.WriteString("base\n") },
			func() { sb.WriteString("theirs\n") })
		return sb.String()
	}
	check := func(name string, opt linemerge.Options, want string) {
		t.Helper()
		if got := write(opt); got != want {
			t.Errorf("%s:\n%s\nwant:\n%s", name, got, want)
		}
	}
	check("merge style", opt, "<<< O\nours\n===\ntheirs\n>>> T\n")
	opt.Style = linemerge.StyleDiff3
	check("diff3", opt, "<<< O\nours\n||| B\nbase\n===\ntheirs\n>>> T\n")
	opt.Style = linemerge.StyleZDiff3
	check("zdiff3", opt, "<<< O\nours\n||| B\nbase\n===\ntheirs\n>>> T\n")
	opt.Favor = linemerge.FavorOurs
	check("favor ours", opt, "ours\n")
	opt.Favor = linemerge.FavorTheirs
	check("favor theirs", opt, "theirs\n")
}

// A formula line that reads like a marker is not one; the marker lines are found from
// each region's shape.
func TestMarkerLines(t *testing.T) {
	base := []byte("a\n=======\nb\nc\n")
	ours := []byte("a\n=======\nb1\nc\n")
	theirs := []byte("a\n=======\nb2\nc\n")
	for _, c := range []struct {
		name  string
		opt   linemerge.Options
		lines []int
	}{
		{"merge style", linemerge.Options{}, []int{3, 5, 7}},
		{"diff3", linemerge.Options{Style: linemerge.StyleDiff3}, []int{3, 5, 7, 9}},
		{"favor", linemerge.Options{Favor: linemerge.FavorOurs}, nil},
	} {
		res := linemerge.Merge(base, ours, theirs, c.opt)
		got := MarkerLines(res, c.opt)
		if len(got) != len(c.lines) {
			t.Errorf("%s: marker lines %v, want %v in\n%s", c.name, got, c.lines, res.Merged)
			continue
		}
		for _, l := range c.lines {
			if !got[l] {
				t.Errorf("%s: marker lines %v, want %v in\n%s", c.name, got, c.lines, res.Merged)
			}
		}
	}
}
