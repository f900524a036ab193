package fxmerge

import (
	"bytes"

	"github.com/canvasgit/canvasgit/source/fxyaml"
)

// The fast path: each side changed one formula, and not the same one.
//
// That is most merges of a screen (two people editing different controls), and the
// general merge spends nearly all its time on what did not change: it parses the
// three inputs in full (a node per line, three times), indexes every control, merges
// every control's properties and writes every line back (issue 18). Here the base is
// only scanned (fxyaml.Scan: validated line by line as Parse would, no nodes kept),
// ours and theirs not at all beyond the formula each changed, and the result is ours
// with theirs' formula put in: git's own line merge of two distant edits.
//
// The general merge gives exactly those bytes when all of the following hold, and the
// fast path is taken only then (anything else runs the general merge, which decides):
//   - the region each side changed (common prefix and suffix of its lines with the
//     base) lies within one property of a control in the base, the two properties
//     differ, and neither is the file's last line;
//   - each side's text of its property reads, on its own, as one property with the
//     same key at the same indent and a different value, and the line after it is not
//     indented deeper (so in the whole file it reads the same way): ours and theirs
//     then parse as the base does, with one value changed;
//   - no input has a lone CR line break (the general merge falls back on them);
//   - the base has one top-level control, control names unique, and every control in
//     pac's order (properties and functions sorted by name, children by ZIndex): the
//     general merge keeps every unchanged control's bytes then (planNode finds it
//     pristine); the controls it rebuilds from merged parts (those holding, or above,
//     both changed properties) have pac's layout (functions, properties, blank lines,
//     children), so rebuilt they read as they were;
//   - a changed ZIndex is no sibling's ZIndex: the general merge orders children by the
//     merged ZIndex (ties by an order merged from the inputs), so the control goes
//     before the first sibling with a larger one, its block moved as it is, and the
//     controls above it are rebuilt (they must have pac's layout, and the base must
//     end its last line); only one side changed a ZIndex, and a numeric ZIndex changed
//     its number (the merge compares numbers);
//   - the work the general merge would count is within its limit (the count is the
//     same: see fastWork).
//
// Lines of theirs' formula end as ours' lines do when ours ends all its lines alike,
// as the general merge writes them (fxyaml.Writer.NormalizeNewlines). The fast path
// is tried before the check for conflict markers: it takes only inputs that parse,
// which have none.
//
// The differential tests (fast_test.go) run both paths on the corpus's merges and on
// random edits of corpus screens and compare bytes, conflicts and work.

// sideEdit is what one side changed: a region of lines, then the property holding it.
type sideEdit struct {
	data []byte
	// The changed region: bytes [start, end) of the base (line starts), which are
	// bytes [start, end+delta) of the side; line is the base line of start.
	start, end, delta int
	line              int
	// The property holding it: its base lines, its bytes in the base, its block, and
	// the property as the base and the side read.
	span         fxyaml.PropSpan
	pStart, pEnd int
	pb, ps       *fxyaml.Property
}

// fastMerge merges base, ours and theirs when the fast path applies (ok), with the
// work the general merge would have counted.
func fastMerge(base, ours, theirs []byte, limit int64) (merged []byte, work int64, ok bool) {
	var edits [2]*sideEdit
	for k, side := range [][]byte{ours, theirs} {
		e := changedRegion(base, side)
		if e == nil {
			return nil, 0, false
		}
		edits[k] = e
	}
	// Each region must lie within one property: the scan stops as soon as one does not.
	var regions [][2]int
	for _, e := range edits {
		regions = append(regions, [2]int{e.line, e.line + bytes.Count(base[e.start:e.end], []byte("\n"))})
	}
	sk, err := fxyaml.ScanWithin(base, regions)
	if err != nil || sk.TopLevel != 1 || sk.CR > 0 {
		return nil, 0, false
	}
	for k, e := range edits {
		e.span = sk.Watched[k]
		if !e.readProperty(base, sk) {
			return nil, 0, false
		}
	}
	eo, et := edits[0], edits[1]
	if eo.span.Start == et.span.Start {
		return nil, 0, false
	}
	mv, ok := controlsKept(sk, eo, et)
	if !ok || (mv != nil && base[len(base)-1] != '\n') {
		return nil, 0, false
	}
	if work = fastWork(sk); work > limit {
		return nil, 0, false
	}
	// Ours' line breaks: the base's, but for its changed property.
	lf, crlf := sk.LF, sk.CRLF
	for _, c := range []struct {
		text []byte
		sign int
	}{{base[eo.pStart:eo.pEnd], -1}, {ours[eo.pStart : eo.pEnd+eo.delta], 1}} {
		n := bytes.Count(c.text, []byte("\r\n"))
		lf, crlf = lf+c.sign*(bytes.Count(c.text, []byte("\n"))-n), crlf+c.sign*n
	}
	merged, at := spliceTheirs(ours, eo, et, lineBreak(lf, crlf))
	if mv != nil {
		merged = mv.apply(merged, at)
	}
	return merged, work, true
}

