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
		if d.pt.matches(segs, false) {
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
			if v := e.get(f); v != nil {
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

// checkIDs reports why an array's entries cannot be merged by identity: an entry
// without one, or an identity repeated on one side ("" when they can).
func checkIDs(id idFunc, label func(*node) string, sides ...struct {
	name string
	arr  *node
}) string {
	for _, s := range sides {
		if s.arr == nil {
			continue
		}
		seen := make(map[string]bool, len(s.arr.elems))
		for i, e := range s.arr.elems {
			k, ok := id(e)
			if !ok {
				return fmt.Sprintf("entry %d of %s has no identity", i, s.name)
			}
			if seen[k] {
				return fmt.Sprintf("%s has two entries with the identity %s", s.name, label(e))
			}
			seen[k] = true
		}
	}
	return ""
}

// canonText writes a value as canonical JSON: members sorted by name, numbers in
// their canonical spelling, strings re-quoted. Equal values (eq) give equal text.
func canonText(b *strings.Builder, n *node) {
	switch n.kind {
	case kObject:
		keys := make([]string, len(n.members))
		for i, m := range n.members {
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
		for i, e := range n.elems {
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
			v := e.get(f)
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
		for _, m := range n.members {
			out = leaves(m.val, out, seen)
		}
	case kArray:
		for _, e := range n.elems {
			out = leaves(e, out, seen)
		}
	default:
		t := n.str
		if n.kind == kString {
			t = quote(n.str)
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
