package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/canvasgit/canvasgit/check"
	"github.com/canvasgit/canvasgit/gitsetup"
)

func init() { register(newCheckCmd) }

// checkFlags are the flags of canvasgit check.
type checkFlags struct {
	format, rev, touched string
	cached               bool
}

func newCheckCmd(stdout, stderr io.Writer) *cobra.Command {
	var f checkFlags
	cmd := withManual(&cobra.Command{
		Use:     "check [flags] [PATH...]",
		Short:   "check canvas apps for problems no per-file merge can see (duplicate names, ScreenOrder, ids, ...)",
		GroupID: "checks",
		Example: `  # every app in or above the current folder, as the work tree has it
  canvasgit check

  # what a commit would record, counting only what it introduces (the pre-commit hook)
  canvasgit check --cached --touched HEAD

  # the apps a merge changed, after it was committed (the post-merge hook)
  canvasgit check --rev HEAD --touched ORIG_HEAD

  # one app, as JSON
  canvasgit check --format json src/MyApp`,
		RunE: func(_ *cobra.Command, args []string) error {
			return exitWith(runCheck(f, args, stdout, stderr))
		},
	})
	fl := cmd.Flags()
	fl.StringVar(&f.format, "format", "text", "output `FORMAT`: text or json")
	fl.BoolVar(&f.cached, "cached", false, "check the files staged in the index instead of the work tree")
	fl.StringVar(&f.rev, "rev", "", "check the files of a commit (`REV`, e.g. HEAD) instead of the work tree")
	fl.StringVar(&f.touched, "touched", "", "only check the apps with a file that differs from this commit (`BASE`, e.g. HEAD, ORIG_HEAD), and count only the findings it does not already have")
	completeValues(cmd, "format", "text", "json")
	_ = cmd.RegisterFlagCompletionFunc("rev", completeRevisions)
	_ = cmd.RegisterFlagCompletionFunc("touched", completeRevisions)
	return cmd
}

// runCheck is `canvasgit check [--format text|json] [--cached | --rev REV] [--touched
// BASE] [PATH...]`. Exit 0 when no errors were found (warnings allowed), 1 when at least
// one was, 2 for usage errors, when the check could not run, and when a file was not
// checked because it is over check.MaxFileSize. With --touched, findings
// BASE already had are listed apart as pre-existing and never count: a commit is
// blocked only by what it introduces. See docs/check.md.
func runCheck(f checkFlags, paths []string, stdout, stderr io.Writer) int {
	if f.format != "text" && f.format != "json" {
		fmt.Fprintf(stderr, "canvasgit check: --format must be text or json, got %q\n", f.format)
		return exitUsage
	}
	if f.cached && f.rev != "" {
		fmt.Fprintln(stderr, "canvasgit check: choose one of --cached, --rev")
		return exitUsage
	}
	implicit := len(paths) == 0
	if implicit {
		paths = []string{"."}
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			fmt.Fprintf(stderr, "canvasgit check: %v\n", err)
			return exitUsage
		}
	}

	var apps []checkedApp
	var err error
	if f.cached || f.rev != "" || f.touched != "" {
		src := gitSource{cached: f.cached, rev: f.rev, touched: f.touched, implicit: implicit}
		apps, err = src.check(paths)
	} else {
		apps, err = checkWorkTree(paths)
	}
	if err != nil { // a bad PATH (checkUsageError), or git or the file system failed
		fmt.Fprintf(stderr, "canvasgit check: %v\n", err)
		return exitUsage
	}

	t := tallyOf(apps)
	if f.format == "json" {
		err = writeCheckJSON(stdout, apps, t, f.touched)
	} else {
		err = writeCheckText(stdout, apps, f.touched)
	}
	if err != nil {
		fmt.Fprintf(stderr, "canvasgit check: %v\n", err)
		return exitUsage
	}
	if f.format == "text" {
		if s := t.summary(apps, f.touched); s != "" {
			fmt.Fprintf(stderr, "canvasgit check: %s\n", s)
		}
	}
	if t.overLimit > 0 {
		fmt.Fprintf(stderr, "canvasgit check: %s larger than %d MiB not checked (named above): the app cannot be judged\n",
			plural(t.overLimit, "file"), check.MaxFileSize>>20)
		return exitUsage
	}
	if t.errors > 0 {
		return exitConflict
	}
	return exitOK
}

// tally counts the findings of all apps: the introduced errors and warnings (the ones
// that count) and the pre-existing findings (already in the --touched base).
type tally struct {
	errors, warnings, preExisting int
	// overLimit counts the introduced errors of files not checked because they are over
	// check.MaxFileSize: the check could not judge the app, so it exits 2.
	overLimit int
}

