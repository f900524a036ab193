package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/canvasgit/canvasgit/check"
	srcapp "github.com/canvasgit/canvasgit/source/app"
	"github.com/canvasgit/canvasgit/source/place"
)

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
		apps, err = gitCheck{cached: f.cached, rev: f.rev, touched: f.touched, implicit: implicit}.check(paths)
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

// checkUsageError is a bad PATH argument (no app in or above it, outside the
// repository) or a git place asked for outside a work tree.
type checkUsageError struct{ msg string }

func (e *checkUsageError) Error() string { return e.msg }

func noAppError(p string) error { return &checkUsageError{(&place.NoAppError{Path: p}).Error()} }

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
		found, err := place.AppsAt(p)
		var none *place.NoAppError
		if errors.As(err, &none) {
			return nil, noAppError(p)
		}
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

// gitCheck is a check of the apps in one of git's trees: the index (--cached), a
// commit (--rev) or the work tree (only --touched), narrowed to the apps touched since
// a commit. The files come from a place (package source/place); this only picks it.
type gitCheck struct {
	cached  bool
	rev     string
	touched string
	// implicit is true when no PATH was given: a tree without apps is then fine (the
	// hooks run in every repository).
	implicit bool
}

func (c gitCheck) check(paths []string) ([]checkedApp, error) {
	repo, err := place.OpenRepo()
	if err != nil {
		return nil, &checkUsageError{fmt.Sprintf("--cached, --rev and --touched need a git work tree: %v", err)}
	}
	var src *place.Git
	switch {
	case c.rev != "":
		src = repo.Commit(c.rev)
	case c.cached:
		src = repo.Index()
	default:
		src = repo.WorkTree()
	}
	all, err := src.Paths()
	if err != nil {
		return nil, err
	}
	roots := srcapp.Roots(all)

	// Narrow to the PATH arguments.
	var selected []string
	for _, p := range paths {
		rel, err := repo.TopRelative(p)
		var outside *place.OutsideError
		if errors.As(err, &outside) {
			return nil, &checkUsageError{err.Error()}
		}
		if err != nil {
			return nil, err
		}
		n := 0
		for _, r := range roots {
			if srcapp.Within(r, rel) || srcapp.Within(rel, r) {
				selected = append(selected, r)
				n++
			}
		}
		if n == 0 && !c.implicit {
			return nil, noAppError(p)
		}
	}
	selected = uniqueSorted(selected)

	var base place.Place // the --touched base, whose findings are pre-existing
	if c.touched != "" {
		changed, everything, err := src.ChangedSince(c.touched)
		if err != nil {
			return nil, err
		}
		if !everything {
			hit := map[string]bool{}
			for _, p := range changed {
				if r, ok := srcapp.RootOf(p, roots); ok {
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
		if repo.HasCommit(c.touched) { // else an unborn HEAD: every finding is new
			base = repo.Commit(c.touched)
		}
	}

	var apps []checkedApp
	for _, r := range selected {
		rep, err := check.CheckPlace(src, r)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", r, err)
		}
		if base != nil && len(rep.Findings) > 0 { // a clean app needs no comparison
			was, err := check.CheckPlace(base, r)
			if errors.Is(err, check.ErrNoManifest) {
				was, err = nil, nil // the change created the app
			}
			if err != nil {
				return nil, fmt.Errorf("%s at %s: %v", r, c.touched, err)
			}
			rep.MarkPreExisting(was)
		}
		shown := repo.Display(r)
		apps = append(apps, checkedApp{root: shown, report: rep, display: showLocation(shown)})
	}
	return apps, nil
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
