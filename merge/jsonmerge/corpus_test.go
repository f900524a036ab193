package jsonmerge_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/canvasgit/canvasgit/internal/corpus"
	"github.com/canvasgit/canvasgit/merge"
	"github.com/canvasgit/canvasgit/merge/jsonmerge"
	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// policyFor mirrors the rules table: the row merge.RuleFor picks, and for rows that
// are plain line merges today, the component or generic policy. ok is false for
// files the JSON merge does not handle (checksum.json is taken whole by the engine).
func policyFor(p string) (label string, pol jsonmerge.Policy, ok bool) {
	lower := strings.ToLower(p)
	if !strings.HasSuffix(lower, ".json") && !strings.HasSuffix(lower, ".sarif") {
		return "", pol, false
	}
	switch kind := merge.RuleFor(p).Kind; kind {
	case merge.KindManifest:
		return string(kind), jsonmerge.ManifestPolicy, true
	case merge.KindConnections:
		return string(kind), jsonmerge.ConnectionsPolicy, true
	case merge.KindDataSources:
		return string(kind), jsonmerge.DataSourcesPolicy, true
	case merge.KindPkgs:
		return string(kind), jsonmerge.PkgsPolicy, true
	case merge.KindEntropy:
		return string(kind), jsonmerge.EntropyPolicy, true
	case merge.KindEditorState:
		return string(kind), jsonmerge.EditorStatePolicy, true
	case merge.KindAppChecker:
		return string(kind), jsonmerge.SarifPolicy, true
	case merge.KindChecksum:
		return "", pol, false
	}
	dir := strings.ToLower(path.Dir(strings.ReplaceAll(p, `\`, "/")))
	if strings.HasSuffix(dir, "src/components") {
		return "component json", jsonmerge.ComponentPolicy, true
	}
	return "other json", jsonmerge.GenericPolicy, true
}

var corpusBudget = flag.Duration("jsonmerge.corpusbudget", 25*time.Second, "time allowed for the corpus replay (clones included)")

var renumberedRE = regexp.MustCompile(`: (\d+) id\(s\) from theirs renumbered`)

type tally struct {
	files, clean, keptOurs, conflicted, refused, fallback int
	lineClean, studioBytes, studioJSON, studioMissing     int
	overlaps, renumbered                                  int
}

// corpusBundles lists the corpus's merge bundles, skipping the test in -short mode or
// when the corpus or git is absent.
func corpusBundles(t *testing.T) []string {
	t.Helper()
	if testing.Short() {
		t.Skip("corpus replay skipped in -short mode")
	}
	dir := corpus.Dir(t, "merges")
	bundles, _ := filepath.Glob(filepath.Join(dir, "*.bundle"))
	if len(bundles) == 0 {
		t.Skip("no bundles in " + dir)
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not found; skipping the corpus replay")
	}
	return bundles
}

// TestCorpusMerges replays every merge recorded in the corpus bundles: for each JSON
// file both parents changed, Merge runs with the policy of the file's row and the
// outcome is counted (clean, clean with overlaps resolved to ours, conflicted,
// refused, fallback) and compared with the result Studio or the author committed.
func TestCorpusMerges(t *testing.T) {
	bundles := corpusBundles(t)
	start := time.Now()
	deadline := start.Add(*corpusBudget)
	total := map[string]*tally{}
	var kinds []string
	var slow, lineTime, mergeTime time.Duration
	slowName := ""
	for _, b := range bundles {
		r := openBundle(t, b)
		trs := r.triples(t)
		t.Logf("%s: %d JSON files changed on both sides of a merge", filepath.Base(b), len(trs))
		for _, tr := range trs {
			if time.Now().After(deadline) {
				t.Logf("time budget spent; the rest of %s is left out", filepath.Base(b))
				break
			}
			label, pol, ok := policyFor(tr.path)
			if !ok {
				continue
			}
			tl := total[label]
			if tl == nil {
				tl = &tally{}
				total[label] = tl
				kinds = append(kinds, label)
			}
			tl.files++
			opt := linemerge.Options{OursLabel: "ours", BaseLabel: "base", TheirsLabel: "theirs"}
			t0 := time.Now()
			if linemerge.Merge(tr.base, tr.ours, tr.theirs, opt).Clean() {
				tl.lineClean++
			}
			lineTime += time.Since(t0)
			t0 = time.Now()
			res, err := jsonmerge.Merge(tr.base, tr.ours, tr.theirs, pol, opt)
			d := time.Since(t0)
			mergeTime += d
			if d > slow {
				slow, slowName = d, tr.name
			}
			if err != nil {
				if !errors.Is(err, jsonmerge.ErrFallback) {
					t.Errorf("%s: error not wrapping ErrFallback: %v", tr.name, err)
				}
				tl.fallback++
				t.Logf("fallback: %s: %v", tr.name, err)
				continue
			}
			tl.overlaps += len(res.Conflicts)
			switch {
			case !res.Clean() && pol.Mode == jsonmerge.ModeRefuse:
				tl.refused++
			case !res.Clean():
				tl.conflicted++
			case len(res.Conflicts) > 0:
				tl.keptOurs++
			default:
				tl.clean++
			}
			for _, n := range res.Notes {
				if m := renumberedRE.FindStringSubmatch(n); m != nil {
					k, _ := strconv.Atoi(m[1])
					tl.renumbered += k
				}
			}
			if pol.Name == jsonmerge.EntropyPolicy.Name && duplicateIDs(res.Merged) && !duplicateIDs(tr.ours) && !duplicateIDs(tr.theirs) {
				t.Errorf("%s: the merge gave two controls the same ControlUniqueIds id", tr.name)
			}
			if res.Clean() {
				if !json.Valid(bytes.TrimPrefix(res.Merged, []byte("\xef\xbb\xbf"))) {
					t.Errorf("%s: clean result is not valid JSON", tr.name)
				}
				switch {
				case tr.recorded == nil:
					tl.studioMissing++
				case bytes.Equal(res.Merged, tr.recorded):
					tl.studioBytes++
					tl.studioJSON++
				case jsonEqual(res.Merged, tr.recorded):
					tl.studioJSON++
				default:
					if d := os.Getenv("JM_DUMP"); d != "" {
						n := filepath.Join(d, strings.NewReplacer("/", "_", ":", "_").Replace(tr.name))
						os.WriteFile(n+".got", res.Merged, 0o644)
						os.WriteFile(n+".rec", tr.recorded, 0o644)
						os.WriteFile(n+".ours", tr.ours, 0o644)
						os.WriteFile(n+".theirs", tr.theirs, 0o644)
						os.WriteFile(n+".base", tr.base, 0o644)
					}
				}
			} else {
				for _, c := range res.Conflicts {
					if !c.Resolved {
						t.Logf("%s: %s (%s) lines %d-%d: %s", pol.Mode, tr.name, c.Path, c.StartLine, c.EndLine, c.Reason)
					}
				}
			}
		}
	}
	sort.Strings(kinds)
	var sum tally
	var b strings.Builder
	fmt.Fprintf(&b, "%-20s %5s %5s %9s %10s %7s %8s | %10s | %12s %11s\n", "kind", "files", "clean", "kept-ours", "conflicted", "refused", "fallback", "line-clean", "studio-bytes", "studio-json")
	for _, k := range kinds {
		tl := total[k]
		fmt.Fprintf(&b, "%-20s %5d %5d %9d %10d %7d %8d | %10d | %12d %11d\n", k, tl.files, tl.clean, tl.keptOurs, tl.conflicted, tl.refused, tl.fallback, tl.lineClean, tl.studioBytes, tl.studioJSON)
		sum.files += tl.files
		sum.clean += tl.clean
		sum.keptOurs += tl.keptOurs
		sum.conflicted += tl.conflicted
		sum.refused += tl.refused
		sum.fallback += tl.fallback
		sum.lineClean += tl.lineClean
		sum.studioBytes += tl.studioBytes
		sum.studioJSON += tl.studioJSON
		sum.renumbered += tl.renumbered
		sum.overlaps += tl.overlaps
	}
	fmt.Fprintf(&b, "%-20s %5d %5d %9d %10d %7d %8d | %10d | %12d %11d\n", "total", sum.files, sum.clean, sum.keptOurs, sum.conflicted, sum.refused, sum.fallback, sum.lineClean, sum.studioBytes, sum.studioJSON)
	fmt.Fprintf(&b, "overlaps found: %d (resolved or marked); ControlUniqueIds renumbered: %d\n", sum.overlaps, sum.renumbered)
	t.Logf("corpus JSON merges (%s in all, %s in the JSON merge, %s in the line merge; slowest file %s: %s):\n%s",
		time.Since(start).Round(time.Millisecond), mergeTime.Round(time.Millisecond), lineTime.Round(time.Millisecond),
		slowName, slow.Round(time.Millisecond), b.String())
}

// duplicateIDs reports whether an Entropy.json gives one id to two names.
func duplicateIDs(data []byte) bool {
	var e struct{ ControlUniqueIds map[string]json.Number }
	if json.Unmarshal(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), &e) != nil {
		return false
	}
	seen := map[json.Number]bool{}
	for _, id := range e.ControlUniqueIds {
		if seen[id] {
			return true
		}
		seen[id] = true
	}
	return false
}

func jsonEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(bytes.TrimPrefix(a, []byte("\xef\xbb\xbf")), &x) != nil || json.Unmarshal(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

// repo is a bundle cloned into a temporary folder, with one cat-file process serving
// blobs.
type repo struct {
	dir string
	cat *exec.Cmd
	in  io.WriteCloser
	out *bufio.Reader
}

func openBundle(t *testing.T, bundle string) *repo {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "repo.git")
	if out, err := exec.Command("git", "clone", "--mirror", "-q", bundle, dir).CombinedOutput(); err != nil {
		t.Fatalf("git clone %s: %v\n%s", bundle, err, out)
	}
	r := &repo{dir: dir}
	r.cat = exec.Command("git", "--git-dir", dir, "cat-file", "--batch")
	r.in, _ = r.cat.StdinPipe()
	stdout, _ := r.cat.StdoutPipe()
	r.out = bufio.NewReaderSize(stdout, 1<<20)
	if err := r.cat.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		r.in.Close()
		r.cat.Wait()
	})
	return r
}

func (r *repo) git(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("git", append([]string{"--git-dir", r.dir}, args...)...).Output()
	if err != nil {
		t.Fatalf("git %s: %v", strings.Join(args, " "), err)
	}
	return string(out)
}

// blob returns the file at rev, nil when it does not exist there.
func (r *repo) blob(t *testing.T, rev, p string) []byte {
	t.Helper()
	fmt.Fprintf(r.in, "%s:%s\n", rev, p)
	header, err := r.out.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(header)
	if len(f) != 3 || f[1] != "blob" {
		return nil
	}
	size, _ := strconv.Atoi(f[2])
	data := make([]byte, size+1)
	if _, err := io.ReadFull(r.out, data); err != nil {
		t.Fatal(err)
	}
	return data[:size]
}

type triple struct {
	name, path                   string
	base, ours, theirs, recorded []byte
}

// triples lists, for every two-parent merge, the files both parents changed since the
// merge base, with the merge commit's own version as the recorded result. Git runs
// three processes per bundle in all: starting one per merge is slow on a busy machine.
func (r *repo) triples(t *testing.T) []triple {
	parents := map[string][]string{}
	var merges [][3]string
	for _, line := range strings.Split(strings.TrimSpace(r.git(t, "log", "--all", "--format=%H %P")), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		parents[f[0]] = f[1:]
		if len(f) == 3 {
			merges = append(merges, [3]string{f[0], f[1], f[2]})
		}
	}
	type job struct{ merge, p1, p2, base string }
	var jobs []job
	var pairs [][2]string
	for _, m := range merges {
		mb := mergeBase(parents, m[1], m[2])
		if mb == "" || mb == m[1] || mb == m[2] {
			continue
		}
		jobs = append(jobs, job{m[0], m[1], m[2], mb})
		pairs = append(pairs, [2]string{m[1], mb}, [2]string{m[2], mb})
	}
	changed := r.diffTrees(t, pairs)
	var out []triple
	for i, j := range jobs {
		c1, c2 := changed[2*i], changed[2*i+1]
		var both []string
		for p := range c1 {
			if c2[p] {
				both = append(both, p)
			}
		}
		sort.Strings(both)
		for _, p := range both {
			if _, _, ok := policyFor(p); !ok {
				continue
			}
			base, ours, theirs := r.blob(t, j.base, p), r.blob(t, j.p1, p), r.blob(t, j.p2, p)
			if ours == nil || theirs == nil {
				continue // a delete on one side: git's job, not the driver's
			}
			out = append(out, triple{name: j.merge[:10] + ":" + p, path: p, base: base, ours: ours, theirs: theirs, recorded: r.blob(t, j.merge, p)})
		}
	}
	return out
}

// diffTrees runs one diff-tree for all (commit, base) pairs and returns each pair's
// changed paths, in the order of pairs.
func (r *repo) diffTrees(t *testing.T, pairs [][2]string) []map[string]bool {
	var in strings.Builder
	for _, p := range pairs {
		fmt.Fprintf(&in, "%s %s\n", p[0], p[1])
	}
	cmd := exec.Command("git", "--git-dir", r.dir, "diff-tree", "--stdin", "-r", "--name-only", "--no-renames", "-z")
	cmd.Stdin = strings.NewReader(in.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git diff-tree: %v", err)
	}
	res := make([]map[string]bool, len(pairs))
	for i := range res {
		res[i] = map[string]bool{}
	}
	// Each non-empty answer starts with the commit's id; an empty diff prints
	// nothing, so headers are matched to the pairs in order.
	next, cur := 0, -1
	for _, f := range strings.Split(string(out), "\x00") {
		if f == "" {
			continue
		}
		if len(f) == 40 && strings.Trim(f, "0123456789abcdef") == "" {
			k := next
			for k < len(pairs) && pairs[k][0] != f {
				k++
			}
			if k < len(pairs) {
				cur, next = k, k+1
				continue
			}
		}
		if cur >= 0 {
			res[cur][f] = true
		}
	}
	return res
}

// mergeBase finds a best common ancestor of a and b in the parent map (the first by
// id when there are several, as after a criss-cross merge).
func mergeBase(parents map[string][]string, a, b string) string {
	// walk visits from start, not going past commits for which stop is true.
	walk := func(start []string, stop func(string) bool) map[string]bool {
		seen := map[string]bool{}
		for todo := append([]string(nil), start...); len(todo) > 0; {
			x := todo[len(todo)-1]
			todo = todo[:len(todo)-1]
			if seen[x] {
				continue
			}
			seen[x] = true
			if stop == nil || !stop(x) {
				todo = append(todo, parents[x]...)
			}
		}
		return seen
	}
	ofA := walk([]string{a}, nil)
	// The first commits of b's history that a also reaches are the candidates.
	var cands []string
	for c := range walk([]string{b}, func(x string) bool { return ofA[x] }) {
		if ofA[c] {
			cands = append(cands, c)
		}
	}
	sort.Strings(cands)
	for _, c := range cands {
		best := true
		for _, o := range cands {
			if o != c && walk(parents[o], nil)[c] {
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
