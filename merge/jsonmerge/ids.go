package jsonmerge

import (
	"fmt"
	"slices"
	"strings"
)

// idHolder is one place holding an id that must be unique: a name of an id map
// (UniqueIDPaths) or a member named by UniqueIDKeys. inOurs says the merged value is
// the one ours has there.
type idHolder struct {
	// at is where the holder is, for the note: its path, or (at nil) the quoted
	// name key. Written only for the holders the note names.
	at     *path
	key    string
	val    *node // the merged value; nil or not an id: ignored
	inOurs bool
}

// name is how the note names the holder.
func (h idHolder) name() string {
	if h.at != nil {
		return h.at.String()
	}
	return quote(h.key)
}

// idValue reads an id: a plain integer number or a string of digits (read as text,
// so an absurdly long one costs linear time). The text is its canonical decimal
// spelling.
func idValue(v *node) (intText, string, bool) {
	text, ok := idText(v)
	if !ok {
		return intText{}, "", false
	}
	id, ok := readInt(text)
	if !ok {
		return intText{}, "", false
	}
	return id, id.String(), true
}

// idText is an id's text as written: a plain integer number's token or a string of
// digits; ok is false for any other value (nil too).
func idText(v *node) (text string, ok bool) {
	switch {
	case v == nil:
		return "", false
	case v.kind == kNumber && isPlainInt(v.raw):
		return v.raw, true
	case v.kind == kString && isDigits(v.str):
		return v.str, true
	}
	return "", false
}

// dedupe is the one renumbering rule of the package: of the holders sharing an id,
// those whose value ours has there keep it, the others get new ids above the largest
// one, in document order. Ids nobody from ours holds (a duplicate one side already
// had) are left alone. It returns the new values by holder index (same kind as the
// old: a number stays a number, a digit string a digit string) and one "name old→new"
// per change. New ids start above floor too (nil: zero).
func dedupe(hs []idHolder, floor intText) (map[int]*node, []string) {
	// One map look-up per holder finds the first holder of each id; only ids held
	// twice get a list of holders (most merges have none: a list per id was most of
	// an Entropy.json merge's id pass, issue 18).
	first := make(map[string]int, len(hs))
	maxID := floor
	var repeats []int // holders whose id an earlier holder has
	for i, h := range hs {
		id, text, ok := idValue(h.val)
		if !ok {
			continue
		}
		if id.cmp(maxID) > 0 {
			maxID = id
		}
		if _, seen := first[text]; seen {
			repeats = append(repeats, i)
		} else {
			first[text] = i
		}
	}
	byID := map[string][]int{}
	var order []string // the repeated ids, by their first holder
	for _, i := range repeats {
		_, text, _ := idValue(hs[i].val)
		if byID[text] == nil {
			order = append(order, text)
			byID[text] = []int{first[text]}
		}
		byID[text] = append(byID[text], i)
	}
	slices.SortFunc(order, func(a, b string) int { return first[a] - first[b] })
	renum := map[int]*node{}
	var changes []string
	for _, text := range order {
		idx := byID[text]
		if len(idx) < 2 {
			continue
		}
		ours := false
		for _, i := range idx {
			ours = ours || hs[i].inOurs
		}
		if !ours {
			continue
		}
		for _, i := range idx {
			if hs[i].inOurs {
				continue
			}
			maxID = maxID.add(1)
			next := maxID.String()
			renum[i] = idNode(hs[i].val.kind, next)
			changes = append(changes, fmt.Sprintf("%s %s→%s", hs[i].name(), text, next))
		}
	}
	return renum, changes
}

// mayRepeatIDs reports whether two values of the id map n may hold the same id:
// false only when every value that is an id is a non-negative integer of at most 18
// digits (what Studio writes) and no two are equal, so that dedupe has nothing to do.
// Studio's ids are dense (0 to about the number of controls): a bit per possible id
// tells the repeats, in a few words where dedupe's holders and map of ids cost about
// ten words a value (an Entropy.json merge's ControlUniqueIds, hundreds of names,
// issue 18); sparse ids are sorted instead.
func mayRepeatIDs(n *node) bool {
	// each calls f on every id of the map; false when one is negative or long.
	each := func(f func(uint64)) bool {
		for _, mb := range n.members() {
			text, isID := idText(resolved(mb.val))
			if !isID {
				continue // not an id: dedupe passes over it too
			}
			id, ok := smallID(text)
			if !ok {
				return false
			}
			f(id)
		}
		return true
	}
	count, maxID := 0, uint64(0)
	if !each(func(id uint64) { count, maxID = count+1, max(maxID, id) }) {
		return true // left to dedupe
	}
	if maxID < 64*uint64(count) {
		bits := make([]uint64, maxID/64+1)
		repeat := false
		each(func(id uint64) {
			w, b := id/64, uint64(1)<<(id%64)
			repeat = repeat || bits[w]&b != 0
			bits[w] |= b
		})
		return repeat
	}
	ids := make([]uint64, 0, count)
	each(func(id uint64) { ids = append(ids, id) })
	slices.Sort(ids)
	for i := 1; i < len(ids); i++ {
		if ids[i] == ids[i-1] {
			return true
		}
	}
	return false
}

