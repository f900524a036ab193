package fxyaml

import "unsafe"

// ParseSharedReusing is ParseShared for a file that is mostly another one, already
// parsed (ref: two sides of a merge and their base). A property whose lines are byte
// for byte one of ref's is ref's own node instead of a new one, so the two files share
// it: a three-way merge of a 10,000-control screen held each of its 240,000 properties
// three times (issue 18). The same lines give the same name, value, key and indent, so
// the file reads and writes as if it had been parsed on its own; only Line of such a
// property is its line in ref. ref (and its input) must not change while the File is in
// use, and neither may the shared properties: a caller that edits a property should
// copy it first. A nil ref reuses nothing.
func ParseSharedReusing(data []byte, ref *File) (*File, error) {
	var ru *reuse
	if ref != nil {
		ru = &reuse{props: propsInOrder(ref.Body, make([]*Property, 0, propCount(ref.Body)))}
	}
	return parseWith(unsafe.String(unsafe.SliceData(data), len(data)), nil, ru)
}

// reuse holds the reference file's properties in file order, and how far the parse has
// matched them.
type reuse struct {
	props []*Property
	next  int // props[next:] are not matched yet
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
