package fxmerge

import (
	"bytes"

	"github.com/canvasgit/canvasgit/merge/internal/structural"
	"github.com/canvasgit/canvasgit/source/fxyaml"
)

func (m *merger) run() (Result, error) {
	if err := m.index(); err != nil {
		return Result{}, err
	}
	if err := m.classify(); err != nil {
		return Result{}, err
	}
	m.decideHeaders()
	if err := m.order(); err != nil {
		return Result{}, err
	}
	if err := m.decideContent(); err != nil {
		return Result{}, err
	}
	m.finishOrder()
	return m.render()
}

// planNode builds the output of a kept control: one input's block as it is when the
// merged control equals it (its bytes are kept), otherwise a block rebuilt from merged
// parts. pristine tells, per input, whether the merged control equals that input's.
func (m *merger) planNode(n *mnode) (pitem, [3]bool) {
	var pristine [3]bool
	for _, s := range []int{sOurs, sTheirs} {
		c := n.v[s]
		pristine[s] = c != nil && n.headerReg == nil && n.header.Key() == c.block.Key() &&
			(n.propsOurs || propsEqual(n.props, c.block)) && funcsEqual(n.funcs, c.block.Functions())
	}
	var kids []pitem
	var keys []string
	for _, pl := range n.kids {
		keys = append(keys, pl.n.key)
		if pl.reg != nil {
			kids = append(kids, pitem{reg: pl.reg, pl: pl})
			pristine = [3]bool{}
			continue
		}
		it, cp := m.planNode(pl.n)
		kids = append(kids, it)
		for s := range pristine {
			pristine[s] = pristine[s] && cp[s]
		}
	}
	for _, s := range []int{sOurs, sTheirs} {
		if pristine[s] && !sameKidOrder(keys, n.v[s]) {
			pristine[s] = false
		}
	}
	for _, s := range []int{sOurs, sTheirs} {
		if pristine[s] {
			return pitem{node: n.v[s].block, c: n.v[s]}, pristine
		}
	}
	p := &bplan{header: n.header, headerReg: n.headerReg, key: n.key}
	p.items = append(p.items, n.funcs...)
	if n.propsOurs {
		for _, nd := range n.v[sOurs].block.Body {
			if pr, ok := nd.(*fxyaml.Property); ok {
				p.items = append(p.items, pitem{node: pr})
			}
		}
	}
	for _, pr := range n.props {
		switch {
		case pr.reg != nil:
			p.items = append(p.items, pitem{reg: pr.reg})
		case pr.fx != nil:
			p.items = append(p.items, pitem{fx: pr.fx})
		default:
			p.items = append(p.items, pitem{node: pr.p})
		}
	}
	for _, t := range sepTrivia(n.v[primarySide(n)].block) {
		p.items = append(p.items, pitem{node: t})
	}
	p.items = append(p.items, kids...)
	return pitem{plan: p}, pristine
}

// propsEqual reports whether the merged properties are b's, in b's order (read in
// place: a slice of them per control and side was a good part of a merge's garbage).
func propsEqual(out []propOut, b *fxyaml.Block) bool {
	i := 0
	for _, n := range b.Body {
		p, ok := n.(*fxyaml.Property)
		if !ok {
			continue
		}
		if i == len(out) {
			return false
		}
		o := out[i]
		if o.reg != nil || o.p == nil || o.name != p.Name || o.p.Value != p.Value {
			return false
		}
		i++
	}
	return i == len(out)
}

func funcsEqual(items []pitem, fs []*fxyaml.Block) bool {
	if len(items) != len(fs) {
		return false
	}
	for i, it := range items {
		b, ok := it.node.(*fxyaml.Block)
		if !ok || b.Key() != fs[i].Key() || funcSig(b) != funcSig(fs[i]) {
			return false
		}
	}
	return true
}

// sepTrivia returns the blank (and comment) lines a block has between its properties
// and its first child control: pac writes exactly one empty line there.
func sepTrivia(b *fxyaml.Block) []fxyaml.Node {
	last := -1
	for i, n := range b.Body {
		switch n := n.(type) {
		case *fxyaml.Property:
			last = i
		case *fxyaml.Block:
			if n.Kind == fxyaml.FunctionBlock {
				last = i
			}
		}
	}
	var out []fxyaml.Node
	for _, n := range b.Body[last+1:] {
		if blk, ok := n.(*fxyaml.Block); ok && blk.Kind == fxyaml.ControlBlock {
			break
		}
		if t, ok := n.(*fxyaml.Trivia); ok {
			out = append(out, t)
		}
	}
	return out
}

type renderer struct {
	m         *merger
	w         *fxyaml.Writer
	conflicts []Conflict
}

func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + " > " + name
}

