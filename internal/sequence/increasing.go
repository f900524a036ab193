// Package sequence holds order algorithms the merges share (linemerge's anchors,
// fxmerge's control orders, jsonmerge's array entries).
package sequence

import "sort"

// LongestIncreasing returns the indices, in order, of a longest run of the n elements
// whose keys strictly increase (patience sorting, n log n). The same keys always give
// the same run. The merges use it to find what a
// side left in place: a longest common subsequence of two orderings of distinct items
// is a longest increasing run of one's positions in the other's order.
func LongestIncreasing(n int, key func(i int) int) []int {
	// tails[k] is the index of the element ending the best run of length k+1 found so
	// far (the one with the smallest key); prev links each index to its predecessor.
	var tails []int
	prev := make([]int, n)
	for i := 0; i < n; i++ {
		v := key(i)
		k := sort.Search(len(tails), func(j int) bool { return key(tails[j]) >= v })
		if k > 0 {
			prev[i] = tails[k-1]
		} else {
			prev[i] = -1
		}
		if k == len(tails) {
			tails = append(tails, i)
		} else {
			tails[k] = i
		}
	}
	run := make([]int, len(tails))
	if len(tails) == 0 {
		return run
	}
	for k, i := len(tails)-1, tails[len(tails)-1]; k >= 0; k, i = k-1, prev[i] {
		run[k] = i
	}
	return run
}
