package check

import (
	"github.com/canvasgit/canvasgit/source/payaml"
)

// paNamed is a screen, control or component definition of a `.pa.yaml` app.
type paNamed struct {
	obj *payaml.Object
	loc Location
}

func (n *paNamed) what() string {
	switch n.obj.Kind {
	case payaml.ScreenObject:
		return "screen"
	case payaml.ComponentDefinitionObject:
		return "component"
	}
	return "control"
}

// paNames returns the app's screens, controls and component definitions in file and
// document order.
func (pa *paApp) paNames() []*paNamed {
	var out []*paNamed
	for _, s := range pa.sources {
		for _, o := range s.file.Objects() {
			switch o.Kind {
			case payaml.ScreenObject, payaml.ControlObject, payaml.ComponentDefinitionObject:
				out = append(out, &paNamed{obj: o, loc: Location{s.path, o.Line}})
			}
		}
	}
	return out
}

// checkPaNames: screen, control and component names are unique across the app, as in
// the unpacked format: they share one namespace of global identifiers in formulas,
// and pac's loader of the same app model (CanvasDocument.OnLoadComplete, error PA3008)
// rejects a name used twice across all screens and components, including the controls
// inside a component. Microsoft's v3 reader compares names ordinally (Slider1 and
// slider1 are different keys), so two names that differ only in case are a warning,
// as in the unpacked format. Data sources, themes and control styles have names of
// their own kind and are not counted.
func (a *app) checkPaNames(pa *paApp) {
	byName := map[string]*paNamed{}
	byFold := map[string]*paNamed{}
	for _, n := range pa.paNames() {
		name := n.obj.Name
		if first, dup := byName[name]; dup {
			a.add(Error, CheckDuplicateName, []string{name}, n.loc, []Location{first.loc},
				"%s name '%s' is already used by the %s at %s (screen, control and component names are global identifiers in formulas; pac rejects the same app unpacked with PA3008)",
				n.what(), name, first.what(), ref(0))
			continue
		}
		byName[name] = n
		if first, ok := byFold[fold(name)]; ok {
			a.add(Warning, CheckCaseCollision, namePair(first.obj.Name, name), n.loc, []Location{first.loc},
				"%s name '%s' differs only in case from the %s '%s' at %s: formulas tell them apart, people reading them hardly do; consider renaming one",
				n.what(), name, first.what(), first.obj.Name, ref(0))
			continue
		}
		byFold[fold(name)] = n
	}
}

// checkPaScreensOrder: EditorState's ScreensOrder lists exactly the screens present,
// each once, and ComponentDefinitionsOrder exactly the component definitions. The
// Screens mapping is unordered: this list is the only place the screen order lives
// (pa-yaml.md §4.2), so a screen missing from it, or a name that is no screen, is
// what a merge that added or removed a screen on one side leaves behind.
func (a *app) checkPaScreensOrder(pa *paApp) {
	present := map[payaml.ObjectKind]map[string]*paNamed{
		payaml.ScreenObject:              {},
		payaml.ComponentDefinitionObject: {},
	}
	all := map[string]*paNamed{}
	var order []*paNamed
	for _, n := range pa.paNames() {
		if _, ok := all[n.obj.Name]; !ok {
			all[n.obj.Name] = n
		}
		if m := present[n.obj.Kind]; m != nil {
			if _, dup := m[n.obj.Name]; !dup {
				m[n.obj.Name] = n
				order = append(order, n)
			}
		}
	}
	for _, s := range pa.sources {
		es := s.file.EditorState()
		if es == nil {
			continue
		}
		body := s.file.Root.GetMap("EditorState")
		lists := []struct {
			key   string
			kind  payaml.ObjectKind
			names []payaml.Name
		}{
			{"ScreensOrder", payaml.ScreenObject, es.ScreensOrder},
			{"ComponentDefinitionsOrder", payaml.ComponentDefinitionObject, es.ComponentDefinitionsOrder},
		}
		for _, l := range lists {
			entry := body.Entry(l.key)
			if entry == nil {
				continue // no order recorded: Studio makes one up
			}
			listLoc := Location{s.path, entry.Key.Line}
			what := "screen"
			if l.kind == payaml.ComponentDefinitionObject {
				what = "component definition"
			}
			listed := map[string]int{}
			for _, nm := range l.names {
				loc := Location{s.path, nm.Line}
				if first, dup := listed[nm.Value]; dup {
					a.add(Error, CheckScreenOrder, []string{nm.Value}, loc, []Location{{s.path, first}},
						"%s lists %s '%s' twice (also at %s)", l.key, what, nm.Value, ref(0))
					continue
				}
				listed[nm.Value] = nm.Line
				if _, ok := present[l.kind][nm.Value]; ok || pa.unreadable {
					continue
				}
				if other, ok := all[nm.Value]; ok {
					a.add(Error, CheckScreenOrder, []string{nm.Value}, loc, []Location{other.loc},
						"%s lists '%s', which is not a %s of the app: '%s' is a %s at %s", l.key, nm.Value, what, nm.Value, other.what(), ref(0))
					continue
				}
				a.add(Error, CheckScreenOrder, []string{nm.Value}, loc, nil,
					"%s lists '%s', which is not a %s of the app: no .pa.yaml file under Src/ defines it", l.key, nm.Value, what)
			}
			for _, n := range order {
				if n.obj.Kind != l.kind {
					continue
				}
				if _, ok := listed[n.obj.Name]; !ok {
					a.add(Error, CheckScreenOrder, []string{n.obj.Name}, listLoc, []Location{n.loc},
						"%s does not list %s '%s' (defined at %s)", l.key, what, n.obj.Name, ref(0))
				}
			}
		}
	}
}
