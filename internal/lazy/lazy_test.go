package lazy

import (
	"sync"
	"sync/atomic"
	"testing"
)

// Get returns what New built, and New runs once however many goroutines ask at once.
func TestGetBuildsOnce(t *testing.T) {
	var calls atomic.Int32
	v := Of[[]int]{New: func() []int { calls.Add(1); return []int{1, 2, 3} }}
	if n := calls.Load(); n != 0 {
		t.Fatalf("New ran %d times before Get", n)
	}
	var wg sync.WaitGroup
	got := make([][]int, 8)
	for i := range got {
		wg.Add(1)
		go func() { defer wg.Done(); got[i] = v.Get() }()
	}
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("New ran %d times, want once", n)
	}
	for i, g := range got {
		if len(g) != 3 || &g[0] != &got[0][0] {
			t.Errorf("Get %d returned %v, not the one value New built", i, g)
		}
	}
}