// smallID reads a run of at most 18 decimal digits (leading zeros allowed, as in
// the canonical text dedupe compares); ok false for anything else.
func smallID(s string) (uint64, bool) {
	s = strings.TrimLeft(s, "0")
	if len(s) > 18 {
		return 0, false
	}
	var id uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		id = id*10 + uint64(c-'0')
	}
	return id, true
}

// idNode is a new id value of the given kind.
func idNode(k kind, text string) *node {
	if k == kString {
		return &node{kind: kString, raw: quote(text), str: text, hash: hashScalar('s', text)}
	}
	return numberNode(text)
}

// listed joins changes for a note, at most maxListed of them.
func listed(changes []string) string {
	if len(changes) > maxListed {
		changes = append(changes[:maxListed:maxListed], fmt.Sprintf("and %d more", len(changes)-maxListed))
	}
	return strings.Join(changes, ", ")
}

// uniqueKeyIDs makes the values of the UniqueIDKeys members distinct within the
// merged document (see dedupe); a value counts as ours' when the merge took ours'
// node for it. New ids go above every id either side has in the file, so none is
// given back to a control the other side's app still knows by it. It returns the
// new root; nodes on the way are copied, never changed in place.
func (m *merger) uniqueKeyIDs(root *node, sides ...*node) *node {
	if len(m.p.idKey) == 0 {
		return root
	}
	if guided && !m.idsShared(root) {
		return root
	}
	var floor intText
	for _, s := range sides {
		if s == nil {
			continue
		}
		m.walkIDs(s, nil, func(_ *path, v *node) *node {
			if id, _, ok := idValue(v); ok && id.cmp(floor) > 0 {
				floor = id
			}
			return v
		})
	}
	var hs []idHolder
	m.walkIDs(root, nil, func(p *path, v *node) *node {
		hs = append(hs, idHolder{at: p, val: v, inOurs: v.fromOurs})
		return v
	})
	renum, changes := dedupe(hs, floor)
	if len(renum) == 0 {
		return root
	}
	i := 0
	root = m.walkIDs(root, nil, func(_ *path, v *node) *node {
		r := renum[i]
		i++
		if r != nil {
			return r
		}
		return v
	})
	m.notes = append(m.notes, fmt.Sprintf("%d id(s) from theirs renumbered because ours gives them to other controls in this file: %s", len(renum), listed(changes)))
	return root
}

// idsShared reports whether uniqueKeyIDs has ids to renumber: whether an id the
// merged document gives to a value of ours' is also given to one that is not ours'
// (dedupe's test). It reads what walkIDs reads, without paths, passing over the
// values that hold no ids and reading copies through the base nodes they copy, so
// that a merge with nothing to renumber makes nothing.
func (m *merger) idsShared(root *node) bool {
	const ours, other = 1, 2
	seen := map[string]uint8{} // id text -> the kinds of holder seen
	shared := false
	var walk func(n *node, side uint8)
	walk = func(n *node, side uint8) {
		if shared || (n.raw != "" && !n.hasIDs && (n.kind == kObject || n.kind == kArray)) {
			return
		}
		if n.like != nil { // a copy: all of it is its side's
			side = other
			if n.fromOurs {
				side = ours
			}
			n = n.like
		}
		visit := func(key string, v *node) {
			cur := resolved(v)
			if cur == nil {
				return
			}
			if !m.p.idKey[key] || (cur.kind != kNumber && cur.kind != kString) {
				walk(cur, side)
				return
			}
			_, text, ok := idValue(cur)
			if !ok {
				return
			}
			holder := side
			if holder == 0 {
				holder = other
				if cur.fromOurs {
					holder = ours
				}
			}
			seen[text] |= holder
			shared = shared || seen[text] == ours|other
		}
		switch n.kind {
		case kObject:
			for _, mb := range n.members() {
				visit(mb.key, mb.val)
			}
		case kArray:
			for _, e := range n.elems() {
				visit("", e)
			}
		}
	}
	walk(root, 0)
	return shared
}

// walkIDs calls f, in document order, on the value of every UniqueIDKeys member
// outside unresolved conflicts, and returns the tree with f's replacements.
func (m *merger) walkIDs(n *node, p *path, f func(*path, *node) *node) *node {
	switch n.kind {
	case kObject:
		var members []member
		for i, mb := range n.members() {
			cur := resolved(mb.val)
			if cur == nil {
				continue
			}
			var v *node
			if m.p.idKey[mb.key] && (cur.kind == kNumber || cur.kind == kString) {
				v = f(p.member(mb.key), cur)
			} else {
				v = m.walkIDs(cur, p.member(mb.key), f)
			}
			if v != cur {
				if members == nil {
					members = append([]member(nil), n.members()...)
				}
				members[i].val = v
			}
		}
		if members != nil {
			return rebuilt(n, members)
		}
	case kArray:
		var elems []*node
		for i, e := range n.elems() {
			cur := resolved(e)
			if cur == nil {
				continue
			}
			at := p.position(i)
			if name := cur.peek("Name"); name != nil && name.kind == kString {
				at = p.entry("Name", name.str) // a control: name it
			}
			v := m.walkIDs(cur, at, f)
			if v != cur {
				if elems == nil {
					elems = append([]*node(nil), n.elems()...)
				}
				elems[i] = v
			}
		}
		if elems != nil {
			out := arrayNode(elems)
			out.hash = hashArray(elems)
			return out
		}
	}
	return n
}
