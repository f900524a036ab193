package textconv

import (
	"encoding/xml"
	"strings"
)

// ControlTemplates.json (format-legacy §2.1, §5.7): one entry per non-component
// template the controls use, keyed by template name (host controls by control name),
// plus the templates of References/Templates.json that no control uses and pac's
// built-in groupContainer template.

// templatesIndex is what the control-file sections need from References/Templates.json.
type templatesIndex struct {
	widgets     []widgetTemplate // UsedTemplates, first per widget name, in file order
	widgetNames map[string]bool  // widget names (case-sensitive, as pac looks them up)
	// components maps a ComponentTemplates entry's Name (lower case) to the entry.
	components map[string]object
}

// widgetTemplate is the root element of one UsedTemplates XML.
type widgetTemplate struct{ name, id, version string }

// pcfTemplatePrefix starts the Template.Id of PCF (code component) controls.
const pcfTemplatePrefix = "http://microsoft.com/appmagic/powercontrol"

// templatesIndex indexes References/Templates.json (read by load) once per
// rendering. A missing or malformed file gives an empty index.
func (p *app) templatesIndex() *templatesIndex {
	if p.tmplIndex != nil {
		return p.tmplIndex
	}
	ix := &templatesIndex{widgetNames: map[string]bool{}, components: map[string]object{}}
	p.tmplIndex = ix
	for _, uo := range objectList(p.templates, "UsedTemplates") {
		xmlText, _ := ctString(uo, "Template")
		w, ok := widgetRoot(xmlText)
		if !ok || ix.widgetNames[w.name] {
			continue
		}
		if v, ok := ctString(uo, "Version"); ok && v != "" {
			w.version = v
		}
		ix.widgetNames[w.name] = true
		ix.widgets = append(ix.widgets, w)
	}
	for _, co := range objectList(p.templates, "ComponentTemplates") {
		if name, ok := ctString(co, "Name"); ok && name != "" {
			if _, dup := ix.components[strings.ToLower(name)]; !dup {
				ix.components[strings.ToLower(name)] = co
			}
		}
	}
	return ix
}

