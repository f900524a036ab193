package jsonmerge

import (
	"bytes"
	"strings"

	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// writer renders the merged tree the way pac writes JSON (format-legacy §3): one member
// or entry per line, the file's own indentation step and newline, `"name": value`,
// `{}`/`[]` when empty. Values taken whole from ours are copied as written; every
// scalar keeps its original text. It counts lines so conflicts get line numbers.
type writer struct {
	buf       []byte
	newlines  int // '\n' written so far: the current line is newlines+1
	nl        []byte
	indent    []byte
	indents   [][]byte
	opt       linemerge.Options
	conflicts []Conflict
	// breaks[d] is a line break at depth d (newline and indentation), for canonical.
	breaks []string
	// scanBudget is what is left of the bytes canonical may scan (see rawcopy.go).
	scanBudget int
	// copied counts the containers canonical let the writer copy (for the tests).
	copied int
	// rootLead is, for a root conflict left to the user, each side's text before its
	// root on the root's line (by side: a BOM, spaces), written inside that side.
	rootLead [3][]byte
}

func (w *writer) write(b []byte) {
	w.buf = append(w.buf, b...)
	w.newlines += bytes.Count(b, []byte{'\n'})
}

// token writes text that holds no newline: punctuation, a scalar's token (a JSON
// string cannot hold a raw newline), a member's name. Only the other writes count
// newlines (counting every token was a twentieth of an editor state merge).
func (w *writer) token(s string) { w.buf = append(w.buf, s...) }

func (w *writer) writeString(s string) {
	w.buf = append(w.buf, s...)
	w.newlines += strings.Count(s, "\n")
}

func (w *writer) line() int { return w.newlines + 1 }

// name writes a member's name as its object wrote it (no newline can be inside).
func (w *writer) name(m *member) {
	if m.esc != nil {
		w.buf = append(w.buf, *m.esc...)
		return
	}
	w.buf = append(w.buf, '"')
	w.buf = append(w.buf, m.key...)
	w.buf = append(w.buf, '"')
}

func (w *writer) newline(depth int) {
	w.buf = append(w.buf, w.nl...) // "\n" or "\r\n"
	w.newlines++
	for len(w.indents) <= depth {
		w.indents = append(w.indents, bytes.Repeat(w.indent, len(w.indents)))
	}
	w.buf = append(w.buf, w.indents[depth]...) // spaces and tabs (see layout)
}

func (w *writer) marker(c byte, label string) {
	size := w.opt.MarkerSize
	if size <= 0 {
		size = 7
	}
	w.write(bytes.Repeat([]byte{c}, size))
	if label != "" {
		w.writeString(" " + label)
	}
}

// value writes a value whose first character goes at the current position.
func (w *writer) value(n *node, depth int) {
	if n.like != nil && !n.fromOurs {
		// A copy of base's value for theirs: base's node is written the same (its
		// nodes are not ours' either, with the same texts), without making the
		// copy's children.
		n = n.like
	}
	switch n.kind {
	case kObject, kArray:
		if n.raw != "" && (n.fromOurs || n.lazy && w.canonical(n.raw, depth)) {
			w.writeString(n.raw)
			return
		}
		open, close := "{", "}"
		if n.kind == kArray {
			open, close = "[", "]"
		}
		if !holdsConflict(n) {
			w.plain(n, open, close, depth)
			return
		}
		its := items(n)
		if onlyMarks(its) {
			w.items(its, depth+1) // records where the resolved conflicts kept nothing
			w.token(open + close)
			return
		}
		w.token(open)
		w.items(its, depth+1)
		w.newline(depth)
		w.token(close)
	case kConflict:
		// Only reached for a root conflict; members and entries go through items.
		w.root(n.body.conf)
	default:
		w.buf = append(w.buf, n.raw...) // a scalar's token (see token)
	}
}

// holdsConflict reports whether a container has a conflict among its own members or
// entries (deeper ones are its children's business).
func holdsConflict(n *node) bool {
	if n.kind == kObject {
		for _, m := range n.members() {
			if m.val.kind == kConflict {
				return true
			}
		}
		return false
	}
	for _, e := range n.elems() {
		if e.kind == kConflict {
			return true
		}
	}
	return false
}

// plain writes a container without conflicts of its own: what items and w.items
// write for it, without laying the pieces out first (most merged containers).
func (w *writer) plain(n *node, open, close string, depth int) {
	w.token(open)
	if n.kind == kObject {
		ms := n.members()
		for i, m := range ms {
			w.newline(depth + 1)
			w.entry(entry{key: &ms[i], val: m.val}, depth+1, i < len(ms)-1)
		}
		if len(ms) > 0 {
			w.newline(depth)
		}
	} else {
		es := n.elems()
		for i, e := range es {
			w.newline(depth + 1)
			w.entry(entry{val: e}, depth+1, i < len(es)-1)
		}
		if len(es) > 0 {
			w.newline(depth)
		}
	}
	w.token(close)
}

// entry is a member (key set) or an array entry (key nil).
type entry struct {
	key *member // for its name only: val is the entry's own
	val *node
}

// item is one line-level piece of a container: a plain entry, an empty place where a
// resolved conflict kept nothing (mark), or a run of unresolved conflicts (group).
type item struct {
	entry
	mark  bool
	group *group
	// startRec and endRec are the resolved conflict whose kept lines start or end
	// here, plus one (0: none). One conflict at most starts and one ends at an item.
	startRec, endRec int
}

type group struct {
	recs               []int
	ours, base, theirs []entry
	// commaFirst: the region is last and the entry before it is written without its
	// comma; each side's first entry starts with it.
	commaFirst bool
}

// hasMarkers reports whether a value holds a conflict left to the user.
func hasMarkers(n *node) bool {
	if n.raw != "" {
		return false // read from an input: no conflict inside
	}
	switch n.kind {
	case kConflict:
		return n.body.conf.pick == sideNone
	case kObject:
		for _, m := range n.members() {
			if hasMarkers(m.val) {
				return true
			}
		}
	case kArray:
		for _, e := range n.elems() {
			if hasMarkers(e) {
				return true
			}
		}
	}
	return false
}

// sideOf is one side's values of a conflict and the member name as that side wrote
// it (sideNone: base's).
func sideOf(c *conflict, s side) (vals []*node, key *member) {
	switch s {
	case sideTheirs:
		return c.theirs, c.keyTheirs
	case sideNone:
		return c.base, c.keyBase
	}
	return c.ours, c.keyOurs
}

func alt(c *conflict, s side) []entry {
	vals, key := sideOf(c, s)
	out := make([]entry, len(vals))
	for i, v := range vals {
		out[i] = entry{key: key, val: v}
	}
	return out
}

// items lays out a container's members or entries for rendering.
func items(n *node) []item {
	out := make([]item, 0, max(len(n.members()), len(n.elems())))
	add := func(key *member, v *node) {
		if v.kind != kConflict {
			out = append(out, item{entry: entry{key: key, val: v}})
			return
		}
		c := v.body.conf
		if c.pick != sideNone {
			vals, key := sideOf(c, c.pick)
			if len(vals) == 0 {
				out = append(out, item{mark: true, startRec: c.rec + 1})
				return
			}
			for i, v := range vals {
				it := item{entry: entry{key: key, val: v}}
				if i == 0 {
					it.startRec = c.rec + 1
				}
				if i == len(vals)-1 {
					it.endRec = c.rec + 1
				}
				out = append(out, it)
			}
			return
		}
		g := &group{recs: []int{c.rec}, ours: alt(c, sideOurs), base: alt(c, sideNone), theirs: alt(c, sideTheirs)}
		if k := len(out) - 1; k >= 0 && out[k].group != nil {
			prev := out[k].group // adjacent conflicts share one marked region
			prev.recs = append(prev.recs, g.recs...)
			prev.ours = append(prev.ours, g.ours...)
			prev.base = append(prev.base, g.base...)
			prev.theirs = append(prev.theirs, g.theirs...)
			return
		}
		out = append(out, item{group: g})
	}
	if n.kind == kObject {
		ms := n.members()
		for i := range ms {
			add(&ms[i], ms[i].val)
		}
	} else {
		for _, e := range n.elems() {
			add(nil, e)
		}
	}
	// A last region that is empty on one side would leave the comma before it wrong
	// for that side: take the entry before it into the region. If that entry holds a
	// region of its own, taking it in would nest markers; the region then starts each
	// side with the comma instead (","key": …"), and the entry before goes without.
	if k := len(out) - 1; k > 0 && out[k].group != nil && out[k-1].group == nil && !out[k-1].mark {
		g := out[k].group
		if (len(g.ours) == 0 || len(g.theirs) == 0) && hasMarkers(out[k-1].val) {
			g.commaFirst = true
		} else if len(g.ours) == 0 || len(g.theirs) == 0 {
			lead := out[k-1].entry
			g.ours = append([]entry{lead}, g.ours...)
			g.base = append([]entry{lead}, g.base...)
			g.theirs = append([]entry{lead}, g.theirs...)
			out = append(out[:k-1], out[k])
		}
	}
	return out
}

func onlyMarks(its []item) bool {
	for _, it := range its {
		if !it.mark {
			return false
		}
	}
	return true
}

// items writes the pieces of a container, each on its own line at depth.
func (w *writer) items(its []item, depth int) {
	// hasLater[i]: some piece after i writes an entry, so i's last entry takes a comma.
	hasLater := make([]bool, len(its))
	later := false
	for i := len(its) - 1; i >= 0; i-- {
		hasLater[i] = later
		if !its[i].mark {
			later = true
		}
	}
	if k := len(its) - 1; k > 0 && its[k].group != nil && its[k].group.commaFirst {
		hasLater[k-1] = false
	}
	for i, it := range its {
		switch {
		case it.mark:
			if r := it.startRec - 1; r >= 0 {
				w.conflicts[r].StartLine, w.conflicts[r].EndLine = w.line()+1, w.line()
			}
		case it.group != nil:
			g := it.group
			w.write(w.nl)
			start := w.line()
			w.marker('<', w.opt.OursLabel)
			w.entries(g.ours, depth, hasLater[i], g.commaFirst)
			if w.opt.Style == linemerge.StyleDiff3 || w.opt.Style == linemerge.StyleZDiff3 {
				w.write(w.nl)
				w.marker('|', w.opt.BaseLabel)
				w.entries(g.base, depth, hasLater[i], g.commaFirst)
			}
			w.write(w.nl)
			w.marker('=', "")
			w.entries(g.theirs, depth, hasLater[i], g.commaFirst)
			w.write(w.nl)
			w.marker('>', w.opt.TheirsLabel)
			for _, r := range g.recs {
				w.conflicts[r].StartLine, w.conflicts[r].EndLine = start, w.line()
			}
		default:
			w.newline(depth)
			if r := it.startRec - 1; r >= 0 {
				w.conflicts[r].StartLine = w.line()
			}
			w.entry(it.entry, depth, hasLater[i])
			if r := it.endRec - 1; r >= 0 {
				w.conflicts[r].EndLine = w.line()
			}
		}
	}
}

// entries writes a region side's entries; commaFirst puts the comma that separates
// them from the entry before the region in front of the first one.
func (w *writer) entries(es []entry, depth int, more, commaFirst bool) {
	for j, e := range es {
		w.newline(depth)
		if j == 0 && commaFirst {
			w.token(",")
		}
		w.entry(e, depth, more || j < len(es)-1)
	}
}

func (w *writer) entry(e entry, depth int, comma bool) {
	if e.key != nil {
		w.name(e.key)
		w.token(": ")
	}
	w.value(e.val, depth)
	if comma {
		w.token(",")
	}
}

// root writes a conflict over the whole document.
func (w *writer) root(c *conflict) {
	if c.pick != sideNone {
		es := alt(c, c.pick)
		start := w.line()
		if len(es) == 1 {
			w.value(es[0].val, 0)
		}
		w.conflicts[c.rec].StartLine, w.conflicts[c.rec].EndLine = start, w.line()
		return
	}
	start := w.line()
	w.marker('<', w.opt.OursLabel)
	w.rootSide(c.ours, sideOurs)
	if w.opt.Style == linemerge.StyleDiff3 || w.opt.Style == linemerge.StyleZDiff3 {
		w.write(w.nl)
		w.marker('|', w.opt.BaseLabel)
		w.rootSide(c.base, sideNone)
	}
	w.write(w.nl)
	w.marker('=', "")
	w.rootSide(c.theirs, sideTheirs)
	w.write(w.nl)
	w.marker('>', w.opt.TheirsLabel)
	w.conflicts[c.rec].StartLine, w.conflicts[c.rec].EndLine = start, w.line()
}

// rootSide writes one side's values of a root conflict, each on a new line, the first
// after the side's own text before its root (rootLead).
func (w *writer) rootSide(vals []*node, s side) {
	for i, e := range vals {
		w.write(w.nl)
		if i == 0 {
			w.write(w.rootLead[s])
		}
		w.value(e, 0)
	}
}
