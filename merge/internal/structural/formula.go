package structural

import (
	"strings"

	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// MergeFormula merges a multi-line formula both sides changed, line by line. bb, bo and
// bt are the base, ours and theirs bodies (each line ended; nil for a side that lacks
// the value) and nb, no and nt the line breaks each value ends with (-1 for none, which
// equals no side's). charge is asked for the steps of work both line diffs cost at most
// and refuses when the merge's work limit is reached.
//
// ok is false when only a conflict on the whole value fits: the sides disagree on the
// trailing line breaks (the block's chomp, written on the shared key line), or the work
// limit is reached. Otherwise trailing is the line breaks the merged value ends with
// and res the line merge of the bodies.
func MergeFormula(bb, bo, bt []byte, nb, no, nt int, opt linemerge.Options, charge func(steps int64) bool) (res linemerge.Result, trailing int, ok bool) {
	trailing = no
	switch {
	case no == nt, nt == nb:
	case no == nb:
		trailing = nt
	default:
		return linemerge.Result{}, 0, false
	}
	lines := func(b []byte) int64 { return int64(strings.Count(string(b), "\n")) }
	lb, lo, lt := lines(bb), lines(bo), lines(bt)
	if !charge((lb+lo)*(lb+lo) + (lb+lt)*(lb+lt)) {
		return linemerge.Result{}, 0, false
	}
	return linemerge.Merge(bb, bo, bt, opt), trailing, true
}

// BodyLines calls line for each line of a merged formula body, without its line break,
// saying whether it is a conflict marker (see MarkerLines) rather than a formula line,
// so the caller can indent the formula lines and leave the markers at column 0 as git
// writes them.
func BodyLines(res linemerge.Result, opt linemerge.Options, line func(text string, marker bool)) {
	marker := MarkerLines(res, opt)
	lines := strings.SplitAfter(string(res.Merged), "\n")
	if n := len(lines); n > 0 && lines[n-1] == "" {
		lines = lines[:n-1]
	}
	for i, l := range lines {
		line(strings.TrimSuffix(l, "\n"), marker[i+1])
	}
}
