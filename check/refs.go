package check

import (
	"path"
	"slices"
	"strings"

	"github.com/canvasgit/canvasgit/merge"
	"github.com/canvasgit/canvasgit/source/fxyaml"
)

// The reference check warns about formulas that name a screen or control that is not in
// the app, e.g. `Navigate('Home Screen')` after a merge deleted that screen. It is
// deliberately conservative: without a full Power Fx binder a name can also be a
// variable, a collection, a data source, a record field in scope, an enum or a
// function, so a name is only reported where Power Fx expects a control or a screen:
//
//   - the first argument of Navigate (a screen) or of Select, SetFocus, Reset,
//     ResetForm, SubmitForm, EditForm, NewForm, ViewForm (a control), when it is a lone
//     name that nothing in the app defines;
//   - `Name.Property` where Name looks like a control or screen name (a default name such
//     as Label3 or Button1_2, a name ending in "Screen", or a prefix the app's own
//     controls use such as lbl or btn) and nothing in the app defines it;
//   - the Screen property of a test step and the App's StartScreen, when the whole
//     formula is one name.

// takesScreen and takesControl report the functions whose first argument is a screen
// and a control. Switches and the plain name lists below, not maps: a map built at
// package init costs every start of the binary, the merge driver's included (issue 18).
func takesScreen(fn string) bool { return fn == "Navigate" }

func takesControl(fn string) bool {
	switch fn {
	case "Select", "SetFocus", "Reset", "ResetForm", "SubmitForm", "EditForm", "NewForm", "ViewForm":
		return true
	}
	return false
}

// Names every formula may use: signals, scope names, enums and namespaces.
var builtinNames = []string{
	"App", "Self", "Parent", "ThisItem", "ThisRecord", "ThisProperty", "Host", "Acceleration",
	"Compass", "Connection", "Location", "Environment", "Param", "User", "Designer",
	"Align", "AlignInContainer", "BorderStyle", "ButtonAppearance", "Color", "DataSourceInfo",
	"DateTimeFormat", "DateTimeZone", "Direction", "DisplayMode", "ErrorKind", "ErrorSeverity",
	"Font", "FontWeight", "GridStyle", "Icon", "ImagePosition", "ImageRotation", "JSONFormat",
	"LabelPosition", "Layout", "LayoutAlignItems", "LayoutDirection", "LayoutJustifyContent",
	"LayoutMode", "LayoutOverflow", "LayoutWrap", "ListItemTemplate", "LoadingSpinner", "MapStyle",
	"Match", "MatchOptions", "Overflow", "PDFPasswordState", "PenMode", "RecordInfo", "RemoveFlags",
	"ScreenSize", "ScreenTransition", "SelectedState", "SortOrder", "StartOfWeek", "TeamsTheme",
	"TextFormat", "TextMode", "TextPosition", "TextRole", "Themes", "TimeUnit", "TraceOptions",
	"TraceSeverity", "Transition", "VerticalAlign", "Zoom", "Math", "Text", "Date", "Time",
	"NotificationType", "Live", "DataCardDisplayMode", "FormMode", "ScreenMode", "Orientation",
}

// Stems of the names Studio gives new controls (Label1, TextInput2, DataCardValue3, ...).
var defaultStems = []string{
	"label", "button", "textinput", "text", "gallery", "icon", "image", "rectangle", "circle",
	"triangle", "star", "pentagon", "hexagon", "octagon", "arrow", "partialcircle", "dropdown",
	"combobox", "datepicker", "toggle", "checkbox", "radio", "slider", "rating", "timer",
	"htmltext", "form", "editform", "viewform", "datacard", "datacardkey", "datacardvalue",
	"errormessage", "starvisible", "container", "group", "screen", "audio", "video", "camera",
	"barcode", "barcodescanner", "peninput", "addmedia", "addmediabutton", "uploadedimage",
	"attachments", "export", "import", "listbox", "richtexteditor", "chart", "columnchart",
	"linechart", "piechart", "legend", "table", "datatable", "component", "map", "pdfviewer",
	"powerbi", "microphone", "fluidgrid", "list", "header", "footer", "shape", "canvas",
}

// Lower-case name prefixes that mark variables and collections, never controls.
var nonControlPrefixes = []string{
	"var", "col", "gbl", "glb", "loc", "ctx", "tmp", "str", "int", "num", "bool", "rec", "obj",
	"fn", "udf", "my", "is", "has", "new", "old", "cur", "sel", "get", "set", "the", "this",
	"dt", "tbl", "arr", "lst", "cnt", "idx", "val", "fx", "nf", "v", "g", "c", "l",
}

