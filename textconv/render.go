package textconv

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
)

// FormatVersion is the version of the text this package prints. It goes into the
// textconv command string so git's textconv cache is refreshed when it changes.
const FormatVersion = 3

// Options select what is rendered.
type Options struct {
	// All adds the files pac writes for round trips, which change on every save in
	// Studio: Src/EditorState/*, Entropy/Entropy.json, Entropy/checksum.json and
	// Entropy/AppCheckerResult.sarif. The other sections are the same either way.
	All bool
}

// SectionPrefix and SectionSuffix surround the path in each section header line.
const (
	SectionPrefix = "=== "
	SectionSuffix = " ==="
)

// XFuncname is a POSIX extended regular expression (no backslash escapes) for
// diff.msapp.xfuncname: it matches section headers and control header lines; its
// group (what git shows in the hunk header) leaves out the indentation.
const XFuncname = `^[ ]*(=== .* ===|[^ #"].* As [^ :]+:|"[^"]* As [^"]*":)$`

// renderer writes the sections of one archive.
type renderer struct {
	a      *Archive
	w      *bufio.Writer
	opts   Options
	shown  map[*Entry]bool
	errMsg []string
	// files holds, per folder, the file names given so far (names.go).
	files map[string]*fileNames
	// dataSourcesAhead delivers the dataSources step's work, done in the background
	// (prefetch.go).
	dataSourcesAhead chan dataSourcesWork
	// jsonBuf is sectionJSON's buffer, kept from one section to the next.
	jsonBuf []byte
}

// Render writes the text for an archive. An *UnusableError means the archive could
// not be read at all; problems with single entries are reported inside the output.
func Render(w io.Writer, a *Archive, opts Options) error {
	// A large buffer: fewer write system calls when git reads from a pipe.
	r := &renderer{a: a, w: bufio.NewWriterSize(w, 256<<10), opts: opts, shown: map[*Entry]bool{}}
	err := r.render()
	r.waitDataSources()
	if err == nil && len(a.Duplicates) > 0 {
		r.section("Archive warnings", []byte("duplicate entries, only the first of each is shown: "+strings.Join(a.Duplicates, ", ")+"\n"))
	}
	if ferr := r.w.Flush(); err == nil {
		err = ferr
	}
	return err
}

func (r *renderer) section(name string, body []byte) {
	r.w.WriteString(SectionPrefix + name + SectionSuffix + "\n")
	body = toLF(body)
	r.w.Write(body)
	if len(body) > 0 && body[len(body)-1] != '\n' {
		r.w.WriteByte('\n')
	}
}

// sectionJSON writes a section of JSON in canonical form straight to the output.
func (r *renderer) sectionJSON(name string, v any) {
	r.w.WriteString(SectionPrefix + name + SectionSuffix + "\n")
	o := jsonOut{buf: r.jsonBuf[:0], w: r.w}
	writeJSON(&o, v, 0) // canonical JSON escapes CR, so it has only LF line ends
	o.flush()
	r.jsonBuf = o.buf
	r.w.WriteByte('\n')
}

func (r *renderer) writeFile(f outFile) {
	if f.body == nil {
		r.sectionJSON(f.name, f.json)
	} else {
		r.section(f.name, f.body)
	}
}

func toLF(b []byte) []byte {
	if bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(b, []byte("\r"), []byte("\n"))
}

// read reads an entry and marks it shown; an *UnusableError (a limit hit, damaged
// data) stops the whole rendering.
func (r *renderer) read(e *Entry) ([]byte, error) {
	r.shown[e] = true
	return r.a.Read(e)
}

func (r *renderer) readJSON(name string) (object, *Entry, error) {
	e := r.a.Lookup(name)
	if e == nil {
		return nil, nil, nil
	}
	data, err := r.read(e)
	if err != nil {
		return nil, e, err
	}
	v, err := parseJSON(data)
	if err != nil {
		r.problem(name, err)
		return nil, e, nil
	}
	o, _ := v.(object)
	return o, e, nil
}

