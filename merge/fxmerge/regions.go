package fxmerge

import "bytes"

// lineRegion is a run of whole lines one side changed: bytes [start, end) of the base,
// which are bytes [start+shift, end+shift+delta) of the side (shift is what the side's
// earlier regions added); line is the base line of start, lines the number of lines.
type lineRegion struct {
	start, end   int
	shift, delta int
	line, lines  int
}

// maxRegions bounds the regions a side may change for the fast path: the scan checks
// every property against each, and a side that changed more is a rewrite, which the
// general merge handles.
const maxRegions = 32

// changedRegions finds the lines side changed from base, as regions in base order with
// the text between them common to both. It is a line diff that only finds what the
// fast path can take, in one pass over the inputs: from each difference, the region
// runs to the first following line both inputs have alike that is indented no deeper
// than the line that differs (the end of the formula holding it), narrowed until both
// inputs agree there (see resync). It returns nil when side did not change, changed more
// than maxRegions regions, or changed lines this cannot align. Whether each region is
// within one property is for the scan of the base to decide.
func changedRegions(base, side []byte) []lineRegion {
	var rs []lineRegion
	b, s, line := 0, 0, 0
	for {
		n := min(len(base)-b, len(side)-s)
		p := commonPrefix(base[b:b+n], side[s:s+n])
		if b+p == len(base) && s+p == len(side) {
			return rs
		}
		q := bytes.LastIndexByte(base[b:b+p], '\n') + 1 // back to the start of the line
		line += bytes.Count(base[b:b+q], []byte("\n"))
		// A line both start with a key, ": =" or ": |", and then differ: a formula
		// changed in place (a property added or deleted there would be the key twice).
		inPlace := bytes.Contains(base[b+q:b+p], []byte(": =")) || bytes.Contains(base[b+q:b+p], []byte(": |"))
		b, s = b+q, s+q
		if len(rs) == maxRegions {
			return nil
		}
		bEnd, sEnd, ok := resync(base, side, b, s)
		if ok {
			bEnd, sEnd = trimCommonLines(base, side, b, s, bEnd, sEnd)
		}
		// Lines only one side has, when they are no more than resync's region holds
		// (which pairs each added line with the base's line in its place, and so on).
		if !inPlace {
			if e, f, shifted := linesAddedOrDeleted(base, side, b, s); shifted &&
				(!ok || bytes.Count(base[b:e], []byte("\n"))+bytes.Count(side[s:f], []byte("\n")) <=
					bytes.Count(base[b:bEnd], []byte("\n"))+bytes.Count(side[s:sEnd], []byte("\n"))) {
				bEnd, sEnd, ok = e, f, true
			}
		}
		if !ok {
			return nil
		}
		r := lineRegion{start: b, end: bEnd, shift: s - b, delta: (sEnd - s) - (bEnd - b), line: line,
			lines: bytes.Count(base[b:bEnd], []byte("\n"))}
		rs = append(rs, r)
		line += r.lines
		b, s = bEnd, sEnd
	}
}

// resync returns where the region that starts at line offsets b of base and s of side
// ends in each: the first following lines, indented no deeper than a threshold, that
// are the same bytes in both (or the ends of both), or are indented alike (the next
// region starts there: a formula changed right after this one). The threshold starts at the indent of base's line (a
// formula's continuation lines are indented deeper than its key, so a formula edited
// in place ends at the next line of its own depth) and drops below the deeper of two
// lines that differ (lines were added or deleted in a block formula, so the region
// runs to the formula's end). Blank lines both have before the end are left out of the
// region: they are no property's. ok is false when the lines never agree.
func resync(base, side []byte, b, s int) (bEnd, sEnd int, ok bool) {
	t := countSpaces(lineAt(base, b))
	bEnd, sEnd = nextAtMost(base, b, t), nextAtMost(side, s, t)
	for {
		lb, ls := lineAt(base, bEnd), lineAt(side, sEnd)
		ib, is := countSpaces(lb), countSpaces(ls)
		if bytes.Equal(lb, ls) || ib == is {
			break // the same line, or lines at one depth that differ: the next region's start
		}
		// Lines both skipped are deeper than t, so deeper than the new threshold: the
		// search goes on from where it stopped, and the whole is one pass.
		if t = max(ib, is) - 1; t < 0 {
			return 0, 0, false
		}
		bEnd, sEnd = atOrAfter(base, bEnd, t), atOrAfter(side, sEnd, t)
	}
	for {
		pb, ps := prevLine(base, bEnd), prevLine(side, sEnd)
		if pb <= b || ps <= s || !isBlank(base[pb:bEnd]) || !bytes.Equal(base[pb:bEnd], side[ps:sEnd]) {
			return bEnd, sEnd, true
		}
		bEnd, sEnd = pb, ps
	}
}

// maxShift bounds the lines a region of lines only one side has may hold
// (linesAddedOrDeleted): a property Studio adds or deletes is a few lines.
const maxShift = 128

// agreeLines is how many lines must agree after lines added or deleted for the
// region to end there (one could agree by chance: a blank line, a closing bracket).
const agreeLines = 3

// linesAddedOrDeleted returns where a region that starts at line offsets b of base and
// s of side ends when the side only added whole lines there, or only deleted them (a
// property added or deleted): the fewest lines after which the two agree again for
// agreeLines lines (or to both ends). ok is false when neither did within maxShift
// lines. resync, which follows indentation, would pair each added line with the base's
// line in its place and so on to the end of the control.
func linesAddedOrDeleted(base, side []byte, b, s int) (bEnd, sEnd int, ok bool) {
	ins, ni, oki := skipToAgree(side, s, base, b)
	del, nd, okd := skipToAgree(base, b, side, s)
	switch {
	case oki && (!okd || ni <= nd):
		return b, ins, true
	case okd:
		return del, s, true
	}
	return 0, 0, false
}

