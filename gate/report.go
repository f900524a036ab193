package gate

import (
	"bytes"
	"fmt"
	"slices"
	"sort"

	"github.com/canvasgit/canvasgit/internal/gitobj"

	"github.com/canvasgit/canvasgit/merge"
	srcapp "github.com/canvasgit/canvasgit/source/app"
)

// SchemaVersion is the version of the JSON report; it changes only when fields are
// removed or change meaning (new fields may be added at any time).
const SchemaVersion = 1

// Verdict is the outcome for a canvas app, or for the whole merge.
type Verdict string

const (
	Safe      Verdict = "safe"      // merges with no conflict and no refusal
	Conflicts Verdict = "conflicts" // some file needs a human to resolve conflicts
	Refused   Verdict = "refused"   // a protected file (or a check) makes the merge unsafe
)

func (v Verdict) rank() int {
	switch v {
	case Refused:
		return 2
	case Conflicts:
		return 1
	}
	return 0
}

func worse(a, b Verdict) Verdict {
	if b.rank() > a.rank() {
		return b
	}
	return a
}

// File statuses.
const (
	StatusClean      = "clean"
	StatusConflicted = "conflicted"
	StatusRefused    = "refused"
)

// RepositoryGroup is the App.Path of the group of files outside any canvas app.
const RepositoryGroup = ""

// Report is the gate's answer. Its JSON form is documented in docs/gate.md.
type Report struct {
	SchemaVersion int    `json:"schemaVersion"`
	Target        Side   `json:"target"`
	Source        Side   `json:"source"`
	MergeBases    []Side `json:"mergeBases"`
	// VirtualBase is set when several merge bases were merged into a virtual one.
	VirtualBase bool    `json:"virtualBase"`
	Verdict     Verdict `json:"verdict"`
	Safe        bool    `json:"safe"`
	Apps        []*App  `json:"apps"`
	// Files lists every path changed on either side, sorted by path.
	Files []*File `json:"files"`
}

// Side is one commit of the merge.
type Side struct {
	Name   string `json:"name,omitempty"`
	Commit string `json:"commit"`
}

// App is one canvas app (a folder holding CanvasManifest.json), or the group of files
// outside any app (Path "" and Repository true).
type App struct {
	Path       string  `json:"path"`
	Repository bool    `json:"repository"`
	Verdict    Verdict `json:"verdict"`
	// Counts of the paths changed on both sides, by outcome; OneSided counts the
	// paths only one side changed (always taken as they are).
	Clean      int `json:"clean"`
	Conflicted int `json:"conflicted"`
	Refused    int `json:"refused"`
	OneSided   int `json:"oneSided"`
	// Changes summarises what each side changed, by rule kind.
	Changes Changes `json:"changes"`
	// Findings are the results of the app-wide checks on the merged tree.
	Findings []Finding `json:"findings,omitempty"`
}

// Changes is the file-level summary of both sides for reviewers.
type Changes struct {
	Target []KindChanges `json:"target"`
	Source []KindChanges `json:"source"`
}

// KindChanges counts one side's changed files of one rule kind.
type KindChanges struct {
	Kind    merge.Kind `json:"kind"`
	Added   int        `json:"added"`
	Removed int        `json:"removed"`
	Changed int        `json:"changed"`
	Renamed int        `json:"renamed"`
}

// File is one path changed on either side and what the merge did with it.
type File struct {
	Path    string     `json:"path"`
	OldPath string     `json:"oldPath,omitempty"` // the base path when a side renamed it
	App     string     `json:"app"`               // the app's folder, "" outside any app
	Kind    merge.Kind `json:"kind"`
	// Strategy is the engine strategy applied ("" when no content merge ran).
	Strategy string `json:"strategy,omitempty"`
	// Target and Source say what each side did: unchanged, added, deleted, modified,
	// mode changed, renamed from X.
	Target string `json:"target"`
	Source string `json:"source"`
	// Resolution says how the path was resolved: "took target", "took source", "same
	// change on both sides", "merged", "deleted", "conflict".
	Resolution string `json:"resolution"`
	Status     string `json:"status"`
	// Conflict is git's name for the kind of conflict (content, add/add,
	// modify/delete, rename/delete, ...), empty when clean.
	Conflict string `json:"conflict,omitempty"`
	Reason   string `json:"reason,omitempty"`
	// Messages are the merge engine's own messages (what was refused, dropped, taken).
	Messages []string `json:"messages,omitempty"`
	// Regions are the conflicting regions, or for a clean never-block merge the parts
	// where the source's change was dropped.
	Regions []Region `json:"regions,omitempty"`
	// KeptTarget is, for a file that merged cleanly by keeping the target's version
	// where both sides changed it (the never-block rule), how many such parts there
	// were: one per region. Every report format states this number.
	KeptTarget int `json:"keptTarget,omitempty"`
	// Content is the merged file (only with Options.KeepContent).
	Content []byte `json:"-"`
	// Deleted is set when the merged tree has no file at Path.
	Deleted bool `json:"deleted,omitempty"`
	// Mode is the merged file's git mode (e.g. 100644), 0 when deleted.
	Mode uint32 `json:"mode,omitempty"`

	bothChanged bool
}

