package check

import (
	"path"
	"sort"
	"strings"
)

// fold is the key under which names that differ only in case collide.
func fold(s string) string { return strings.ToLower(strings.ToUpper(s)) }

// checkNames: every control, screen and component name is unique across the app
// (case-sensitive, as pac's PA3008 check; test steps are exempt): an error. Two names
// that differ only in case are a warning: Power Fx names are case-sensitive and pac
// packs such an app (published apps have them), it only confuses readers. Where the
// case difference really breaks a checkout, two file paths equal but for case,
// checkFileCase reports an error.
func (a *app) checkNames() {
	a.byName = map[string]*control{}
	a.topParents = map[string]*control{}
	a.components = map[string]*control{}
	byFold := map[string]*control{}
	for _, c := range a.controls {
		if c.root {
			if _, dup := a.topParents[c.name]; !dup {
				a.topParents[c.name] = c
			}
			if c.role == roleComponent {
				if _, dup := a.components[c.name]; !dup {
					a.components[c.name] = c
				}
			}
		}
		if c.step {
			continue
		}
		if first, dup := a.byName[c.name]; dup {
			a.add(Error, CheckDuplicateName, []string{c.name}, c.loc, []Location{first.loc},
				"%s name '%s' is already used by the %s at %s (pac pack fails: PA3008 duplicate symbol)",
				c.what(), c.name, first.what(), ref(0))
			continue
		}
		a.byName[c.name] = c
		if first, ok := byFold[fold(c.name)]; ok {
			a.add(Warning, CheckCaseCollision, namePair(first.name, c.name), c.loc, []Location{first.loc},
				"%s name '%s' differs only in case from the %s '%s' at %s%s",
				c.what(), c.name, first.what(), first.name, ref(0), caseCollisionWhy(c, first))
			continue
		}
		byFold[fold(c.name)] = c
	}
}

// what names the kind of control for messages.
func (c *control) what() string {
	switch {
	case c.root && c.role == roleComponent:
		return "component"
	case c.root && c.typ == "screen":
		return "screen"
	case c.root && c.typ == "appinfo":
		return "app"
	case c.role == roleTest && c.typ == "TestSuite":
		return "test suite"
	case c.role == roleTest && c.typ == "TestCase":
		return "test case"
	}
	return "control"
}

func caseCollisionWhy(c, first *control) string {
	if c.root && first.root {
		return ": pac packs it, but unpacking on Windows or macOS writes one of their files with a _1 suffix; consider renaming one"
	}
	return ": formulas tell them apart, people reading them hardly do; consider renaming one"
}

// namePair is the names of a finding about two things, in a fixed order, so that the
// finding's identity does not depend on which one the check met first.
func namePair(x, y string) []string {
	if y < x {
		x, y = y, x
	}
	return []string{x, y}
}

// screens returns the screens present: the root blocks of Src/*.fx.yaml of type screen,
// in file order.
func (a *app) screens() []*control {
	var out []*control
	for _, c := range a.controls {
		if c.root && c.role == roleTop && c.typ == "screen" {
			out = append(out, c)
		}
	}
	return out
}

