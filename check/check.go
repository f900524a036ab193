// Package check runs the tree-level checks that no per-file merge driver can do on a
// canvas app's unpacked sources (`pac canvas unpack`): git merges one file at a time, so
// two branches that add `Button1` to two different screens merge cleanly and leave an
// app that no longer packs. The checks (docs/check.md lists them):
//
//   - control, screen and component names unique across the app (test steps exempt);
//   - ScreenOrder in CanvasManifest.json lists exactly the screens present;
//   - ControlUniqueIds unique, in Entropy.json and in the component files
//     (Src/Components/*.json); every editor-state file belongs to an
//     existing top parent and no control is claimed by two of them;
//   - no leftover conflict markers; every .fx.yaml and JSON file parses;
//   - file paths that differ only in case (errors); screen, control and asset names
//     that differ only in case (warnings);
//   - each connection's key equals its id; every control type has its template;
//   - work-tree files that are links out of the app, to non-regular files, or too big;
//   - warnings for formulas that name a screen or control that does not exist;
//   - for Power Fx YAML apps (Src/**/*.pa.yaml, schema v3; payaml_app.go): every source
//     parses and validates against the embedded v3 schema, names are unique across the
//     app, and EditorState's ScreensOrder lists exactly the screens present.
//
// The checks see an app as a set of files (path → bytes) rooted at the app folder (the
// folder holding CanvasManifest.json, or the one above a Src/ folder of .pa.yaml files), so they run the same on a work tree (CheckFS with
// os.DirFS), on the index or a commit read through git, and on a merged tree held in
// memory (CheckFiles). What each file is comes from the merge rules table
// (merge.RuleFor), the same table the merge driver uses.
package check

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	srcapp "github.com/canvasgit/canvasgit/source/app"
	"github.com/canvasgit/canvasgit/source/place"
)

// Severity is how bad a finding is: an error (the app will not pack, or packs into a
// broken app) or a warning (likely a mistake, the app still packs).
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Check names, as they appear in Finding.Check and in the JSON output.
const (
	CheckDuplicateName  = "duplicate-name"
	CheckScreenOrder    = "screen-order"
	CheckUniqueID       = "unique-id"
	CheckEditorState    = "editor-state"
	CheckConflictMarker = "conflict-marker"
	CheckParse          = "parse"
	CheckCaseCollision  = "case-collision"
	CheckConnection     = "connection"
	CheckTemplate       = "template"
	CheckMissingRef     = "missing-reference"
	CheckFile           = "file"
)

// Location is a place in the app: a file path relative to the app root, with forward
// slashes, and a 1-based line (0 when the finding is about the whole file).
type Location struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
}

func (l Location) String() string {
	if l.Line > 0 {
		return fmt.Sprintf("%s:%d", l.File, l.Line)
	}
	return l.File
}

// Finding is one problem.
type Finding struct {
	Severity Severity
	Check    string
	// Names are what the finding is about: the control, screen, connection, template or
	// file names involved (a pair in sorted order). With Check and the app's folder they
	// are the finding's identity (Key), which survives edits elsewhere in the file: no
	// line numbers, no message text.
	Names []string
	// PreExisting is set by MarkPreExisting when the baseline (the commit a change is
	// compared with) already had this finding: the change did not cause it.
	PreExisting bool
	// OverLimit is set on the `file` error of a file that was not checked because it is
	// larger than MaxFileSize: canvasgit cannot judge it, so the command line exits 2
	// and the gate is undecided, rather than calling the app broken.
	OverLimit bool
	Location
	// Related are the other places the finding is about (the first definition of a
	// duplicate name, the manifest entry of a missing screen, ...).
	Related []Location
	// message may hold placeholders for Related locations; Message expands them.
	message string
}

// ref returns the placeholder that Message replaces by Related[i].
func ref(i int) string { return "\x00" + string(rune('0'+i)) }

// Message returns the finding's message with related locations shown as they are
// (paths relative to the app root).
func (f Finding) Message() string { return f.MessageWith(Location.String) }

// MessageWith returns the message with each related location rendered by show (the
// command uses it to print paths relative to the current directory).
func (f Finding) MessageWith(show func(Location) string) string {
	if !strings.Contains(f.message, "\x00") {
		return f.message
	}
	var b strings.Builder
	s := f.message
	for {
		i := strings.IndexByte(s, 0)
		if i < 0 || i+1 >= len(s) {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		n := int(s[i+1] - '0')
		if n >= 0 && n < len(f.Related) {
			b.WriteString(show(f.Related[n]))
		}
		s = s[i+2:]
	}
}

// String renders the finding the way the command prints it:
// `path:line: severity: message`.
func (f Finding) String() string {
	return fmt.Sprintf("%s: %s: %s", f.Location, f.Severity, f.Message())
}

// Report is the outcome of checking one app.
type Report struct {
	Findings []Finding
	// Screens and Controls count what the check read, for a summary: the screens, and
	// the controls on the screens and in the components (not the App object, the
	// screens and components themselves, nor test suites, cases and steps).
	Screens, Controls int
}

// Errors counts the findings of severity Error.
func (r *Report) Errors() int { return r.count(Error) }

// IntroducedErrors counts the errors that are not pre-existing: the ones that block.
func (r *Report) IntroducedErrors() int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == Error && !f.PreExisting {
			n++
		}
	}
	return n
}

