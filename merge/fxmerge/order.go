package fxmerge

import (
	"cmp"
	"math"
	"slices"
	"strconv"

	"github.com/canvasgit/canvasgit/internal/sequence"
	"github.com/canvasgit/canvasgit/source/fxyaml"
)

// matchSeq aligns two sequences of distinct keys: for each a[i], the index of the same
// key in b when it is part of a longest common subsequence, else -1. With distinct keys
// the LCS is a longest increasing run of b-positions (O(n log n)).
func matchSeq(a, b []string) []int {
	pos := make(map[string]int, len(b))
	for j, x := range b {
		pos[x] = j
	}
	out := make([]int, len(a))
	var idx, js []int // indexes into a, and their positions in b
	for i, x := range a {
		out[i] = -1
		if j, ok := pos[x]; ok {
			idx = append(idx, i)
			js = append(js, j)
		}
	}
	for _, k := range sequence.LongestIncreasing(len(js), func(k int) int { return js[k] }) {
		out[idx[k]] = js[k]
	}
	return out
}

// mergeSeq is a three-way merge of an order (diff3 over sequences of distinct keys).
// A stretch changed on one side takes that side's order; a stretch changed on both
// sides takes ours' then theirs' (an order is never a conflict). Keys can repeat in the
// result; callers keep the first occurrence of the keys they want.
func mergeSeq(base, ours, theirs []string) []string {
	mo, mt := matchSeq(base, ours), matchSeq(base, theirs)
	var out []string
	i, j, k := 0, 0, 0
	for {
		i2 := i
		for i2 < len(base) && (mo[i2] < 0 || mt[i2] < 0) {
			i2++
		}
		j2, k2 := len(ours), len(theirs)
		if i2 < len(base) {
			j2, k2 = mo[i2], mt[i2]
		}
		bc, oc, tc := base[i:i2], ours[j:j2], theirs[k:k2]
		switch {
		case slices.Equal(oc, bc):
			out = append(out, tc...)
		case slices.Equal(tc, bc), slices.Equal(oc, tc):
			out = append(out, oc...)
		default:
			out = append(out, oc...)
			out = append(out, tc...)
		}
		if i2 == len(base) {
			return out
		}
		out = append(out, base[i2])
		i, j, k = i2+1, j2+1, k2+1
	}
}

// isGroup tells whether a control type shares its parent's ZIndex numbering: pac
// re-parents a group's members under the group block, but in the app they stay
// siblings of the group, numbered in one sequence with it.
func isGroup(typ string) bool { return typ == "group" }

// zDomain returns the key of the control whose children's ZIndex numbering a child of
// parent belongs to: the nearest ancestor (or parent itself) that is not a group.
func (m *merger) zDomain(parent string) string {
	for parent != "" {
		n := m.nodes[parent]
		if n.kind != kKept || !isGroup(n.typ) {
			return parent
		}
		parent = n.parent
	}
	return ""
}

// domainSeq lists the controls numbered in domain d of input s, in stacking order
// (ZIndex, then file order), group members flattened in.
func (m *merger) domainSeq(s int, d string) []string {
	var kids []*ctl
	if d == "" {
		kids = m.v[s].roots
	} else if c := m.ctlOf(s, d); c != nil {
		kids = c.kids
	} else {
		return nil
	}
	// Each control's ZIndex is read once, not at every comparison of the sort (a
	// search of its properties and a ParseFloat each).
	type zctl struct {
		c *ctl
		z float64
	}
	var flat []zctl
	var walk func(cs []*ctl)
	walk = func(cs []*ctl) {
		for _, c := range cs {
			flat = append(flat, zctl{c, zOf(c)})
			if isGroup(c.block.Type) {
				walk(c.kids)
			}
		}
	}
	walk(kids)
	slices.SortStableFunc(flat, func(a, b zctl) int {
		if a.z != b.z {
			return cmpLess(a.z < b.z)
		}
		return cmp.Compare(a.c.pre, b.c.pre)
	})
	out := make([]string, len(flat))
	for i, zc := range flat {
		out[i] = zc.c.key
	}
	return out
}

