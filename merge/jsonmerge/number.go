package jsonmerge

import (
	"strconv"
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
	exp    intText
}

// intText is an integer of any size kept as decimal text (a JSON exponent can be
// megabytes long; big.Int reads decimal text in quadratic time).
type intText struct {
	neg bool
	mag string // digits without leading zeros; "" for zero
}

// readInt reads [+-]digits.
func readInt(s string) (intText, bool) {
	var n intText
	switch {
	case strings.HasPrefix(s, "-"):
		n.neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	if !isDigits(s) {
		return n, false
	}
	n.mag = strings.TrimLeft(s, "0")
	n.neg = n.neg && n.mag != ""
	return n, true
}

// add returns n + d for a small d (|d| < 10^18).
func (n intText) add(d int64) intText {
	if len(n.mag) <= 18 {
		v, _ := strconv.ParseInt(n.mag, 10, 64) // "" reads as an error and 0
		if n.neg {
			v = -v
		}
		v += d
		out := intText{neg: v < 0, mag: strconv.FormatInt(v, 10)}
		out.mag = strings.TrimLeft(strings.TrimPrefix(out.mag, "-"), "0")
		return out
	}
	// |n| >= 10^18 > |d|: the sign stays, the magnitude moves by |d|.
	up := (d >= 0) != n.neg
	if d < 0 {
		d = -d
	}
	digits := []byte(n.mag)
	carry := d
	for i := len(digits) - 1; i >= 0 && carry != 0; i-- {
		v := int64(digits[i] - '0')
		if up {
			v += carry % 10
			carry /= 10
			if v >= 10 {
				v -= 10
				carry++
			}
		} else {
			v -= carry % 10
			carry /= 10
			if v < 0 {
				v += 10
				carry++
			}
		}
		digits[i] = byte('0' + v)
	}
	if carry != 0 { // only when adding: the magnitude grew by a digit
		digits = append([]byte(strconv.FormatInt(carry, 10)), digits...)
	}
	return intText{neg: n.neg, mag: strings.TrimLeft(string(digits), "0")}
}

func (n intText) String() string {
	switch {
	case n.mag == "":
		return "0"
	case n.neg:
		return "-" + n.mag
	}
	return n.mag
}

func (n intText) cmp(m intText) int {
	sn, sm := n.sign(), m.sign()
	if sn != sm || sn == 0 {
		return cmpInt(sn, sm)
	}
	c := cmpInt(len(n.mag), len(m.mag))
	if c == 0 {
		c = strings.Compare(n.mag, m.mag)
	}
	return c * sn
}

func (n intText) sign() int {
	switch {
	case n.mag == "":
		return 0
	case n.neg:
		return -1
	}
	return 1
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
	var exp intText
	if expText != "" {
		var ok bool
		if exp, ok = readInt(expText); !ok {
			return d, false
		}
	}
	// value = all × 10^(exp - len(frac)); as 0.digits × 10^e, e = exp - len(frac) +
	// len(all without leading zeros).
	all := strings.TrimLeft(intPart+frac, "0")
	digits := strings.TrimRight(all, "0")
	if digits == "" {
		return decimal{}, true // zero, whatever its sign
	}
	d.digits = digits
	d.exp = exp.add(int64(len(all) - len(frac)))
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
	c := a.exp.cmp(b.exp)
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
