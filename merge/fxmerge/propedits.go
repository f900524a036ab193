package fxmerge

import (
	"bytes"
	"strings"

	"github.com/canvasgit/canvasgit/source/fxyaml"
)

// A side's change, for the fast path, is a run of one control's properties in the base
// replaced by a run of properties of its own: a formula changed, a property added
// (Studio writes a line when a user sets one) or deleted (reset to its default). The
// general merge merges a control's properties name by name and writes them sorted
// (mergeProps); the splice gives the same list when
//   - every name is changed, added or deleted by at most one side (the runs of the two
//     sides do not overlap, and the merged list has no name twice);
//   - the base's, each side's and the merged list are in pac's order (strictly
//     increasing names), so sorting leaves each as it is: the general merge then
//     keeps a control only one side changed as that side has it (planNode finds it
//     pristine), and rebuilds one both sides changed with its properties in the
//     splice's order;
//   - a property both the base's run and the side's have is the same bytes when it
//     has the same value (the general merge compares values and keeps ours' spelling);
//   - the side's keys in the run have no space or '(' (none is a child control's or a
//     function's key, which the file could not hold twice);
//   - a ZIndex changed, added or deleted is one changed (controlsKept, zPlace): the
//     general merge reads a control with no ZIndex as one whose ZIndex is no number
//     (Block.ZIndex is -1, numericZ fails, and the merged ZIndex, none, orders it at
//     -1), so a ZIndex added is one changed from "" and a ZIndex deleted one changed
//     to "";
//   - no side leaves the control with no property (its body's indent would then come
//     from elsewhere when the general merge rebuilds it).
// Each side's run reads, on its own, as properties of the base's run's indent, and the
// base's line after the run is indented no deeper, so in the whole file the side's
// lines read as those properties of that control.

// propEdit is a run of one control's properties one side changed: its bytes [pStart,
// pEnd) in the base and [sStart, sEnd) in the side (data), the names of the side's
// properties there, and the control's properties around it.
type propEdit struct {
	side             int // 0 ours, 1 theirs
	data             []byte
	block            int // in Skeleton.Blocks
	pStart, pEnd     int
	sStart, sEnd     int
	indent           int
	names            []string // the side's properties in the run, in order
	prev, next       string   // the control's properties before and after the run
	hasPrev, hasNext bool
	zb, zs           *fxyaml.Property // a changed ZIndex: the base's and the side's (nil: none)
}

// propEdits reads each side's regions as runs of properties (sk.Runs, in the order of
// the regions; a side's regions in one run or in adjoining runs are one edit), and
// returns both sides' edits in base order. ok is false when the fast path does not
// apply: an edit does not read as it needs, the two sides' edits overlap, or a list of
// properties is out of pac's order.
func propEdits(base []byte, sides [2][]byte, regs [2][]lineRegion, sk *fxyaml.Skeleton) ([]*propEdit, bool) {
	var bySide [2][]*propEdit
	w := 0
	for k := range sides {
		rs, runs := regs[k], sk.Runs[w:w+len(regs[k])]
		w += len(rs)
		for i := 0; i < len(rs); {
			run := runs[i]
			if run.Block < 0 || sk.Blocks[run.Block].Kind != fxyaml.ControlBlock {
				return nil, false
			}
			j := i + 1
			for ; j < len(rs) && runs[j].Block == run.Block && runs[j].Start <= run.End; j++ {
				if runs[j].End > run.End {
					run.End, run.EndOffset, run.Next, run.HasNext = runs[j].End, runs[j].EndOffset, runs[j].Next, runs[j].HasNext
				}
			}
			first, last := rs[i], rs[j-1]
			e := &propEdit{side: k, data: sides[k], block: run.Block, indent: run.Indent,
				pStart: run.Offset, pEnd: run.EndOffset, sStart: run.Offset + first.shift, sEnd: run.EndOffset + last.shift + last.delta,
				prev: run.Prev, next: run.Next, hasPrev: run.HasPrev, hasNext: run.HasNext}
			if e.sStart < 0 || e.sStart > e.sEnd || e.sEnd > len(e.data) || !e.read(base) {
				return nil, false
			}
			bySide[k] = append(bySide[k], e)
			i = j
		}
	}
	// Both sides' edits in base order; none overlaps another (an insertion of each
	// side at one place is ours' first: the order check below decides).
	edits := make([]*propEdit, 0, len(bySide[0])+len(bySide[1]))
	o, t := bySide[0], bySide[1]
	for len(o) > 0 || len(t) > 0 {
		switch {
		case len(t) == 0 || len(o) > 0 && o[0].pEnd <= t[0].pStart:
			edits, o = append(edits, o[0]), o[1:]
		case len(o) == 0 || t[0].pEnd <= o[0].pStart:
			edits, t = append(edits, t[0]), t[1:]
		default:
			return nil, false // the same property
		}
	}
	if !inPacOrder(bySide[0]) || !inPacOrder(bySide[1]) || !inPacOrder(edits) {
		return nil, false
	}
	return edits, true
}

