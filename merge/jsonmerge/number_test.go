package jsonmerge

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
)

// TestHugeExponent: a number with a huge exponent changed on one side is merged in
// work linear in its text (it used to be built as an exact integer: 219 s, 706 MB for
// 1e60000001), kept as written, and compared exactly where a rule compares values.
// The bound is on bytes allocated, which, unlike the clock, does not depend on load.
func TestHugeExponent(t *testing.T) {
	base := pacObject(`"a": 1`, `"b": 1`, `"DocVersion": 1`, `"c": 1e60000001`)
	ours := pacObject(`"a": 2`, `"b": 1`, `"DocVersion": 1e99999999999999999999`, `"c": 1e60000001`)
	theirs := pacObject(`"a": 1`, `"b": 1e60000001`, `"DocVersion": 2e99999999999999999999`, `"c": 10e60000000`)
	var res Result
	var err error
	n := allocatedBy(func() { res, err = Merge(base, ours, theirs, ManifestPolicy, testOptions) })
	t.Logf("allocated %d bytes", n)
	if n > 1<<20 {
		t.Errorf("merging three 100-byte inputs allocated %d bytes", n)
	}
	if err != nil {
		t.Fatal(err)
	}
	want := string(pacObject(`"a": 2`, `"b": 1e60000001`, `"DocVersion": 2e99999999999999999999`, `"c": 1e60000001`))
	if got := string(res.Merged); got != want || len(res.Conflicts) > 0 {
		t.Errorf("got %s (%v), want %s", got, res.Conflicts, want)
	}
}

// TestNumberPrecision: numbers are equal only when they are equal exactly; a change in
// the 82nd digit is a change (it used to be compared at 256 bits and dropped).
func TestNumberPrecision(t *testing.T) {
	long := "0.1" + strings.Repeat("0", 80) + "1"
	base := pacObject(`"x": 0.1`, `"y": 1`)
	ours := pacObject(`"x": 0.1`, `"y": 2`)
	theirs := pacObject(`"x": `+long, `"y": 1`)
	res, err := Merge(base, ours, theirs, GenericPolicy, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	if want := pacObject(`"x": `+long, `"y": 2`); !bytes.Equal(res.Merged, want) {
		t.Errorf("got %s, want %s", res.Merged, want)
	}
}

func TestDecimalCompare(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"640", "640.0", 0},
		{"640", "6.4e2", 0},
		{"6.4E+2", "0.00064e6", 0},
		{"0", "-0.0e5", 0},
		{"100", "1e2", 0},
		{"0.1", "0.1000000000000000000000000000000000000000000000000000000000000000000000000000000001", -1},
		{"-1", "1", -1},
		{"-2", "-1", -1},
		{"0", "-1e-99999999999999999999", 1},
		{"9", "10", -1},
		{"1e60000001", "1e60000000", 1},
		{"123", "12.3e1", 0},
		{"12", "123", -1},
	} {
		c, ok := compareNumbers(tc.a, tc.b)
		if !ok || c != tc.want {
			t.Errorf("compare %s %s = %d, %v; want %d", tc.a, tc.b, c, ok, tc.want)
		}
		if eqText := canonicalNumber(tc.a) == canonicalNumber(tc.b); eqText != (tc.want == 0) {
			t.Errorf("canonical %s %s: equal %v, want %v", tc.a, tc.b, eqText, tc.want == 0)
		}
	}
	if canonicalNumber("-0") != "0" {
		t.Error("-0 is 0")
	}
}

// TestLongExponent: exponents of a million digits compare exactly, carries and
// borrows included (they are read as text: big.Int would take seconds; speed is not
// asserted by the clock here).
func TestLongExponent(t *testing.T) {
	nines := strings.Repeat("9", 1_000_000)
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"1e" + nines, "10e" + nines, -1},                                 // 0.1e(10^6 nines + 1) vs one more
		{"123.45e" + nines, "1.2345e" + nines, 1},                         // exponent + 3 carries into a new digit
		{"0.001e-" + nines, "1e-" + nines, -1},                            // borrow on the negative side
		{"1e1" + strings.Repeat("0", 30), "1e" + nines[:31], -1},          // exponents 10^30 and 10^31-1
		{"0.001e1" + strings.Repeat("0", 30), "1e" + nines[:29] + "7", 0}, // borrow across zeros
		{"100e1" + strings.Repeat("0", 30), "1e1" + strings.Repeat("0", 29) + "2", 0},
	} {
		c, ok := compareNumbers(tc.a, tc.b)
		if !ok || c != tc.want {
			t.Errorf("compare %.40s… %.40s… = %d, %v; want %d", tc.a, tc.b, c, ok, tc.want)
		}
	}
}

// allocatedBy returns the bytes the heap allocated while f ran.
func allocatedBy(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// pacObject writes an object the way pac does: one member per line, two spaces.
func pacObject(members ...string) []byte {
	return []byte("{\n  " + strings.Join(members, ",\n  ") + "\n}")
}