// Region is one conflicting (or dropped) region of a file.
type Region struct {
	// Merged is the region in the merged file (conflict markers included).
	Merged LineRange `json:"merged"`
	// Target and Source locate the region in each side's version of the file, when it
	// could be found (End < Start means that side has no lines there: the region sits
	// just before line Start).
	Target *LineRange `json:"target,omitempty"`
	Source *LineRange `json:"source,omitempty"`
}

// LineRange is a 1-based, inclusive range of lines.
type LineRange struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Finding is one result of an app-wide check.
type Finding struct {
	// ID is the finding's identity: the check, the app and the names involved, never a
	// line number or message text (e.g. "duplicate-name:app:Button1"). The gate
	// compares the merged tree's findings with the TARGET's by ID; a finding without
	// one always counts as introduced.
	ID       string `json:"id,omitempty"`
	Path     string `json:"path,omitempty"`
	Line     int    `json:"line,omitempty"`
	Severity string `json:"severity"` // "error" makes the app unsafe (if introduced); "warning", "note"
	Message  string `json:"message"`
	// Status is FindingIntroduced, or FindingPreExisting when TARGET already has the
	// finding: the merge did not cause it, and it does not change the verdict.
	Status string `json:"status"`
	// overLimit marks a file the check did not read because it is over
	// check.MaxFileSize: the gate cannot judge the app (see runChecks).
	overLimit bool
}

// Finding statuses.
const (
	FindingIntroduced  = "introduced"
	FindingPreExisting = "pre-existing"
)

func (m *merger) report(tm *treeMerge, opts Options, target, source *commitNode, bases []*commitNode, baseTree gitobj.ID) (*Report, error) {
	rep := &Report{
		SchemaVersion: SchemaVersion,
		Target:        Side{Name: opts.TargetLabel, Commit: target.id.String()},
		Source:        Side{Name: opts.SourceLabel, Commit: source.id.String()},
		VirtualBase:   len(bases) > 1,
	}
	for _, b := range bases {
		rep.MergeBases = append(rep.MergeBases, Side{Commit: b.id.String()})
	}
	apps := &appFinder{s: m.s, roots: []gitobj.ID{target.tree, source.tree, baseTree}, cache: map[string]bool{}}
	groups := map[string]*App{}
	group := func(p string) (*App, error) {
		root, err := apps.appOf(p)
		if err != nil {
			return nil, err
		}
		a := groups[root]
		if a == nil {
			a = &App{Path: root, Repository: root == RepositoryGroup, Verdict: Safe}
			groups[root] = a
		}
		return a, nil
	}

	// What each side changed, by kind, with renames found over the whole diff (the
	// merge itself only looks for renames that matter to it).
	var counts [2]map[string]KindChanges
	folded := map[string]string{} // new path → old path of one-sided renames
	skip := map[string]bool{}
	for i, d := range []map[string]change{tm.d1, tm.d2} {
		c, pairs, err := m.sideChanges(d)
		if err != nil {
			return nil, err
		}
		counts[i] = c
		for _, r := range pairs {
			if foldRename(tm, i+1, r) {
				folded[r.dst] = r.src
				skip[r.src] = true
			}
		}
	}

	states := make([]*pathState, 0, len(tm.paths)+len(tm.extra))
	for _, p := range sortedKeys(tm.paths) {
		states = append(states, tm.paths[p])
	}
	states = append(states, tm.extra...)
	for _, st := range states {
		p := st.path
		if st.movedTo != "" || skip[p] {
			continue // reported at its new path
		}
		f, err := m.file(st, opts)
		if err != nil {
			return nil, err
		}
		if old, ok := folded[p]; ok {
			f.OldPath = old
			base := tm.paths[old].stages[0]
			if st.sides[1].present() {
				f.Target = describe(base, st.sides[1], old, p)
			} else {
				f.Source = describe(base, st.sides[2], old, p)
			}
		}
		a, err := group(p)
		if err != nil {
			return nil, err
		}
		f.App = a.Path
		rep.Files = append(rep.Files, f)
		if !f.bothChanged {
			a.OneSided++
		}
		switch f.Status {
		case StatusRefused:
			a.Refused++
			a.Verdict = worse(a.Verdict, Refused)
		case StatusConflicted:
			a.Conflicted++
			a.Verdict = worse(a.Verdict, Conflicts)
		default:
			if f.bothChanged {
				a.Clean++
			}
		}
	}

	for side, c := range counts {
		for p, k := range c {
			a, err := group(p)
			if err != nil {
				return nil, err
			}
			if side == 0 {
				a.Changes.Target = addKind(a.Changes.Target, k)
			} else {
				a.Changes.Source = addKind(a.Changes.Source, k)
			}
		}
	}

	var all []*App
	for _, a := range groups {
		sortKinds(a.Changes.Target)
		sortKinds(a.Changes.Source)
		if a.Changes.Target == nil {
			a.Changes.Target = []KindChanges{}
		}
		if a.Changes.Source == nil {
			a.Changes.Source = []KindChanges{}
		}
		all = append(all, a)
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].Repository != all[j].Repository {
			return !all[i].Repository // apps first, the repository group last
		}
		return all[i].Path < all[j].Path
	})
	rep.Apps = all

	if len(opts.Checks) > 0 {
		if err := m.runChecks(rep, tm, target); err != nil {
			return nil, err
		}
	}
	rep.Verdict = Safe
	for _, a := range rep.Apps {
		rep.Verdict = worse(rep.Verdict, a.Verdict)
	}
	rep.Safe = rep.Verdict == Safe
	sort.SliceStable(rep.Files, func(i, j int) bool { return rep.Files[i].Path < rep.Files[j].Path })
	if rep.Files == nil {
		rep.Files = []*File{}
	}
	if rep.Apps == nil {
		rep.Apps = []*App{}
	}
	return rep, nil
}

