package fxmerge

// A control renamed on one side and changed on the other.
//
// Controls are matched by name, so a rename (Studio renames a control when it is cut and
// pasted, or when a screen is rebuilt from a copy; every child gets a new number too)
// looks like a deletion plus an addition. When the other side changed the old control,
// that would be a delete/modify conflict holding the whole subtree, while the line merge
// sees the renamed header and the other side's property edits as separate lines and
// merges or marks only what overlaps. Such inputs go to the line merge (a fallback with
// the reason), whose conflicts are never larger than the structural ones here.

// checkRenames falls back for the renames the structural merge would get wrong: a
// control renamed on one side and changed on the other (a delete/modify conflict of the
// whole subtree otherwise), and a control renamed differently on the two sides (two
// copies of it otherwise, each an addition; the line merge marks the two header lines).
func (m *merger) checkRenames() error {
	for _, n := range m.list {
		b := n.v[sBase]
		switch {
		case n.kind == kDelMod:
			deleter := sOurs + sTheirs - n.editSide
			if a := m.renamedOn(deleter, b); a != nil {
				return fallbackf("control %s was renamed to %s on %s side and changed on %s side",
					b.block.Name, a.block.Name, sideWord(deleter), sideWord(n.editSide))
			}
		case b != nil && n.v[sOurs] == nil && n.v[sTheirs] == nil:
			o, t := m.renamedOn(sOurs, b), m.renamedOn(sTheirs, b)
			if o != nil && t != nil && o.key != t.key {
				return fallbackf("control %s was renamed to %s on our side and to %s on their side",
					b.block.Name, o.block.Name, t.block.Name)
			}
		}
	}
	return nil
}

// renamedOn returns side d's version of base control b when d renamed it: d lacks b's
// name, and at b's place (the same index among the children of the same parent, or of
// the parent's own renamed version) d has a control with a name that neither base nor
// the other side has, of the same type and variant, with the same shape of children.
// It returns nil otherwise.
func (m *merger) renamedOn(d int, b *ctl) *ctl {
	siblings, dSiblings := m.v[sBase].roots, m.v[d].roots
	if b.parent != nil {
		siblings = b.parent.kids
		p := m.ctlOf(d, b.parent.key)
		if p == nil {
			p = m.renamedOn(d, b.parent)
		}
		if p == nil {
			return nil
		}
		dSiblings = p.kids
	}
	idx := -1
	for i, s := range siblings {
		if s == b {
			idx = i
		}
	}
	if idx < 0 || idx >= len(dSiblings) {
		return nil
	}
	a := dSiblings[idx]
	other := sOurs + sTheirs - d
	if m.ctlOf(sBase, a.key) != nil || m.ctlOf(other, a.key) != nil {
		return nil
	}
	if !sameShape(b, a) {
		return nil
	}
	return a
}

// sameShape reports whether two controls have the same type and variant, and their
// children, in order, the same shape; names and properties may differ.
func sameShape(x, y *ctl) bool {
	if x.block.Type != y.block.Type || x.block.Variant != y.block.Variant || len(x.kids) != len(y.kids) {
		return false
	}
	for i := range x.kids {
		if !sameShape(x.kids[i], y.kids[i]) {
			return false
		}
	}
	return true
}
