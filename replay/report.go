package replay

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/canvasgit/canvasgit/merge"
)

// Report is what a replay found. Its JSON form (`canvasgit replay --format json`) is
// documented field by field in docs/replay.md; names are stable, new fields may be added.
type Report struct {
	Repo           string   `json:"repo"`
	RevList        []string `json:"revList"`
	GitVersion     string   `json:"gitVersion"`
	Driver         string   `json:"driver"` // the merge.canvasgit.driver command line used
	TimeoutSeconds float64  `json:"timeoutSeconds"`
	// MergeCommits is how many merge commits rev-list listed; OtherMerges of them did not
	// change a canvas app on both sides, Skipped could not be replayed, Merges were.
	MergeCommits int     `json:"mergeCommits"`
	OtherMerges  int     `json:"otherMerges"`
	Skipped      []Skip  `json:"skipped"`
	Merges       []Merge `json:"merges"`
	Totals       Totals  `json:"totals"`
}

// Skip is a merge commit that could not be replayed.
type Skip struct {
	Commit string `json:"commit"`
	Reason string `json:"reason"`
}

// Merge is one replayed merge commit M with parents P1 (ours) and P2 (theirs).
type Merge struct {
	Commit     string    `json:"commit"`
	Subject    string    `json:"subject"`
	Parents    []string  `json:"parents"`
	Base       string    `json:"base"`       // the merge base whose blobs --cases writes
	MergeBases int       `json:"mergeBases"` // more than 1: git merged a virtual base
	Apps       []string  `json:"apps"`       // app folders ("." is the repository root)
	Plain      RunResult `json:"plain"`
	Canvasgit  RunResult `json:"canvasgit"`
	// Resolved: plain git left conflicts, canvasgit left none.
	Resolved bool `json:"resolved"`
	// Files are the app files both sides changed and every file either run left
	// conflicted.
	Files []File `json:"files"`
}

// RunResult is one merge-tree run of a merge.
type RunResult struct {
	// Status is "clean", "conflicted", "failed" (merge-tree did not finish a merge) or
	// "timeout".
	Status     string  `json:"status"`
	Seconds    float64 `json:"seconds"`
	Tree       string  `json:"tree,omitempty"`
	Conflicted int     `json:"conflicted"` // conflicted files
	Refused    int     `json:"refused"`    // of those, protected files the driver refused
	Error      string  `json:"error,omitempty"`
	// Agreement compares the run's clean results for files both sides changed with
	// the recorded merge.
	Agreement    Agreement     `json:"agreement"`
	DriverCalls  int           `json:"driverCalls"`
	DriverErrors []DriverError `json:"driverErrors,omitempty"`
}

// Agreement counts files both sides changed that a run merged cleanly, by how their
// result compares with the recorded merge. Clean = ByteEqual + CanonicalEqual + Differ.
type Agreement struct {
	Clean          int `json:"clean"`
	ByteEqual      int `json:"byteEqual"`
	CanonicalEqual int `json:"canonicalEqual"`
	Differ         int `json:"differ"`
}

func (a *Agreement) add(b Agreement) {
	a.Clean += b.Clean
	a.ByteEqual += b.ByteEqual
	a.CanonicalEqual += b.CanonicalEqual
	a.Differ += b.Differ
}

func (a *Agreement) count(result string) {
	a.Clean++
	switch result {
	case ByteEqual:
		a.ByteEqual++
	case CanonicalEqual:
		a.CanonicalEqual++
	default:
		a.Differ++
	}
}

// DriverError is a driver call that crashed or a merge-tree run that failed.
type DriverError struct {
	Path    string `json:"path,omitempty"` // empty for a merge-tree failure
	Exit    int    `json:"exit"`
	Message string `json:"message,omitempty"`
}

