package jsondoc

import (
	"strconv"
	"strings"
)

// Decimal is a JSON number read exactly, without building its value: ±0.digits × 10^exp,
// digits without leading or trailing zeros ("" for zero). Reading and comparing cost
// time linear in the text, whatever the exponent (1e60000001 would take minutes and
// hundreds of MB as an integer), and no precision is lost (two numbers differing in
// their 82nd digit are different, where float64 would call them equal).
type Decimal struct {
	neg    bool
	digits string
	exp    Int
}

// Int is an integer of any size kept as decimal text (a JSON exponent can be
// megabytes long; big.Int reads decimal text in quadratic time). The zero Int is 0.
type Int struct {
	neg bool
	mag string // digits without leading zeros; "" for zero
}

// ParseInt reads [+-]digits.
func ParseInt(s string) (Int, bool) {
	var n Int
	switch {
	case strings.HasPrefix(s, "-"):
		n.neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	if !isDigits(s) {
		return n, false
	}
	n.mag = trimZeros(s)
	n.neg = n.neg && n.mag != ""
	return n, true
}

// isDigits reports whether s is one or more ASCII digits.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// trimZeros is strings.TrimLeft(s, "0") in a plain loop: TrimLeft builds a table of
// its cutset per call, which was most of reading an id (issue 18).
func trimZeros(s string) string {
	i := 0
	for i < len(s) && s[i] == '0' {
		i++
	}
	return s[i:]
}

// Add returns n + d for a small d (|d| < 10^18).
func (n Int) Add(d int64) Int {
	if len(n.mag) <= 18 {
		v, _ := strconv.ParseInt(n.mag, 10, 64) // "" reads as an error and 0
		if n.neg {
			v = -v
		}
		v += d
		out := Int{neg: v < 0, mag: strconv.FormatInt(v, 10)}
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
	return Int{neg: n.neg, mag: strings.TrimLeft(string(digits), "0")}
}

func (n Int) String() string {
	switch {
	case n.mag == "":
		return "0"
	case n.neg:
		return "-" + n.mag
	}
	return n.mag
}

// Cmp compares n and m: -1, 0 or 1.
func (n Int) Cmp(m Int) int {
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

func (n Int) sign() int {
	switch {
	case n.mag == "":
		return 0
	case n.neg:
		return -1
	}
	return 1
}

// ParseDecimal reads a number in JSON's grammar (a leading '+' or leading zeros in the
// integer part are tolerated); ok is false for anything else.
func ParseDecimal(s string) (d Decimal, ok bool) {
	if strings.HasPrefix(s, "-") {
		d.neg, s = true, s[1:]
	}
	mant, expText, hasExp := s, "", false
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant, expText, hasExp = s[:i], s[i+1:], true
	}
	intPart, frac := mant, ""
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		intPart, frac = mant[:i], mant[i+1:]
	}
	if intPart == "" || !isDigits(intPart) || (frac != "" && !isDigits(frac)) || strings.HasSuffix(mant, ".") {
		return d, false
	}
	var exp Int
	if hasExp {
		var ok bool
		if exp, ok = ParseInt(expText); !ok {
			return d, false
		}
	}
	// value = all × 10^(exp - len(frac)); as 0.digits × 10^e, e = exp - len(frac) +
	// len(all without leading zeros).
	all := strings.TrimLeft(intPart+frac, "0")
	digits := strings.TrimRight(all, "0")
	if digits == "" {
		return Decimal{}, true // zero, whatever its sign
	}
	d.digits = digits
	d.exp = exp.Add(int64(len(all) - len(frac)))
	return d, true
}

// Canonical spells the value so that equal numbers (640, 640.0, 6.4e2) have equal
// text: "0", or [-]0.digits e exp. It is for comparing, not for writing out.
func (d Decimal) Canonical() string {
	if d.digits == "" {
		return "0"
	}
	sign := ""
	if d.neg {
		sign = "-"
	}
	return sign + "0." + d.digits + "e" + d.exp.String()
}

// sign is -1, 0 or 1: that of the digits read as an integer.
func (d Decimal) sign() int { return Int{neg: d.neg, mag: d.digits}.sign() }

// Compare compares two numbers exactly: -1, 0 or 1.
func (d Decimal) Compare(e Decimal) int {
	sa, sb := d.sign(), e.sign()
	if sa != sb || sa == 0 {
		return cmpInt(sa, sb)
	}
	c := d.exp.Cmp(e.exp)
	if c == 0 {
		c = strings.Compare(d.digits, e.digits) // same exponent: digit by digit
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

// CanonicalNumber is ParseDecimal(s).Canonical(), or s itself when it is not a number.
func CanonicalNumber(s string) string {
	if c, ok := canonicalInteger(s); ok {
		return c
	}
	d, ok := ParseDecimal(s)
	if !ok {
		return s
	}
	return d.Canonical()
}

// CompareNumbers compares two number texts exactly; ok is false when one is not a
// number.
func CompareNumbers(a, b string) (c int, ok bool) {
	x, okA := ParseDecimal(a)
	y, okB := ParseDecimal(b)
	if !okA || !okB {
		return 0, false
	}
	return x.Compare(y), true
}

// canonicalInteger is CanonicalNumber for the commonest numbers, integers without a
// leading zero (ids, sizes, indexes): ±0.digits e len(digits), the digits without
// their trailing zeros, spelled in one piece. ok is false for anything else.
func canonicalInteger(s string) (string, bool) {
	b, ok := appendCanonicalInteger(make([]byte, 0, len(s)+24), s)
	if !ok {
		return "", false
	}
	return string(b), true
}

// appendCanonicalInteger is canonicalInteger appending to dst.
func appendCanonicalInteger(dst []byte, s string) ([]byte, bool) {
	digits := strings.TrimPrefix(s, "-")
	if digits == "" || digits[0] < '1' || digits[0] > '9' {
		return dst, false
	}
	for i := 1; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return dst, false
		}
	}
	kept := strings.TrimRight(digits, "0")
	if len(digits) < len(s) {
		dst = append(dst, '-')
	}
	dst = append(dst, "0."...)
	dst = append(dst, kept...)
	dst = append(dst, 'e')
	dst = strconv.AppendInt(dst, int64(len(digits)), 10)
	return dst, true
}

// AppendCanonicalNumber appends CanonicalNumber(s) to dst: without allocating for an
// integer, for a caller that only looks at the text (hashes it, say).
func AppendCanonicalNumber(dst []byte, s string) []byte {
	if b, ok := appendCanonicalInteger(dst, s); ok {
		return b
	}
	return append(dst, CanonicalNumber(s)...)
}