// PreExisting counts the findings MarkPreExisting found in the baseline.
func (r *Report) PreExisting() int {
	n := 0
	for _, f := range r.Findings {
		if f.PreExisting {
			n++
		}
	}
	return n
}

// Warnings counts the findings of severity Warning.
func (r *Report) Warnings() int { return r.count(Warning) }

func (r *Report) count(s Severity) int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// ManifestName is the file that marks an app root.
const ManifestName = srcapp.ManifestName

// ErrNoManifest is returned when the tree given to CheckFS or CheckFiles is no app: it
// has no CanvasManifest.json at its root and no `.pa.yaml` sources under Src/.
var ErrNoManifest = errors.New("no " + ManifestName + " or Src/**/*.pa.yaml at the app root")

// CheckFiles checks the app whose files are given as path → content. Paths are relative
// to the app root (the folder holding CanvasManifest.json), with forward slashes; a
// leading "./" or backslashes are accepted. It is the entry point for trees held in
// memory (the CI gate checks a merged tree before anything is written). A file longer
// than MaxFileSize is not checked, as in CheckFS: it is a `file` error naming it, so a
// caller may pass just its first MaxFileSize+1 bytes.
func CheckFiles(files map[string][]byte) (*Report, error) {
	list := make([]file, 0, len(files))
	var skipped []Finding
	for p, data := range files {
		p = srcapp.CleanPath(p)
		if p == "" {
			continue
		}
		if len(data) > MaxFileSize {
			skipped = append(skipped, unreadFinding(place.TooLarge(p)))
			continue
		}
		list = append(list, file{path: p, data: data})
	}
	return checkList(list, skipped...)
}

// CheckFS checks the app rooted at fsys (os.DirFS(appRoot) for a work tree), read as
// place.Dir reads it: every regular file, up to MaxFileSize; a symbolic link only when
// it leads to a regular file inside the app (fsys must implement fs.ReadLinkFS, as
// os.DirFS does). Files not read for these reasons are `file` errors. Folders named
// .git are skipped.
func CheckFS(fsys fs.FS) (*Report, error) {
	return CheckPlace(place.Dir{FS: fsys}, ".")
}

// checkList checks the files; extra are findings made while reading them.
func checkList(list []file, extra ...Finding) (*Report, error) {
	sort.Slice(list, func(i, j int) bool { return list[i].path < list[j].path })
	hasManifest := false
	for _, f := range list {
		if strings.EqualFold(f.path, ManifestName) {
			hasManifest = true
			break
		}
	}
	for _, f := range extra {
		hasManifest = hasManifest || strings.EqualFold(f.File, ManifestName) || isPaSource(f.File)
	}
	if !hasManifest && !hasPaSources(list) {
		return nil, ErrNoManifest
	}
	a := newApp(list)
	a.findings = append(a.findings, extra...)
	for _, f := range extra {
		if _, ok := fxRole(f.File); ok {
			a.unreadable = append(a.unreadable, f.File) // what it defines is unknown
		}
	}
	a.run()
	sortFindings(a.findings)
	return &Report{Findings: a.findings, Screens: len(a.screens()) + a.paScreens, Controls: a.placedControls() + a.paControls}, nil
}

// placedControls counts the controls below the root block of each source file, outside
// the tests.
func (a *app) placedControls() int {
	n := 0
	for _, c := range a.controls {
		if !c.root && c.role != roleTest {
			n++
		}
	}
	return n
}

func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Severity != b.Severity {
			return a.Severity == Error
		}
		return a.message < b.message
	})
}

// AppRoots returns the app roots among paths (a list of file paths with forward
// slashes, e.g. a tree listing): the folders that hold a CanvasManifest.json (any
// casing) or `.pa.yaml` sources under Src/ (PaYamlAppRoot), sorted, "." for the top.
// Apps nested inside another app are not listed.
func AppRoots(paths []string) []string { return srcapp.Roots(paths) }

// AppRootOf returns the innermost root in roots that holds p (a file path with forward
// slashes), and whether there is one.
func AppRootOf(p string, roots []string) (string, bool) { return srcapp.RootOf(p, roots) }

// FindApps walks fsys below dir and returns the app roots it finds (folders holding a
// CanvasManifest.json, or `.pa.yaml` sources under Src/), as paths in fsys, sorted. It
// does not descend into an app root or into .git folders.
func FindApps(fsys fs.FS, dir string) ([]string, error) { return srcapp.FindFS(fsys, dir) }
