package textconv

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/canvasgit/canvasgit/source/fxyaml"
)

// FormatVersion is the version of the text this package prints. It goes into the
// textconv command string so git's textconv cache is refreshed when it changes.
const FormatVersion = 1

// Options select what is rendered.
type Options struct {
	// All includes the volatile files left out by default (checksum.json,
	// AppCheckerResult.sarif, Header's LastSavedDateTimeUTC, volatile Properties,
	// connection instance ids).
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
}

// Render writes the text for an archive. An *UnusableError means the archive could
// not be read at all; problems with single entries are reported inside the output.
func Render(w io.Writer, a *Archive, opts Options) error {
	r := &renderer{a: a, w: bufio.NewWriter(w), opts: opts, shown: map[*Entry]bool{}}
	err := r.render()
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

func toLF(b []byte) []byte {
	s := string(b)
	if !strings.Contains(s, "\r") {
		return b
	}
	return []byte(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"))
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
	item  *item
}

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
		it, err := decodeControlFile(data)
		if err != nil {
			r.problem(e.Name, err)
			continue
		}
		out = append(out, topParent{e, it})
	}
	return out, nil
}

func (r *renderer) render() error {
	header, _, err := r.readJSON("Header.json")
	if err != nil {
		return err
	}
	props, _, err := r.readJSON("Properties.json")
	if err != nil {
		return err
	}
	publish, _, err := r.readJSON("Resources/PublishInfo.json")
	if err != nil {
		return err
	}
	components, err := r.readControls("Components")
	if err != nil {
		return err
	}
	controls, err := r.readControls("Controls")
	if err != nil {
		return err
	}
	tests, err := r.readControls("AppTests")
	if err != nil {
		return err
	}

	var app *topParent
	var screens []topParent
	for i, c := range controls {
		if strings.EqualFold(c.item.Template.Name, "appinfo") && app == nil {
			app = &controls[i]
		} else {
			screens = append(screens, c)
		}
	}
	sort.SliceStable(screens, func(i, j int) bool { return screens[i].item.index() < screens[j].item.index() })

	// CanvasManifest.json
	manifest := object{{"FormatVersion", "0.24"}}
	if header != nil {
		if !r.opts.All {
			header = header.without("LastSavedDateTimeUTC")
		}
		manifest = append(manifest, kv{"Header", header})
	}
	appType := ""
	var connections any
	if props != nil {
		appType = props.str("DocumentAppType")
		drop := []string{"LocalConnectionReferences", "LibraryDependencies"}
		if !r.opts.All {
			drop = append(drop, "AnalysisLoadTime", "DeserializationLoadTime", "ControlCount", "ErrorCount")
		}
		if props.str("InstrumentationKey") != "" {
			drop = append(drop, "InstrumentationKey")
		}
		if s := props.str("LocalDatabaseReferences"); s != "" && s != "{}" {
			drop = append(drop, "LocalDatabaseReferences")
		}
		if s := props.str("LocalConnectionReferences"); s != "" {
			if v, err := parseJSON([]byte(s)); err == nil {
				connections = v
			}
		}
		manifest = append(manifest, kv{"Properties", props.without(drop...)})
	}
	if publish != nil {
		if logo := publish.str("LogoFileName"); logo != "" {
			publish = append(publish.without("LogoFileName"), kv{"LogoFileName", "logo" + path.Ext(logo)})
		}
		manifest = append(manifest, kv{"PublishInfo", publish})
	}
	order := []any{}
	for _, s := range screens {
		order = append(order, s.item.Name)
	}
	manifest = append(manifest, kv{"ScreenOrder", order})
	r.section("CanvasManifest.json", canonicalJSON(manifest))

	// Defaults and the builder.
	defs := newDefaultSet(appType)
	if e := r.a.Lookup("References/Themes.json"); e != nil {
		data, err := r.read(e)
		if err != nil {
			return err
		}
		defs.addThemes(data)
	}
	if e := r.a.Lookup("References/Templates.json"); e != nil {
		data, err := r.read(e)
		if err != nil {
			return err
		}
		defs.addTemplates(data)
	}
	b := &builder{components: map[string]string{}, hidden: map[string]map[string]bool{},
		screens: map[string]string{}, defaults: defs}
	for _, c := range components {
		it := c.item
		if !it.Template.IsComponentDefinition {
			continue
		}
		guid := strings.ToLower(it.Template.Name)
		b.components[guid] = it.Name
		hidden := map[string]bool{}
		for _, cp := range it.Template.CustomProperties {
			if cp.PropertyScopeKey != nil {
				hidden[cp.Name] = true
				for _, pr := range cp.PropertyScopeKey.PropertyScopeRulesKey {
					hidden[pr.Name] = true
				}
			}
		}
		b.hidden[guid] = hidden
		inputs := map[string]string{}
		for _, rl := range it.Rules {
			if !hidden[rl.Property] {
				inputs[rl.Property] = script(rl.InvariantScript)
			}
		}
		defs.components[guid] = inputs
	}
	for _, s := range screens {
		b.screens[s.item.uniqueID()] = s.item.Name
	}

	// Src/*.fx.yaml
	if app != nil {
		r.section("Src/App.fx.yaml", fxFile(b.build(app.item, nil)))
	}
	for _, s := range screens {
		r.section("Src/"+truncateFileName(escapeFileName(s.item.Name))+".fx.yaml", fxFile(b.build(s.item, nil)))
	}
	for _, c := range components {
		r.section("Src/Components/"+truncateFileName(escapeFileName(c.item.Name))+".fx.yaml", fxFile(b.build(c.item, nil)))
	}
	for _, t := range tests {
		blk := b.build(t.item, nil)
		suites := blk.Children()
		kept := blk.Body[:0:0]
		for _, n := range blk.Body {
			if c, ok := n.(*fxyaml.Block); !ok || c.Kind == fxyaml.FunctionBlock {
				kept = append(kept, n)
			}
		}
		blk.Body = kept
		r.section("Src/Tests/"+truncateFileName(escapeFileName(t.item.Name))+".fx.yaml", fxFile(blk))
		for _, s := range suites {
			name := s.Name
			if p := s.Property("DisplayName"); p != nil {
				name = strings.Trim(p.Value, `"`)
			}
			r.section("Src/Tests/"+truncateFileName(escapeFileName(name))+".fx.yaml", fxFile(s))
		}
	}

	// Src/*.pa.yaml written by newer Studio versions, verbatim.
	for _, e := range r.a.Under("Src") {
		data, err := r.read(e)
		if err != nil {
			return err
		}
		r.section(e.Name, data)
	}

	// JSON files.
	if th, _, err := r.readJSON("References/Themes.json"); err != nil {
		return err
	} else if th != nil {
		r.section("Src/Themes.json", canonicalJSON(th))
	}
	if err := r.dataSources(); err != nil {
		return err
	}
	if connections != nil {
		if c, ok := connections.(object); ok && !r.opts.All {
			for i, m := range c {
				if o, ok := m.Val.(object); ok {
					c[i].Val = o.without("connectionInstanceId")
				}
			}
		}
		r.section("Connections/Connections.json", canonicalJSON(connections))
	}
	if props != nil {
		if s := props.str("LibraryDependencies"); s != "" {
			if v, err := parseJSON([]byte(s)); err == nil {
				r.section("ComponentReferences.json", canonicalJSON(v))
			}
		}
		if s := props.str("LocalDatabaseReferences"); s != "" && s != "{}" {
			if v, err := parseJSON([]byte(s)); err == nil {
				r.section("Connections/LocalDatabaseReferences.json", canonicalJSON(v))
			}
		}
	}
	if err := r.templates(); err != nil {
		return err
	}
	return r.rest()
}

