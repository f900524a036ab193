package check

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/canvasgit/canvasgit/source/payaml"
)

// The agreement of an app's two representations, in the layouts that keep the msapp's
// JSON beside the `.pa.yaml` sources (docs/check.md, "representations"):
//
//   - Power Platform's git integration: the app root is <schema>_DocumentUri/, the
//     msapp unzipped, with Controls/<id>.json and Components/<id>.json beside Src/.
//     The import builds the app from that JSON: a control only in Src/*.pa.yaml is not
//     imported (a real repository's README reports exactly this), one only in the JSON
//     is still there. Both are errors, as are ids held twice across the files (the
//     same README: ControlUniqueId must be unique across Controls/*.json).
//   - pac's SourceCode layout: the JSON is inside <name>.msapr beside Src/. pac pack
//     marks the msapp LoadFromYaml (unless --disable-load-from-yaml), so Studio reads
//     the YAML and the JSON is a cache: the same disagreements are warnings.
//
// The msapp's own controls with no `.pa.yaml` object are left out: the App
// (template appinfo), its hosts (hostControl: Host, Teams) and each gallery's template
// (galleryTemplate), as in every corpus app and real repository checked.

// CheckRepresentations is the check name of a disagreement between Src/*.pa.yaml and
// the msapp's Controls/*.json and Components/*.json.
const CheckRepresentations = "representations"

// CheckControlIDs is the check name of a ControlUniqueId held by two controls across
// Controls/*.json and Components/*.json.
const CheckControlIDs = "control-ids"

// implicitTemplate reports the msapp controls that no `.pa.yaml` file names.
// (A switch, not a map: a map is built at package init, on every start of the binary.)
func implicitTemplate(template string) bool {
	switch template {
	case "appinfo", "hostControl", "galleryTemplate":
		return true
	}
	return false
}

// jsonControl is one control of a Controls/<id>.json or Components/<id>.json file.
type jsonControl struct {
	name, template, id, parent string
	loc                        Location
}

