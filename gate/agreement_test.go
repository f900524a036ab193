package gate

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/canvasgit/canvasgit/internal/gitobj"

	canvasgit "github.com/canvasgit/canvasgit"
	"github.com/canvasgit/canvasgit/internal/corpus"
)

// The gate must predict what `git merge-tree` does with the canvasgit merge driver
// installed: the same conflicted files, and for every clean file the same bytes.

var (
	driverOnce sync.Once
	driverExe  string
	driverErr  error
)

// TestMain removes the canvasgit binary the tests built.
func TestMain(m *testing.M) {
	code := m.Run()
	if driverExe != "" {
		os.RemoveAll(filepath.Dir(driverExe))
	}
	os.Exit(code)
}

// canvasgitBinary builds the canvasgit command once per test run.
func canvasgitBinary(t *testing.T) string {
	t.Helper()
	driverOnce.Do(func() {
		dir, err := os.MkdirTemp("", "canvasgit-gate-test")
		if err != nil {
			driverErr = err
			return
		}
		exe := filepath.Join(dir, "canvasgit")
		if runtime.GOOS == "windows" {
			exe += ".exe"
		}
		cmd := exec.Command("go", "build", "-o", exe, "github.com/canvasgit/canvasgit/cmd/canvasgit")
		cmd.Dir = ".."
		if out, err := cmd.CombinedOutput(); err != nil {
			driverErr = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		driverExe = exe
	})
	if driverErr != nil {
		t.Fatal(driverErr)
	}
	return driverExe
}

// driverGit runs git with the canvasgit driver and attributes visible to merge-tree,
// and no user or system configuration.
type driverGit struct {
	dir      string
	env      []string
	attrFile string
	// allFile routes every path to canvasgit (the example lines after "* merge=canvasgit").
	allFile string
	exe     string
}

func newDriverGit(t *testing.T, dir string) *driverGit {
	t.Helper()
	exe := canvasgitBinary(t)
	home := t.TempDir()
	attr := filepath.Join(home, "attributes")
	if err := os.WriteFile(attr, []byte(canvasgit.GitattributesExample), 0o644); err != nil {
		t.Fatal(err)
	}
	all := filepath.Join(home, "attributes-all")
	if err := os.WriteFile(all, []byte("* merge=canvasgit\n"+canvasgit.GitattributesExample), 0o644); err != nil {
		t.Fatal(err)
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") && !strings.HasPrefix(kv, "HOME=") && !strings.HasPrefix(kv, "XDG_CONFIG_HOME=") {
			env = append(env, kv)
		}
	}
	env = append(env, "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.com")
	return &driverGit{dir: dir, env: env, attrFile: attr, allFile: all, exe: exe}
}

func (g *driverGit) run(args ...string) (stdout []byte, code int, err error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = g.dir
	cmd.Env = g.env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return out.Bytes(), ee.ExitCode(), nil
	}
	if err != nil {
		return nil, -1, err
	}
	return out.Bytes(), 0, nil
}

func (g *driverGit) must(t *testing.T, args ...string) string {
	t.Helper()
	out, code, err := g.run(args...)
	if err != nil || code != 0 {
		t.Fatalf("git %s: exit %d %v", strings.Join(args, " "), code, err)
	}
	return strings.TrimSpace(string(out))
}

// mergeTree runs merge-tree with the driver: the result tree and the conflicted paths.
func (g *driverGit) mergeTree(t *testing.T, attrFile, a, b string) (tree string, conflicted []string) {
	t.Helper()
	driver := "'" + filepath.ToSlash(g.exe) + "' merge --marker-size=%L --path=%P %O %A %B"
	out, code, err := g.run("-c", "core.attributesFile="+filepath.ToSlash(attrFile),
		"-c", "merge.canvasgit.driver="+driver,
		"merge-tree", "--write-tree", "-z", "--name-only", a, b)
	if err != nil || (code != 0 && code != 1) {
		t.Fatalf("git merge-tree %s %s: exit %d %v", a, b, code, err)
	}
	recs := strings.Split(string(out), "\x00")
	tree = recs[0]
	for _, r := range recs[1:] {
		if r == "" {
			break
		}
		conflicted = append(conflicted, r)
	}
	sort.Strings(conflicted)
	conflicted = dedupe(conflicted)
	return tree, conflicted
}

