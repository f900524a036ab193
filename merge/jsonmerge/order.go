package jsonmerge

import (
	"slices"

	"github.com/canvasgit/canvasgit/internal/sequence"
)

// mergeOrder merges two sides' orders of the entries all three sides have (base,
// primary and secondary list the same ids, each in its own order). An entry keeps
// its place unless a side moved it; an entry one side moved goes where that side put
// it, right after the entry it follows there (primary's place when both moved it).
// A side's moves are the entries outside a longest run it kept in base's order.
// clash lists, in the merged order, the entries a side moved whose new order against
// some other entry the result does not keep: both sides moved them in ways that
// cannot both hold.
func mergeOrder(base, primary, secondary []int32, n int32) (order, clash []int32) {
	switch {
	case slices.Equal(primary, secondary), slices.Equal(base, secondary):
		return primary, nil
	case slices.Equal(base, primary):
		return secondary, nil
	}
	stayP, stayS := unmoved(base, primary, n), unmoved(base, secondary, n)
	res := make([]int32, 0, len(primary))
	for _, id := range primary {
		if stayP[id] && !stayS[id] {
			continue // secondary moved it, primary did not: placed by weave below
		}
		res = append(res, id)
	}
	order = weaveIDs(res, secondary, n, func(int32) bool { return false })
	pb, pr := positions(base, n), positions(order, n)
	broken := make([]bool, n)
	ps, bs, rs := make([]int32, len(primary)), make([]int32, len(primary)), make([]int32, len(primary))
	for _, side := range []struct {
		ids  []int32
		stay []bool
	}{{primary, stayP}, {secondary, stayS}} {
		// Each id's positions in the side, base and the result, looked up once: the
		// pairs below are quadratic. (An id equal to another has the same
		// positions, so the pair of them never breaks an order.)
		for i, id := range side.ids {
			ps[i], bs[i], rs[i] = int32(i), pb[id], pr[id]
		}
		for i, x := range side.ids {
			if side.stay[x] {
				continue
			}
			for j := range side.ids {
				sideOrder := ps[i] < ps[j]
				if sideOrder != (bs[i] < bs[j]) && sideOrder != (rs[i] < rs[j]) {
					broken[x] = true
					break
				}
			}
		}
	}
	for _, id := range order {
		if broken[id] {
			clash = append(clash, id)
		}
	}
	return order, clash
}

// positions gives each id of ids (below n) its index in ids; ids not in ids get 0.
func positions(ids []int32, n int32) []int32 {
	out := make([]int32, n)
	for i, id := range ids {
		out[id] = int32(i)
	}
	return out
}

// unmoved is the set of ids a side left in place, by id: a longest common
// subsequence of base and the side. Both list the same distinct ids, so it is a
// longest increasing run of base positions in the side's order.
func unmoved(base, side []int32, n int32) []bool {
	pos := positions(base, n)
	run := sequence.LongestIncreasing(len(side), func(i int) int { return int(pos[side[i]]) })
	out := make([]bool, n)
	for _, i := range run {
		out[side[i]] = true
	}
	return out
}
