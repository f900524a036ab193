package fxyaml

import "unsafe"

// ParseSharedReusing is ParseShared for a file that is mostly another one, already
// parsed (ref: two sides of a merge and their base). A property whose lines are byte
// for byte one of ref's is ref's own node instead of a new one, and so is an empty line
// (one node may then stand for several) and the body of a block that holds only such
// nodes, as one of ref's blocks does, so the two files share them: a three-way merge
// of a 10,000-control screen held each of its 240,000 properties three times (issue
// 18). The same lines give the same name, value, key and indent, so the file reads and
// writes as if it had been parsed on its own; only Line of such a property is its line
// in ref. ref (and its input) must not change while the File is in use, and neither
// may the shared properties: a caller that edits a property should copy it first. A nil
// ref reuses nothing.
func ParseSharedReusing(data []byte, ref *File) (*File, error) {
	var ru *reuse
	if ref != nil {
		ru = &reuse{props: propsInOrder(ref.Body, make([]*Property, 0, propCount(ref.Body)))}
		ru.note(ref.Body)
	}
	return parseWith(unsafe.String(unsafe.SliceData(data), len(data)), nil, ru)
}

// reuse holds the reference file's properties in file order, and how far the parse has
// matched them.
type reuse struct {
	props []*Property
	next  int // props[next:] are not matched yet
	// leaves are the bodies of the reference's blocks that hold no block (most
	// controls) and start with a property, in file order; leaves[nextLeaf:] are not
	// matched yet.
	leaves   [][]Node
	nextLeaf int
	// blanks are the reference's empty lines (no text), one per line break: LF, CRLF,
	// lone CR. An empty line of the file is one of them, as a property is.
	blanks [3]*Trivia
}

// blankLine returns the reference's empty line alike l, or nil (also when r is nil).
func (r *reuse) blankLine(l Line) *Trivia {
	if r == nil || l.Text != "" {
		return nil
	}
	if k := breakIndex(l.EOL); k >= 0 && r.blanks[k] != nil && r.blanks[k].Line == l {
		return r.blanks[k]
	}
	return nil
}

// breakIndex numbers the line breaks for reuse.blanks (-1 for none).
func breakIndex(eol string) int {
	switch eol {
	case "\n":
		return 0
	case "\r\n":
		return 1
	case "\r":
		return 2
	}
	return -1
}

// body returns the reference's body that holds exactly nodes (the same nodes, all
// shared, in the same order), or nil (also when r is nil). Its capacity is its length
// (arena.body), so an append to either file's copy never writes into the other's.
func (r *reuse) body(nodes []Node) []Node {
	if r == nil || len(nodes) == 0 {
		return nil
	}
	if _, ok := nodes[0].(*Property); !ok {
		return nil
	}
	// As for properties: from the last body matched, a bounded look-ahead.
	end := min(len(r.leaves), r.nextLeaf+reuseLookahead)
	for k := r.nextLeaf; k < end; k++ {
		if b := r.leaves[k]; b[0] == nodes[0] && sameNodes(b, nodes) {
			r.nextLeaf = k + 1
			return b
		}
	}
	return nil
}

// sameNodes reports whether two bodies hold the same nodes.
func sameNodes(a, b []Node) bool {
	if len(a) != len(b) {
		return false
	}
	for i, n := range b {
		if a[i] != n && !sameLine(a[i], n) {
			return false
		}
	}
	return true
}

// sameLine reports whether a and b are trivia lines alike (an empty line of the file is
// the reference's first such line, not the one in the body).
func sameLine(a, b Node) bool {
	ta, ok := a.(*Trivia)
	tb, ok2 := b.(*Trivia)
	return ok && ok2 && ta.Line == tb.Line
}

// note finds the reference's first empty line of each line break, and its bodies
// that hold no block.
func (r *reuse) note(body []Node) {
	leaf := len(body) > 0
	for _, n := range body {
		switch n := n.(type) {
		case *Trivia:
			if k := breakIndex(n.Line.EOL); k >= 0 && n.Line.Text == "" && r.blanks[k] == nil {
				r.blanks[k] = n
			}
		case *Block:
			leaf = false
			r.note(n.Body)
		}
	}
	if leaf && len(body) == cap(body) {
		if _, ok := body[0].(*Property); ok {
			r.leaves = append(r.leaves, body)
		}
	}
}

// reuseLookahead is how many of the reference's properties a property is compared with
// before it is kept as a new one: the properties a side deleted in one place (a few
// controls' worth) are skipped, and the two files are matched again after them.
const reuseLookahead = 64

// match returns the reference's property read from exactly the lines span, looked for
// from the first not matched yet, or nil. The files share most of their lines in the
// same order, so the next property of the reference is nearly always the one: lines a
// side added match nothing and leave the place as it was.
func (r *reuse) match(span string) *Property {
	end := min(len(r.props), r.next+reuseLookahead)
	for k := r.next; k < end; k++ {
		if q := r.props[k]; q.src.span == span {
			r.next = k + 1
			return q
		}
	}
	return nil
}

// propsInOrder appends the parsed properties of body, recursively, in file order.
func propsInOrder(body []Node, out []*Property) []*Property {
	for _, n := range body {
		switch n := n.(type) {
		case *Property:
			if n.src != nil && !n.Modified() {
				out = append(out, n)
			}
		case *Block:
			out = propsInOrder(n.Body, out)
		}
	}
	return out
}

// propCount counts the properties propsInOrder lists, so the list is made once.
func propCount(body []Node) int {
	n := 0
	for _, nd := range body {
		switch nd := nd.(type) {
		case *Property:
			n++
		case *Block:
			n += propCount(nd.Body)
		}
	}
	return n
}
