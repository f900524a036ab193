package check

import (
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/canvasgit/canvasgit/merge"
)

// checkUniqueIDs: no two controls share an id in Entropy.json's ControlUniqueIds (or
// ControlUniqueGuids). pac pack fails with PA3007 otherwise; after a merge this happens
// when both branches added a control and Studio handed out the same next id.
func (a *app) checkUniqueIDs() {
	for _, p := range a.jsonOfKind(merge.KindEntropy) {
		v := a.json[p]
		for _, key := range []string{"ControlUniqueIds", "ControlUniqueGuids"} {
			ids := v.get(key)
			if ids == nil || ids.kind != jObj {
				continue
			}
			first := map[string]jmember{}
			for _, m := range ids.members {
				k := m.val.idKey()
				if k == "" {
					continue
				}
				if f, dup := first[k]; dup && f.key != m.key {
					a.add(Error, CheckUniqueID, namePair(f.key, m.key), Location{p, m.line}, []Location{{p, f.line}},
						"%s gives '%s' the id %s, which '%s' already has at %s (pac pack fails: PA3007 duplicate control unique ids); delete one of the two entries and pac assigns a fresh id",
						key, m.key, m.val.display(), f.key, ref(0))
					continue
				}
				if _, dup := first[k]; !dup {
					first[k] = m
				}
			}
		}
	}
}

// editorStateTopParent works out which top parent an editor-state file belongs to:
// TopParentName in the current shape, the unescaped file name in the 2021 shape (a bare
// dictionary of control states).
func editorStateTopParent(p string, v *jval) (name string, line int, explicit bool, states *jval) {
	if m, ok := v.member("TopParentName"); ok && v.get("ControlStates") != nil {
		return m.val.text(), m.line, true, v.get("ControlStates")
	}
	return unescapeFileName(stem(p, ".editorstate.json")), 0, false, v
}

// checkEditorState: each editor-state file belongs to an existing screen, component, the
// App or the test container, and no control is claimed by two of them (pac pack fails
// with PA3006).
func (a *app) checkEditorState() {
	var paths []string
	for _, p := range a.jsonOfKind(merge.KindEditorState) {
		s := segments(p)
		if len(s) >= 3 && strings.EqualFold(s[0], "Src") && strings.EqualFold(s[1], "EditorState") {
			paths = append(paths, p)
		}
	}
	fileNames := map[string]string{} // pac's file stem → top parent
	for name := range a.topParents {
		fileNames[topParentFileName(name)] = name
	}
	type claim struct {
		loc Location
	}
	claimed := map[string]claim{}
	for _, p := range paths {
		v := a.json[p]
		if v.kind != jObj {
			a.add(Error, CheckEditorState, []string{p}, Location{p, v.line}, nil, "editor-state file is not a JSON object")
			continue
		}
		name, line, explicit, states := editorStateTopParent(p, v)
		if explicit {
			if _, ok := a.topParents[name]; !ok && !a.mayDefine(name) {
				a.add(Error, CheckEditorState, []string{name}, Location{p, line}, nil,
					"TopParentName '%s' is not a screen, component, the App or the test container of the app: delete this editor-state file or fix the name",
					name)
			}
		} else if !a.oldStyleEditorStateMatches(p, name, fileNames) && !a.mayDefine(name) {
			a.add(Error, CheckEditorState, []string{name}, Location{p, 0}, nil,
				"editor-state file for '%s', which is not a screen, component, the App or the test container of the app: delete it or rename it after its top parent",
				name)
		}
		if states == nil || states.kind != jObj {
			continue
		}
		for _, m := range states.members {
			loc := Location{p, m.line}
			if f, dup := claimed[m.key]; dup {
				a.add(Error, CheckEditorState, []string{m.key}, loc, []Location{f.loc},
					"control '%s' is already claimed by the editor state at %s (pac pack fails: PA3006 illegal editorstate file); keep the entry of the file named after the control's screen or component",
					m.key, ref(0))
				continue
			}
			claimed[m.key] = claim{loc}
		}
	}
}

