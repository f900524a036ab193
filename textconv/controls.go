package textconv

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/canvasgit/canvasgit/source/fxyaml"
)

// item is one control of a Controls/Components/AppTests file (format-legacy §1.2).
// Only the fields the rendering needs are decoded; fields whose JSON type varies
// between Studio versions are kept raw.
type item struct {
	Name               string
	ControlUniqueId    json.RawMessage
	VariantName        string
	StyleName          string
	Index              json.RawMessage
	Template           template
	Rules              []rule
	Children           []*item
	GroupedControlsKey []string
	IsGroupControl     bool
	DynamicProperties  []dynProp
	// ctName and ctTemplate are the control's Name (the last member's, "" when it
	// is null) and Template (the last member's value) as collectTemplates reads
	// them; set by decodeControlItems only (itemTemplates).
	ctName     string
	ctTemplate any
}

type template struct {
	Id                    string
	Name                  string
	TemplateDisplayName   string
	IsComponentDefinition bool
	ComponentType         json.RawMessage
	CustomProperties      []customProp
}

type customProp struct {
	Name             string
	PropertyScopeKey *propertyScope
}

type propertyScope struct {
	PropertyScopeRulesKey []scopeRule
}

type scopeRule struct {
	Name              string
	ScopeVariableInfo struct {
		ScopeVariableName     string
		DefaultRule           *string
		ScopePropertyDataType json.RawMessage
	}
}

type rule struct {
	Property        string
	InvariantScript *string
}

type dynProp struct {
	PropertyName string
	Rule         *rule
}

// fileTemplates is what ControlTemplates.json and the component files need of a
// control file: the Template objects of its controls, first per key, and the top
// parent's own.
type fileTemplates struct {
	list []controlTemplate
	top  any
}

// decodeControlTop decodes a control file and also returns its templates.
func decodeControlTop(data []byte) (*item, fileTemplates, error) {
	return decodeControl(data, false)
}

// decodeScreenTop is decodeControlTop with strings that share data's memory, for a
// screen decoded, rendered and dropped in one step: copying every string was a
// sixth of decoding a control file. Whatever is kept of the decoding must be
// copied (topParent.keepTemplates).
func decodeScreenTop(data []byte) (*item, fileTemplates, error) {
	return decodeControl(data, true)
}

// decodeControl decodes a control file with decodeControlItems, or, when that
// does not take it, parses it whole into the model and converts that: such a file
// is unusual or damaged, and the whole reading's error says what is wrong first in
// the file.
func decodeControl(data []byte, share bool) (*item, fileTemplates, error) {
	if it, err := decodeControlItems(data, share); err == nil {
		return it, fileTemplates{itemTemplates(it), it.ctTemplate}, nil
	}
	parse := parseJSONOwned
	if share {
		parse = parseJSON
	}
	v, err := parse(data)
	if err != nil {
		return nil, fileTemplates{}, err
	}
	return controlFromModel(v)
}

// controlFromModel converts a control file parsed whole into the model.
func controlFromModel(v any) (*item, fileTemplates, error) {
	it, top, err := controlFromJSON(v)
	if err != nil {
		return nil, fileTemplates{}, err
	}
	tv, _ := ctField(top, "Template")
	return it, fileTemplates{collectTemplates(top), tv}, nil
}

// scanControlHeader decodes only the top parent's Name, Index, ControlUniqueId and
// Template from a control file, skipping its rules and children: enough to order the
// screens before any is rendered. The item has no rules or children.
func scanControlHeader(data []byte) (*item, error) {
	v, err := parseControlHeader(data)
	if err != nil {
		return nil, err
	}
	it, _, err := controlFromJSON(v)
	return it, err
}

// controlFromJSON takes the TopParent of a parsed control file and converts it.
func controlFromJSON(v any) (*item, object, error) {
	o, ok := v.(object)
	if !ok {
		return nil, nil, fmt.Errorf("the file is %s, not an object", jsonKind(v))
	}
	var top any
	for _, m := range o {
		if strings.EqualFold(m.Key, "TopParent") {
			top = m.Val
		}
	}
	if top == nil {
		return nil, nil, errNoTopParent
	}
	it, err := itemFromJSON(top, 0)
	if err != nil {
		return nil, nil, err
	}
	if err := checkItem(it, 0); err != nil {
		return nil, nil, err
	}
	topObj, _ := top.(object)
	return it, topObj, nil
}

