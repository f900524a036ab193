package jsonmerge

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unsafe"

	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// side names one input.
type side int8

const (
	sideNone side = iota
	sideOurs
	sideTheirs
)

// conflict is an overlap the policy did not decide: the merged tree holds a kConflict
// node where the value (object member) or the run of entries (array) goes.
type conflict struct {
	// at is where the overlap is; its text is written only once the merge is done,
	// into one buffer for all the conflicts (see merger.records).
	at *path
	// base, ours, theirs are each side's values; for an object member at most one
	// each (none: the side does not have the member), for an array run any number.
	base, ours, theirs []*node
	// keyBase, keyOurs, keyTheirs are each side's member (object members only), for
	// its name as that side wrote it.
	keyBase, keyOurs, keyTheirs *member
	// pick is the side kept without markers (ModeKeepOurs or a Favor option), or
	// sideNone for markers.
	pick side
	// why says what the two sides did (a byte beside pick: a conflict is made for
	// every overlap, hundreds a merge in volatile files).
	why reason
	// rec is the index of the report in merger.confs and in Result.Conflicts.
	rec int
}

// conflictNode is the node standing for one overlap with its body and record, made
// in one allocation: volatile files (Entropy.json) have hundreds of overlaps a merge,
// each of them resolved to ours (issue 18). one holds a single value per side (an
// object member's) for base, ours and theirs to slice.
type conflictNode struct {
	n   node
	b   body
	c   conflict
	one [3]*node
}

type merger struct {
	p    *compiled
	pick side // how overlaps are resolved: sideNone writes markers
	// confs are the overlaps in order of discovery; records makes the reports.
	confs   []*conflict
	notes   []string
	derived []derivedUse
	ids     []derivedUse // UniqueIDKeys values both sides changed
}

// derivedUse counts the values of one derived member name that both sides changed.
type derivedUse struct {
	key, first string // the member name; the first path where it happened
	n          int
}

func newMerger(p Policy, opt linemerge.Options) *merger {
	m := &merger{p: compile(p)}
	switch {
	case opt.Favor == linemerge.FavorOurs:
		m.pick = sideOurs
	case opt.Favor == linemerge.FavorTheirs:
		m.pick = sideTheirs
	case p.Mode == ModeKeepOurs:
		m.pick = sideOurs
	}
	return m
}

func (m *merger) keptDerived(key string, p *path) { m.derived = count(m.derived, key, p) }

func (m *merger) keptID(key string, p *path) { m.ids = count(m.ids, key, p) }

func count(uses []derivedUse, key string, p *path) []derivedUse {
	for i := range uses {
		if uses[i].key == key {
			uses[i].n++
			return uses
		}
	}
	return append(uses, derivedUse{key: key, first: p.String(), n: 1})
}

// derivedNotes sums up the derived values and ids kept, one note per member name.
func (m *merger) derivedNotes() {
	kept, _ := m.pick.names()
	if m.pick == sideNone {
		kept = "ours'"
	}
	for _, d := range m.ids {
		if d.n == 1 {
			m.notes = append(m.notes, fmt.Sprintf("%s: both sides changed this id, which Studio reassigns on save; kept %s", d.first, kept))
		} else {
			m.notes = append(m.notes, fmt.Sprintf("%s and %d more %s: both sides changed these ids, which Studio reassigns on save; kept %s", d.first, d.n-1, d.key, kept))
		}
	}
	for _, d := range m.derived {
		if d.n == 1 {
			m.notes = append(m.notes, fmt.Sprintf("%s: both sides changed this value, which Studio recomputes on save; kept ours", d.first))
		} else {
			m.notes = append(m.notes, fmt.Sprintf("%s and %d more %s: both sides changed these values, which Studio recomputes on save; kept ours", d.first, d.n-1, d.key))
		}
	}
}

// overlap records a conflict over runs of values and returns the node standing for it.
func (m *merger) overlap(p *path, b, o, t []*node, why reason) *node {
	cn := m.newConflict(p, why)
	cn.c.base, cn.c.ours, cn.c.theirs = b, o, t
	return &cn.n
}