// file describes one path's outcome.
func (m *merger) file(st *pathState, opts Options) (*File, error) {
	rule := merge.RuleFor(st.path)
	f := &File{Path: st.path, Kind: rule.Kind, Reason: st.reason, Conflict: st.kind}
	if st.pathnames[0] != st.path {
		f.OldPath = st.pathnames[0]
	}
	if st.asidePath != "" {
		f.Path, f.OldPath = st.asidePath, st.path
	}
	s := st.sides
	f.Target = describe(s[0], s[1], st.pathnames[0], st.pathnames[1])
	f.Source = describe(s[0], s[2], st.pathnames[0], st.pathnames[2])
	f.bothChanged = f.Target != "unchanged" && f.Source != "unchanged"
	switch {
	case st.refused:
		f.Status = StatusRefused
	case !st.clean:
		f.Status = StatusConflicted
	default:
		f.Status = StatusClean
	}
	if f.Status != StatusClean && f.Conflict == "" {
		f.Conflict = kindContent
	}
	f.Resolution = st.resolution
	if f.Status != StatusClean {
		f.Resolution = "conflict"
	}
	if st.outcome != nil {
		f.Strategy = st.outcome.Strategy.String()
		f.Messages = st.outcome.Messages
		if len(st.outcome.Conflicts) > 0 {
			if err := m.regions(f, st); err != nil {
				return nil, err
			}
		}
	}
	f.KeptTarget = keptTarget(f)
	if st.refused && f.Reason == "" {
		f.Reason = fmt.Sprintf("refused: %s; %s", rule.Why, rule.Hint)
	}
	if f.Status == StatusConflicted && f.Reason == "" && f.Conflict == kindContent {
		f.Reason = fmt.Sprintf("both sides changed the same lines (%d conflicting region(s))", len(f.Regions))
	}
	if !st.result.present() {
		f.Deleted = true
	} else {
		f.Mode = uint32(st.result.mode)
	}
	if opts.KeepContent && st.result.present() && st.result.kind() != typeGitlink {
		if st.content != nil {
			f.Content = st.content
		} else {
			b, err := m.s.blob(st.result.hash)
			if err != nil {
				return nil, err
			}
			f.Content = b
		}
	}
	return f, nil
}

// keptTarget counts the parts of a clean file where the merge kept the target's version
// (File.KeptTarget): one per region. The one place this number is computed.
func keptTarget(f *File) int {
	if f.Status != StatusClean {
		return 0
	}
	return len(f.Regions)
}

