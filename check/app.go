package check

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"path"
	"strings"
	"unicode/utf16"

	"github.com/canvasgit/canvasgit/merge"
	srcapp "github.com/canvasgit/canvasgit/source/app"
	"github.com/canvasgit/canvasgit/source/fxyaml"
)

// file is one file of the app, path relative to the app root.
type file struct {
	path string
	data []byte
}

// role says where pac reads an .fx.yaml file from (the app model's roles; pac loads
// them in loadOrder, format-legacy §8.2).
type role = srcapp.Role

const (
	roleComponent = srcapp.RoleComponent // Src/Components/**, pkgs/Components/**
	roleTop       = srcapp.RoleScreen    // Src/*.fx.yaml: the App and the screens
	roleTest      = srcapp.RoleTest      // Src/Tests/**
)

// loadOrder is the order pac loads the source files in: components, then Src/*.fx.yaml,
// then tests.
var loadOrder = [...]role{roleComponent, roleTop, roleTest}

// fxFile is a parsed .fx.yaml source file.
type fxFile struct {
	path string
	role role
	file *fxyaml.File
	root *fxyaml.Block
}

// control is one control block (screen, control, component, test suite, case, step).
type control struct {
	name, typ string
	loc       Location
	root      bool // the top-level block of its file
	role      role
	step      bool // a TestStep (exempt from name uniqueness)
	block     *fxyaml.Block
	fx        *fxFile
}

// app is everything the checks know about one app.
type app struct {
	files    []file
	kinds    map[string]merge.Kind
	marked   map[string]bool // files with conflict markers (not parsed further)
	fx       []*fxFile
	controls []*control
	json     map[string]*jval // parsed structural JSON files, by path
	findings []Finding
	// unreadable lists the .fx.yaml sources that have conflict markers or do not parse:
	// what they define is unknown, so the checks that need every name hold back.
	unreadable []string

	// Filled by the name checks, used by the later ones.
	byName     map[string]*control // first control of each name (steps excluded)
	topParents map[string]*control // roots of the fx files: App, screens, components, tests
	components map[string]*control // component definitions by name

	// paScreens and paControls count what the .pa.yaml sources define, for the summary.
	paScreens, paControls int
}

func newApp(files []file) *app {
	return &app{
		files:  files,
		kinds:  map[string]merge.Kind{},
		marked: map[string]bool{},
		json:   map[string]*jval{},
	}
}

// add records a finding. names are what the finding is about (see Finding.Names): the
// control, screen, connection or file names involved, never line numbers or wording.
func (a *app) add(sev Severity, check string, names []string, loc Location, related []Location, format string, args ...any) {
	a.findings = append(a.findings, Finding{Severity: sev, Check: check, Names: names, Location: loc, Related: related,
		message: fmt.Sprintf(format, args...)})
}

func (a *app) run() {
	a.load()
	a.checkPaYaml() // the .pa.yaml (schema v3) sources: payaml_app.go
	a.checkNames()
	a.checkScreenOrder()
	a.checkUniqueIDs()
	a.checkComponentIDs()
	a.checkEditorState()
	a.checkConnections()
	a.checkTemplates()
	a.checkFileCase()
	a.checkAssetCase()
	a.checkReferences()
}

// segments splits a slash path.
func segments(p string) []string { return strings.Split(p, "/") }

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

// fxRole says whether pac reads the .fx.yaml file at p, and in which role.
func fxRole(p string) (role, bool) {
	r := srcapp.FormatFxYAML.RoleOf(p)
	return r, r.IsSource()
}

// isJSONFile reports whether the file holds JSON (.json, and the SARIF App Checker
// results).
func isJSONFile(p string, kind merge.Kind) bool {
	return hasSuffixFold(p, ".json") || kind == merge.KindAppChecker
}

// isBinary guesses as git does: a NUL byte in the first 8000 bytes.
func isBinary(data []byte) bool {
	n := min(len(data), 8000)
	return bytes.IndexByte(data[:n], 0) >= 0
}

// structural reports whether the checks read the JSON file's structure (and so parse
// it with line numbers).
func structural(p string, kind merge.Kind) bool {
	switch kind {
	case merge.KindManifest, merge.KindEntropy, merge.KindEditorState, merge.KindDataSources:
		return true
	case merge.KindConnections:
		return strings.EqualFold(path.Base(p), "Connections.json")
	}
	s := segments(p)
	switch {
	case len(s) == 1 && strings.EqualFold(p, "ControlTemplates.json"):
		return true
	case len(s) == 2 && strings.EqualFold(s[0], "Assets") && hasSuffixFold(p, ".json"):
		return true
	case isComponentJSON(p):
		return true
	}
	return false
}

// decodeUTF16 turns a file that starts with a UTF-16 byte order mark (saved so by a
// Windows editor; pac reads such files) into UTF-8. Other content is returned as is.
func decodeUTF16(data []byte) []byte {
	var order binary.ByteOrder
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		order = binary.LittleEndian
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		order = binary.BigEndian
	default:
		return data
	}
	units := make([]uint16, 0, len(data)/2)
	for i := 2; i+1 < len(data); i += 2 {
		units = append(units, order.Uint16(data[i:]))
	}
	return []byte(string(utf16.Decode(units)))
}

