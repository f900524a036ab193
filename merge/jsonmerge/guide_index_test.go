package jsonmerge

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// TestStartingLikeIndex: startingLike finds, for a side's entry, the entries of base's
// array whose first textKey bytes are the side's (at most maxLike, in order), as a
// look at every entry does; the index is made once per array of base, in the scratch
// both sides' reads share.
func TestStartingLikeIndex(t *testing.T) {
	rnd := rand.New(rand.NewSource(1))
	long := strings.Repeat("x", textKey)
	var entries []string
	for i := range 200 {
		// Few distinct starts, so that many entries share one (more than maxLike);
		// some entries too short to be indexed.
		head := fmt.Sprintf("{\"k\": \"%d%s\", \"i\": %d}", rnd.Intn(7), long, i)
		if rnd.Intn(10) == 0 {
			head = fmt.Sprintf("%d", i)
		}
		entries = append(entries, head)
	}
	text := "[\n" + strings.Join(entries, ",\n") + "\n]\n"
	sc := new(scratch)
	base, err := parseDocIn(sc, []byte(text), false, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	es := base.root.elems()
	for s := range 2 { // ours, then theirs
		g := newGuide(newNodeBuilder(sc, []byte(text), s == 0, nil), base)
		for start := 0; start+textKey <= len(text); start += 1 + rnd.Intn(50) {
			var want []int
			for j, e := range es {
				if len(e.raw) >= textKey && e.raw[:textKey] == text[start:start+textKey] && len(want) < maxLike {
					want = append(want, j)
				}
			}
			var got []int
			for _, e := range g.startingLike(start, base.root, es) {
				got = append(got, e.at)
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("side %d, text at %d: entries %v, want %v", s, start, got, want)
			}
		}
		if len(sc.likes) != 1 {
			t.Fatalf("side %d: %d arrays indexed, want 1", s, len(sc.likes))
		}
	}
	idx := sc.likes[base.root]
	g := newGuide(newNodeBuilder(sc, []byte(text), false, nil), base)
	g.startingLike(0, base.root, es)
	if &sc.likes[base.root][0] != &idx[0] {
		t.Error("the second side made the array's index again")
	}
}
