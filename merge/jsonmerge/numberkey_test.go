package jsonmerge

import (
	"math/rand"
	"strconv"
	"strings"
	"testing"
)

// TestNumberKey: numberKey gives numerically equal numbers one key and different
// numbers different keys (it decides the same as canonicalNumber), on spellings of
// the same values as plain integers, fractions, exponents, signs and zeros, on both
// sides of the 40-digit bound where keys switch from plain digits to canonical text.
func TestNumberKey(t *testing.T) {
	var nums []string
	for _, v := range []string{"0", "1", "246", "640", "1000", "7", "12", "123", strings.Repeat("9", 39), strings.Repeat("9", 40), strings.Repeat("9", 41), "1" + strings.Repeat("0", 39), "1" + strings.Repeat("0", 40)} {
		for _, sign := range []string{"", "-"} {
			nums = append(nums, spellings(sign, v)...)
		}
	}
	nums = append(nums, "0.5", "5e-1", "0.05e1", "1e-99999999999999999999", "1e60000001", "10e60000000", "1.5", "15e-1", "-0.0e5", "1E+2", "1e2")
	for _, a := range nums {
		for _, b := range nums {
			same := canonicalNumber(a) == canonicalNumber(b)
			if got := numberKey(a) == numberKey(b); got != same {
				t.Errorf("%s, %s: same key %v (%q, %q), same number %v", a, b, got, numberKey(a), numberKey(b), same)
			}
		}
	}
	if numberKey("246") != "246" {
		t.Errorf("a plain integer is its own key: %q", numberKey("246"))
	}
}

// spellings are ways to write the integer sign+v: as is, with a fraction of zeros,
// with exponents, scaled.
func spellings(sign, v string) []string {
	out := []string{sign + v, sign + v + ".0", sign + v + "e0", sign + v + "0e-1", sign + v + ".000E+0"}
	if len(v) > 1 {
		out = append(out, sign+v[:1]+"."+v[1:]+"e"+itoa(len(v)-1))
	}
	if strings.HasSuffix(v, "0") && strings.Trim(v, "0") != "" {
		t := strings.TrimRight(v, "0")
		out = append(out, sign+t+"e"+itoa(len(v)-len(t)))
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestNumberKeyRandom: the same on random numbers of few digits, so that many are equal.
func TestNumberKeyRandom(t *testing.T) {
	r := rand.New(rand.NewSource(18))
	gen := func() string {
		var b strings.Builder
		if r.Intn(3) == 0 {
			b.WriteByte('-')
		}
		if r.Intn(4) == 0 {
			b.WriteByte('0')
		} else {
			b.WriteByte(byte('1' + r.Intn(9)))
			for i := r.Intn(3); i > 0; i-- {
				b.WriteByte(byte('0' + r.Intn(2)*r.Intn(10)))
			}
		}
		if r.Intn(3) == 0 {
			b.WriteByte('.')
			for i := 1 + r.Intn(2); i > 0; i-- {
				b.WriteByte(byte('0' + r.Intn(2)*r.Intn(10)))
			}
		}
		if r.Intn(3) == 0 {
			b.WriteString([]string{"e", "E", "e+", "e-"}[r.Intn(4)])
			b.WriteByte(byte('0' + r.Intn(3)))
		}
		return b.String()
	}
	for i := 0; i < 200000; i++ {
		a, b := gen(), gen()
		same := canonicalNumber(a) == canonicalNumber(b)
		if got := numberKey(a) == numberKey(b); got != same {
			t.Fatalf("%s, %s: same key %v (%q, %q), same number %v", a, b, got, numberKey(a), numberKey(b), same)
		}
	}
}

// FuzzNumberKey: on any two texts the JSON reader takes as numbers, numberKey agrees
// with canonicalNumber on whether they are the same number.
func FuzzNumberKey(f *testing.F) {
	for _, s := range [][2]string{{"640", "6.4e2"}, {"0", "-0.0"}, {"1e40", "1" + strings.Repeat("0", 40)}, {"1e41", "10e40"}, {"12.5", "125e-1"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if !isJSONNumber(a) || !isJSONNumber(b) {
			return
		}
		same := canonicalNumber(a) == canonicalNumber(b)
		if got := numberKey(a) == numberKey(b); got != same {
			t.Errorf("%s, %s: same key %v (%q, %q), same number %v", a, b, got, numberKey(a), numberKey(b), same)
		}
	})
}

// isJSONNumber: s is one JSON number and nothing else (as the reader reads it).
func isJSONNumber(s string) bool {
	d, err := parseDoc([]byte(s), false, nil, nil)
	return err == nil && d.root != nil && d.root.kind == kNumber
}