func (r *renderer) problem(name string, err error) {
	r.section(name, []byte(fmt.Sprintf("(canvasgit: cannot render this entry: %v)\n", err)))
}

type topParent struct {
	entry *Entry
	// item is the decoded file: set for components and tests, and for a screen
	// holding a test case, which sources renders; nil for the other screens.
	item *item
	// text is the rendered .fx.yaml of the App or a screen (scanScreens), decodeErr
	// why its file could not be decoded (reported in its turn).
	text      []byte
	decodeErr error
	name      string
	index     float64 // the screen's position in ScreenOrder
	file      string  // Src/<file> for the App and screens (load)
	// templates are the Template objects of its controls, first per key, and
	// topTemplate the top parent's own: kept from the one decoding of the file so
	// ControlTemplates.json and the component files need not read it again.
	templates   []controlTemplate
	topTemplate any
}

// app holds what the sections share: the decoded top-level files and controls.
type app struct {
	header, props, publish object
	templates, themes      object // References/Templates.json, References/Themes.json
	appControl             *topParent
	screens                []topParent // in ScreenOrder
	components, tests      []topParent
	builder                *builder
	// dbConnections are the Connections/<dataset>.json files (datasets of
	// LocalDatabaseReferences no table uses), found by dataSources.
	dbConnections []outFile
	// dataSourceOrder is Entropy's OrderDataSource (--all only), found by dataSources.
	dataSourceOrder object
	// tmplIndex is what ControlTemplates.json and the component files need from
	// References/Templates.json (controltemplates.go).
	tmplIndex *templatesIndex
}

// readControls decodes the control files of a folder (components and tests, which
// are kept decoded for the whole rendering).
func (r *renderer) readControls(dir string) ([]topParent, error) {
	var out []topParent
	for _, e := range r.a.Under(dir) {
		if !strings.EqualFold(path.Ext(e.Name), ".json") {
			continue
		}
		data, err := r.read(e)
		if err != nil {
			return nil, err
		}
		it, tmpl, err := decodeControlTop(data)
		if err != nil {
			r.problem(e.Name, err)
			continue
		}
		tp := topParent{entry: e, item: it, name: it.Name, index: it.index()}
		tp.setTemplates(tmpl)
		out = append(out, tp)
	}
	return out, nil
}

// keepTemplates copies the templates setTemplates took out of a decoding whose
// strings share the file's data (decodeScreenTop), so that data is not kept alive.
func (tp *topParent) keepTemplates() {
	for i := range tp.templates {
		ct := &tp.templates[i]
		ct.key, ct.control, ct.template = strings.Clone(ct.key), strings.Clone(ct.control), cloneJSON(ct.template)
	}
	tp.topTemplate = cloneJSON(tp.topTemplate)
}

// setTemplates keeps what ControlTemplates.json and the component files need of a
// decoded file.
func (tp *topParent) setTemplates(t fileTemplates) {
	tp.templates, tp.topTemplate = t.list, t.top
}

// render writes the sections in their documented order (docs/textconv.md). Each step
// returns only errors that make the archive unusable; problems with one entry are
// shown in its section.
func (r *renderer) render() error {
	var p app
	steps := []func(*app) error{
		r.load,
		r.manifest,
		r.sources,
		r.controlTemplates, // after sources, which collects the screens' templates
		r.paYaml,
		r.themes,
		r.dataSources,
		r.connections,
		r.componentReferences,
		r.appInsightsKey,
		r.localDatabaseReferences,
		r.templates,
		r.rest,
		r.editorStates,
		r.entropy,
	}
	for _, step := range steps {
		if err := step(&p); err != nil {
			return err
		}
	}
	return nil
}

