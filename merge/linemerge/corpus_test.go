package linemerge

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
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
	corpusDir := corpus.Root()
	var bundles []string
	if corpusDir != "" {
		bundles, _ = filepath.Glob(filepath.Join(corpusDir, "merges", "*.bundle"))
	}
	if len(bundles) == 0 {
		t.Skip("no shared/corpus/merges/*.bundle above the working directory; skipping corpus conformance")
	}
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
// Git runs only a few processes per bundle: process start-up dominates
// otherwise on a loaded machine.
func bundleTriples(t *testing.T, bundle string, deadline time.Time) []triple {
	g := newGitRef(t)
	repo := filepath.Join(t.TempDir(), "repo.git")
	g.run(t, []string{"clone", "--mirror", "-q", bundle, repo})
	out, _ := g.run(t, []string{"--git-dir", repo, "log", "--all", "--format=%H %P"})
	parents := map[string][]string{}
	var merges [][3]string // merge, parent 1, parent 2
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		parents[f[0]] = f[1:]
		if len(f) == 3 { // octopus merges are left out
			merges = append(merges, [3]string{f[0], f[1], f[2]})
		}
	}
	// Ask diff-tree for both sides of every merge in one go: "side base"
	// pairs, so each answer starts with the side's id.
	var pairs [][2]string
	bases := map[[3]string]string{}
	for _, m := range merges {
		mb := mergeBase(parents, m[1], m[2])
		if mb == "" || mb == m[1] || mb == m[2] {
			continue
		}
		bases[m] = mb
		pairs = append(pairs, [2]string{m[1], mb}, [2]string{m[2], mb})
	}
	changed := diffTreePairs(t, g, repo, pairs)

	cat := newCatFile(t, g.git, repo)
	defer cat.close()
	seen := map[string]bool{}
	var triples []triple
	for _, m := range merges {
		mb, ok := bases[m]
		if !ok {
			continue
		}
		if time.Now().After(deadline) {
			t.Logf("%s: time budget reached while collecting merges", filepath.Base(bundle))
			break
		}
		for path := range changed[[2]string{m[1], mb}] {
			if !changed[[2]string{m[2], mb}][path] {
				continue
			}
			bid, base := cat.get(mb + ":" + path)
			oid, ours := cat.get(m[1] + ":" + path)
			tid, theirs := cat.get(m[2] + ":" + path)
			key := bid + oid + tid
			if oid == "" || tid == "" || seen[key] {
				continue // deleted on a side, or already collected
			}
			seen[key] = true
			if IsBinary(base) || IsBinary(ours) || IsBinary(theirs) {
				continue
			}
			triples = append(triples, triple{
				name: fmt.Sprintf("%s %.10s %s", filepath.Base(bundle), m[0], path),
				base: base, ours: ours, theirs: theirs,
			})
		}
	}
	sort.Slice(triples, func(i, j int) bool { return triples[i].name < triples[j].name })
	return triples
}

// mergeBase returns a best common ancestor of a and b (any one of them when
// there are several; the test only needs some base both sides came from).
func mergeBase(parents map[string][]string, a, b string) string {
	ancestors := func(start string, stop map[string]bool) map[string]bool {
		seen := map[string]bool{}
		todo := []string{start}
		for len(todo) > 0 {
			c := todo[len(todo)-1]
			todo = todo[:len(todo)-1]
			if seen[c] {
				continue
			}
			seen[c] = true
			if stop[c] {
				continue
			}
			todo = append(todo, parents[c]...)
		}
		return seen
	}
	ofA := ancestors(a, nil)
	// Walk b's history but not past commits a reaches: those are the
	// candidate bases.
	var cands []string
	for c := range ancestors(b, ofA) {
		if ofA[c] {
			cands = append(cands, c)
		}
	}
	sort.Strings(cands)
	for _, c := range cands {
		best := true
		for _, o := range cands {
			if o != c && ancestors(o, nil)[c] {
				best = false
				break
			}
		}
		if best {
			return c
		}
	}
	return ""
}

// diffTreePairs lists the paths that differ for each (commit, base) pair,
// with one `git diff-tree --stdin` process.
func diffTreePairs(t *testing.T, g *gitRef, repo string, pairs [][2]string) map[[2]string]map[string]bool {
	var in strings.Builder
	for _, p := range pairs {
		fmt.Fprintf(&in, "%s %s\n", p[0], p[1])
	}
	cmd := exec.Command(g.git, "--git-dir", repo, "diff-tree", "--stdin", "-r", "--name-only", "--no-renames", "-z")
	cmd.Stdin = strings.NewReader(in.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git diff-tree: %v", err)
	}
	// Each non-empty answer is the first commit's id, then its paths; empty
	// diffs print nothing, so match headers to pairs in order.
	res := map[[2]string]map[string]bool{}
	next := 0
	var cur map[string]bool
	for _, f := range strings.Split(string(out), "\x00") {
		if f == "" {
			continue
		}
		if len(f) == 40 && next < len(pairs) {
			if k := indexPair(pairs, next, f); k >= 0 {
				cur = map[string]bool{}
				res[pairs[k]] = cur
				next = k + 1
				continue
			}
		}
		if cur != nil {
			cur[f] = true
		}
	}
	return res
}

func indexPair(pairs [][2]string, from int, id string) int {
	for k := from; k < len(pairs); k++ {
		if pairs[k][0] == id {
			return k
		}
	}
	return -1
}

// catFile reads objects through one `git cat-file --batch` process.
type catFile struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Reader
}

func newCatFile(t *testing.T, git, repo string) *catFile {
	cmd := exec.Command(git, "--git-dir", repo, "cat-file", "--batch")
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return &catFile{cmd: cmd, in: in, out: bufio.NewReader(out)}
}

// get returns the object id and contents of name ("rev:path"); "" when missing.
func (c *catFile) get(name string) (string, []byte) {
	fmt.Fprintln(c.in, name)
	hdr, err := c.out.ReadString('\n')
	if err != nil {
		return "", nil
	}
	var id, typ string
	var size int
	if n, _ := fmt.Sscanf(hdr, "%s %s %d", &id, &typ, &size); n != 3 {
		return "", nil // "<name> missing"
	}
	buf := make([]byte, size+1) // contents plus the trailing newline
	if _, err := io.ReadFull(c.out, buf); err != nil || typ != "blob" {
		return "", nil
	}
	return id, buf[:size]
}

func (c *catFile) close() {
	c.in.Close()
	c.cmd.Wait()
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
