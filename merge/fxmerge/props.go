package fxmerge

import (
	"slices"

	"github.com/canvasgit/canvasgit/source/fxyaml"
)

// region is a conflict: what each input has for one property, one header line, one
// function or one control block.
type region struct {
	property string
	reason   string
	secs     [3][]secItem // base, ours, theirs
}

// secItem is one piece of a conflict side.
type secItem struct {
	node   fxyaml.Node   // a property or a whole block, written as it is
	header *fxyaml.Block // only this block's header line
	c      *ctl          // a control subtree of input side (children placed elsewhere left out)
	side   int
}

// propOut is the merged state of one property: kept (p), dropped (all nil), in
// conflict as a whole (reg), or a formula with conflicts inside (fx).
type propOut struct {
	name string
	p    *fxyaml.Property
	reg  *region
	fx   *formulaMerge
}

// pitem is one entry of a merged block body.
type pitem struct {
	node fxyaml.Node // written as it is (a raw control subtree when c is set)
	c    *ctl
	plan *bplan
	reg  *region
	fx   *formulaMerge
	pl   *placement // a child control
}

// bplan is a block rebuilt from merged parts.
type bplan struct {
	header    *fxyaml.Block
	headerReg *region
	items     []pitem
	key       string // control key ("" for functions and argument blocks)
}

func sameProp(a, b *fxyaml.Property) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Value == b.Value
}

// mergeProp merges one property given its three versions (nil when absent).
func (m *merger) mergeProp(name string, pb, po, pt *fxyaml.Property) propOut {
	switch {
	case sameProp(po, pt):
		return propOut{name: name, p: po}
	case sameProp(po, pb):
		return propOut{name: name, p: pt}
	case sameProp(pt, pb):
		return propOut{name: name, p: po}
	}
	reason := "changed differently on both sides"
	switch {
	case po == nil:
		reason = "deleted on our side, changed on their side"
	case pt == nil:
		reason = "changed on our side, deleted on their side"
	case pb == nil:
		reason = "added on both sides with different values"
		// A formula both sides added is merged line by line from an empty base, as
		// git's line merge sees it: the lines the two sides share are not in conflict.
		if isBlockProp(po) || isBlockProp(pt) {
			if out, ok := m.mergeFormula(name, pb, po, pt); ok {
				return out
			}
		}
	case isBlockProp(pb) || isBlockProp(po) || isBlockProp(pt):
		if out, ok := m.mergeFormula(name, pb, po, pt); ok {
			return out
		}
		reason = "both sides changed the formula differently"
	}
	reg := &region{property: name, reason: reason}
	for s, p := range [3]*fxyaml.Property{pb, po, pt} {
		if p != nil {
			reg.secs[s] = []secItem{{node: p, side: s}}
		}
	}
	return propOut{name: name, reg: reg}
}

// mergeProps merges the properties of three versions of a block (nil for a missing
// one), leaving out ZIndex when skipZ; the result is in pac's order.
func (m *merger) mergeProps(blocks [3]*fxyaml.Block, skipZ bool) []propOut {
	if out, ok := sameOursTheirsProps(blocks, skipZ); ok {
		return out
	}
	return m.mergePropsByName(blocks, skipZ)
}

// mergePropsByName is mergeProps the general way: property by property, by name.
func (m *merger) mergePropsByName(blocks [3]*fxyaml.Block, skipZ bool) []propOut {
	var names []string
	byName := [3]map[string]*fxyaml.Property{}
	seen := map[string]bool{}
	for _, s := range []int{sOurs, sTheirs, sBase} {
		byName[s] = map[string]*fxyaml.Property{}
		if blocks[s] == nil {
			continue
		}
		for _, n := range blocks[s].Body { // in place: Properties() allocates
			p, ok := n.(*fxyaml.Property)
			if !ok {
				continue
			}
			byName[s][p.Name] = p
			if !seen[p.Name] {
				seen[p.Name] = true
				names = append(names, p.Name)
			}
		}
	}
	var out []propOut
	for _, name := range names {
		if skipZ && name == "ZIndex" {
			continue
		}
		r := m.mergeProp(name, byName[sBase][name], byName[sOurs][name], byName[sTheirs][name])
		if r.p != nil || r.reg != nil || r.fx != nil {
			out = append(out, r)
		}
	}
	sortProps(out)
	return out
}

func sortProps(ps []propOut) {
	slices.SortStableFunc(ps, func(a, b propOut) int { return fxyaml.CompareNames(a.name, b.name) })
}

