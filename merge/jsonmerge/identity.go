package jsonmerge

import (
	"fmt"
	"strings"
)

// EntryIdentity declares what identifies the entries of one array: the values of
// Fields taken together (whole values, compared as JSON). SARIF's rules are
// identified by "id"; its results by "ruleId", "message" and "locations" (what was
// found, where, and what it says), never by their position.
type EntryIdentity struct {
	Path   string
	Fields []string
}

// declared is an EntryIdentity ready for lookups.
type declared struct {
	pt     pattern
	fields []string
}

// declaredFields returns the identity fields declared for the array at p.
func (c *compiled) declaredFields(p *path) ([]string, bool) {
	if len(c.identities) == 0 {
		return nil, false
	}
	segs := p.segs()
	for _, d := range c.identities {
		if d.pt.matches(segs) {
			return d.fields, true
		}
	}
	return nil, false
}

// idSpace hands out the ids of the entries of one array merge: small numbers from 0
// up, so that the merge keeps what it knows of each entry (its node on each side, its
// positions) in slices indexed by id rather than in maps keyed by text (the maps of a
// SARIF merge's results were a tenth of its memory, issue 18). Nothing but equality
// of ids is ever used: keyedArray matches entries by them and orders them by the
// sides' orders.
type idSpace struct {
	n      int32              // the ids handed out: 0 to n-1
	copies map[[2]int32]int32 // (id, k) -> the id of the k-th repeat of an entry
	first  []*node            // entryIDs' scratch: by id, the side's first entry with it
}

func (s *idSpace) fresh() int32 {
	s.n++
	return s.n - 1
}

// repeat is the id of the k-th repeat (k from 1) of the entry with the given id: the
// same on every side.
func (s *idSpace) repeat(id, k int32) int32 {
	key := [2]int32{id, k}
	if r, ok := s.copies[key]; ok {
		return r
	}
	if s.copies == nil {
		s.copies = map[[2]int32]int32{}
	}
	r := s.fresh()
	s.copies[key] = r
	return r
}

// idFunc gives an array entry's identity, ok false when the entry has none.
type idFunc func(e *node) (id int32, ok bool)

// byMember identifies an entry by one member holding a string (a string entry by
// itself); see entryID. Entries with the same string get the same id of s; hint is
// about how many entries there are.
func byMember(idKey string, s *idSpace, hint int) idFunc {
	names := make(map[string]int32, hint)
	return func(e *node) (int32, bool) {
		k, ok := entryID(e, idKey)
		if !ok {
			return 0, false
		}
		id, seen := names[k]
		if !seen {
			id = s.fresh()
			names[k] = id
		}
		return id, true
	}
}

// fieldIDs identifies object entries by the values of the given members together,
// for the three sides of one array merge: entries whose fields are equal as JSON (eq)
// get the same id, others different ones. A missing member counts as absent (SARIF's
// locations are optional), but an entry holding none of them has no identity.
//
// The entries with equal fields are a class; each class gets an id of the space when
// it first appears. The classes are found by the values' hashes, which equal values
// share, and told apart by eq: a short number does what the canonical JSON text of
// the fields did, without writing that text out for every entry (a fifth of a SARIF
// merge, issue 18).
type fieldIDs struct {
	fields []string
	space  *idSpace
	byHash map[uint64]int32 // hash of the field values -> the last class with it
	prev   []int32          // per class, the class before it with the same hash, -1: none
	vals   []*node          // per class, its field values (nil: absent), len(fields) each
	ids    []int32          // per class, its id
	cur    []*node          // the entry being identified
}

// newFieldIDs identifies by fields with ids of s; hint is about how many entries
// there are.
func newFieldIDs(fields []string, s *idSpace, hint int) *fieldIDs {
	return &fieldIDs{fields: fields, space: s, byHash: make(map[uint64]int32, hint),
		prev: make([]int32, 0, hint), vals: make([]*node, 0, hint*len(fields)), ids: make([]int32, 0, hint),
		cur: make([]*node, len(fields))}
}

