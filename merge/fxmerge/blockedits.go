package fxmerge

import (
	"bytes"
	"slices"
	"strings"

	"github.com/canvasgit/canvasgit/source/fxyaml"
)

// A side's change may also be whole control blocks added or deleted under one parent
// (Studio's commonest edit: a control added to a screen). The general merge keeps every
// control of the other side's as it is, takes the added control as the adding side has
// it and leaves out a deleted one; the splice gives the same bytes when
//   - only one side adds or deletes controls, and the other side's changes are property
//     edits (so its controls, their order and their names are the base's);
//   - a region the side added is, but for blank lines it starts with, one or more whole
//     control blocks (fxyaml.Parse reads it on its own, under a stand-in parent, as
//     control blocks and nothing else, each line ended by a line feed and no lone CR)
//     at the child indent of one control of the base, P, that is open at the place
//     (the innermost with that child indent; those open below it are indented deeper,
//     or the side would not parse), and the base's line at the place is a control's
//     header indented no deeper (not a function's), or the end of the file: the side
//     then parses as the base does with the blocks added to P's children;
//   - a region the side deleted is, but for blank lines it starts with, whole sibling
//     control blocks of the base (from the first one's header to the end of the last,
//     its trailing blank lines included);
//   - every name of an added control is new: in no input but the adding side, and once
//     there (the general merge would match it with a control of the base or of the
//     other side: a move, or an addition on both sides);
//   - every added control has its properties in pac's order (strictly increasing
//     names, none with a space or '(' — a key like a block's), no function, and its
//     child controls in ZIndex order, and the added blocks come between P's children in
//     ZIndex order (ties included: the general merge orders ties by the adding side's
//     order, the only one that has the control): the general merge then writes each
//     added control as the side's bytes, and P's children in the adding side's order;
//   - P has no property whose name holds a space (its key could be spelled as an added
//     control's, `X As label: =1`, and the side would not parse);
//   - no ZIndex changes anywhere (the merged order is then the adding side's, and no
//     control is renumbered);
//   - the other side edited nothing in a deleted control (that is a delete/modify
//     conflict, which the general merge decides): its edits would overlap the
//     deleted bytes (withBlocks);
//   - blank lines the side put before an added control, or deleted before a deleted
//     one, belong to the control that holds the line before them (the last open
//     there), Y. The general merge compares controls without their blank lines: it
//     writes Y as the bytes of the side bytesSide finds, and those blank lines are
//     the side's only when that is the side that changed them; otherwise they stay as
//     the base has them (dropLead);
//   - the controls the general merge rebuilds (P and those above it when the other
//     side changed something below them) have pac's layout: controlsKept marks them;
//   - no two regions add blocks at one place (they would have to be in ZIndex order
//     among each other too; changedRegions does not make such regions).
// The work the general merge counts is blockWork's.

// blockEdit is a run of whole sibling control blocks one side added or deleted under
// one control (parent, in Skeleton.Blocks): bytes [pStart, pEnd) of the base replaced
// by bytes [sStart, sEnd) of the side (one of the two is empty).
type blockEdit struct {
	side         int
	data         []byte
	parent       int
	pStart, pEnd int
	sStart, sEnd int
	// deleted are the base's blocks [deleted[0], deleted[1]) (the deleted controls
	// and everything in them); added the controls added, in file order.
	deleted [2]int
	added   []addedControl
	// lead is the length of the blank lines the region starts with, which belong to
	// block holder; dropLead is set when the general merge writes that block as the
	// other side's bytes, where they are as in the base.
	lead, holder int
	dropLead     bool
}

// addedControl is a control of an added block: its depth in the result, its parent
// (an index into the edit's added controls, or -1 for the edit's parent) and whether
// it is a group (its children are numbered in its parent's ZIndex domain).
type addedControl struct {
	depth  int
	parent int
	group  bool
}

