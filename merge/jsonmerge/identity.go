package jsonmerge

import (
	"fmt"
	"strconv"
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

// idFunc gives an array entry's identity, ok false when the entry has none.
type idFunc func(e *node) (id string, ok bool)

// byMember identifies an entry by one member holding a string (a string entry by
// itself); see entryID.
func byMember(idKey string) idFunc {
	return func(e *node) (string, bool) { return entryID(e, idKey) }
}

// fieldIDs identifies object entries by the values of the given members together,
// for the three sides of one array merge: entries whose fields are equal as JSON (eq)
// get the same id, others different ones. A missing member counts as absent (SARIF's
// locations are optional), but an entry holding none of them has no identity.
//
// The id is the number of the field values' class, in order of first appearance:
// nothing but equality of ids is ever used (keyedArray matches entries by them and
// orders them by the sides' orders), so a short number does what the canonical JSON
// text of the fields did, without writing that text out for every entry (a fifth of
// a SARIF merge, issue 18). The classes are found by the values' hashes, which equal
// values share, and told apart by eq.
type fieldIDs struct {
	fields  []string
	byHash  map[uint64][]int // hash of the field values -> their classes
	classes [][]*node        // per class, the field values (nil: absent)
	ids     []string         // per class, its id
	vals    []*node          // the entry being identified
}

func newFieldIDs(fields []string) *fieldIDs {
	return &fieldIDs{fields: fields, byHash: map[uint64][]int{}, vals: make([]*node, len(fields))}
}

// absentHash stands for a missing field in the hash of an entry's fields.
const absentHash = 0x616273656e74

func (f *fieldIDs) id(e *node) (string, bool) {
	if e.kind != kObject {
		return "", false
	}
	found := false
	h := uint64(0x6669656c6473)
	for i, name := range f.fields {
		v := e.peek(name)
		f.vals[i] = v
		if v == nil {
			h = mix(h*fnvPrime + absentHash)
			continue
		}
		found = true
		h = mix(h*fnvPrime + v.hashOf())
	}
	if !found {
		return "", false
	}
	for _, c := range f.byHash[h] {
		if eqList(f.classes[c], f.vals) {
			return f.ids[c], true
		}
	}
	c := len(f.classes)
	f.classes = append(f.classes, append([]*node(nil), f.vals...))
	f.ids = append(f.ids, strconv.Itoa(c))
	f.byHash[h] = append(f.byHash[h], c)
	return f.ids[c], true
}

// entryIDs lists the identities of an array's entries in order. An identity that
// repeats on the side is kept apart by its occurrence number when the repeats are
// equal as JSON (App Checker writes the same result twice): the k-th copy on one side
// is the k-th copy on the others. why says why the array cannot be merged by
// identity: an entry without one, or an identity repeated by different entries.
func entryIDs(a *node, id idFunc, label func(*node) string, name string) (ids []string, why string) {
	if a == nil {
		return nil, ""
	}
	first := make(map[string]*node, len(a.elems()))
	copies := map[string]int{}
	for i, e := range a.elems() {
		k, ok := id(e)
		if !ok {
			return nil, fmt.Sprintf("entry %d of %s has no identity", i, name)
		}
		if f := first[k]; f != nil {
			if !eq(f, e) {
				return nil, fmt.Sprintf("%s has two different entries with the identity %s", name, label(e))
			}
			copies[k]++
			k += fmt.Sprintf("\x00#%d", copies[k])
		} else {
			first[k] = e
		}
		ids = append(ids, k)
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