// overlap1 is overlap for one value a side (nil: the side has none), without a list
// made for each.
func (m *merger) overlap1(p *path, b, o, t *node, why reason) *node {
	cn := m.newConflict(p, why)
	cn.one = [3]*node{b, o, t}
	if b != nil {
		cn.c.base = cn.one[0:1:1]
	}
	if o != nil {
		cn.c.ours = cn.one[1:2:2]
	}
	if t != nil {
		cn.c.theirs = cn.one[2:3:3]
	}
	return &cn.n
}

func (m *merger) newConflict(p *path, why reason) *conflictNode {
	cn := &conflictNode{}
	cn.c = conflict{at: p, why: why, pick: m.pick, rec: len(m.confs)}
	cn.b.conf = &cn.c
	cn.n = node{kind: kConflict, body: &cn.b}
	m.confs = append(m.confs, &cn.c)
	return cn
}

// records are the reports of the conflicts, in order. Their paths are written into
// one buffer that the strings share: one allocation for all of them rather than two
// a conflict.
func (m *merger) records() []Conflict {
	if len(m.confs) == 0 {
		return nil
	}
	out := make([]Conflict, len(m.confs))
	buf := make([]byte, 0, 48*len(m.confs))
	ends := make([]int, len(m.confs))
	for i, c := range m.confs {
		buf = c.at.appendTo(buf)
		ends[i] = len(buf)
	}
	text := unsafe.String(unsafe.SliceData(buf), len(buf)) // buf is not written again
	start := 0
	for i, c := range m.confs {
		out[i] = Conflict{Path: text[start:ends[i]], Reason: c.why.String(), Resolved: m.pick != sideNone}
		start = ends[i]
	}
	return out
}

// reason says what the two sides of an overlap did (Conflict.Reason).
type reason uint8

const (
	changedBoth reason = iota
	addedBoth
	deletedOurs
	deletedTheirs
	changedKinds
	insertedBoth
	reorderedBoth
)

var reasonTexts = [...]string{
	changedBoth:   "changed on both sides to different values",
	addedBoth:     "added on both sides with different values",
	deletedOurs:   "deleted on ours, changed on theirs",
	deletedTheirs: "changed on ours, deleted on theirs",
	changedKinds:  "changed on both sides to different kinds of value",
	insertedBoth:  "different entries inserted at the same place on both sides",
	reorderedBoth: "reordered differently on both sides",
}

func (r reason) String() string { return reasonTexts[r] }

func overlapReason(b, o, t *node) reason {
	switch {
	case b == nil:
		return addedBoth
	case o == nil:
		return deletedOurs
	case t == nil:
		return deletedTheirs
	case o.kind != t.kind:
		return changedKinds
	}
	return changedBoth
}

// value merges one value; nil means absent (deleted, or never there).
func (m *merger) value(p *path, b, o, t *node) *node {
	switch {
	case eq(o, t):
		return o
	case eq(b, o):
		return t
	case eq(b, t):
		return o
	case b != nil && o == nil && m.onlyDerived(b, t), b != nil && t == nil && m.onlyDerived(b, o):
		// Deleted on one side; the other only changed values Studio recomputes (a
		// SARIF result's ruleIndex after its rule moved): not an edit, so deleted.
		return nil
	}
	if o != nil && t != nil {
		key := p.lastKey()
		switch {
		case m.p.later[key]:
			if w, ok := later(o, t); ok {
				return w
			}
		case m.p.max[key]:
			if w, ok := larger(o, t); ok {
				return w
			}
		case m.p.derived[key]:
			if !(m.p.RuleIndexes && key == "ruleIndex") { // ruleIndexes recomputes it
				m.keptDerived(key, p)
			}
			return o
		case m.p.idKey[key] && o.kind != kObject && o.kind != kArray && t.kind != kObject && t.kind != kArray:
			// An id Studio reassigned on both sides' saves: one side's value, made
			// unique after the merge (uniqueKeyIDs).
			m.keptID(key, p)
			if m.pick == sideTheirs {
				return t
			}
			return o
		}
		bb := b
		if b != nil && b.kind != o.kind {
			bb = nil // the kind changed on both sides: merge the two new values
		}
		switch {
		case o.kind == kObject && t.kind == kObject && (bb == nil || bb.kind == kObject):
			return m.object(p, bb, o, t)
		case o.kind == kArray && t.kind == kArray && (bb == nil || bb.kind == kArray):
			return m.array(p, bb, o, t)
		}
	}
	return m.overlap1(p, b, o, t, overlapReason(b, o, t))
}