// decideHeaders picks each kept control's header: a one-sided change wins; both sides
// changing it differently, or one side changing the type while the other edits the
// control's properties, is a conflict on the header line.
func (m *merger) decideHeaders() {
	for _, n := range m.list {
		if n.kind != kKept {
			continue
		}
		b, o, t := n.v[sBase], n.v[sOurs], n.v[sTheirs]
		n.header = n.v[primarySide(n)].block
		if b != nil && o != nil && t != nil {
			hb, ho, ht := headerSig(b.block), headerSig(o.block), headerSig(t.block)
			var reason string
			switch {
			case ho == ht:
			case ho == hb:
				n.header = t.block
				if t.block.Type != b.block.Type && m.bodySig(sOurs, o) != m.bodySig(sBase, b) {
					reason = "type changed on their side (" + b.block.Type + " → " + t.block.Type + ") while our side edited the control"
				}
			case ht == hb:
				if o.block.Type != b.block.Type && m.bodySig(sTheirs, t) != m.bodySig(sBase, b) {
					reason = "type changed on our side (" + b.block.Type + " → " + o.block.Type + ") while their side edited the control"
				}
			default:
				reason = "header changed differently on both sides"
			}
			if reason != "" {
				reg := &region{reason: reason}
				for s, c := range n.v {
					reg.secs[s] = []secItem{{header: c.block, side: s}}
				}
				n.headerReg = reg
			}
		}
		n.typ = n.header.Type
	}
}

// decideContent merges the properties and functions of every kept control.
func (m *merger) decideContent() error {
	for _, n := range m.list {
		if n.kind != kKept {
			continue
		}
		var blocks [3]*fxyaml.Block
		for s, c := range n.v {
			if c != nil {
				blocks[s] = c.block
			}
		}
		if k := keyClash(blocks); k != "" {
			return fallbackf("control %s: a property and a block are both keyed %q (on different sides); the merged control could hold both", nodeName(n), k)
		}
		if !n.numbered && oursTheirsPropsAlike(blocks) {
			// The merged properties are ours' as they are (sameOursTheirsProps):
			// read from ours' block where needed, not listed for every such control.
			n.propsOurs = true
		} else {
			n.props = m.mergeProps(blocks, n.numbered)
		}
		if n.numbered {
			n.props = append(n.props, propOut{name: "ZIndex", p: m.zProp(n)})
			sortProps(n.props)
		}
		n.funcs = m.mergeFuncs(blocks)
		if m.overLimit != nil {
			return m.overLimit
		}
	}
	return nil
}

// keyClash returns a key that is a property's on some side and a function's or child
// control's on some side ("" when none). Properties and blocks are merged separately,
// so such a control (only hand-made files have a property spelled `F()` or `X As y`)
// could come out with the key twice, which pac's reader rejects.
func keyClash(blocks [3]*fxyaml.Block) string {
	if !hasBodyBlocks(blocks) {
		return "" // nothing a property could clash with (most controls: leaves)
	}
	// Each block key against each property key, read in place: a map of the property
	// keys per control with children was a thirtieth of the 10,000-control merge's
	// memory, and a control has a few dozen properties. A map still when the pairs are
	// many.
	props, subs := 0, 0
	for _, b := range blocks {
		if b == nil {
			continue
		}
		for _, n := range b.Body {
			switch n.(type) {
			case *fxyaml.Property:
				props++
			case *fxyaml.Block:
				subs++
			}
		}
	}
	if props*subs > keyClashScanLimit {
		return keyClashMap(blocks)
	}
	// Each key read once: the block keys in order, then each property's against
	// them; the first block key that is a property's is the answer.
	var arr [16]string
	keys := arr[:0]
	for _, b := range blocks {
		if b == nil {
			continue
		}
		for _, n := range b.Body {
			if c, ok := n.(*fxyaml.Block); ok {
				keys = append(keys, c.Key())
			}
		}
	}
	first := len(keys)
	for _, b := range blocks {
		if b == nil {
			continue
		}
		for _, n := range b.Body {
			if p, ok := n.(*fxyaml.Property); ok {
				k := p.Key()
				for i := 0; i < first; i++ {
					if keys[i] == k {
						first = i
						break
					}
				}
			}
		}
	}
	if first < len(keys) {
		return keys[first]
	}
	return ""
}

// keyClashScanLimit is how many pairs of a block key and a property key keyClash
// compares one by one before it indexes the property keys in a map.
const keyClashScanLimit = 1 << 12

// keyClashMap is keyClash with the property keys in a map.
func keyClashMap(blocks [3]*fxyaml.Block) string {
	props := map[string]bool{}
	for _, b := range blocks {
		if b != nil {
			for _, n := range b.Body {
				if p, ok := n.(*fxyaml.Property); ok {
					props[p.Key()] = true
				}
			}
		}
	}
	for _, b := range blocks {
		if b == nil {
			continue
		}
		for _, n := range b.Body {
			if c, ok := n.(*fxyaml.Block); ok && props[c.Key()] {
				return c.Key()
			}
		}
	}
	return ""
}

// zProp returns the ZIndex property carrying the node's final number: an input's own
// line when it already says that number, otherwise a rewritten one.
func (m *merger) zProp(n *mnode) *fxyaml.Property {
	for _, s := range []int{sOurs, sTheirs, sBase} {
		if c := n.v[s]; c != nil {
			if v, ok := numericZ(c); ok && v == n.zfinal {
				return c.block.Property("ZIndex")
			}
		}
	}
	np := *n.v[primarySide(n)].block.Property("ZIndex")
	np.Value = formatZ(n.zfinal)
	return &np
}