// File is one file of a replayed merge.
type File struct {
	Path string `json:"path"`
	// Kind is merge.RuleFor(path).Kind, or "outside app" for a file of no canvas app.
	Kind        string  `json:"kind"`
	BothChanged bool    `json:"bothChanged"`
	Plain       FileRun `json:"plain"`
	Canvasgit   FileRun `json:"canvasgit"`
	// Case is the folder written for this file under --cases, relative to it.
	Case string `json:"case,omitempty"`
	// LargerConflict: canvasgit's result has more lines between conflict markers than
	// plain git's.
	LargerConflict bool `json:"largerConflict,omitempty"`
}

// FileRun is one file's outcome in one run.
type FileRun struct {
	// Status is "clean", "conflicted", "refused" (canvasgit only) or "unknown" (the
	// run failed or timed out).
	Status string `json:"status"`
	// Conflict lists git's conflict types for the path ("contents", "modify/delete").
	Conflict []string `json:"conflict,omitempty"`
	// Recorded is "byte-equal", "canonical-equal" or "differs" for a clean result of a
	// file both sides changed.
	Recorded   string `json:"recorded,omitempty"`
	DriverExit *int   `json:"driverExit,omitempty"`
	// ConflictLines counts the lines between conflict markers in the run's result for
	// the file (marker lines not counted): what a person has to read to resolve it. 0
	// for a clean result; absent when the run has no result for the file.
	ConflictLines *int `json:"conflictLines,omitempty"`
}

// Totals sum the merges.
type Totals struct {
	Merges      int       `json:"merges"`
	BothChanged int       `json:"bothChanged"` // app files both sides changed
	Plain       RunTotals `json:"plain"`
	Canvasgit   RunTotals `json:"canvasgit"`
	// Resolved counts merges plain git left conflicted and canvasgit did not.
	Resolved int          `json:"resolved"`
	Kinds    []KindTotals `json:"kinds"`
	// DriverErrors counts driver crashes (internal errors, exit codes above 2) and
	// failed canvasgit merge-tree runs; Timeouts counts runs of either kind cut off.
	DriverErrors int `json:"driverErrors"`
	Timeouts     int `json:"timeouts"`
	// TimeRatio is canvasgit's wall time over plain git's (0 when plain took none).
	TimeRatio float64 `json:"timeRatio"`
	// ConflictLines sums the lines between conflict markers over the files both runs
	// have a result for.
	ConflictLines ConflictLineTotals `json:"conflictLines"`
}

// ConflictLineTotals compare the size of the two runs' conflicts.
type ConflictLineTotals struct {
	Files     int `json:"files"` // files with conflict lines in either run
	Plain     int `json:"plain"`
	Canvasgit int `json:"canvasgit"`
	Larger    int `json:"larger"` // files where canvasgit's exceed plain git's
}

// RunTotals sum one kind of run over the merges.
type RunTotals struct {
	ConflictedFiles  int       `json:"conflictedFiles"`
	ConflictedMerges int       `json:"conflictedMerges"`
	CleanMerges      int       `json:"cleanMerges"`
	Refused          int       `json:"refused"`
	Failed           int       `json:"failed"`
	TimedOut         int       `json:"timedOut"`
	Seconds          float64   `json:"seconds"`
	DriverCalls      int       `json:"driverCalls"`
	Agreement        Agreement `json:"agreement"`
}

// KindTotals are the conflicted files of one kind.
type KindTotals struct {
	Kind      string `json:"kind"`
	Plain     int    `json:"plain"`
	Canvasgit int    `json:"canvasgit"`
	// PlainLines and CanvasgitLines are the lines between conflict markers in the
	// files of this kind both runs have a result for.
	PlainLines     int `json:"plainLines"`
	CanvasgitLines int `json:"canvasgitLines"`
}

// OutsideApp is the kind reported for files that belong to no canvas app.
const OutsideApp = "outside app"

