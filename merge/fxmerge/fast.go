package fxmerge

import (
	"bytes"
	"cmp"
	"slices"

	"github.com/canvasgit/canvasgit/source/fxyaml"
)

// The fast path: each side changed, added or deleted some properties of controls, and
// no property both; one side may also have added or deleted whole controls.
//
// That is most merges of a screen (two people editing different controls), and the
// general merge spends nearly all its time on what did not change: it parses the
// three inputs in full (a node per line, three times), indexes every control, merges
// every control's properties and writes every line back (issue 18). Here the base is
// only scanned (fxyaml.Scan: validated line by line as Parse would, no nodes kept),
// ours and theirs not at all beyond the properties they changed, and the result is the
// base with each side's properties put in: git's own line merge of distant edits.
//
// The general merge gives exactly those bytes when all of the following hold, and the
// fast path is taken only then (anything else runs the general merge, which decides):
//   - each region a side changed (changedRegions: a line diff that ends a region at
//     the end of the formula it is in, or at the lines added or deleted; or, failing
//     that, all but the common prefix and suffix of lines) lies among the properties
//     of one control in the base (fxyaml.ScanRuns); a side's regions among adjoining
//     properties are one edit of them, and no property is in edits of both sides;
//   - each side's text of each edit reads, on its own, as properties at the indent of
//     the control's, and the line after it is not indented deeper (so in the whole
//     file it reads the same way): ours and theirs then parse as the base does, with
//     those properties changed, added and deleted; and the properties merged name by
//     name come out as the splice has them (see propedits.go for what that takes);
//   - no input has a lone CR line break (the general merge falls back on them);
//   - the base has one top-level control, control names unique, and every control in
//     pac's order (properties and functions sorted by name, children by ZIndex): the
//     general merge keeps every unchanged control's bytes then (planNode finds it
//     pristine), and takes a control only one side changed as that side has it; the
//     controls it rebuilds from merged parts (those holding changes of both sides)
//     have pac's layout (functions, properties, blank lines, children), so rebuilt
//     they read as they were;
//   - at most one ZIndex changed, by either side, and it is no sibling's ZIndex: the
//     general merge orders children by the merged ZIndex (ties by an order merged from
//     the inputs), so the control goes before the first sibling with a larger one, its
//     block moved as it is, and the controls above it are rebuilt (they must have
//     pac's layout, and the base must end its last line); a numeric ZIndex changed its
//     number (the merge compares numbers);
//   - a region that adds or deletes lines starting with a control header is read as
//     control blocks added or deleted (blockedits.go, which states the conditions in
//     full): one side's only; whole sibling blocks under one control P of the base,
//     at P's child indent, before a header no deeper or at the end; new names (in no
//     other input, once); pac's order in the added controls and among P's children;
//     P with no property named with a space; no ZIndex changed anywhere; nothing the
//     other side changed in a deleted control; blank lines put before an added block
//     or deleted before a deleted one are written as the general merge writes the
//     block that holds them (bytesSide: they stay as in the base when it is the other
//     side's bytes); P and the controls above it marked as changed by the side (they
//     must have pac's layout when the other side changed them too);
//   - the work the general merge would count is within its limit (the count is the
//     same: see fastWork and blockWork).
//
// Lines of theirs' formulas end as ours' lines do when ours ends all its lines alike,
// as the general merge writes them (fxyaml.Writer.NormalizeNewlines). The fast path
// is tried before the check for conflict markers: it takes only inputs that parse,
// which have none.
//
// The differential tests (fast_test.go) run both paths on the corpus's merges and on
// random edits of corpus screens and compare bytes, conflicts and work.

// fastMerge merges base, ours and theirs when the fast path applies (ok), with the
// work the general merge would have counted.
func fastMerge(base, ours, theirs []byte, limit int64) (merged []byte, work int64, ok bool) {
	p, work, ok := fastPieces(base, ours, theirs, limit, nil)
	if !ok {
		return nil, 0, false
	}
	return p.join(), work, true
}

