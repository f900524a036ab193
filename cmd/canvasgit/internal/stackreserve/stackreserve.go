// Package stackreserve grows the main goroutine's stack to 32 KiB once, before the
// other packages initialise. Importing it is all it takes.
//
// A goroutine starts with a 2 KiB stack, and the merge driver's main goroutine used
// to outgrow it three times per run (internal/godebug's init, yaml.v3's regexps, the
// .fx.yaml parser): 2, 4, 8 and then 16 KiB, each time copying the stack and walking
// its frames' stack maps, and taking a fresh 32 KiB span of the stack pool for each
// size, whose every chunk is written to link it into a free list. git starts the
// driver once per file, so that was paid on every call: about 5% of a tiny merge's
// instructions and ten page faults (issue 18). One growth at the start, while the
// stack is a few frames deep, to a size that comes from the heap and whose pages are
// touched only as they are used, replaces them all.
//
// The package imports nothing, so the linker can run its init among the first (it
// orders the inits of packages that are ready by import path); `go test
// ./cmd/canvasgit -run TestStartupStaysLight` checks that it still does.
package stackreserve

func init() { reserve(false) }

// reserveBytes is what reserve's frame asks for: with the stack guard and the frames
// below it, the runtime doubles the stack up to 32 KiB in one step.
const reserveBytes = 24 << 10

// reserve has a frame of reserveBytes whatever touch says, so calling it makes the
// runtime grow the stack to hold that frame; with touch false the array is never
// zeroed or used, so its pages are not touched either.
//
//go:noinline
func reserve(touch bool) byte {
	if touch {
		var buf [reserveBytes]byte
		return use(&buf)
	}
	return 0
}

// use keeps buf in reserve's frame (a pointer passed to a function that is not
// inlined).
//
//go:noinline
func use(buf *[reserveBytes]byte) byte { return buf[len(buf)-1] }
