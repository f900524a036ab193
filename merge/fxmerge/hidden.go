package fxmerge

import (
	"bytes"
	"slices"
	"strconv"

	"github.com/canvasgit/canvasgit/source/fxyaml"
)

// Unchanged controls held as spans (issue 18). The general merge parses all three
// inputs into trees and indexes every control, so a merge of a 3 MB screen where each
// side added one control cost some 45 MB, most of it for controls no side touched.
// Before it parses anything, the general merge now looks for controls whose lines
// are the same bytes in all three inputs (no changed region of either side touches
// them) and that it would write back as they are. In each input such a control keeps
// its header line and its ZIndex line, the one thing of it its parent's merge reads;
// the rest of its body becomes one comment line naming it. The merge runs on those
// small inputs and the bodies are put back into its result.
//
// A control is hidden only where the merge of the whole inputs writes the same bytes:
//   - it is not at the top level, not a group (whose members are numbered among its
//     parent's children) and holds no group, it does not end the file, and its lines
//     and the line after it are in no changed region of either side;
//   - it and every control in it are in pac's order (fxyaml.SkeletonBlock.InOrder):
//     the merge then writes an unchanged control as its bytes, its children in the
//     order it has them; one it would sort is rebuilt, and rebuilt it would differ;
//   - the names of the controls inside it are in no other place of any input, so the
//     index of the small inputs tells names apart as the whole one would (checked by
//     the merge against its own index: hiddenNamesClash);
//   - every input ends its lines alike (LF, or CRLF), so the small inputs do too, and
//     the merge's line-break rule is the same for both;
//   - the merge of the small inputs writes each hidden control's header, comment and
//     ZIndex lines as they were (it was not rebuilt, moved deeper or renumbered), in
//     no conflict; a conflict's lines are moved by what the bodies before it add (a
//     conflict shows lines a side changed, and none is in a hidden control). Anything
//     else (an error, a fallback) and the whole inputs are merged instead, so the
//     messages are the ones they always were.
//
// The work a hidden control's descendants would count (their depth + 2 in each input:
// chargeTree and their domain's order) is counted too, so the work limit falls where it
// always did.

// hiddenMinInput is the base size from which the general merge hides unchanged
// controls: below it the whole merge costs less than looking for them. Measured in
// one process on the replay's general .fx.yaml merges (hidden / whole, median of 5):
// 0.90 and 1.08 at 11 KB, 0.86 at 14 KB, 0.68 to 1.02 from 18 to 26 KB (1.02 where
// no control qualified, or few), 0.53 to 0.90 from 29 to 72 KB; on synthetic screens
// it pays from 5 KB. It was 256 KiB, which left every real screen of the replay to
// the whole merge. The tests set it to 0 to hide controls of small inputs, and past
// any input to merge them whole.
var hiddenMinInput = 12 << 10

// hiddenToken starts the comment line that stands for a hidden control's body.
var hiddenToken = []byte("#canvasgit-unchanged-")

// hiddenBlock is one control held as a span.
type hiddenBlock struct {
	header int    // base offset of the header line
	body   int    // base offset of the line after the header
	end    int    // base offset of the end of the control (its trailing blank lines included)
	z      [2]int // base bytes of its ZIndex line, empty when it has none
	stub   []byte // the comment line that stands for [body, end) but the ZIndex line
	name   string // the control's name
	// inside is the number of controls inside it, depths the sum of their depths
	// below it: what they count as work (chargeHidden).
	inside, depths int64
}

// reduction is the three inputs with unchanged controls hidden.
type reduction struct {
	base   []byte
	inputs [3][]byte
	hidden []hiddenBlock
	names  []string // the controls inside hidden ones, sorted
}