// splitBlockRegions returns the regions of a side that add or delete lines starting
// with a control header (but for blank lines): those are read as added or deleted
// blocks (blockEdits), the others as property edits.
func splitBlockRegions(base, side []byte, rs []lineRegion) (props, blocks []lineRegion) {
	for _, r := range rs {
		var text []byte
		switch {
		case r.lines == 0 && r.delta > 0:
			text = side[r.start+r.shift : r.start+r.shift+r.delta]
		case r.end > r.start && r.delta == r.start-r.end:
			text = base[r.start:r.end]
		}
		if text != nil && startsWithHeader(text) {
			blocks = append(blocks, r)
		} else {
			props = append(props, r)
		}
	}
	return props, blocks
}

// startsWithHeader reports whether the first line of text that is not blank is a
// block's header (a key and ':' with nothing after it).
func startsWithHeader(text []byte) bool {
	l := lineAt(text, leadingBlank(text))
	l = bytes.TrimRight(l, " \r\n")
	return len(l) > 0 && l[len(l)-1] == ':'
}

// leadingBlank returns the length of the blank lines text starts with.
func leadingBlank(text []byte) int {
	i := 0
	for i < len(text) {
		l := lineAt(text, i)
		if !isBlank(l) || l[len(l)-1] != '\n' {
			break
		}
		i += len(l)
	}
	return i
}

// blockEdits reads the regions of one side (k) that add or delete control blocks
// (see above); names are the base's control names. ok is false when the fast path does
// not apply.
func blockEdits(base, data []byte, k int, rs []lineRegion, sk *fxyaml.Skeleton, names map[string]struct{}) ([]*blockEdit, bool) {
	var out []*blockEdit
	seen := map[string]struct{}{}
	for _, r := range rs {
		var e *blockEdit
		var lead int
		var ok bool
		if r.lines == 0 {
			e, lead, ok = addedBlocks(base, data, k, r, sk, names, seen)
		} else {
			e, lead, ok = deletedBlocks(base, data, k, r, sk)
		}
		if !ok {
			return nil, false
		}
		if lead > 0 {
			// The blank lines belong to the block that holds the line before them (P or
			// a block inside it): controlsKept decides whose bytes it is written as.
			e.lead, e.holder = lead, holder(sk, r.line-1)
			if r.lines > 0 {
				e.holder = holder(sk, r.line)
			}
			if e.holder < 0 {
				return nil, false
			}
		}
		out = append(out, e)
	}
	return out, true
}