func dedupe(s []string) []string {
	var out []string
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// lsTree lists a tree's files: path → "mode id".
func (g *driverGit) lsTree(t *testing.T, tree string) map[string]string {
	t.Helper()
	out := g.must(t, "ls-tree", "-r", "-z", "--full-tree", tree)
	files := map[string]string{}
	for _, rec := range strings.Split(out, "\x00") {
		head, p, ok := strings.Cut(rec, "\t")
		if !ok {
			continue
		}
		f := strings.Fields(head)
		files[p] = f[0] + " " + f[2]
	}
	return files
}

// gitMerge is merge-tree's answer for one merge.
type gitMerge struct {
	tree       string
	conflicted []string
	elapsed    time.Duration
}

func (g *driverGit) merge(t *testing.T, attrFile, a, b string) gitMerge {
	start := time.Now()
	tree, conflicted := g.mergeTree(t, attrFile, a, b)
	return gitMerge{tree: tree, conflicted: conflicted, elapsed: time.Since(start)}
}

// agreement compares the gate's report with merge-tree's answer for one merge; it
// returns a description of each disagreement.
func agreement(t *testing.T, g *driverGit, rep *Report, want gitMerge) (problems []string) {
	t.Helper()
	var got []string
	for _, f := range rep.Files {
		if f.Status != StatusClean {
			got = append(got, f.Path)
		}
	}
	sort.Strings(got)
	if strings.Join(got, "\n") != strings.Join(want.conflicted, "\n") {
		problems = append(problems, fmt.Sprintf("conflicted files differ:\n  gate:       %v\n  merge-tree: %v", got, want.conflicted))
	}
	if len(rep.Files) == 0 {
		return problems
	}
	files := g.lsTree(t, want.tree)
	for _, f := range rep.Files {
		if f.Status != StatusClean || contains(want.conflicted, f.Path) {
			continue
		}
		gitFile, inGit := files[f.Path]
		switch {
		case f.Deleted && inGit:
			problems = append(problems, fmt.Sprintf("%s: deleted by the gate, present in merge-tree's tree", f.Path))
		case !f.Deleted && !inGit:
			problems = append(problems, fmt.Sprintf("%s: present in the gate's result, absent from merge-tree's tree", f.Path))
		case !f.Deleted && f.Mode == 0o160000:
			// a submodule: the report has no content to compare
		case !f.Deleted:
			id := gitobj.HashObject(gitobj.TypeBlob, f.Content).String()
			if mine := fmt.Sprintf("%06o %s", f.Mode, id); mine != gitFile {
				problems = append(problems, fmt.Sprintf("%s: merged result differs (gate %s, merge-tree %s)", f.Path, mine, gitFile))
			}
		}
	}
	return problems
}

// explain checks the one known cause of disagreement: a file the attributes do not
// route to canvasgit is merged by git's own text merge, which inside merge-ort uses
// the histogram diff, while the engine (and so the gate) uses git's default Myers
// diff, as `git merge-file` and the driver do. The difference is explained when
// merge-tree with every path routed to the driver agrees with the gate, and every
// differing path is one the example attributes leave to git.
func (g *driverGit) explain(t *testing.T, rep *Report, a, b string) string {
	t.Helper()
	all := g.merge(t, g.allFile, a, b)
	if len(agreement(t, g, rep, all)) != 0 {
		return ""
	}
	plain := g.merge(t, g.attrFile, a, b)
	var differing []string
	for _, f := range rep.Files {
		if contains(plain.conflicted, f.Path) != (f.Status != StatusClean) {
			differing = append(differing, f.Path)
		}
	}
	for _, p := range plain.conflicted {
		if !containsFile(rep.Files, p) {
			differing = append(differing, p)
		}
	}
	for _, p := range differing {
		out := g.must(t, "-c", "core.attributesFile="+filepath.ToSlash(g.attrFile), "check-attr", "merge", "--", p)
		if strings.HasSuffix(out, ": canvasgit") {
			return ""
		}
	}
	return fmt.Sprintf("%v not routed to canvasgit by gitattributes.example; git merged them with its built-in text merge (histogram diff), the driver and the gate conflict", differing)
}

func containsFile(files []*File, p string) bool {
	for _, f := range files {
		if f.Path == p {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestAgreementCorpus replays every merge commit of the corpus bundles.
func TestAgreementCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus replay skipped in -short mode")
	}
	bundles := corpus.Bundles(t)
	var total, agree, explained int
	var gateTotal, gitTotal time.Duration
	for _, bundle := range bundles {
		name := corpus.Name(bundle)
		repoDir := corpus.Clone(t, bundle).Dir
		g := newDriverGit(t, repoDir)
		r, err := Open(repoDir)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(g.must(t, "rev-list", "--all", "--merges", "--parents"), "\n")
		type job struct{ merge, a, b string }
		var jobs []job
		for _, l := range lines {
			f := strings.Fields(l)
			if len(f) == 3 {
				jobs = append(jobs, job{f[0], f[1], f[2]})
			}
		}
		// merge-tree runs in parallel (it spawns a driver per file); the gate runs here.
		results := make([]chan gitMerge, len(jobs))
		sem := make(chan struct{}, max(1, runtime.NumCPU()))
		for i, j := range jobs {
			results[i] = make(chan gitMerge, 1)
			go func(i int, a, b string) {
				sem <- struct{}{}
				defer func() { <-sem }()
				results[i] <- g.merge(t, g.attrFile, a, b)
			}(i, j.a, j.b)
		}
		for i, j := range jobs {
			start := time.Now()
			rep, err := Run(r, Options{Target: j.a, Source: j.b, KeepContent: true})
			gateTotal += time.Since(start)
			want := <-results[i]
			gitTotal += want.elapsed
			total++
			var problems []string
			if err != nil {
				problems = []string{fmt.Sprintf("gate error: %v", err)}
			} else {
				problems = agreement(t, g, rep, want)
			}
			if len(problems) == 0 {
				agree++
				continue
			}
			if why := g.explain(t, rep, j.a, j.b); why != "" {
				explained++
				t.Logf("%s: merge %s (%s + %s) differs, explained: %s\n%s", name, j.merge[:10], j.a[:10], j.b[:10], why, strings.Join(problems, "\n"))
				continue
			}
			t.Errorf("%s: merge %s (%s + %s):\n%s", name, j.merge[:10], j.a[:10], j.b[:10], strings.Join(problems, "\n"))
		}
		r.Close()
	}
	t.Logf("corpus agreement: %d merges checked, %d agree, %d differ (%d of them explained by git's built-in text merge)", total, agree, total-agree, explained)
	if gateTotal > 0 {
		t.Logf("time: gate %v, git merge-tree with the driver %v (merge-tree / gate = %.1f)", gateTotal.Round(time.Millisecond), gitTotal.Round(time.Millisecond), float64(gitTotal)/float64(gateTotal))
	}
}

// TestMergeBasesCorpus compares the merge-base walk with `git merge-base --all`
// (same commits, same order) on pairs of commits from the corpus histories.
func TestMergeBasesCorpus(t *testing.T) {
	bundles := corpus.Bundles(t)
	checked := 0
	for _, bundle := range bundles {
		repoDir := corpus.Clone(t, bundle).Dir
		g := newDriverGit(t, repoDir)
		r, err := Open(repoDir)
		if err != nil {
			t.Fatal(err)
		}
		commits := strings.Fields(g.must(t, "rev-list", "--all", "--date-order"))
		gr := newGraph(r.objects(), nil)
		// Pairs spread over the history: near and far apart.
		for i := 0; i < len(commits); i += 1 + len(commits)/16 {
			for _, step := range []int{1, 50, 400} {
				j := (i + step*13) % len(commits)
				a, b := commits[i], commits[j]
				out, code, err := g.run("merge-base", "--all", a, b)
				if err != nil || (code != 0 && code != 1) {
					t.Fatalf("git merge-base: %v %d", err, code)
				}
				want := strings.Fields(string(out))
				na, _ := gr.commit(gitobj.MustParseID(a))
				nb, _ := gr.commit(gitobj.MustParseID(b))
				bases, err := gr.mergeBases(na, nb)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, c := range bases {
					got = append(got, c.id.String())
				}
				if strings.Join(got, " ") != strings.Join(want, " ") {
					t.Errorf("merge-base %s %s: got %v, git says %v", a[:10], b[:10], got, want)
				}
				checked++
			}
		}
		r.Close()
	}
	t.Logf("%d merge bases checked against git merge-base --all", checked)
}
