package textconv

import (
	"encoding/xml"
	"strings"

	"github.com/canvasgit/canvasgit/internal/lazy"
)

// defaultSet holds the default values pac strips from control properties
// (format-legacy §5.2): the current theme's styles and the templates' input defaults.
// Properties a template includes without a default take it from pac's built-in
// "common properties" table (commondefaults.go).
type defaultSet struct {
	phone, web bool
	styles     map[string]map[string]string // lower-case style name -> property -> value
	templates  map[string]map[string]string // template name (exact case) -> property -> default
	components map[string]map[string]string // lower-case component GUID -> property -> default
}

func newDefaultSet(appType string) *defaultSet {
	d := &defaultSet{
		phone:      appType == "Phone",
		web:        appType == "Web",
		styles:     map[string]map[string]string{},
		templates:  map[string]map[string]string{},
		components: map[string]map[string]string{},
	}
	d.builtins()
	return d
}

func (d *defaultSet) builtins() {
	minH, minW, bp := "320", "320", "[600, 900, 1200]"
	if d.phone {
		minH, minW, bp = "640", "640", "[1200, 1800, 2400]"
	}
	d.templates["appinfo"] = map[string]string{
		"MinScreenHeight": minH, "MinScreenWidth": minW, "ConfirmExit": "false", "SizeBreakpoints": bp,
	}
	d.templates["screen"] = map[string]string{
		"Fill":                "RGBA(255, 255, 255, 1)",
		"Height":              "Max(App.Height, App.MinScreenHeight)",
		"Width":               "Max(App.Width, App.MinScreenWidth)",
		"Size":                "1 + CountRows(App.SizeBreakpoints) - CountIf(App.SizeBreakpoints, Value >= Self.Width)",
		"Orientation":         "If(Self.Width < Self.Height, Layout.Vertical, Layout.Horizontal)",
		"LoadingSpinner":      "LoadingSpinner.None",
		"LoadingSpinnerColor": "RGBA(0, 51, 102, 1)",
		"ImagePosition":       "ImagePosition.Fit",
	}
}

// addThemes takes the styles of the current theme from References/Themes.json.
// Fields match ignoring case, as pac's deserialiser matches them.
func (d *defaultSet) addThemes(themes object) {
	current, _ := ctString(themes, "CurrentTheme")
	for _, t := range objectList(themes, "CustomThemes") {
		if name, _ := ctString(t, "name"); name != current {
			continue
		}
		palette := map[string]string{}
		for _, p := range objectList(t, "palette") {
			name, _ := ctString(p, "name")
			palette[name], _ = ctString(p, "value")
		}
		for _, st := range objectList(t, "styles") {
			m := map[string]string{}
			for _, pv := range objectList(st, "propertyValuesMap") {
				prop, _ := ctString(pv, "property")
				value, _ := ctString(pv, "value")
				m[prop] = themeValue(value, palette)
			}
			name, _ := ctString(st, "name")
			d.styles[strings.ToLower(name)] = m
		}
		return
	}
}

// themeValue resolves the first %Palette.X% reference and %Word.RESERVED% tokens.
func themeValue(v string, palette map[string]string) string {
	if i := strings.Index(v, "%Palette."); i >= 0 {
		if j := strings.IndexByte(v[i+1:], '%'); j >= 0 {
			tok := v[i : i+j+2]
			if pv, ok := palette[tok[len("%Palette."):len(tok)-1]]; ok {
				v = strings.ReplaceAll(v, tok, pv)
			}
		}
	}
	return unreserve(v)
}

// unreserve replaces %Word.RESERVED% by Word.
func unreserve(v string) string {
	for {
		i := strings.Index(v, ".RESERVED%")
		if i < 0 {
			return v
		}
		j := strings.LastIndexByte(v[:i], '%')
		if j < 0 {
			return v
		}
		v = v[:j] + v[j+1:i] + v[i+len(".RESERVED%"):]
	}
}

func isLocKey(v string) bool {
	return len(v) > 4 && strings.HasPrefix(v, "##") && strings.HasSuffix(v, "##")
}

// addTemplates reads References/Templates.json and the input defaults in each
// template's XML.
func (d *defaultSet) addTemplates(templates object) {
	for _, t := range objectList(templates, "UsedTemplates") {
		if x, ok := ctString(t, "Template"); ok {
			d.addTemplateXML(x)
		}
	}
}

