package linemerge

import (
	"bytes"
	"sort"
)

// Output of the merged file (xdl_fill_merge_buffer / fill_conflict_hunk).

// writer appends to the result and counts its lines for Conflict positions.
type writer struct {
	buf   []byte
	lines int // '\n' written so far
}

func (w *writer) copyLines(ls [][]byte) {
	for _, l := range ls {
		w.buf = append(w.buf, l...)
		if l[len(l)-1] == '\n' {
			w.lines++
		}
	}
}

// side writes a conflict side; like git it ends an unterminated last line
// with a newline (CRLF when the markers use CRLF) so the marker after it
// starts a line of its own.
func (w *writer) side(ls [][]byte, crlf bool) {
	w.copyLines(ls)
	if n := len(ls); n > 0 {
		if last := ls[n-1]; last[len(last)-1] != '\n' {
			if crlf {
				w.buf = append(w.buf, '\r')
			}
			w.buf = append(w.buf, '\n')
			w.lines++
		}
	}
}

func (w *writer) marker(c byte, size int, label string, crlf bool) {
	w.buf = append(w.buf, bytes.Repeat([]byte{c}, size)...)
	if label != "" {
		w.buf = append(w.buf, ' ')
		w.buf = append(w.buf, label...)
	}
	if crlf {
		w.buf = append(w.buf, '\r')
	}
	w.buf = append(w.buf, '\n')
	w.lines++
}

func (m *merger) render(regs []region) Result {
	size := m.opt.MarkerSize
	if size <= 0 {
		size = defaultMarkerSize
	}
	diff3 := m.opt.Style == StyleDiff3 || m.opt.Style == StyleZDiff3
	w := &writer{}
	var conflicts []Conflict
	next := 0 // next line of ours not yet written
	for _, r := range regs {
		if r.mode == modeIdentical {
			// Equal sides: ours is written as ordinary context later.
			continue
		}
		w.copyLines(m.ours[next:r.i1])
		next = r.i1 + r.n1
		ours := m.ours[r.i1 : r.i1+r.n1]
		theirs := m.theirs[r.i2 : r.i2+r.n2]
		if r.mode != modeConflict {
			if r.mode == modeOurs {
				w.copyLines(ours)
			} else {
				w.copyLines(theirs)
			}
			continue
		}
		b0, b1 := r.i0, r.i0+r.n0
		if r.baseStale {
			b0, b1 = m.baseSpan(r)
		}
		c := Conflict{
			Base:   joinLines(m.base[b0:b1]),
			Ours:   joinLines(ours),
			Theirs: joinLines(theirs),
		}
		switch m.opt.Favor {
		case FavorOurs, FavorTheirs:
			kept := ours
			if m.opt.Favor == FavorTheirs {
				kept = theirs
			}
			c.StartLine = w.lines + 1
			c.EndLine = c.StartLine + len(kept) - 1
			w.copyLines(kept)
		default:
			crlf := m.needsCR(r)
			c.StartLine = w.lines + 1
			w.marker('<', size, m.opt.OursLabel, crlf)
			w.side(ours, crlf)
			if diff3 {
				w.marker('|', size, m.opt.BaseLabel, crlf)
				w.side(m.base[r.i0:r.i0+r.n0], crlf)
			}
			w.marker('=', size, "", crlf)
			w.side(theirs, crlf)
			w.marker('>', size, m.opt.TheirsLabel, crlf)
			c.EndLine = w.lines
		}
		conflicts = append(conflicts, c)
	}
	w.copyLines(m.ours[next:])
	return Result{Merged: w.buf, Conflicts: conflicts}
}

// eolCRLF tells whether line i of ls ends in CRLF: 1 yes, 0 no, -1 unknown. An
// unterminated last line takes the ending of the line before it
// (is_eol_crlf).
func eolCRLF(ls [][]byte, i int) int {
	isCR := func(l []byte) int {
		if len(l) > 1 && l[len(l)-2] == '\r' {
			return 1
		}
		return 0
	}
	if i < len(ls)-1 {
		return isCR(ls[i])
	}
	if len(ls) == 0 {
		return -1
	}
	if l := ls[i]; len(l) > 0 && l[len(l)-1] == '\n' {
		return isCR(l)
	}
	if i == 0 {
		return -1
	}
	return isCR(ls[i-1])
}

// needsCR decides whether marker lines get CRLF: both sides' lines just before
// the conflict (or their first line) must end in CRLF, and so must the base's
// first line, where known (is_cr_needed).
func (m *merger) needsCR(r region) bool {
	at := func(i int) int {
		if i > 0 {
			return i - 1
		}
		return 0
	}
	v := eolCRLF(m.ours, at(r.i1))
	if v != 0 {
		v = eolCRLF(m.theirs, at(r.i2))
	}
	if v != 0 {
		v = eolCRLF(m.base, 0)
	}
	return v > 0
}

// baseSpan finds the base lines behind a conflict whose base range git no
// longer tracks (after refinement): the smallest base range that both sides'
// diffs map the region's boundaries onto.
func (m *merger) baseSpan(r region) (int, int) {
	lo := min(toBase(m.d1, r.i1, false), toBase(m.d2, r.i2, false))
	hi := max(toBase(m.d1, r.i1+r.n1, true), toBase(m.d2, r.i2+r.n2, true))
	if hi < lo {
		hi = lo
	}
	return lo, hi
}

// toBase maps a line boundary p of a side onto the base through the diff hs
// (base→side). A boundary inside a change maps to the start of the change's
// base part, or to its end when high is set.
func toBase(hs []hunk, p int, high bool) int {
	// First hunk that does not end before p on the side.
	k := sort.Search(len(hs), func(k int) bool { return hs[k].i2+hs[k].n2 >= p })
	if k < len(hs) {
		h := hs[k]
		if h.i2 <= p {
			switch {
			case p == h.i2 && h.n2 > 0:
				return h.i1
			case p == h.i2+h.n2 && h.n2 > 0:
				return h.i1 + h.n1
			case high:
				return h.i1 + h.n1
			default:
				return h.i1
			}
		}
	}
	if k == 0 {
		return p
	}
	h := hs[k-1]
	return p - (h.i2 + h.n2) + (h.i1 + h.n1)
}