func tallyOf(apps []checkedApp) tally {
	var t tally
	for _, a := range apps {
		for _, f := range a.report.Findings {
			switch {
			case f.PreExisting:
				t.preExisting++
			case f.Severity == check.Error:
				t.errors++
				if f.OverLimit {
					t.overLimit++
				}
			default:
				t.warnings++
			}
		}
	}
	return t
}

// summary is the closing line on stderr: the counts of findings, or when there are
// none, what was checked ("1 app, 14 screens, 312 controls: no problems"). It is ""
// when no app was checked (--touched found none changed; a hook stays quiet then).
func (t tally) summary(apps []checkedApp, base string) string {
	if t.errors+t.warnings+t.preExisting == 0 {
		if len(apps) == 0 {
			return ""
		}
		screens, controls := 0, 0
		for _, a := range apps {
			screens += a.report.Screens
			controls += a.report.Controls
		}
		return fmt.Sprintf("%s, %s, %s: no problems", plural(len(apps), "app"), plural(screens, "screen"), plural(controls, "control"))
	}
	s := fmt.Sprintf("%s, %s in %s", plural(t.errors, "error"), plural(t.warnings, "warning"), plural(len(apps), "app"))
	if t.preExisting > 0 {
		s += fmt.Sprintf("; %s already in %s (not counted)", plural(t.preExisting, "finding"), base)
	}
	return s
}

// checkedApp is one app and its report; display turns an app-relative location into
// the path printed.
type checkedApp struct {
	root    string // as printed
	report  *check.Report
	display func(check.Location) string
}

// checkUsageError is a bad PATH argument (no app in or above it).
type checkUsageError struct{ msg string }

func (e *checkUsageError) Error() string { return e.msg }

func noAppError(p string) error {
	return &checkUsageError{fmt.Sprintf("no canvas app (a folder holding %s or Src/**/*.pa.yaml) in or above %s", check.ManifestName, p)}
}

// showLocation renders a location under root (an OS path as printed) as `path:line`.
func showLocation(root string) func(check.Location) string {
	return func(l check.Location) string {
		p := filepath.Join(root, filepath.FromSlash(l.File))
		if l.Line > 0 {
			return p + ":" + strconv.Itoa(l.Line)
		}
		return p
	}
}

// checkWorkTree checks the apps in or above each path of the work tree (no git needed).
func checkWorkTree(paths []string) ([]checkedApp, error) {
	var roots []string
	seen := map[string]bool{}
	for _, p := range paths {
		found, err := appsAt(p)
		if err != nil {
			return nil, err
		}
		for _, r := range found {
			abs, err := filepath.Abs(r)
			if err != nil {
				return nil, err
			}
			if !seen[abs] {
				seen[abs] = true
				roots = append(roots, r)
			}
		}
	}
	var apps []checkedApp
	for _, r := range roots {
		rep, err := check.CheckFS(os.DirFS(r))
		if err != nil {
			return nil, fmt.Errorf("%s: %v", r, err)
		}
		apps = append(apps, checkedApp{root: r, report: rep, display: showLocation(r)})
	}
	return apps, nil
}

// appsAt returns the app roots below the folder p, or the app holding p.
func appsAt(p string) ([]string, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		found, err := check.FindApps(os.DirFS(p), ".")
		if err != nil {
			return nil, err
		}
		if len(found) > 0 {
			out := make([]string, len(found))
			for i, f := range found {
				out[i] = filepath.Join(p, filepath.FromSlash(f))
			}
			return out, nil
		}
	}
	// Inside an app: walk up to the folder that holds the manifest.
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, err
	}
	dir := abs
	if !st.IsDir() {
		dir = filepath.Dir(abs)
	}
	for {
		if hasManifest(dir) || check.HoldsPaYamlApp(os.DirFS(dir)) {
			if wd, err := os.Getwd(); err == nil {
				if rel, err := filepath.Rel(wd, dir); err == nil {
					return []string{rel}, nil
				}
			}
			return []string{dir}, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil, noAppError(p)
		}
		dir = parent
	}
}

func hasManifest(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !e.IsDir() && strings.EqualFold(e.Name(), check.ManifestName) {
			return true
		}
	}
	return false
}

// gitSource reads the apps from git: the index (--cached), a commit (--rev) or the work
// tree (only --touched), and narrows them to the apps touched since a commit.
type gitSource struct {
	cached  bool
	rev     string
	touched string
	// implicit is true when no PATH was given: a tree without apps is then fine (the
	// hooks run in every repository).
	implicit bool
	git      *gitsetup.Git
	top      string // the work tree's top, absolute
	prefix   string // the current directory relative to top, slash form, "" at the top
}

