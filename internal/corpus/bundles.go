package corpus

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The corpus's merges/*.bundle files are real repositories' histories. The tests and
// benchmarks that replay their merges share this: list the bundles, clone one, find
// its two-parent merges with the files both sides changed, read blobs. Git runs a
// handful of processes per bundle, never one per merge: process start-up dominates
// on a loaded machine.

// Bundles returns the corpus's merge bundles, sorted, skipping the test when the corpus,
// its bundles or git are absent.
func Bundles(tb testing.TB) []string {
	tb.Helper()
	dir := Dir(tb, "merges")
	bundles, _ := filepath.Glob(filepath.Join(dir, "*.bundle"))
	if len(bundles) == 0 {
		tb.Skipf("no bundles in %s; skipping", dir)
	}
	if _, err := exec.LookPath("git"); err != nil {
		tb.Skip("git not found; skipping the corpus bundles")
	}
	sort.Strings(bundles)
	return bundles
}

// Name is a bundle's name without folder and extension.
func Name(bundle string) string { return strings.TrimSuffix(filepath.Base(bundle), ".bundle") }

// Repo is a bare (mirror) clone of a bundle. Its methods take the test that uses it
// (a clone may serve several tests) and fail that test when git fails.
type Repo struct {
	Dir string
}

// Clone clones a bundle into a temporary folder the test removes when it ends.
func Clone(tb testing.TB, bundle string) *Repo {
	tb.Helper()
	return CloneInto(tb, bundle, filepath.Join(tb.TempDir(), Name(bundle)+".git"))
}

// CloneInto clones a bundle into dir (for callers that keep one clone for several
// tests and remove it themselves).
func CloneInto(tb testing.TB, bundle, dir string) *Repo {
	tb.Helper()
	if out, err := exec.Command("git", "clone", "--mirror", "-q", bundle, dir).CombinedOutput(); err != nil {
		tb.Fatalf("git clone %s: %v\n%s", bundle, err, out)
	}
	return &Repo{Dir: dir}
}

// Git runs git in the clone with stdin ("" for none) and returns its output; a failure
// fails the test.
func (r *Repo) Git(tb testing.TB, stdin string, args ...string) string {
	tb.Helper()
	cmd := exec.Command("git", append([]string{"--git-dir", r.Dir}, args...)...)
	if stdin != "" {
		cmd.Stdin = strings.NewReader(stdin)
	}
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("git %s: %v", strings.Join(args, " "), err)
	}
	return string(out)
}

// Merge is a two-parent merge commit of the history and the paths both parents changed
// since the merge base.
type Merge struct {
	Commit, Ours, Theirs string
	// Base is the best common ancestor of the parents; Bases all of them, sorted, when
	// there are several (after a criss-cross merge); Base is then the first.
	Base  string
	Bases []string
	// Both are the paths both parents changed since Base (renames not followed), sorted.
	Both []string
}

// Merges returns the history's two-parent merges (octopus merges left out) whose
// parents both moved away from their merge base, in `git log --all` order, with the
// paths both sides changed. The merge bases are found in memory, and all sides are
// compared with the base in one `git diff-tree --stdin` run.
func (r *Repo) Merges(tb testing.TB) []Merge {
	tb.Helper()
	parents := map[string][]string{}
	var merges []Merge
	for _, line := range strings.Split(strings.TrimSpace(r.Git(tb, "", "log", "--all", "--format=%H %P")), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		parents[f[0]] = f[1:]
		if len(f) == 3 {
			merges = append(merges, Merge{Commit: f[0], Ours: f[1], Theirs: f[2]})
		}
	}
	var kept []Merge
	var pairs strings.Builder
	for _, m := range merges {
		m.Bases = MergeBases(parents, m.Ours, m.Theirs)
		if len(m.Bases) == 0 || m.Bases[0] == m.Ours || m.Bases[0] == m.Theirs {
			continue // unrelated, or one side did nothing: nothing to merge
		}
		m.Base = m.Bases[0]
		kept = append(kept, m)
		fmt.Fprintf(&pairs, "%s %s\n%s %s\n", m.Base, m.Ours, m.Base, m.Theirs)
	}
	// With --always every pair's answer starts with a header line (the first id), even
	// when nothing changed, so the output splits into one path list per pair.
	var changed []map[string]bool
	out := r.Git(tb, pairs.String(), "diff-tree", "--stdin", "--always", "-r", "--name-only", "--no-renames", "-z")
	for _, f := range strings.Split(out, "\x00") {
		switch {
		case f == "":
		case len(changed) < 2*len(kept) && f == kept[len(changed)/2].Base: // the next pair's header
			changed = append(changed, map[string]bool{})
		case len(changed) > 0:
			changed[len(changed)-1][f] = true
		}
	}
	if len(changed) != 2*len(kept) {
		tb.Fatalf("git diff-tree gave %d path lists for %d pairs", len(changed), 2*len(kept))
	}
	for i := range kept {
		for p := range changed[2*i] {
			if changed[2*i+1][p] {
				kept[i].Both = append(kept[i].Both, p)
			}
		}
		sort.Strings(kept[i].Both)
	}
	return kept
}

// MergeBases returns the best common ancestors of a and b in the parent map (what `git
// merge-base --all` prints), sorted; several after a criss-cross merge.
func MergeBases(parents map[string][]string, a, b string) []string {
	reach := func(from []string) map[string]bool {
		seen := map[string]bool{}
		for todo := append([]string(nil), from...); len(todo) > 0; {
			c := todo[len(todo)-1]
			todo = todo[:len(todo)-1]
			if !seen[c] {
				seen[c] = true
				todo = append(todo, parents[c]...)
			}
		}
		return seen
	}
	ofA, ofB := reach([]string{a}), reach([]string{b})
	var common, above []string
	for c := range ofA {
		if ofB[c] {
			common = append(common, c)
			above = append(above, parents[c]...)
		}
	}
	worse := reach(above) // everything reachable from a common ancestor's parents is not best
	var best []string
	for _, c := range common {
		if !worse[c] {
			best = append(best, c)
		}
	}
	sort.Strings(best)
	return best
}

// Blob is one object read by name ("<rev>:<path>"): its id and content; ID is "" when
// there is no such blob.
type Blob struct {
	ID   string
	Data []byte
}

// Blobs reads objects by name ("<rev>:<path>") in one `git cat-file --batch` run, in
// order; a missing one, or one that is not a blob, has no ID and no Data.
func (r *Repo) Blobs(tb testing.TB, names []string) []Blob {
	tb.Helper()
	out := make([]Blob, len(names))
	if len(names) == 0 {
		return out
	}
	cmd := exec.Command("git", "--git-dir", r.Dir, "cat-file", "--batch")
	cmd.Stdin = strings.NewReader(strings.Join(names, "\n") + "\n")
	raw, err := cmd.Output()
	if err != nil {
		tb.Fatalf("git cat-file: %v", err)
	}
	rd := bufio.NewReader(bytes.NewReader(raw))
	for i := range names {
		header, err := rd.ReadString('\n')
		if err != nil {
			tb.Fatalf("git cat-file: %v", err)
		}
		f := strings.Fields(header)
		if len(f) != 3 {
			continue // "<name> missing"
		}
		size, _ := strconv.Atoi(f[2])
		data := make([]byte, size+1) // the content and a newline
		if _, err := io.ReadFull(rd, data); err != nil {
			tb.Fatalf("git cat-file: %v", err)
		}
		if f[1] == "blob" {
			out[i] = Blob{ID: f[0], Data: data[:size]}
		}
	}
	return out
}
