package linemerge

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// findCorpus walks up from the working directory to a shared/corpus folder.
func findCorpus() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, "shared", "corpus")
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// triple is one file merge taken from a recorded merge commit.
type triple struct {
	name               string
	base, ours, theirs []byte
}

// TestConformanceCorpus replays the merges recorded in the corpus bundles: for
// every file both parents changed, Merge must match git merge-file on the
// three blobs (merge and diff3 styles).
func TestConformanceCorpus(t *testing.T) {
	corpus := findCorpus()
	var bundles []string
	if corpus != "" {
		bundles, _ = filepath.Glob(filepath.Join(corpus, "merges", "*.bundle"))
	}
	if len(bundles) == 0 {
		t.Skip("no shared/corpus/merges/*.bundle above the working directory; skipping corpus conformance")
	}
	newGitRef(t) // skips without git
	var cases []triple
	for _, b := range bundles {
		cases = append(cases, bundleTriples(t, b)...)
	}
	styles := []Style{StyleMerge, StyleDiff3}
	deadline := time.Now().Add(25 * time.Second)
	res := compareWithGit(t, len(cases)*len(styles), func(i int) (triple, Options) {
		c := cases[i/len(styles)]
		return c, Options{Style: styles[i%len(styles)], OursLabel: "HEAD", BaseLabel: "merged common ancestors", TheirsLabel: "theirs"}
	}, deadline)
	t.Logf("corpus: %d files from %d bundles, %d merges compared, %d identical, %d differ, %d skipped for time",
		len(cases), len(bundles), res.compared, res.compared-res.differ, res.differ, res.skipped)
}

// bundleTriples clones a bundle and collects, for each merge commit, the
// files changed on both sides since the merge base (deduplicated by blobs).
func bundleTriples(t *testing.T, bundle string) []triple {
	g := newGitRef(t)
	repo := filepath.Join(t.TempDir(), "repo.git")
	g.run(t, []string{"clone", "--mirror", "-q", bundle, repo})
	git := func(args ...string) string {
		out, code := g.run(t, append([]string{"--git-dir", repo}, args...))
		if code != 0 {
			return ""
		}
		return string(out)
	}
	cat := newCatFile(t, g.git, repo)
	defer cat.close()
	seen := map[string]bool{}
	var out []triple
	for _, line := range strings.Split(strings.TrimSpace(git("log", "--all", "--merges", "--format=%H %P")), "\n") {
		f := strings.Fields(line)
		if len(f) != 3 { // skip octopus merges and empty output
			continue
		}
		mb := strings.TrimSpace(git("merge-base", f[1], f[2]))
		if mb == "" {
			continue
		}
		for _, path := range changedOnBoth(git, mb, f[1], f[2]) {
			bid, base := cat.get(mb + ":" + path)
			oid, ours := cat.get(f[1] + ":" + path)
			tid, theirs := cat.get(f[2] + ":" + path)
			key := bid + oid + tid
			if oid == "" || tid == "" || seen[key] {
				continue // deleted on a side, or already collected
			}
			seen[key] = true
			if IsBinary(base) || IsBinary(ours) || IsBinary(theirs) {
				continue
			}
			out = append(out, triple{
				name: fmt.Sprintf("%s %.10s %s", filepath.Base(bundle), f[0], path),
				base: base, ours: ours, theirs: theirs,
			})
		}
	}
	return out
}

func changedOnBoth(git func(...string) string, mb, p1, p2 string) []string {
	one := map[string]bool{}
	for _, p := range strings.Split(git("diff", "--name-only", "--no-renames", mb, p1), "\n") {
		one[p] = p != ""
	}
	var both []string
	for _, p := range strings.Split(git("diff", "--name-only", "--no-renames", mb, p2), "\n") {
		if one[p] {
			both = append(both, p)
		}
	}
	return both
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

type compareResult struct{ compared, differ, skipped int }

// compareWithGit runs n comparisons of Merge against git merge-file on all
// CPUs. Differences are reported as test errors (the first few in detail).
func compareWithGit(t *testing.T, n int, gen func(i int) (triple, Options), deadline time.Time) compareResult {
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
				c, opt := gen(i)
				want, code := g.mergeFile(t, c.base, c.ours, c.theirs, opt)
				got := Merge(c.base, c.ours, c.theirs, opt)
				same := bytes.Equal(got.Merged, want) && min(len(got.Conflicts), 127) == code
				mu.Lock()
				res.compared++
				if !same {
					res.differ++
					if res.differ <= 3 {
						t.Errorf("%s (style %d): Merge differs from git merge-file (conflicts %d, git %d)\n%s",
							c.name, opt.Style, len(got.Conflicts), code, describe(c.base, c.ours, c.theirs, got.Merged, want))
					} else {
						t.Errorf("%s (style %d): Merge differs from git merge-file", c.name, opt.Style)
					}
				}
				mu.Unlock()
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