// inPacOrder reports whether the properties of each control the edits (in base order)
// change are in strictly increasing order of their names once the edits are made. The
// base's are (Skeleton.InOrder): only the edits' names and their neighbours are read.
func inPacOrder(edits []*propEdit) bool {
	var last string
	has := false
	for i, e := range edits {
		// Right after another edit of the control, the list goes on from its names;
		// otherwise from the base's property before the run.
		if i == 0 || edits[i-1].block != e.block || edits[i-1].pEnd != e.pStart {
			last, has = e.prev, e.hasPrev
		}
		for _, n := range e.names {
			if has && fxyaml.CompareNames(last, n) >= 0 {
				return false
			}
			last, has = n, true
		}
		joined := i+1 < len(edits) && edits[i+1].block == e.block && edits[i+1].pStart == e.pEnd
		if !joined && e.hasNext && has && fxyaml.CompareNames(last, e.next) >= 0 {
			return false
		}
	}
	return true
}

// read reads the base's and the side's properties of the run, leaves out those the
// side kept as they are at either end, and checks them (see the conditions above
// propEdit). ok is false when the fast path does not apply.
func (e *propEdit) read(base []byte) bool {
	bp, ok := fragmentProps(base[e.pStart:e.pEnd])
	if !ok {
		return false
	}
	sp, ok := fragmentProps(e.data[e.sStart:e.sEnd])
	if !ok {
		return false
	}
	for len(bp) > 0 && len(sp) > 0 && bytes.Equal(bp[0].text, sp[0].text) {
		e.prev, e.hasPrev = bp[0].p.Name, true
		e.pStart, e.sStart = e.pStart+len(bp[0].text), e.sStart+len(sp[0].text)
		bp, sp = bp[1:], sp[1:]
	}
	for len(bp) > 0 && len(sp) > 0 && bytes.Equal(bp[len(bp)-1].text, sp[len(sp)-1].text) {
		e.next, e.hasNext = bp[len(bp)-1].p.Name, true
		e.pEnd, e.sEnd = e.pEnd-len(bp[len(bp)-1].text), e.sEnd-len(sp[len(sp)-1].text)
		bp, sp = bp[:len(bp)-1], sp[:len(sp)-1]
	}
	if len(bp) == 0 && len(sp) == 0 || len(sp) == 0 && !e.hasPrev && !e.hasNext {
		return false
	}
	// The line after the run must end the side's last property in the whole file as
	// the end of its text ended it here.
	if countSpaces(lineAt(base, e.pEnd)) > e.indent {
		return false
	}
	inBase := make(map[string]fragProp, len(bp))
	for _, b := range bp {
		inBase[b.p.Name] = b
	}
	e.names = make([]string, len(sp))
	for i, s := range sp {
		p := s.p
		e.names[i] = p.Name
		if fxyaml.Indent(p) != e.indent {
			return false
		}
		fb, had := inBase[p.Name]
		switch {
		case strings.ContainsAny(p.Key(), " ("):
			return false
		case !had && p.Name == "ZIndex":
			e.zs = p // added
		case !had:
		case fb.p.Value == p.Value && !bytes.Equal(fb.text, s.text):
			return false
		case p.Name == "ZIndex" && fb.p.Value != p.Value:
			e.zb, e.zs = fb.p, p
		}
		delete(inBase, p.Name)
	}
	if b, deleted := inBase["ZIndex"]; deleted {
		e.zb = b.p
	}
	return true
}

// zChange reports whether the edit changed, added or deleted a ZIndex, and its value
// in the base and the side ("" where there is none).
func (e *propEdit) zChange() (base, side string, changed bool) {
	if e.zb == nil && e.zs == nil {
		return "", "", false
	}
	if e.zb != nil {
		base = e.zb.Value
	}
	if e.zs != nil {
		side = e.zs.Value
	}
	return base, side, true
}

// fragProp is a property read from a fragment, and its bytes there.
type fragProp struct {
	p    *fxyaml.Property
	text []byte
}

// fragmentProps reads the lines of a run of properties on their own (as the body of a
// control); ok is false unless they read as properties and nothing else, each line
// ended by a line feed. (A lone CR, which the parser reads as a line break, makes more
// lines than line feeds: the count fails. A run that ends the file ends its last line,
// so the merge ends its last line as ours does.)
func fragmentProps(frag []byte) ([]fragProp, bool) {
	if len(frag) == 0 {
		return nil, true
	}
	doc := make([]byte, 0, len(frag)+16)
	doc = append(doc, "F As f:\n"...)
	doc = append(doc, frag...)
	f, err := fxyaml.Parse(doc)
	if err != nil || len(f.Body) != 1 {
		return nil, false
	}
	root := f.Root()
	if root == nil {
		return nil, false
	}
	out := make([]fragProp, 0, len(root.Body))
	rest := frag
	for _, n := range root.Body {
		p, ok := n.(*fxyaml.Property)
		if !ok {
			return nil, false
		}
		end := 0
		for l := 0; l < p.LineCount(); l++ {
			i := bytes.IndexByte(rest[end:], '\n')
			if i < 0 {
				return nil, false
			}
			end += i + 1
		}
		out = append(out, fragProp{p: p, text: rest[:end]})
		rest = rest[end:]
	}
	return out, len(rest) == 0
}