// onlyDerived reports whether b and v differ at most in DerivedKeys members.
func (m *merger) onlyDerived(b, v *node) bool {
	if len(m.p.derived) == 0 || b.kind != v.kind {
		return false
	}
	switch b.kind {
	case kObject:
		var sv, sb seeker
		for _, mb := range b.members() {
			if !m.p.derived[mb.key] && !eqOrDerived(m, mb.val, valOf(sv.find(v, mb.key))) {
				return false
			}
		}
		for _, mv := range v.members() {
			if !m.p.derived[mv.key] && sb.find(b, mv.key) == nil {
				return false
			}
		}
		return true
	case kArray:
		if len(b.elems()) != len(v.elems()) {
			return false
		}
		for i := range b.elems() {
			if !eqOrDerived(m, b.elems()[i], v.elems()[i]) {
				return false
			}
		}
		return true
	}
	return false
}

func eqOrDerived(m *merger, a, b *node) bool {
	return eq(a, b) || (a != nil && b != nil && m.onlyDerived(a, b))
}

// object merges members by name. The result keeps ours' member order; members only
// theirs has are placed where theirs has them (see placeKeys).
func (m *merger) object(p *path, b, o, t *node) *node {
	var extra []string // theirs' members that ours lacks, in theirs' order
	var so seeker
	for _, mb := range t.members() {
		if so.find(o, mb.key) == nil {
			extra = append(extra, mb.key)
		}
	}
	// The names in output order: ours' members (read from o, without a list of
	// them made, when theirs adds none), then theirs' extra ones placed among them.
	om := o.members()
	var order []string
	n := len(om)
	if len(extra) > 0 {
		order = make([]string, 0, len(om)+len(extra))
		for _, mb := range om {
			order = append(order, mb.key)
		}
		order = placeKeys(order, t, extra, func(k string) bool { return b.find(k) < 0 })
		n = len(order)
	}
	ms := make([]member, 0, n)
	var sb, st seeker
	so.again()
	for i := range n {
		var k string
		if order != nil {
			k = order[i]
		} else {
			k = om[i].key
		}
		bm, om, tm := sb.find(b, k), so.find(o, k), st.find(t, k)
		bv, ov, tv := valOf(bm), valOf(om), valOf(tm)
		var v *node
		switch { // value's first cases, before making the member's path
		case eq(ov, tv), eq(bv, tv):
			v = ov
		case eq(bv, ov):
			v = tv
		default:
			v = m.value(p.member(k), bv, ov, tv)
		}
		if v == nil {
			continue
		}
		named := om
		if named == nil {
			named = tm
		}
		if v.kind == kConflict {
			c := v.body.conf
			c.keyBase, c.keyOurs, c.keyTheirs = bm, om, tm
		}
		ms = append(ms, member{key: k, esc: named.esc, val: v})
	}
	out := objectNode(ms)
	out.hash = hashObject(ms)
	return out
}

// seeker finds the members of one object asked for mostly in its own order: each
// search first tries the members after the last one found (see nearIn). The first
// names not found there are looked for member by member: most objects then need no
// index of their names, made only past maxScans such searches (one side's added
// members, asked of the other side, are absent from it; two sides' maps of control
// ids in different orders). The index is the seeker's own table of member positions
// by a hash of the name (see nameIndex), about three bytes a member where the node's
// map of names took about forty (Entropy.json's maps of hundreds of controls, issue
// 18).
type seeker struct {
	next, scans int
	idx         nameIndex
	idxOf       *node // the node idx indexes
}

const maxScans = 8

