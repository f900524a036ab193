package stackreserve

import (
	"runtime"
	"sync"
	"testing"
)

// A goroutine that calls reserve moves to a stack of 32 KiB: the runtime's stack
// memory grows by more than reserveBytes for each of them (32 KiB, less the 2 KiB
// stack it left), where goroutines that do not call it stay on their 2 KiB stacks.
func TestReserveGrowsTheStack(t *testing.T) {
	const n = 16
	grown := stackGrowth(n, func() { reserve(false) })
	if grown < n*reserveBytes {
		t.Errorf("%d goroutines calling reserve took %d bytes more stack, want at least %d", n, grown, n*reserveBytes)
	}
	if plain := stackGrowth(n, func() {}); plain >= n*reserveBytes {
		t.Errorf("%d goroutines that do not call reserve took %d bytes more stack: the measure does not tell", n, plain)
	}
}

// stackGrowth starts n goroutines that run f and then wait, and returns how much the
// memory in stacks grew while they all were alive.
func stackGrowth(n int, f func()) int64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	before := int64(ms.StackInuse)
	var ready sync.WaitGroup
	release := make(chan struct{})
	var done sync.WaitGroup
	for i := 0; i < n; i++ {
		ready.Add(1)
		done.Add(1)
		go func() {
			defer done.Done()
			f()
			ready.Done()
			<-release
		}()
	}
	ready.Wait()
	runtime.ReadMemStats(&ms)
	after := int64(ms.StackInuse)
	close(release)
	done.Wait()
	return after - before
}