// describe says what one side did to a path compared with the base.
func describe(base, side entry, baseName, sideName string) string {
	switch {
	case !base.present() && !side.present():
		return "unchanged"
	case !base.present():
		return "added"
	case !side.present():
		return "deleted"
	}
	var what string
	switch {
	case base == side:
		what = "unchanged"
	case base.hash == side.hash:
		what = "mode changed"
	default:
		what = "modified"
	}
	if baseName != sideName {
		if what == "unchanged" {
			return "renamed from " + baseName
		}
		return "renamed from " + baseName + " and " + what
	}
	return what
}

// regions locates each conflicting region in the merged file and in both sides.
func (m *merger) regions(f *File, st *pathState) error {
	var ours, theirs []byte
	var err error
	if s := st.sides[1]; s.present() && s.isReg() {
		if ours, err = m.s.blob(s.hash); err != nil {
			return err
		}
	}
	if s := st.sides[2]; s.present() && s.isReg() {
		if theirs, err = m.s.blob(s.hash); err != nil {
			return err
		}
	}
	merged := splitLines(st.outcome.Merged)
	ol, tl := splitLines(ours), splitLines(theirs)
	oc, tc := 0, 0
	for _, c := range st.outcome.Conflicts {
		r := Region{Merged: LineRange{c.StartLine, c.EndLine}}
		anchor := []byte(nil)
		if c.StartLine >= 2 && c.StartLine-2 < len(merged) {
			anchor = merged[c.StartLine-2]
		}
		ob, tb := splitLines(c.Ours), splitLines(c.Theirs)
		if c.Ours == nil && c.Theirs == nil && c.Base == nil {
			// A structural merge reports no side lines: read them between the markers.
			ob, tb = sidesFromMarkers(merged, c.StartLine, c.EndLine, st.markerSize)
		}
		r.Target, oc = locate(ol, ob, anchor, oc)
		r.Source, tc = locate(tl, tb, anchor, tc)
		f.Regions = append(f.Regions, r)
	}
	return nil
}

// sidesFromMarkers splits the lines start..end (1-based) of a merged file, a region
// written with conflict markers, into the ours and theirs lines. Without markers (a
// never-block merge kept ours), the region's lines are ours.
func sidesFromMarkers(merged [][]byte, start, end, size int) (ours, theirs [][]byte) {
	if start < 1 || end > len(merged) || end < start {
		return nil, nil
	}
	lines := merged[start-1 : end]
	if !isMarker(lines[0], '<', size) {
		return lines, nil
	}
	part := 0 // 0 ours, 1 base, 2 theirs
	for _, l := range lines[1:] {
		switch {
		case isMarker(l, '|', size):
			part = 1
		case isMarker(l, '=', size):
			part = 2
		case isMarker(l, '>', size):
			return ours, theirs
		case part == 0:
			ours = append(ours, l)
		case part == 2:
			theirs = append(theirs, l)
		}
	}
	return ours, theirs
}

func isMarker(line []byte, c byte, size int) bool {
	if len(line) < size {
		return false
	}
	for _, x := range line[:size] {
		if x != c {
			return false
		}
	}
	rest := bytes.TrimRight(line[size:], "\r\n")
	return len(rest) == 0 || (c != '=' && rest[0] == ' ')
}

// locate finds a region's lines in a side's file, searching forward from line index
// from. An empty region is placed after the line before it (anchor).
func locate(lines, block [][]byte, anchor []byte, from int) (*LineRange, int) {
	if len(lines) == 0 {
		return nil, from
	}
	if len(block) > 0 {
		for i := from; i+len(block) <= len(lines); i++ {
			if equalLines(lines[i:i+len(block)], block) {
				return &LineRange{i + 1, i + len(block)}, i + len(block)
			}
		}
		return nil, from
	}
	if anchor == nil {
		return &LineRange{1, 0}, from
	}
	for i := from; i < len(lines); i++ {
		if bytes.Equal(lines[i], anchor) {
			return &LineRange{i + 2, i + 1}, i + 1
		}
	}
	return nil, from
}

