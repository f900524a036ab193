package jsonmerge

import (
	"fmt"
	"strings"
	"testing"
)

// TestWholeReadSlabs: a whole read sizes its slabs for the text it has left, so the
// allocations it makes hardly grow with the size of its text (slabs capped at 256
// nodes made one per 256 values: 10 times as many for a text 10 times as long).
func TestWholeReadSlabs(t *testing.T) {
	var allocs []float64
	for _, n := range []int{1000, 10000} {
		var sb strings.Builder
		sb.WriteString("{\n")
		for i := range n {
			fmt.Fprintf(&sb, "  \"id%d\": {\"Name\": \"n%d\", \"Text\": \"a value of about the length pac writes\", \"X\": [%d, true]},\n", i, i, i)
		}
		sb.WriteString("  \"last\": 0\n}\n")
		data := []byte(sb.String())
		sc := new(scratch)
		// The first read grows the reader's stacks; count a second one's.
		if _, err := parseDocIn(sc, data, false, nil, nil); err != nil {
			t.Fatal(err)
		}
		allocs = append(allocs, testing.AllocsPerRun(5, func() {
			if _, err := parseDocIn(sc, data, false, nil, nil); err != nil {
				t.Fatal(err)
			}
		}))
	}
	if allocs[1] > 2*allocs[0] {
		t.Errorf("whole reads of 1,000 and 10,000 objects made %v and %v allocations: want the second less than twice the first", allocs[0], allocs[1])
	}
}

// TestSlabSize: a whole read's slab holds what its text needs at the densest pac
// writes (at least k); a read that cannot tell doubles from minSlab.
func TestSlabSize(t *testing.T) {
	last := 0
	if got := slabSize(&last, 100000, perNode, 1); got != 100000/perNode+minSlab {
		t.Errorf("whole read, 100000 bytes left: %d nodes", got)
	}
	last = 0
	if got := slabSize(&last, 400, perNode, 500); got != 500 {
		t.Errorf("whole read asked for 500: %d", got)
	}
	last = 0
	if got := slabSize(&last, 4000, perNode, 1); got != minSlab {
		t.Errorf("whole read, 4000 bytes left (a small slab): %d nodes, want %d", got, minSlab)
	}
	last = 0
	if got := slabSize(&last, 400, perNode, 500); got != 500 {
		t.Errorf("whole read asked for 500: %d", got)
	}
	// The text's end after a large slab: what it needs, not twice the last slab.
	last = 0
	slabSize(&last, 100000, perNode, 1)
	if got := slabSize(&last, 2000, perNode, 1); got != 2000/perNode+minSlab {
		t.Errorf("whole read, 2000 bytes left after a large slab: %d nodes, want %d", got, 2000/perNode+minSlab)
	}
	last = 0
	for _, want := range []int{minSlab, 2 * minSlab, 4 * minSlab} {
		if got := slabSize(&last, 0, perNode, 1); got != want {
			t.Errorf("doubling: %d, want %d", got, want)
		}
	}
}
