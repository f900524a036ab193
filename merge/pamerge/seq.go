package pamerge

import (
	"slices"

	"github.com/canvasgit/canvasgit/internal/sequence"
	"github.com/canvasgit/canvasgit/source/payaml"
)

// orderKeys orders a merged mapping's keys. The serializer writes named-object maps
// (Properties, Screens, ...) sorted ordinally: when both sides are sorted the result is
// too. Otherwise the keys are merged as an ordered sequence (orderMerge), which keeps
// Studio's fixed key order of a control (Control, Variant, ..., Properties, Children).
func (m *merger) orderKeys(name string, b, o, t []string, keep map[string]bool) []string {
	if namedMap(name) && slices.IsSorted(o) && slices.IsSorted(t) {
		var keys []string
		for k := range keep {
			keys = append(keys, k)
		}
		m.charge(int64(len(keys)))
		slices.Sort(keys)
		return keys
	}
	return m.orderMerge(b, o, t, keep)
}

// orderMerge merges three orders of distinct names into one holding the names of keep:
//   - the names all three have are in ours' order when theirs kept base's, in theirs'
//     when ours did; when both reordered, ours' order with each name only theirs moved
//     put back after the name theirs has before it (a name is moved when it is not in a
//     longest run both the side and base have in the same order);
//   - every other name (added by a side, or kept by one side against a delete) goes
//     after the name its side has before it, ours' before theirs' in the same gap.
//
// A reorder is never a conflict: every input gives one order.
func (m *merger) orderMerge(b, o, t []string, keep map[string]bool) []string {
	m.charge(int64(len(b) + len(o) + len(t)))
	inB, inO, inT := set(b), set(o), set(t)
	common := func(list []string) []string {
		var out []string
		for _, k := range list {
			if keep[k] && inB[k] && inO[k] && inT[k] {
				out = append(out, k)
			}
		}
		return out
	}
	ordB, ordO, ordT := common(b), common(o), common(t)
	var res []string
	switch {
	case slices.Equal(ordO, ordB):
		res = slices.Clone(ordT)
	case slices.Equal(ordT, ordB), slices.Equal(ordO, ordT):
		res = slices.Clone(ordO)
	default:
		res = m.combineMoves(ordB, ordO, ordT)
	}
	placed := set(res)
	fromOurs := map[string]bool{}
	m.charge(int64(len(keep)) * int64(len(keep)+1))
	for si, side := range [][]string{o, t} {
		isOurs := si == 0
		for i, k := range side {
			if !keep[k] || placed[k] {
				continue
			}
			pos := 0
			for j := i - 1; j >= 0; j-- {
				if placed[side[j]] {
					pos = slices.Index(res, side[j]) + 1
					break
				}
			}
			if !isOurs {
				for pos < len(res) && fromOurs[res[pos]] {
					pos++
				}
			}
			res = slices.Insert(res, pos, k)
			placed[k] = true
			if isOurs {
				fromOurs[k] = true
			}
		}
	}
	return res
}

// combineMoves is ours' order with the names only theirs moved put after theirs'
// predecessor.
func (m *merger) combineMoves(b, o, t []string) []string {
	m.charge(int64(len(o)) * int64(len(o)))
	posB := map[string]int{}
	for i, k := range b {
		posB[k] = i
	}
	moved := func(list []string) map[string]bool {
		stay := map[string]bool{}
		for _, i := range sequence.LongestIncreasing(len(list), func(i int) int { return posB[list[i]] }) {
			stay[list[i]] = true
		}
		out := map[string]bool{}
		for _, k := range list {
			if !stay[k] {
				out[k] = true
			}
		}
		return out
	}
	movedO, movedT := moved(o), moved(t)
	res := slices.Clone(o)
	for i, k := range t {
		if !movedT[k] || movedO[k] {
			continue
		}
		res = slices.Delete(res, slices.Index(res, k), slices.Index(res, k)+1)
		pos := 0
		if i > 0 {
			pos = slices.Index(res, t[i-1]) + 1
		}
		res = slices.Insert(res, pos, k)
	}
	return res
}

func set(list []string) map[string]bool {
	out := make(map[string]bool, len(list))
	for _, k := range list {
		out[k] = true
	}
	return out
}

// seqShape is how a sequence's items are identified.
type seqShape int

const (
	shapeOther  seqShape = iota // anything else: merged as a whole value
	shapeNamed                  // one-key maps with distinct keys (Children, Parameters)
	shapeScalar                 // distinct non-null scalars (ScreensOrder)
)

// shapeOf tells how the three versions of a sequence can be merged item by item: all
// of one keyed shape, each side's names distinct.
func shapeOf(seqs ...*payaml.Seq) seqShape {
	shape := shapeOther
	for _, s := range seqs {
		if s == nil {
			continue
		}
		if s.Flow && len(s.Items) > 0 {
			return shapeOther
		}
		seen := map[string]bool{}
		for _, it := range s.Items {
			var k string
			var sh seqShape
			switch it := it.(type) {
			case *payaml.Map:
				if len(it.Entries) != 1 || it.Flow {
					return shapeOther
				}
				k, sh = it.Entries[0].Key.Value, shapeNamed
			case *payaml.Scalar:
				if it.Null {
					return shapeOther
				}
				k, sh = it.Value, shapeScalar
			default:
				return shapeOther
			}
			if shape != shapeOther && shape != sh || seen[k] {
				return shapeOther
			}
			shape = sh
			seen[k] = true
		}
	}
	return shape
}

// itemKey is an item's name: its one key, or the scalar's value.
func itemKey(it payaml.Node) string {
	switch it := it.(type) {
	case *payaml.Map:
		return it.Entries[0].Key.Value
	case *payaml.Scalar:
		return it.Value
	}
	return ""
}