// reduceUnchanged returns the inputs with their unchanged controls hidden, or nil when
// there is none worth hiding or the inputs do not qualify.
func reduceUnchanged(base, ours, theirs []byte) *reduction {
	if len(base) < hiddenMinInput || bytes.Contains(base, hiddenToken) ||
		bytes.Contains(ours, hiddenToken) || bytes.Contains(theirs, hiddenToken) {
		return nil
	}
	for _, in := range [][]byte{base, ours, theirs} {
		if !sameLineBreaks(in) {
			return nil
		}
	}
	var regs [2][]lineRegion
	for k, side := range [][]byte{ours, theirs} {
		if regs[k] = changedRegions(base, side); regs[k] == nil {
			r, ok := wholeRegion(base, side)
			if !ok {
				return nil
			}
			regs[k] = []lineRegion{r}
		}
	}
	sk, err := fxyaml.Scan(base, nil)
	if err != nil {
		return nil
	}
	red := &reduction{base: base}
	red.pick(sk, regs)
	if len(red.hidden) == 0 {
		return nil
	}
	slices.Sort(red.names)
	if len(slices.Compact(slices.Clone(red.names))) != len(red.names) {
		return nil // a name repeats inside hidden controls: the index would scope it
	}
	red.inputs[sBase] = red.cut(base, nil)
	red.inputs[sOurs] = red.cut(ours, regs[0])
	red.inputs[sTheirs] = red.cut(theirs, regs[1])
	return red
}

// sameLineBreaks reports whether data ends its lines alike: all LF, or all CRLF.
func sameLineBreaks(data []byte) bool {
	cr := bytes.Count(data, []byte("\r"))
	return cr == 0 || (cr == bytes.Count(data, []byte("\r\n")) && cr == bytes.Count(data, []byte("\n")))
}

// pick chooses the controls to hide: the outermost ones that qualify.
func (red *reduction) pick(sk *fxyaml.Skeleton, regs [2][]lineRegion) {
	blocks := sk.Blocks
	// ok[i]: block i and every block in it may be hidden as part of a hidden control.
	ok := make([]bool, len(blocks))
	for i := range blocks {
		b := &blocks[i]
		ok[i] = b.Kind != fxyaml.ControlBlock || (b.InOrder && !isGroup(b.Type))
	}
	// end[i]: one past the last block inside block i (blocks come in file order, a
	// parent before its children), found in one pass from the end.
	end := make([]int, len(blocks))
	for i := len(blocks) - 1; i >= 0; i-- {
		end[i] = max(end[i], i+1)
		if p := blocks[i].Parent; p >= 0 {
			ok[p] = ok[p] && ok[i]
			end[p] = max(end[p], end[i])
		}
	}
	// Each block is looked at once and each line read once (hide reads a block's own
	// lines, not its children's): linear in the file whatever its depth.
	for i := 0; i < len(blocks); {
		b := &blocks[i]
		last := end[i]
		if b.Kind == fxyaml.ControlBlock && b.Depth > 0 && ok[i] &&
			b.EndOffset < len(red.base) && untouched(b.Offset, b.EndOffset, regs) {
			if h, okh := red.hide(blocks, i, end); okh && h.end-h.body > h.z[1]-h.z[0] {
				h.name = b.Name
				for k := i + 1; k < last; k++ {
					if c := &blocks[k]; c.Kind == fxyaml.ControlBlock {
						red.names = append(red.names, c.Name)
						h.inside++
						h.depths += int64(c.Depth - b.Depth)
					}
				}
				red.hidden = append(red.hidden, h)
				i = last
				continue
			}
		}
		i++
	}
}

// untouched reports whether no region of either side touches the base bytes
// [from, to] (the line at to included: what follows a control decides where it ends).
func untouched(from, to int, regs [2][]lineRegion) bool {
	for _, rs := range regs {
		for _, r := range rs {
			if r.start <= to && r.end >= from {
				return false
			}
		}
	}
	return true
}

