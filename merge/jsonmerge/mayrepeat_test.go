package jsonmerge

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// TestMayRepeatIDs: renumber skips an id map when mayRepeatIDs says no id is held
// twice; that must only happen when dedupe, given every name as a holder of ours and
// of theirs alike, finds no id held twice. Random maps of small, zero-padded,
// negative, long, sparse and non-id values, with and without repeats.
func TestMayRepeatIDs(t *testing.T) {
	rng := rand.New(rand.NewSource(18))
	values := func() string {
		switch rng.Intn(10) {
		case 0:
			return fmt.Sprintf(`"%03d"`, rng.Intn(40)) // a digit string, zero-padded
		case 1:
			return fmt.Sprintf("-%d", rng.Intn(40))
		case 2:
			return `"12345678901234567890123"` // beyond 18 digits
		case 3:
			return `"x"`
		case 4:
			return `{"a": 1}`
		case 5:
			return "1.5"
		case 6:
			return fmt.Sprint(1000000 + rng.Intn(4)) // sparse: sorted, not a bitmap
		}
		return fmt.Sprint(rng.Intn(40))
	}
	skipped, repeats := 0, 0
	for round := range 3000 {
		var sb strings.Builder
		sb.WriteString("{")
		for i := range rng.Intn(12) {
			if i > 0 {
				sb.WriteString(", ")
			}
			fmt.Fprintf(&sb, `"n%d": %s`, i, values())
		}
		sb.WriteString("}")
		d, err := parseDoc([]byte(sb.String()), false, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		var hs []idHolder
		for i, mb := range d.root.members() {
			// Alternate ours and not ours: any repeated id is then renumbered.
			hs = append(hs, idHolder{key: mb.key, val: mb.val, inOurs: i%2 == 0})
		}
		renum, _ := dedupe(hs, intText{})
		// A repeated id, as dedupe sees it: held by two holders, one of them ours.
		first := map[string]bool{}
		held := false
		for _, h := range hs {
			if _, text, ok := idValue(h.val); ok {
				held = held || first[text]
				first[text] = true
			}
		}
		may := mayRepeatIDs(d.root)
		if held && !may {
			t.Fatalf("round %d: %s: an id is held twice, mayRepeatIDs says no", round, sb.String())
		}
		if !may {
			skipped++
			if len(renum) > 0 {
				t.Fatalf("round %d: %s: mayRepeatIDs says no repeats, dedupe renumbered %v", round, sb.String(), renum)
			}
		}
		if held {
			repeats++
		}
	}
	if skipped == 0 || repeats == 0 {
		t.Fatalf("the rounds did not cover both outcomes: %d skipped, %d with repeats", skipped, repeats)
	}
}