// controlFiles are the msapp's control files of the app, as (display path, content):
// files at the root's Controls/ and Components/, or the entries of a .msapr at the
// root. inArchive tells which.
func (a *app) controlFiles() (files [][2]string, inArchive bool, err error) {
	for _, f := range a.files {
		if isControlJSON(f.path) {
			files = append(files, [2]string{f.path, string(f.data)})
		}
	}
	if len(files) > 0 {
		return files, false, nil
	}
	for _, f := range a.files {
		if strings.Contains(f.path, "/") || !hasSuffixFold(f.path, ".msapr") {
			continue
		}
		zr, zerr := zip.NewReader(bytes.NewReader(f.data), int64(len(f.data)))
		if zerr != nil {
			return nil, true, fmt.Errorf("%s is not a readable zip: %v", f.path, zerr)
		}
		for _, e := range zr.File {
			name := strings.ReplaceAll(e.Name, `\`, "/")
			rest, ok := strings.CutPrefix(strings.ToLower(name), "msapp/")
			if !ok || !isControlJSON(rest) {
				continue
			}
			if e.UncompressedSize64 > MaxFileSize {
				return nil, true, fmt.Errorf("%s: entry %s is larger than %d bytes", f.path, e.Name, MaxFileSize)
			}
			rc, oerr := e.Open()
			if oerr != nil {
				return nil, true, fmt.Errorf("%s: entry %s: %v", f.path, e.Name, oerr)
			}
			data, rerr := io.ReadAll(io.LimitReader(rc, MaxFileSize+1))
			rc.Close()
			if rerr != nil {
				return nil, true, fmt.Errorf("%s: entry %s: %v", f.path, e.Name, rerr)
			}
			files = append(files, [2]string{f.path + ":" + e.Name, string(data)})
		}
		inArchive = true
	}
	sort.Slice(files, func(i, j int) bool { return files[i][0] < files[j][0] })
	return files, inArchive, nil
}

// isControlJSON matches Controls/<digits>.json and Components/<digits>.json at the top.
func isControlJSON(p string) bool {
	dir, name := path.Split(p)
	dir = strings.ToLower(strings.TrimSuffix(dir, "/"))
	if dir != "controls" && dir != "components" || !hasSuffixFold(name, ".json") {
		return false
	}
	stem := name[:len(name)-len(".json")]
	_, err := strconv.ParseUint(stem, 10, 64)
	return err == nil
}

// readControls lists the controls of one control file, depth first, with the line of
// each control's "Name".
func readControls(file, data string) ([]jsonControl, error) {
	type node struct {
		Name            string
		ControlUniqueId json.RawMessage
		Template        struct{ Name string }
		Children        []json.RawMessage
	}
	var doc struct{ TopParent json.RawMessage }
	if err := json.Unmarshal([]byte(strings.TrimPrefix(data, "\ufeff")), &doc); err != nil {
		return nil, err
	}
	var out []jsonControl
	from := 0
	var walk func(raw json.RawMessage, parent string, depth int) error
	walk = func(raw json.RawMessage, parent string, depth int) error {
		if depth > 200 {
			return fmt.Errorf("controls nested deeper than 200")
		}
		var n node
		if err := json.Unmarshal(raw, &n); err != nil {
			return err
		}
		line := 0
		if i := nameOffset(data[from:], n.Name); i >= 0 {
			from += i
			line = strings.Count(data[:from], "\n") + 1
		}
		out = append(out, jsonControl{name: n.Name, template: n.Template.Name, id: strings.Trim(string(n.ControlUniqueId), `"`), parent: parent, loc: Location{file, line}})
		for _, c := range n.Children {
			if err := walk(c, n.Name, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if len(doc.TopParent) == 0 {
		return nil, fmt.Errorf("no TopParent")
	}
	return out, walk(doc.TopParent, "", 0)
}

// nameOffset finds the next "Name": "<name>" member, in the spacing Studio writes or
// compact.
func nameOffset(s, name string) int {
	q, _ := json.Marshal(name)
	best := -1
	for _, pat := range []string{`"Name": ` + string(q), `"Name":` + string(q)} {
		if i := strings.Index(s, pat); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}

// checkRepresentations compares the `.pa.yaml` objects with the msapp's control JSON
// and checks the ids across that JSON (see the top of this file).
func (a *app) checkRepresentations(pa *paApp) {
	files, inArchive, err := a.controlFiles()
	if err != nil {
		a.add(Warning, CheckRepresentations, nil, Location{}, nil, "cannot compare Src/*.pa.yaml with the msapp's controls: %v", err)
		return
	}
	if len(files) == 0 {
		return
	}
	sev := Error
	if inArchive {
		sev = Warning
	}
	var controls []jsonControl
	readable := true
	for _, f := range files {
		cs, err := readControls(f[0], f[1])
		if err != nil {
			// A broken file is the JSON checks' finding (or the merge's); what it
			// defines is unknown, so the name comparison holds back.
			readable = false
			continue
		}
		controls = append(controls, cs...)
	}
	a.checkControlIDs(controls, sev)
	if !readable || pa.unreadable || len(pa.sources) == 0 {
		return
	}
	inJSON := map[string]jsonControl{}
	for _, c := range controls {
		if _, seen := inJSON[c.name]; !seen {
			inJSON[c.name] = c
		}
	}
	inYAML := map[string]bool{}
	where := "no Controls/*.json or Components/*.json"
	consequence := "the import builds the app from that JSON, so it will not be in the imported app; save the app in Power Apps Studio so that both are written"
	if inArchive {
		where = "no Controls or Components entry of the .msapr"
		consequence = "pac packs the app to load from the YAML, but `pac canvas pack --disable-load-from-yaml` would lose it"
	}
	// One finding per outermost object missing from the JSON: a screen written only
	// as YAML is one finding, not one per control on it.
	names := pa.paNames()
	missing := map[*payaml.Object]bool{}
	for _, n := range names {
		inYAML[n.obj.Name] = true
		if _, ok := inJSON[n.obj.Name]; !ok {
			missing[n.obj] = true
		}
	}
	for _, n := range names {
		o := n.obj
		if !missing[o] || (o.Parent != nil && missing[o.Parent]) {
			continue
		}
		inside := ""
		switch k := missingBelow(o, names, missing); {
		case k == 1:
			inside = " (and the control in it)"
		case k > 1:
			inside = fmt.Sprintf(" (and the %d controls in it)", k)
		}
		a.add(sev, CheckRepresentations, []string{o.Name}, n.loc, nil,
			"%s '%s'%s is in %s but in %s: %s", n.what(), o.Name, inside, n.loc.File, where, consequence)
	}
	for _, c := range controls {
		if inYAML[c.name] || implicitTemplate(c.template) || inJSON[c.name].loc != c.loc || (c.parent != "" && !inYAML[c.parent] && !implicitParent(c, inJSON)) {
			continue
		}
		a.add(sev, CheckRepresentations, []string{c.name}, c.loc, nil,
			"control '%s' is in %s but in no Src/*.pa.yaml: the two representations of the app disagree; save the app in Power Apps Studio so that both are written", c.name, c.loc.File)
	}
}

// implicitParent reports whether a control's parent is one no YAML names (a gallery's
// template), so that the control itself is the outermost one missing.
func implicitParent(c jsonControl, inJSON map[string]jsonControl) bool {
	p, ok := inJSON[c.parent]
	return ok && implicitTemplate(p.template)
}

// missingBelow counts the missing objects held, at any depth, by o.
func missingBelow(o *payaml.Object, names []*paNamed, missing map[*payaml.Object]bool) int {
	k := 0
	for _, n := range names {
		if !missing[n.obj] || n.obj == o {
			continue
		}
		for p := n.obj.Parent; p != nil; p = p.Parent {
			if p == o {
				k++
				break
			}
		}
	}
	return k
}

// checkControlIDs reports a ControlUniqueId held by two controls across the files.
func (a *app) checkControlIDs(controls []jsonControl, sev Severity) {
	first := map[string]jsonControl{}
	for _, c := range controls {
		if c.id == "" {
			continue
		}
		if f, dup := first[c.id]; dup {
			a.add(sev, CheckControlIDs, []string{c.id, f.name, c.name}, c.loc, []Location{f.loc},
				"ControlUniqueId %s of '%s' is also the id of '%s' at %s: ids must be unique across Controls/*.json and Components/*.json (a merge that renumbered only one side?); save the app in Power Apps Studio to renumber them", c.id, c.name, f.name, f.loc)
			continue
		}
		first[c.id] = c
	}
}
