// Package replay measures canvasgit on a repository's own history: it re-merges the two
// parents of every merge commit that changed a canvas app on both sides, once as plain
// git does and once with canvasgit's driver and rules, and compares both with each
// other and with the merge that was recorded. It never writes into the repository: the
// merges run in a scratch git directory that borrows the repository's objects.
package replay

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	canvasgit "github.com/canvasgit/canvasgit"
	"github.com/canvasgit/canvasgit/merge"
	"github.com/canvasgit/canvasgit/merge/linemerge"
	srcapp "github.com/canvasgit/canvasgit/source/app"
)

// DefaultRevList selects the merges to replay when the user gives no --rev-list: every
// local branch, tag and remote-tracking branch. Unlike --all it leaves out refs/stash
// (stash entries are merge commits), notes, and forge refs such as refs/pull/*/merge
// in mirror clones (trial merges nobody made). Unlike HEAD it also finds merges on
// branches other than the checked-out one (a mirror clone of a bundle often has HEAD on
// a branch with no merges at all).
var DefaultRevList = []string{"--branches", "--tags", "--remotes"}

// DefaultTimeout is the time limit of one merge-tree run.
const DefaultTimeout = 60 * time.Second

// Options say what to replay and how.
type Options struct {
	Repo    string   // the repository (work tree, bare repository or git dir); "" is "."
	RevList []string // arguments for `git rev-list --merges`; nil is DefaultRevList
	// Executable is the canvasgit binary git runs as the merge driver (an absolute
	// path). DriverCommand, when set, replaces the whole driver command line (git's
	// placeholders %O %A %B %L %P apply; WrapDriver adds the exit-code report the
	// replay reads): tests use it, and `replay --driver` to time another driver.
	Executable    string
	DriverCommand string
	Timeout       time.Duration // per merge-tree run; 0 is DefaultTimeout
	CasesDir      string        // when set, write each differing or conflicted case here
	// Jobs is how many merges are replayed at once; 0 or 1 is one at a time, which
	// keeps the wall times free of contention (use more only for counts).
	Jobs int
	// Progress receives progress lines; nil for none. ProgressTTY rewrites one line
	// with \r (for a terminal) instead of printing a line every 25 merges.
	Progress    io.Writer
	ProgressTTY bool
}

