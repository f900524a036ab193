package jsonmerge

import "github.com/canvasgit/canvasgit/source/jsondoc"

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
	return &node{kind: kNumber, raw: text, str: text, hash: hashScalar('n', canonicalNumber(text))}
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
