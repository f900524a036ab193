package sequence

import (
	"math/rand"
	"slices"
	"testing"
)

func TestLongestIncreasing(t *testing.T) {
	for _, tc := range []struct {
		keys []int
		want []int
	}{
		{nil, []int{}},
		{[]int{5}, []int{0}},
		{[]int{3, 1, 2}, []int{1, 2}},
		{[]int{0, 1, 2, 3}, []int{0, 1, 2, 3}},
		{[]int{3, 2, 1}, []int{2}},    // one element; the smallest key ends the run
		{[]int{1, 1, 2}, []int{1, 2}}, // strictly increasing
		{[]int{2, 5, 3, 7, 4, 8}, []int{0, 2, 4, 5}},
	} {
		got := LongestIncreasing(len(tc.keys), func(i int) int { return tc.keys[i] })
		if !slices.Equal(got, tc.want) {
			t.Errorf("%v: got %v, want %v", tc.keys, got, tc.want)
		}
	}
}

// TestLongestIncreasingLength checks the run's length against the quadratic
// dynamic programme on random keys, and that the run really increases.
func TestLongestIncreasingLength(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for n := 0; n < 300; n++ {
		keys := make([]int, n%40)
		for i := range keys {
			keys[i] = r.Intn(20)
		}
		run := LongestIncreasing(len(keys), func(i int) int { return keys[i] })
		for j := 1; j < len(run); j++ {
			if run[j] <= run[j-1] || keys[run[j]] <= keys[run[j-1]] {
				t.Fatalf("%v: run %v does not increase", keys, run)
			}
		}
		best := make([]int, len(keys))
		longest := 0
		for i := range keys {
			best[i] = 1
			for j := 0; j < i; j++ {
				if keys[j] < keys[i] && best[j]+1 > best[i] {
					best[i] = best[j] + 1
				}
			}
			longest = max(longest, best[i])
		}
		if len(run) != longest {
			t.Fatalf("%v: run of %d, want %d", keys, len(run), longest)
		}
	}
}