// find returns n's member named key, or nil.
func (s *seeker) find(n *node, key string) *member {
	var ms []member // n's names (ownMembers: a copy's children are not made to read them)
	if n != nil && n.kind == kObject {
		ms = n.ownMembers()
	}
	i, ok := nearIn(ms, key, s.next)
	switch {
	case ok:
	case s.scans < maxScans:
		s.scans++
		i = scanIn(ms, key)
	case len(ms) >= maxIndexed || hasNameMap(n):
		i = n.find(key)
	default:
		if s.idxOf != n {
			s.idx, s.idxOf = newNameIndex(ms), n
		}
		i = s.idx.find(ms, key)
	}
	if i < 0 {
		return nil
	}
	s.next = i + 1
	return &n.members()[i]
}

// hasNameMap reports whether n (or the node it copies) already has the map of names
// node.find makes (the guide's reads of the sides look names up in base's objects):
// then it is used rather than another index made.
func hasNameMap(n *node) bool {
	if n.like != nil {
		n = n.like
	}
	return n.body != nil && n.body.idx != nil
}

// again is the seeker for another pass over the same node: its hint and count of
// scans start over, its index is kept.
func (s *seeker) again() { s.next, s.scans = 0, 0 }

// nameIndex is an open-addressing table of an object's member positions (plus one; 0
// is an empty slot) by a hash of their names, at most two thirds full.
type nameIndex []uint16

// maxIndexed bounds the members a nameIndex holds (their positions plus one fit 16
// bits); a larger object uses the node's map (node.find).
const maxIndexed = 1<<16 - 1

func newNameIndex(ms []member) nameIndex {
	size := 8
	for size < len(ms)+len(ms)/2 {
		size *= 2
	}
	t := make(nameIndex, size)
	mask := uint64(size - 1)
	for i := range ms {
		h := nameHash(ms[i].key) & mask
		for t[h] != 0 {
			h = (h + 1) & mask
		}
		t[h] = uint16(i + 1)
	}
	return t
}

// find is the position in ms (the members t indexes) of the first member named key,
// or -1.
func (t nameIndex) find(ms []member, key string) int {
	mask := uint64(len(t) - 1)
	for h := nameHash(key) & mask; t[h] != 0; h = (h + 1) & mask {
		if i := int(t[h] - 1); ms[i].key == key {
			return i
		}
	}
	return -1
}

// nameHash hashes a name by its first, middle and last eight bytes and its length,
// in constant time: names that differ elsewhere only share a slot's probe run.
func nameHash(s string) uint64 {
	var a, b, c uint64
	switch n := len(s); {
	case n >= 8:
		a, b = le64(s), le64(s[n-8:])
		if n > 16 {
			c = le64(s[n/2-4:])
		}
	case n >= 4:
		a, b = uint64(le32(s)), uint64(le32(s[len(s)-4:]))
	case n > 0:
		a = uint64(s[0])<<16 | uint64(s[n>>1])<<8 | uint64(s[n-1])
	}
	h := (a^c*0x9e3779b97f4a7c15)*0xff51afd7ed558ccd ^ (b+uint64(len(s)))*0xc4ceb9fe1a85ec53
	return h ^ h>>32
}

// placeKeys inserts theirs' extra member names into ours' order. When both sides'
// names are in pac's sort order, each goes to its sorted place (what pac itself would
// write); otherwise after its predecessor in theirs, past any member ours added there.
func placeKeys(order []string, t *node, extra []string, oursAdded func(string) bool) []string {
	if len(order) >= 2 && sortedKeys(order) && sortedMembers(t.members()) {
		for _, k := range extra {
			// order is sorted and stays so: the first key not less than k, found by
			// halving (the same place a scan from the front finds).
			i := sort.Search(len(order), func(j int) bool { return !keyLess(order[j], k) })
			order = insertAt(order, i, k)
		}
		return order
	}
	theirs := make([]string, len(t.members()))
	for i, mb := range t.members() {
		theirs[i] = mb.key
	}
	return weave(order, theirs, oursAdded)
}

// sortedMembers is sortedKeys for the names of ms, without a list of them.
func sortedMembers(ms []member) bool {
	for i := 1; i < len(ms); i++ {
		if !keyLess(ms[i-1].key, ms[i].key) {
			return false
		}
	}
	return true
}

func insertAt(s []string, i int, v string) []string {
	s = append(s, "")
	copy(s[i+1:], s[i:])
	s[i] = v
	return s
}

