package jsonmerge

import "strings"

// A container the merge takes unchanged from theirs or base is rendered by the writer
// (its text is not ours', so its layout may not be), and rendering needs its children:
// a copy of base's container still lazy was expanded, level after level, only to be
// written out in the layout it was already written in. When its text is already what
// the writer would write, the writer copies it instead. That holds when its only
// whitespace is the writer's: ours' newline and indentation step at the depth it is
// written at, one line per member or entry, ": " after a name, `{}` and `[]` when
// empty. Names and scalars are written with their own text either way.
//
// Only a lazy container is looked at (one whose children are not made: a container
// of a lazy base, see baseReader). One whose children are made is rendered as before:
// that appends its tokens whole, which costs less than scanning its text when its
// strings hold escaped JSON (a component's, where scanning every such container took
// 3% more instructions than rendering them; on editor states, 1% fewer).
//
// The check is a scan that stops at the first byte the writer would not write. A
// failed scan is wasted, and the containers inside are scanned again when rendered,
// so the scans are paid from a budget of twice ours' size: past it the
// writer renders as before, with the same bytes.

// canonical reports whether raw, a container's text (valid JSON: it was read), is
// what the writer would write for it at depth, and spends the bytes scanned from the
// writer's budget.
func (w *writer) canonical(raw string, depth int) bool {
	if w.scanBudget < len(raw) {
		return false
	}
	end, ok := w.scanCanonical(raw, depth)
	w.scanBudget -= end
	if ok {
		w.copied++
	}
	return ok
}

// scanCanonical does canonical's scan; end is how far it went.
func (w *writer) scanCanonical(raw string, depth int) (end int, ok bool) {
	level := 0 // containers open at i
	i := 0
	for i < len(raw) {
		switch c := raw[i]; c {
		case '"':
			j := closingQuote(raw, i+1)
			if j < 0 {
				return i, false
			}
			i = j + 1
		case '{', '[':
			i++
			if i < len(raw) && (raw[i] == '}' || raw[i] == ']') {
				i++ // empty: `{}` or `[]`, as the writer writes them
				continue
			}
			level++
			if i, ok = w.lineBreak(raw, i, depth+level); !ok {
				return i, false
			}
		case ',':
			if i, ok = w.lineBreak(raw, i+1, depth+level); !ok {
				return i, false
			}
		case ':':
			if i+2 >= len(raw) || raw[i+1] != ' ' || isSpace(raw[i+2]) {
				return i, false
			}
			i += 2
		case ' ', '\t', '\r', '\n':
			// After a value: the line break before its container's closing bracket.
			if level == 0 {
				return i, false
			}
			level--
			if i, ok = w.lineBreakAt(raw, i, depth+level); !ok {
				return i, false
			}
			if i >= len(raw) || (raw[i] != '}' && raw[i] != ']') {
				return i, false
			}
			i++
		case '}', ']':
			return i, false // a non-empty container closed on the line of its last value
		default:
			i++ // a number's or a literal's byte
		}
	}
	return i, level == 0
}

// lineBreak checks that raw at i is the writer's line break at depth, followed by a
// value or a name (not more whitespace, not a closing bracket), and returns the
// offset past it.
func (w *writer) lineBreak(raw string, i, depth int) (int, bool) {
	i, ok := w.lineBreakAt(raw, i, depth)
	if !ok || i >= len(raw) {
		return i, false
	}
	switch raw[i] {
	case ' ', '\t', '\r', '\n', '}', ']':
		return i, false
	}
	return i, true
}

// lineBreakAt checks that raw at i is ours' newline and depth indentation steps.
func (w *writer) lineBreakAt(raw string, i, depth int) (int, bool) {
	for len(w.breaks) <= depth {
		w.breaks = append(w.breaks, string(w.nl)+strings.Repeat(string(w.indent), len(w.breaks)))
	}
	b := w.breaks[depth]
	if len(raw)-i < len(b) || raw[i:i+len(b)] != b {
		return i, false
	}
	return i + len(b), true
}

// closingQuote returns the offset of the quote that closes the string whose text
// starts at from, or -1.
func closingQuote(s string, from int) int {
	for i := from; i < len(s); {
		k := strings.IndexByte(s[i:], '"')
		if k < 0 {
			return -1
		}
		q := i + k
		backslashes := 0
		for j := q - 1; j >= from && s[j] == '\\'; j-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return q
		}
		i = q + 1
	}
	return -1
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// rawCopyBudget is the writer's scanBudget for an ours of size bytes: none when
// rawCopy is off (the tests compare with the writer rendering every container).
func rawCopyBudget(size int) int {
	if !rawCopy {
		return 0
	}
	return 2*size + 4096
}

var rawCopy = true

// writerDone, when set (by the tests), is given each writer when Merge is done with it.
var writerDone func(*writer)
