package jsonmerge

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
	"math/bits"
	"unicode/utf8"
	"unsafe"

	"github.com/canvasgit/canvasgit/internal/spaces"
)

// The check of a lazy base (readBase) reads all of base, so it is the largest part of
// an editor state's merge that does not shrink when the merge changes little: through
// the JSON reader with a Builder, every value costs calls, a Scalar and, per object, a
// Member list and the hashes of its names. fastCheck (fastChecker.check) makes the
// same records in one loop that builds nothing else. It only accepts what it knows the reader accepts, and
// gives up on anything else (a syntax error, a repeated name, a name with an escape,
// a scalar at the root, nesting beyond maxDepth): readBase then runs the reader's
// check as before, which accepts or names the fault exactly as it always has.

// checkFrame is an open container of fastCheck.
type checkFrame struct {
	object bool
	hasIDs bool
	recs   int // len(recs) when it opened: its records are those made since
	keys   int // len(keys) when it opened (objects): its names are those since
}

// fastChecker holds fastCheck's stacks: the open containers, the names of the open
// objects, and the table distinct finds a repeated name of a large object with.
type fastChecker struct {
	frames []checkFrame
	keys   []string
	slots  []int32
}

// check checks data, base's text, and returns the records the reader's check makes
// (checker) and the span of the root value; ok is false when it gave up (see above).
// It checks UTF-8 too: it accepts bytes from 0x80 only in strings, as whole
// characters. idKeys are the policy's UniqueIDKeys (hasIDs).
func (fc *fastChecker) check(data []byte, idKeys []string) (recs []baseRec, start, end int, ok bool) {
	i := 0
	if bytes.HasPrefix(data, bom) {
		i = len(bom)
	}
	i = skipSpace(data, i)
	start = i
	if i >= len(data) || (data[i] != '{' && data[i] != '[') {
		return nil, 0, 0, false // a scalar root (or nothing): the reader's way
	}
	// About one container per 80 bytes of pac's JSON: room enough that the records
	// are rarely copied as they grow (capacity never written is never touched).
	recs = make([]baseRec, 0, len(data)/64+16)
	frames, keys := fc.frames[:0], fc.keys[:0]
	defer func() { fc.frames, fc.keys = frames[:0], keys[:0] }()
	d := data
	var key string // the name of the member whose value is read
	for {
		// A value starts at i (whitespace passed).
		if i >= len(d) {
			return nil, 0, 0, false
		}
		scalarID := false // a string or a number: may be an id (hasIDs)
		switch c := d[i]; {
		case c == '{' || c == '[':
			if len(frames) >= maxDepth {
				return nil, 0, 0, false
			}
			frames = append(frames, checkFrame{object: c == '{', recs: len(recs), keys: len(keys)})
			i = skipSpace(d, i+1)
			if i < len(d) && d[i] == c+2 { // '}' is '{'+2, ']' is '['+2: empty
				i++
				goto closed
			}
			if c == '{' {
				goto name
			}
			continue
		case c == '"':
			if i, _, ok = skipString(d, i+1); !ok {
				return nil, 0, 0, false
			}
			scalarID = true
		case c == '-' || c-'0' < 10:
			if i, ok = skipNumber(d, i); !ok {
				return nil, 0, 0, false
			}
			scalarID = true
		case c == 't' && bytes.HasPrefix(d[i:], []byte("true")):
			i += 4
		case c == 'f' && bytes.HasPrefix(d[i:], []byte("false")):
			i += 5
		case c == 'n' && bytes.HasPrefix(d[i:], []byte("null")):
			i += 4
		default:
			return nil, 0, 0, false
		}
		if top := &frames[len(frames)-1]; scalarID && top.object && !top.hasIDs && isIDKeyIn(idKeys, key) {
			top.hasIDs = true
		}
	after:
		// A value ended at i: a comma and the next one, or the end of its container.
		{
			i = skipSpace(d, i)
			if i >= len(d) {
				return nil, 0, 0, false
			}
			top := &frames[len(frames)-1]
			if d[i] == ',' {
				i = skipSpace(d, i+1)
				if top.object {
					goto name
				}
				continue
			}
			closer := byte(']')
			if top.object {
				closer = '}'
			}
			if d[i] != closer {
				return nil, 0, 0, false
			}
			i++
		}
	closed:
		// The container on top of frames closed just before i.
		{
			top := frames[len(frames)-1]
			if top.object {
				if !fc.distinct(keys[top.keys:]) {
					return nil, 0, 0, false
				}
				keys = keys[:top.keys]
			}
			r := baseRec{end: uint32(i), inner: uint32(len(recs) - top.recs)}
			if top.hasIDs {
				r.inner |= recHasIDs
			}
			recs = append(recs, r)
			frames = frames[:len(frames)-1]
			if len(frames) == 0 {
				end = i
				if skipSpace(d, i) != len(d) {
					return nil, 0, 0, false
				}
				return recs, start, end, true
			}
			if top.hasIDs {
				frames[len(frames)-1].hasIDs = true
			}
			goto after
		}
	name:
		// A member's name starts at i, then ':' and its value.
		{
			if i >= len(d) || d[i] != '"' {
				return nil, 0, 0, false
			}
			from := i + 1
			var esc bool
			if i, esc, ok = skipString(d, from); !ok || esc {
				return nil, 0, 0, false // an escaped name: decoded by the reader
			}
			key = ""
			if i-1 > from {
				key = unsafe.String(&d[from], i-1-from) // a view: base outlives the check
			}
			keys = append(keys, key)
			i = skipSpace(d, i)
			if i >= len(d) || d[i] != ':' {
				return nil, 0, 0, false
			}
			if i+2 < len(d) && d[i+1] == ' ' && d[i+2] > ' ' {
				i += 2 // pac's one space after the colon
			} else {
				i = skipSpace(d, i+1)
			}
		}
	}
}

