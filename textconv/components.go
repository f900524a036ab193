package textconv

import "strings"

// Src/Components/<Name>.json (format-legacy §5.5): a component definition's template
// state, shown after its .fx.yaml. A component imported from a component library
// (its ComponentTemplates entry's OriginalName is the
// OriginalComponentDefinitionTemplateId of one of Properties.LibraryDependencies)
// goes to pkgs/Components/ instead, both files.

// componentInfo is what the component files need besides the control files.
type componentInfo struct {
	meta    map[string]object // ComponentsMetadata.json entries by TemplateName (lower case)
	library map[string]bool   // OriginalComponentDefinitionTemplateId (lower case)
}

// componentInfo reads ComponentsMetadata.json (shown only through the component
// files, as pac does) and the library dependencies.
func (r *renderer) componentInfo(p *app) (*componentInfo, error) {
	info := &componentInfo{meta: map[string]object{}, library: map[string]bool{}}
	if e := r.a.Lookup("ComponentsMetadata.json"); e != nil {
		data, err := r.read(e)
		if err != nil {
			return nil, err
		}
		v, err := parseJSON(data)
		if err != nil {
			r.problem(e.Name, err)
		} else {
			o, _ := v.(object)
			for _, co := range objectList(o, "Components") {
				if tn, ok := ctString(co, "TemplateName"); ok && tn != "" {
					if _, dup := info.meta[strings.ToLower(tn)]; !dup {
						info.meta[strings.ToLower(tn)] = co
					}
				}
			}
		}
	}
	if deps, ok := ctString(p.props, "LibraryDependencies"); ok && deps != "" {
		if v, err := parseJSONString(deps); err == nil {
			list, _ := v.([]any)
			for _, d := range list {
				do, _ := d.(object)
				if id, ok := ctString(do, "OriginalComponentDefinitionTemplateId"); ok && id != "" {
					info.library[strings.ToLower(id)] = true
				}
			}
		}
	}
	return info, nil
}

// componentFolder is Src/Components/ or, for a component from a library,
// pkgs/Components/.
func (info *componentInfo) componentFolder(state object) string {
	if orig, ok := ctString(state, "TemplateOriginalName"); ok && info.library[strings.ToLower(orig)] {
		return "pkgs/Components/"
	}
	return "Src/Components/"
}

// componentState builds the template state of a component definition: its
// Template (as in ControlTemplates.json), the fields of its Templates.json
// ComponentTemplates entry (OriginalName called TemplateOriginalName; Name, Version,
// CustomProperties and ComponentType of the definition win, a different Version is
// recorded in Entropy) and ComponentManifest, its ComponentsMetadata.json entry with
// TemplateName called TemplateGuid. nil when the control file has no template object.
func (r *renderer) componentState(p *app, info *componentInfo, tp topParent) (object, error) {
	ix := p.templatesIndex()
	t, ok := tp.topTemplate.(object)
	if !ok {
		return nil, nil
	}
	name, _ := ctString(t, "Name")
	state := templateState(t, ix.widgetNames[name])
	if ct, ok := ix.components[strings.ToLower(name)]; ok && name != "" {
		for _, m := range ct {
			switch m.Key {
			case "Name", "Version", "CustomProperties", "ComponentType":
				if _, has := state.get(m.Key); !has {
					state = append(state, m)
				}
			case "OriginalName":
				state = setMember(state, "TemplateOriginalName", m.Val)
			default:
				state = setMember(state, m.Key, m.Val)
			}
		}
	}
	if meta, ok := info.meta[strings.ToLower(name)]; ok && name != "" {
		manifest := make(object, 0, len(meta))
		for _, m := range meta {
			if m.Key == "TemplateName" {
				m.Key = "TemplateGuid"
			}
			manifest = append(manifest, m)
		}
		state = setMember(state, "ComponentManifest", manifest)
	}
	return state, nil
}

// setMember replaces the value of key, or appends it.
func setMember(o object, key string, v any) object {
	for i := range o {
		if o[i].Key == key {
			o[i].Val = v
			return o
		}
	}
	return append(o, kv{key, v})
}