// hasLoneCR reports whether data has a CR not followed by LF.
func hasLoneCR(data []byte) bool {
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '\r')
		if j < 0 {
			return false
		}
		i += j + 1
		if i == len(data) || data[i] != '\n' {
			return true
		}
	}
}

// changedRegion finds the lines side changed from base: all but their common prefix
// and suffix of whole lines. It returns nil when the change reaches the last line (or
// there is none).
func changedRegion(base, side []byte) *sideEdit {
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
		return nil // the last line changed, or no line break after the change
	}
	end := suffix + nl + 1
	return &sideEdit{data: side, start: start, end: end, delta: len(side) - len(base),
		line: bytes.Count(base[:start], []byte("\n"))}
}

// commonPrefix returns the length of the common prefix of a and b (as long), compared
// a block at a time with the vectorised bytes.Equal.
func commonPrefix(a, b []byte) int {
	const block = 64
	i := 0
	for i+block <= len(a) && bytes.Equal(a[i:i+block], b[i:i+block]) {
		i += block
	}
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i
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

// readProperty checks that the change lies within one property of a control of the
// base and reads the property's base and side text on their own. ok is false when the
// fast path does not apply.
func (e *sideEdit) readProperty(base []byte, sk *fxyaml.Skeleton) bool {
	sp := e.span
	if sp.Block < 0 || sk.Blocks[sp.Block].Kind != fxyaml.ControlBlock || sp.End >= sk.Lines {
		return false
	}
	lastLine := e.line + bytes.Count(base[e.start:e.end], []byte("\n")) // one past the region's lines
	if lastLine > sp.End {
		return false
	}
	// The property's bytes: back from the region's start to its key line, forward to
	// the end of its last line.
	e.pStart = e.start
	for l := e.line; l > sp.Start; l-- {
		e.pStart = bytes.LastIndexByte(base[:e.pStart-1], '\n') + 1
	}
	e.pEnd = e.start
	for l := e.line; l < sp.End; l++ {
		e.pEnd += bytes.IndexByte(base[e.pEnd:], '\n') + 1
	}
	if e.pEnd < e.end {
		return false
	}
	var ok bool
	if e.pb, ok = fragmentProperty(base[e.pStart:e.pEnd]); !ok {
		return false
	}
	frag := e.data[e.pStart : e.pEnd+e.delta]
	if hasLoneCR(frag) { // the base has none (Skeleton.CR)
		return false
	}
	if e.ps, ok = fragmentProperty(frag); !ok {
		return false
	}
	if e.pb.Key() != e.ps.Key() || fxyaml.Indent(e.pb) != fxyaml.Indent(e.ps) || e.pb.Value == e.ps.Value {
		return false
	}
	// The line after the property must end it in the whole file as the end of the
	// text ended it here.
	next := base[e.pEnd:]
	if i := bytes.IndexByte(next, '\n'); i >= 0 {
		next = next[:i]
	}
	return countSpaces(next) <= fxyaml.Indent(e.ps)
}

// fragmentProperty reads the lines of one property on their own (as the body of a
// control); ok is false unless they read as exactly that one property.
func fragmentProperty(frag []byte) (*fxyaml.Property, bool) {
	doc := make([]byte, 0, len(frag)+16)
	doc = append(doc, "F As f:\n"...)
	doc = append(doc, frag...)
	f, err := fxyaml.Parse(doc)
	if err != nil || len(f.Body) != 1 {
		return nil, false
	}
	root := f.Root()
	if root == nil || len(root.Body) != 1 {
		return nil, false
	}
	p, ok := root.Body[0].(*fxyaml.Property)
	if !ok || p.LineCount() != bytes.Count(frag, []byte("\n")) {
		return nil, false
	}
	return p, true
}

func countSpaces(b []byte) int {
	i := 0
	for i < len(b) && b[i] == ' ' {
		i++
	}
	return i
}

// controlsKept checks that the general merge writes every control as it is, but for
// a control whose changed ZIndex moves it among its siblings (mv): see the conditions
// above fastMerge.
func controlsKept(sk *fxyaml.Skeleton, eo, et *sideEdit) (mv *zMove, ok bool) {
	names := make(map[string]struct{}, len(sk.Blocks))
	for i := range sk.Blocks {
		b := &sk.Blocks[i]
		if b.Kind != fxyaml.ControlBlock {
			continue
		}
		if !b.InOrder {
			return nil, false
		}
		if _, dup := names[b.Name]; dup {
			return nil, false
		}
		names[b.Name] = struct{}{}
	}
	// A changed ZIndex.
	if eo.pb.Name == "ZIndex" && et.pb.Name == "ZIndex" {
		return nil, false // on both sides: they could tie
	}
	for _, e := range []*sideEdit{eo, et} {
		if e.pb.Name != "ZIndex" {
			continue
		}
		m, ok := zPlace(sk, e)
		if !ok {
			return nil, false
		}
		mv = m
	}
	// The controls rebuilt from merged parts: those above (or holding) both edits, and
	// those above a control that moves.
	above := map[int]bool{}
	for i := eo.span.Block; i >= 0; i = sk.Blocks[i].Parent {
		above[i] = true
	}
	i := et.span.Block
	for !above[i] {
		i = sk.Blocks[i].Parent
	}
	rebuilt := []int{i}
	if mv != nil {
		rebuilt = append(rebuilt, mv.parent)
	}
	for _, i := range rebuilt {
		for ; i >= 0; i = sk.Blocks[i].Parent {
			if !sk.Blocks[i].PacLayout {
				return nil, false
			}
		}
	}
	return mv, true
}

// zMove is a control that moves among its siblings: its bytes [from, end) of the base
// go to offset to (the start of the sibling it now comes before, or the end of the
// last one).
type zMove struct {
	parent        int
	from, end, to int
}

// zPlace checks a changed ZIndex: a numeric one changed its number, and its new value
// is no sibling's (the general merge orders children by the merged ZIndex, and ties by
// an order merged from the three inputs). It returns where the control goes when it
// does not stay where it is.
func zPlace(sk *fxyaml.Skeleton, e *sideEdit) (*zMove, bool) {
	vb, nb := numericZValue(e.pb.Value)
	vs, ns := numericZValue(e.ps.Value)
	if nb && ns && vb == vs {
		return nil, false
	}
	x := e.span.Block
	parent := sk.Blocks[x].Parent
	if parent < 0 {
		return nil, true
	}
	z := fxyaml.ParseZIndex(e.ps.Value)
	// The siblings are in order of ZIndex (InOrder); the control goes before the first
	// one with a larger ZIndex, or after the last.
	target, last, next := -1, -1, -1
	for j := parent + 1; j < len(sk.Blocks) && sk.Blocks[j].Start < sk.Blocks[parent].End; j++ {
		b := &sk.Blocks[j]
		if b.Parent != parent || b.Kind != fxyaml.ControlBlock || j == x {
			continue
		}
		if b.Z == z {
			return nil, false
		}
		if target < 0 && b.Z > z {
			target = j
		}
		if next < 0 && j > x {
			next = j
		}
		last = j
	}
	if target == next {
		return nil, true // it stays
	}
	mv := &zMove{parent: parent, from: sk.Blocks[x].Offset, end: sk.Blocks[x].EndOffset}
	if target >= 0 {
		mv.to = sk.Blocks[target].Offset
	} else {
		mv.to = sk.Blocks[last].EndOffset
	}
	return mv, true
}

// apply moves the control in the merged bytes; at maps an offset of the base to the
// merged bytes.
func (mv *zMove) apply(merged []byte, at func(int) int) []byte {
	from, end, to := at(mv.from), at(mv.end), at(mv.to)
	out := make([]byte, 0, len(merged))
	if to < from {
		out = append(out, merged[:to]...)
		out = append(out, merged[from:end]...)
		out = append(out, merged[to:from]...)
		return append(out, merged[end:]...)
	}
	out = append(out, merged[:from]...)
	out = append(out, merged[end:to]...)
	out = append(out, merged[from:end]...)
	return append(out, merged[to:]...)
}

// fastWork is the work the general merge counts for inputs that all hold the base's
// controls: each control costs its depth + 1 in each of the three trees (chargeTree),
// and is one entry of its ZIndex domain's sequence in each (order).
func fastWork(sk *fxyaml.Skeleton) int64 {
	var w int64
	for i := range sk.Blocks {
		if b := &sk.Blocks[i]; b.Kind == fxyaml.ControlBlock {
			w += 3 * int64(b.Depth+2)
		}
	}
	return w
}

// spliceTheirs returns ours with theirs' text of its changed property in place of
// ours' (the same as the base's: ours changed another property), and a map from the
// base's offsets outside the two properties to the result's.
func spliceTheirs(ours []byte, eo, et *sideEdit, nl string) ([]byte, func(int) int) {
	start, end := et.pStart, et.pEnd
	if start >= eo.pEnd {
		start, end = start+eo.delta, end+eo.delta
	}
	frag := et.data[et.pStart : et.pEnd+et.delta]
	out := make([]byte, 0, len(ours)+et.delta+bytes.Count(frag, []byte("\n")))
	out = append(out, ours[:start]...)
	if nl != "" {
		for len(frag) > 0 {
			i := bytes.IndexByte(frag, '\n')
			line := bytes.TrimSuffix(frag[:i], []byte("\r"))
			out = append(out, line...)
			out = append(out, nl...)
			frag = frag[i+1:]
		}
	} else {
		out = append(out, frag...)
	}
	dt := len(out) - start - (et.pEnd - et.pStart)
	out = append(out, ours[end:]...)
	at := func(q int) int {
		r := q // both tests on the base's offset: a shifted one may cross the other's end
		if q >= eo.pEnd {
			r += eo.delta
		}
		if q >= et.pEnd {
			r += dt
		}
		return r
	}
	return out, at
}

// lineBreak returns the line break ours' lines all end with, from the number of lines
// that end in LF and in CRLF (it has no lone CR), or "" when they do not all end alike
// (fxyaml.File.MixedNewlines).
func lineBreak(lf, crlf int) string {
	switch {
	case crlf == 0:
		return "\n"
	case lf == 0:
		return "\r\n"
	}
	return ""
}
