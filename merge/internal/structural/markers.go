package structural

import (
	"strings"

	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// The three inputs, as the mergers number them (base 0, ours 1, theirs 2).
const (
	Base = iota
	Ours
	Theirs
)

// MarkerLine is one conflict marker line without its line break: c repeated
// markerSize times (git's 7 when markerSize is 0 or less), then " label" when there is
// a label.
func MarkerLine(c byte, label string, markerSize int) string {
	if markerSize <= 0 {
		markerSize = 7
	}
	line := strings.Repeat(string(c), markerSize)
	if label != "" {
		line += " " + label
	}
	return line
}

// Region writes one conflict region in git's layout: `<<<<<<< ours`, ours' section,
// with the diff3 styles `||||||| base` and base's section, `=======`, theirs' section,
// `>>>>>>> theirs`; with a side favoured, that side's section alone. marker writes one
// marker line, section one side's lines (side Base, Ours or Theirs).
func Region(opt linemerge.Options, marker func(c byte, label string), section func(side int)) {
	switch opt.Favor {
	case linemerge.FavorOurs:
		section(Ours)
	case linemerge.FavorTheirs:
		section(Theirs)
	default:
		marker('<', opt.OursLabel)
		section(Ours)
		if opt.Style == linemerge.StyleDiff3 || opt.Style == linemerge.StyleZDiff3 {
			marker('|', opt.BaseLabel)
			section(Base)
		}
		marker('=', "")
		section(Theirs)
		marker('>', opt.TheirsLabel)
	}
}

// MarkerLines returns the 1-based lines of a line merge's output (made with opt) that
// are conflict markers, from the shape of each region: `<<<<<<<`, ours' lines, (with a
// base section `|||||||` and base's lines), `=======`, theirs' lines, `>>>>>>>`.
// Formula lines that merely look like markers are told apart this way. With a side
// favoured there are none.
func MarkerLines(res linemerge.Result, opt linemerge.Options) map[int]bool {
	out := map[int]bool{}
	if opt.Favor != linemerge.FavorNone {
		return out
	}
	count := func(b []byte) int { return strings.Count(string(b), "\n") }
	for _, c := range res.Conflicts {
		l := c.StartLine
		out[l] = true
		l += 1 + count(c.Ours)
		if opt.Style == linemerge.StyleDiff3 || opt.Style == linemerge.StyleZDiff3 {
			out[l] = true
			l += 1 + count(c.Base)
		}
		out[l] = true
		out[c.EndLine] = true
	}
	return out
}