// distinct reports whether the names of one object are all different (the reader's
// unique).
func (fc *fastChecker) distinct(keys []string) bool {
	if len(keys) <= smallUnique {
		for i := 1; i < len(keys); i++ {
			for j := 0; j < i; j++ {
				if keys[i] == keys[j] {
					return false
				}
			}
		}
		return true
	}
	size := 2 * smallUnique
	for size < 2*len(keys) {
		size *= 2
	}
	if cap(fc.slots) < size {
		fc.slots = make([]int32, size)
	}
	slots := fc.slots[:size]
	clear(slots)
	mask := uint64(size - 1)
	for i, k := range keys {
		for s := maphash.String(hashSeed, k) & mask; ; s = (s + 1) & mask {
			j := int(slots[s]) - 1
			if j < 0 {
				slots[s] = int32(i + 1)
				break
			}
			if keys[j] == k {
				return false
			}
		}
	}
	return true
}

// skipSpace returns the index of the first byte of d at or after i that is not JSON
// whitespace (or len(d)). Most calls find a token at once: that test is small enough
// to be inlined; runs go to skipSpaceRun.
func skipSpace(d []byte, i int) int {
	if i < len(d) && d[i] > ' ' {
		return i
	}
	return skipSpaceRun(d, i)
}

func skipSpaceRun(d []byte, i int) int {
	for i < len(d) {
		switch d[i] {
		case '\n', ' ':
			i = spaces.End(d, i+1) // a newline, then an indentation of spaces
		case '\r', '\t':
			i++
		default:
			return i
		}
	}
	return i
}

// skipString passes the rest of a string whose text starts at i and returns the
// index past its closing quote; esc says it holds an escape. ok is false for what the
// reader refuses in a string (a control character, a bad escape, no closing quote)
// and for bytes that are not UTF-8 (readBase checks that first when this gives up).
func skipString(d []byte, i int) (end int, esc, ok bool) {
	for {
		for ; i+8 <= len(d); i += 8 {
			if m := stringStops(binary.LittleEndian.Uint64(d[i : i+8])); m != 0 {
				i += bits.TrailingZeros64(m) / 8
				break
			}
		}
		for i < len(d) && d[i] != '"' && d[i] != '\\' && d[i] >= 0x20 && d[i] < utf8.RuneSelf {
			i++
		}
		if i >= len(d) {
			return i, esc, false
		}
		switch c := d[i]; {
		case c == '"':
			return i + 1, esc, true
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && size == 1 {
				return i, esc, false
			}
			i += size
			continue
		case c < 0x20:
			return i, esc, false
		}
		// A backslash: one of the reader's escapes.
		esc = true
		if i+1 >= len(d) {
			return i, esc, false
		}
		if unescapeByte[d[i+1]] {
			i += 2
			continue
		}
		if d[i+1] != 'u' || i+6 > len(d) || !isHex(d[i+2]) || !isHex(d[i+3]) || !isHex(d[i+4]) || !isHex(d[i+5]) {
			return i, esc, false
		}
		i += 6
	}
}

// unescapeByte marks the characters that make a one-character escape after a
// backslash.
var unescapeByte = [256]bool{'"': true, '\\': true, '/': true, 'b': true, 'f': true, 'n': true, 'r': true, 't': true}

func isHex(c byte) bool { return c-'0' < 10 || (c|0x20)-'a' < 6 }

// stringStops flags (with the high bit of the byte) the bytes of the little-endian
// word x a string scan stops at: a quote, a backslash, a control character, a byte
// of a multi-byte character (its own high bit; a control character borrows into its
// high bit when 0x20 is taken away, a quote or backslash when one is taken from the
// zero byte that xor makes of it). Only the lowest flag is sure (a borrow runs on
// upwards).
func stringStops(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	y, z := x^('\\'*ones), x^('"'*ones)
	return (x | (x - 0x20*ones) | (y - ones) | (z - ones)) & highs
}

// skipNumber passes the JSON number at i (the reader's grammar) and returns the index
// past it; ok is false when it is not one.
func skipNumber(d []byte, i int) (end int, ok bool) {
	if d[i] == '-' {
		i++
	}
	if i < len(d) && d[i] == '0' {
		i++
	} else if i, ok = digitRun(d, i); !ok {
		return i, false
	}
	if i < len(d) && d[i] == '.' {
		if i, ok = digitRun(d, i+1); !ok {
			return i, false
		}
	}
	if i < len(d) && d[i]|0x20 == 'e' {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i, ok = digitRun(d, i); !ok {
			return i, false
		}
	}
	return i, true
}

func digitRun(d []byte, i int) (end int, ok bool) {
	end = i
	for end < len(d) && d[end]-'0' < 10 {
		end++
	}
	return end, end > i
}
