package structural

import (
	"strings"

	"github.com/canvasgit/canvasgit/merge/linemerge"
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
// marker line; ours, base and theirs write each side's lines.
func Region(opt linemerge.Options, marker func(c byte, label string), ours, base, theirs func()) {
	switch opt.Favor {
	case linemerge.FavorOurs:
		ours()
	case linemerge.FavorTheirs:
		theirs()
	default:
		marker('<', opt.OursLabel)
		ours()
		if opt.Style == linemerge.StyleDiff3 || opt.Style == linemerge.StyleZDiff3 {
			marker('|', opt.BaseLabel)
			base()
		}
		marker('=', "")
		theirs()
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