type renderError string

func (e renderError) Error() string { return string(e) }

const (
	errNoTopParent = renderError("no TopParent control")
	errEmptyName   = renderError("a control without a name")
	errTooDeep     = renderError("controls nested too deeply")
)

func checkItem(it *item, depth int) error {
	if depth > 200 {
		return errTooDeep
	}
	if it == nil || it.Name == "" {
		return errEmptyName
	}
	for _, c := range it.Children {
		if err := checkItem(c, depth+1); err != nil {
			return err
		}
	}
	return nil
}

func (it *item) uniqueID() string {
	var s string
	if json.Unmarshal(it.ControlUniqueId, &s) == nil {
		return s
	}
	return strings.TrimSpace(string(it.ControlUniqueId))
}

func (it *item) index() float64 {
	f, _ := strconv.ParseFloat(strings.TrimSpace(string(it.Index)), 64)
	return f
}

func (it *item) typeName() string {
	if it.Template.TemplateDisplayName != "" {
		return it.Template.TemplateDisplayName
	}
	return it.Template.Name
}

// componentKind is the type a component definition is written with (§4.7).
func (it *item) componentKind() string {
	var n int
	if json.Unmarshal(it.Template.ComponentType, &n) == nil && len(it.Template.ComponentType) > 0 {
		switch n {
		case 0:
			return "CanvasComponent"
		case 1:
			return "DataComponent"
		case 2:
			return "FunctionComponent"
		case 3:
			return "CommandComponent"
		}
	}
	var s string
	if json.Unmarshal(it.Template.ComponentType, &s) == nil && s != "" {
		return s
	}
	id := it.Template.Id
	switch {
	case strings.HasSuffix(id, "/Component"), strings.HasSuffix(id, "/CommandComponent"):
		return "CanvasComponent"
	case strings.HasSuffix(id, "/DataComponent"):
		return "DataComponent"
	}
	return it.Template.Name
}

var scopeTypes = []string{"Invalid", "_Min", "Record", "Table", "Boolean", "Number", "String", "Date",
	"Time", "DateTime", "DateTimeNoTimeZone", "Hyperlink", "Currency", "Image", "Color", "Enum",
	"Media", "Guid", "Screen", "_Lim"}

// builder turns control items into fxyaml blocks.
type builder struct {
	components map[string]string          // component template GUID (lower case) -> component name
	hidden     map[string]map[string]bool // component template GUID (lower case) -> its function rule names
	screens    map[string]string          // ControlUniqueId -> screen name
	defaults   *defaultSet
}

// build converts one control (recursively) into a block, applying the transforms of
// format-legacy §5.1 that this renderer implements.
func (b *builder) build(it *item, parent *item) *fxyaml.Block {
	var kb keyBuf // for the map lookups by lower-cased template name
	typ := it.typeName()
	if it.Template.IsComponentDefinition {
		typ = it.componentKind()
	} else if name, ok := b.components[kb.lower(it.Template.Name)]; ok {
		typ = name
	}
	blk := &fxyaml.Block{Kind: fxyaml.ControlBlock, Name: it.Name, Type: typ, Variant: it.VariantName}
	// Sized for the rules: growing the map and the order one rule at a time was
	// most of the garbage of rendering a screen.
	n := len(it.Rules) + len(it.DynamicProperties)
	props := make(map[string]string, n)
	order := make([]string, 0, n)
	add := func(name, value string) {
		if _, dup := props[name]; !dup {
			order = append(order, name)
		}
		props[name] = value
	}
	hidden := map[string]bool{}
	if it.Template.IsComponentDefinition {
		for _, fn := range b.functions(it) {
			blk.Body = append(blk.Body, fn)
		}
		for _, cp := range it.Template.CustomProperties {
			if cp.PropertyScopeKey != nil {
				hidden[cp.Name] = true
				for _, r := range cp.PropertyScopeKey.PropertyScopeRulesKey {
					hidden[r.Name] = true
				}
			}
		}
	} else if h, ok := b.hidden[kb.lower(it.Template.Name)]; ok {
		hidden = h
	}
	for _, r := range it.Rules {
		if hidden[r.Property] {
			continue
		}
		add(r.Property, script(r.InvariantScript))
	}
	for _, d := range it.DynamicProperties {
		if d.Rule != nil {
			name := d.Rule.Property
			if name == "" {
				name = d.PropertyName
			}
			add(name, script(d.Rule.InvariantScript))
		}
	}
	if b.defaults != nil {
		b.defaults.strip(it, parent, props)
	}
	var kids []*fxyaml.Block
	for _, c := range it.Children {
		if c.Template.Name == "galleryTemplate" && strings.EqualFold(it.Template.Name, "gallery") {
			sub := b.build(c, it)
			for _, p := range sub.Properties() {
				add(p.Name, p.Value)
			}
			continue
		}
		kids = append(kids, b.build(c, it))
	}
	// Group transform: members named in a group's GroupedControlsKey move under it.
	kids = groupKids(it, kids)
	if it.Template.Name == "TestCase" {
		kids = append(b.testSteps(props, &order), kids...)
	}
	// The properties are cut from one slice: one allocation per control, not one
	// per property.
	list := make([]fxyaml.Property, 0, len(props))
	blk.Body = slices.Grow(blk.Body, len(props)+len(kids))
	for _, name := range order {
		if v, ok := props[name]; ok {
			list = append(list, fxyaml.Property{Name: name, Value: v})
			blk.Body = append(blk.Body, &list[len(list)-1])
		}
	}
	for _, k := range kids {
		blk.Body = append(blk.Body, k)
	}
	return blk
}