// oldStyleEditorStateMatches accepts a 2021-shape editor-state file whose name is its
// top parent's name as pac writes file names: escaped, maybe truncated with a hash, maybe
// with a `_N` collision suffix.
func (a *app) oldStyleEditorStateMatches(p, name string, fileNames map[string]string) bool {
	if _, ok := a.topParents[name]; ok {
		return true
	}
	s := stem(p, ".editorstate.json")
	if _, ok := fileNames[s]; ok {
		return true
	}
	if base, ok := stripCollisionSuffix(s); ok {
		if _, ok := fileNames[base]; ok {
			return true
		}
		if _, ok := a.topParents[unescapeFileName(base)]; ok {
			return true
		}
	}
	return false
}

// checkConnections: in Connections/Connections.json every key equals the `id` of its
// connection (pac's loader rejects a mismatch).
func (a *app) checkConnections() {
	for _, p := range a.jsonOfKind(merge.KindConnections) {
		if !strings.EqualFold(path.Base(p), "Connections.json") {
			continue
		}
		v := a.json[p]
		if v.kind != jObj {
			a.add(Error, CheckConnection, []string{p}, Location{p, v.line}, nil, "Connections.json is not a JSON object of connections")
			continue
		}
		seen := map[string]int{}
		for _, m := range v.members {
			loc := Location{p, m.line}
			if first, dup := seen[m.key]; dup {
				a.add(Error, CheckConnection, []string{m.key}, loc, []Location{{p, first}}, "connection '%s' is listed twice (also at %s)", m.key, ref(0))
				continue
			}
			seen[m.key] = m.line
			id, ok := m.val.member("id")
			switch {
			case m.val.kind != jObj:
				a.add(Error, CheckConnection, []string{m.key}, loc, nil, "connection '%s' is not a JSON object", m.key)
			case !ok || id.val.kind != jStr:
				a.add(Error, CheckConnection, []string{m.key}, loc, nil, "connection '%s' has no \"id\"", m.key)
			case id.val.str != m.key:
				a.add(Error, CheckConnection, []string{m.key}, Location{p, id.line}, []Location{loc},
					"connection id '%s' does not equal its key '%s' (at %s); pac rejects the file: pick one side's connection entry whole",
					id.val.str, m.key, ref(0))
			}
		}
	}
}

// builtinType reports the control types that never get a ControlTemplates.json entry
// or a pkgs template: component definitions and the test controls. appinfo, screen and
// groupContainer are built into pac (GlobalTemplates) and need neither. (A switch, not
// a map: a map is built at package init, on every start of the binary.)
func builtinType(typ string) bool {
	switch typ {
	case "appinfo", "screen", "groupContainer",
		"CanvasComponent", "DataComponent", "FunctionComponent", "CommandComponent",
		"AppTest", "TestSuite", "TestCase", "TestStep":
		return true
	}
	return false
}

// template is one entry of ControlTemplates.json.
type template struct {
	key, name, version string
	widget, component  bool
	display            string
}