// load classifies every file, looks for conflict markers, and parses the .fx.yaml and
// JSON files.
func (a *app) load() {
	order := map[role][]*fxFile{}
	for _, f := range a.files {
		kind := merge.RuleFor(f.path).Kind
		a.kinds[f.path] = kind
		f.data = decodeUTF16(f.data)
		if isBinary(f.data) {
			continue
		}
		if a.scanMarkers(f) {
			a.marked[f.path] = true
			if _, ok := fxRole(f.path); ok {
				a.unreadable = append(a.unreadable, f.path)
			}
			continue
		}
		if r, ok := fxRole(f.path); ok {
			parsed, err := fxyaml.Parse(f.data)
			if err != nil {
				line := 0
				msg := err.Error()
				var se *fxyaml.SyntaxError
				if errors.As(err, &se) {
					line, msg = se.Line, se.Msg
				}
				a.add(Error, CheckParse, []string{f.path}, Location{f.path, line}, nil, "not valid .fx.yaml: %s (pac pack fails)", msg)
				a.unreadable = append(a.unreadable, f.path)
				continue
			}
			order[r] = append(order[r], &fxFile{path: f.path, role: r, file: parsed, root: parsed.Root()})
			continue
		}
		if isJSONFile(f.path, kind) {
			// One pass over a valid file (most are): the structure when the checks read
			// it, else the validity alone. A file that fails is read again by
			// encoding/json for its words and line, which the messages have always had.
			var v *jval
			var err error
			if structural(f.path, kind) {
				v, err = parseJSON(f.data)
			} else if !jsonValid(f.data) {
				err = errNotJSON
			}
			if err != nil {
				a.notJSON(f.path, f.data, err)
				continue
			}
			if v != nil {
				a.json[f.path] = v
			}
		}
	}
	// pac's load order: components, then Src/*.fx.yaml, then tests (test container first).
	tests := order[roleTest]
	for i, f := range tests {
		if strings.EqualFold(path.Base(f.path), testContainer+".fx.yaml") && i > 0 {
			copy(tests[1:i+1], tests[:i])
			tests[0] = f
			break
		}
	}
	for _, r := range loadOrder {
		a.fx = append(a.fx, order[r]...)
	}
	for _, f := range a.fx {
		a.collect(f, f.root, true)
	}
}

// testContainer is the name of the single test container top parent.
const testContainer = "Test_7F478737223C4B69"

func (a *app) collect(f *fxFile, b *fxyaml.Block, root bool) {
	if b == nil || b.Kind != fxyaml.ControlBlock {
		return
	}
	c := &control{
		name: b.Name, typ: b.Type, loc: Location{f.path, b.Line()},
		root: root, role: f.role, block: b, fx: f,
		step: f.role == roleTest && strings.HasPrefix(b.Type, "TestStep"),
	}
	a.controls = append(a.controls, c)
	for _, child := range b.Children() {
		a.collect(f, child, false)
	}
}

// mayDefine reports whether an unreadable source file may define the top parent name:
// its file name is the one pac writes for that name.
func (a *app) mayDefine(name string) bool {
	for _, p := range a.unreadable {
		s := stem(p, p[len(p)-len(".fx.yaml"):])
		if base, ok := stripCollisionSuffix(s); ok && topParentFileName(name) == base {
			return true
		}
		if topParentFileName(name) == s || unescapeFileName(s) == name {
			return true
		}
	}
	return false
}

// manifest returns the parsed CanvasManifest.json (nil when it does not parse).
func (a *app) manifest() (*jval, string) {
	for _, f := range a.files {
		if v := a.json[f.path]; v != nil && a.kinds[f.path] == merge.KindManifest && !strings.Contains(f.path, "/") {
			return v, f.path
		}
	}
	return nil, ""
}

// jsonOfKind returns the parsed files of a kind, in path order.
func (a *app) jsonOfKind(kind merge.Kind) []string {
	var out []string
	for _, f := range a.files {
		if a.kinds[f.path] == kind && a.json[f.path] != nil {
			out = append(out, f.path)
		}
	}
	return out
}

// scanMarkers reports leftover conflict markers (git's `<<<<<<<`, `|||||||`, `=======`,
// `>>>>>>>` lines, 7 or more characters, as the merge driver writes them) and says
// whether the file has any.
func (a *app) scanMarkers(f file) bool {
	data := f.data
	if bytes.IndexByte(data, '<') < 0 && bytes.IndexByte(data, '>') < 0 {
		return false
	}
	found := false
	open := false
	line := 0
	for len(data) > 0 {
		line++
		var l []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			l, data = data[:i], data[i+1:]
		} else {
			l, data = data, nil
		}
		l = bytes.TrimSuffix(l, []byte{'\r'})
		switch markerKind(l) {
		case '<':
			a.add(Error, CheckConflictMarker, []string{f.path}, Location{f.path, line}, nil, "leftover conflict marker %q: resolve the conflict", truncate(string(l), 40))
			found, open = true, true
		case '>':
			if !open {
				a.add(Error, CheckConflictMarker, []string{f.path}, Location{f.path, line}, nil, "leftover conflict marker %q: resolve the conflict", truncate(string(l), 40))
			}
			found, open = true, false
		}
	}
	return found
}

// markerKind returns '<' or '>' for an opening or closing conflict-marker line (7 or
// more of the character, then the end of the line or a space and a label), else 0.
func markerKind(l []byte) byte {
	if len(l) < 7 || (l[0] != '<' && l[0] != '>') {
		return 0
	}
	c := l[0]
	n := 0
	for n < len(l) && l[n] == c {
		n++
	}
	if n < 7 || (n < len(l) && l[n] != ' ') {
		return 0
	}
	return c
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