// entry is a file as git lists it.
type gitEntry struct {
	path, oid string
}

func (s *gitSource) check(paths []string) ([]checkedApp, error) {
	s.git = &gitsetup.Git{}
	top, err := s.git.TopLevel()
	if err != nil {
		return nil, &checkUsageError{fmt.Sprintf("--cached, --rev and --touched need a git work tree: %v", err)}
	}
	s.top = top
	out, err := s.git.Run("rev-parse", "--show-prefix")
	if err != nil {
		return nil, err
	}
	s.prefix = strings.TrimSuffix(strings.TrimSpace(out), "/")
	s.git = &gitsetup.Git{Dir: top}

	entries, err := s.list()
	if err != nil {
		return nil, err
	}
	all := make([]string, len(entries))
	for i, e := range entries {
		all[i] = e.path
	}
	roots := check.AppRoots(all)

	// Narrow to the PATH arguments.
	var selected []string
	for _, p := range paths {
		rel, err := s.topRelative(p)
		if err != nil {
			return nil, err
		}
		n := 0
		for _, r := range roots {
			if under(r, rel) || under(rel, r) {
				selected = append(selected, r)
				n++
			}
		}
		if n == 0 && !s.implicit {
			return nil, noAppError(p)
		}
	}
	selected = uniqueSorted(selected)

	if s.touched != "" {
		changed, all, err := s.changed()
		if err != nil {
			return nil, err
		}
		if !all {
			hit := map[string]bool{}
			for _, c := range changed {
				if r, ok := check.AppRootOf(c, roots); ok {
					hit[r] = true
				}
			}
			var keep []string
			for _, r := range selected {
				if hit[r] {
					keep = append(keep, r)
				}
			}
			selected = keep
		}
	}

	baseEntries, hasBase, err := s.baseline()
	if err != nil {
		return nil, err
	}
	var apps []checkedApp
	for _, r := range selected {
		var rep *check.Report
		if s.cached || s.rev != "" {
			files, err := s.read(entries, r)
			if err != nil {
				return nil, err
			}
			rep, err = check.CheckFiles(files)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", r, err)
			}
		} else {
			rep, err = check.CheckFS(os.DirFS(filepath.Join(s.top, filepath.FromSlash(r))))
			if err != nil {
				return nil, fmt.Errorf("%s: %v", r, err)
			}
		}
		if hasBase && len(rep.Findings) > 0 { // a clean app needs no comparison
			base, err := s.checkAt(baseEntries, r)
			if err != nil {
				return nil, fmt.Errorf("%s at %s: %v", r, s.touched, err)
			}
			rep.MarkPreExisting(base)
		}
		shown := s.display(r)
		apps = append(apps, checkedApp{root: shown, report: rep, display: showLocation(shown)})
	}
	return apps, nil
}

// baseline lists the files of the --touched base, the commit whose findings are
// pre-existing; ok is false without --touched or when the base does not exist (an
// unborn HEAD: then every finding is new).
func (s *gitSource) baseline() (entries []gitEntry, ok bool, err error) {
	if s.touched == "" {
		return nil, false, nil
	}
	if _, err := s.git.Run("rev-parse", "--verify", "--quiet", s.touched+"^{commit}"); err != nil {
		return nil, false, nil
	}
	entries, err = s.lsTree(s.touched)
	return entries, err == nil, err
}

// checkAt checks the app at root (top-relative) as the entries have it; nil when they
// hold no app there (the change created it).
func (s *gitSource) checkAt(entries []gitEntry, root string) (*check.Report, error) {
	files, err := s.read(entries, root)
	if err != nil {
		return nil, err
	}
	rep, err := check.CheckFiles(files)
	if errors.Is(err, check.ErrNoManifest) {
		return nil, nil
	}
	return rep, err
}

// under reports whether p is r or inside it (slash paths relative to the top; "." is
// the top).
func under(p, r string) bool {
	return r == "." || p == r || strings.HasPrefix(p, r+"/")
}

