package main

import (
	"math"
	"runtime/debug"
)

// The driver is a process of a few milliseconds: git starts one per file. Go's
// collector starts at a 4 MiB heap, so a merge of a 72 KB screen, which allocates
// about 4 MB, paid for collections whose memory the exit frees anyway (a fifth of its
// CPU time). Up to gcOffMaxInput, the driver turns the collector off and leaves only a
// memory limit; above it, the default pacing keeps the peak in proportion to the input.
const (
	// gcOffMaxInput is the largest input merged without collections: the engine
	// allocates up to about 60 times its input, so 1 MiB stays under gcOffLimit.
	gcOffMaxInput = 1 << 20
	// gcOffLimit is the heap at which the collector runs after all, so a merge that
	// allocates more than expected still has its memory bounded.
	gcOffLimit = 64 << 20
)

// gcPolicy returns the GC percent and memory limit for a merge whose largest input
// is largest bytes.
func gcPolicy(largest int64) (percent int, limit int64) {
	if largest <= gcOffMaxInput {
		return -1, gcOffLimit
	}
	return 100, math.MaxInt64
}

// applyGCPolicy sets the policy and returns what undoes it (for tests, which run the
// driver inside one long process).
func applyGCPolicy(largest int64) (restore func()) {
	percent, limit := gcPolicy(largest)
	oldPercent := debug.SetGCPercent(percent)
	oldLimit := debug.SetMemoryLimit(limit)
	return func() {
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}
}
