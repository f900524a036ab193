package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"time"
)

// run is one command to time as a whole process. prepare runs before each start,
// outside the timing (the merge driver rewrites OURS, so each run gets a fresh copy).
type run struct {
	argv    []string
	env     []string // added to this program's environment (the spawner passes it on)
	dir     string
	prepare func() error
}

// sample is what one finished process cost, from the kernel's own accounting.
type sample struct {
	wall  time.Duration
	cpu   time.Duration // user + system
	rssKB int64         // peak resident set size
}

// once runs the command through a spawner, this program started again with -spawn,
// which times its child and prints the child's cost. The spawner is there for the
// peak RSS: Go starts a child with vfork, and the kernel's peak for a process counts
// the memory of the process that started it, so a child of this program (which holds
// the inputs and go test's output) would never show less than this program's size.
// The spawner is small; its own size is the floor of every peak below.
func (r run) once() (sample, error) {
	if r.prepare != nil {
		if err := r.prepare(); err != nil {
			return sample{}, err
		}
	}
	self, err := os.Executable()
	if err != nil {
		return sample{}, err
	}
	cmd := exec.Command(self, append([]string{"-spawn", "--"}, r.argv...)...)
	cmd.Dir = r.dir
	if len(r.env) > 0 {
		cmd.Env = append(os.Environ(), r.env...)
	}
	out, err := cmd.Output()
	if err != nil {
		return sample{}, fmt.Errorf("%v: %w", r.argv, err)
	}
	var s sample
	if _, err := fmt.Sscan(string(out), &s.wall, &s.cpu, &s.rssKB); err != nil {
		return sample{}, fmt.Errorf("%v: spawner printed %q: %v", r.argv, out, err)
	}
	return s, nil
}

// spawn is the spawner's side of once: it runs argv, its output thrown away, and
// prints "wall cpu peakKiB" (nanoseconds, nanoseconds, KiB). Exit codes 0 and 1 (a
// conflict, for merges) are results; anything else is an error.
func spawn(argv []string) error {
	cmd := exec.Command(argv[0], argv[1:]...)
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var ee *exec.ExitError
	if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 1) {
		return fmt.Errorf("%v: %w", argv, err)
	}
	st := cmd.ProcessState
	_, err = fmt.Printf("%d %d %d\n", wall, st.UserTime()+st.SystemTime(), peakRSSKiB(st))
	return err
}

// Pairs that take long (textconv of a 3 MB app, the 10,000-control screen) are
// timed fewer times: their spread is small against their length.
const (
	longPair  = 2 * time.Second
	longPairs = 5
)

// pairing is A timed against B: n pairs, the order alternating (AB, BA, AB, ...) so a
// drift of the machine's speed hits both alike, after one warm-up of each.
type pairing struct {
	a, b      []sample
	ratios    []float64 // wall A / wall B, pair by pair
	cpuRatios []float64 // CPU time (user + system) A / B, pair by pair
}

func pair(a, b run, n int) (pairing, error) {
	var p pairing
	var warm time.Duration
	for _, r := range []run{a, b} { // warm-up: page cache, binaries
		s, err := r.once()
		if err != nil {
			return p, err
		}
		warm += s.wall
	}
	if warm > longPair {
		n = min(n, longPairs)
	}
	for i := 0; i < n; i++ {
		sa, sb, err := onePair(a, b, i%2 == 1)
		if err != nil {
			return p, err
		}
		p.a, p.b = append(p.a, sa), append(p.b, sb)
		p.ratios = append(p.ratios, float64(sa.wall)/float64(sb.wall))
		if sb.cpu > 0 {
			p.cpuRatios = append(p.cpuRatios, float64(sa.cpu)/float64(sb.cpu))
		}
	}
	return p, nil
}

// onePair runs a then b (b first when bFirst) and returns their samples.
func onePair(a, b run, bFirst bool) (sa, sb sample, err error) {
	first, second := a, b
	if bFirst {
		first, second = b, a
	}
	s1, err := first.once()
	if err != nil {
		return sa, sb, err
	}
	s2, err := second.once()
	if err != nil {
		return sa, sb, err
	}
	if bFirst {
		return s2, s1, nil
	}
	return s1, s2, nil
}

func median[T int64 | float64 | time.Duration](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func walls(ss []sample) []time.Duration {
	out := make([]time.Duration, len(ss))
	for i, s := range ss {
		out[i] = s.wall
	}
	return out
}

func peaks(ss []sample) []int64 {
	out := make([]int64, len(ss))
	for i, s := range ss {
		out[i] = s.rssKB
	}
	return out
}