// hide makes the hiddenBlock of block i: its body but its ZIndex line is the stub
// comment. ok is false when its ZIndex is not one line of its own that the stub can
// keep. end is pick's.
func (red *reduction) hide(blocks []fxyaml.SkeletonBlock, i int, end []int) (h hiddenBlock, ok bool) {
	b := &blocks[i]
	data := red.base
	nl := bytes.IndexByte(data[b.Offset:b.EndOffset], '\n')
	if nl < 0 || b.ChildIndent < 0 {
		return h, false
	}
	h.header, h.body, h.end = b.Offset, b.Offset+nl+1, b.EndOffset
	eol := "\n"
	if nl > 0 && data[b.Offset+nl-1] == '\r' {
		eol = "\r\n"
	}
	// Its own lines are those between its child blocks; a key there that is not
	// spelled plainly could be a ZIndex the stub would not keep.
	next := i + 1 // its next child block
	for at := h.body; at < h.end; {
		if next < end[i] && at >= blocks[next].Offset {
			at, next = blocks[next].EndOffset, end[next]
			continue
		}
		e := bytes.IndexByte(data[at:h.end], '\n')
		if e < 0 {
			return h, false
		}
		line := data[at : at+e+1]
		if countSpaces(line) == b.ChildIndent {
			// The key as the parser reads it: up to the colon, spaces of any kind
			// trimmed (a control's header has its key there too).
			text := line[b.ChildIndent:]
			key, value, _ := bytes.Cut(text, []byte(":"))
			key = bytes.TrimSpace(key)
			switch {
			case string(key) == "ZIndex":
				if h.z[1] != 0 || bytes.HasPrefix(bytes.TrimSpace(value), []byte("|")) {
					return h, false // twice (does not parse), or a block
				}
				h.z = [2]int{at, at + e + 1}
			case bytes.Contains(key, []byte("ZIndex")), bytes.ContainsAny(key, `"\`):
				return h, false // quoted or escaped, it may read as ZIndex
			}
		}
		at += e + 1
	}
	stub := make([]byte, 0, b.ChildIndent+len(hiddenToken)+8)
	for k := 0; k < b.ChildIndent; k++ {
		stub = append(stub, ' ')
	}
	stub = append(stub, hiddenToken...)
	stub = strconv.AppendInt(stub, int64(len(red.hidden)), 10)
	h.stub = append(stub, eol...)
	return h, true
}

// cut returns input (base, or a side whose changed regions are regs) with each hidden
// control's body replaced by its stub and its ZIndex line. A hidden control lies in no
// region, so its bytes in the side are its base bytes shifted by what the regions
// before it added.
func (red *reduction) cut(input []byte, regs []lineRegion) []byte {
	size := len(input)
	for _, h := range red.hidden {
		size -= h.end - h.body - len(h.stub) - (h.z[1] - h.z[0])
	}
	out := make([]byte, 0, size)
	at, shift, r := 0, 0, 0
	for _, h := range red.hidden {
		for r < len(regs) && regs[r].end <= h.header {
			shift = regs[r].shift + regs[r].delta
			r++
		}
		out = append(out, input[at:h.body+shift]...)
		out = append(out, h.stub...)
		out = append(out, red.base[h.z[0]:h.z[1]]...)
		at = h.end + shift
	}
	return append(out, input[at:]...)
}

// restore puts the hidden bodies back into the merge of the small inputs, as pieces
// of it and of the base, and moves its conflicts' lines to where they are then. ok is
// false when some hidden control was not written as it was, once, or lies in a
// conflict.
func (red *reduction) restore(merged []byte, conflicts []Conflict) (out pieces, ok bool) {
	// Where each stub is in merged, found in one pass: stubs are whole lines.
	at := make([]int, len(red.hidden))
	for i := range at {
		at[i] = -1
	}
	for from := 0; ; {
		k := bytes.Index(merged[from:], hiddenToken)
		if k < 0 {
			break
		}
		k += from
		id, n := 0, k+len(hiddenToken)
		for n < len(merged) && merged[n] >= '0' && merged[n] <= '9' && id < len(red.hidden) {
			id = id*10 + int(merged[n]-'0')
			n++
		}
		if id >= len(red.hidden) || at[id] >= 0 {
			return nil, false
		}
		h := &red.hidden[id]
		start := k - countSpaces(h.stub) // the stub's line starts at its indent
		header := red.base[h.header:h.body]
		zline := red.base[h.z[0]:h.z[1]]
		if start < len(header) || !bytes.HasPrefix(merged[start:], h.stub) ||
			!bytes.Equal(merged[start-len(header):start], header) ||
			!bytes.HasPrefix(merged[start+len(h.stub):], zline) {
			return nil, false
		}
		at[id] = start
		from = start + len(h.stub)
	}
	for _, a := range at {
		if a < 0 {
			return nil, false
		}
	}
	// The stubs in the order they are in merged (the merge may reorder siblings).
	ids := make([]int, len(at))
	for i := range ids {
		ids[i] = i
	}
	slices.SortFunc(ids, func(a, b int) int { return at[a] - at[b] })
	if len(conflicts) > 0 && !red.moveConflicts(merged, at, ids, conflicts) {
		return nil, false
	}
	out = make(pieces, 0, 2*len(ids)+1)
	prev := 0
	for _, id := range ids {
		h := &red.hidden[id]
		out = out.add(merged[prev:at[id]])
		out = out.add(red.base[h.body:h.end])
		prev = at[id] + len(h.stub) + (h.z[1] - h.z[0])
	}
	return out.add(merged[prev:]), true
}

// moveConflicts adds to each conflict's lines those the hidden bodies add before it
// (at and ids are restore's: each stub's offset in merged, and the stubs in output
// order). ok is false when a stub lies within a conflict's lines.
func (red *reduction) moveConflicts(merged []byte, at, ids []int, conflicts []Conflict) (ok bool) {
	line := make([]int, len(ids))  // the 1-based line of each stub in merged, in output order
	added := make([]int, len(ids)) // the lines restoring it adds
	n, prev := 1, 0
	for k, id := range ids {
		n += bytes.Count(merged[prev:at[id]], []byte("\n"))
		prev = at[id]
		h := &red.hidden[id]
		line[k] = n
		added[k] = bytes.Count(red.base[h.body:h.end], []byte("\n")) - 1 - bytes.Count(red.base[h.z[0]:h.z[1]], []byte("\n"))
	}
	for i := range conflicts {
		c := &conflicts[i]
		shift := 0
		for k := range ids {
			if line[k] >= c.StartLine {
				if line[k] <= c.EndLine {
					return false
				}
				break
			}
			shift += added[k]
		}
		c.StartLine += shift
		c.EndLine += shift
	}
	return true
}

// mergeReduced merges the small inputs and puts the hidden bodies back. ok is false
// when the whole inputs must be merged instead (see the top of this file).
func mergeReduced(red *reduction, opt Options, limit int64) (res Result, merged pieces, work int64, ok bool) {
	in := red.inputs
	res, work, err := mergeParsed(in[sBase], in[sOurs], in[sTheirs], opt, limit, red)
	if err != nil {
		return Result{}, nil, 0, false
	}
	merged, ok = red.restore(res.Merged, res.Conflicts)
	if !ok {
		return Result{}, nil, 0, false
	}
	return Result{Conflicts: res.Conflicts}, merged, work, true
}

// chargeHidden counts the work the controls inside hidden ones would count in the
// whole merge: each its depth + 1 in each input's tree (chargeTree) and one entry of
// its domain's order in each (order). A hidden control must be one control of the
// merge, in all three inputs under the same parent (its depth may differ, when its
// parent moved), for the controls inside it to be numbered in their own domains as in
// the whole merge; ok is false when one is not.
func (m *merger) chargeHidden() (ok bool) {
	for i := range m.hidden.hidden {
		h := &m.hidden.hidden[i]
		n := m.nodes[h.name]
		if n == nil || n.v[sBase] == nil || n.v[sOurs] == nil || n.v[sTheirs] == nil {
			return false
		}
		for _, c := range n.v {
			if c.parentKey() != n.v[sBase].parentKey() {
				return false
			}
			depth := int64(0)
			for p := c.parent; p != nil; p = p.parent {
				depth++
			}
			if !m.charge(h.inside*(depth+2) + h.depths) {
				return false
			}
		}
	}
	return true
}

// hiddenNamesClash reports whether a control hidden inside another has a name that
// counts (the names of the small inputs' controls, nameCounts) holds.
func (red *reduction) hiddenNamesClash(counts map[string]uint8) bool {
	for _, name := range red.names {
		if _, ok := counts[name]; ok {
			return true
		}
	}
	return false
}