// widgetRoot reads the name, id and version attributes of a template XML's root
// <widget> element (namespace http://openajax.org/metadata).
func widgetRoot(text string) (widgetTemplate, bool) {
	dec := xml.NewDecoder(strings.NewReader(text))
	dec.Strict = false
	for {
		tok, err := dec.Token()
		if err != nil {
			return widgetTemplate{}, false
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if se.Name.Local != "widget" || se.Name.Space != "http://openajax.org/metadata" {
			return widgetTemplate{}, false
		}
		name, ok := attr(se, "name")
		if !ok || name == "" {
			return widgetTemplate{}, false
		}
		id, _ := attr(se, "id")
		version, _ := attr(se, "version")
		return widgetTemplate{name: name, id: id, version: version}, true
	}
}

// controlTemplates writes ControlTemplates.json.
func (r *renderer) controlTemplates(p *app) error {
	ix := p.templatesIndex()
	components := map[string]bool{}
	for name := range ix.components {
		components[name] = true
	}
	for _, c := range p.components {
		if c.item.Template.IsComponentDefinition {
			components[strings.ToLower(c.item.Template.Name)] = true
		}
	}
	out := object{}
	seen := map[string]bool{}
	var bad []string
	for _, tp := range p.topParents() {
		for _, ct := range tp.templates {
			t, ok := ct.template.(object)
			if !ok {
				bad = append(bad, ct.control+": Template is "+jsonKind(ct.template))
				continue
			}
			if isComponentTemplate(t, components) || seen[ct.key] {
				continue
			}
			seen[ct.key] = true
			name, _ := ctString(t, "Name")
			out = append(out, kv{ct.key, templateState(t, ix.widgetNames[name])})
		}
	}
	for _, w := range ix.widgets {
		if seen[w.name] {
			continue
		}
		seen[w.name] = true
		out = append(out, kv{w.name, object{
			{"FirstParty", true},
			{"Id", w.id},
			{"IsComponentTemplate", false},
			{"IsPcfControl", false},
			{"IsWidgetTemplate", true},
			{"LastModifiedTimestamp", "0"},
			{"Name", w.name},
			{"Version", w.version},
		}})
	}
	if !seen["groupContainer"] {
		// pac's built-in template, written even when no control uses it.
		out = append(out, kv{"groupContainer", object{
			{"FirstParty", true},
			{"Id", "http://microsoft.com/appmagic/groupContainer"},
			{"IsComponentTemplate", false},
			{"IsPcfControl", false},
			{"IsWidgetTemplate", false},
			{"LastModifiedTimestamp", "0"},
			{"Name", "groupContainer"},
			{"Version", "1.0"},
		}})
	}
	body := canonicalJSON(out)
	if len(bad) > 0 {
		body = append(body, []byte("\n(canvasgit: controls left out because their template is not an object: "+strings.Join(bad, ", ")+")")...)
	}
	r.section("ControlTemplates.json", body)
	return nil
}

// controlTemplate is one control's Template object, keyed as ControlTemplates.json
// keys it: by template name, host controls by control name.
type controlTemplate struct {
	key, control string
	template     any
}

// collectTemplates lists the templates of a top parent's controls, parents before
// children, first per key (a template that is not an object is kept for the report).
func collectTemplates(top object) []controlTemplate {
	c := templateCollector{seen: map[string]bool{}}
	ctWalk(top, 0, func(ctl object) {
		tv, _ := ctField(ctl, "Template")
		control, _ := ctString(ctl, "Name")
		c.add(control, tv)
	})
	return c.out
}

// itemTemplates is collectTemplates for a file decoded by decodeControlItems, from
// what it kept of each control's Template and Name.
func itemTemplates(top *item) []controlTemplate {
	c := templateCollector{seen: map[string]bool{}}
	var walk func(it *item)
	walk = func(it *item) {
		c.add(it.ctName, it.ctTemplate)
		for _, k := range it.Children {
			walk(k)
		}
	}
	walk(top)
	return c.out
}

// templateCollector lists templates, first per key.
type templateCollector struct {
	out  []controlTemplate
	seen map[string]bool
}

// add takes the template tv (the value of its Template member) of the control
// named control.
func (c *templateCollector) add(control string, tv any) {
	t, ok := tv.(object)
	if !ok {
		if tv != nil {
			c.out = append(c.out, controlTemplate{control: control, template: tv})
		}
		return
	}
	key, _ := ctString(t, "Name")
	if key == "" {
		return
	}
	if key == "hostControl" {
		key = control
	}
	if !c.seen[key] {
		c.seen[key] = true
		c.out = append(c.out, controlTemplate{key: key, control: control, template: t})
	}
}

// isComponentTemplate reports whether a control's template is a component
// definition or instance: those go to Src/Components/<Name>.json instead.
func isComponentTemplate(t object, components map[string]bool) bool {
	if b, _ := ctField(t, "IsComponentDefinition"); b == true {
		return true
	}
	if info, _ := ctField(t, "ComponentDefinitionInfo"); info != nil {
		return true
	}
	name, _ := ctString(t, "Name")
	return components[strings.ToLower(name)]
}

// templateState is a control's Template as pac writes a template state: the
// definition flag is called IsComponentTemplate, and IsPcfControl and
// IsWidgetTemplate (format 0.24) are added.
func templateState(t object, widget bool) object {
	out := make(object, 0, len(t)+3)
	hasDef := false
	for _, m := range t {
		switch m.Key {
		case "IsPcfControl", "IsWidgetTemplate", "IsComponentTemplate":
			continue
		case "IsComponentDefinition":
			out = append(out, kv{"IsComponentTemplate", m.Val})
			hasDef = true
			continue
		}
		out = append(out, m)
	}
	if !hasDef {
		out = append(out, kv{"IsComponentTemplate", false})
	}
	id, _ := ctString(t, "Id")
	out = append(out, kv{"IsPcfControl", strings.HasPrefix(strings.ToLower(id), pcfTemplatePrefix)},
		kv{"IsWidgetTemplate", widget})
	return out
}

// topParents lists the control files in the order the sections use: App, screens,
// components, tests.
func (p *app) topParents() []topParent {
	var tops []topParent
	if p.appControl != nil {
		tops = append(tops, *p.appControl)
	}
	tops = append(tops, p.screens...)
	tops = append(tops, p.components...)
	return append(tops, p.tests...)
}

// topParentJSON re-reads a control file and returns its TopParent object; nil when
// it cannot be read as one (already reported when the file was decoded).
func (r *renderer) topParentJSON(tp topParent) (object, error) {
	o, err := r.controlJSON(tp)
	if err != nil {
		if IsUnusable(err) {
			return nil, err
		}
		return nil, nil
	}
	v, _ := ctField(o, "TopParent")
	top, _ := v.(object)
	return top, nil
}

// ctWalk calls fn for every control object, parents before children.
func ctWalk(ctl object, depth int, fn func(object)) {
	if depth > maxDepth {
		return
	}
	fn(ctl)
	for _, c := range objectList(ctl, "Children") {
		ctWalk(c, depth+1, fn)
	}
}
