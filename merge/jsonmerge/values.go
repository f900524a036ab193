package jsonmerge

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// timeLayouts are the save-time spellings seen in unpacked apps: Entropy's
// HeaderLastSavedDateTimeUTC (invariant MM/dd/yyyy HH:mm:ss) and ISO 8601 (a data
// source's LastChangedTimeString, with 7 fractional digits).
var timeLayouts = []string{"01/02/2006 15:04:05", time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05"}

// later returns the later of two save times, ok false when they are not comparable.
// Digit strings are .NET ticks (LastModifiedTimestamp); ties keep ours.
func later(o, t *node) (*node, bool) {
	c, ok := compareTimes(o, t)
	if !ok {
		return nil, false
	}
	if c < 0 {
		return t, true
	}
	return o, true
}

func compareTimes(o, t *node) (int, bool) {
	if o.kind != t.kind {
		return 0, false
	}
	switch o.kind {
	case kNumber:
		return compareNumbers(o.raw, t.raw)
	case kString:
		if isDigits(o.str) && isDigits(t.str) {
			return compareDigits(o.str, t.str), true
		}
		for _, layout := range timeLayouts {
			a, errA := time.Parse(layout, o.str)
			b, errB := time.Parse(layout, t.str)
			if errA == nil && errB == nil {
				return a.Compare(b), true
			}
		}
	}
	return 0, false
}

// larger returns the larger of two counters or versions, ok false when they are not
// comparable.
func larger(o, t *node) (*node, bool) {
	if o.kind != t.kind {
		return nil, false
	}
	var c int
	var ok bool
	switch o.kind {
	case kNumber:
		c, ok = compareNumbers(o.raw, t.raw)
	case kString:
		c, ok = compareVersions(o.str, t.str)
	}
	if !ok {
		return nil, false
	}
	if c < 0 {
		return t, true
	}
	return o, true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// compareDigits compares two non-negative decimal integers of any length.
func compareDigits(a, b string) int {
	a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	return strings.Compare(a, b)
}

// compareVersions compares dotted numbers ("1.343" < "1.1000"); a plain digit string
// is a one-part version.
func compareVersions(a, b string) (int, bool) {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for _, parts := range [][]string{pa, pb} {
		for _, s := range parts {
			if !isDigits(s) {
				return 0, false
			}
		}
	}
	for i := 0; i < len(pa) || i < len(pb); i++ {
		x, y := "0", "0"
		if i < len(pa) {
			x = pa[i]
		}
		if i < len(pb) {
			y = pb[i]
		}
		if c := compareDigits(x, y); c != 0 {
			return c, true
		}
	}
	return 0, true
}

// keyLess approximates the .NET culture-aware comparison pac sorts member names with
// (format-legacy §6.4): symbols before digits before letters, letters compared
// without case, a prefix first, then lowercase before uppercase. It only decides where
// a member new to ours goes, and only when ours' members already follow it.
func keyLess(a, b string) bool {
	if c := cultureCompare(a, b, false); c != 0 {
		return c < 0
	}
	if c := cultureCompare(a, b, true); c != 0 {
		return c < 0
	}
	return a < b
}

// asciiClass is runeClass for an ASCII byte: only 0-9 are digits and only A-Z and
// a-z letters there.
func asciiClass(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return 1
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		return 2
	}
	return 0
}

func asciiLower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + ('a' - 'A')
	}
	return c
}

func runeClass(r rune) int {
	switch {
	case unicode.IsDigit(r):
		return 1
	case unicode.IsLetter(r):
		return 2
	}
	return 0
}

func cultureCompare(a, b string, caseLevel bool) int {
	// Identical leading bytes decide nothing (keys sorted together share long
	// prefixes): skip them, backed off to where both strings start a character, so
	// that every character after that decodes as it did in the whole string.
	i, n := 0, min(len(a), len(b))
	for i < n && a[i] == b[i] {
		i++
	}
	for i > 0 && ((i < len(a) && !utf8.RuneStart(a[i])) || (i < len(b) && !utf8.RuneStart(b[i]))) {
		i--
	}
	a, b = a[i:], b[i:]
	for a != "" && b != "" {
		// Keys are nearly always ASCII: compare those bytes without the unicode
		// tables (the same answers: asciiClass and asciiLower are runeClass and
		// unicode.ToLower restricted to ASCII; TestCultureCompareASCII checks).
		if x, y := a[0], b[0]; x < utf8.RuneSelf && y < utf8.RuneSelf {
			a, b = a[1:], b[1:]
			if cx, cy := asciiClass(x), asciiClass(y); cx != cy {
				return cx - cy
			}
			if lx, ly := asciiLower(x), asciiLower(y); lx != ly {
				if lx < ly {
					return -1
				}
				return 1
			}
			if caseLevel && x != y {
				if 'a' <= x && x <= 'z' {
					return -1
				}
				return 1
			}
			continue
		}
		c, na, nb := compareFirstRunes(a, b, caseLevel)
		if c != 0 {
			return c
		}
		a, b = a[na:], b[nb:]
	}
	return shorterFirst(a, b)
}