// dataSources writes DataSources/<group>.json, entries grouped by
// RelatedEntityName or Name and sorted by Name (ordinal).
func (r *renderer) dataSources() error {
	ds, _, err := r.readJSON("References/DataSources.json")
	if err != nil || ds == nil {
		return err
	}
	list, _ := func() ([]any, bool) { v, _ := ds.get("DataSources"); l, ok := v.([]any); return l, ok }()
	groups := map[string][]any{}
	var names []string
	for _, v := range list {
		o, ok := v.(object)
		if !ok {
			continue
		}
		g := o.str("RelatedEntityName")
		if g == "" {
			g = o.str("Name")
		}
		if _, ok := groups[g]; !ok {
			names = append(names, g)
		}
		groups[g] = append(groups[g], o)
	}
	sort.Strings(names)
	for _, g := range names {
		entries := groups[g]
		sort.SliceStable(entries, func(i, j int) bool { return entries[i].(object).str("Name") < entries[j].(object).str("Name") })
		r.section("DataSources/"+escapeFileName(g)+".json", canonicalJSON(entries))
	}
	return nil
}

// templates writes pkgs/<name>_<version>.xml with the template XML as stored.
func (r *renderer) templates() error {
	e := r.a.Lookup("References/Templates.json")
	if e == nil {
		return nil
	}
	data, err := r.read(e)
	if err != nil {
		return err
	}
	var ts struct {
		UsedTemplates []struct{ Name, Version, Template string }
	}
	if json.Unmarshal(trimBOM(data), &ts) != nil {
		return nil
	}
	for _, t := range ts.UsedTemplates {
		r.section("pkgs/"+escapeFileName(t.Name)+"_"+escapeFileName(t.Version)+".xml", []byte(t.Template))
	}
	return nil
}

func trimBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf {
		return b[3:]
	}
	return b
}

// volatile entries are left out unless Options.All.
var volatile = map[string]bool{"checksum.json": true, "appcheckerresult.sarif": true}

// rest writes the entries not shown yet: assets and other binary files as one line
// each (path, size, SHA-256), other JSON files canonicalised, text files verbatim.
func (r *renderer) rest() error {
	var assets []string
	for _, e := range r.a.Entries {
		if r.shown[e] {
			continue
		}
		low := strings.ToLower(e.Name)
		first, _, _ := strings.Cut(low, "/")
		if volatile[low] && !r.opts.All {
			continue
		}
		if first == "controls" || first == "components" || first == "apptests" {
			continue // unreadable control files were reported already
		}
		data, err := r.read(e)
		if err != nil {
			return err
		}
		isText := json.Valid(trimBOM(data)) || strings.HasSuffix(low, ".yaml") || strings.HasSuffix(low, ".xml") || low == ".gitignore"
		if first == "assets" || (first == "resources" && !isText) || !isText {
			sum := sha256.Sum256(data)
			assets = append(assets, fmt.Sprintf("%s %d sha256:%s", e.Name, len(data), hex.EncodeToString(sum[:])))
			continue
		}
		name := "Other/" + e.Name
		if low == "checksum.json" || low == "appcheckerresult.sarif" {
			name = "Entropy/" + e.Name
		}
		if v, err := parseJSON(data); err == nil {
			r.section(name, canonicalJSON(v))
		} else {
			r.section(name, data)
		}
	}
	if len(assets) > 0 {
		r.section("Assets", []byte(strings.Join(assets, "\n")+"\n"))
	}
	return nil
}

// IsUnusable reports whether err means the archive is not a usable msapp.
func IsUnusable(err error) bool {
	var u *UnusableError
	return errors.As(err, &u)
}
