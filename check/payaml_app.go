package check

import (
	"errors"
	"strconv"
	"strings"

	"github.com/canvasgit/canvasgit/source/payaml"
	"go.yaml.in/yaml/v3"
)

// The checks of a `.pa.yaml` app (Power Fx YAML, schema v3; docs/check.md lists them):
// every source parses, validates against the v3 schema, names are unique across the
// app, and EditorState's ScreensOrder lists exactly the screens present. They read
// the files through package payaml (parse, flavor detection, walk of named objects).

// CheckSchema is the check name of a schema v3 violation.
const CheckSchema = "schema"

// paSource is one parsed `.pa.yaml` source of the app.
type paSource struct {
	path string
	file *payaml.File
	doc  *yaml.Node // the same parse as yaml.v3 read it: the values' YAML types for the schema
}

// paApp is what the `.pa.yaml` checks know about the app.
type paApp struct {
	sources []*paSource
	// unreadable is set when a source has conflict markers or does not parse: what it
	// defines is unknown, so the checks that need every name hold back.
	unreadable bool
}

// checkPaYaml runs the `.pa.yaml` checks on the sources under Src/. In an unpacked app
// (one with CanvasManifest.json) only schema v3 files are read: there a `.pa.yaml`
// in the 2021 `Name As type:` syntax is the legacy format's own source.
func (a *app) checkPaYaml() {
	unpacked := false
	for _, f := range a.files {
		if strings.EqualFold(f.path, ManifestName) {
			unpacked = true
		}
	}
	pa := &paApp{}
	for _, f := range a.findings {
		if f.Check == CheckFile && isPaSource(f.File) {
			pa.unreadable = true // not read (too large, a link out of the app): it may define anything
		}
	}
	type source struct {
		path   string
		data   []byte
		flavor payaml.Flavor
	}
	var sources []source
	older := false
	for _, f := range a.files {
		if !isPaSource(f.path) {
			continue
		}
		if a.marked[f.path] {
			pa.unreadable = true // reported by the conflict-marker check
			continue
		}
		data := decodeUTF16(f.data)
		flavor := payaml.Detect(data)
		if flavor == payaml.Prototype {
			if _, err := payaml.Parse(data); err != nil {
				flavor = payaml.Unknown // a prototype file is a mapping; this is not a file of any era
			}
		}
		older = older || flavor == payaml.Legacy || flavor == payaml.Prototype
		sources = append(sources, source{f.path, data, flavor})
	}
	if older && !unpacked {
		// An app of the 2024 prototype (or the 2021 syntax) era: its App.pa.yaml may
		// look like v3 at the top level, but none of it is schema v3.
		for _, s := range sources {
			if s.flavor == payaml.Legacy || s.flavor == payaml.Prototype {
				a.add(Warning, CheckParse, []string{s.path}, Location{s.path, 0}, nil,
					"not a schema v3 .pa.yaml file (this is the %s format): the app's .pa.yaml sources are not checked", s.flavor)
			}
		}
		return
	}
	for _, f := range sources {
		if f.flavor != payaml.V3 && unpacked {
			continue // the unpacked format's own sources (2021 syntax) or unknown files
		}
		file, doc, err := payaml.ParseDocument(f.data)
		if err != nil {
			pa.unreadable = true
			a.addPaParseError(f.path, err)
			continue
		}
		pa.sources = append(pa.sources, &paSource{path: f.path, file: file, doc: doc})
	}
	if len(pa.sources) == 0 && !pa.unreadable {
		return
	}
	for _, s := range pa.sources {
		a.checkPaSchema(s)
		for _, o := range s.file.Objects() {
			switch o.Kind {
			case payaml.ScreenObject:
				a.paScreens++
			case payaml.ControlObject:
				a.paControls++
			}
		}
	}
	a.checkPaNames(pa)
	a.checkPaScreensOrder(pa)
	a.checkRepresentations(pa) // the msapp's JSON beside the sources: dataverse.go
}

func (a *app) addPaParseError(p string, err error) {
	var se *payaml.SyntaxError
	if !errors.As(err, &se) {
		a.add(Error, CheckParse, []string{p}, Location{p, 0}, nil, "not valid .pa.yaml: %v", err)
		return
	}
	at := ""
	if se.Column > 0 {
		at = " (line " + strconv.Itoa(se.Line) + ", column " + strconv.Itoa(se.Column) + ")"
	}
	a.add(Error, CheckParse, []string{p}, Location{p, se.Line}, nil, "not valid .pa.yaml: %s%s; Studio and pac cannot read the app", se.Msg, at)
}

// checkPaSchema reports each place where a source breaks the v3 schema, with its YAML
// path. The finding's identity is the file and the path with sequence positions left
// out (controls are named by their names), so an edit elsewhere keeps it.
func (a *app) checkPaSchema(s *paSource) {
	vs, err := validatePaDoc(s.doc)
	if err != nil {
		a.add(Error, CheckSchema, []string{s.path}, Location{s.path, 0}, nil, "cannot validate against the schema: %v", err)
		return
	}
	for _, v := range vs {
		a.add(Error, CheckSchema, []string{s.path, identityPath(v.tokens)}, Location{s.path, v.line}, nil,
			"%s: %s (schema v3)", displayPath(v.tokens), v.msg)
	}
}

// displayPath shows an instance location as a JSON pointer: /Screens/Screen1/Children/0/Label1/Control.
func displayPath(tokens []string) string {
	if len(tokens) == 0 {
		return "the document"
	}
	return pointer(tokens)
}

// identityPath is the location without the positions in the schema's sequences
// (Children, function Parameters, the EditorState orders): each item of those is
// named by its own key, or is a name.
func identityPath(tokens []string) string {
	var keep []string
	for i, t := range tokens {
		if i > 0 && isPaSequenceKey(tokens[i-1]) && t != "" && strings.Trim(t, "0123456789") == "" {
			continue
		}
		keep = append(keep, t)
	}
	return pointer(keep)
}

// isPaSequenceKey reports the keys whose items identityPath names by their own key. (A
// switch, not a map: a map is built at package init, on every start of the binary.)
func isPaSequenceKey(key string) bool {
	switch key {
	case "Children", "Parameters", "ScreensOrder", "ComponentDefinitionsOrder":
		return true
	}
	return false
}
