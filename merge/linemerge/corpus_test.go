package linemerge

import (
	"bytes"
	"flag"
	"fmt"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

var corpusBudget = flag.Duration("linemerge.corpusbudget", 12*time.Second, "time allowed for the corpus conformance test")

// triple is one file merge taken from a recorded merge commit.
type triple struct {
	name               string
	base, ours, theirs []byte
}

// TestConformanceCorpus replays the merges recorded in the corpus bundles: for
// every file both parents changed, Merge must match git merge-file on the
// three blobs (merge and diff3 styles).
func TestConformanceCorpus(t *testing.T) {
	bundles := corpus.Bundles(t)
	newGitRef(t) // skips without git
	// Bound the run time on slow machines: collection and comparison share
	// one budget and whatever is left out is reported in the log.
	budget := *corpusBudget
	if testing.Short() {
		budget = 5 * time.Second
	}
	deadline := time.Now().Add(budget)
	var cases []triple
	for _, b := range bundles {
		cases = append(cases, bundleTriples(t, b, deadline)...)
	}
	styles := []Style{StyleMerge, StyleDiff3}
	res := compareWithGit(t, len(cases), func(i int) (triple, []Options) {
		var opts []Options
		for _, st := range styles {
			opts = append(opts, Options{Style: st, OursLabel: "HEAD", BaseLabel: "merged common ancestors", TheirsLabel: "theirs"})
		}
		return cases[i], opts
	}, deadline, true)
	t.Logf("corpus: %d files from %d bundles (%d left out for time): %s",
		len(cases), len(bundles), res.skipped, res.summary())
}

// bundleTriples clones a bundle and collects, for each merge commit, the
// files changed on both sides since a merge base (deduplicated by blobs).
func bundleTriples(t *testing.T, bundle string, deadline time.Time) []triple {
	r := corpus.Clone(t, bundle)
	var names, labels []string
	for _, m := range r.Merges(t) {
		if time.Now().After(deadline) {
			t.Logf("%s: time budget reached while collecting merges", filepath.Base(bundle))
			break
		}
		for _, path := range m.Both {
			labels = append(labels, fmt.Sprintf("%s %.10s %s", filepath.Base(bundle), m.Commit, path))
			names = append(names, m.Base+":"+path, m.Ours+":"+path, m.Theirs+":"+path)
		}
	}
	blobs := r.Blobs(t, names)
	seen := map[string]bool{}
	var triples []triple
	for i, name := range labels {
		base, ours, theirs := blobs[3*i], blobs[3*i+1], blobs[3*i+2]
		key := base.ID + ours.ID + theirs.ID
		if ours.ID == "" || theirs.ID == "" || seen[key] {
			continue // deleted on a side, or already collected
		}
		seen[key] = true
		if IsBinary(base.Data) || IsBinary(ours.Data) || IsBinary(theirs.Data) {
			continue
		}
		triples = append(triples, triple{name: name, base: base.Data, ours: ours.Data, theirs: theirs.Data})
	}
	sort.Slice(triples, func(i, j int) bool { return triples[i].name < triples[j].name })
	return triples
}

var strict = flag.Bool("linemerge.strict", false, "fail conformance cases that differ from git only because git's diff is not minimal")

type compareResult struct {
	tally
	byStyle [3]tally
	skipped int // cases left out for time
}

// tally counts merges by how they compare with git's.
type tally struct {
	compared, differ     int
	alignment, gitLonger int // differences explained by the diffs (explainDiff)
}

// compareWithGit compares Merge with git merge-file on n cases, each under
// a few option sets, on all CPUs. A difference that explainDiff puts down to
// diff alignment is counted, as is one due to git's non-minimal diffs when
// allowGitLonger (and -linemerge.strict is off); any other is reported as a
// test error (the first few in detail).
func compareWithGit(t *testing.T, n int, gen func(i int) (triple, []Options), deadline time.Time, allowGitLonger bool) compareResult {
	allowGitLonger = allowGitLonger && !*strict
	var mu sync.Mutex
	var res compareResult
	work := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.NumCPU(); w++ {
		g := newGitRef(t)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				c, opts := gen(i)
				// git's diffs of this case, shared by its option sets
				gd := &gitDiffCache{g: g, tb: t, hunks: map[[2]string][]hunk{}}
				for _, opt := range opts {
					want, code := g.mergeFile(t, c.base, c.ours, c.theirs, opt)
					got := Merge(c.base, c.ours, c.theirs, opt)
					gotCode := min(len(got.Conflicts), 127)
					if opt.Favor != FavorNone {
						gotCode = 0 // git counts favoured regions as resolved
					}
					same := bytes.Equal(got.Merged, want) && gotCode == code
					v, why := unexplained, ""
					if !same {
						v, why = explainDiff(gd, c, opt, want, code)
						if v == gitLonger && !allowGitLonger {
							v, why = unexplained, "git's diff is longer than Merge's"
						}
					}
					mu.Lock()
					for _, tl := range []*tally{&res.tally, &res.byStyle[opt.Style]} {
						tl.compared++
						switch {
						case same:
						case v == alignment:
							tl.alignment++
						case v == gitLonger:
							tl.gitLonger++
						default:
							tl.differ++
						}
					}
					if !same && v == unexplained {
						if res.differ <= 3 {
							t.Errorf("%s (style %d): Merge differs from git merge-file (conflicts %d, git %d): %s\n%s",
								c.name, opt.Style, len(got.Conflicts), code, why, describe(c.base, c.ours, c.theirs, got.Merged, want))
						} else {
							t.Errorf("%s (style %d): Merge differs from git merge-file: %s", c.name, opt.Style, why)
						}
					}
					mu.Unlock()
				}
			}
		}()
	}
	for i := 0; i < n; i++ {
		if time.Now().After(deadline) {
			res.skipped = n - i
			break
		}
		work <- i
	}
	close(work)
	wg.Wait()
	return res
}

// summary is the log line of a conformance run, with a line per style.
func (r compareResult) summary() string {
	out := r.tally.String()
	for st, tl := range r.byStyle {
		if tl.compared > 0 {
			out += fmt.Sprintf("\n  %-6s %s", []string{"merge", "diff3", "zdiff3"}[st], tl)
		}
	}
	return out
}

func (r tally) String() string {
	pct := func(n int) float64 { return 100 * float64(n) / float64(max(r.compared, 1)) }
	same := r.compared - r.alignment - r.gitLonger - r.differ
	return fmt.Sprintf("%d merges compared: %d identical (%.2f%%), %d differ only in diff alignment (%.2f%%), %d by git's longer diffs (%.2f%%), %d differ otherwise",
		r.compared, same, pct(same), r.alignment, pct(r.alignment), r.gitLonger, pct(r.gitLonger), r.differ)
}