// Run replays the merges. The error is for problems with the repository or the
// arguments; problems with single merges are in the report.
func Run(opts Options) (*Report, error) {
	if opts.Repo == "" {
		opts.Repo = "."
	}
	if opts.RevList == nil {
		opts.RevList = DefaultRevList
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	driver := opts.DriverCommand
	if driver == "" {
		if opts.Executable == "" {
			return nil, errors.New("no canvasgit executable to run as the merge driver")
		}
		driver = driverCommand(opts.Executable)
	}

	env := baseEnv()
	version, ok, err := gitVersion(env)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("git %s is too old: replay needs git merge-tree --write-tree (git 2.38 or later)", version)
	}
	repoDir, err := filepath.Abs(opts.Repo)
	if err != nil {
		return nil, err
	}
	repo := &repoGit{dir: repoDir, env: env}
	out, err := repo.output("rev-parse", "--path-format=absolute", "--git-dir", "--git-path", "objects", "--show-object-format")
	if err != nil {
		return nil, fmt.Errorf("%s is not a git repository: %w", opts.Repo, err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 3 {
		return nil, fmt.Errorf("git rev-parse: unexpected output %q", out)
	}
	objects, objectFormat := lines[1], lines[2]
	hashLen := 20
	if objectFormat == "sha256" {
		hashLen = 32
	}

	rep := &Report{
		Repo: repoDir, RevList: opts.RevList, GitVersion: version, Driver: driver,
		TimeoutSeconds: opts.Timeout.Seconds(), Skipped: []Skip{}, Merges: []Merge{},
	}
	merges, err := listMerges(repo, opts.RevList)
	if err != nil {
		return nil, err
	}
	rep.MergeCommits = len(merges)

	sc, err := newScratch(objects, objectFormat, canvasgit.GitattributesExample)
	if err != nil {
		return nil, err
	}
	defer sc.remove()
	cat, err := startCatFile(sc.dir, sc.env)
	if err != nil {
		return nil, err
	}
	defer cat.close()
	r := &replayer{opts: opts, repo: repo, sc: sc, cat: cat, hashLen: hashLen, driver: driver,
		manifest: map[string]bool{}, paSources: map[string]bool{}}

	// Phase 1: which merges changed an app on both sides.
	var todo []*candidate
	scan := progress{w: opts.Progress, tty: opts.ProgressTTY, total: len(merges), what: "merge commits scanned", every: 250}
	for i, m := range merges {
		c, skip, err := r.inspect(m)
		if err != nil {
			scan.done()
			return nil, err
		}
		scan.update(i + 1)
		switch {
		case skip != "":
			rep.Skipped = append(rep.Skipped, Skip{Commit: m.commit, Reason: skip})
		case c == nil:
			rep.OtherMerges++
		default:
			todo = append(todo, c)
		}
	}
	scan.done()

	// Phase 2: replay them.
	prog := &progress{w: opts.Progress, tty: opts.ProgressTTY, total: len(todo), what: "merges", every: 25}
	merged, err := r.replayAll(todo, prog)
	prog.done()
	if err != nil {
		return nil, err
	}
	rep.Merges = merged
	rep.total()
	return rep, nil
}

// replayAll replays the candidates with opts.Jobs workers, each with its own cat-file,
// and returns the merges in the candidates' order.
func (r *replayer) replayAll(todo []*candidate, prog *progress) ([]Merge, error) {
	jobs := min(max(r.opts.Jobs, 1), max(len(todo), 1))
	out := make([]Merge, len(todo))
	errs := make([]error, len(todo))
	next := make(chan int)
	var mu sync.Mutex
	done := 0
	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		worker := r
		if w > 0 {
			cat, err := startCatFile(r.sc.dir, r.sc.env)
			if err != nil {
				close(next)
				wg.Wait()
				return nil, err
			}
			defer cat.close()
			wr := *r
			wr.cat, wr.manifest, wr.paSources = cat, map[string]bool{}, map[string]bool{}
			worker = &wr
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i], errs[i] = worker.replay(todo[i])
				mu.Lock()
				done++
				prog.update(done)
				mu.Unlock()
			}
		}()
	}
	for i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// mergeCommit is one line of rev-list.
type mergeCommit struct {
	commit  string
	parents []string
	subject string
}

func listMerges(repo *repoGit, revList []string) ([]mergeCommit, error) {
	args := append([]string{"rev-list", "--merges", "--no-commit-header", "--format=%H %P%x09%s"}, revList...)
	out, err := repo.output(args...)
	if err != nil {
		return nil, err
	}
	var merges []mergeCommit
	for _, line := range strings.Split(string(out), "\n") {
		if line == "" {
			continue
		}
		ids, subject, _ := strings.Cut(line, "\t")
		f := strings.Fields(ids)
		if len(f) < 3 || !isHex(f[0]) {
			return nil, fmt.Errorf("git rev-list --merges %s: unexpected output %q", strings.Join(revList, " "), line)
		}
		merges = append(merges, mergeCommit{commit: f[0], parents: f[1:], subject: subject})
	}
	return merges, nil
}