func uniqueSorted(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// topRelative turns a PATH argument into a slash path relative to the work tree's top.
func (s *gitSource) topRelative(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	top := s.top
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	if real, err := filepath.EvalSymlinks(top); err == nil {
		top = real
	}
	rel, err := filepath.Rel(top, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", &checkUsageError{fmt.Sprintf("%s is outside the repository", p)}
	}
	return filepath.ToSlash(rel), nil
}

// display shows a top-relative slash path relative to the current directory.
func (s *gitSource) display(p string) string {
	if s.prefix == "" {
		return filepath.FromSlash(p)
	}
	rel, err := filepath.Rel(filepath.FromSlash(s.prefix), filepath.FromSlash(p))
	if err != nil {
		return filepath.FromSlash(p)
	}
	return rel
}

// list returns the files of the source, top-relative.
func (s *gitSource) list() ([]gitEntry, error) {
	var out []gitEntry
	switch {
	case s.rev != "":
		return s.lsTree(s.rev)
	case s.cached:
		raw, err := s.git.Run("ls-files", "-s", "-z")
		if err != nil {
			return nil, err
		}
		for _, rec := range splitZ(raw) {
			meta, p, ok := strings.Cut(rec, "\t")
			f := strings.Fields(meta)
			if !ok || len(f) != 3 || f[0] == "160000" || f[2] != "0" {
				continue // submodules; unmerged entries (git commit refuses them anyway)
			}
			out = append(out, gitEntry{path: p, oid: f[1]})
		}
	default:
		raw, err := s.git.Run("ls-files", "-z", "--cached", "--others", "--exclude-standard")
		if err != nil {
			return nil, err
		}
		for _, p := range splitZ(raw) {
			out = append(out, gitEntry{path: p})
		}
	}
	return out, nil
}

// lsTree lists the files of a commit, top-relative.
func (s *gitSource) lsTree(rev string) ([]gitEntry, error) {
	raw, err := s.git.Run("ls-tree", "-r", "-z", "--full-tree", rev)
	if err != nil {
		return nil, err
	}
	var out []gitEntry
	for _, rec := range splitZ(raw) {
		meta, p, ok := strings.Cut(rec, "\t")
		f := strings.Fields(meta)
		if !ok || len(f) != 3 || f[1] != "blob" {
			continue // submodules
		}
		out = append(out, gitEntry{path: p, oid: f[2]})
	}
	return out, nil
}

// changed returns the top-relative paths that differ between the --touched base and the
// source. all is true when the base does not exist (an unborn HEAD, no ORIG_HEAD): then
// every app counts as touched.
func (s *gitSource) changed() (paths []string, all bool, err error) {
	if _, err := s.git.Run("rev-parse", "--verify", "--quiet", s.touched+"^{commit}"); err != nil {
		return nil, true, nil
	}
	var args []string
	switch {
	case s.rev != "":
		args = []string{"diff", "--name-only", "-z", "--no-renames", s.touched, s.rev, "--"}
	case s.cached:
		args = []string{"diff", "--cached", "--name-only", "-z", "--no-renames", s.touched, "--"}
	default:
		args = []string{"diff", "--name-only", "-z", "--no-renames", s.touched, "--"}
	}
	raw, err := s.git.Run(args...)
	if err != nil {
		return nil, false, err
	}
	paths = splitZ(raw)
	if !s.cached && s.rev == "" {
		raw, err := s.git.Run("ls-files", "-z", "--others", "--exclude-standard")
		if err != nil {
			return nil, false, err
		}
		paths = append(paths, splitZ(raw)...)
	}
	return paths, false, nil
}

// read returns the files of the app at root (top-relative), relative to the root, with
// their content from git's object store (one `git cat-file --batch` run).
func (s *gitSource) read(entries []gitEntry, root string) (map[string][]byte, error) {
	var mine []gitEntry
	var in bytes.Buffer
	for _, e := range entries {
		if under(e.path, root) {
			mine = append(mine, e)
			in.WriteString(e.oid)
			in.WriteByte('\n')
		}
	}
	files := make(map[string][]byte, len(mine))
	if len(mine) == 0 {
		return files, nil
	}
	cmd := exec.Command("git", "cat-file", "--batch")
	cmd.Dir = s.top
	cmd.Stdin = &in
	var errBuf bytes.Buffer
	cmd.Stderr = &errBuf
	outPipe, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	r := bufio.NewReaderSize(outPipe, 1<<16)
	var readErr error
	for _, e := range mine {
		header, err := r.ReadString('\n')
		if err != nil {
			readErr = fmt.Errorf("git cat-file: %v", err)
			break
		}
		f := strings.Fields(header)
		if len(f) != 3 {
			readErr = fmt.Errorf("git cat-file: unexpected answer %q for %s", strings.TrimSpace(header), e.path)
			break
		}
		size, err := strconv.Atoi(f[2])
		if err != nil {
			readErr = fmt.Errorf("git cat-file: bad size in %q", strings.TrimSpace(header))
			break
		}
		// A blob over check.MaxFileSize is not checked: its first MaxFileSize+1 bytes are
		// enough for CheckFiles to report it, and the rest is skipped, so a huge blob
		// costs no more memory than the work tree's bounded read.
		keep := min(size, check.MaxFileSize+1)
		data := make([]byte, keep)
		_, err = io.ReadFull(r, data)
		if err == nil {
			_, err = r.Discard(size - keep + 1) // the rest and the trailing newline
		}
		if err != nil {
			readErr = fmt.Errorf("git cat-file: %v", err)
			break
		}
		rel := strings.TrimPrefix(e.path, root+"/")
		if root == "." {
			rel = e.path
		}
		files[rel] = data
	}
	if readErr != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return nil, readErr
	}
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("git cat-file: %v: %s", err, strings.TrimSpace(errBuf.String()))
	}
	return files, nil
}

