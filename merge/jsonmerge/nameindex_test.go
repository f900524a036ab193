package jsonmerge

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestNameIndex: the seeker's index finds what a scan of the members finds, for
// present and absent names, on objects of every size (collisions included: names
// that differ in one character, in tables at most two thirds full).
func TestNameIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 3))
	for round := range 300 {
		n := rng.IntN(200)
		// Names of every length class nameHash reads differently: under 4 bytes, under
		// 8, up to 16, longer.
		format := []string{"%d%d", "k%d_%d", "Scr%d_Ctl%d", "Screen%d_Control%d", "Screen%d_Gallery_Control%d"}[rng.IntN(5)]
		ms := make([]member, n)
		for i := range ms {
			ms[i].key = fmt.Sprintf(format, rng.IntN(3), i)
		}
		idx := newNameIndex(ms)
		if len(idx) < n+n/2 {
			t.Fatalf("round %d: a table of %d slots for %d names: more than two thirds full", round, len(idx), n)
		}
		for range 50 {
			key := fmt.Sprintf(format, rng.IntN(3), rng.IntN(n+20))
			if got, want := idx.find(ms, key), scanIn(ms, key); got != want {
				t.Fatalf("round %d: find(%q) = %d, a scan finds %d", round, key, got, want)
			}
		}
	}
}

// TestSeekerPastScans: a seeker asked for names out of order and absent ones, more
// than maxScans times, still finds exactly the members a scan finds.
func TestSeekerPastScans(t *testing.T) {
	var sb []byte
	sb = append(sb, '{')
	for i := range 300 {
		if i > 0 {
			sb = append(sb, ',')
		}
		sb = fmt.Appendf(sb, `"k%d": %d`, i, i)
	}
	sb = append(sb, '}')
	d, err := parseDoc(sb, false, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 8))
	var s seeker
	for i := range 200 {
		key := fmt.Sprintf("k%d", rng.IntN(400)) // a quarter absent
		m := s.find(d.root, key)
		want := scanIn(d.root.members(), key)
		switch {
		case want < 0 && m != nil:
			t.Fatalf("search %d: %q found, but the object has no such member", i, key)
		case want >= 0 && (m == nil || m.key != key):
			t.Fatalf("search %d: %q not found", i, key)
		}
	}
	if s.idx == nil {
		t.Errorf("200 searches out of order made no index: the test does not reach it")
	}
}
