package jsonmerge

import (
	"fmt"
	"strings"
	"testing"
)

// TestGuideCursorFollowsChangedEntries: when every entry of an array changed a little
// (Studio renumbering all controls), each entry is still read against its own entry of
// base, so what it did not change is copied from base, not read: with the changes
// first, last and in the middle, after an added and before a deleted entry.
func TestGuideCursorFollowsChangedEntries(t *testing.T) {
	entry := func(name string, index int) string {
		return fmt.Sprintf("{\n  \"Name\": %q,\n  \"Index\": %d,\n  \"Rules\": [{\"Property\": \"X\", \"Script\": \"%s-rule\"}]\n}", name, index, name)
	}
	array := func(entries ...string) string { return "[\n" + strings.Join(entries, ",\n") + "\n]\n" }
	base := array(entry("a", 1), entry("b", 2), entry("c", 3), entry("d", 4), entry("e", 5))
	for _, c := range []struct {
		name  string
		side  string
		reads []string // the entries read whole (the others' Rules are base's)
	}{
		{"all changed", array(entry("a", 11), entry("b", 12), entry("c", 13), entry("d", 14), entry("e", 15)), nil},
		{"one added, then all changed", array(entry("new", 0), entry("a", 11), entry("b", 12), entry("c", 13), entry("d", 14), entry("e", 15)), []string{"new"}},
		{"one deleted, then all changed", array(entry("a", 11), entry("c", 13), entry("d", 14), entry("e", 15)), nil},
	} {
		db, err := parseDoc([]byte(base), false, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		d, err := parseDoc([]byte(c.side), true, nil, db)
		if err != nil {
			t.Fatal(err)
		}
		var read []string
		for _, e := range d.root.elems() {
			if r := e.get("Rules"); r == nil || r.like == nil {
				read = append(read, e.get("Name").str)
			}
		}
		if strings.Join(read, ",") != strings.Join(c.reads, ",") {
			t.Errorf("%s: entries whose unchanged Rules were read: %q, want %q", c.name, read, c.reads)
		}
	}
}

// TestCommonStart: the eight-at-a-time search finds the first differing byte the
// byte-by-byte one finds.
func TestCommonStart(t *testing.T) {
	for n := 1; n < 40; n++ {
		for d := 0; d < n; d++ {
			x := []byte(strings.Repeat("ab", n)[:n])
			y := append([]byte(nil), x...)
			y[d] ^= 0x20
			if got := commonStart(x, y); got != d {
				t.Fatalf("length %d, difference at %d: commonStart %d", n, d, got)
			}
		}
	}
}

// TestGuideFindsMovedEntries: a side that reorders long entries (App Checker writes
// its results in another order on each save) has each found in base wherever it is,
// copied when unchanged, and read against its own entry of base when changed (its
// unchanged locations copied).
func TestGuideFindsMovedEntries(t *testing.T) {
	entry := func(i, ruleIndex int) string {
		return fmt.Sprintf("{\n  \"locations\": [\n    {\n      \"fullyQualifiedName\": \"screen%d.Label%d.Text\",\n      \"region\": {\"charOffset\": %d, \"snippet\": %q}\n    }\n  ],\n  \"message\": {\"id\": \"issue\", \"arguments\": [%q]},\n  \"ruleId\": \"app-Err%d\",\n  \"ruleIndex\": %d\n}",
			i, i, 10*i, strings.Repeat("x", 100), strings.Repeat("y", 60), i%3, ruleIndex)
	}
	const n = 40
	var base, side []string
	for i := 0; i < n; i++ {
		base = append(base, entry(i, i%3))
	}
	for k := 0; k < n; k++ {
		i := (k*7 + 3) % n // every entry moved
		ruleIndex := i % 3
		if i%4 == 0 {
			ruleIndex = 9 // and a quarter changed
		}
		side = append(side, entry(i, ruleIndex))
	}
	array := func(entries []string) string { return "[\n" + strings.Join(entries, ",\n") + "\n]\n" }
	db, err := parseDoc([]byte(array(base)), false, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	d, err := parseDoc([]byte(array(side)), true, nil, db)
	if err != nil {
		t.Fatal(err)
	}
	copied, locations := 0, 0
	for _, e := range d.root.elems() {
		switch {
		case e.like != nil:
			copied++
		case e.get("locations").like != nil:
			locations++
		}
	}
	if copied != 30 || locations != 10 {
		t.Errorf("%d entries copied from base (want 30), %d changed ones with base's locations (want 10)", copied, locations)
	}
}