// skipToAgree returns the offset of the first line of data after the one at offset i,
// within maxShift lines, from which data agrees with other from offset j for
// agreeLines lines (or to both ends), and the lines it skipped.
func skipToAgree(data []byte, i int, other []byte, j int) (at, n int, ok bool) {
	want := lineAt(other, j) // the first line must be this one: checked first, cheaply
	at = i
	for n = 1; n <= maxShift; n++ {
		k := bytes.IndexByte(data[at:], '\n')
		if k < 0 {
			return 0, 0, false
		}
		at += k + 1
		if bytes.HasPrefix(data[at:], want) && linesAgree(data, at, other, j) {
			return at, n, true
		}
	}
	return 0, 0, false
}

// linesAgree reports whether a from offset i and b from offset j hold the same
// agreeLines lines (or the same lines to both ends).
func linesAgree(a []byte, i int, b []byte, j int) bool {
	for k := 0; k < agreeLines; k++ {
		la, lb := lineAt(a, i), lineAt(b, j)
		if !bytes.Equal(la, lb) {
			return false
		}
		if len(la) == 0 {
			return true
		}
		i, j = i+len(la), j+len(lb)
	}
	return true
}

// trimCommonLines leaves out of a region [b, bEnd) of base and [s, sEnd) of side the
// whole lines it ends with in both: a line added or deleted shows as lines of one side
// only (resync ends a region at the end of a formula, or further when lines were added
// or deleted before it, and the lines after the change are the same).
func trimCommonLines(base, side []byte, b, s, bEnd, sEnd int) (int, int) {
	// The common suffix of bytes (compared a block at a time), back to the first
	// offset in it that starts a line in both: a region resync ran to the end of the
	// file gives back all but the lines added, at the cost of a comparison of bytes.
	n := commonSuffix(base[b:bEnd], side[s:sEnd])
	for ; n > 0; n-- {
		pb, ps := bEnd-n, sEnd-n
		if (pb == b || base[pb-1] == '\n') && (ps == s || side[ps-1] == '\n') {
			break
		}
	}
	return bEnd - n, sEnd - n
}

// lineAt returns the line that starts at offset i, its line break included.
func lineAt(data []byte, i int) []byte {
	if j := bytes.IndexByte(data[i:], '\n'); j >= 0 {
		return data[i : i+j+1]
	}
	return data[i:]
}

// prevLine returns the offset of the start of the line before the one at offset i.
func prevLine(data []byte, i int) int {
	if i == 0 {
		return 0
	}
	return bytes.LastIndexByte(data[:i-1], '\n') + 1
}

// nextAtMost returns the offset of the first line after the one at offset i that is not
// blank and is indented by at most t spaces, or the data's length when there is none
// (a region that ends there ends the file, unless blank lines end it).
func nextAtMost(data []byte, i, t int) int {
	for {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 || i+j+1 == len(data) {
			return len(data)
		}
		i += j + 1
		if l := lineAt(data, i); !isBlank(l) && countSpaces(l) <= t {
			return i
		}
	}
}

// atOrAfter is nextAtMost counting the line at offset i too.
func atOrAfter(data []byte, i, t int) int {
	if i < len(data) {
		if l := lineAt(data, i); !isBlank(l) && countSpaces(l) <= t {
			return i
		}
	}
	return nextAtMost(data, i, t)
}

// isBlank reports whether a line holds nothing but spaces and its line break.
func isBlank(line []byte) bool {
	return len(bytes.Trim(line, " \r\n")) == 0
}

// wholeRegion is the one region that holds all side changed: all lines but their
// common prefix and suffix of whole lines. It is what the fast path tries when
// changedRegions finds no regions it can place, though all the changes may lie within
// one property (a line added to or deleted from a long list of lines of one depth in a
// block formula: resync then finds a region per line). ok is false when the change
// reaches the last line, or there is none.
func wholeRegion(base, side []byte) (r lineRegion, ok bool) {
	n := min(len(base), len(side))
	p := commonPrefix(base[:n], side[:n])
	s := commonSuffix(base[p:], side[p:])
	// The region starts at the start of the line of the first difference, and ends at
	// the start of the first line wholly inside the common suffix (after a line break
	// that is itself common).
	start := bytes.LastIndexByte(base[:p], '\n') + 1
	suffix := len(base) - s
	nl := bytes.IndexByte(base[suffix:], '\n')
	if nl < 0 || suffix+nl+1 == len(base) {
		return r, false
	}
	end := suffix + nl + 1
	return lineRegion{start: start, end: end, delta: len(side) - len(base),
		line: bytes.Count(base[:start], []byte("\n")), lines: bytes.Count(base[start:end], []byte("\n"))}, true
}

// commonSuffix returns the length of the common suffix of a and b.
func commonSuffix(a, b []byte) int {
	const block = 64
	n := min(len(a), len(b))
	i := 0
	for i+block <= n && bytes.Equal(a[len(a)-i-block:len(a)-i], b[len(b)-i-block:len(b)-i]) {
		i += block
	}
	for i < n && a[len(a)-i-1] == b[len(b)-i-1] {
		i++
	}
	return i
}
