package pamerge

import (
	"fmt"
	"slices"
	"strings"

	"github.com/canvasgit/canvasgit/merge/linemerge"
	"github.com/canvasgit/canvasgit/source/payaml"
)

const (
	sBase = iota
	sOurs
	sTheirs
)

var sideName = [3]string{"base", "ours", "theirs"}

type merger struct {
	opt       Options
	work      int64
	limit     int64
	overLimit error
	// stop is set when the merge finds something only the line merge can do well.
	stop error
	// home holds the controls moved on one side and changed on the other (by scope and
	// name); forced the objects whose subtree must be merged to reach them.
	home   map[[2]string]place3
	forced map[[2]string]bool
	// trivia is how many comment and blank lines the clean output holds outside the
	// banner: reading the output must find them all (none swallowed by a block).
	trivia int
}

// The merged tree. A value both sides agree on (or only one changed) is kept as that
// input's node, so its bytes are that input's; a value both changed is a merged map or
// sequence, a merged formula, or a conflict region.

// oEntry is one entry of a merged mapping.
type oEntry struct {
	key     *payaml.Scalar
	leading []string      // comment and blank lines above the key (hand-written files)
	val     payaml.Node   // the value, resolved
	m       *oMap         // or a mapping merged entry by entry
	s       *oSeq         // or a sequence merged item by item
	fx      *formulaMerge // or a formula merged line by line, with conflicts
	reg     *region       // or a conflict: the entry as each side has it
}

type oMap struct{ entries []*oEntry }

// oSeq is a merged sequence; each item is an input's node, a one-key map whose entry
// was merged, or a conflict region over whole items.
type oSeq struct{ items []*oItem }

type oItem struct {
	node  payaml.Node
	entry *oEntry
	reg   *region
}

// region is a conflict: what each side has at one place (entries of a mapping, or
// items of a sequence); nil or absent when a side has nothing there.
type region struct {
	entries [3]*payaml.Entry
	items   [3]payaml.Node
	isItem  bool
	path    string
	field   string
	reason  string
}

// ctx says where a value is: the object path ("Screen1 > Button1") and the keys below
// the object ("Properties", "Text").
type ctx struct {
	path  string
	field []string
	// objects: the mapping's entries are named objects (Screens, DataSources, ...).
	objects bool
	// top is the root key above (Screens, ...); scope the screen or component
	// definition ("Screens/Home") and obj the object the value belongs to.
	top, scope, obj string
}

func (c ctx) objectChild(name string) ctx {
	p := name
	if c.path != "" {
		p = c.path + " > " + name
	}
	scope := c.scope
	if scope == "" && (c.top == "Screens" || c.top == "ComponentDefinitions") {
		scope = c.top + "/" + name
	}
	return ctx{path: p, scope: scope, obj: name}
}

func (c ctx) key(k string) ctx {
	return ctx{path: c.path, field: append(slices.Clip(c.field), k), scope: c.scope, obj: c.obj, top: c.top}
}

func (c ctx) fieldName() string { return strings.Join(c.field, ".") }

// objectMap reports the mappings whose entries are named objects: their keys extend the
// object path. (Switches, not maps: a map is built at package init, on every start of
// the binary, the merge driver's included.)
func objectMap(name string) bool {
	switch name {
	case "Screens", "ComponentDefinitions", "DataSources", "Themes", "ControlStyles":
		return true
	}
	return false
}

// namedMap reports the mappings the serializer writes in ordinal key order
// (NamedObjectMapping in the tooling's model).
func namedMap(name string) bool {
	return objectMap(name) || name == "Properties" || name == "CustomProperties"
}

