package gate

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/url"
	"sort"
	"strings"

	"github.com/canvasgit/canvasgit/merge"
)

// Formats the report can be written in.
var Formats = []string{"text", "json", "sarif", "github", "markdown", "azure"}

// Write writes the report in one of Formats. version is the tool's version, for the
// SARIF and JSON headers.
func Write(w io.Writer, rep *Report, format, version string) error {
	switch format {
	case "", "text":
		return writeText(w, rep)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	case "sarif":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(Sarif(rep, version))
	case "github":
		if err := writeAnnotations(w, rep, githubLine); err != nil {
			return err
		}
		return writeText(w, rep)
	case "azure":
		if err := writeAnnotations(w, rep, azureLine); err != nil {
			return err
		}
		return writeText(w, rep)
	case "markdown":
		return writeMarkdown(w, rep)
	}
	return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// nothingToMerge reports a SOURCE with no change of its own.
func nothingToMerge(rep *Report) bool {
	for _, f := range rep.Files {
		if f.Source != "unchanged" {
			return false
		}
	}
	return true
}

// short abbreviates a commit id.
func short(id string) string {
	if len(id) > 10 {
		return id[:10]
	}
	return id
}

func sideName(s Side) string {
	if s.Name == "" || strings.HasPrefix(s.Commit, strings.ToLower(s.Name)) {
		return short(s.Commit)
	}
	return s.Name
}

func sideText(s Side) string {
	if n := sideName(s); n != short(s.Commit) {
		return fmt.Sprintf("%s (%s)", n, short(s.Commit))
	}
	return short(s.Commit)
}

func appTitle(a *App) string {
	if a.Repository {
		return "repository (files outside any canvas app)"
	}
	if a.Path == "" {
		return "app at the repository root"
	}
	return "app " + a.Path + "/"
}

func verdictWord(v Verdict) string {
	switch v {
	case Conflicts:
		return "CONFLICTS"
	case Refused:
		return "REFUSED"
	}
	return "safe"
}

// filesOf returns the files of one app worth showing: the ones changed on both sides
// and every file that did not merge cleanly.
func filesOf(rep *Report, a *App) []*File {
	var out []*File
	for _, f := range rep.Files {
		if f.App == a.Path && (f.bothChanged || f.Status != StatusClean) {
			out = append(out, f)
		}
	}
	return out
}

// note is a one-line account of a file's outcome.
func note(f *File) string {
	var parts []string
	if f.Conflict != "" {
		parts = append(parts, f.Conflict+":")
	}
	if f.Reason != "" {
		parts = append(parts, f.Reason)
	} else if f.Status == StatusClean {
		parts = append(parts, f.Resolution)
	}
	if f.Status == StatusClean && len(f.Messages) > 0 {
		parts = append(parts, "—", cleanNote(f))
	}
	if f.OldPath != "" {
		parts = append(parts, "(renamed from "+f.OldPath+")")
	}
	return strings.Join(parts, " ")
}

// cleanNote summarises the engine's messages for a file that merged cleanly. The count
// of parts is File.KeptTarget, the number the JSON report carries: the engine's
// messages are not one per part (a structural merge writes one message for hundreds
// of values, and other notes may come with it).
func cleanNote(f *File) string {
	if f.KeptTarget > 0 {
		return fmt.Sprintf("kept the target's version in %s (%s)", plural(f.KeptTarget, "conflicting part", "conflicting parts"), merge.RuleFor(f.Path).Why)
	}
	if len(f.Messages) == 1 {
		return trimPath(f.Messages[0], f.Path)
	}
	msgs := make([]string, len(f.Messages))
	for i, m := range f.Messages {
		msgs[i] = trimPath(m, f.Path)
	}
	return strings.Join(msgs, "; ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// trimPath drops the "path:" or "path:lines:" prefix the engine puts on messages.
func trimPath(msg, path string) string {
	if rest, ok := strings.CutPrefix(msg, path+":"); ok {
		rest = strings.TrimLeft(rest, "0123456789-")
		return strings.TrimSpace(strings.TrimPrefix(rest, ":"))
	}
	return msg
}

func changesLine(list []KindChanges) string {
	if len(list) == 0 {
		return "nothing"
	}
	var parts []string
	for _, k := range list {
		var n []string
		for _, c := range []struct {
			n    int
			word string
		}{{k.Added, "added"}, {k.Removed, "removed"}, {k.Changed, "changed"}, {k.Renamed, "renamed"}} {
			if c.n > 0 {
				n = append(n, fmt.Sprintf("%d %s", c.n, c.word))
			}
		}
		parts = append(parts, fmt.Sprintf("%s: %s", k.Kind, strings.Join(n, ", ")))
	}
	return strings.Join(parts, "; ")
}

func writeText(w io.Writer, rep *Report) error {
	bw := &errWriter{w: w}
	bw.printf("canvasgit gate: merging %s into %s\n", sideText(rep.Source), sideText(rep.Target))
	var bases []string
	for _, b := range rep.MergeBases {
		bases = append(bases, short(b.Commit))
	}
	switch {
	case rep.VirtualBase:
		bw.printf("merge bases: %s (criss-cross history: merged into a virtual base first, as git does)\n", strings.Join(bases, ", "))
	case len(bases) == 1:
		bw.printf("merge base: %s\n", bases[0])
	}
	if nothingToMerge(rep) {
		bw.printf("\nnothing to merge: %s has no change that %s lacks (already up to date)\n", sideName(rep.Source), sideName(rep.Target))
	} else {
		bw.printf("(in the merge engine's messages, ours = %s and theirs = %s)\n", sideName(rep.Target), sideName(rep.Source))
	}
	for _, a := range rep.Apps {
		bw.printf("\n%s: %s\n", appTitle(a), verdictWord(a.Verdict))
		files := filesOf(rep, a)
		width := 0
		for _, f := range files {
			width = max(width, len(f.Path))
		}
		for _, f := range files {
			bw.printf("  %-10s  %-*s  %s\n", f.Status, width, f.Path, note(f))
			if f.Status != StatusClean {
				for i, r := range f.Regions {
					if i == 10 {
						bw.printf("  %-10s    ... and %d more regions\n", "", len(f.Regions)-10)
						break
					}
					bw.printf("  %-10s    %s\n", "", regionText(r, rep))
				}
				for i, msg := range f.Messages {
					if i == 5 {
						bw.printf("  %-10s    ... and %d more messages\n", "", len(f.Messages)-5)
						break
					}
					bw.printf("  %-10s    %s\n", "", msg)
				}
			}
		}
		if a.OneSided > 0 {
			bw.printf("  %d file(s) changed on one side only: taken as they are\n", a.OneSided)
		}
		bw.printf("  %s changed: %s\n", sideName(rep.Target), changesLine(a.Changes.Target))
		bw.printf("  %s changed: %s\n", sideName(rep.Source), changesLine(a.Changes.Source))
		introduced, old := splitFindings(a.Findings)
		for _, f := range introduced {
			bw.printf("  check %s: %s %s\n", f.Severity, f.Path, f.Message)
		}
		if len(old) > 0 {
			bw.printf("  already in %s (not introduced by this merge; they do not change the verdict):\n", sideName(rep.Target))
			for _, f := range old {
				bw.printf("    check %s: %s %s\n", f.Severity, f.Path, f.Message)
			}
		}
	}
	bw.printf("\n%s\n", verdictSentence(rep))
	return bw.err
}

func regionText(r Region, rep *Report) string {
	s := fmt.Sprintf("lines %s of the merged file", rangeText(r.Merged))
	if r.Source != nil {
		s += fmt.Sprintf("; %s lines %s", sideName(rep.Source), rangeText(*r.Source))
	}
	if r.Target != nil {
		s += fmt.Sprintf("; %s lines %s", sideName(rep.Target), rangeText(*r.Target))
	}
	return s
}

func rangeText(l LineRange) string {
	switch {
	case l.End < l.Start:
		return fmt.Sprintf("(none, before %d)", l.Start)
	case l.End == l.Start:
		return fmt.Sprint(l.Start)
	}
	return fmt.Sprintf("%d-%d", l.Start, l.End)
}

// verdictSentence is the last line of the text report.
func verdictSentence(rep *Report) string {
	if rep.Safe {
		return fmt.Sprintf("verdict: SAFE to merge %s into %s", sideName(rep.Source), sideName(rep.Target))
	}
	var bad []string
	for _, a := range rep.Apps {
		if a.Verdict != Safe {
			name := a.Path + "/"
			if a.Repository {
				name = "repository files"
			}
			bad = append(bad, fmt.Sprintf("%s: %s", name, strings.ToLower(verdictWord(a.Verdict))))
		}
	}
	return fmt.Sprintf("verdict: NOT SAFE to merge %s into %s (%s)", sideName(rep.Source), sideName(rep.Target), strings.Join(bad, "; "))
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// annotation is one problem to show on a file: an error for a conflict or refusal,
// a notice for a clean merge that dropped or replaced something.
type annotation struct {
	level     string // "error", "warning", "notice"
	path      string
	line, end int // 0 when unknown
	title     string
	message   string
	ruleID    string
}

func ruleSlug(k merge.Kind) string {
	return strings.ReplaceAll(strings.ReplaceAll(string(k), " ", "-"), ".", "-")
}

// annotations lists one annotation per conflicting or refused region (per file when
// the conflict has no region), and one notice per clean file the engine reported on.
func annotations(rep *Report) []annotation {
	var out []annotation
	for _, f := range rep.Files {
		id := ruleSlug(f.Kind) + "/" + f.Status
		if f.Status == StatusClean {
			if len(f.Messages) > 0 {
				out = append(out, annotation{level: "notice", path: f.Path, ruleID: id,
					title:   "canvasgit: merged " + string(f.Kind),
					message: cleanNote(f)})
			}
			continue
		}
		title := fmt.Sprintf("canvasgit: %s (%s)", f.Status, f.Kind)
		if len(f.Regions) == 0 {
			msg := note(f)
			if len(f.Messages) > 0 {
				msg += "\n" + strings.Join(f.Messages, "\n")
			}
			out = append(out, annotation{level: "error", path: f.Path, title: title, message: msg, ruleID: id})
			continue
		}
		for i, r := range f.Regions {
			var msg string
			switch {
			case f.Status == StatusRefused && len(f.Messages) == len(f.Regions):
				msg = trimPath(f.Messages[i], f.Path)
			case f.Conflict == kindContent || f.Conflict == kindAddAdd:
				msg = fmt.Sprintf("%s and %s changed these lines differently", sideName(rep.Target), sideName(rep.Source))
			default:
				msg = f.Reason
			}
			msg = fmt.Sprintf("%s [%s conflict, region %d of %d, lines %s of the merged file]", msg, f.Conflict, i+1, len(f.Regions), rangeText(r.Merged))
			a := annotation{level: "error", path: f.Path, title: title, message: msg, ruleID: id}
			if r.Source != nil {
				a.line, a.end = sarifLines(*r.Source)
			}
			out = append(out, a)
		}
	}
	return out
}

// sarifLines turns a range into a start and end line an annotation can point at: an
// empty range points at the line before which it sits.
func sarifLines(l LineRange) (int, int) {
	if l.End >= l.Start {
		return l.Start, l.End
	}
	start := max(1, l.Start-1)
	return start, start
}

func writeAnnotations(w io.Writer, rep *Report, line func(annotation) string) error {
	for _, a := range annotations(rep) {
		if _, err := io.WriteString(w, line(a)+"\n"); err != nil {
			return err
		}
	}
	return nil
}

// githubLine is a GitHub Actions workflow command.
func githubLine(a annotation) string {
	props := []string{"file=" + ghProp(a.path)}
	if a.line > 0 {
		props = append(props, fmt.Sprintf("line=%d", a.line), fmt.Sprintf("endLine=%d", a.end))
	}
	props = append(props, "title="+ghProp(a.title))
	return fmt.Sprintf("::%s %s::%s", a.level, strings.Join(props, ","), ghData(a.message))
}

func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func ghProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// azureLine is an Azure Pipelines logging command.
func azureLine(a annotation) string {
	if a.level == "notice" {
		// A formatted log line, not an issue: a clean merge must not flag the run.
		return fmt.Sprintf("##[section]canvasgit: %s: %s", a.path, azData(a.message))
	}
	props := []string{"type=" + a.level, "sourcepath=" + azProp(a.path)}
	if a.line > 0 {
		props = append(props, fmt.Sprintf("linenumber=%d", a.line))
	}
	props = append(props, "code="+azProp(a.ruleID))
	return fmt.Sprintf("##vso[task.logissue %s]%s", strings.Join(props, ";"), azData(a.message))
}

func azData(s string) string {
	return strings.NewReplacer("%", "%AZP25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func azProp(s string) string {
	return strings.NewReplacer("%", "%AZP25", "\r", "%0D", "\n", "%0A", ";", "%3B", "]", "%5D").Replace(s)
}

func writeMarkdown(w io.Writer, rep *Report) error {
	bw := &errWriter{w: w}
	src, tgt := md(sideName(rep.Source)), md(sideName(rep.Target))
	if rep.Safe {
		bw.printf("### canvasgit gate: ✅ safe to merge `%s` into `%s`\n\n", src, tgt)
	} else {
		bw.printf("### canvasgit gate: ❌ not safe to merge `%s` into `%s`\n\n", src, tgt)
	}
	bw.printf("Checked with the canvasgit merge rules (the same engine as the merge driver), `%s` into `%s`", short(rep.Source.Commit), short(rep.Target.Commit))
	if rep.VirtualBase {
		bw.printf(", over a virtual merge base (criss-cross history)")
	}
	bw.printf(".\n\n")
	if len(rep.Apps) == 0 {
		bw.printf("Nothing to merge.\n")
		return bw.err
	}
	bw.printf("| App | Verdict | Refused | Conflicted | Merged cleanly | One side only |\n|---|---|---:|---:|---:|---:|\n")
	for _, a := range rep.Apps {
		name := "`" + md(a.Path) + "/`"
		if a.Repository {
			name = "files outside any app"
		}
		bw.printf("| %s | %s | %d | %d | %d | %d |\n", name, mdVerdict(a.Verdict), a.Refused, a.Conflicted, a.Clean, a.OneSided)
	}
	var bad []*File
	var merged []*File
	for _, f := range rep.Files {
		if f.Status != StatusClean {
			bad = append(bad, f)
		} else if f.bothChanged {
			merged = append(merged, f)
		}
	}
	if len(bad) > 0 {
		bw.printf("\n#### Files that need attention\n\n| File | Kind | Result | Why |\n|---|---|---|---|\n")
		for _, f := range bad {
			why := md(note(f))
			var lines []string
			for _, r := range f.Regions {
				if r.Source != nil {
					lines = append(lines, rangeText(*r.Source))
				}
			}
			if len(lines) > 0 {
				why += fmt.Sprintf(" (lines %s in `%s`)", strings.Join(lines, ", "), src)
			}
			bw.printf("| `%s` | %s | **%s** | %s |\n", md(f.Path), md(string(f.Kind)), f.Status, why)
		}
		for _, f := range bad {
			if f.Status == StatusRefused {
				if h := merge.RuleFor(f.Path).Hint; h != "" {
					bw.printf("\n> **%s**: %s.\n", md(f.Path), md(h))
				}
			}
		}
	}
	if len(merged) > 0 {
		bw.printf("\n<details><summary>%d file(s) changed on both sides merged cleanly</summary>\n\n| File | Kind | How |\n|---|---|---|\n", len(merged))
		for _, f := range merged {
			bw.printf("| `%s` | %s | %s |\n", md(f.Path), md(string(f.Kind)), md(note(f)))
		}
		bw.printf("\n</details>\n")
	}
	bw.printf("\n<details><summary>What each side changed</summary>\n\n| App | Side | Kind | Added | Removed | Changed | Renamed |\n|---|---|---|---:|---:|---:|---:|\n")
	for _, a := range rep.Apps {
		name := "`" + md(a.Path) + "/`"
		if a.Repository {
			name = "outside apps"
		}
		for _, s := range []struct {
			side string
			list []KindChanges
		}{{tgt, a.Changes.Target}, {src, a.Changes.Source}} {
			for _, k := range s.list {
				bw.printf("| %s | `%s` | %s | %d | %d | %d | %d |\n", name, s.side, md(string(k.Kind)), k.Added, k.Removed, k.Changed, k.Renamed)
			}
		}
	}
	bw.printf("\n</details>\n")
	var findings, old []string
	for _, a := range rep.Apps {
		introduced, pre := splitFindings(a.Findings)
		for _, f := range introduced {
			findings = append(findings, fmt.Sprintf("- %s `%s`: %s", f.Severity, md(f.Path), md(f.Message)))
		}
		for _, f := range pre {
			old = append(old, fmt.Sprintf("- %s `%s`: %s", f.Severity, md(f.Path), md(f.Message)))
		}
	}
	if len(findings) > 0 {
		sort.Strings(findings)
		bw.printf("\n#### Checks\n\n%s\n", strings.Join(findings, "\n"))
	}
	if len(old) > 0 {
		sort.Strings(old)
		bw.printf("\n<details><summary>%d finding(s) already in <code>%s</code> (not introduced by this merge; they do not change the verdict)</summary>\n\n%s\n\n</details>\n",
			len(old), html.EscapeString(md(sideName(rep.Target))), strings.Join(old, "\n"))
	}
	return bw.err
}

// splitFindings separates the findings the merge introduces from the ones TARGET
// already has, keeping their order.
func splitFindings(all []Finding) (introduced, preExisting []Finding) {
	for _, f := range all {
		if f.Status == FindingPreExisting {
			preExisting = append(preExisting, f)
		} else {
			introduced = append(introduced, f)
		}
	}
	return introduced, preExisting
}

func mdVerdict(v Verdict) string {
	switch v {
	case Conflicts:
		return "⚠️ conflicts"
	case Refused:
		return "⛔ refused"
	}
	return "✅ safe"
}

// md escapes text for a Markdown table cell.
func md(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ", "\r", "", "`", "'").Replace(s)
}

// uriOf makes a repository path a relative URI reference (spaces and the like escaped).
func uriOf(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}