func attr(se xml.StartElement, name string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// addTemplateXML registers the input defaults of one template XML. Like pac, the
// template is keyed by the name attribute of its root widget element, matched
// case-sensitively against the control's template name, and the first template of a
// name wins: in the fluentui-custom-theme pair the rating template's widget is named
// "Rating", so pac finds no template defaults for "rating" controls and keeps their
// X: =0, Y: =0 and DisplayMode: =DisplayMode.Edit.
func (d *defaultSet) addTemplateXML(text string) {
	dec := xml.NewDecoder(strings.NewReader(text))
	dec.Strict = false
	name := ""
	main := map[string]string{}
	include := map[string]string{}
	cur := main
	var stack []string
	depth := 0
	nestedDepth := -1
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				n, ok := attr(t, "name")
				if t.Name.Local != "widget" || t.Name.Space != "http://openajax.org/metadata" || !ok {
					return
				}
				if _, dup := d.templates[n]; dup {
					return
				}
				name = n
			}
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			stack = append(stack, t.Name.Local)
			depth++
			switch {
			case t.Name.Local == "dataControlWidget" && parent == "nestedWidgets":
				n, _ := attr(t, "name")
				cur = map[string]string{}
				if _, dup := d.templates[n]; !dup {
					d.templates[n] = cur
				}
				nestedDepth = depth
			case t.Name.Local == "property" && parent == "properties":
				if dir, _ := attr(t, "direction"); dir == "out" {
					continue
				}
				pn, _ := attr(t, "name")
				if _, dup := cur[pn]; dup || pn == "" {
					continue
				}
				v, ok := "", false
				if d.phone {
					v, ok = attr(t, "phoneDefaultValue")
				} else if d.web {
					v, ok = attr(t, "webDefaultValue")
				}
				if !ok {
					v, ok = attr(t, "defaultValue")
				}
				v = unreserve(v)
				if isLocKey(v) {
					continue
				}
				dt, _ := attr(t, "datatype")
				isExpr, _ := attr(t, "isExpr")
				format, _ := attr(t, "format")
				// Only a default the XML states is quoted: a String property without one
				// defaults to the empty formula, not to "" (pac's parser quotes attribute
				// values, and a missing attribute is null, registered as ""), so a text
				// input's HintText: ="" is kept. Nested widget (galleryTemplate) string
				// defaults are not quoted: pac keeps ItemAccessibleLabel: ="" on galleries
				// (observed in the pairs corpus).
				if ok && dt == "String" && isExpr != "true" && format != "uri" && nestedDepth < 0 {
					v = `"` + v + `"`
				}
				cur[pn] = v
			case t.Name.Local == "includeProperty" && parent == "includeProperties" && nestedDepth < 0:
				pn, _ := attr(t, "name")
				if dir, _ := attr(t, "direction"); dir == "out" || pn == "" {
					continue
				}
				if _, dup := include[pn]; dup {
					continue
				}
				// An explicit defaultValue is taken as written (RESERVED-unescaped, not
				// quoted); otherwise the common-properties table supplies it, else "".
				if v, ok := attr(t, "defaultValue"); ok {
					include[pn] = unreserve(v)
				} else {
					include[pn], _ = commonDefault(pn, d.phone)
				}
			}
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			if depth == nestedDepth {
				cur = main
				nestedDepth = -1
			}
			depth--
		}
	}
	for k, v := range include {
		if _, ok := main[k]; !ok && !isLocKey(v) {
			main[k] = v
		}
	}
	if name != "" {
		d.templates[name] = main
	}
}

// nestingControl reports the templates of controls that hold other controls. A switch,
// not a map: a map is built at package init, on every start of the binary, the merge
// driver's included.
func nestingControl(template string) bool {
	switch template {
	case "dataCard", "dataGrid", "dataTable", "dataTableColumn",
		"datatableHeaderCellCard", "datatableRowCellCard", "entityForm",
		"fluidGrid", "form", "formViewer", "gallery", "groupContainer",
		"layoutContainer", "pcfDataField", "typedDataCard":
		return true
	}
	return false
}

// containerVariants are the defaults pac's built-in groupContainer template gives each
// variant, built when first needed (not in an init every start of the binary pays).
var containerVariants = lazy.Of[map[string]map[string]string]{New: func() map[string]map[string]string {
	variants := map[string]map[string]string{
		"horizontalautolayoutcontainer": {"LayoutDirection": "LayoutDirection.Horizontal"},
		"verticalautolayoutcontainer":   {"LayoutDirection": "LayoutDirection.Vertical"},
		"manuallayoutcontainer":         {"LayoutDirection": "LayoutDirection.Manual"},
	}
	for _, m := range variants {
		for k, v := range map[string]string{"LayoutMode": "LayoutMode.Auto", "LayoutWrap": "false",
			"LayoutAlignItems": "LayoutAlignItems.Start", "LayoutJustifyContent": "LayoutJustifyContent.Start",
			"LayoutGap": "0", "LayoutOverflowX": "LayoutOverflow.Hide", "LayoutOverflowY": "LayoutOverflow.Hide"} {
			m[k] = v
		}
	}
	return variants
}}