func (m *merger) run(fb, fo, ft *payaml.File) (Result, error) {
	out := *fo
	// File-level traits: one side's change is taken.
	if fb != nil {
		if fo.Banner == fb.Banner {
			out.Banner = ft.Banner
		} else if ft.Banner != fb.Banner && ft.Banner != fo.Banner {
			// Hand-written files keep notes there: merged by line when that is clean.
			res := linemerge.Merge([]byte(fb.Banner), []byte(fo.Banner), []byte(ft.Banner), linemerge.Options{})
			if !res.Clean() {
				return Result{}, fallbackf("both sides changed the same lines of the comment banner at the top of the file")
			}
			out.Banner = string(res.Merged)
		}
		pick := func(b, o, t bool) bool {
			if o == b {
				return t
			}
			return o
		}
		switch {
		case slices.Equal(fo.Trailer, fb.Trailer):
			out.Trailer = ft.Trailer
		case !slices.Equal(ft.Trailer, fb.Trailer) && !slices.Equal(ft.Trailer, fo.Trailer):
			merged, ok := mergeLines(fb.Trailer, fo.Trailer, ft.Trailer)
			if !ok {
				return Result{}, fallbackf("both sides changed the same comment lines at the end of the file")
			}
			out.Trailer = merged
		}
		out.BOM = pick(fb.BOM, fo.BOM, ft.BOM)
		out.CRLF = pick(fb.CRLF, fo.CRLF, ft.CRLF)
		out.NoFinalNewline = pick(fb.NoFinalNewline, fo.NoFinalNewline, ft.NoFinalNewline)
	}
	if err := m.checkMoves(fb, fo, ft); err != nil {
		return Result{}, err
	}
	var rb *payaml.Map
	if fb != nil {
		rb = fb.Root
	}
	root := m.mergeMap(ctx{}, "", rb, fo.Root, ft.Root)
	if m.overLimit != nil {
		return Result{}, m.overLimit
	}
	if m.stop != nil {
		return Result{}, m.stop
	}
	r := &renderer{m: m}
	r.mapBody(root, 0)
	for _, l := range out.Trailer {
		r.write(l + "\n")
	}
	r.trivia += len(out.Trailer)
	m.trivia = r.trivia
	body := r.b.String()
	if out.NoFinalNewline && len(r.conflicts) > 0 {
		// A conflict's closing marker ends the file; git ends it with a line break.
		out.NoFinalNewline = false
	}
	return Result{Merged: out.Finish(body), Conflicts: r.conflicts}, nil
}

// same reports whether two values are written alike (the same data in the same
// styles), so taking either keeps the bytes.
func (m *merger) same(a, b payaml.Node) bool {
	switch a := a.(type) {
	case nil:
		return b == nil
	case *payaml.Scalar:
		m.charge(1)
		b, ok := b.(*payaml.Scalar)
		return ok && a.Value == b.Value && a.Null == b.Null && a.Style == b.Style && a.Header == b.Header && a.Raw == b.Raw
	case *payaml.Map:
		b, ok := b.(*payaml.Map)
		if !ok || len(a.Entries) != len(b.Entries) || a.Flow != b.Flow {
			return false
		}
		m.charge(1)
		for i, e := range a.Entries {
			f := b.Entries[i]
			if !m.same(e.Key, f.Key) || !slices.Equal(e.Leading, f.Leading) || !m.same(e.Value, f.Value) {
				return false
			}
		}
		return true
	case *payaml.Seq:
		b, ok := b.(*payaml.Seq)
		if !ok || len(a.Items) != len(b.Items) || a.Flow != b.Flow {
			return false
		}
		m.charge(1)
		for i := range a.Items {
			if !m.same(a.Items[i], b.Items[i]) {
				return false
			}
		}
		return true
	}
	return false
}

// mergeMap merges three mappings (base nil: both sides added it) entry by entry.
// name is the mapping's key in its parent ("" for the root).
func (m *merger) mergeMap(c ctx, name string, b, o, t *payaml.Map) *oMap {
	keys := m.orderKeys(name, b.Keys(), o.Keys(), t.Keys(), presentKeys(b, o, t))
	out := &oMap{}
	for _, k := range keys {
		eb, eo, et := b.Entry(k), o.Entry(k), t.Entry(k)
		var kc ctx
		switch {
		case c.objects:
			kc = c.objectChild(k)
		case name == "" && objectMap(k):
			kc = ctx{field: []string{k}, objects: true, top: k}
		case name == "":
			kc = ctx{path: k}
		default:
			kc = c.key(k)
		}
		if e := m.mergeEntry(kc, k, eb, eo, et); e != nil {
			out.entries = append(out.entries, e)
		}
	}
	m.typeChangeRule(c, b, o, t, out)
	return out
}

