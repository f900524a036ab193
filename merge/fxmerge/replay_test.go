package fxmerge

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// gitRepo is a bare clone of one corpus bundle.
type gitRepo struct {
	t   *testing.T
	dir string
}

func (g gitRepo) run(stdin string, args ...string) string {
	g.t.Helper()
	cmd := exec.Command("git", append([]string{"-C", g.dir}, args...)...)
	if stdin != "" {
		cmd.Stdin = strings.NewReader(stdin)
	}
	out, err := cmd.Output()
	if err != nil {
		g.t.Fatalf("git %s: %v", strings.Join(args, " "), err)
	}
	return string(out)
}

// blobs reads objects by name ("<commit>:<path>") in one git call; a missing one is nil.
func (g gitRepo) blobs(names []string) [][]byte {
	cmd := exec.Command("git", "-C", g.dir, "cat-file", "--batch")
	cmd.Stdin = strings.NewReader(strings.Join(names, "\n") + "\n")
	raw, err := cmd.Output()
	if err != nil {
		g.t.Fatal(err)
	}
	r := bufio.NewReader(bytes.NewReader(raw))
	out := make([][]byte, len(names))
	for i := range names {
		header, err := r.ReadString('\n')
		if err != nil {
			g.t.Fatal(err)
		}
		f := strings.Fields(header)
		if len(f) != 3 {
			continue // "<name> missing"
		}
		size, _ := strconv.Atoi(f[2])
		data := make([]byte, size+1)
		if _, err := io.ReadFull(r, data); err != nil {
			g.t.Fatal(err)
		}
		out[i] = data[:size]
	}
	return out
}

// mergeCase is one .fx.yaml file changed on both sides of a recorded merge.
type mergeCase struct {
	name                         string
	base, ours, theirs, recorded []byte
}

// bundleCases returns every .fx.yaml file that both parents of a merge commit changed
// relative to their merge base, with the three inputs and the committed result.
func bundleCases(t *testing.T, bundle string) []mergeCase {
	g := cloneBundle(t, bundle)
	type merge struct{ m, p1, p2, base string }
	parents := map[string][]string{}
	var merges []merge
	for _, line := range strings.Split(strings.TrimSpace(g.run("", "rev-list", "--all", "--parents")), "\n") {
		f := strings.Fields(line)
		parents[f[0]] = f[1:]
		if len(f) == 3 {
			merges = append(merges, merge{m: f[0], p1: f[1], p2: f[2]})
		}
	}
	for i := range merges {
		m := &merges[i]
		if m.base = mergeBase(parents, m.p1, m.p2); m.base == "" {
			m.base = strings.TrimSpace(g.run("", "merge-base", m.p1, m.p2))
		}
	}
	// Paths changed on each side, for all merges in one diff-tree call.
	var pairs strings.Builder
	for _, m := range merges {
		fmt.Fprintf(&pairs, "%s %s\n%s %s\n", m.base, m.p1, m.base, m.p2)
	}
	// With --always every pair starts with a header line (the first id), even when
	// nothing changed, so the output splits into one path list per input pair.
	var changed []map[string]bool // per pair
	for _, line := range strings.Split(g.run(pairs.String(), "diff-tree", "-r", "--name-only", "--always", "--stdin"), "\n") {
		if isHex40(line) {
			changed = append(changed, map[string]bool{})
			continue
		}
		if line != "" && len(changed) > 0 {
			changed[len(changed)-1][line] = true
		}
	}
	if len(changed) != 2*len(merges) {
		t.Fatalf("diff-tree gave %d path lists for %d pairs", len(changed), 2*len(merges))
	}
	var names []string
	var cases []mergeCase
	for i, m := range merges {
		for path := range changed[2*i] {
			if !strings.HasSuffix(path, ".fx.yaml") || !changed[2*i+1][path] {
				continue
			}
			cases = append(cases, mergeCase{name: fmt.Sprintf("%s %s", m.m[:8], path)})
			for _, c := range []string{m.base, m.p1, m.p2, m.m} {
				names = append(names, c+":"+path)
			}
		}
	}
	data := g.blobs(names)
	var out []mergeCase
	for i, c := range cases {
		c.base, c.ours, c.theirs, c.recorded = data[4*i], data[4*i+1], data[4*i+2], data[4*i+3]
		if c.ours == nil || c.theirs == nil {
			continue // deleted on one side: git's business, not a driver's
		}
		out = append(out, c)
	}
	return out
}

var (
	cloneDir string                // shared by the tests of this package, removed by TestMain
	clones   = map[string]string{} // bundle → clone
)