func isHex(s string) bool {
	if len(s) < 40 {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}

type replayer struct {
	opts     Options
	repo     *repoGit
	sc       *scratch
	cat      *catFile
	hashLen  int
	driver   string
	manifest map[string]bool // "rev\x00dir" → holds CanvasManifest.json
	// paSources: "rev\x00dir" → a `.pa.yaml` app root (payaml.go)
	paSources map[string]bool
}

// change is one side's change of a path against the merge base.
type change struct {
	oldMode, newMode, oldOID, newOID string
}

// candidate is a merge that changed an app on both sides.
type candidate struct {
	mergeCommit
	bases        []string
	apps         []string
	ours, theirs map[string]change
	inApp        map[string]bool
}

// inspect decides whether a merge is replayed; skip is the reason when it cannot be.
func (r *replayer) inspect(m mergeCommit) (*candidate, string, error) {
	if len(m.parents) != 2 {
		return nil, fmt.Sprintf("octopus merge (%d parents)", len(m.parents)), nil
	}
	res, err := runGit(context.Background(), r.repo.dir, r.repo.env, "merge-base", "--all", m.parents[0], m.parents[1])
	if err != nil {
		return nil, "", err
	}
	bases := strings.Fields(string(res.stdout))
	switch {
	case res.code > 1: // a shallow or damaged history: parents or ancestors missing
		return nil, "git merge-base failed: " + lastLines(res.stderr, 1), nil
	case res.code != 0 || len(bases) == 0:
		return nil, "no merge base (unrelated histories)", nil
	}
	c := &candidate{mergeCommit: m, bases: bases, inApp: map[string]bool{}}
	if c.ours, err = r.diff(bases[0], m.parents[0]); err != nil {
		return nil, "", err
	}
	if c.theirs, err = r.diff(bases[0], m.parents[1]); err != nil {
		return nil, "", err
	}
	revs := []string{bases[0], m.parents[0], m.parents[1]}
	apps := map[string]bool{}
	var sideApp [2]bool
	for i, side := range []map[string]change{c.ours, c.theirs} {
		for p := range side {
			root, ok, err := r.appOf(p, revs)
			if err != nil {
				return nil, "", err
			}
			if ok {
				apps[root], c.inApp[p], sideApp[i] = true, true, true
			}
		}
	}
	if !sideApp[0] || !sideApp[1] {
		return nil, "", nil
	}
	for a := range apps {
		c.apps = append(c.apps, a)
	}
	sort.Strings(c.apps)
	return c, "", nil
}

// diff lists the paths that differ between two commits, renames not detected.
func (r *replayer) diff(from, to string) (map[string]change, error) {
	out, err := r.repo.output("diff-tree", "-r", "-z", "--no-renames", "--raw", from, to)
	if err != nil {
		return nil, err
	}
	changes := map[string]change{}
	recs := strings.Split(string(out), "\x00")
	for i := 0; i+1 < len(recs); i += 2 {
		meta, path := recs[i], recs[i+1]
		f := strings.Fields(strings.TrimPrefix(meta, ":"))
		if len(f) < 4 {
			return nil, fmt.Errorf("git diff-tree: unexpected output %q", meta)
		}
		changes[path] = change{oldMode: f[0], newMode: f[1], oldOID: f[2], newOID: f[3]}
	}
	return changes, nil
}

// appOf returns the app folder holding path ("." for the root), if any: the nearest
// folder above it that holds CanvasManifest.json in one of revs, else the outermost
// `.pa.yaml` app root (paAppOf).
func (r *replayer) appOf(path string, revs []string) (string, bool, error) {
	root, ok, err := srcapp.Enclosing(path, func(dir string) (bool, error) {
		if dir == "." {
			dir = ""
		}
		for _, rev := range revs {
			key := rev + "\x00" + dir
			has, ok := r.manifest[key]
			if !ok {
				var err error
				if has, err = r.cat.treeHasManifest(rev, dir, r.hashLen); err != nil {
					return false, err
				}
				r.manifest[key] = has
			}
			if has {
				return true, nil
			}
		}
		return false, nil
	})
	if err != nil || ok {
		return root, ok, err
	}
	// dirs: the folders above path, outermost ("" for the top) first.
	dirs := []string{""}
	for i := 0; i < len(path); i++ {
		if path[i] == '/' {
			dirs = append(dirs, path[:i])
		}
	}
	return r.paAppOf(dirs, revs)
}

// mergeRun is one finished merge-tree run.
type mergeRun struct {
	res    gitResult
	tree   treeResult
	calls  map[string]driverCall // last driver call by path
	report RunResult
}

func (r *replayer) mergeTree(c *candidate, withDriver bool) mergeRun {
	var args []string
	if withDriver {
		args = append(args,
			"-c", "core.attributesFile="+toSlash(r.sc.attrFile),
			"-c", "merge.canvasgit.name=canvasgit (replay)",
			"-c", "merge.canvasgit.driver="+r.driver)
	}
	args = append(args, "merge-tree", "--write-tree", "-z", c.parents[0], c.parents[1])
	ctx, cancel := context.WithTimeout(context.Background(), r.opts.Timeout)
	defer cancel()
	res, err := runGit(ctx, r.sc.dir, r.sc.env, args...)
	mr := mergeRun{res: res, calls: map[string]driverCall{}}
	mr.report.Seconds = res.elapsed.Seconds()
	switch {
	case err != nil:
		mr.report.Status, mr.report.Error = "failed", err.Error()
	case res.timedOut:
		mr.report.Status = "timeout"
		mr.report.Error = fmt.Sprintf("merge-tree did not finish within %s", r.opts.Timeout)
	case res.code == 0 || res.code == 1:
		mr.tree = parseMergeTree(res.stdout)
		mr.report.Tree = mr.tree.tree
		mr.report.Status = "clean"
		if res.code == 1 {
			mr.report.Status = "conflicted"
		}
		mr.report.Conflicted = len(mr.tree.conflicted)
	default:
		mr.report.Status = "failed"
		mr.report.Error = fmt.Sprintf("git merge-tree exited with %d: %s", res.code, lastLines(res.stderr, 5))
	}
	if withDriver {
		calls, stray := parseDriverLines(res.stderr)
		mr.report.DriverCalls = len(calls)
		for _, call := range calls {
			mr.calls[call.path] = call
			if call.exit > exitUsage || call.exit < 0 || len(call.internal) > 0 {
				mr.report.DriverErrors = append(mr.report.DriverErrors, DriverError{
					Path: call.path, Exit: call.exit, Message: strings.Join(call.internal, "\n"),
				})
			}
		}
		if len(stray) > 0 {
			mr.report.DriverErrors = append(mr.report.DriverErrors, DriverError{Exit: -1, Message: strings.Join(stray, "\n")})
		}
		if mr.report.Status == "failed" {
			mr.report.DriverErrors = append(mr.report.DriverErrors, DriverError{Exit: res.code, Message: mr.report.Error})
		}
	}
	return mr
}

// exitUsage is the highest exit code canvasgit merge uses on purpose.
const exitUsage = 2

func (r *replayer) replay(c *candidate) (Merge, error) {
	m := Merge{
		Commit: c.commit, Subject: c.subject, Parents: c.parents, Base: c.bases[0],
		MergeBases: len(c.bases), Apps: c.apps, Files: []File{},
	}
	plain := r.mergeTree(c, false)
	cg := r.mergeTree(c, true)

	paths := map[string]bool{}
	both := map[string]bool{}
	for p, o := range c.ours {
		t, ok := c.theirs[p]
		if !ok || !c.inApp[p] || (o.newMode == t.newMode && o.newOID == t.newOID) {
			continue
		}
		if !isFileMode(o.newMode) || !isFileMode(t.newMode) || !isFileMode(o.oldMode) {
			continue // submodules and symlinks are not merged as content
		}
		both[p], paths[p] = true, true
	}
	for _, run := range []mergeRun{plain, cg} {
		for p := range run.tree.conflicted {
			paths[p] = true
		}
	}
	sorted := make([]string, 0, len(paths))
	for p := range paths {
		sorted = append(sorted, p)
	}
	sort.Strings(sorted)

	revs := []string{c.bases[0], c.parents[0], c.parents[1]}
	for _, p := range sorted {
		f := File{Path: p, BothChanged: both[p], Kind: OutsideApp}
		inApp := c.inApp[p]
		if !inApp {
			var err error
			if _, inApp, err = r.appOf(p, revs); err != nil {
				return m, err
			}
		}
		rule := merge.RuleFor(p)
		if inApp {
			f.Kind = string(rule.Kind)
		}
		var err error
		if f.Plain, err = r.fileRun(c, p, f, plain, rule, &plain.report.Agreement); err != nil {
			return m, err
		}
		if f.Canvasgit, err = r.fileRun(c, p, f, cg, rule, &cg.report.Agreement); err != nil {
			return m, err
		}
		if f.Canvasgit.Status == "refused" {
			cg.report.Refused++
		}
		if p, c, ok := conflictLines(f); ok && c > p {
			f.LargerConflict = true
		}
		if r.opts.CasesDir != "" && (f.Canvasgit.Recorded == Differs || f.Canvasgit.Status == "conflicted" || f.Canvasgit.Status == "refused") {
			if f.Case, err = r.writeCase(c, f, plain, cg); err != nil {
				return m, err
			}
		}
		m.Files = append(m.Files, f)
	}
	m.Plain, m.Canvasgit = plain.report, cg.report
	m.Resolved = m.Plain.Status == "conflicted" && m.Canvasgit.Status == "clean"
	return m, nil
}

func isFileMode(mode string) bool {
	return mode == "100644" || mode == "100755" || mode == "000000"
}

// fileRun classifies one file in one run and, for a clean file both sides changed,
// compares the result with the recorded merge, counting the result in acc.
func (r *replayer) fileRun(c *candidate, p string, f File, run mergeRun, rule merge.Rule, acc *Agreement) (FileRun, error) {
	var fr FileRun
	if call, ok := run.calls[p]; ok {
		exit := call.exit
		fr.DriverExit = &exit
	}
	if run.report.Status != "clean" && run.report.Status != "conflicted" {
		fr.Status = "unknown"
		return fr, nil
	}
	if ci := run.tree.conflicted[p]; ci != nil {
		fr.Status, fr.Conflict = "conflicted", ci.types
		if fr.DriverExit != nil && *fr.DriverExit == 1 && rule.Strategy == merge.Protected {
			fr.Status = "refused"
		}
		got, ok, err := r.cat.blob(run.tree.tree, p)
		if err != nil {
			return fr, err
		}
		if ok {
			// merge-tree writes the conflicted content, markers included, into its
			// tree; neither run sets a conflict-marker-size, so markers have git's 7.
			n := linemerge.ConflictLines(got, 0)
			fr.ConflictLines = &n
		}
		return fr, nil
	}
	fr.Status = "clean"
	zero := 0
	fr.ConflictLines = &zero
	if !f.BothChanged {
		return fr, nil
	}
	got, gotOK, err := r.cat.blob(run.tree.tree, p)
	if err != nil {
		return fr, err
	}
	rec, recOK, err := r.cat.blob(c.commit, p)
	if err != nil {
		return fr, err
	}
	fr.Recorded = compareRecorded(merge.Kind(f.Kind), got, gotOK, rec, recOK)
	acc.count(fr.Recorded)
	return fr, nil
}

// progress prints "replay: 40/113 merges": rewritten in place with \r on a terminal,
// otherwise a line every so many and the last count reached.
type progress struct {
	w       io.Writer
	tty     bool
	total   int
	what    string
	every   int
	printed bool
	last    int // the count of the last line printed (not on a terminal)
	n       int // the last count reached
}

func (p *progress) update(n int) {
	if p.w == nil {
		return
	}
	p.n = n
	switch {
	case p.tty:
		fmt.Fprintf(p.w, "\rreplay: %d/%d %s", n, p.total, p.what)
		p.printed = true
	case n%p.every == 0:
		fmt.Fprintf(p.w, "replay: %d/%d %s\n", n, p.total, p.what)
		p.last = n
	}
}

// done ends a terminal line, or prints the final count after periodic lines.
func (p *progress) done() {
	if p.w == nil {
		return
	}
	if p.tty && p.printed {
		fmt.Fprintln(p.w)
	}
	if !p.tty && p.n > 0 && p.n != p.last {
		// Only asked for (canvasgit replay --progress): a short history gets its count too.
		fmt.Fprintf(p.w, "replay: %d/%d %s\n", p.n, p.total, p.what)
	}
}