// kindOrder is the order of the kinds table: the rules table, then the fallback rows.
func kindOrder() []string {
	var out []string
	for _, r := range merge.AllRules() {
		if !contains(out, string(r.Kind)) {
			out = append(out, string(r.Kind))
		}
	}
	return append(out, OutsideApp)
}

func (rt *RunTotals) add(r RunResult) {
	switch r.Status {
	case "clean":
		rt.CleanMerges++
	case "conflicted":
		rt.ConflictedMerges++
	case "failed":
		rt.Failed++
	case "timeout":
		rt.TimedOut++
	}
	rt.ConflictedFiles += r.Conflicted
	rt.Refused += r.Refused
	rt.Seconds += r.Seconds
	rt.DriverCalls += r.DriverCalls
	rt.Agreement.add(r.Agreement)
}

// total computes the totals from the merges.
func (r *Report) total() {
	t := Totals{Merges: len(r.Merges)}
	byKind := map[string]*KindTotals{}
	for _, k := range kindOrder() {
		kt := &KindTotals{Kind: k}
		byKind[k] = kt
	}
	for _, m := range r.Merges {
		t.Plain.add(m.Plain)
		t.Canvasgit.add(m.Canvasgit)
		if m.Resolved {
			t.Resolved++
		}
		t.DriverErrors += len(m.Canvasgit.DriverErrors)
		for _, f := range m.Files {
			if f.BothChanged {
				t.BothChanged++
			}
			kt := byKind[f.Kind]
			if kt == nil {
				kt = &KindTotals{Kind: f.Kind}
				byKind[f.Kind] = kt
			}
			if f.Plain.Status == "conflicted" {
				kt.Plain++
			}
			if f.Canvasgit.Status == "conflicted" || f.Canvasgit.Status == "refused" {
				kt.Canvasgit++
			}
			if p, c, ok := conflictLines(f); ok {
				kt.PlainLines += p
				kt.CanvasgitLines += c
				if p > 0 || c > 0 {
					t.ConflictLines.Files++
				}
				t.ConflictLines.Plain += p
				t.ConflictLines.Canvasgit += c
				if f.LargerConflict {
					t.ConflictLines.Larger++
				}
			}
		}
	}
	t.Timeouts = t.Plain.TimedOut + t.Canvasgit.TimedOut
	if t.Plain.Seconds > 0 {
		t.TimeRatio = t.Canvasgit.Seconds / t.Plain.Seconds
	}
	for _, k := range kindOrder() {
		t.Kinds = append(t.Kinds, *byKind[k])
		delete(byKind, k)
	}
	for _, kt := range byKind { // kinds the rules table does not know (none today)
		t.Kinds = append(t.Kinds, *kt)
	}
	r.Totals = t
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes the report for people: one line per merge, the totals by kind, the
// agreement with the recorded merges, the time ratio, and the files to look at.
func (r *Report) WriteText(w io.Writer) error {
	ew := &errWriter{w: w}
	t := r.Totals
	fmt.Fprintf(ew, "canvasgit replay of %s (git rev-list --merges %s; git %s)\n", r.Repo, strings.Join(r.RevList, " "), r.GitVersion)
	fmt.Fprintf(ew, "%d merge commits: %d changed a canvas app on both sides and were replayed, %d did not, %d skipped\n",
		r.MergeCommits, len(r.Merges), r.OtherMerges, len(r.Skipped))
	for _, s := range r.Skipped {
		fmt.Fprintf(ew, "  skipped %s: %s\n", short(s.Commit), s.Reason)
	}
	if len(r.Merges) == 0 {
		return ew.err
	}

	fmt.Fprintln(ew, "\nconflicted files per merge (both-changed: app files both sides changed; equal/canonical/differ: canvasgit's clean results against the recorded merge)")
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%-12s\tplain git\tcanvasgit\tboth-changed\tequal\tcanonical\tdiffer\tplain s\tcanvasgit s\t\n", "merge")
	for _, m := range r.Merges {
		a := m.Canvasgit.Agreement
		fmt.Fprintf(tw, "%-12s\t%s\t%s\t%d\t%d\t%d\t%d\t%.2f\t%.2f\t\n", short(m.Commit),
			runCell(m.Plain), runCell(m.Canvasgit), countBoth(m), a.ByteEqual, a.CanonicalEqual, a.Differ,
			m.Plain.Seconds, m.Canvasgit.Seconds)
	}
	tw.Flush()

	fmt.Fprintln(ew, "\nconflicted files by kind")
	writeKindTable(ew, t.Kinds, func(k KindTotals) (int, int) { return k.Plain, k.Canvasgit },
		t.Plain.ConflictedFiles, t.Canvasgit.ConflictedFiles)
	if t.Canvasgit.Refused > 0 {
		fmt.Fprintf(ew, "(%d of canvasgit's conflicted files are refusals: protected files changed on both sides in the same place)\n", t.Canvasgit.Refused)
	}

	fmt.Fprintf(ew, "\nmerges left with conflicts: plain git %d, canvasgit %d; fully resolved by canvasgit: %d of %d\n",
		t.Plain.ConflictedMerges, t.Canvasgit.ConflictedMerges, t.Resolved, t.Plain.ConflictedMerges)
	fmt.Fprintf(ew, "app files both sides changed: %d\n", t.BothChanged)
	writeAgreement(ew, "canvasgit", t.Canvasgit.Agreement)
	writeAgreement(ew, "plain git", t.Plain.Agreement)
	fmt.Fprintf(ew, "driver errors: %d   time-outs: %d (limit %gs)   failed plain git runs: %d\n",
		t.DriverErrors, t.Timeouts, r.TimeoutSeconds, t.Plain.Failed)
	ratio := "n/a"
	if t.TimeRatio > 0 {
		ratio = fmt.Sprintf("%.1f×", t.TimeRatio)
	}
	fmt.Fprintf(ew, "wall time: plain git %.2f s, canvasgit %.2f s (%s plain git; %d driver calls)\n",
		t.Plain.Seconds, t.Canvasgit.Seconds, ratio, t.Canvasgit.DriverCalls)

	writeConflictLines(ew, r)

	writeList(ew, r, "\ncanvasgit's result differs from the recorded merge:", func(f File) bool {
		return f.Canvasgit.Recorded == Differs
	})
	writeList(ew, r, "\nstill conflicted with canvasgit:", func(f File) bool {
		return f.Canvasgit.Status == "conflicted" || f.Canvasgit.Status == "refused"
	})
	nerr := 0
	for _, m := range r.Merges {
		for _, e := range m.Canvasgit.DriverErrors {
			if nerr == 0 {
				fmt.Fprintln(ew, "\ndriver errors:")
			}
			nerr++
			where := e.Path
			if where == "" {
				where = "(merge-tree)"
			}
			fmt.Fprintf(ew, "  %s %s: exit %d: %s\n", short(m.Commit), where, e.Exit, firstLine(e.Message))
		}
	}
	return ew.err
}

// conflictLines returns a file's lines between conflict markers in both runs; ok is
// false when either run has no result for it.
func conflictLines(f File) (plain, canvasgit int, ok bool) {
	if f.Plain.ConflictLines == nil || f.Canvasgit.ConflictLines == nil {
		return 0, 0, false
	}
	return *f.Plain.ConflictLines, *f.Canvasgit.ConflictLines, true
}

// writeConflictLines compares the size of the two runs' conflicts: by kind, in total,
// and per file, flagging the files where canvasgit's are larger.
func writeConflictLines(w io.Writer, r *Report) {
	t := r.Totals
	if t.ConflictLines.Files == 0 {
		fmt.Fprintln(w, "\nlines between conflict markers: none in either run")
		return
	}
	fmt.Fprintln(w, "\nlines between conflict markers (what a person has to resolve), by kind")
	writeKindTable(w, t.Kinds, func(k KindTotals) (int, int) { return k.PlainLines, k.CanvasgitLines },
		t.ConflictLines.Plain, t.ConflictLines.Canvasgit)
	fmt.Fprintf(w, "canvasgit's conflicts are larger than plain git's in %d of %d files\n", t.ConflictLines.Larger, t.ConflictLines.Files)
	// Per file only where canvasgit left conflicts: the files it resolved fully are in
	// the totals above (and each one in the JSON report).
	n := 0
	for _, m := range r.Merges {
		for _, f := range m.Files {
			p, c, ok := conflictLines(f)
			if !ok || c == 0 {
				continue
			}
			if n == 0 {
				fmt.Fprintln(w, "\nlines between conflict markers per file canvasgit left conflicted (plain git -> canvasgit):")
			}
			n++
			flag := ""
			if f.LargerConflict {
				flag = "  LARGER than plain git's"
			}
			fmt.Fprintf(w, "  %s %s (%s)  %d -> %d%s\n", short(m.Commit), f.Path, f.Kind, p, c, flag)
		}
	}
}

func writeAgreement(w io.Writer, who string, a Agreement) {
	fmt.Fprintf(w, "  merged cleanly by %s: %d; against the recorded merge: %d byte-equal, %d equal after canonical re-formatting, %d differ\n",
		who, a.Clean, a.ByteEqual, a.CanonicalEqual, a.Differ)
}

func writeList(w io.Writer, r *Report, title string, pick func(File) bool) {
	n := 0
	for _, m := range r.Merges {
		for _, f := range m.Files {
			if !pick(f) {
				continue
			}
			if n == 0 {
				fmt.Fprintln(w, title)
			}
			n++
			extra := ""
			if f.Canvasgit.Status == "refused" {
				extra = ", refused"
			}
			if len(f.Canvasgit.Conflict) > 0 && f.Canvasgit.Conflict[0] != "contents" {
				extra += ", " + strings.Join(f.Canvasgit.Conflict, ", ")
			}
			fmt.Fprintf(w, "  %s %s (%s%s)", short(m.Commit), f.Path, f.Kind, extra)
			if f.Case != "" {
				fmt.Fprintf(w, "  -> %s", f.Case)
			}
			fmt.Fprintln(w)
		}
	}
}

func runCell(r RunResult) string {
	switch r.Status {
	case "failed":
		return "failed"
	case "timeout":
		return "timeout"
	}
	if r.Refused > 0 {
		return fmt.Sprintf("%d (%d refused)", r.Conflicted, r.Refused)
	}
	return fmt.Sprint(r.Conflicted)
}

func countBoth(m Merge) int {
	n := 0
	for _, f := range m.Files {
		if f.BothChanged {
			n++
		}
	}
	return n
}

func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// errWriter keeps the first write error so the text renderer can write freely.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return len(p), nil
	}
	_, e.err = e.w.Write(p)
	return len(p), nil
}

// writeKindTable writes one figure per kind of file, plain git against canvasgit, kinds
// where both are 0 left out, then the totals.
func writeKindTable(w io.Writer, kinds []KindTotals, figure func(KindTotals) (plain, canvasgit int), plainTotal, canvasgitTotal int) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	kw := len("total")
	for _, k := range kinds {
		kw = max(kw, len(k.Kind))
	}
	fmt.Fprintf(tw, "%-*s\tplain git\tcanvasgit\t\n", kw, "kind")
	for _, k := range kinds {
		if p, c := figure(k); p != 0 || c != 0 {
			fmt.Fprintf(tw, "%-*s\t%d\t%d\t\n", kw, k.Kind, p, c)
		}
	}
	fmt.Fprintf(tw, "%-*s\t%d\t%d\t\n", kw, "total", plainTotal, canvasgitTotal)
	tw.Flush()
}
