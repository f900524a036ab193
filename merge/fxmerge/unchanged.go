package fxmerge

import "github.com/canvasgit/canvasgit/source/fxyaml"

// Shortcuts for what did not change. Most controls of a merge are the same on all
// three sides, or the same on both sides; building maps of their properties and
// functions to merge them one by one cost a third of a typical merge (issue 18). Each
// shortcut gives exactly what the general code gives, only without the maps; the
// general code still handles everything else.

// sameOursTheirsProps is mergeProps for a control whose properties ours and theirs
// hold alike: the same names with the same values in the same order, in pac's order
// (strictly increasing, so no name twice). Every property is then ours' (mergeProp
// takes ours when the two agree), a property only the base has is gone from both
// sides, and the result is already sorted. ok is false when the shortcut does not
// apply.
func sameOursTheirsProps(blocks [3]*fxyaml.Block, skipZ bool) (out []propOut, ok bool) {
	if !oursTheirsPropsAlike(blocks) {
		return nil, false
	}
	o := blocks[sOurs]
	// out is made at its final size (at most one per property of ours): grown by
	// append, it was a twentieth of the 10,000-control merge's memory.
	props := 0
	for _, n := range o.Body {
		if p, ok := n.(*fxyaml.Property); ok && !(skipZ && p.Name == "ZIndex") {
			props++
		}
	}
	if props > 0 {
		out = make([]propOut, 0, props)
	}
	for _, n := range o.Body {
		if p, ok := n.(*fxyaml.Property); ok && !(skipZ && p.Name == "ZIndex") {
			out = append(out, propOut{name: p.Name, p: p})
		}
	}
	return out, true
}

// oursTheirsPropsAlike reports whether sameOursTheirsProps applies: ours and theirs
// hold the same properties, names and values, in the same order, which is pac's. Then
// the merged properties are ours' as they are (leaving out ZIndex when asked).
func oursTheirsPropsAlike(blocks [3]*fxyaml.Block) bool {
	o, t := blocks[sOurs], blocks[sTheirs]
	if o == nil || t == nil {
		return false
	}
	i, j := 0, 0
	var prev *fxyaml.Property
	for {
		for i < len(o.Body) && !isProp(o.Body[i]) {
			i++
		}
		for j < len(t.Body) && !isProp(t.Body[j]) {
			j++
		}
		if i == len(o.Body) || j == len(t.Body) {
			return i == len(o.Body) && j == len(t.Body)
		}
		po, pt := o.Body[i].(*fxyaml.Property), t.Body[j].(*fxyaml.Property)
		if po.Name != pt.Name || po.Value != pt.Value {
			return false
		}
		if prev != nil && fxyaml.CompareNames(prev.Name, po.Name) >= 0 {
			return false
		}
		prev = po
		i, j = i+1, j+1
	}
}

func isProp(n fxyaml.Node) bool {
	_, ok := n.(*fxyaml.Property)
	return ok
}

// hasBodyBlocks reports whether any side's control has a child control or function.
func hasBodyBlocks(blocks [3]*fxyaml.Block) bool {
	for _, b := range blocks {
		if b == nil {
			continue
		}
		for _, n := range b.Body {
			if _, ok := n.(*fxyaml.Block); ok {
				return true
			}
		}
	}
	return false
}

// hasFunctions reports whether any side's control has a component function.
func hasFunctions(blocks [3]*fxyaml.Block) bool {
	for _, b := range blocks {
		if b == nil {
			continue
		}
		for _, n := range b.Body {
			if c, ok := n.(*fxyaml.Block); ok && c.Kind == fxyaml.FunctionBlock {
				return true
			}
		}
	}
	return false
}