func equalLines(a, b [][]byte) bool {
	for i := range b {
		if !bytes.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

// splitLines cuts b into lines, each with its line ending.
func splitLines(b []byte) [][]byte {
	return slices.Collect(bytes.Lines(b))
}

// foldRename reports whether a rename found on one side only (the other side left the
// old path alone and has nothing at the new one) can be shown as one renamed file
// rather than a deletion and an addition: both paths merged cleanly on that side.
func foldRename(tm *treeMerge, side int, r renamePair) bool {
	src, dst := tm.paths[r.src], tm.paths[r.dst]
	if src == nil || dst == nil || src.movedTo != "" || dst.movedTo != "" || src.asidePath != "" || dst.asidePath != "" {
		return false
	}
	other := 3 - side
	return src.clean && dst.clean && !src.result.present() && dst.pathnames[0] == dst.path &&
		src.sides[other] == src.sides[0] && !dst.sides[other].present() && dst.sides[side].present()
}

// sideChanges counts one side's changes by path (at the new path for renames) and
// returns the renames it found.
func (m *merger) sideChanges(d map[string]change) (map[string]KindChanges, []renamePair, error) {
	var sources, dests []fileRef
	for _, p := range sortedKeys(d) {
		c := d[p]
		switch {
		case c.base.present() && !c.side.present():
			sources = append(sources, fileRef{p, c.base})
		case !c.base.present() && c.side.present():
			dests = append(dests, fileRef{p, c.side})
		}
	}
	renamed := map[string]bool{}
	renamedFrom := map[string]bool{}
	var pairs []renamePair
	if len(sources) > 0 && len(dests) > 0 {
		var err error
		pairs, err = m.s.detectRenames(sources, dests, nil, m.spans)
		if err != nil {
			return nil, nil, err
		}
		for _, r := range pairs {
			renamed[r.dst] = true
			renamedFrom[r.src] = true
		}
	}
	out := map[string]KindChanges{}
	for p, c := range d {
		if renamedFrom[p] {
			continue
		}
		k := KindChanges{Kind: merge.RuleFor(p).Kind}
		switch {
		case renamed[p]:
			k.Renamed = 1
		case !c.base.present():
			k.Added = 1
		case !c.side.present():
			k.Removed = 1
		default:
			k.Changed = 1
		}
		out[p] = k
	}
	return out, pairs, nil
}

func addKind(list []KindChanges, c KindChanges) []KindChanges {
	for i := range list {
		if list[i].Kind == c.Kind {
			list[i].Added += c.Added
			list[i].Removed += c.Removed
			list[i].Changed += c.Changed
			list[i].Renamed += c.Renamed
			return list
		}
	}
	return append(list, c)
}

// sortKinds orders kinds as the rules table does, "other" last.
func sortKinds(list []KindChanges) {
	order := map[merge.Kind]int{}
	for i, r := range merge.AllRules() {
		order[r.Kind] = i
	}
	sort.Slice(list, func(i, j int) bool { return order[list[i].Kind] < order[list[j].Kind] })
}

// appFinder maps paths to canvas apps: the nearest folder holding an app's marker
// file (CanvasManifest.json, see package source/app) in the target, the source or the
// merge base, else the outermost `.pa.yaml` app root (payaml.go).
type appFinder struct {
	s     *store
	roots []gitobj.ID
	cache map[string]bool // folder → is an app root
}

func (a *appFinder) appOf(p string) (string, error) {
	root, ok, err := srcapp.Enclosing(p, func(dir string) (bool, error) {
		if dir == "." {
			dir = ""
		}
		return a.isApp(dir)
	})
	if err != nil {
		return RepositoryGroup, err
	}
	if !ok {
		pa, ok, err := a.paAppOf(p)
		if err != nil || !ok {
			return RepositoryGroup, err
		}
		return pa, nil
	}
	if root == "." {
		return "", nil // an app at the top of the repository: its folder is ""
	}
	return root, nil
}

// isApp reports whether dir holds an app's marker file (CanvasManifest.json) in any of
// the roots.
func (a *appFinder) isApp(dir string) (bool, error) {
	return a.anyRootHas(dir, dir, func(t *gitTree) (bool, error) {
		for _, e := range t.Entries {
			if e.Mode&typeMask != typeDir && srcapp.IsMarker(e.Name) {
				return true, nil
			}
		}
		return false, nil
	})
}

// anyRootHas reports whether dir is a folder in one of the roots (target, source, merge
// base) whose tree has, as holds says, what makes it an app. The answer is cached under
// key, as every path below the folder asks again.
func (a *appFinder) anyRootHas(key, dir string, holds func(t *gitTree) (bool, error)) (bool, error) {
	if v, ok := a.cache[key]; ok {
		return v, nil
	}
	found := false
	for _, root := range a.roots {
		te, ok, err := a.s.lookup(root, dir)
		if err != nil {
			return false, err
		}
		if !ok || te.Mode&typeMask != typeDir {
			continue
		}
		t, err := a.s.tree(te.Hash)
		if err != nil {
			return false, err
		}
		if found, err = holds(t); err != nil {
			return false, err
		}
		if found {
			break
		}
	}
	a.cache[key] = found
	return found, nil
}
