package main

import (
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/canvasgit/canvasgit/gitsetup"
)

// report is everything one run measured; markdown writes docs/benchmarks.md from it,
// so every figure there comes from the same run of the same commit.
type report struct {
	started time.Time
	took    time.Duration
	quick   bool
	pairs   int
	commit  string
	machine string
	// freePageReporting: the machine returns free memory to its host (see main.go).
	freePageReporting bool
	// loadBefore and loadAfter are the 1-minute load averages at the start and end.
	loadBefore, loadAfter string
	driver                []row
	textconv              []row
	replay                []replayRow
	gate                  []gateRow
	engine                []string
	inits                 initCost
}

func (r report) markdown() string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	mode := "full"
	if r.quick {
		mode = "quick (`-quick`)"
	}
	p("# Benchmarks")
	p("")
	p("This page is written by `scripts/bench.sh`; do not edit it by hand, run the script again.")
	p("Every figure below comes from one run of it:")
	p("")
	p("- commit: %s", r.commit)
	p("- date: %s, the run took %s, mode %s", r.started.Format("2006-01-02 15:04 MST"), r.took, mode)
	p("- machine: %s", r.machine)
	if r.loadBefore != "" {
		p("- load average (1 minute) at the start %s, at the end %s%s", r.loadBefore, r.loadAfter, loadNote(r.loadBefore, r.loadAfter))
	}
	p("")
	p("How it measures: each canvasgit command and the tool it is compared with run as whole")
	p("processes, in %d pairs after one warm-up each (%d when a warm-up pair took over %s),", r.pairs, min(r.pairs, longPairs), longPair)
	p("the order alternating (A B, B A, ...) so a change in the machine's speed hits both")
	p("alike. The tables give the median wall time of each, the median of the pair-by-pair")
	p("ratios of wall time (what the targets are about) and of CPU time (user + system, which")
	p("a busy machine disturbs less), and the kernel's peak RSS of the canvasgit process")
	p("(median). A shared or busy machine widens the spread, not the ratio's median; compare")
	p("ratios from one run, not times from different runs. After each ratio, in brackets,")
	p("the middle half of the pair-by-pair ratios (25th to 75th percentile): where that range")
	p("holds the target, this run alone does not settle the verdict. canvasgit is built as a release")
	p("is (`CGO_ENABLED=0 go build -trimpath -ldflags=\"-s -w\"`, a static binary like the")
	p("downloaded one).")
	p("")
	p("## The merge driver, per call")
	p("")
	p("`canvasgit merge --path=P BASE OURS THEIRS` as git starts it, with the environment")
	p("the installed driver command gives it (`%s`; see [install.md](install.md)), a fresh", gitsetup.DriverEnv)
	p("copy of OURS before each run, outside the timing, against `git merge-file -p` on the same three")
	p("files. Ours changes a property (a JSON string) about 10%% into the file, theirs one")
	p("about 90%% in, so the merge is clean and both tools read the whole file. The real")
	p("files are from the PowerAppCollab history (`main`); the synthetic screens hold three")
	p("levels of controls with eight properties each. The first row is the floor: a")
	p("hello-world Go binary, built in the same run, against git merge-file on the tiny file.")
	p("")
	p("The last column is what issue 18 asks for, and whether this run meets it.")
	p("")
	p("| case | largest input | canvasgit | reference | reference time | ratio | CPU ratio | canvasgit peak RSS | RSS / input | target |")
	p("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |")
	for _, x := range r.driver {
		p("%s", x.markdown())
	}
	p("")
	p("What a driver call pays: the process start (compare the floor row; go-git is not")
	p("linked, the gate reads repositories itself), reading the inputs, the merge and")
	p("writing OURS. The")
	p("`.fx.yaml` rows where each side changed, added or deleted properties, or one side")
	p("added a control, take the fast path (the base is scanned, not parsed, and each")
	p("changed run of properties or controls is taken from the side that changed it; see")
	p("fxyaml-merge.md); the last two rows add a control on each side, which the fast path")
	p("leaves to the general merge, which parses all three inputs. The JSON merge reads")
	p("the base once and each side against it, taking the base's value where the bytes are")
	p("the same. A result without conflict markers is not parsed again; one with markers is")
	p("checked by parsing it with each side's resolution. Up to 1 MiB inputs the driver runs")
	p("without garbage collection.")
	p("")
	if r.inits.starts > 0 {
		p("%s", r.inits.markdown())
		p("")
	}
	p("## textconv")
	p("")
	p("`canvasgit textconv APP.msapp` (the app rendered as its sources, what `git diff` shows)")
	p("against `unzip -p APP.msapp` (every entry to stdout), on the two largest corpus apps.")
	p("textconv decompresses and decodes on two cores while unzip uses one (compare the CPU")
	p("ratio): with the second core busy elsewhere, its wall ratio moves toward the CPU ratio.")
	p("")
	p("| case | app size | canvasgit | reference | reference time | ratio | CPU ratio | canvasgit peak RSS | RSS / input | target |")
	p("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |")
	for _, x := range r.textconv {
		p("%s", x.markdown())
	}
	p("")
	p("## Whole merges: `canvasgit replay`")
	p("")
	p("`canvasgit replay --repo R --format json` (see [replay.md](replay.md)) runs every merge")
	p("of a history twice, one right after the other: plain `git merge-tree --write-tree` and")
	p("the same with the driver, every driver process included. The figures are its")
	p("totals; with several runs, the medians. The floor is the same replay with a")
	p("hello-world Go binary as the driver (`--driver`), run right after each canvasgit run:")
	p("what any external driver costs on this machine, a shell and a process per file both")
	p("sides changed, before it does any work. Its ratio moves with the machine's cost of")
	p("starting processes, and canvasgit's with it.")
	if r.freePageReporting {
		p("")
		p("This machine is a virtual machine that hands its free memory back to its host")
		p("(virtio-balloon free page reporting): a page the host took back costs more when it")
		p("is first touched again, and every process starts on fresh pages. These rows, which")
		p("start a process per file both sides changed, therefore move with what the machine")
		p("did before the run (idle, they are slower; the floor moves more than canvasgit's")
		p("distance from it). Compare the ratio with the floor of the same run.")
	}
	p("")
	p("| history | merges | driver calls | runs | plain git | canvasgit | ratio | floor: hello-world as the driver | target |")
	p("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
	for _, x := range r.replay {
		target := "—"
		if x.bundle == pac {
			target = verdict(median(x.ratios), 2, 0, 0)
		}
		p("| %s | %d | %d | %d | %.2f s | %.2f s | %s | %s | %s |", x.bundle, x.merges, x.driverCalls, x.runs, median(x.plain), median(x.cg), ratioText(x.ratios), ratioText(x.floorRatios), target)
	}
	for _, x := range r.replay {
		if x.driverErrors > 0 {
			p("")
			p("%s: %d driver errors.", x.bundle, x.driverErrors)
		}
	}
	p("")
	p("## The CI gate: `canvasgit gate`")
	p("")
	p("`canvasgit gate --repo R --format json P1 P2` (see [gate.md](gate.md)) for the two parents")
	p("of every merge commit of a history, against `git merge-tree --write-tree P1 P2`, each")
	p("as a whole process, the order alternating from merge to merge. The gate merges the")
	p("whole tree in memory with canvasgit's rules and reads the repository with its own")
	p("object reader; git merges with its own line merge and writes the merged trees. The")
	p("figures are the sums over the merges; with several runs, the medians.")
	p("")
	p("| history | merges | runs | git merge-tree | canvasgit gate | ratio | gate's largest peak RSS |")
	p("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, x := range r.gate {
		p("| %s | %d | %d | %.2f s | %.2f s | %s | %s |", x.bundle, x.merges, x.runs, median(x.plain), median(x.gate), ratioText(x.ratios), bytesText(x.peakKiB*1024))
	}
	p("")
	p("## The engine, in process")
	p("")
	p("`go test -run '^$' -bench 'Merge/.*/impl=canvasgit' ./merge/` times `merge.File` without")
	p("any process start-up (merge/bench_test.go describes the inputs: a generated 5 MB")
	p("screen, a 100 KB formula, and every file both sides changed in the corpus histories).")
	p("To set it against `git merge-file` with benchstat, run `go test -run '^$' -bench . -count 10")
	p("./merge/` and `benchstat -col /impl` on the output.")
	p("")
	p("```")
	for _, l := range r.engine {
		p("%s", l)
	}
	p("```")
	p("")
	p("## Running it")
	p("")
	p("```")
	p("scripts/bench.sh          # all cases, about 4 minutes on 2 cores")
	p("scripts/bench.sh -quick   # fewer pairs, LuiseFreese history only: about a minute")
	p("```")
	p("")
	p("It needs go, git, unzip and the corpus (`../shared/corpus` beside the repository, or")
	p("`CANVASGIT_CORPUS`), builds canvasgit and the hello-world binary into a temporary folder,")
	p("and writes this file.")
	return b.String()
}