// absentHash stands for a missing field in the hash of an entry's fields.
const absentHash = 0x616273656e74

func (f *fieldIDs) id(e *node) (int32, bool) {
	if e.kind != kObject {
		return 0, false
	}
	found := false
	h := uint64(0x6669656c6473)
	for i, name := range f.fields {
		v := e.peek(name)
		f.cur[i] = v
		if v == nil {
			h = mix(h*fnvPrime + absentHash)
			continue
		}
		found = true
		h = mix(h*fnvPrime + v.hashOf())
	}
	if !found {
		return 0, false
	}
	k := len(f.fields)
	last, ok := f.byHash[h]
	if ok {
		for c := last; c >= 0; c = f.prev[c] {
			if eqList(f.vals[int(c)*k:int(c+1)*k], f.cur) {
				return f.ids[c], true
			}
		}
	} else {
		last = -1
	}
	c := int32(len(f.ids))
	f.vals = append(f.vals, f.cur...)
	f.ids = append(f.ids, f.space.fresh())
	f.prev = append(f.prev, last)
	f.byHash[h] = c
	return f.ids[c], true
}

// entryIDs lists the identities of an array's entries in order, ids of s. An
// identity that repeats on the side is kept apart by its occurrence number when the
// repeats are equal as JSON (App Checker writes the same result twice): the k-th copy
// on one side is the k-th copy on the others (idSpace.repeat). why says why the
// array cannot be merged by identity: an entry without one, or an identity repeated
// by different entries.
func entryIDs(a *node, id idFunc, s *idSpace, label func(*node) string, name string) (ids []int32, why string) {
	if a == nil {
		return nil, ""
	}
	es := a.elems()
	ids = make([]int32, len(es))
	first := s.first // all nil: cleared before each return
	defer func() {
		clear(first)
		s.first = first
	}()
	var copies map[int32]int32
	for i, e := range es {
		k, ok := id(e)
		if !ok {
			return nil, fmt.Sprintf("entry %d of %s has no identity", i, name)
		}
		for int(k) >= len(first) {
			first = append(first, nil) // ids are handed out one by one: grows by one
		}
		if f := first[k]; f != nil {
			if !eq(f, e) {
				return nil, fmt.Sprintf("%s has two different entries with the identity %s", name, label(e))
			}
			if copies == nil {
				copies = map[int32]int32{}
			}
			copies[k]++
			k = s.repeat(k, copies[k])
		} else {
			first[k] = e
		}
		ids[i] = k
	}
	return ids, ""
}

// maxLabel bounds the text of one field in an entry's label.
const maxLabel = 80

// fieldsLabel names an entry identified by fields for people, in JSONPath filter
// style: ?(@.ruleId=="app-X" && @.locations==…). String fields are quoted in full;
// other values are given by their scalar texts (names, offsets, snippets), shortened.
func fieldsLabel(fields []string) func(*node) string {
	return func(e *node) string {
		var parts []string
		for _, f := range fields {
			v := e.peek(f)
			if v == nil {
				continue
			}
			text := quote(v.str)
			if v.kind != kString {
				text = shorten(strings.Join(leaves(v, nil, map[string]bool{}), " "))
			}
			parts = append(parts, "@."+f+"=="+text)
		}
		return "?(" + strings.Join(parts, " && ") + ")"
	}
}

// leaves lists the distinct scalar texts of a value in document order.
func leaves(n *node, out []string, seen map[string]bool) []string {
	switch n.kind {
	case kObject:
		for _, m := range n.members() {
			out = leaves(m.val, out, seen)
		}
	case kArray:
		for _, e := range n.elems() {
			out = leaves(e, out, seen)
		}
	default:
		t := n.str
		switch n.kind {
		case kString:
			t = quote(n.str)
		case kNumber:
			t = numberText(n)
		}
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

func shorten(s string) string {
	r := []rune(s)
	if len(r) <= maxLabel {
		return "[" + s + "]"
	}
	return "[" + string(r[:maxLabel]) + "…]"
}