// addedBlocks reads a region the side added (see above). lead is the length of the
// blank lines it starts with.
func addedBlocks(base, data []byte, k int, r lineRegion, sk *fxyaml.Skeleton, names, seen map[string]struct{}) (*blockEdit, int, bool) {
	x := r.start
	text := data[x+r.shift : x+r.shift+r.delta]
	if r.line == 0 || text[len(text)-1] != '\n' || bytes.Count(text, []byte("\r")) != bytes.Count(text, []byte("\r\n")) {
		return nil, 0, false
	}
	lead := leadingBlank(text)
	body := text[lead:]
	ind := countSpaces(body)
	// P: the innermost block open before the place whose children are at that indent;
	// those open below it close at the added header.
	p := holder(sk, r.line-1)
	for p >= 0 && sk.Blocks[p].ChildIndent != ind {
		p = sk.Blocks[p].Parent
	}
	if p < 0 || sk.Blocks[p].Kind != fxyaml.ControlBlock || sk.Blocks[p].SpacedProp {
		return nil, 0, false
	}
	// The base's line at the place: a control's header no deeper (before a function's,
	// the block would come first in P, where the general merge writes functions), or
	// the end.
	if x < len(base) {
		n, found := slices.BinarySearchFunc(sk.Blocks, x, func(b fxyaml.SkeletonBlock, x int) int { return b.Offset - x })
		if !found || sk.Blocks[n].Kind != fxyaml.ControlBlock || sk.Blocks[n].Indent > ind {
			return nil, 0, false
		}
	}
	doc := make([]byte, 0, len(body)+8)
	doc = append(doc, "F As f:\n"...)
	doc = append(doc, body...)
	f, err := fxyaml.Parse(doc)
	if err != nil || len(f.Body) != 1 {
		return nil, 0, false
	}
	e := &blockEdit{side: k, data: data, parent: p, pStart: x, pEnd: x, sStart: x + r.shift, sEnd: x + r.shift + r.delta}
	var read func(body []fxyaml.Node, parent, depth int) (first, last float64, ok bool)
	read = func(body []fxyaml.Node, parent, depth int) (first, last float64, ok bool) {
		var prevProp string
		hasProp, kids := false, 0
		for _, n := range body {
			switch n := n.(type) {
			case *fxyaml.Property:
				if parent == -1 && depth == sk.Blocks[p].Depth+1 {
					return 0, 0, false // a property of P's among the blocks
				}
				if strings.ContainsAny(n.Name, " (") || hasProp && fxyaml.CompareNames(prevProp, n.Name) >= 0 {
					return 0, 0, false
				}
				prevProp, hasProp = n.Name, true
			case *fxyaml.Block:
				if n.Kind != fxyaml.ControlBlock {
					return 0, 0, false
				}
				if _, dup := names[n.Name]; dup {
					return 0, 0, false
				}
				if _, dup := seen[n.Name]; dup {
					return 0, 0, false
				}
				seen[n.Name] = struct{}{}
				z := n.ZIndex()
				if kids > 0 && z < last {
					return 0, 0, false
				}
				if kids == 0 {
					first = z
				}
				last = z
				kids++
				idx := len(e.added)
				e.added = append(e.added, addedControl{depth: depth, parent: parent, group: n.Type == "group"})
				if _, _, ok := read(n.Body, idx, depth+1); !ok {
					return 0, 0, false
				}
			}
		}
		return first, last, true
	}
	first, last, ok := read(f.Root().Body, -1, sk.Blocks[p].Depth+1)
	if !ok || len(e.added) == 0 {
		return nil, 0, false
	}
	// Among P's children, in ZIndex order.
	for j := p + 1; j < len(sk.Blocks) && sk.Blocks[j].Start < sk.Blocks[p].End; j++ {
		b := &sk.Blocks[j]
		if b.Parent != p || b.Kind != fxyaml.ControlBlock {
			continue
		}
		if b.Offset < x && b.Z > first || b.Offset >= x && b.Z < last {
			return nil, 0, false
		}
	}
	return e, lead, true
}

// deletedBlocks reads a region the side deleted (see above). lead is the length of the
// blank lines it starts with.
func deletedBlocks(base, data []byte, k int, r lineRegion, sk *fxyaml.Skeleton) (*blockEdit, int, bool) {
	lead := leadingBlank(base[r.start:r.end])
	x := r.start + lead
	d, found := slices.BinarySearchFunc(sk.Blocks, x, func(b fxyaml.SkeletonBlock, x int) int { return b.Offset - x })
	if !found || sk.Blocks[d].Kind != fxyaml.ControlBlock || sk.Blocks[d].Parent < 0 {
		return nil, 0, false
	}
	p := sk.Blocks[d].Parent
	e := &blockEdit{side: k, data: data, parent: p, pStart: r.start, pEnd: r.end,
		sStart: r.start + r.shift, sEnd: r.start + r.shift, deleted: [2]int{d, d}}
	for j := d; ; {
		b := &sk.Blocks[j]
		if b.Parent != p || b.Kind != fxyaml.ControlBlock || b.Offset != x {
			return nil, 0, false
		}
		j = subtreeEnd(sk, j)
		e.deleted[1] = j
		switch {
		case b.EndOffset == r.end:
			return e, lead, true
		case b.EndOffset > r.end || j == len(sk.Blocks):
			return nil, 0, false
		}
		x = b.EndOffset
	}
}

