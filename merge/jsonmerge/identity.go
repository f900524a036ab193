package jsonmerge

import (
	"fmt"
	"sort"
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

// byFields identifies an object entry by the canonical JSON text of the given members
// together; a missing member counts as absent (SARIF's locations are optional), but
// an entry holding none of them has no identity.
func byFields(fields []string) idFunc {
	return func(e *node) (string, bool) {
		if e.kind != kObject {
			return "", false
		}
		var b strings.Builder
		found := false
		for _, f := range fields {
			if v := e.peek(f); v != nil {
				canonText(&b, v)
				found = true
			} else {
				b.WriteByte('-') // cannot start canonical text: absent differs from any value
			}
			b.WriteByte(0) // cannot occur in canonical text: fields stay apart
		}
		return b.String(), found
	}
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

// canonText writes a value as canonical JSON: members sorted by name, numbers in
// their canonical spelling, strings re-quoted. Equal values (eq) give equal text.
func canonText(b *strings.Builder, n *node) {
	switch n.kind {
	case kObject:
		keys := make([]string, len(n.members()))
		for i, m := range n.members() {
			keys[i] = m.key
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(quote(k))
			b.WriteByte(':')
			canonText(b, n.get(k))
		}
		b.WriteByte('}')
	case kArray:
		b.WriteByte('[')
		for i, e := range n.elems() {
			if i > 0 {
				b.WriteByte(',')
			}
			canonText(b, e)
		}
		b.WriteByte(']')
	case kString:
		b.WriteString(quote(n.str))
	default:
		b.WriteString(n.str)
	}
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