// checkTemplates: every control type used has a template: an entry in
// ControlTemplates.json (with its pkgs/<name>_<version>.xml when the entry is a widget
// template), a pkgs/*.xml template, or a component definition. pac packs a control whose
// type it cannot resolve with an empty default template, so the app breaks in Studio.
// Also: two versions of one template in pkgs/ make pac's pack fail.
func (a *app) checkTemplates() {
	entries := map[string]template{}
	byName := map[string]template{}
	for p, v := range a.json {
		if strings.EqualFold(p, "ControlTemplates.json") && v.kind == jObj {
			for _, m := range v.members {
				t := template{
					key: m.key, name: m.val.get("Name").text(), version: m.val.get("Version").text(),
					widget:    m.val.get("IsWidgetTemplate").isTrue(),
					component: m.val.get("IsComponentTemplate").isTrue(),
					display:   m.val.get("TemplateDisplayName").text(),
				}
				entries[m.key] = t
				if t.name != "" {
					byName[t.name] = t
				}
				if t.display != "" {
					byName[t.display] = t
				}
			}
		}
	}
	// pkgs/<name>_<version>.xml (top level only, as pac reads them).
	xml := map[string][]string{} // template name → files
	for _, f := range a.files {
		s := segments(f.path)
		if len(s) != 2 || !strings.EqualFold(s[0], "pkgs") || !hasSuffixFold(f.path, ".xml") {
			continue
		}
		b := s[1][:len(s[1])-len(".xml")]
		name := b
		if i := strings.LastIndexByte(b, '_'); i > 0 {
			name = b[:i]
		}
		xml[name] = append(xml[name], f.path)
	}
	// OrderXMLTemplate in Entropy.json lists the widget templates of the packed app.
	xmlTemplates := map[string]bool{}
	pcf := map[string]bool{}
	for _, p := range a.jsonOfKind(merge.KindEntropy) {
		for _, m := range a.json[p].get("OrderXMLTemplate").membersOrNil() {
			xmlTemplates[m.key] = true
		}
		for _, m := range a.json[p].get("PCFTemplateEntry").membersOrNil() {
			pcf[m.key] = true
		}
	}

	names := make([]string, 0, len(xml))
	for n := range xml {
		names = append(names, n)
	}
	sort.Strings(names)
	byFold := map[string]string{}
	for _, n := range names {
		files := xml[n]
		if len(files) > 1 {
			for _, f := range files[1:] {
				a.add(Error, CheckTemplate, []string{n}, Location{f, 0}, []Location{{files[0], 0}},
					"pkgs/ holds a second version of template '%s' (also %s): pac pack fails (\"Unable to parse template file\"); keep the version ControlTemplates.json names",
					n, ref(0))
			}
		}
		if other, ok := byFold[fold(n)]; ok {
			for _, f := range files {
				a.add(Error, CheckTemplate, namePair(other, n), Location{f, 0}, []Location{{xml[other][0], 0}},
					"pkgs/ holds templates '%s' and '%s' (at %s), which differ only in case: pac pack fails on the duplicate", n, other, ref(0))
			}
			continue
		}
		byFold[fold(n)] = n
	}

	type use struct {
		first *control
		count int
	}
	missing := map[string]*use{}
	var order []string
	for _, c := range a.controls {
		if c.root || c.role == roleTest {
			continue
		}
		t := c.typ
		if _, ok := a.components[t]; ok {
			continue
		}
		var problem string
		if e, ok := entries[t]; ok {
			switch {
			case e.component:
				problem = "is a component template, but no Src/Components or pkgs/Components file defines component '" + t + "'"
			case (e.widget || xmlTemplates[t]) && len(xml[t]) == 0:
				v := e.version
				if v == "" {
					v = "<version>"
				}
				problem = "is a widget template in ControlTemplates.json, but pkgs/" + t + "_" + v + ".xml is missing: pac pack fails"
			}
		} else if len(xml[t]) == 0 && !builtinType(t) && !pcf[c.name] {
			if _, ok := entries[c.name]; ok { // host controls are keyed by control name
				continue
			}
			if _, ok := byName[t]; ok {
				continue
			}
			problem = "has no entry in ControlTemplates.json, no template in pkgs/ and is not a component of the app"
		}
		if problem == "" {
			continue
		}
		key := t + "\x00" + problem
		if u, ok := missing[key]; ok {
			u.count++
			continue
		}
		missing[key] = &use{first: c, count: 1}
		order = append(order, key)
	}
	for _, key := range order {
		u := missing[key]
		t, problem, _ := strings.Cut(key, "\x00")
		users := "'" + u.first.name + "'"
		if u.count > 1 {
			users += " and " + plural(u.count-1, "more control", "more controls")
		}
		a.add(Error, CheckTemplate, []string{t}, u.first.loc, nil, "control type '%s' (used by %s) %s", t, users, problem)
	}
}

func (v *jval) membersOrNil() []jmember {
	if v == nil || v.kind != jObj {
		return nil
	}
	return v.members
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