// formula is one property of one block, lexed.
type formula struct {
	file  string
	owner string // the control (or function) the property belongs to
	prop  *fxyaml.Property
	toks  []token
	// screen is true for a property whose whole formula names a screen: the Screen of a
	// test step, the App's StartScreen.
	screen bool
}

func (f *formula) line(pos int) int {
	p := f.prop
	if p.LineCount() <= 1 {
		return p.Line()
	}
	return p.Line() + 1 + strings.Count(p.Value[:pos], "\n")
}

func (a *app) formulas() []*formula {
	var out []*formula
	var walk func(fx *fxFile, b *fxyaml.Block, owner string)
	walk = func(fx *fxFile, b *fxyaml.Block, owner string) {
		if b.Kind == fxyaml.ControlBlock {
			owner = b.Name
		}
		for _, p := range b.Properties() {
			out = append(out, &formula{
				file: fx.path, owner: owner, prop: p, toks: lexFormula(p.Value),
				screen: (fx.role == roleTest && strings.HasPrefix(b.Type, "TestStep") && p.Name == "Screen") ||
					(b.Type == "appinfo" && p.Name == "StartScreen"),
			})
		}
		for _, n := range b.Body {
			if c, ok := n.(*fxyaml.Block); ok {
				walk(fx, c, owner)
			}
		}
	}
	for _, fx := range a.fx {
		if fx.root != nil {
			walk(fx, fx.root, fx.root.Name)
		}
	}
	return out
}

// known collects every name a formula may legitimately use: controls, data sources,
// assets, component members, and whatever the formulas define (variables, collections,
// record fields, aliases, named formulas). Editor-state and Entropy entries are left
// out on purpose: they outlive deleted controls.
func (a *app) known(forms []*formula) map[string]bool {
	k := map[string]bool{}
	for _, n := range builtinNames {
		k[n] = true
	}
	for _, c := range a.controls {
		k[c.name] = true
	}
	for _, c := range a.components {
		for _, p := range c.block.Properties() {
			k[p.Name] = true
		}
		for _, fn := range c.block.Functions() {
			k[fn.Name] = true
			for _, par := range fn.Params {
				k[par.Name] = true
			}
		}
	}
	for _, f := range a.files {
		s := segments(f.path)
		kind := a.kinds[f.path]
		v := a.json[f.path]
		switch {
		case kind == merge.KindDataSources:
			k[fileStem(f.path)] = true
			for _, e := range v.elemsOrNil() {
				if n := e.get("Name").text(); n != "" {
					k[n] = true
				}
				if n := e.get("RelatedEntityName").text(); n != "" {
					k[n] = true
				}
			}
		case kind == merge.KindPkgs && len(s) == 3:
			// pkgs/TableDefinitions, pkgs/Wadl, pkgs/Swagger name data sources.
			k[fileStem(f.path)] = true
		case kind == merge.KindConnections && v != nil:
			for _, m := range v.membersOrNil() {
				for _, e := range m.val.get("dataSources").elemsOrNil() {
					k[e.text()] = true
				}
			}
		case len(s) >= 2 && strings.EqualFold(s[0], "Assets"):
			k[fileStem(f.path)] = true
			for _, e := range v.get("Resources").elemsOrNil() {
				k[e.get("Name").text()] = true
			}
			if n := v.get("Name").text(); n != "" {
				k[n] = true
			}
		}
	}
	for _, f := range forms {
		t := f.toks
		for i, tok := range t {
			if !tok.isName() {
				continue
			}
			next := func(j int) token {
				if j < len(t) {
					return t[j]
				}
				return token{kind: tPunct}
			}
			prev := token{kind: tPunct}
			if i > 0 {
				prev = t[i-1]
			}
			switch {
			case next(i + 1).is(":"): // record field, named argument, typed parameter
				k[tok.text] = true
			case prev.kind == tIdent && prev.text == "As": // ForAll(x As row, ...)
				k[tok.text] = true
			case tok.kind == tIdent && (tok.text == "Set" || tok.text == "Collect" || tok.text == "ClearCollect") &&
				next(i+1).is("(") && next(i+2).isName():
				k[next(i+2).text] = true
			case (i == 0 || prev.is(";")) && (next(i+1).is("=") || next(i+1).is("(")) && f.prop.Name == "Formulas":
				k[tok.text] = true // App.Formulas: named formulas and user-defined functions
			}
		}
	}
	return k
}

// fileStem is a file's name without its extension: DataSources/Issue tracker.json names
// the data source Issue tracker.
func fileStem(p string) string {
	b := path.Base(p)
	return strings.TrimSuffix(b, path.Ext(b))
}