func TestMain(m *testing.M) {
	code := m.Run()
	if cloneDir != "" {
		os.RemoveAll(cloneDir)
	}
	os.Exit(code)
}

// cloneBundle clones a corpus bundle once per test run.
func cloneBundle(t *testing.T, bundle string) gitRepo {
	if dir, ok := clones[bundle]; ok {
		return gitRepo{t, dir}
	}
	if cloneDir == "" {
		d, err := os.MkdirTemp("", "fxmerge-corpus-")
		if err != nil {
			t.Fatal(err)
		}
		cloneDir = d
	}
	dir := filepath.Join(cloneDir, fmt.Sprintf("repo%d.git", len(clones)))
	if out, err := exec.Command("git", "clone", "--mirror", "-q", bundle, dir).CombinedOutput(); err != nil {
		t.Fatalf("clone %s: %v\n%s", bundle, err, out)
	}
	clones[bundle] = dir
	return gitRepo{t, dir}
}

// gitMergeFile runs `git merge-file -p` and returns its output and conflict count.
func gitMergeFile(t *testing.T, dir string, c mergeCase) ([]byte, int) {
	paths := make([]string, 3)
	for i, data := range [][]byte{c.ours, c.base, c.theirs} {
		paths[i] = filepath.Join(dir, []string{"ours", "base", "theirs"}[i])
		if err := os.WriteFile(paths[i], data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, err := exec.Command("git", "merge-file", "-p", "-q", paths[0], paths[1], paths[2]).Output()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return out, ee.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return out, 0
}

// TestReplayCorpus replays every real merge of the corpus bundles whose two sides both
// changed an .fx.yaml file, and compares with git merge-file and with the recorded
// result. fxmerge may fall back, but must never fail otherwise, and what it writes must
// parse (with each conflict resolved either way).
func TestReplayCorpus(t *testing.T) {
	dir := corpus.Dir(t, "merges")
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not found; skipping the corpus replay")
	}
	bundles, _ := filepath.Glob(filepath.Join(dir, "*.bundle"))
	if len(bundles) == 0 {
		t.Skip("no bundles in the corpus")
	}
	var total, clean, conflicted, fellBack, gitClean, betterThanGit, worseThanGit, eqRecorded, gitEqRecorded, bothClean, eqGit int
	tmp := t.TempDir()
	for _, bundle := range bundles {
		for _, c := range bundleCases(t, bundle) {
			total++
			gitOut, gitConflicts := gitMergeFile(t, tmp, c)
			if gitConflicts == 0 {
				gitClean++
				if bytes.Equal(gitOut, c.recorded) {
					gitEqRecorded++
				}
			}
			opt := Options{OursLabel: "ours", BaseLabel: "base", TheirsLabel: "theirs"}
			res, err := Merge(c.base, c.ours, c.theirs, opt)
			switch {
			case err != nil && !errors.Is(err, ErrFallback):
				t.Errorf("%s: %v", c.name, err)
				continue
			case err != nil:
				if strings.Contains(err.Error(), "internal error") {
					t.Errorf("%s: %v", c.name, err)
				}
				fellBack++
				t.Logf("%s: falls back: %v", c.name, err)
				continue
			}
			checkParses(t, c.name, res, opt)
			if len(res.Conflicts) == 0 {
				clean++
				if gitConflicts > 0 {
					betterThanGit++
				} else {
					bothClean++
					if bytes.Equal(res.Merged, gitOut) {
						eqGit++
					}
				}
				if bytes.Equal(res.Merged, c.recorded) {
					eqRecorded++
				}
			} else {
				conflicted++
				if gitConflicts == 0 {
					worseThanGit++
				}
				for _, k := range res.Conflicts {
					t.Logf("%s: conflict %s [%s]: %s", c.name, k.ControlPath, k.Property, k.Reason)
				}
			}
		}
	}
	t.Logf("replay: %d .fx.yaml files changed on both sides of a merge", total)
	t.Logf("fxmerge: %d clean, %d with conflicts, %d fell back to the line merge", clean, conflicted, fellBack)
	t.Logf("git merge-file: %d clean, %d with conflicts", gitClean, total-gitClean)
	t.Logf("fxmerge clean where git conflicts: %d; fxmerge conflicts where git is clean: %d", betterThanGit, worseThanGit)
	t.Logf("equal to the recorded merge result: fxmerge %d, git merge-file %d", eqRecorded, gitEqRecorded)
	t.Logf("both clean: %d, of which byte-identical outputs: %d", bothClean, eqGit)
}

func checkParses(t *testing.T, name string, res Result, opt Options) {
	t.Helper()
	if len(res.Conflicts) == 0 {
		if err := parseResult(res.Merged); err != nil {
			t.Errorf("%s: clean output does not parse: %v", name, err)
		}
		return
	}
	for _, keep := range []byte{'<', '>'} {
		if err := parseResult(linemerge.ResolveMarkers(res.Merged, opt.MarkerSize, keep)); err != nil {
			t.Errorf("%s: output resolved to %c does not parse: %v", name, keep, err)
		}
	}
}

func isHex40(s string) bool {
	if len(s) != 40 {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// mergeBase finds the best common ancestor of a and b in the commit graph (what `git
// merge-base` prints); "" when there is not exactly one (criss-cross merges).
func mergeBase(parents map[string][]string, a, b string) string {
	anc := func(from []string) map[string]bool {
		seen := map[string]bool{}
		stack := append([]string(nil), from...)
		for len(stack) > 0 {
			c := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if !seen[c] {
				seen[c] = true
				stack = append(stack, parents[c]...)
			}
		}
		return seen
	}
	ancA, ancB := anc([]string{a}), anc([]string{b})
	var common []string
	for c := range ancA {
		if ancB[c] {
			common = append(common, c)
		}
	}
	var above []string // parents of common ancestors: everything reachable from them is not "best"
	for _, c := range common {
		above = append(above, parents[c]...)
	}
	worse := anc(above)
	best := ""
	for _, c := range common {
		if !worse[c] {
			if best != "" {
				return ""
			}
			best = c
		}
	}
	return best
}

// TestHistoryTriples stresses the merge with real edits: for consecutive versions a, b,
// c of each .fx.yaml file in the bundles' histories it merges b (as base) with a and c,
// so that each side undoes or redoes real Studio changes (deletes against edits, moves,
// renumbering). It must never fail other than by an honest fallback, and what it writes
// must parse.
func TestHistoryTriples(t *testing.T) {
	dir := corpus.Dir(t, "merges")
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not found")
	}
	bundles, _ := filepath.Glob(filepath.Join(dir, "*.bundle"))
	const perBundle = 300
	var merged, conflicted, fellBack int
	for _, bundle := range bundles {
		g := cloneBundle(t, bundle)
		// New blob of every .fx.yaml change, in commit order, per path.
		out := g.run("", "log", "--reverse", "--format=", "--raw", "--no-abbrev", "--no-renames", "--all", "--", "*.fx.yaml")
		versions := map[string][]string{}
		var paths []string
		for _, line := range strings.Split(out, "\n") {
			meta, path, ok := strings.Cut(line, "\t")
			f := strings.Fields(meta)
			if !ok || len(f) < 5 || strings.Trim(f[3], "0") == "" {
				continue
			}
			vs := versions[path]
			if len(vs) > 0 && vs[len(vs)-1] == f[3] {
				continue
			}
			if vs == nil {
				paths = append(paths, path)
			}
			versions[path] = append(vs, f[3])
		}
		var triples [][3]string
		for _, p := range paths {
			vs := versions[p]
			for i := 0; i+2 < len(vs); i++ {
				triples = append(triples, [3]string{vs[i+1], vs[i], vs[i+2]})
			}
		}
		// An even spread when there are more than perBundle.
		if len(triples) > perBundle {
			step := float64(len(triples)) / perBundle
			var picked [][3]string
			for k := 0; k < perBundle; k++ {
				picked = append(picked, triples[int(float64(k)*step)])
			}
			triples = picked
		}
		var ids []string
		for _, tr := range triples {
			ids = append(ids, tr[0], tr[1], tr[2])
		}
		blobs := g.blobs(ids)
		for k, tr := range triples {
			base, ours, theirs := blobs[3*k], blobs[3*k+1], blobs[3*k+2]
			name := fmt.Sprintf("%s %s/%s/%s", filepath.Base(bundle), tr[0][:8], tr[1][:8], tr[2][:8])
			res, err := Merge(base, ours, theirs, Options{})
			switch {
			case err != nil && (!errors.Is(err, ErrFallback) || strings.Contains(err.Error(), "internal error")):
				t.Errorf("%s: %v", name, err)
			case err != nil:
				fellBack++
			default:
				merged++
				if len(res.Conflicts) > 0 {
					conflicted++
				}
				checkParses(t, name, res, Options{})
			}
		}
	}
	t.Logf("history triples: %d merged (%d with conflicts), %d fell back", merged, conflicted, fellBack)
}