// holder returns the innermost block whose lines hold line l (-1 when none does).
func holder(sk *fxyaml.Skeleton, l int) int {
	i, _ := slices.BinarySearchFunc(sk.Blocks, l+1, func(b fxyaml.SkeletonBlock, l int) int { return b.Start - l })
	for i--; i >= 0 && sk.Blocks[i].End <= l; i = sk.Blocks[i].Parent {
	}
	return i
}

// bytesSide returns the side whose bytes the general merge writes block y with (0
// ours, 1 theirs), from the sides that changed something in each block (marks, bit
// 1 << side): from the top, the first control whose merged content is one side's is
// written as that side's bytes, its whole subtree included (planNode: ours' first, and
// a side's content is the merged one when the other side changed nothing in it); a
// control both sides changed is rebuilt, with ours' blank lines after its properties.
func bytesSide(sk *fxyaml.Skeleton, marks []uint8, y int) int {
	var chain []int
	for i := y; i >= 0; i = sk.Blocks[i].Parent {
		chain = append(chain, i)
	}
	for k := len(chain) - 1; k >= 0; k-- {
		switch m := marks[chain[k]]; {
		case m&2 == 0:
			return 0
		case m&1 == 0:
			return 1
		}
	}
	return 0
}

// subtreeEnd returns the index after the last block inside block i.
func subtreeEnd(sk *fxyaml.Skeleton, i int) int {
	j := i + 1
	for j < len(sk.Blocks) && sk.Blocks[j].Start < sk.Blocks[i].End {
		j++
	}
	return j
}

// asSplice returns the edit as the splice takes it.
func (e *blockEdit) asSplice() *propEdit {
	p := &propEdit{side: e.side, data: e.data, block: e.parent, pStart: e.pStart, pEnd: e.pEnd, sStart: e.sStart, sEnd: e.sEnd}
	if e.dropLead { // the blank lines stay as the other side has them
		if e.pEnd > e.pStart {
			p.pStart += e.lead
		} else {
			p.sStart += e.lead
		}
	}
	return p
}

// blockWork is the work the general merge counts when one side added and deleted the
// blocks of edits (work.go): each control of each input costs its depth + 1, and each
// control of an input is counted once more when the ZIndex domain it is numbered in
// (its nearest ancestor that is not a group) is one the merge orders, the domain of
// some control of the result (whose tree is the adding side's).
func blockWork(sk *fxyaml.Skeleton, edits []*blockEdit) int64 {
	n := len(sk.Blocks)
	deleted := make([]bool, n)
	for _, e := range edits {
		for j := e.deleted[0]; j < e.deleted[1]; j++ {
			deleted[j] = true
		}
	}
	// dom returns the domain of a base block's children (n for the top level).
	dom := func(p int) int {
		for p >= 0 && sk.Blocks[p].Type == "group" {
			p = sk.Blocks[p].Parent
		}
		if p < 0 {
			return n
		}
		return p
	}
	var w int64
	size := 0 // the result's controls
	ordered := make([]bool, n+1)
	for i := range sk.Blocks {
		b := &sk.Blocks[i]
		if b.Kind != fxyaml.ControlBlock {
			continue
		}
		w += 2 * int64(b.Depth+1) // base and the other side
		if !deleted[i] {
			w += int64(b.Depth + 1)
			size++
			ordered[dom(b.Parent)] = true
		}
	}
	// The added controls are numbered in domains of their own blocks, or P's.
	for _, e := range edits {
		for _, a := range e.added {
			w += int64(a.depth + 1)
			size++
			p := a.parent
			for p >= 0 && e.added[p].group {
				p = e.added[p].parent
			}
			if p < 0 {
				ordered[dom(e.parent)] = true
			}
		}
	}
	// Each domain the merge orders: the base's and the other side's controls in it
	// (every control of the result is in one).
	w += int64(size)
	for i := range sk.Blocks {
		b := &sk.Blocks[i]
		if b.Kind == fxyaml.ControlBlock && ordered[dom(b.Parent)] {
			w += 2
		}
	}
	return w
}