// namePrefix returns the lower-case prefix of a name such as lblTitle or btnSave ("lbl",
// "btn"): 2 to 4 ASCII lower-case letters followed by an upper-case letter.
func namePrefix(name string) string {
	i := 0
	for i < len(name) && name[i] >= 'a' && name[i] <= 'z' {
		i++
	}
	if i < 2 || i > 4 || i >= len(name) || name[i] < 'A' || name[i] > 'Z' {
		return ""
	}
	return name[:i]
}

// likeness decides whether an unknown name looks like a control or screen name.
type likeness struct {
	stems    map[string]bool // default stems plus the app's own control types
	prefixes map[string]bool // prefixes the app's controls use and nothing else does
}

func (a *app) likeness(known map[string]bool) *likeness {
	l := &likeness{stems: map[string]bool{}, prefixes: map[string]bool{}}
	for _, s := range defaultStems {
		l.stems[s] = true
	}
	controls := map[string]bool{}
	for _, c := range a.controls {
		l.stems[strings.ToLower(c.typ)] = true
		controls[c.name] = true
		if p := namePrefix(c.name); p != "" && !slices.Contains(nonControlPrefixes, p) {
			l.prefixes[p] = true
		}
	}
	// A prefix that also starts a name that is not a control (a variable, a collection,
	// a data source) says nothing.
	for n := range known {
		if !controls[n] {
			delete(l.prefixes, namePrefix(n))
		}
	}
	return l
}

func (l *likeness) screenLike(name string) bool {
	return strings.HasSuffix(strings.ToLower(name), "screen")
}

func (l *likeness) controlLike(name string) bool {
	if l.screenLike(name) {
		return true
	}
	if p := namePrefix(name); p != "" && l.prefixes[p] {
		return true
	}
	// Default names: a stem, digits, and maybe _N copies (Label4_2).
	s := name
	for {
		base, ok := stripCollisionSuffix(s)
		if !ok {
			break
		}
		s = base
	}
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	if i == len(s) || i == 0 {
		return false
	}
	stem := strings.ToLower(strings.NewReplacer(" ", "", "_", "").Replace(s[:i]))
	return l.stems[stem]
}

// checkReferences warns about formulas that name screens or controls the app does not
// have.
func (a *app) checkReferences() {
	if len(a.unreadable) > 0 {
		return // a source that does not parse may define any name
	}
	forms := a.formulas()
	known := a.known(forms)
	like := a.likeness(known)
	screens := map[string]bool{}
	for _, s := range a.screens() {
		screens[s.name] = true
	}
	type key struct {
		loc  Location
		name string
	}
	seen := map[key]bool{}
	warn := func(f *formula, pos int, name, format string, args ...any) {
		where := f.owner + "." + f.prop.Name
		loc := Location{f.file, f.line(pos)}
		if seen[key{loc, name}] {
			return
		}
		seen[key{loc, name}] = true
		a.add(Warning, CheckMissingRef, []string{where, name}, loc, nil, format, args...)
	}
	for _, f := range forms {
		t := f.toks
		where := f.owner + "." + f.prop.Name
		if f.screen && len(t) == 1 && t[0].isName() && !known[t[0].text] {
			warn(f, t[0].pos, t[0].text, "%s names screen '%s', which is not in the app", where, t[0].text)
			continue
		}
		for i := 0; i < len(t); i++ {
			tok := t[i]
			afterDot := i > 0 && (t[i-1].is(".") || t[i-1].is("!") || t[i-1].is("@"))
			if !tok.isName() || afterDot {
				continue
			}
			// F(Name, ...) where F takes a screen or a control first.
			if tok.kind == tIdent && (takesScreen(tok.text) || takesControl(tok.text)) &&
				i+3 < len(t) && t[i+1].is("(") && t[i+2].isName() && (t[i+3].is(",") || t[i+3].is(")")) {
				arg := t[i+2]
				if !known[arg.text] {
					what := "control"
					if takesScreen(tok.text) {
						what = "screen"
					}
					warn(f, arg.pos, arg.text, "%s refers to %s '%s' (first argument of %s), which is not in the app", where, what, arg.text, tok.text)
				}
				i += 2
				continue
			}
			// Name.Property
			if i+2 < len(t) && t[i+1].is(".") && t[i+2].isName() && !known[tok.text] && like.controlLike(tok.text) {
				what := "control"
				if like.screenLike(tok.text) || screens[tok.text] {
					what = "screen"
				}
				warn(f, tok.pos, tok.text, "%s refers to %s '%s' (in %s.%s), which is not in the app", where, what, tok.text, displayName(tok), t[i+2].text)
			}
		}
	}
}

// displayName writes a name as it appears in a formula.
func displayName(t token) string {
	if t.kind == tQIdent {
		return "'" + strings.ReplaceAll(t.text, "'", "''") + "'"
	}
	return t.text
}
