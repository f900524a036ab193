package jsonmerge

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// clashByMaps is mergeOrder's clash rule as first written, every position looked up
// in a map for each pair: an id a side moved clashes when, against some other id of
// that side, the result keeps neither base's order nor the side's.
func clashByMaps(base, primary, secondary, order []int32) []int32 {
	n := int32(len(base))
	stayP, stayS := unmoved(base, primary, n), unmoved(base, secondary, n)
	pb, pr := positionMap(base), positionMap(order)
	broken := map[int32]bool{}
	for _, side := range []struct {
		ids  []int32
		stay []bool
	}{{primary, stayP}, {secondary, stayS}} {
		ps := positionMap(side.ids)
		for _, x := range side.ids {
			if side.stay[x] {
				continue
			}
			for _, y := range side.ids {
				sideOrder := ps[x] < ps[y]
				if x != y && sideOrder != (pb[x] < pb[y]) && sideOrder != (pr[x] < pr[y]) {
					broken[x] = true
					break
				}
			}
		}
	}
	var clash []int32
	for _, id := range order {
		if broken[id] {
			clash = append(clash, id)
		}
	}
	return clash
}

func positionMap(ids []int32) map[int32]int {
	out := make(map[int32]int, len(ids))
	for i, id := range ids {
		out[id] = i
	}
	return out
}

// TestMergeOrderClashes: mergeOrder finds the clashes the pairwise rule defines, on
// random orders where each side moves a few ids (some the same ones).
func TestMergeOrderClashes(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 7))
	move := func(ids []int32, k int) []int32 {
		out := slices.Clone(ids)
		for range k {
			i, j := rng.IntN(len(out)), rng.IntN(len(out))
			id := out[i]
			out = slices.Insert(slices.Delete(out, i, i+1), min(j, len(out)-1), id)
		}
		return out
	}
	clashes := 0
	for round := range 2000 {
		n := 2 + rng.IntN(30)
		base := make([]int32, n)
		for i := range base {
			base[i] = int32(n - 1 - i) // ids in another order than their positions
		}
		primary, secondary := move(base, rng.IntN(4)), move(base, rng.IntN(4))
		order, clash := mergeOrder(base, primary, secondary, int32(n))
		if want := clashByMaps(base, primary, secondary, order); !slices.Equal(clash, want) &&
			!(slices.Equal(primary, secondary) || slices.Equal(base, primary) || slices.Equal(base, secondary)) {
			t.Fatalf("round %d: base %v primary %v secondary %v: clash %v, want %v", round, base, primary, secondary, clash, want)
		}
		clashes += len(clash)
	}
	if clashes == 0 {
		t.Errorf("no round had a clash: the test proves nothing")
	}
}