// weave inserts the items of secondary that primary lacks: each right after the
// nearest item before it in secondary that is already placed, then past any items
// primaryAdded reports (so at one spot primary's additions come first), at the front
// when none precedes it. The items are kept as a linked list while they are placed,
// so an insertion costs no more than the items it passes (an array's reindexing
// after each one made a SARIF merge's new results cost the square of their number).
func weave(primary, secondary []string, primaryAdded func(string) bool) []string {
	return weaveBy(primary, secondary, make(namePositions, len(primary)+len(secondary)), primaryAdded)
}

// weaveIDs is weave for the ids of an idSpace of n ids, where each item is kept
// in a slice indexed by id rather than in a map.
func weaveIDs(primary, secondary []int32, n int32, primaryAdded func(int32) bool) []int32 {
	pos := make(idPositions, n)
	for i := range pos {
		pos[i] = -1
	}
	return weaveBy(primary, secondary, pos, primaryAdded)
}

// weavePositions tells where weaveBy placed each item: its index in items, -1 for none.
type weavePositions[K any] interface {
	at(k K) int32
	set(k K, at int32)
}

type namePositions map[string]int32

func (p namePositions) at(k string) int32 {
	if at, ok := p[k]; ok {
		return at
	}
	return -1
}
func (p namePositions) set(k string, at int32) { p[k] = at }

type idPositions []int32

func (p idPositions) at(k int32) int32      { return p[k] }
func (p idPositions) set(k int32, at int32) { p[k] = at }

// weaveBy is weave with the item positions kept in pos.
func weaveBy[K any, P weavePositions[K]](primary, secondary []K, pos P, primaryAdded func(K) bool) []K {
	items := append(make([]K, 0, len(primary)+len(secondary)), primary...)
	next := make([]int32, len(primary), cap(items)) // the item after each, -1: none
	for i, k := range primary {
		next[i] = int32(i + 1)
		pos.set(k, int32(i))
	}
	head := int32(-1)
	if len(primary) > 0 {
		head, next[len(primary)-1] = 0, -1
	}
	prev := int32(-1) // the last item of secondary seen, in items; -1: none yet
	for _, k := range secondary {
		if at := pos.at(k); at >= 0 {
			prev = at
			continue
		}
		after, cand := prev, head // insert between after (-1: the front) and cand
		if prev >= 0 {
			cand = next[prev]
		}
		for cand >= 0 && primaryAdded(items[cand]) {
			after, cand = cand, next[cand]
		}
		at := int32(len(items))
		items = append(items, k)
		next = append(next, cand)
		if after < 0 {
			head = at
		} else {
			next[after] = at
		}
		pos.set(k, at)
		prev = at
	}
	out := make([]K, 0, len(items))
	for i := head; i >= 0; i = next[i] {
		out = append(out, items[i])
	}
	return out
}

// array merges by identity when the entries have one, otherwise as a sequence. An
// array with declared identity fields (Policy.EntryIdentities) whose entries lack
// them or repeat one on a side is merged as a sequence, with a note saying why.
func (m *merger) array(p *path, b, o, t *node) *node {
	if m.p.isSequence(p) {
		return m.sequence(p, b, o, t)
	}
	if fields, ok := m.p.declaredFields(p); ok {
		var s idSpace
		id, label := newFieldIDs(fields, &s, entries(b, o, t)).id, fieldsLabel(fields)
		ib, why := entryIDs(b, id, &s, label, "base")
		io, whyO := entryIDs(o, id, &s, label, "ours")
		it, whyT := entryIDs(t, id, &s, label, "theirs")
		if why == "" {
			why = whyO
		}
		if why == "" {
			why = whyT
		}
		if why == "" {
			return m.keyedArray(p, [3][]int32{ib, io, it}, s.n, func(e *node) *path { return p.labelled(label, e) }, true, b, o, t)
		}
		m.notes = append(m.notes, fmt.Sprintf("%s: not merged by identity (%s); merged as an ordered sequence", p, why))
		return m.sequence(p, b, o, t)
	}
	if idKey, ok := m.identity(b, o, t); ok {
		var s idSpace
		id := byMember(idKey, &s, entries(b, o, t))
		var ids [3][]int32
		for i, a := range []*node{b, o, t} {
			ids[i], _ = entryIDs(a, id, &s, nil, "") // identity checked: no repeats
		}
		return m.keyedArray(p, ids, s.n, func(e *node) *path {
			k, _ := entryID(e, idKey)
			return p.entry(idKey, k)
		}, false, b, o, t)
	}
	return m.sequence(p, b, o, t)
}

