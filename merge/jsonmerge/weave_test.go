package jsonmerge

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

// weaveByReindex is weave as first written: the result as an array, every position
// found again after each insertion. weave must place every item where it does.
func weaveByReindex(primary, secondary []string, primaryAdded func(string) bool) []string {
	out := append([]string(nil), primary...)
	pos := make(map[string]int, len(out))
	reindex := func() {
		for i, k := range out {
			pos[k] = i
		}
	}
	reindex()
	prev := ""
	hasPrev := false
	for _, k := range secondary {
		if _, ok := pos[k]; ok {
			prev, hasPrev = k, true
			continue
		}
		i := 0
		if hasPrev {
			i = pos[prev] + 1
		}
		for i < len(out) && primaryAdded(out[i]) {
			i++
		}
		out = insertAt(out, i, k)
		reindex()
		prev, hasPrev = k, true
	}
	return out
}

// TestWeave: on random lists (shared items, items of one side only, moves, repeats
// within secondary, primary additions anywhere), weave gives weaveByReindex's order.
func TestWeave(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		universe := rng.IntN(12) + 1
		pick := func(n int) []string {
			var out []string
			seen := map[string]bool{}
			for range n {
				k := strconv.Itoa(rng.IntN(universe))
				if !seen[k] {
					seen[k] = true
					out = append(out, k)
				}
			}
			return out
		}
		primary := pick(rng.IntN(10))
		secondary := pick(rng.IntN(10))
		if rng.IntN(4) == 0 && len(secondary) > 0 {
			secondary = append(secondary, secondary[rng.IntN(len(secondary))]) // a repeat
		}
		added := map[string]bool{}
		for _, k := range primary {
			added[k] = rng.IntN(3) == 0
		}
		isAdded := func(k string) bool { return added[k] }
		got, want := weave(primary, secondary, isAdded), weaveByReindex(primary, secondary, isAdded)
		if !slices.Equal(got, want) {
			t.Fatalf("weave(%q, %q, added %v) = %q, want %q", primary, secondary, added, got, want)
		}
		// weaveIDs, on the same items numbered, places them the same.
		num := func(ks []string) []int32 {
			out := make([]int32, len(ks))
			for i, k := range ks {
				n, _ := strconv.Atoi(k)
				out[i] = int32(n)
			}
			return out
		}
		gotIDs := weaveIDs(num(primary), num(secondary), int32(universe), func(id int32) bool { return added[strconv.Itoa(int(id))] })
		if !slices.Equal(gotIDs, num(want)) {
			t.Fatalf("weaveIDs(%v, %v, added %v) = %v, want %v", num(primary), num(secondary), added, gotIDs, num(want))
		}
	}
}