// presentKeys returns the keys the merged mapping may keep: those of ours and theirs
// (one deleted by a side is dropped or, changed by the other, kept as a conflict by
// mergeEntry).
func presentKeys(b, o, t *payaml.Map) map[string]bool {
	keep := map[string]bool{}
	for _, k := range o.Keys() {
		keep[k] = true
	}
	for _, k := range t.Keys() {
		keep[k] = true
	}
	return keep
}

// mergeEntry merges one key's entry; nil means the merged mapping has no such key.
func (m *merger) mergeEntry(c ctx, k string, eb, eo, et *payaml.Entry) *oEntry {
	e := m.mergeEntryValue(c, k, eb, eo, et)
	if e == nil || e.reg != nil {
		return e // a conflict writes each side's entry with its own comment lines
	}
	lb, lo, lt := leading(eb), leading(eo), leading(et)
	switch {
	case slices.Equal(lo, lt), slices.Equal(lb, lt):
		e.leading = lo
	case slices.Equal(lb, lo):
		e.leading = lt
	default:
		merged, ok := mergeLines(lb, lo, lt)
		if !ok && m.stop == nil {
			m.stop = fallbackf("both sides changed the same comment lines above %s", strings.TrimSpace(c.path+" "+c.fieldName()))
		}
		e.leading = merged
	}
	return e
}

// mergeLines merges comment lines changed on both sides by line, as git would; ok is
// false when the same lines changed.
func mergeLines(b, o, t []string) ([]string, bool) {
	join := func(ls []string) []byte {
		var sb strings.Builder
		for _, l := range ls {
			sb.WriteString(l + "\n")
		}
		return []byte(sb.String())
	}
	res := linemerge.Merge(join(b), join(o), join(t), linemerge.Options{})
	if !res.Clean() {
		return nil, false
	}
	text := strings.TrimSuffix(string(res.Merged), "\n")
	if text == "" && len(res.Merged) == 0 {
		return nil, true
	}
	return strings.Split(text, "\n"), true
}

func leading(e *payaml.Entry) []string {
	if e == nil {
		return nil
	}
	return e.Leading
}

// mergeEntryValue merges one key's value; nil means the merged mapping has no such key.
func (m *merger) mergeEntryValue(c ctx, k string, eb, eo, et *payaml.Entry) *oEntry {
	vb, vo, vt := value(eb), value(eo), value(et)
	forced := m.forcedAt(c) && vb != nil && vo != nil && vt != nil
	switch {
	case m.same(vo, vt):
		return entryOf(eo)
	case forced:
		// A control moved into this subtree on one side was changed on the other:
		// the subtree is merged even where one side left it alone.
	case m.same(vb, vo):
		return entryOf(et)
	case m.same(vb, vt):
		return entryOf(eo)
	}
	// Both changed, differently.
	key := keyOf(eo, et)
	if vo == nil || vt == nil {
		// Deleted on one side, changed on the other.
		what := "deleted it"
		if eb == nil {
			what = "added it" // cannot happen: an add on one side only is taken above
		}
		del, chg := "ours", "theirs"
		if vt == nil {
			del, chg = "theirs", "ours"
		}
		return &oEntry{key: key, reg: &region{entries: [3]*payaml.Entry{eb, eo, et}, path: c.path, field: c.fieldName(),
			reason: fmt.Sprintf("%s %s, %s changed it", del, what, chg)}}
	}
	switch vo := vo.(type) {
	case *payaml.Map:
		vt, ok := vt.(*payaml.Map)
		bm, bok := vb.(*payaml.Map)
		if ok && (vb == nil || bok) {
			return &oEntry{key: key, m: m.mergeMap(c, k, bm, vo, vt)}
		}
	case *payaml.Seq:
		vt, ok := vt.(*payaml.Seq)
		bs, bok := vb.(*payaml.Seq)
		if ok && (vb == nil || bok) {
			if s := m.mergeSeq(c, k, bs, vo, vt); s != nil {
				return &oEntry{key: key, s: s}
			}
		}
	case *payaml.Scalar:
		vt, ok := vt.(*payaml.Scalar)
		bs, _ := vb.(*payaml.Scalar)
		if ok {
			if e := m.mergeScalar(c, key, bs, vo, vt); e != nil {
				return e
			}
		}
	}
	reason := "both sides changed it differently"
	if eb == nil {
		reason = "both sides added it with different values"
	}
	return &oEntry{key: key, reg: &region{entries: [3]*payaml.Entry{eb, eo, et}, path: c.path, field: c.fieldName(), reason: reason}}
}