// fastPieces is fastMerge with the result in pieces (of the inputs, mostly). When
// release is not nil, it is told of each side once its changed lines are found:
// from there on the fast path reads only those lines of it (see FastParts).
func fastPieces(base, ours, theirs []byte, limit int64, release func([]byte)) (merged pieces, work int64, ok bool) {
	sides := [2][]byte{ours, theirs}
	var regs [2][]lineRegion
	for k, side := range sides {
		if regs[k] = changedRegions(base, side); regs[k] == nil {
			r, ok := wholeRegion(base, side) // what changedRegions could not place
			if !ok {
				return nil, 0, false
			}
			regs[k] = []lineRegion{r}
		}
		if release != nil {
			release(side)
		}
	}
	// Regions that add or delete control blocks (one side's only), and the others,
	// which must lie among one control's properties: the scan stops as soon as one
	// does not.
	var propRegs, blockRegs [2][]lineRegion
	for k, side := range sides {
		propRegs[k], blockRegs[k] = splitBlockRegions(base, side, regs[k])
	}
	if len(blockRegs[0]) > 0 && len(blockRegs[1]) > 0 {
		return nil, 0, false
	}
	sk, err := fxyaml.ScanRuns(base, regionLines(propRegs))
	if err != nil || sk.TopLevel != 1 || sk.CR > 0 {
		return nil, 0, false
	}
	edits, ok := propEdits(base, sides, propRegs, sk)
	if !ok {
		return nil, 0, false
	}
	names, ok := controlNames(sk)
	if !ok {
		return nil, 0, false
	}
	var blocks []*blockEdit
	for k := range sides {
		if len(blockRegs[k]) == 0 {
			continue
		}
		if blocks, ok = blockEdits(base, sides[k], k, blockRegs[k], sk, names); !ok {
			return nil, 0, false
		}
	}
	mv, ok := controlsKept(sk, edits, blocks)
	if !ok || (mv != nil && base[len(base)-1] != '\n') {
		return nil, 0, false
	}
	// Ours' line breaks: the base's, but for what ours changed.
	lf, crlf := sk.LF, sk.CRLF
	count := func(side, pStart, pEnd, sStart, sEnd int) {
		if side != 0 {
			return
		}
		for _, c := range []struct {
			text []byte
			sign int
		}{{base[pStart:pEnd], -1}, {ours[sStart:sEnd], 1}} {
			n := bytes.Count(c.text, []byte("\r\n"))
			lf, crlf = lf+c.sign*(bytes.Count(c.text, []byte("\n"))-n), crlf+c.sign*n
		}
	}
	for _, e := range edits {
		count(e.side, e.pStart, e.pEnd, e.sStart, e.sEnd)
	}
	for _, e := range blocks {
		count(e.side, e.pStart, e.pEnd, e.sStart, e.sEnd)
	}
	if blocks == nil {
		work = fastWork(sk)
	} else {
		work = blockWork(sk, blocks)
		if edits, ok = withBlocks(edits, blocks); !ok {
			return nil, 0, false
		}
	}
	if work > limit {
		return nil, 0, false
	}
	merged, at := splice(base, edits, lineBreak(lf, crlf))
	if mv != nil {
		merged = mv.apply(merged, at)
	}
	return merged, work, true
}

// withBlocks returns the property edits and the block edits together in base order,
// as the splice takes them (a property edit before a block added at its end); ok is
// false when two overlap.
func withBlocks(edits []*propEdit, blocks []*blockEdit) ([]*propEdit, bool) {
	type item struct {
		e     *propEdit
		block bool
	}
	all := make([]item, 0, len(edits)+len(blocks))
	for _, e := range edits {
		all = append(all, item{e, false})
	}
	for _, b := range blocks {
		all = append(all, item{b.asSplice(), true})
	}
	slices.SortStableFunc(all, func(a, b item) int {
		if c := cmp.Compare(a.e.pStart, b.e.pStart); c != 0 {
			return c
		}
		if a.block != b.block {
			return cmpLess(!a.block)
		}
		return 0
	})
	out := make([]*propEdit, len(all))
	for i, it := range all {
		// Blocks added at one place by two regions would have to be in ZIndex order
		// among each other too (changedRegions does not make such regions).
		if i > 0 && (it.e.pStart < all[i-1].e.pEnd || it.block && all[i-1].block && it.e.pStart == all[i-1].e.pStart) {
			return nil, false
		}
		out[i] = it.e
	}
	return out, true
}

// regionLines returns the lines of both sides' regions, as ScanRuns takes them.
func regionLines(regs [2][]lineRegion) [][2]int {
	var lines [][2]int
	for _, rs := range regs {
		for _, r := range rs {
			lines = append(lines, [2]int{r.line, r.line + r.lines})
		}
	}
	return lines
}

// controlNames returns the names of the base's controls; ok is false when a name is
// there twice or a control is not in pac's order (see the conditions above fastMerge).
func controlNames(sk *fxyaml.Skeleton) (map[string]struct{}, bool) {
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
	return names, true
}