// compareFirstRunes compares the first characters of a and b (both non-empty) by
// class, then lower case, then (caseLevel) lower before upper; c == 0 means they
// tie, and na, nb are their lengths in bytes.
func compareFirstRunes(a, b string, caseLevel bool) (c, na, nb int) {
	ra, na := utf8.DecodeRuneInString(a)
	rb, nb := utf8.DecodeRuneInString(b)
	if ca, cb := runeClass(ra), runeClass(rb); ca != cb {
		return ca - cb, na, nb
	}
	la, lb := unicode.ToLower(ra), unicode.ToLower(rb)
	if la != lb {
		if la < lb {
			return -1, na, nb
		}
		return 1, na, nb
	}
	if caseLevel && ra != rb {
		if unicode.IsLower(ra) {
			return -1, na, nb
		}
		return 1, na, nb
	}
	return 0, na, nb
}

// shorterFirst orders what is left once one string ran out: the shorter first.
func shorterFirst(a, b string) int {
	switch {
	case a == "" && b == "":
		return 0
	case a == "":
		return -1
	}
	return 1
}

func sortedKeys(keys []string) bool {
	for i := 1; i < len(keys); i++ {
		if !keyLess(keys[i-1], keys[i]) {
			return false
		}
	}
	return true
}

// uniqueIDs keeps the integer ids of the object at each UniqueIDPaths distinct after
// the merge: of the names sharing an id, the one that has it in ours keeps it, the
// others get new ids above the largest one (a side's own duplicates are left alone).
// It returns the new root (nodes on the way are copied, never changed in place).
func (m *merger) uniqueIDs(root, ours *node) *node {
	for i, pt := range m.p.unique {
		root = m.renumber(root, ours, pt, 0, m.p.UniqueIDPaths[i])
	}
	return root
}

// maxListed bounds the changes a note spells out.
const maxListed = 10

func (m *merger) renumber(n, ours *node, pt pattern, depth int, where string) *node {
	if n == nil || n.kind != kObject {
		return n
	}
	if depth < len(pt) {
		seg := pt[depth]
		if seg.elem {
			return n
		}
		var members []member // a copy of n's, made at the first change
		for i, mb := range n.members() {
			if !seg.any && mb.key != seg.key {
				continue
			}
			cur := resolved(mb.val)
			v := m.renumber(cur, ours.get(mb.key), pt, depth+1, where)
			if v != cur {
				if members == nil {
					members = append([]member(nil), n.members()...)
				}
				members[i].val = v
			}
		}
		if members == nil {
			return n
		}
		return rebuilt(n, members)
	}

	// n is an id map.
	if !mayRepeatIDs(n) {
		return n // no id held twice: nothing to renumber
	}
	hs := make([]idHolder, 0, len(n.members()))
	var so seeker
	for _, mb := range n.members() {
		v := resolved(mb.val)
		ov := valOf(so.find(ours, mb.key))
		hs = append(hs, idHolder{key: mb.key, val: v, inOurs: v != nil && ov != nil && eq(ov, v)})
	}
	renum, changes := dedupe(hs, intText{})
	if len(renum) == 0 {
		return n
	}
	m.notes = append(m.notes, fmt.Sprintf("%s: %d id(s) from theirs renumbered because ours gives them to other controls (pac refuses duplicate ids, PA3007): %s",
		where, len(renum), listed(changes)))
	members := append([]member(nil), n.members()...)
	for i := range members {
		if r := renum[i]; r != nil {
			members[i].val = r
		}
	}
	return rebuilt(n, members)
}

// resolved sees through a conflict resolved to one side (nil when that side has
// nothing, or when the conflict is left to the user).
func resolved(n *node) *node {
	if n == nil || n.kind != kConflict {
		return n
	}
	c := n.body.conf
	vals := c.ours
	switch c.pick {
	case sideTheirs:
		vals = c.theirs
	case sideNone:
		return nil
	}
	if len(vals) != 1 {
		return nil
	}
	return vals[0]
}

// rebuilt is a copy of an object with other members; it is rendered member by member.
func rebuilt(n *node, members []member) *node {
	out := objectNode(members)
	out.hash = hashObject(members)
	return out
}