func itemKeys(s *payaml.Seq) ([]string, map[string]payaml.Node) {
	if s == nil {
		return nil, nil
	}
	var keys []string
	byKey := map[string]payaml.Node{}
	for _, it := range s.Items {
		k := itemKey(it)
		keys = append(keys, k)
		byKey[k] = it
	}
	return keys, byKey
}

// mergeSeq merges a sequence both sides changed, item by item; nil when its items are
// not named (then the whole entry is one value).
func (m *merger) mergeSeq(c ctx, name string, b, o, t *payaml.Seq) *oSeq {
	shape := shapeOf(b, o, t)
	if shape == shapeOther {
		return nil
	}
	kb, ib := itemKeys(b)
	ko, io := itemKeys(o)
	kt, it := itemKeys(t)
	keep := map[string]bool{}
	for _, k := range append(slices.Clone(ko), kt...) {
		keep[k] = true
	}
	if name == "Children" {
		// A control moved and changed lives at its new parent only.
		for k := range keep {
			if h, ok := m.home[[2]string{c.scope, k}]; ok && h.parent != c.obj {
				delete(keep, k)
			}
		}
	}
	order := m.orderMerge(kb, ko, kt, keep)
	var renamedFrom map[string]payaml.Node
	if name == "Children" && shape == shapeNamed {
		renamedFrom = m.renames(c, kb, ib, ko, io, kt, it)
	}
	out := &oSeq{}
	for _, k := range order {
		nb, no, nt := ib[k], io[k], it[k]
		if nb == nil && renamedFrom[k] != nil {
			// Both sides renamed one control alike: its base is the old one.
			old := oneEntry(renamedFrom[k])
			nb = &payaml.Map{Entries: []*payaml.Entry{{Key: oneEntry(firstNode(no, nt)).Key, Value: old.Value}}}
		}
		if shape == shapeScalar {
			// A name is there or not: kept when both have it or one side added it.
			if no != nil && nt != nil || nb == nil {
				out.items = append(out.items, &oItem{node: firstNode(no, nt)})
			}
			continue
		}
		ic := c.key(k)
		if name == "Children" {
			ic = c.objectChild(k)
		}
		eb, eo, et := oneEntry(nb), oneEntry(no), oneEntry(nt)
		if h, ok := m.home[[2]string{c.scope, k}]; ok && name == "Children" {
			eb, eo, et = h.at[sBase].entry, h.at[sOurs].entry, h.at[sTheirs].entry
		}
		e := m.mergeEntry(ic, k, eb, eo, et)
		if e == nil {
			continue
		}
		if e.reg != nil {
			e.reg.isItem = true
			e.reg.field = ""
			if name != "Children" {
				e.reg.field = c.key(k).fieldName()
			}
		}
		out.items = append(out.items, &oItem{entry: e})
	}
	return out
}

func firstNode(ns ...payaml.Node) payaml.Node {
	for _, n := range ns {
		if n != nil {
			return n
		}
	}
	return nil
}

func oneEntry(n payaml.Node) *payaml.Entry {
	if mp, ok := n.(*payaml.Map); ok {
		return mp.Entries[0]
	}
	return nil
}

// renames finds controls renamed in a Children list: a side that no longer has a base
// control has, at the same index, a control of the same type whose name base lacks
// (Studio renames on copy and paste: `rowInfo` becomes `rowInfo_1`). Matched by name
// only, a rename is a deletion and an addition, which loses the other side's edits to
// the control or doubles it, so:
//   - renamed alike on both sides: the new name's base is the old control (returned);
//   - renamed on one side and changed, renamed otherwise or deleted on the other: the
//     merge stops (m.stop) and the line merge, which sees the renamed header line as an
//     ordinary change, is used.
func (m *merger) renames(c ctx, kb []string, ib map[string]payaml.Node, ko []string, io map[string]payaml.Node, kt []string, it map[string]payaml.Node) map[string]payaml.Node {
	find := func(ks []string, is map[string]payaml.Node) map[string]string {
		out := map[string]string{}
		for i, r := range kb {
			if is[r] != nil || i >= len(ks) {
				continue
			}
			k := ks[i]
			if ib[k] != nil || typeName(controlType(ib[r])) != typeName(controlType(is[k])) {
				continue
			}
			out[r] = k
		}
		return out
	}
	renO, renT := find(ko, io), find(kt, it)
	base := map[string]payaml.Node{}
	check := func(r string, mine map[string]string, other map[string]string, otherItems map[string]payaml.Node, side, otherSide string) {
		k, ok := mine[r]
		if !ok || m.stop != nil {
			return
		}
		switch k2, both := other[r]; {
		case both && k2 == k:
			base[k] = ib[r]
		case both:
			m.stop = fallbackf("control %s was renamed differently on the two sides (%s, %s)", r, k, k2)
		case otherItems[k] != nil:
			base[k] = ib[r] // renamed alike, the other side's rename at another index
		case otherItems[r] == nil:
			m.stop = fallbackf("control %s was renamed to %s on %s and deleted on %s", r, k, side, otherSide)
		case !m.same(ib[r], otherItems[r]):
			m.stop = fallbackf("control %s was renamed to %s on %s and changed on %s", r, k, side, otherSide)
		}
	}
	for _, r := range kb {
		check(r, renO, renT, it, "ours", "theirs")
		check(r, renT, renO, io, "theirs", "ours")
	}
	return base
}

// controlType is the Control value of a Children item (a one-key map).
func controlType(item payaml.Node) payaml.Node {
	e := oneEntry(item)
	if e == nil {
		return nil
	}
	body, _ := e.Value.(*payaml.Map)
	return body.Get("Control")
}