func splitZ(s string) []string {
	s = strings.TrimSuffix(s, "\x00")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\x00")
}

// writeCheckText prints `path:line: severity: message`, one finding a line; then, under
// a heading, the findings the --touched base already had, indented (so tools that pick
// up `path:line:` lines do not flag them).
func writeCheckText(w io.Writer, apps []checkedApp, base string) error {
	bw := bufio.NewWriter(w)
	var old []string
	for _, a := range apps {
		for _, f := range a.report.Findings {
			line := fmt.Sprintf("%s: %s: %s", a.display(f.Location), f.Severity, f.MessageWith(a.display))
			if f.PreExisting {
				old = append(old, line)
				continue
			}
			fmt.Fprintln(bw, line)
		}
	}
	if len(old) > 0 {
		fmt.Fprintf(bw, "already in %s (not introduced by these changes; they do not count):\n", base)
		for _, l := range old {
			fmt.Fprintf(bw, "  %s\n", l)
		}
	}
	return bw.Flush()
}

type jsonFinding struct {
	// ID is the finding's identity (check:app:names), stable across edits elsewhere.
	ID       string         `json:"id"`
	Severity check.Severity `json:"severity"`
	Check    string         `json:"check"`
	Names    []string       `json:"names"`
	// Status is "pre-existing" when the --touched base already had the finding, else
	// "introduced".
	File    string         `json:"file"`
	Line    int            `json:"line,omitempty"`
	Status  string         `json:"status"`
	Message string         `json:"message"`
	Related []jsonLocation `json:"related,omitempty"`
}

// Finding statuses in the JSON output.
const (
	statusIntroduced  = "introduced"
	statusPreExisting = "pre-existing"
)

type jsonLocation struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
}

// jsonApp and jsonCheck count the introduced errors and warnings (the ones that set the
// exit code) and the pre-existing findings apart.
type jsonApp struct {
	Root        string        `json:"root"`
	Errors      int           `json:"errors"`
	Warnings    int           `json:"warnings"`
	PreExisting int           `json:"preExisting"`
	Findings    []jsonFinding `json:"findings"`
}

type jsonCheck struct {
	// Baseline is the --touched base the findings were compared with ("" for none).
	Baseline    string    `json:"baseline,omitempty"`
	Apps        []jsonApp `json:"apps"`
	Errors      int       `json:"errors"`
	Warnings    int       `json:"warnings"`
	PreExisting int       `json:"preExisting"`
}

// writeCheckJSON prints one JSON document; file paths are as in the text output (the
// app root joined with the app-relative path, forward slashes).
func writeCheckJSON(w io.Writer, apps []checkedApp, t tally, base string) error {
	out := jsonCheck{Baseline: base, Apps: []jsonApp{}, Errors: t.errors, Warnings: t.warnings, PreExisting: t.preExisting}
	for _, a := range apps {
		root := filepath.ToSlash(a.root)
		loc := func(l check.Location) string { return path.Join(root, l.File) }
		show := func(l check.Location) string {
			if l.Line > 0 {
				return loc(l) + ":" + strconv.Itoa(l.Line)
			}
			return loc(l)
		}
		at := tallyOf([]checkedApp{a})
		ja := jsonApp{Root: root, Errors: at.errors, Warnings: at.warnings, PreExisting: at.preExisting, Findings: []jsonFinding{}}
		for _, f := range a.report.Findings {
			status := statusIntroduced
			if f.PreExisting {
				status = statusPreExisting
			}
			jf := jsonFinding{ID: f.ID(root), Severity: f.Severity, Check: f.Check, Names: f.Names, Status: status,
				File: loc(f.Location), Line: f.Line, Message: f.MessageWith(show)}
			for _, r := range f.Related {
				jf.Related = append(jf.Related, jsonLocation{File: loc(r), Line: r.Line})
			}
			ja.Findings = append(ja.Findings, jf)
		}
		out.Apps = append(out.Apps, ja)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
