package linemerge

// commonEnds returns how many leading and trailing lines a and b share,
// the two never overlapping.
func commonEnds(a, b []int32) (pre, suf int) {
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	return pre, suf
}

// trimCommonEnds is zdiff3: the lines ours and theirs share at the start and
// at the end of the conflict move out of it; the base part stays whole.
func (in *input) trimCommonEnds(ps []piece, r region) []piece {
	pre, suf := commonEnds(in.oid[r.ours.lo:r.ours.hi], in.tid[r.theirs.lo:r.theirs.hi])
	ps = appendCommon(ps, in.ours[r.ours.lo:r.ours.lo+pre])
	ps = append(ps, piece{c: &conflict{
		base:   r.base,
		ours:   in.ours[r.ours.lo+pre : r.ours.hi-suf],
		theirs: in.theirs[r.theirs.lo+pre : r.theirs.hi-suf],
	}})
	return appendCommon(ps, in.ours[r.ours.hi-suf:r.ours.hi])
}

// refine is the default style's treatment of a conflict (measured on git):
// ours' lines of the region are diffed against theirs', and the conflict
// is split at the lines they share, so that common leading and trailing
// lines move out of it. The diff covers the whole region, not just what
// lies between the common ends: git lets an ambiguous hunk slide into the
// common lines. Every piece reports the whole region's base.
func (in *input) refine(ps []piece, r region) []piece {
	o0, t0 := r.ours.lo, r.theirs.lo
	hs := hunksOf(in.diff(in.ours[o0:r.ours.hi], in.theirs[t0:r.theirs.hi], in.oid[o0:r.ours.hi], in.tid[t0:r.theirs.hi]))
	o := o0
	for _, h := range hs {
		ps = appendCommon(ps, in.ours[o:o0+h.a0])
		ps = append(ps, piece{c: &conflict{
			base:   r.base,
			ours:   in.ours[o0+h.a0 : o0+h.a1],
			theirs: in.theirs[t0+h.b0 : t0+h.b1],
		}})
		o = o0 + h.a1
	}
	return appendCommon(ps, in.ours[o:r.ours.hi])
}

func appendCommon(ps []piece, lines [][]byte) []piece {
	if len(lines) == 0 {
		return ps
	}
	return append(ps, piece{lines: lines})
}

// maxJoinGap is the largest number of lines between two conflicts that git
// folds into one conflict regardless of their content (measured: 3 joins,
// 4 does not).
const maxJoinGap = 3

// joinConflicts folds neighbouring conflicts into one when the lines
// between them are few (maxJoinGap) or carry no ASCII letter or digit
// (measured on git's default style). Conflicts with a one-sided change
// between them stay apart.
func joinConflicts(ps []piece) []piece {
	var out []piece
	last := -1 // index in out of a conflict the next one may join
	for _, p := range ps {
		if p.c == nil {
			out = append(out, p)
			if p.oneSided {
				last = -1
			}
			continue
		}
		if last >= 0 && joinable(out[last+1:]) {
			c := out[last].c
			var gap [][]byte
			for _, q := range out[last+1:] {
				gap = append(gap, q.lines...)
			}
			out[last].c = &conflict{
				base:   span{c.base.lo, p.c.base.hi},
				ours:   concatLines(c.ours, gap, p.c.ours),
				theirs: concatLines(c.theirs, gap, p.c.theirs),
			}
			out = out[:last+1]
			continue
		}
		out = append(out, p)
		last = len(out) - 1
	}
	return out
}

func joinable(between []piece) bool {
	n := 0
	for _, q := range between {
		n += len(q.lines)
	}
	if n <= maxJoinGap {
		return true
	}
	for _, q := range between {
		for _, l := range q.lines {
			if hasAlnum(l) {
				return false
			}
		}
	}
	return true
}

func hasAlnum(l []byte) bool {
	for _, c := range l {
		if c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			return true
		}
	}
	return false
}

// concatLines copies the lists into a new one (never appending in place
// to slices that share the input's backing arrays).
func concatLines(parts ...[][]byte) [][]byte {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	out := make([][]byte, 0, n)
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}