// load reads the top-level JSON files and every control file.
func (r *renderer) load(p *app) error {
	var err error
	if p.header, _, err = r.readJSON("Header.json"); err != nil {
		return err
	}
	if p.props, _, err = r.readJSON("Properties.json"); err != nil {
		return err
	}
	r.startDataSources(p.props)
	if p.publish, _, err = r.readJSON("Resources/PublishInfo.json"); err != nil {
		return err
	}
	// Read once for the defaults, ControlTemplates.json, the component files and pkgs/.
	if p.templates, _, err = r.readJSON("References/Templates.json"); err != nil {
		return err
	}
	if p.themes, _, err = r.readJSON("References/Themes.json"); err != nil {
		return err
	}
	if p.components, err = r.readControls("Components"); err != nil {
		return err
	}
	p.builder = newBuilder(p)
	if err := r.scanScreens(p); err != nil {
		return err
	}
	p.tests, err = r.readControls("AppTests")
	return err
}

// scanScreens finds the App and the screens (Controls/*.json), orders the screens by
// Index and renders each one's .fx.yaml text, which sources writes in its turn. Each
// file is read and decoded once, one at a time (decodeAhead), and only its text and
// templates are kept, so memory follows the largest control file and the text of the
// screens, not their decoded trees. A file that does not decode is scanned for its
// header alone, as a file to report in its turn; one that has no header is reported
// here.
func (r *renderer) scanScreens(p *app) error {
	var entries []*Entry
	for _, e := range r.a.Under("Controls") {
		if strings.EqualFold(path.Ext(e.Name), ".json") {
			entries = append(entries, e)
		}
	}
	decoded, stop := r.decodeAhead(entries)
	defer stop()
	for _, e := range entries {
		d := <-decoded
		r.shown[e] = true
		if d.readErr != nil {
			return d.readErr
		}
		it := d.item
		if d.err != nil {
			var err error
			if it, err = scanControlHeader(d.data); err != nil {
				r.problem(e.Name, err)
				continue
			}
		}
		// The name is copied: the decoding's strings share the file's data, which the
		// App, the manifest and the test steps must not keep alive.
		tp := topParent{entry: e, name: strings.Clone(it.Name), index: it.index(), decodeErr: d.err}
		if d.err == nil {
			tp.setTemplates(d.tmpl)
			tp.keepTemplates() // the rest of the decoding, and its data, can go
			if hasTestCase(it, 0) {
				tp.item = it // rendered in sources, once every screen is known (testSteps)
			} else {
				tp.text = fxFile(p.builder.build(it, nil))
			}
		}
		if strings.EqualFold(it.Template.Name, "appinfo") && p.appControl == nil {
			p.appControl = &tp
		} else {
			p.screens = append(p.screens, tp)
			p.builder.screens[it.uniqueID()] = tp.name // for test steps
		}
	}
	r.nameScreenFiles(p)
	sort.SliceStable(p.screens, func(i, j int) bool { return p.screens[i].index < p.screens[j].index })
	return nil
}

// hasTestCase reports whether a control or one below it is a test case, whose
// rendering needs the names of all the screens.
func hasTestCase(it *item, depth int) bool {
	if it == nil || depth > maxDepth {
		return false
	}
	if it.Template.Name == "TestCase" {
		return true
	}
	for _, c := range it.Children {
		if hasTestCase(c, depth+1) {
			return true
		}
	}
	return false
}

func trimBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf {
		return b[3:]
	}
	return b
}

// IsUnusable reports whether err means the archive is not a usable msapp.
func IsUnusable(err error) bool {
	var u *UnusableError
	return errors.As(err, &u)
}

// controlJSON reads a control file again and returns it as an ordered JSON object,
// for the sections that need every field (editor state, templates, entropy). It is
// not cached, so memory stays bounded by the largest entry.
func (r *renderer) controlJSON(tp topParent) (object, error) {
	data, err := r.a.Read(tp.entry)
	if err != nil {
		return nil, err
	}
	v, err := parseJSON(data)
	if err != nil {
		return nil, err
	}
	o, _ := v.(object)
	return o, nil
}
