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
func mergeOrder(base, primary, secondary []string) (order, clash []string) {
	switch {
	case slices.Equal(primary, secondary), slices.Equal(base, secondary):
		return primary, nil
	case slices.Equal(base, primary):
		return secondary, nil
	}
	stayP, stayS := unmoved(base, primary), unmoved(base, secondary)
	res := make([]string, 0, len(primary))
	for _, id := range primary {
		if stayP[id] && !stayS[id] {
			continue // secondary moved it, primary did not: placed by weave below
		}
		res = append(res, id)
	}
	order = weave(res, secondary, func(string) bool { return false })
	pb, pr := positions(base), positions(order)
	broken := map[string]bool{}
	for _, side := range []struct {
		ids  []string
		stay map[string]bool
	}{{primary, stayP}, {secondary, stayS}} {
		// Each id's positions in the side, base and the result, looked up once: the
		// pairs below are quadratic, and four map lookups a pair were a fifth of a
		// large SARIF merge (issue 18). (An id equal to another has the same
		// positions, so the pair of them never breaks an order.)
		psOf := positions(side.ids)
		ps, bs, rs := make([]int, len(side.ids)), make([]int, len(side.ids)), make([]int, len(side.ids))
		for i, id := range side.ids {
			ps[i], bs[i], rs[i] = psOf[id], pb[id], pr[id]
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

func positions(ids []string) map[string]int {
	out := make(map[string]int, len(ids))
	for i, id := range ids {
		out[id] = i
	}
	return out
}

// predecessors maps each id to the id before it ("" for the first).
func predecessors(ids []string) map[string]string {
	out := make(map[string]string, len(ids))
	prev := ""
	for _, id := range ids {
		out[id] = prev
		prev = id
	}
	return out
}

// unmoved is the set of ids a side left in place: a longest common subsequence of
// base and the side. Both list the same distinct ids, so it is a longest increasing
// run of base positions in the side's order.
func unmoved(base, side []string) map[string]bool {
	pos := make(map[string]int, len(base))
	for i, id := range base {
		pos[id] = i
	}
	run := sequence.LongestIncreasing(len(side), func(i int) int { return pos[side[i]] })
	out := make(map[string]bool, len(run))
	for _, i := range run {
		out[side[i]] = true
	}
	return out
}