func (m *merger) render() (Result, error) {
	ours := m.files[sOurs]
	r := &renderer{m: m,
		w: &fxyaml.Writer{Newline: ours.Newline(), NormalizeNewlines: !ours.MixedNewlines()}}
	// The result is about ours with theirs' changes: its size, made once.
	r.w.Grow(m.sizeHint)
	if ours.BOM {
		r.w.WriteRaw([]byte{0xEF, 0xBB, 0xBF})
	}
	// Top-level controls in merged order, with ours' leading and trailing trivia.
	var roots []*placement
	for _, n := range m.list {
		for _, pl := range n.places {
			if pl.parent == "" {
				if pl.reg != nil {
					return Result{}, fallbackf("top-level control %s: %s", nodeName(pl.n), pl.reg.reason)
				}
				roots = append(roots, pl)
			}
		}
	}
	sortPlacements(roots)
	body := ours.Body
	first, last := -1, -1
	for i, n := range body {
		if _, ok := n.(*fxyaml.Block); ok {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	for _, n := range body[:first] {
		r.w.WriteNode(n, 0)
	}
	// Every top-level control at ours' top-level indent: the parser wants them aligned,
	// and a control another side moved to the top came from a deeper level.
	indent := fxyaml.Indent(ours.Root())
	for _, pl := range roots {
		it, _ := m.planNode(pl.n)
		r.item(it, indent, "")
	}
	for _, n := range body[last+1:] {
		r.w.WriteNode(n, 0)
	}
	if err := r.check(); err != nil {
		return Result{}, err
	}
	out := r.w.Bytes()
	if ours.NoFinalNewline && (len(r.conflicts) == 0 || r.conflicts[len(r.conflicts)-1].EndLine < r.w.Lines()) {
		out = bytes.TrimSuffix(out, []byte(ours.Newline()))
	}
	return Result{Merged: out, Conflicts: r.conflicts}, nil
}

func (r *renderer) item(it pitem, indent int, path string) {
	switch {
	case it.reg != nil:
		p := path
		if it.pl != nil {
			p = joinPath(path, nodeName(it.pl.n))
		}
		r.region(it.reg, indent, p)
	case it.fx != nil:
		r.formula(it.fx, indent, path)
	case it.plan != nil:
		r.plan(it.plan, indent, path)
	case it.node != nil:
		r.w.WriteNode(it.node, indent)
		if it.c != nil {
			r.markNormal(it.c)
		}
	}
}

func (r *renderer) markNormal(c *ctl) {
	c.node.written++
	for _, k := range c.kids {
		r.markNormal(k)
	}
}

func (r *renderer) plan(p *bplan, indent int, path string) {
	if p.key != "" {
		r.m.nodes[p.key].written++
		path = joinPath(path, p.header.Name)
	}
	if p.headerReg != nil {
		r.region(p.headerReg, indent, path)
	} else {
		r.w.WriteHeader(p.header, indent)
	}
	ci := fxyaml.ChildIndent(p.header, indent)
	for _, it := range p.items {
		r.item(it, ci, path)
	}
}

func (r *renderer) marker(c byte, label string) {
	// git and every marker reader split lines at LF only: a side whose last line ended
	// in a lone CR would glue the marker to it.
	if b := r.w.Bytes(); len(b) > 0 && b[len(b)-1] != '\n' {
		r.w.WriteRaw([]byte("\n"))
	}
	r.w.WriteLine(structural.MarkerLine(c, label, r.m.opt.MarkerSize))
}

func (r *renderer) region(g *region, indent int, path string) {
	opt := r.m.opt
	start := r.w.Lines() + 1
	sec := func(s int) {
		for _, it := range g.secs[s] {
			r.secItem(it, indent)
		}
	}
	structural.Region(opt, r.marker, func() { sec(sOurs) }, func() { sec(sBase) }, func() { sec(sTheirs) })
	r.conflicts = append(r.conflicts, Conflict{StartLine: start, EndLine: r.w.Lines(),
		ControlPath: path, Property: g.property, Reason: g.reason})
}

func (r *renderer) secItem(it secItem, indent int) {
	switch {
	case it.header != nil:
		r.w.WriteHeader(it.header, indent)
	case it.node != nil:
		r.w.WriteNode(it.node, indent)
	case it.c != nil:
		if it.side == sBase {
			r.w.WriteBlock(it.c.block, indent)
			return
		}
		r.subtree(it.c, indent)
	}
}

// placedElsewhere tells whether a child of a conflicted control goes somewhere else in
// the result (moved out by the other side), so the conflict region leaves it out. A
// child placed twice (added or moved under different parents on the two sides) has one
// placement under each side's parent: the one under this parent sits inside this
// conflict region, so the region writes it, or no side of the result would. A child
// with no placement (deleted by the side that deleted or kept the conflicted control
// unchanged) is written with the block that holds it.
func (m *merger) placedElsewhere(kid *ctl, parent string) bool {
	places := m.nodes[kid.key].places
	for _, pl := range places {
		if pl.parent == parent {
			return false
		}
	}
	return len(places) > 0
}

// subtree writes one input's control block, leaving out children placed elsewhere.
func (r *renderer) subtree(c *ctl, indent int) {
	skip := map[*fxyaml.Block]bool{}
	for _, k := range c.kids {
		if r.m.placedElsewhere(k, c.key) {
			skip[k.block] = true
		}
	}
	if len(skip) == 0 && !r.m.anyPlacedElsewhere(c) {
		r.w.WriteBlock(c.block, indent)
		return
	}
	r.w.WriteHeader(c.block, indent)
	ci := fxyaml.ChildIndent(c.block, indent)
	kidOf := map[*fxyaml.Block]*ctl{}
	for _, k := range c.kids {
		kidOf[k.block] = k
	}
	for _, n := range c.block.Body {
		if b, ok := n.(*fxyaml.Block); ok && kidOf[b] != nil {
			if !skip[b] {
				r.subtree(kidOf[b], ci)
			}
			continue
		}
		r.w.WriteNode(n, ci)
	}
}

func (m *merger) anyPlacedElsewhere(c *ctl) bool {
	for _, k := range c.kids {
		if m.placedElsewhere(k, c.key) || m.anyPlacedElsewhere(k) {
			return true
		}
	}
	return false
}

// sectionKeys lists the controls a conflict side writes (as subtree does).
func (m *merger) sectionKeys(c *ctl, out map[string]bool) {
	out[c.key] = true
	for _, k := range c.kids {
		if !m.placedElsewhere(k, c.key) {
			m.sectionKeys(k, out)
		}
	}
}

// check verifies that every control of the result is written exactly once, and that
// each conflict is self-contained: a control one side of it shows is either absent from
// the other side's input or shown by the other side of the same conflict too, so that
// resolving the conflict either way loses nothing the other side kept.
//
// A control added or moved under two different parents has two regions (one per
// side); they are one conflict. So are regions that show the same control: a control
// added under two parents, one of which is itself in conflict, is shown by that
// parent's region on one side and by its own region on the other.
func (r *renderer) check() error {
	m := r.m
	// The controls each conflicted node's regions show, per side.
	type shown struct {
		n    *mnode
		keys [3]map[string]bool
	}
	var groups []*shown
	for _, n := range m.list {
		g := &shown{n: n}
		placed := false
		for _, s := range []int{sOurs, sTheirs} {
			g.keys[s] = map[string]bool{}
		}
		for _, pl := range n.places {
			if pl.reg == nil || m.inRegion(pl) {
				continue
			}
			placed = true
			for _, s := range []int{sOurs, sTheirs} {
				for _, it := range pl.reg.secs[s] {
					if it.c != nil {
						m.sectionKeys(it.c, g.keys[s])
					}
				}
			}
		}
		if placed {
			groups = append(groups, g)
		}
	}
	// Resolving every conflict to one side must write each control once.
	inRegion := map[string]bool{}
	for _, s := range []int{sOurs, sTheirs} {
		owner := map[string]*shown{}
		for _, g := range groups {
			for k := range g.keys[s] {
				if prev := owner[k]; prev != nil {
					return fallbackf("control %s would appear in two conflict regions (of %s and %s)", displayKey(k), nodeName(prev.n), nodeName(g.n))
				}
				owner[k] = g
				inRegion[k] = true
			}
		}
	}
	// Groups that show a common control are one conflict.
	parent := make([]int, len(groups))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	first := map[string]int{}
	for i, g := range groups {
		for _, s := range []int{sOurs, sTheirs} {
			for k := range g.keys[s] {
				if j, ok := first[k]; ok {
					parent[find(i)] = find(j)
				} else {
					first[k] = i
				}
			}
		}
	}
	var merged [3]map[int]map[string]bool
	for _, s := range []int{sOurs, sTheirs} {
		merged[s] = map[int]map[string]bool{}
		for i, g := range groups {
			root := find(i)
			if merged[s][root] == nil {
				merged[s][root] = map[string]bool{}
			}
			for k := range g.keys[s] {
				merged[s][root][k] = true
			}
		}
	}
	for i, g := range groups {
		root := find(i)
		for _, s := range []int{sOurs, sTheirs} {
			other := sOurs + sTheirs - s
			for k := range g.keys[s] {
				if k != g.n.key && m.ctlOf(other, k) != nil && !merged[other][root][k] {
					return fallbackf("the conflict on control %s overlaps a change to control %s; the structural merge cannot show it", nodeName(g.n), displayKey(k))
				}
			}
		}
	}
	for _, n := range m.list {
		key := n.key
		if n.kind != kKept {
			continue
		}
		count := n.written
		if inRegion[key] {
			count++
		}
		if count != 1 {
			return fallbackf("internal error: control %s would be written %d times", nodeName(n), count)
		}
	}
	return nil
}
