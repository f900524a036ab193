package jsondoc

import (
	"encoding/json"
	"strings"
	"testing"
)

func jsonNumber(s string) json.Number { return json.Number(s) }

func TestDecimal(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"640", "6.4e2", 0}, {"640", "640.000", 0}, {"-0", "0", 0}, {"0e99999999999999999999", "0.0", 0},
		{"9007199254740993", "9007199254740992", 1}, {"1e400", "2e400", -1}, {"-1e400", "-2e400", 1},
		{"1e-400", "0", 1}, {"-5", "3", -1}, {"0.1", "1e-1", 0}, {"1" + strings.Repeat("0", 81) + "1", "1" + strings.Repeat("0", 82), 1},
		{"1e999999999999999999999999", "1e999999999999999999999998", 1},
	} {
		c, ok := CompareNumbers(tc.a, tc.b)
		if !ok || c != tc.want {
			t.Errorf("CompareNumbers(%s, %s) = %d %v, want %d", tc.a, tc.b, c, ok, tc.want)
		}
		if same := CanonicalNumber(tc.a) == CanonicalNumber(tc.b); same != (tc.want == 0) {
			t.Errorf("canonical %s: %s, %s: %s", tc.a, CanonicalNumber(tc.a), tc.b, CanonicalNumber(tc.b))
		}
	}
	for _, bad := range []string{"", "-", "1.", ".5", "1e", "1e+", "0x10", "NaN", "1_0"} {
		if _, ok := ParseDecimal(bad); ok {
			t.Errorf("ParseDecimal(%q) accepted", bad)
		}
	}
}

func TestInt(t *testing.T) {
	big := "1" + strings.Repeat("9", 30)
	n, ok := ParseInt(big)
	if !ok {
		t.Fatal(big)
	}
	if got := n.Add(1).String(); got != "2"+strings.Repeat("0", 30) {
		t.Errorf("%s + 1 = %s", big, got)
	}
	m, _ := ParseInt("-" + big)
	if got := m.Add(-1).String(); got != "-2"+strings.Repeat("0", 30) {
		t.Errorf("-%s - 1 = %s", big, got)
	}
	if n.Cmp(m) != 1 || m.Cmp(n) != -1 || n.Cmp(n) != 0 {
		t.Error("Cmp")
	}
	z, _ := ParseInt("-000")
	if z.String() != "0" || z.Add(-3).String() != "-3" {
		t.Errorf("zero: %s", z)
	}
}