func value(e *payaml.Entry) payaml.Node {
	if e == nil {
		return nil
	}
	return e.Value
}

func entryOf(e *payaml.Entry) *oEntry {
	if e == nil {
		return nil
	}
	return &oEntry{key: e.Key, val: e.Value, leading: e.Leading}
}

func keyOf(es ...*payaml.Entry) *payaml.Scalar {
	for _, e := range es {
		if e != nil {
			return e.Key
		}
	}
	return nil
}

// typeChangeRule: in a control (a mapping with a `Control` key), one side changing the
// type while the other edited properties the re-typed control does not have is a
// conflict, since those edits may not fit the new type. A property the re-typing side
// dropped and the other side changed is already a delete/modify conflict on that
// property (its reason then names the type change); a property the other side added
// that the re-typed control lacks would merge silently, so the `Control` line is the
// conflict. Properties the re-typing side kept (Studio carries over the ones both
// types share) take the other side's edits, and a change of version or variant alone
// is an ordinary change.
func (m *merger) typeChangeRule(c ctx, b, o, t *payaml.Map, out *oMap) {
	if b == nil || b.Entry("Control") == nil {
		return
	}
	cb, co, ct := b.Entry("Control"), o.Entry("Control"), t.Entry("Control")
	if co == nil || ct == nil {
		return
	}
	changedO, changedT := typeName(cb.Value) != typeName(co.Value), typeName(cb.Value) != typeName(ct.Value)
	if changedO == changedT {
		return // neither, or both (both alike was taken, both different is already a conflict)
	}
	typer, editor := "ours", "theirs"
	typed, edits := o, t
	if changedT {
		typer, editor = "theirs", "ours"
		typed, edits = t, o
	}
	change := fmt.Sprintf("%s to %s", scalarText(cb.Value), scalarText(pick(changedO, co, ct).Value))
	var added []string
	pb, pt, pe := b.GetMap("Properties"), typed.GetMap("Properties"), edits.GetMap("Properties")
	if pe != nil {
		for _, e := range pe.Entries {
			if pt.Entry(e.Key.Value) == nil && pb.Entry(e.Key.Value) == nil {
				added = append(added, e.Key.Value)
			}
		}
	}
	for _, e := range out.entries {
		switch {
		case e.key.Value == "Control" && len(added) > 0:
			*e = oEntry{key: e.key, reg: &region{entries: [3]*payaml.Entry{cb, co, ct}, path: c.path, field: "Control",
				reason: fmt.Sprintf("%s changed the control type (%s) while %s added %s, which the re-typed control does not set",
					typer, change, editor, strings.Join(added, ", "))}}
		case e.key.Value == "Properties" && e.m != nil:
			for _, p := range e.m.entries {
				if p.reg != nil && pt.Entry(p.key.Value) == nil {
					p.reg.reason += fmt.Sprintf(" (%s changed the control type: %s)", typer, change)
				}
			}
		}
	}
}

// typeName is a Control value without its version: `Classic/Button@2.2.0` and
// `Classic/Button@2.3.0` are versions of one type (ControlTypeId `[Family/]Name[@x.y.z]`).
func typeName(n payaml.Node) string {
	v := scalarText(n)
	if i := strings.LastIndexByte(v, '@'); i >= 0 {
		return v[:i]
	}
	return v
}

func pick(first bool, a, b *payaml.Entry) *payaml.Entry {
	if first {
		return a
	}
	return b
}

func scalarText(n payaml.Node) string {
	if s, ok := n.(*payaml.Scalar); ok {
		return s.Value
	}
	return "?"
}
