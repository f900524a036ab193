package jsonmerge

import (
	"math/big"
	"strings"
)

// decimal is a JSON number read exactly, without building its value: ±0.digits × 10^exp,
// digits without leading or trailing zeros ("" for zero). Reading and comparing cost
// time linear in the text, whatever the exponent (1e60000001 would take minutes and
// hundreds of MB as an integer), and no precision is lost (two numbers differing in
// their 82nd digit are different).
type decimal struct {
	neg    bool
	digits string
	exp    *big.Int
}

// parseDecimal reads a number the parser has already checked against JSON's grammar.
func parseDecimal(raw []byte) (decimal, bool) {
	s := string(raw)
	var d decimal
	if strings.HasPrefix(s, "-") {
		d.neg, s = true, s[1:]
	}
	mant, expText := s, ""
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant, expText = s[:i], s[i+1:]
	}
	intPart, frac := mant, ""
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		intPart, frac = mant[:i], mant[i+1:]
	}
	if intPart == "" || !isDigits(intPart) || (frac != "" && !isDigits(frac)) || strings.HasSuffix(mant, ".") {
		return d, false
	}
	exp := new(big.Int)
	if expText != "" {
		if _, ok := exp.SetString(strings.TrimPrefix(expText, "+"), 10); !ok {
			return d, false
		}
	}
	// value = all × 10^(exp - len(frac)); as 0.digits × 10^e, e = exp - len(frac) +
	// len(all without leading zeros).
	all := strings.TrimLeft(intPart+frac, "0")
	digits := strings.TrimRight(all, "0")
	if digits == "" {
		return decimal{exp: new(big.Int)}, true // zero, whatever its sign
	}
	d.digits = digits
	d.exp = exp.Add(exp, big.NewInt(int64(len(all)-len(frac))))
	return d, true
}

// canonical spells the value so that equal numbers (640, 640.0, 6.4e2) have equal
// text: "0", or [-]0.digits e exp.
func (d decimal) canonical() string {
	if d.digits == "" {
		return "0"
	}
	sign := ""
	if d.neg {
		sign = "-"
	}
	return sign + "0." + d.digits + "e" + d.exp.String()
}

func (d decimal) sign() int {
	switch {
	case d.digits == "":
		return 0
	case d.neg:
		return -1
	}
	return 1
}

// cmpDecimal compares two numbers exactly.
func cmpDecimal(a, b decimal) int {
	sa, sb := a.sign(), b.sign()
	if sa != sb || sa == 0 {
		return cmpInt(sa, sb)
	}
	c := a.exp.Cmp(b.exp)
	if c == 0 {
		c = strings.Compare(a.digits, b.digits) // same exponent: digit by digit
	}
	return c * sa
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// canonicalNumber spells a number so that numerically equal numbers get the same
// text (see decimal). It is used for comparison only, never written out.
func canonicalNumber(raw []byte) string {
	d, ok := parseDecimal(raw)
	if !ok {
		return string(raw)
	}
	return d.canonical()
}

// compareNumbers compares two numbers exactly, ok false when one does not parse.
func compareNumbers(a, b []byte) (int, bool) {
	x, okA := parseDecimal(a)
	y, okB := parseDecimal(b)
	if !okA || !okB {
		return 0, false
	}
	return cmpDecimal(x, y), true
}

// numberText is a number's text as written (every number node has it), for labels.
func numberText(n *node) string { return string(n.raw) }
