package jsondoc

import (
	"math/rand"
	"strings"
	"testing"
)

// canonicalInteger gives what ParseDecimal(s).Canonical() gives, for every integer it
// takes, and declines everything else; AppendCanonicalNumber appends what
// CanonicalNumber gives.
func TestCanonicalIntegerAgreesWithDecimal(t *testing.T) {
	check := func(s string) {
		t.Helper()
		got, ok := canonicalInteger(s)
		d, isNum := ParseDecimal(s)
		if app := string(AppendCanonicalNumber([]byte("x"), s)); app != "x"+CanonicalNumber(s) {
			t.Fatalf("AppendCanonicalNumber(%q) appends %q, CanonicalNumber gives %q", s, app[1:], CanonicalNumber(s))
		}
		if !ok {
			return
		}
		if !isNum || got != d.Canonical() {
			t.Fatalf("canonicalInteger(%q) = %q; ParseDecimal gives %q (a number: %v)", s, got, d.Canonical(), isNum)
		}
	}
	for _, s := range []string{"0", "-0", "1", "-1", "10", "100", "-100", "007", "1.0", "1e2", "-", "", "+1", "12a", "9223372036854775807999", "1000000000000000000000000"} {
		check(s)
	}
	r := rand.New(rand.NewSource(199))
	taken := 0
	for n := 0; n < 200000; n++ {
		var b strings.Builder
		if r.Intn(3) == 0 {
			b.WriteByte('-')
		}
		for k := r.Intn(30); k >= 0; k-- {
			b.WriteByte("0123456789000.e+-x"[r.Intn(18)])
		}
		s := b.String()
		if _, ok := canonicalInteger(s); ok {
			taken++
		}
		check(s)
	}
	if taken < 1000 {
		t.Fatalf("only %d inputs were integers: the test no longer exercises the shortcut", taken)
	}
}
