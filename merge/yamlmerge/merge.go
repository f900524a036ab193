package yamlmerge

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/canvasgit/canvasgit/merge/linemerge"
)

type merger struct {
	p         Policy
	opt       linemerge.Options
	eol       []byte
	out       bytes.Buffer
	conflicts []Conflict
	notes     []string
}

func find(es []*entry, key string) *entry {
	for _, e := range es {
		if e.key == key {
			return e
		}
	}
	return nil
}

func same(a, b *entry) bool {
	if a == nil || b == nil {
		return a == b
	}
	return bytes.Equal(a.text(), b.text())
}

// order is ours' keys, with the keys only theirs has placed after their predecessor in
// theirs (at the front when they come first).
func order(o, t []*entry) []string {
	var keys []string
	for _, e := range o {
		keys = append(keys, e.key)
	}
	prev := ""
	for _, e := range t {
		if !slices.Contains(keys, e.key) {
			at := 0
			if prev != "" {
				at = slices.Index(keys, prev) + 1
			}
			keys = slices.Insert(keys, at, e.key)
		}
		prev = e.key
	}
	return keys
}

// mapping writes the merge of three block mappings at one level.
func (m *merger) mapping(path string, b, o, t []*entry) {
	for _, k := range order(o, t) {
		be, oe, te := find(b, k), find(o, k), find(t, k)
		m.member(join(path, k), be, oe, te)
	}
}

func join(path, key string) string {
	key = strings.Trim(key, `'"`)
	if path == "" {
		return key
	}
	return path + "." + key
}

func (m *merger) member(path string, b, o, t *entry) {
	switch {
	case same(o, t), same(b, t):
		m.write(o)
		return
	case same(b, o):
		m.write(t)
		return
	}
	// Both sides changed the member differently.
	if o != nil && t != nil && o.kids != nil && t.kids != nil && bytes.Equal(o.head, t.head) && (b == nil || b.kids != nil) {
		m.out.Write(o.head)
		var bk []*entry
		if b != nil {
			bk = b.kids
		}
		m.mapping(path, bk, o.kids, t.kids)
		return
	}
	if o != nil && t != nil && len(o.body) == 0 && len(t.body) == 0 {
		if keep, why := m.settle(bareKey(o.key), b, o, t); keep != nil {
			m.write(keep)
			if why != "" {
				m.notes = append(m.notes, fmt.Sprintf("%s: %s", path, why))
			}
			return
		}
	}
	m.lines(path, b, o, t)
}

func bareKey(k string) string { return strings.Trim(k, `'"`) }

// settle applies the policy's key rules to a scalar both sides changed; nil when no
// rule decides.
func (m *merger) settle(key string, b, o, t *entry) (*entry, string) {
	switch {
	case slices.Contains(m.p.LaterKeys, key):
		if isTime(o.value) && isTime(t.value) {
			if unquote(t.value) > unquote(o.value) {
				return t, ""
			}
			return o, ""
		}
	case slices.Contains(m.p.MaxKeys, key):
		if c, ok := compareVersions(unquote(o.value), unquote(t.value)); ok {
			if c < 0 {
				return t, ""
			}
			return o, ""
		}
	case slices.Contains(m.p.DerivedKeys, key):
		return o, "changed on both sides; kept ours (" + m.p.Name + " rewrites it on every save)"
	}
	return nil, ""
}

func unquote(v string) string { return strings.Trim(v, `'"`) }

// isTime accepts the ISO 8601 times the product writes ("2026-08-16T05:28:22.0000000Z"),
// which compare correctly as text when both have the same shape.
func isTime(v string) bool {
	v = unquote(v)
	return len(v) >= 19 && v[4] == '-' && v[7] == '-' && v[10] == 'T' && v[13] == ':'
}

// compareVersions compares dotted numeric versions ("3.26074.11.0", "1.0").
func compareVersions(a, b string) (int, bool) {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < max(len(pa), len(pb)); i++ {
		var x, y int
		var err error
		if i < len(pa) {
			if x, err = strconv.Atoi(pa[i]); err != nil {
				return 0, false
			}
		}
		if i < len(pb) {
			if y, err = strconv.Atoi(pb[i]); err != nil {
				return 0, false
			}
		}
		if x != y {
			if x < y {
				return -1, true
			}
			return 1, true
		}
	}
	return 0, true
}

// lines merges a member's text with git's line merge; its conflicts are the member's.
func (m *merger) lines(path string, b, o, t *entry) {
	var bt, ot, tt []byte
	if b != nil {
		bt = m.terminated(b.text())
	}
	if o != nil {
		ot = m.terminated(o.text())
	}
	if t != nil {
		tt = m.terminated(t.text())
	}
	res := linemerge.Merge(bt, ot, tt, m.opt)
	m.ensureLineStart()
	startLine := bytes.Count(m.out.Bytes(), []byte("\n")) + 1
	m.out.Write(res.Merged)
	for _, c := range res.Conflicts {
		m.conflicts = append(m.conflicts, Conflict{
			Path: path, StartLine: startLine + c.StartLine - 1, EndLine: startLine + c.EndLine - 1,
			Reason: reason(b, o, t),
		})
	}
}

func reason(b, o, t *entry) string {
	switch {
	case o == nil:
		return "deleted in ours, changed in theirs"
	case t == nil:
		return "changed in ours, deleted in theirs"
	case b == nil:
		return "added on both sides with different values"
	}
	return "changed on both sides to different values"
}

// terminated gives text that ends in a line ending, so merged members never run into
// each other.
func (m *merger) terminated(b []byte) []byte {
	if len(b) > 0 && b[len(b)-1] != '\n' {
		return append(bytes.Clone(b), m.eol...)
	}
	return b
}

func (m *merger) ensureLineStart() {
	if n := m.out.Len(); n > 0 && m.out.Bytes()[n-1] != '\n' {
		m.out.Write(m.eol)
	}
}

func (m *merger) write(e *entry) {
	if e == nil {
		return
	}
	m.ensureLineStart()
	m.out.Write(e.text())
}