func script(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// groupKids moves the members of each group child under that group. The blocks are
// found by name through a map: a screen of thousands of groups would otherwise search
// all its children once per group.
func groupKids(it *item, kids []*fxyaml.Block) []*fxyaml.Block {
	if !slices.ContainsFunc(it.Children, func(c *item) bool { return len(c.GroupedControlsKey) > 0 }) {
		return kids // no group among them (most controls): no map to build
	}
	byName := map[string][]*fxyaml.Block{}
	for _, k := range kids {
		byName[k.Name] = append(byName[k.Name], k)
	}
	var groups []*fxyaml.Block
	var keys [][]string
	for _, c := range it.Children {
		if len(c.GroupedControlsKey) > 0 {
			for _, k := range byName[c.Name] {
				groups = append(groups, k)
				keys = append(keys, c.GroupedControlsKey)
			}
		}
	}
	if len(groups) == 0 {
		return kids
	}
	moved := map[*fxyaml.Block]bool{}
	members := make(map[string]*fxyaml.Block, len(byName)) // the last block of each name
	for name, ks := range byName {
		members[name] = ks[len(ks)-1]
	}
	for i, g := range groups {
		for _, name := range keys[i] {
			if m, ok := members[name]; ok && m != g && !moved[m] {
				g.Body = append(g.Body, m)
				moved[m] = true
			}
		}
	}
	out := kids[:0:0]
	for _, k := range kids {
		if !moved[k] {
			out = append(out, k)
		}
	}
	return out
}

// functions builds the function blocks of a component definition (§4.7).
func (b *builder) functions(it *item) []*fxyaml.Block {
	rules := map[string]string{}
	for _, r := range it.Rules {
		rules[r.Property] = script(r.InvariantScript)
	}
	var out []*fxyaml.Block
	for _, cp := range it.Template.CustomProperties {
		if cp.PropertyScopeKey == nil {
			continue
		}
		self, ok := rules[cp.Name]
		if !ok {
			continue
		}
		fn := &fxyaml.Block{Kind: fxyaml.FunctionBlock, Name: cp.Name}
		for _, a := range cp.PropertyScopeKey.PropertyScopeRulesKey {
			info := a.ScopeVariableInfo
			t := strings.Trim(string(info.ScopePropertyDataType), `"`)
			if n, err := strconv.Atoi(t); err == nil && n >= 0 && n < len(scopeTypes) {
				t = scopeTypes[n]
			}
			fn.Params = append(fn.Params, fxyaml.Param{Name: info.ScopeVariableName, Type: t})
			def, ok := rules[a.Name]
			if !ok {
				def = script(info.DefaultRule)
			}
			fn.Body = append(fn.Body, &fxyaml.Block{Kind: fxyaml.ArgBlock, Name: info.ScopeVariableName,
				Body: []fxyaml.Node{&fxyaml.Property{Name: "Default", Value: def}}})
		}
		fn.Body = append(fn.Body, &fxyaml.Block{Kind: fxyaml.ArgBlock, Name: "ThisProperty",
			Body: []fxyaml.Node{&fxyaml.Property{Name: "Default", Value: self}}})
		out = append(out, fn)
	}
	return out
}

// testSteps explodes a test case's TestStepsMetadata into TestStep blocks (§4.8),
// removing the metadata and step rules from the case's properties.
func (b *builder) testSteps(props map[string]string, order *[]string) []*fxyaml.Block {
	meta, ok := props["TestStepsMetadata"]
	if !ok {
		return nil
	}
	lit := strings.TrimSpace(meta)
	if len(lit) < 2 || lit[0] != '"' || lit[len(lit)-1] != '"' {
		return nil
	}
	var steps []struct {
		Description string
		Rule        string
		ScreenId    *json.RawMessage
	}
	if json.Unmarshal([]byte(strings.ReplaceAll(lit[1:len(lit)-1], `""`, `"`)), &steps) != nil {
		return nil
	}
	delete(props, "TestStepsMetadata")
	var out []*fxyaml.Block
	for _, s := range steps {
		st := &fxyaml.Block{Kind: fxyaml.ControlBlock, Name: s.Rule, Type: "TestStep"}
		st.Body = append(st.Body, &fxyaml.Property{Name: "Description", Value: `"` + strings.ReplaceAll(s.Description, `"`, `""`) + `"`})
		if s.ScreenId != nil && string(*s.ScreenId) != "null" {
			var id string
			if json.Unmarshal(*s.ScreenId, &id) != nil {
				id = string(*s.ScreenId)
			}
			st.Body = append(st.Body, &fxyaml.Property{Name: "Screen", Value: b.screens[id]})
		}
		st.Body = append(st.Body, &fxyaml.Property{Name: "Value", Value: props[s.Rule]})
		delete(props, s.Rule)
		out = append(out, st)
	}
	return out
}

// fxFile renders a block as a complete .fx.yaml file (LF line ends), as
// fxyaml.File.Bytes writes a file of that one block, into a buffer sized for it
// first: growing it by doubling made a tenth of the bytes allocated in rendering.
func fxFile(blk *fxyaml.Block) []byte {
	blk.Canonicalize()
	w := &fxyaml.Writer{Newline: "\n"}
	w.Grow(fxSize(blk, 0))
	w.WriteNode(blk, 0)
	return w.Bytes()
}

// fxSize estimates the size of the text of n written at indent: its keys and values,
// indentation and a few bytes per line for the punctuation.
func fxSize(n fxyaml.Node, indent int) int {
	switch n := n.(type) {
	case *fxyaml.Property:
		return indent + len(n.Name) + len(n.Value) + 8 + strings.Count(n.Value, "\n")*(indent+fxyaml.IndentUnit)
	case *fxyaml.Block:
		size := indent + len(n.Name) + len(n.Type) + len(n.Variant) + 16
		for _, p := range n.Params {
			size += len(p.Name) + len(p.Type) + 4
		}
		for _, c := range n.Body {
			size += fxSize(c, indent+fxyaml.IndentUnit)
		}
		return size
	}
	return 1 // a blank line
}

// escapeFileName escapes a control name for a file name (format-legacy §2.3).
func escapeFileName(name string) string {
	var sb strings.Builder
	for _, u := range utf16Units(name) {
		switch {
		case u > 255, u >= '0' && u <= '9', u >= 'a' && u <= 'z', u >= 'A' && u <= 'Z',
			u == '[', u == ']', u == '_', u == '-', u == '~', u == '.', u == ' ':
			sb.WriteString(string(rune(u)))
		default:
			sb.WriteString("%" + hex2(u))
		}
	}
	return sb.String()
}

func hex2(u uint16) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[u>>4&0xf], digits[u&0xf]})
}

// truncateFileName shortens an escaped top-level name longer than 50 (§2.3).
func truncateFileName(esc string) string {
	units := utf16Units(esc)
	if len(units) <= 50 {
		return esc
	}
	var h uint64 = 5381
	for _, u := range units {
		h = h*33 + uint64(u)
	}
	h %= 4096
	cut := units[:46]
	if cut[45] == '%' {
		cut = cut[:45]
	} else if cut[44] == '%' {
		cut = cut[:44]
	}
	const digits = "0123456789abcdef"
	return fromUnits(cut) + "_" + string([]byte{digits[h>>8&0xf], digits[h>>4&0xf], digits[h&0xf]})
}
