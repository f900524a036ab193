package fxmerge

import (
	"sort"
	"strconv"
	"strings"

	"github.com/canvasgit/canvasgit/source/fxyaml"
)

// The three inputs.
const (
	sBase = iota
	sOurs
	sTheirs
)

var sideName = [3]string{"base", "ours", "theirs"}

// ctl is one control of one input.
type ctl struct {
	key    string
	block  *fxyaml.Block
	parent *ctl
	kids   []*ctl
	pre    int    // position in a pre-order walk of the file
	node   *mnode // the merge's node of its key
}

func (c *ctl) parentKey() string {
	if c.parent == nil {
		return ""
	}
	return c.parent.key
}

func (c *ctl) path() string {
	var parts []string
	for x := c; x != nil; x = x.parent {
		parts = append(parts, x.block.Name)
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return strings.Join(parts, " > ")
}

// version is one input's control tree.
type version struct {
	roots []*ctl
	order []*ctl // pre-order
}

// eachControl calls fn for every control block of a file in pre-order, with its
// parent (nil at the top level). It reads the bodies in place: the merge walks every
// control of three files, and a slice per block (Block.Children) was a large part of
// its allocations.
func eachControl(f *fxyaml.File, fn func(b, parent *fxyaml.Block) error) error {
	var walk func(body []fxyaml.Node, parent *fxyaml.Block) error
	walk = func(body []fxyaml.Node, parent *fxyaml.Block) error {
		for _, n := range body {
			b, ok := n.(*fxyaml.Block)
			if !ok || (parent != nil && b.Kind == fxyaml.FunctionBlock) {
				continue // Children leaves out functions; the top level keeps every block
			}
			if err := fn(b, parent); err != nil {
				return err
			}
			if err := walk(b.Body, b); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(f.Body, nil)
}

// controlCount is the number of control blocks eachControl visits.
func controlCount(f *fxyaml.File) int {
	n := 0
	eachControl(f, func(_, _ *fxyaml.Block) error { n++; return nil })
	return n
}

// nameCounts counts the control names of side s of a merge, adding them to counts:
// each name's count per side (0, 1, or 2 for more) in two bits of one byte, so the three
// inputs share one map, and a name is looked up once to tell whether it is unique.
func nameCounts(f *fxyaml.File, s int, counts map[string]uint8) {
	eachControl(f, func(b, _ *fxyaml.Block) error {
		c := counts[b.Name]
		if (c>>(2*s))&3 < 2 {
			c += 1 << (2 * s)
		}
		counts[b.Name] = c
		return nil
	})
}

// repeated reports whether a name's counts (nameCounts) say it is defined more than
// once on some side.
func repeated(c uint8) bool { return c&0b101010 != 0 }

// buildVersion indexes the n controls of input s, file f, under the merge's nodes of
// their keys (m.nodes: one map for the three inputs, not one per input). A control's
// key is its name when the name is unique in every input (names are unique across an
// app); names that repeat (test steps of different test cases) are scoped by their
// parent's key.
func (m *merger) buildVersion(s int, f *fxyaml.File, n int, global func(string) bool) (*version, error) {
	v := &version{order: make([]*ctl, 0, n)}
	slab := make([]ctl, n)     // one allocation for the file's controls
	kidSlab := make([]*ctl, n) // and one for their child lists, each cut to its size
	var walk func(body []fxyaml.Node, parent *ctl) error
	walk = func(body []fxyaml.Node, parent *ctl) error {
		for _, nd := range body {
			b, ok := nd.(*fxyaml.Block)
			if !ok || (parent != nil && b.Kind == fxyaml.FunctionBlock) {
				continue // as in eachControl
			}
			key := b.Name
			if !global(b.Name) {
				pk := ""
				if parent != nil {
					pk = parent.key
				}
				key = pk + "\x00" + b.Name
			}
			node := m.nodes[key]
			if node == nil {
				node = m.newNode(key)
			} else if prev := node.v[s]; prev != nil {
				return fallbackf("control %q is defined twice (line %d and line %d)", b.Name, prev.block.Line(), b.Line())
			}
			c := &slab[len(v.order)]
			*c = ctl{key: key, block: b, parent: parent, pre: len(v.order), node: node}
			node.v[s] = c
			kids := 0
			for _, k := range b.Body {
				if kb, ok := k.(*fxyaml.Block); ok && kb.Kind != fxyaml.FunctionBlock {
					kids++
				}
			}
			c.kids, kidSlab = kidSlab[:0:kids], kidSlab[kids:]
			v.order = append(v.order, c)
			if parent != nil {
				parent.kids = append(parent.kids, c)
			} else {
				v.roots = append(v.roots, c)
			}
			if err := walk(b.Body, c); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(f.Body, nil); err != nil {
		return nil, err
	}
	return v, nil
}

// Node kinds after classification.
type nodeKind int

const (
	kKept    nodeKind = iota // in the result
	kDropped                 // deleted (on one side, unchanged on the other; or on both)
	kDelMod                  // deleted on one side, changed on the other: conflict
	kAddAdd                  // added on both sides under different parents: conflict at each
)

// placement is where a node goes: under a parent, as a normal block or a conflict region.
type placement struct {
	n      *mnode
	parent string // merged parent key; "" for the top level
	reg    *region
	side   int     // the input whose version of the node is placed (for ordering)
	zval   float64 // sort value among siblings
	seq    int     // position in the merged sibling order
}

// mnode is one control key across the three inputs and what the merge does with it.
type mnode struct {
	key      string
	v        [3]*ctl
	kind     nodeKind
	editSide int // kDelMod: the side that kept and changed it
	parent   string
	places   []*placement

	// decisions for kept nodes
	header    *fxyaml.Block
	headerReg *region
	props     []propOut
	propsOurs bool // the merged properties are ours' as they are, and props is empty
	funcs     []pitem
	numbered  bool
	zfinal    float64
	kids      []*placement // placements whose parent is this node, in output order
	typ       string
	written   int  // how many times the render wrote the control outside conflict regions
	listed    bool // it is in merger.list
}

type merger struct {
	opt       Options
	files     [3]*fxyaml.File
	v         [3]*version
	limit     int64 // WorkLimit when the merge started
	work      int64 // steps of work counted so far (work.go)
	overLimit error // set when work passed limit
	nodes     map[string]*mnode
	list      []*mnode // every key's node, in a deterministic order (index)
	changedM  [3]map[string]bool
	sigs      [3]map[*ctl]string
	sizeHint  int        // about the size of the result, to size its buffer once
	nodeSlab  []mnode    // where newNode takes nodes from, a few hundred at a time
	hidden    *reduction // the controls held as spans (hidden.go), nil when none
}

// newNode adds the node of a key.
func (m *merger) newNode(key string) *mnode {
	if len(m.nodeSlab) == 0 {
		m.nodeSlab = make([]mnode, 256)
	}
	n := &m.nodeSlab[0]
	m.nodeSlab = m.nodeSlab[1:]
	n.key = key
	m.nodes[key] = n
	return n
}

// ctlOf returns input s's control of a key, or nil.
func (m *merger) ctlOf(s int, key string) *ctl {
	if n := m.nodes[key]; n != nil {
		return n.v[s]
	}
	return nil
}

func newMerger(fb, fo, ft *fxyaml.File, opt Options, limit int64) *merger {
	return &merger{opt: opt, files: [3]*fxyaml.File{fb, fo, ft}, limit: limit}
}

// index builds the three versions. With no base (add/add), the base is a bare copy of
// the two sides' top-level control when they agree on it.
func (m *merger) index() error {
	var sizes [3]int
	for s := sOurs; s <= sTheirs; s++ {
		sizes[s] = controlCount(m.files[s])
	}
	if m.files[sBase] == nil {
		ro, rt := m.files[sOurs].Root(), m.files[sTheirs].Root()
		if ro.Name != rt.Name || len(m.files[sOurs].Blocks()) != 1 || len(m.files[sTheirs].Blocks()) != 1 {
			return fallbackf("no merge base and the two sides define different top-level controls (%s, %s)", ro.Name, rt.Name)
		}
		stub := &fxyaml.Block{Kind: fxyaml.ControlBlock, Name: ro.Name, Type: ro.Type, Variant: ro.Variant}
		m.files[sBase] = &fxyaml.File{Body: []fxyaml.Node{stub}}
	}
	sizes[sBase] = controlCount(m.files[sBase])
	// A name is global unless some side defines it more than once: most merges have no
	// such name, and then no name is looked up again.
	counts := make(map[string]uint8, max(sizes[0], sizes[1], sizes[2]))
	for s := 0; s < 3; s++ {
		nameCounts(m.files[s], s, counts)
	}
	// A name of a control inside a hidden one (hidden.go) in an input would make the
	// small inputs' index differ from the whole one's.
	if h := m.hidden; h != nil && h.hiddenNamesClash(counts) {
		return fallbackf("a control inside an unchanged control has a name the inputs use elsewhere")
	}
	var scoped map[string]bool
	for name, c := range counts {
		if repeated(c) {
			if scoped == nil {
				scoped = map[string]bool{}
			}
			scoped[name] = true
		}
	}
	global := func(name string) bool { return scoped == nil || !scoped[name] }
	m.nodes = make(map[string]*mnode, max(sizes[0], sizes[1], sizes[2]))
	for s := 0; s < 3; s++ {
		v, err := m.buildVersion(s, m.files[s], sizes[s], global)
		if err != nil {
			return fallbackf("%s: %v", sideName[s], err)
		}
		m.v[s] = v
		if !m.chargeTree(v) {
			return m.overLimit
		}
		m.changedM[s] = map[string]bool{}
		m.sigs[s] = map[*ctl]string{}
	}
	if m.hidden != nil && !m.chargeHidden() {
		if m.overLimit != nil {
			return m.overLimit
		}
		return fallbackf("an unchanged control is not the same control in all three inputs")
	}
	// The nodes in a deterministic order, ours' keys, then theirs' additions, then
	// base's: the merge's loops over every node go through this list, not the map.
	m.list = make([]*mnode, 0, len(m.nodes))
	for _, s := range []int{sOurs, sTheirs, sBase} {
		for _, c := range m.v[s].order {
			if !c.node.listed {
				c.node.listed = true
				m.list = append(m.list, c.node)
			}
		}
	}
	return nil
}

// ownSig is a control's own content (header, properties except ZIndex, functions),
// as one string for comparisons.
func (m *merger) ownSig(s int, c *ctl) string {
	if sig, ok := m.sigs[s][c]; ok {
		return sig
	}
	var sb strings.Builder
	sb.WriteString(headerSig(c.block))
	props := c.block.Properties()
	names := make([]string, 0, len(props))
	vals := map[string]string{}
	for _, p := range props {
		if p.Name == "ZIndex" {
			continue
		}
		names = append(names, p.Name)
		vals[p.Name] = p.Value
	}
	sort.Strings(names)
	for _, n := range names {
		sb.WriteString("\x01" + n + "\x02" + vals[n])
	}
	for _, f := range c.block.Functions() {
		sb.WriteString("\x03" + funcSig(f))
	}
	sig := sb.String()
	m.sigs[s][c] = sig
	return sig
}

// headerSig compares headers by meaning (name, type, variant), not spelling.
func headerSig(b *fxyaml.Block) string {
	return b.Name + "\x00" + b.Type + "\x00" + b.Variant
}

func funcSig(f *fxyaml.Block) string {
	var sb strings.Builder
	sb.WriteString(f.Name)
	for _, p := range f.Params {
		sb.WriteString("\x00" + p.Name + " " + p.Type)
	}
	for _, a := range f.Children() {
		sb.WriteString("\x01" + a.Name)
		for _, p := range a.Properties() {
			sb.WriteString("\x02" + p.Name + "\x03" + p.Value)
		}
	}
	return sb.String()
}

func kidKeys(c *ctl) []string {
	out := make([]string, len(c.kids))
	for i, k := range c.kids {
		out[i] = k.key
	}
	return out
}

// sameKidOrder reports whether keys are c's children's keys, in order.
func sameKidOrder(keys []string, c *ctl) bool {
	if len(keys) != len(c.kids) {
		return false
	}
	for i, k := range c.kids {
		if k.key != keys[i] {
			return false
		}
	}
	return true
}

// sameKids reports whether two controls have children of the same keys (in any
// order); most have them in the same order, checked without building anything.
func sameKids(a, b *ctl) bool {
	if len(a.kids) != len(b.kids) {
		return false
	}
	inOrder := true
	for i, k := range a.kids {
		if k.key != b.kids[i].key {
			inOrder = false
			break
		}
	}
	return inOrder || sameSet(kidKeys(a), kidKeys(b))
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := make(map[string]bool, len(a))
	for _, x := range a {
		seen[x] = true
	}
	for _, x := range b {
		if !seen[x] {
			return false
		}
	}
	return true
}

// changed reports whether side s changed control key relative to base, ignoring ZIndex
// and the order of children: its header, properties, functions, parent, set of
// children, or any descendant.
func (m *merger) changed(s int, key string) bool {
	if v, ok := m.changedM[s][key]; ok {
		return v
	}
	b, x := m.ctlOf(sBase, key), m.ctlOf(s, key)
	res := x == nil || b == nil ||
		m.ownSig(sBase, b) != m.ownSig(s, x) ||
		b.parentKey() != x.parentKey() ||
		!sameKids(b, x)
	if !res {
		for _, k := range x.kids {
			if m.changed(s, k.key) {
				res = true
				break
			}
		}
	}
	m.changedM[s][key] = res
	return res
}

// sameSubtree reports whether ours and theirs hold the same content for key (both
// added it), ignoring ZIndex and child order.
func (m *merger) sameSubtree(o, t *ctl) bool {
	if m.ownSig(sOurs, o) != m.ownSig(sTheirs, t) || o.parentKey() != t.parentKey() {
		return false
	}
	if !sameKids(o, t) {
		return false
	}
	tk := map[string]*ctl{}
	for _, k := range t.kids {
		tk[k.key] = k
	}
	for _, k := range o.kids {
		if !m.sameSubtree(k, tk[k.key]) {
			return false
		}
	}
	return true
}

// classify decides each key's fate and its merged parent.
func (m *merger) classify() error {
	for _, n := range m.list {
		key := n.key
		b, o, t := n.v[sBase], n.v[sOurs], n.v[sTheirs]
		switch {
		case b != nil && o != nil && t != nil:
			n.kind = kKept
			po, pt, pb := o.parentKey(), t.parentKey(), b.parentKey()
			switch {
			case po == pt || pt == pb:
				n.parent = po
			case po == pb:
				n.parent = pt
			default:
				// Written at both places, the control would be a conflict of its whole
				// block at each (every line twice), where git's line merge marks only
				// the lines where the two moves overlap: the line merge is the smaller.
				return fallbackf("control %s was moved to different parents on the two sides (ours: %s; theirs: %s)",
					o.block.Name, o.path(), t.path())
			}
		case b != nil && o != nil:
			n.kind, n.editSide = kDropped, sOurs
			if m.changed(sOurs, key) {
				n.kind = kDelMod
			}
		case b != nil && t != nil:
			n.kind, n.editSide = kDropped, sTheirs
			if m.changed(sTheirs, key) {
				n.kind = kDelMod
			}
		case b != nil:
			n.kind = kDropped
		case o != nil && t != nil:
			// Both sides added it. The same control (name, type and variant) under the
			// same parent is merged as if base held an empty control of that type: each
			// property, function and child added on both sides is merged on its own,
			// so only what differs conflicts, as git's line merge marks only the lines
			// that differ. Two different controls under different parents conflict
			// as a whole block at each place.
			switch {
			case m.sameSubtree(o, t) || (o.parentKey() == t.parentKey() && headerSig(o.block) == headerSig(t.block)):
				n.kind, n.parent = kKept, o.parentKey()
			case o.parentKey() == t.parentKey():
				// Two different controls of one name at one place: a conflict on both
				// whole blocks, where git's line merge marks only the lines that
				// differ (often just the header): the line merge is the smaller.
				return fallbackf("control %s was added on both sides as different controls (ours: %s; theirs: %s)",
					o.block.Name, o.block.Key(), t.block.Key())
			default:
				n.kind = kAddAdd
			}
		case o != nil:
			n.kind, n.parent = kKept, o.parentKey()
		default:
			n.kind, n.parent = kKept, t.parentKey()
		}
	}
	if err := m.checkRenames(); err != nil {
		return err
	}
	// Placements.
	for _, n := range m.list {
		switch n.kind {
		case kKept:
			n.places = []*placement{{n: n, parent: n.parent, side: primarySide(n)}}
		case kDelMod:
			c := n.v[n.editSide]
			deleter := sOurs + sTheirs - n.editSide
			reg := &region{property: "", reason: "deleted on " + sideWord(deleter) + " side, changed on " + sideWord(n.editSide) + " side"}
			reg.secs[n.editSide] = []secItem{{c: c, side: n.editSide}}
			reg.secs[sBase] = []secItem{{c: n.v[sBase], side: sBase}}
			n.places = []*placement{{n: n, parent: c.parentKey(), reg: reg, side: n.editSide}}
		case kAddAdd:
			// Added under different parents (the same place is merged or falls back).
			o, t := n.v[sOurs], n.v[sTheirs]
			why := "added on both sides under different parents (ours: " + o.path() + "; theirs: " + t.path() + ")"
			ro := &region{reason: why}
			ro.secs[sOurs] = []secItem{{c: o, side: sOurs}}
			rt := &region{reason: why}
			rt.secs[sTheirs] = []secItem{{c: t, side: sTheirs}}
			n.places = []*placement{{n: n, parent: o.parentKey(), reg: ro, side: sOurs}, {n: n, parent: t.parentKey(), reg: rt, side: sTheirs}}
		}
	}
	// Parents must exist and form a tree.
	for _, n := range m.list {
		key := n.key
		for _, pl := range n.places {
			if pl.parent == "" {
				continue
			}
			p := m.nodes[pl.parent]
			if p == nil || p.kind == kDropped {
				return fallbackf("control %s would lose its parent %s (deleted on one side)", nodeName(n), displayKey(pl.parent))
			}
		}
		if n.kind == kKept {
			seen := map[string]bool{key: true}
			for p := n.parent; p != ""; {
				if seen[p] {
					return fallbackf("moves on the two sides would put control %s inside itself", nodeName(n))
				}
				seen[p] = true
				pn := m.nodes[p]
				if pn.kind != kKept {
					break
				}
				p = pn.parent
			}
		}
	}
	return nil
}

func sideWord(s int) string {
	if s == sOurs {
		return "our"
	}
	return "their"
}

// primarySide is the input whose version of a node supplies its bytes by default:
// ours when it has the node, else theirs, else base.
func primarySide(n *mnode) int {
	switch {
	case n.v[sOurs] != nil:
		return sOurs
	case n.v[sTheirs] != nil:
		return sTheirs
	}
	return sBase
}

func nodeName(n *mnode) string {
	for _, c := range n.v {
		if c != nil {
			return c.block.Name
		}
	}
	return displayKey(n.key)
}

func displayKey(k string) string {
	if i := strings.LastIndexByte(k, 0); i >= 0 {
		return k[i+1:]
	}
	return k
}

// zOf returns a control's ZIndex in one input as pac orders children (-1 when absent
// or not a number).
func zOf(c *ctl) float64 {
	if c == nil {
		return -1
	}
	return c.block.ZIndex()
}

// numericZ returns the ZIndex number of a control and whether it has one.
func numericZ(c *ctl) (float64, bool) {
	p := c.block.Property("ZIndex")
	if p == nil {
		return 0, false
	}
	return numericZValue(p.Value)
}

// numericZValue is numericZ for the text of a ZIndex formula.
func numericZValue(v string) (float64, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || f != f || f > 1e15 || f < -1e15 {
		return 0, false
	}
	return f, true
}
