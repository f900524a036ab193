package fxmerge

import (
	"strings"
	"testing"
)

func TestMergeSeq(t *testing.T) {
	for _, c := range []struct {
		base, ours, theirs, want string
	}{
		{"a b c", "a b c", "a b c", "a b c"},
		{"a b c", "a b c d", "a b c", "a b c d"},
		{"a b c", "a b c d", "a b c e", "a b c d e"}, // both append: ours' then theirs'
		{"a b c", "b c", "a b c e", "b c e"},         // delete and append
		{"a b c", "c a b", "a b c d", "c a b d"},     // reorder and append
		{"a b c d", "b c d", "d a b c", "d a b c"},   // a deleted (callers drop it), d moved to the front
		{"a b c", "a x b c", "a b y c", "a x b y c"}, // inserts at different places
		{"a b c", "b a c", "a c b", "b a c"},         // conflicting reorders: ours first
		{"", "x", "y", "x y"},
	} {
		f := func(s string) []string { return strings.Fields(s) }
		// Callers keep the first occurrence of each key.
		var kept []string
		seen := map[string]bool{}
		for _, k := range mergeSeq(f(c.base), f(c.ours), f(c.theirs)) {
			if !seen[k] {
				seen[k] = true
				kept = append(kept, k)
			}
		}
		got := strings.Join(kept, " ")
		if got != c.want {
			t.Errorf("mergeSeq(%q, %q, %q) = %q, want %q", c.base, c.ours, c.theirs, got, c.want)
		}
	}
}

func TestMatchSeq(t *testing.T) {
	got := matchSeq(strings.Fields("a b c d e"), strings.Fields("b a d c e"))
	// One longest common subsequence of length 3 (e.g. a c e or b d e) is matched.
	n := 0
	last := -1
	for _, j := range got {
		if j >= 0 {
			if j <= last {
				t.Fatalf("matches not increasing: %v", got)
			}
			last = j
			n++
		}
	}
	if n != 3 {
		t.Errorf("matched %d, want 3: %v", n, got)
	}
}
