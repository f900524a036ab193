package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"time"
)

// initCost is what package initialisation costs a canvasgit start, from the Go
// runtime's own trace (GODEBUG=inittrace=1). Every command is in one binary, so a
// driver start runs the initialisation of every package linked, the ones only
// textconv, check or the gate reach included.
type initCost struct {
	starts int
	// total and byOrigin are medians over the starts of the summed init clock: in
	// all, and in canvasgit's own packages, third-party modules and the standard library.
	total    time.Duration
	byOrigin map[string]time.Duration
	// heaviest are the packages whose initialisation took the most, by median clock.
	heaviest []pkgInit
	// floor is the hello-world binary's total, traced the same way.
	floor time.Duration
}

type pkgInit struct {
	path  string
	clock time.Duration
}

const module = "github.com/canvasgit/canvasgit"

// origin says where a package comes from: "canvasgit", "third-party" or "standard library".
func origin(pkg string) string {
	switch {
	case pkg == "main" || pkg == module || strings.HasPrefix(pkg, module+"/"):
		return "canvasgit"
	case strings.Contains(strings.SplitN(pkg, "/", 2)[0], "."):
		return "third-party"
	}
	return "standard library"
}

var origins = []string{"canvasgit", "third-party", "standard library"}

// initCost starts canvasgit (`--version`: every package initialises before any
// command runs) and the hello-world binary s.pairs times each, the order
// alternating, with the init trace on.
func (s *setup) initCost() (initCost, error) {
	var totals, floors []time.Duration
	groups := map[string][]time.Duration{}
	perPkg := map[string][]time.Duration{}
	for i := 0; i < s.pairs; i++ {
		hello, err := traceInits(s.hello)
		if err != nil {
			return initCost{}, err
		}
		var floor time.Duration
		for _, d := range hello {
			floor += d
		}
		floors = append(floors, floor)
		inits, err := traceInits(s.canvasgit, "--version")
		if err != nil {
			return initCost{}, err
		}
		var total time.Duration
		group := map[string]time.Duration{}
		for pkg, d := range inits {
			total += d
			group[origin(pkg)] += d
			perPkg[pkg] = append(perPkg[pkg], d)
		}
		totals = append(totals, total)
		for _, o := range origins {
			groups[o] = append(groups[o], group[o])
		}
	}
	c := initCost{starts: s.pairs, total: median(totals), floor: median(floors), byOrigin: map[string]time.Duration{}}
	for _, o := range origins {
		c.byOrigin[o] = median(groups[o])
	}
	for pkg, ds := range perPkg {
		c.heaviest = append(c.heaviest, pkgInit{pkg, median(ds)})
	}
	sort.Slice(c.heaviest, func(i, j int) bool {
		a, b := c.heaviest[i], c.heaviest[j]
		if a.clock != b.clock {
			return a.clock > b.clock
		}
		return a.path < b.path
	})
	return c, nil
}

// traceInits runs argv with the init trace on and returns each package's clock.
func traceInits(argv ...string) (map[string]time.Duration, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s: %v: %s", strings.Join(argv, " "), err, stderr.Bytes())
	}
	return parseInitTrace(stderr.Bytes())
}

// parseInitTrace reads the runtime's "init PKG @T ms, C ms clock, B bytes, A allocs"
// lines into each package's clock time (a package with several init functions is one
// line per function; they add up).
func parseInitTrace(stderr []byte) (map[string]time.Duration, error) {
	out := map[string]time.Duration{}
	sc := bufio.NewScanner(bytes.NewReader(stderr))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 7 || f[0] != "init" || f[5] != "ms" || f[6] != "clock," {
			continue
		}
		ms, err := strconv.ParseFloat(f[4], 64)
		if err != nil {
			return nil, fmt.Errorf("init trace line %q: %v", sc.Text(), err)
		}
		out[f[1]] += time.Duration(ms * float64(time.Millisecond))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no init trace lines in %q", stderr)
	}
	return out, nil
}

// markdown is the paragraph the driver section shows.
func (c initCost) markdown() string {
	var top []string
	for _, p := range c.heaviest[:min(len(c.heaviest), 6)] {
		top = append(top, fmt.Sprintf("`%s` %s", p.path, msText(p.clock)))
	}
	var parts []string
	for _, o := range origins {
		parts = append(parts, fmt.Sprintf("%s %s", o, msText(c.byOrigin[o])))
	}
	return fmt.Sprintf("Package initialisation, which every start pays whatever the command (one binary: the "+
		"packages only textconv, check or the gate use initialise too), from the runtime's trace "+
		"(`GODEBUG=inittrace=1 canvasgit --version`, median of %d starts; the trace itself adds to it): "+
		"%s in all (%s; the hello-world's, traced alike: %s); the heaviest: %s.",
		c.starts, msText(c.total), strings.Join(parts, ", "), msText(c.floor), strings.Join(top, ", "))
}

func msText(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 2, 64) + " ms"
}