// inRegion tells whether a placement sits inside a conflict region (its parent is a
// conflicted control, written as one side's block).
func (m *merger) inRegion(pl *placement) bool {
	for p := pl.parent; p != ""; {
		n := m.nodes[p]
		if n.kind != kKept {
			return true
		}
		p = n.parent
	}
	return false
}

// order merges the stacking order of each ZIndex domain, numbers the controls, and
// gives every control its children in output order.
func (m *merger) order() error {
	domains := map[string][]*placement{}
	var dkeys []string
	for _, n := range m.list {
		for _, pl := range n.places {
			if m.inRegion(pl) {
				continue
			}
			d := m.zDomain(pl.parent)
			if _, ok := domains[d]; !ok {
				dkeys = append(dkeys, d)
			}
			domains[d] = append(domains[d], pl)
		}
	}
	for _, d := range dkeys {
		members := domains[d]
		var seqs [3][]string
		for s := 0; s < 3; s++ {
			seqs[s] = m.domainSeq(s, d)
		}
		if !m.charge(int64(len(seqs[0]) + len(seqs[1]) + len(seqs[2]))) {
			return m.overLimit
		}
		merged := mergeSeq(seqs[sBase], seqs[sOurs], seqs[sTheirs])
		pos := positions(merged)
		// A control deleted on one side and changed on the other is missing from the
		// merged order; its conflict goes after its predecessor on the side that kept it.
		for _, pl := range members {
			if _, ok := pos[pl.n.key]; !ok && pl.reg != nil {
				if !m.charge(int64(len(merged) + len(seqs[pl.side]))) {
					return m.overLimit
				}
				merged = insertAfterPredecessor(merged, seqs[pl.side], pl.n.key, pos)
				pos = positions(merged)
			}
		}
		// A node placed twice (added under two parents) is ordered by its side's sequence.
		slices.SortStableFunc(members, func(a, b *placement) int {
			pa, oka := pos[a.n.key]
			pb, okb := pos[b.n.key]
			if oka != okb {
				return cmpLess(oka)
			}
			return cmp.Compare(pa, pb)
		})
		for i, pl := range members {
			pl.seq = i
		}
		m.number(members)
	}
	// Children lists in output order.
	for _, n := range m.list {
		for _, pl := range n.places {
			if pl.parent != "" {
				p := m.nodes[pl.parent]
				p.kids = append(p.kids, pl)
			}
		}
	}
	for _, n := range m.list {
		sortPlacements(n.kids)
	}
	return nil
}

// positions maps each key to the index of its first occurrence.
func positions(seq []string) map[string]int {
	pos := make(map[string]int, len(seq))
	for i, k := range seq {
		if _, ok := pos[k]; !ok {
			pos[k] = i
		}
	}
	return pos
}

// insertAfterPredecessor inserts key into merged right after the nearest key that
// precedes it in side and is already in merged (at the front when there is none).
func insertAfterPredecessor(merged, side []string, key string, pos map[string]int) []string {
	at := 0
	for i := len(side) - 1; i >= 0; i-- {
		if side[i] != key {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			if p, ok := pos[side[j]]; ok {
				at = p + 1
				break
			}
		}
		break
	}
	out := make([]string, 0, len(merged)+1)
	out = append(out, merged[:at]...)
	out = append(out, key)
	return append(out, merged[at:]...)
}

func sortPlacements(pls []*placement) {
	slices.SortStableFunc(pls, func(a, b *placement) int {
		if a.zval != b.zval {
			return cmpLess(a.zval < b.zval)
		}
		return cmp.Compare(a.seq, b.seq)
	})
}