// entries is about how many distinct entries the arrays (nil: none) have together,
// for sizing maps by identity: the longest one's and an eighth more (most entries
// are on all three sides).
func entries(arrs ...*node) int {
	n := 0
	for _, a := range arrs {
		if a != nil {
			n = max(n, len(a.elems()))
		}
	}
	return n + n/8
}

// entryID is an array entry's identity: a string entry is its own, an object's is
// the value of idKey.
func entryID(e *node, idKey string) (string, bool) {
	switch e.kind {
	case kString:
		return e.str, true
	case kObject:
		if idKey == "" {
			return "", false
		}
		v := e.peek(idKey)
		if v == nil || v.kind != kString {
			return "", false
		}
		return v.str, true
	}
	return "", false
}

// identity finds the identity member for three arrays ("" for arrays of strings).
func (m *merger) identity(arrs ...*node) (string, bool) {
	hasObjects := false
	for _, a := range arrs {
		if a == nil {
			continue
		}
		for _, e := range a.elems() {
			switch e.kind {
			case kObject:
				hasObjects = true
			case kString:
			default:
				return "", false
			}
		}
	}
	candidates := m.p.IdentityKeys
	if !hasObjects {
		candidates = []string{""}
	}
next:
	for _, k := range candidates {
		for _, a := range arrs {
			if a == nil {
				continue
			}
			seen := make(map[string]bool, len(a.elems()))
			for _, e := range a.elems() {
				id, ok := entryID(e, k)
				if !ok || seen[id] {
					continue next
				}
				seen[id] = true
			}
		}
		return k, true
	}
	return "", false
}

// keyed is one side of an array merged by identity: its entries' ids in order, and
// by id (an index of the merge's idSpace) its entry (nil: none; by nil: no array).
type keyed struct {
	ids []int32
	by  []*node
}

func keyArray(a *node, ids []int32, n int32) keyed {
	if a == nil {
		return keyed{}
	}
	k := keyed{ids: ids, by: make([]*node, n)}
	for i, id := range ids {
		k.by[id] = a.elems()[i]
	}
	return k
}

// get is the side's entry with the id, or nil.
func (k keyed) get(id int32) *node {
	if k.by == nil {
		return nil
	}
	return k.by[id]
}

// common lists the ids of a that the other two also have, in a's order.
func common(a, x, y keyed) []int32 {
	if x.by == nil || y.by == nil {
		return nil
	}
	out := make([]int32, 0, len(a.ids))
	for _, id := range a.ids {
		if x.by[id] != nil && y.by[id] != nil {
			out = append(out, id)
		}
	}
	return out
}

