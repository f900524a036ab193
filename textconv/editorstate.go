package textconv

import "strings"

// Src/EditorState/<TopParent>.editorstate.json (format-legacy §5.6), shown only with
// Options.All: Studio's per-control editor settings, which change on every save.
//
// Per control of the top parent (galleryTemplate children, test suites and cases
// included) the state is the control object minus what the other files hold:
// Children (the .fx.yaml structure), Template (ControlTemplates.json or
// Src/Components/<Name>.json), Rules (the .fx.yaml formulas; their other fields stay
// as Properties), VariantName and GroupedControlsKey (.fx.yaml), Parent (implied by
// the structure), ControlUniqueId, Index and PublishOrderIndex (Entropy). Added are
// IsComponentDefinition (from the template), ParentIndex (position in the parent's
// Children, 0 for the top parent), Properties (one entry per rule in JSON order:
// the rule without InvariantScript, Property called PropertyName) and, on a gallery,
// GalleryTemplateChildName. DynamicProperties keep PropertyName and
// ControlPropertyState; their Rule becomes Property like a Properties entry.
// Every other field (ControlPropertyState entries, whether strings or objects,
// IsLocked, LayoutName, ...) is copied as stored. This reproduces all 261 controls of
// the pairs corpus; current pac wraps the dictionary as
// {"ControlStates": {...}, "TopParentName": name}.

// editorStateDropped reports the control fields (lower-case) that are not part of the
// editor state. A switch, not a map: a map is built at package init, on every
// start of the binary, the merge driver's included.
func editorStateDropped(low string) bool {
	switch low {
	case "children", "template", "rules", "variantname",
		"groupedcontrolskey", "parent", "controluniqueid",
		"index", "publishorderindex", "dynamicproperties":
		return true
	}
	return false
}

// editorStateTyped reports the fields (lower-case) pac models with a type: a null value
// is left out.
func editorStateTyped(low string) bool {
	switch low {
	case "name", "stylename", "allowaccesstoglobals", "hasdynamicproperties", "isgroupcontrol":
		return true
	}
	return false
}

// editorStates writes one editor-state file per App, screen, component and test
// container.
func (r *renderer) editorStates(p *app) error {
	if !r.opts.All {
		return nil
	}
	for _, tp := range p.topParents() {
		top, err := r.topParentJSON(tp)
		if err != nil {
			return err
		}
		if top == nil {
			continue
		}
		name := r.uniqueFile("Src/EditorState/", topParentFileName(tp.name), ".editorstate.json")
		r.sectionJSON("Src/EditorState/"+name+".editorstate.json", editorStateFile(top, tp.name))
	}
	return nil
}

// editorStateFile builds the current form of one file.
func editorStateFile(top object, name string) object {
	states := object{}
	seen := map[string]bool{}
	var walk func(ctl object, parentIndex, depth int)
	walk = func(ctl object, parentIndex, depth int) {
		if depth > maxDepth {
			return
		}
		if n, ok := ctString(ctl, "Name"); ok && n != "" && !seen[n] {
			// A control name is unique in an app; a duplicate (which pac rejects)
			// keeps the first state.
			seen[n] = true
			states = append(states, kv{n, controlState(ctl, parentIndex)})
		}
		for i, c := range objectList(ctl, "Children") {
			walk(c, i, depth+1)
		}
	}
	walk(top, 0, 0)
	return object{{"ControlStates", states}, {"TopParentName", name}}
}

// controlState is the editor state of one control.
func controlState(ctl object, parentIndex int) object {
	out := make(object, 0, len(ctl)+4)
	var rules, dyn any
	hasDyn := false
	for _, m := range ctl {
		low := strings.ToLower(m.Key)
		switch {
		case low == "rules":
			rules = m.Val
		case low == "dynamicproperties":
			dyn, hasDyn = m.Val, true
		}
		if editorStateDropped(low) || (m.Val == nil && editorStateTyped(low)) {
			continue
		}
		out = append(out, m)
	}
	isDef := false
	if tv, _ := ctField(ctl, "Template"); tv != nil {
		if t, ok := tv.(object); ok {
			b, _ := ctField(t, "IsComponentDefinition")
			isDef, _ = b.(bool)
		}
	}
	out = append(out, kv{"IsComponentDefinition", isDef}, kv{"ParentIndex", intNumber(parentIndex)})
	props := []any{}
	if list, ok := rules.([]any); ok {
		for _, rl := range list {
			props = append(props, ruleState(rl))
		}
	}
	out = append(out, kv{"Properties", props})
	if hasDyn && dyn != nil {
		list, ok := dyn.([]any)
		if !ok {
			out = append(out, kv{"DynamicProperties", dyn}) // not a list: kept as stored
		} else {
			states := make([]any, 0, len(list))
			for _, d := range list {
				states = append(states, dynamicPropertyState(d))
			}
			out = append(out, kv{"DynamicProperties", states})
		}
	}
	if tmpl := templateName(ctl); strings.EqualFold(tmpl, "gallery") {
		for _, c := range objectList(ctl, "Children") {
			if templateName(c) == "galleryTemplate" {
				if n, ok := ctString(c, "Name"); ok {
					out = append(out, kv{"GalleryTemplateChildName", n})
				}
				break
			}
		}
	}
	return out
}

// ruleState is a rule as a Properties entry: without its formula, Property called
// PropertyName, null typed fields left out. A rule that is not an object is kept as
// stored.
func ruleState(v any) any {
	rl, ok := v.(object)
	if !ok {
		return v
	}
	out := make(object, 0, len(rl))
	for _, m := range rl {
		switch strings.ToLower(m.Key) {
		case "invariantscript":
			continue
		case "property":
			if m.Val != nil {
				out = append(out, kv{"PropertyName", m.Val})
			}
			continue
		case "namemap", "ruleprovidertype", "category":
			if m.Val == nil {
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// dynamicPropertyState converts one DynamicProperties entry: its Rule becomes
// Property (a Properties entry); a null Rule is left out.
func dynamicPropertyState(v any) any {
	d, ok := v.(object)
	if !ok {
		return v
	}
	out := make(object, 0, len(d))
	for _, m := range d {
		if strings.EqualFold(m.Key, "Rule") {
			if m.Val != nil {
				out = append(out, kv{"Property", ruleState(m.Val)})
			}
			continue
		}
		out = append(out, m)
	}
	return out
}

func templateName(ctl object) string {
	tv, _ := ctField(ctl, "Template")
	t, _ := tv.(object)
	n, _ := ctString(t, "Name")
	return n
}