// controlsKept checks that the general merge writes every control as it is, but for
// a control whose changed ZIndex moves it among its siblings (mv), and for the
// controls blocks adds or deletes: see the conditions above fastMerge.
func controlsKept(sk *fxyaml.Skeleton, edits []*propEdit, blocks []*blockEdit) (mv *zMove, ok bool) {
	// A changed ZIndex: one in all (two could tie, or move among each other), and
	// none when controls are added or deleted.
	zs := 0
	for _, e := range edits {
		zb, zside, changed := e.zChange()
		if !changed {
			continue
		}
		if zs++; zs > 1 || len(blocks) > 0 {
			return nil, false
		}
		if mv, ok = zPlace(sk, e.block, zb, zside); !ok {
			return nil, false
		}
	}
	// The controls rebuilt from merged parts: those holding changes of both sides
	// (each side's changes mark the controls holding them, up to the top), and those
	// above a control that moves.
	marks := make([]uint8, len(sk.Blocks))
	for _, e := range edits {
		bit := uint8(1) << e.side
		for i := e.block; i >= 0 && marks[i]&bit == 0; i = sk.Blocks[i].Parent {
			marks[i] |= bit
		}
	}
	for _, e := range blocks {
		bit := uint8(1) << e.side
		for i := e.parent; i >= 0 && marks[i]&bit == 0; i = sk.Blocks[i].Parent {
			marks[i] |= bit
		}
	}
	if mv != nil {
		for i := mv.parent; i >= 0; i = sk.Blocks[i].Parent {
			marks[i] = 3
		}
	}
	for i, m := range marks {
		if m == 3 && !sk.Blocks[i].PacLayout {
			return nil, false
		}
	}
	for _, e := range blocks {
		if e.lead > 0 {
			e.dropLead = bytesSide(sk, marks, e.holder) != e.side
		}
	}
	return mv, true
}

// splice returns the base with each changed property's text put in from the side that
// changed it (theirs' lines ending in nl when it is not ""), as the pieces of the base
// and of the sides it is made of, and a map from the base's offsets outside the
// changed properties to the result's.
func splice(base []byte, edits []*propEdit, nl string) (pieces, func(int) int) {
	out := make(pieces, 0, 2*len(edits)+1)
	shift := make([]int, len(edits)) // what each property's new text adds
	prev := 0
	for k, e := range edits {
		out = out.add(base[prev:e.pStart])
		frag := e.data[e.sStart:e.sEnd]
		if e.side == 1 && nl != "" && !endsLinesWith(frag, nl) {
			frag = withLineBreaks(frag, nl)
		}
		out = out.add(frag)
		shift[k] = len(frag) - (e.pEnd - e.pStart)
		prev = e.pEnd
	}
	out = out.add(base[prev:])
	at := func(q int) int {
		r := q
		for k, e := range edits {
			if q >= e.pEnd {
				r += shift[k]
			}
		}
		return r
	}
	return out, at
}

// endsLinesWith reports whether every line of frag ends in nl, "\n" or "\r\n" (the
// fast path takes no input with a lone CR).
func endsLinesWith(frag []byte, nl string) bool {
	crlf := bytes.Count(frag, []byte("\r\n"))
	if nl == "\n" {
		return crlf == 0
	}
	return crlf == bytes.Count(frag, []byte("\n"))
}

// withLineBreaks returns the lines of frag (each ending in a line break) with nl as
// their line break.
func withLineBreaks(frag []byte, nl string) []byte {
	out := make([]byte, 0, len(frag)+bytes.Count(frag, []byte("\n")))
	for len(frag) > 0 {
		i := bytes.IndexByte(frag, '\n')
		out = append(out, bytes.TrimSuffix(frag[:i], []byte("\r"))...)
		out = append(out, nl...)
		frag = frag[i+1:]
	}
	return out
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

func countSpaces(b []byte) int {
	i := 0
	for i < len(b) && b[i] == ' ' {
		i++
	}
	return i
}

// zMove is a control that moves among its siblings: its bytes [from, end) of the base
// go to offset to (the start of the sibling it now comes before, or the end of the
// last one).
type zMove struct {
	parent        int
	from, end, to int
}

// zPlace checks a changed ZIndex of block x (its base and side values): a numeric one
// changed its number, and its new value
// is no sibling's (the general merge orders children by the merged ZIndex, and ties by
// an order merged from the three inputs). It returns where the control goes when it
// does not stay where it is.
func zPlace(sk *fxyaml.Skeleton, x int, base, side string) (*zMove, bool) {
	vb, nb := numericZValue(base)
	vs, ns := numericZValue(side)
	if nb && ns && vb == vs {
		return nil, false
	}
	parent := sk.Blocks[x].Parent
	if parent < 0 {
		return nil, true
	}
	z := fxyaml.ParseZIndex(side)
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

// apply moves the control in the merged pieces; at maps an offset of the base to the
// merged bytes.
func (mv *zMove) apply(merged pieces, at func(int) int) pieces {
	from, end, to := at(mv.from), at(mv.end), at(mv.to)
	out := make(pieces, 0, len(merged)+4)
	if to < from {
		out = merged.cut(out, 0, to)
		out = merged.cut(out, from, end)
		out = merged.cut(out, to, from)
		return merged.cut(out, end, merged.size())
	}
	out = merged.cut(out, 0, from)
	out = merged.cut(out, end, to)
	out = merged.cut(out, from, end)
	return merged.cut(out, to, merged.size())
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