// keyedArray merges entries by identity; ids are the entries' identities for base,
// ours and theirs (see entryIDs), below n, at names an entry in reports.
//
// Order: when overlaps are resolved to a side, the entries all three sides have keep
// their places except where a side moved one (mergeOrder); moves that cannot all hold
// are one resolved overlap for the array. When overlaps are the user's, one side's
// reorder is taken and two different reorders are an overlap on the whole array. A
// set path keeps ours' order whatever either side did. Each side's other entries
// (added, or deleted by the other side) follow the entry they follow on that side,
// ours' first at one place.
//
// notes asks for one note per entry whose overlaps were resolved to a side, naming
// what was dropped.
func (m *merger) keyedArray(p *path, ids [3][]int32, n int32, at func(*node) *path, notes bool, b, o, t *node) *node {
	kb, ko, kt := keyArray(b, ids[0], n), keyArray(o, ids[1], n), keyArray(t, ids[2], n)
	cb, co, ct := common(kb, ko, kt), common(ko, kb, kt), common(kt, kb, ko)
	order := co
	if !m.p.isSet(p) {
		var clash []int32
		primary, secondary, kp := co, ct, ko
		if m.pick == sideTheirs {
			primary, secondary, kp = ct, co, kt
		}
		reordered := !slices.Equal(cb, co) && !slices.Equal(cb, ct) && !slices.Equal(co, ct)
		if m.pick == sideNone && reordered {
			// Where overlaps are the user's to decide, two reorders are one: which of
			// two reorders of the same list was meant is not the merge's to guess.
			return m.overlap1(p, b, o, t, reorderedBoth)
		}
		order, clash = mergeOrder(cb, primary, secondary, n)
		if len(clash) > 0 {
			m.overlap1(p, b, o, t, reorderedBoth)
			if notes {
				names := make([]string, len(clash))
				for i, c := range clash {
					names[i] = at(kp.by[c]).String()
				}
				m.notes = append(m.notes, fmt.Sprintf("%s: %d entries moved on both sides in ways that cannot both hold; placed by %s order: %s", p, len(clash), m.pick.names1(), listed(names)))
			}
		}
	}
	order = weaveIDs(order, ko.ids, n, func(int32) bool { return false })
	order = weaveIDs(order, kt.ids, n, func(id int32) bool { return kb.get(id) == nil && ko.get(id) != nil })
	es := make([]*node, 0, len(order))
	for _, i := range order {
		be, oe, te := kb.get(i), ko.get(i), kt.get(i)
		var v *node
		switch {
		case eq(oe, te), eq(be, te): // the common case, before naming the entry
			v = oe
		case eq(be, oe):
			v = te
		default:
			e := oe
			if e == nil {
				e = te
			}
			n0 := len(m.confs)
			v = m.value(at(e), be, oe, te)
			if notes && m.pick != sideNone && len(m.confs) > n0 {
				m.droppedNote(at(e), m.confs[n0:])
			}
		}
		if v != nil {
			es = append(es, v)
		}
	}
	out := arrayNode(es)
	out.hash = hashArray(es)
	return out
}

// names says which side an overlap kept and which it dropped, possessive.
func (s side) names() (kept, dropped string) {
	if s == sideTheirs {
		return "theirs'", "ours'"
	}
	return "ours'", "theirs'"
}

// names1 is the side whose order wins an overlap.
func (s side) names1() string {
	if s == sideTheirs {
		return "theirs'"
	}
	return "ours'"
}

// droppedNote says, for one entry, what resolving its overlaps to a side dropped.
func (m *merger) droppedNote(at *path, cs []*conflict) {
	kept, dropped := m.pick.names()
	what := cs[0].why.String()
	if inner := strings.TrimPrefix(cs[0].at.String(), at.String()); inner != "" {
		what = "at " + inner + ": " + what
	}
	if len(cs) > 1 {
		what += fmt.Sprintf(", and %d more", len(cs)-1)
	}
	m.notes = append(m.notes, fmt.Sprintf("%s: kept %s version, dropped %s change (%s)", at, kept, dropped, what))
}

// sequence merges arrays without identity as ordered sequences (diff3 over whole
// entries). A run both sides changed is merged entry by entry when all three runs
// have the same length, and is one overlap otherwise. Paths name entries by their
// index in base, so they do not depend on which side is ours.
func (m *merger) sequence(p *path, b, o, t *node) *node {
	var be []*node
	if b != nil {
		be = b.elems()
	}
	oe, te := o.elems(), t.elems()
	var es []*node
	for _, ch := range diff3(be, oe, te) {
		cb, co, ct := be[ch.b0:ch.b1], oe[ch.o0:ch.o1], te[ch.t0:ch.t1]
		switch {
		case ch.stable, eqList(co, ct), eqList(cb, ct):
			es = append(es, co...)
		case eqList(cb, co):
			es = append(es, ct...)
		case len(cb) == len(co) && len(co) == len(ct):
			for i := range co {
				if v := m.value(p.position(ch.b0+i), cb[i], co[i], ct[i]); v != nil {
					es = append(es, v)
				}
			}
		default:
			at := p.position(ch.b0)
			why := changedBoth
			if len(cb) == 0 {
				why = insertedBoth
			}
			es = append(es, m.overlap(at, cb, co, ct, why))
		}
	}
	out := arrayNode(es)
	out.hash = hashArray(es)
	return out
}