// mergeFuncs merges the component functions of three versions of a control, by name.
func (m *merger) mergeFuncs(blocks [3]*fxyaml.Block) []pitem {
	if !hasFunctions(blocks) {
		return nil
	}
	byName := [3]map[string]*fxyaml.Block{}
	var names []string
	seen := map[string]bool{}
	for _, s := range []int{sOurs, sTheirs, sBase} {
		byName[s] = map[string]*fxyaml.Block{}
		if blocks[s] == nil {
			continue
		}
		for _, f := range blocks[s].Functions() {
			byName[s][f.Name] = f
			if !seen[f.Name] {
				seen[f.Name] = true
				names = append(names, f.Name)
			}
		}
	}
	slices.SortStableFunc(names, fxyaml.CompareNames)
	var out []pitem
	for _, name := range names {
		fb, fo, ft := byName[sBase][name], byName[sOurs][name], byName[sTheirs][name]
		same := func(a, b *fxyaml.Block) bool {
			if a == nil || b == nil {
				return a == b
			}
			return funcSig(a) == funcSig(b)
		}
		var pick *fxyaml.Block
		switch {
		case same(fo, ft):
			pick = fo
		case same(fo, fb):
			pick = ft
		case same(ft, fb):
			pick = fo
		default:
			if it, ok := m.mergeFunc(fb, fo, ft); ok {
				out = append(out, it)
				continue
			}
			reason := "changed differently on both sides"
			switch {
			case fo == nil:
				reason = "deleted on our side, changed on their side"
			case ft == nil:
				reason = "changed on our side, deleted on their side"
			case fb == nil:
				reason = "added on both sides with different content"
			}
			reg := &region{property: name + "()", reason: reason}
			for s, f := range [3]*fxyaml.Block{fb, fo, ft} {
				if f != nil {
					reg.secs[s] = []secItem{{node: f, side: s}}
				}
			}
			out = append(out, pitem{reg: reg})
			continue
		}
		if pick != nil {
			out = append(out, pitem{node: pick})
		}
	}
	return out
}

// mergeFunc merges a function changed on both sides: its signature as a whole, and the
// Default of each argument block. ok is false when only a whole-function conflict fits.
func (m *merger) mergeFunc(fb, fo, ft *fxyaml.Block) (pitem, bool) {
	if fb == nil || fo == nil || ft == nil {
		return pitem{}, false
	}
	kb, ko, kt := fb.Key(), fo.Key(), ft.Key()
	header := fo
	switch {
	case ko == kt, kt == kb:
	case ko == kb:
		header = ft
	default:
		return pitem{}, false
	}
	args := [3]map[string]*fxyaml.Block{}
	var seqs [3][]string
	for s, f := range [3]*fxyaml.Block{fb, fo, ft} {
		args[s] = map[string]*fxyaml.Block{}
		for _, a := range f.Children() {
			args[s][a.Name] = a
			seqs[s] = append(seqs[s], a.Name)
		}
	}
	order := mergeSeq(seqs[sBase], seqs[sOurs], seqs[sTheirs])
	p := &bplan{header: header}
	written := map[string]bool{}
	for _, name := range order {
		// An argument both sides added shows up once per side in the merged order
		// (mergeSeq keeps both sides' stretches); it is one argument.
		if written[name] {
			continue
		}
		written[name] = true
		ab, ao, at := args[sBase][name], args[sOurs][name], args[sTheirs][name]
		sig := func(b *fxyaml.Block) string {
			if b == nil {
				return "\x00nil"
			}
			s := ""
			for _, pr := range b.Properties() {
				s += pr.Name + "\x01" + pr.Value + "\x02"
			}
			return s
		}
		switch {
		case sig(ao) == sig(at):
			if ao != nil {
				p.items = append(p.items, pitem{node: ao})
			}
		case sig(ao) == sig(ab):
			if at != nil {
				p.items = append(p.items, pitem{node: at})
			}
		case sig(at) == sig(ab):
			if ao != nil {
				p.items = append(p.items, pitem{node: ao})
			}
		case ab != nil && ao != nil && at != nil:
			ap := &bplan{header: ao}
			for _, r := range m.mergeProps([3]*fxyaml.Block{ab, ao, at}, false) {
				switch {
				case r.reg != nil:
					r.reg.property = fo.Name + "()." + name + "." + r.name
					ap.items = append(ap.items, pitem{reg: r.reg})
				case r.fx != nil:
					r.fx.property = fo.Name + "()." + name + "." + r.name
					ap.items = append(ap.items, pitem{fx: r.fx})
				default:
					ap.items = append(ap.items, pitem{node: r.p})
				}
			}
			p.items = append(p.items, pitem{plan: ap})
		default:
			return pitem{}, false
		}
	}
	return pitem{plan: p}, true
}

// bodySig is a control's properties (except ZIndex) and functions, for comparisons.
func (m *merger) bodySig(s int, c *ctl) string {
	sig := m.ownSig(s, c)
	return sig[len(headerSig(c.block)):]
}