// checkScreenOrder: CanvasManifest.json's ScreenOrder lists exactly the screens present,
// each once. Otherwise pac drops the order and Studio shows the screens scrambled.
func (a *app) checkScreenOrder() {
	man, mpath := a.manifest()
	if man == nil {
		return
	}
	m, ok := man.member("ScreenOrder")
	if !ok {
		return // older manifests have no ScreenOrder; pac derives one
	}
	order := m.val
	if order.kind != jArr {
		a.add(Error, CheckScreenOrder, []string{"ScreenOrder"}, Location{mpath, m.line}, nil, "ScreenOrder is not a list of screen names")
		return
	}
	present := map[string]*control{}
	for _, s := range a.screens() {
		if _, dup := present[s.name]; !dup {
			present[s.name] = s
		}
	}
	listed := map[string]int{}
	for _, e := range order.elems {
		name := e.text()
		loc := Location{mpath, e.line}
		if e.kind != jStr {
			a.add(Error, CheckScreenOrder, []string{e.display()}, loc, nil, "ScreenOrder holds %s, which is not a screen name", e.display())
			continue
		}
		if first, dup := listed[name]; dup {
			a.add(Error, CheckScreenOrder, []string{name}, loc, []Location{{mpath, first}}, "ScreenOrder lists screen '%s' twice (also at %s)", name, ref(0))
			continue
		}
		listed[name] = e.line
		if _, ok := present[name]; !ok && !a.mayDefine(name) {
			why := "no Src/*.fx.yaml file defines it"
			if c, ok := a.byName[name]; ok {
				why = "'" + name + "' is a " + c.what() + " at " + ref(0)
				a.add(Error, CheckScreenOrder, []string{name}, loc, []Location{c.loc}, "ScreenOrder lists '%s', which is not a screen of the app: %s", name, why)
				continue
			}
			a.add(Error, CheckScreenOrder, []string{name}, loc, nil, "ScreenOrder lists '%s', which is not a screen of the app: %s", name, why)
		}
	}
	for _, s := range a.screens() {
		if present[s.name] != s {
			continue // a duplicate screen, reported by the name check
		}
		if _, ok := listed[s.name]; !ok {
			a.add(Error, CheckScreenOrder, []string{s.name}, Location{mpath, m.line}, []Location{s.loc},
				"ScreenOrder does not list screen '%s' (defined at %s)", s.name, ref(0))
		}
	}
}

// checkFileCase: two files whose paths differ only in case cannot both be checked out on
// Windows or macOS (one overwrites the other).
func (a *app) checkFileCase() {
	first := map[string]string{}
	for _, f := range a.files {
		k := fold(f.path)
		if p, ok := first[k]; ok {
			a.add(Error, CheckCaseCollision, namePair(p, f.path), Location{f.path, 0}, []Location{{p, 0}},
				"file path differs only in case from %s: the two collide on Windows and macOS checkouts", ref(0))
			continue
		}
		first[k] = f.path
	}
}

// checkAssetCase: asset names (Assets/Resources.json entries and the per-resource
// Assets/*.json shards) that differ only in case: a warning. pac handles the pair (on
// unpack it renames the second asset file with a _1 suffix, format-legacy §2.4), but
// formulas name assets like controls and a reader may pick the wrong one.
func (a *app) checkAssetCase() {
	type asset struct {
		name string
		loc  Location
	}
	var assets []asset
	seen := map[string]bool{}
	for _, f := range a.files {
		s := segments(f.path)
		if len(s) != 2 || !strings.EqualFold(s[0], "Assets") {
			continue
		}
		v := a.json[f.path]
		if v == nil {
			continue
		}
		var entries []*jval
		if strings.EqualFold(s[1], "Resources.json") {
			entries = v.get("Resources").elemsOrNil()
		} else {
			entries = []*jval{v}
		}
		for _, e := range entries {
			m, ok := e.member("Name")
			if !ok || m.val.kind != jStr {
				continue
			}
			name := m.val.str
			key := name + "\x00" + e.get("Content").text()
			if seen[key] {
				continue // the same resource listed in Resources.json and its shard
			}
			seen[key] = true
			assets = append(assets, asset{name, Location{f.path, m.line}})
		}
	}
	sort.SliceStable(assets, func(i, j int) bool { return assets[i].loc.File < assets[j].loc.File })
	byFold := map[string]asset{}
	exact := map[string]bool{}
	for _, as := range assets {
		if exact[as.name] {
			continue
		}
		exact[as.name] = true
		if first, ok := byFold[fold(as.name)]; ok {
			a.add(Warning, CheckCaseCollision, namePair(first.name, as.name), as.loc, []Location{first.loc},
				"asset name '%s' differs only in case from asset '%s' at %s: pac renames one of them on unpack and formulas may name the wrong one",
				as.name, first.name, ref(0))
			continue
		}
		byFold[fold(as.name)] = as
	}
}

func (v *jval) elemsOrNil() []*jval {
	if v == nil || v.kind != jArr {
		return nil
	}
	return v.elems
}

// stem returns the last element of p without suffix (which p must end with, in any
// casing), e.g. the top parent part of Src/EditorState/Screen1.editorstate.json.
func stem(p, suffix string) string {
	b := path.Base(p)
	return b[:len(b)-len(suffix)]
}
