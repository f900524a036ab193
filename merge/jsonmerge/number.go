package jsonmerge

import (
	"strconv"
	"strings"

	"github.com/canvasgit/canvasgit/source/jsondoc"
)

// Numbers are compared exactly, by the one number policy of source/jsondoc (jsondoc.Decimal):
// linear in the text whatever the exponent, no precision lost.

// canonicalNumber spells a number so that numerically equal numbers get the same
// text. It is used for comparison only, never written out.
func canonicalNumber(raw string) string { return jsondoc.CanonicalNumber(raw) }

// sameNumber says whether two number texts are the same number: equal texts are, and
// only different texts pay for their canonical forms.
func sameNumber(a, b string) bool { return a == b || canonicalNumber(a) == canonicalNumber(b) }

// sameScalar compares two scalars of one kind (numbers by value, the rest by str).
func sameScalar(a, b *node) bool {
	if a.kind == kNumber {
		return sameNumber(a.str, b.str)
	}
	return a.str == b.str
}

// numberNode is a number value the merge made from its text.
func numberNode(text string) *node {
	return &node{kind: kNumber, raw: text, str: text, hash: hashNumber(text)}
}

// hashNumber hashes a number by its value: hashScalar of numberKey.
func hashNumber(raw string) uint64 { return hashScalar('n', numberKey(raw)) }

// maxKeyDigits bounds the integers numberKey spells out in full.
const maxKeyDigits = 40

// numberKey is a text that numerically equal numbers share, for hashing: an integer
// of at most maxKeyDigits digits is its plain decimal text (so the commonest number,
// a plain integer such as an id, is its own key and costs no work: building canonical
// forms was a seventh of an Entropy.json merge, issue 18), any other number its
// canonical text. 640, 640.0 and 6.4e2 all give "640".
func numberKey(raw string) string {
	if isPlainInt(raw) && len(strings.TrimPrefix(raw, "-")) <= maxKeyDigits {
		return raw
	}
	c := canonicalNumber(raw)
	if c == "0" {
		return c
	}
	// c is [-]0.digits e exp (or raw itself when raw is not a number).
	sign, rest := "", c
	if strings.HasPrefix(rest, "-") {
		sign, rest = "-", rest[1:]
	}
	digits, exp, ok := strings.Cut(strings.TrimPrefix(rest, "0."), "e")
	if !ok || len(exp) > 3 || !strings.HasPrefix(rest, "0.") {
		return c
	}
	e, err := strconv.Atoi(exp)
	if err != nil || e < len(digits) || e > maxKeyDigits {
		return c // a fraction, or an integer too long to spell out
	}
	return sign + digits + strings.Repeat("0", e-len(digits))
}

// compareNumbers compares two numbers exactly, ok false when one does not parse.
func compareNumbers(a, b string) (int, bool) { return jsondoc.CompareNumbers(a, b) }

// numberText is a number's text as written (every number node has it), for labels.
func numberText(n *node) string { return n.raw }

// intText is an id as an integer of any size (jsondoc.Int).
type intText struct{ jsondoc.Int }

// readInt reads [+-]digits.
func readInt(s string) (intText, bool) {
	n, ok := jsondoc.ParseInt(s)
	return intText{n}, ok
}

// add returns n + d for a small d (|d| < 10^18).
func (n intText) add(d int64) intText { return intText{n.Int.Add(d)} }

func (n intText) cmp(m intText) int { return n.Int.Cmp(m.Int) }