// number gives the controls of one domain their final ZIndex (see
// docs/fxyaml-merge.md): every control takes its merged number (a one-sided change
// wins); if some control has none (both sides renumbered it differently) or the merge
// created a tie no input had, the domain is renumbered along the merged order, keeping
// every number that still fits and giving the others the next free number.
func (m *merger) number(members []*placement) {
	type entry struct {
		pl      *placement
		n       *mnode
		want    float64
		defined bool
	}
	var es []*entry
	for _, pl := range members {
		n := pl.n
		if pl.reg != nil {
			pl.zval = zOf(n.v[pl.side])
			continue
		}
		n.numbered = true
		for _, c := range n.v {
			if c != nil {
				if _, ok := numericZ(c); !ok {
					n.numbered = false
				}
			}
		}
		if !n.numbered {
			pl.zval = -1 // replaced by the merged ZIndex value, if any, in finishOrder
			continue
		}
		e := &entry{pl: pl, n: n}
		e.want, e.defined = mergedZ(n)
		es = append(es, e)
	}
	tieOK := func(a, b *mnode) bool {
		for s := 0; s < 3; s++ {
			if a.v[s] != nil && b.v[s] != nil {
				za, _ := numericZ(a.v[s])
				zb, _ := numericZ(b.v[s])
				if za == zb {
					return true
				}
			}
		}
		return false
	}
	keep := true
	for _, e := range es {
		if !e.defined {
			keep = false
		}
	}
	if keep {
		byWant := append([]*entry(nil), es...)
		slices.SortStableFunc(byWant, func(a, b *entry) int {
			if a.want == b.want {
				return 0
			}
			return cmpLess(a.want < b.want)
		})
		for i := 1; i < len(byWant); i++ {
			if byWant[i].want == byWant[i-1].want && !tieOK(byWant[i-1].n, byWant[i].n) {
				keep = false
				break
			}
		}
	}
	last := math.Inf(-1)
	var prev *mnode
	for _, e := range es {
		z := e.want
		if !keep {
			if !e.defined {
				z = math.Inf(1)
				for _, s := range []int{sOurs, sTheirs} {
					if c := e.n.v[s]; c != nil {
						if v, _ := numericZ(c); v > last && v < z {
							z = v
						}
					}
				}
			}
			if !(z > last || (z == last && prev != nil && tieOK(prev, e.n))) || math.IsInf(z, 1) {
				z = math.Floor(last) + 1
				if math.IsInf(last, -1) {
					z = 1
				}
			}
		}
		e.n.zfinal = z
		e.pl.zval = z
		last, prev = z, e.n
	}
}

// mergedZ is the three-way merge of a control's ZIndex number; defined is false when
// both sides changed it differently (or both added the control with different numbers).
func mergedZ(n *mnode) (float64, bool) {
	o, t, b := n.v[sOurs], n.v[sTheirs], n.v[sBase]
	switch {
	case o != nil && t != nil:
		vo, _ := numericZ(o)
		vt, _ := numericZ(t)
		if vo == vt {
			return vo, true
		}
		if b != nil {
			vb, _ := numericZ(b)
			if vo == vb {
				return vt, true
			}
			if vt == vb {
				return vo, true
			}
		}
		return 0, false
	case o != nil:
		v, _ := numericZ(o)
		return v, true
	case t != nil:
		v, _ := numericZ(t)
		return v, true
	}
	v, _ := numericZ(b)
	return v, true
}

// finishOrder sorts children that are not numbered by their merged ZIndex value.
func (m *merger) finishOrder() {
	for _, n := range m.list {
		if n.kind != kKept || n.numbered {
			continue
		}
		for _, pl := range n.places {
			pl.zval = -1
			if n.propsOurs {
				if p := n.v[sOurs].block.Property("ZIndex"); p != nil {
					pl.zval = fxyaml.ParseZIndex(p.Value)
				}
				continue
			}
			for _, p := range n.props {
				if p.name == "ZIndex" {
					switch {
					case p.p != nil:
						pl.zval = fxyaml.ParseZIndex(p.p.Value)
					case p.reg != nil && len(p.reg.secs[sOurs]) > 0:
						pl.zval = zOf(n.v[sOurs])
					}
				}
			}
		}
	}
	for _, n := range m.list {
		sortPlacements(n.kids)
	}
}

func formatZ(z float64) string {
	return strconv.FormatFloat(z, 'f', -1, 64)
}

// cmpLess turns "a sorts before b" into a comparison for slices.SortStableFunc, whose
// callers here order by floats that are never NaN (ParseZIndex, numericZ) or by a
// flag; equal elements are told apart before it is called. The sorts with closures of
// package sort cost an allocation each, and there is one per sibling list.
func cmpLess(less bool) int {
	if less {
		return -1
	}
	return 1
}