func (d *defaultSet) groupContainerDefaults() map[string]string {
	h := "200"
	if d.phone {
		h = "225"
	}
	m := map[string]string{"Width": "500", "Height": h, "BorderColor": "RGBA(0, 0, 0, 1)",
		"BorderStyle": "BorderStyle.Solid", "BorderThickness": "0", "Fill": "RGBA(0, 0, 0, 0)",
		"X": "0", "Y": "0", "Visible": "true", "ChildTabPriority": "true", "EnableChildFocus": "true"}
	for _, p := range []string{"PaddingTop", "PaddingBottom", "PaddingLeft", "PaddingRight"} {
		m[p] = "0"
	}
	return m
}

// lookup returns the default of prop on a control of template tmpl / variant / style,
// and whether some source defines it.
func (d *defaultSet) lookup(tmpl, variant, style, prop string) (string, bool) {
	return d.forControl(tmpl, variant, style).lookup(prop)
}

// controlDefaults are the maps of defaults lookup reads for one control, in the
// order it reads them: its style's, its variant's (pac's built-in groupContainer
// only) and its template's. strip finds them once per control: five map lookups
// per property were a tenth of rendering a screen.
type controlDefaults struct {
	style, variant, template map[string]string
}

// forControl finds the defaults of a control of template tmpl / variant / style.
func (d *defaultSet) forControl(tmpl, variant, style string) controlDefaults {
	var kb keyBuf // no lower-cased copies
	c := controlDefaults{style: d.styles[kb.lower(style)]}
	// Variant defaults belong to pac's built-in groupContainer template, which is used
	// only when Templates.json has no groupContainer XML.
	_, xmlGroup := d.templates["groupContainer"]
	if tmpl == "groupContainer" && !xmlGroup {
		c.variant = containerVariants.Get()[kb.lower(variant)]
	}
	t, ok := d.templates[tmpl]
	if !ok {
		t, ok = d.components[kb.lower(tmpl)]
	}
	if !ok && tmpl == "groupContainer" {
		t = d.groupContainerDefaults()
	}
	c.template = t
	return c
}

// lookup returns the default of prop, and whether some source defines it.
func (c controlDefaults) lookup(prop string) (string, bool) {
	if v, ok := c.style[prop]; ok {
		if isLocKey(v) || strings.Contains(v, "##") {
			return "", false
		}
		return v, true
	}
	if v, ok := c.variant[prop]; ok {
		return v, true
	}
	v, ok := c.template[prop]
	return v, ok
}

// strip removes the properties of it whose value equals their default.
func (d *defaultSet) strip(it, parent *item, props map[string]string) {
	tmpl := it.Template.Name
	if it.Template.IsComponentDefinition {
		tmpl = "" // a definition's own rules are the defaults of its instances, not its own
	}
	// pac takes the style from the control's editorstate entry, which unpack creates for
	// every control of the msapp, so an empty StyleName means no theme style at all. The
	// default<Type>Style fallback of §5.2 is for controls without an entry, which do not
	// occur when reading an msapp (the AutoLayout_test baseline depends on this: its
	// NextArrow1 icon has StyleName "" and pac strips its BorderColor, DisabledColor and
	// DisabledBorderColor against the template defaults, not defaultIconStyle).
	style := it.StyleName
	responsive := parent != nil && strings.EqualFold(parent.Template.Name, "groupContainer") &&
		parent.VariantName != "" && !strings.EqualFold(parent.VariantName, "manualLayoutContainer")
	defs := d.forControl(tmpl, it.VariantName, style)
	for name, v := range props {
		def, ok := defs.lookup(name)
		if !ok && responsive {
			def, ok = d.responsive(it, style, name)
		}
		// The formula is compared with its line breaks normalised to LF while the default
		// is taken as stored: a theme value ending in CRLF never matches (observed in the
		// fluentui-custom-theme pair, where pac keeps such properties).
		if ok && def == lfOnly(v) {
			delete(props, name)
		}
	}
}

func (d *defaultSet) responsive(it *item, style, prop string) (string, bool) {
	nesting := nestingControl(it.Template.Name)
	switch prop {
	case "FillPortions":
		if nesting {
			return "1", true
		}
		return "0", true
	case "AlignInContainer":
		if nesting {
			return "AlignInContainer.Stretch", true
		}
		return "AlignInContainer.SetByContainer", true
	case "LayoutMinHeight", "LayoutMinWidth":
		if nesting {
			return "32", true
		}
		own := "Height"
		if prop == "LayoutMinWidth" {
			own = "Width"
		}
		if v, ok := d.lookup(it.Template.Name, it.VariantName, style, own); ok {
			return v, true
		}
		return "0", true
	}
	return "", false
}

func lfOnly(v string) string {
	if !strings.Contains(v, "\r") {
		return v
	}
	return strings.ReplaceAll(strings.ReplaceAll(v, "\r\n", "\n"), "\r", "\n")
}