func (x row) markdown() string {
	a, b := median(walls(x.p.a)), median(walls(x.p.b))
	rss := median(peaks(x.p.a)) // KiB on Linux
	perInput := "—"
	size := "—"
	var rssRatio float64
	if x.inputBytes > 0 {
		rssRatio = float64(rss*1024) / float64(x.inputBytes)
		perInput = fmt.Sprintf("%.1f×", rssRatio)
		size = bytesText(int64(x.inputBytes))
	}
	ratio := median(x.p.ratios)
	cpu := "—"
	if len(x.p.cpuRatios) > 0 {
		cpu = fmt.Sprintf("%.2f×", median(x.p.cpuRatios))
	}
	return fmt.Sprintf("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |", x.name, size, ms(a), x.reference, ms(b), ratioText(x.p.ratios), cpu, bytesText(rss*1024), perInput,
		verdict(ratio, x.target, rssRatio, x.rssTarget))
}

// ratioText is the median of ratios with, in brackets, their middle half.
func ratioText(ratios []float64) string {
	if len(ratios) < 4 {
		return fmt.Sprintf("%.2f×", median(ratios))
	}
	return fmt.Sprintf("%.2f× (%.2f–%.2f)", median(ratios), quantile(ratios, 0.25), quantile(ratios, 0.75))
}

// quantile is the q-quantile of xs, interpolated between the two nearest values.
func quantile(xs []float64, q float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	pos := q * float64(len(s)-1)
	i := int(pos)
	if i+1 >= len(s) {
		return s[len(s)-1]
	}
	return s[i] + (pos-float64(i))*(s[i+1]-s[i])
}

// verdict says whether a ratio (and a peak over the input) meets its target.
func verdict(ratio, target, rss, rssTarget float64) string {
	if target == 0 {
		return "—"
	}
	want := fmt.Sprintf("≤ %g×", target)
	ok := ratio <= target
	if rssTarget > 0 {
		want += fmt.Sprintf(", RSS ≤ %g× input", rssTarget)
		ok = ok && rss <= rssTarget
	}
	if ok {
		return want + ": met"
	}
	return want + ": **not met**"
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
}

func bytesText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// loadNote says when a load average was at or above the number of CPUs: other work then
// shared the machine during the run.
func loadNote(before, after string) string {
	for _, l := range []string{before, after} {
		if v, err := strconv.ParseFloat(l, 64); err == nil && v >= float64(runtime.NumCPU()) {
			return ": at or above the number of CPUs, other work shared the machine"
		}
	}
	return ""
}
