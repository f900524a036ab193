package textconv

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// This file builds Entropy/Entropy.json (format-legacy §7): the values pac moves out
// of the source files because they change on every save or only record the msapp's
// original order. Every field was worked out from the six pac-unpacked pairs of the
// corpus (format 0.24 where 0.20 and 0.24 differ) and one public 0.24 output with
// local images. Left out because their content could not be derived with confidence:
//
//   - OrderPcfTemplate: no pair app has PCF templates;
//   - WasLocalDatabaseReferencesEmpty: never seen in a pac output;
//   - FunctionParamsInvariantScriptsOnInstances, IsLegacyComponentAllowGlobalScopeCase,
//     DataTableCustomControlTemplateJsons, PCFTemplateEntry,
//     PCFDynamicSchemaForIRRetrievalEntry, OverridablePropertiesEntry,
//     AppTestsMissingStepsMetadata, RuleScreenIdWithoutScreen: no pair app has them;
//   - FunctionParamsInvariantScripts when a function parameter has no rule or no
//     DefaultRule (what pac records then is not known).

// maxEntropyDepth bounds the recursion over nested controls (checkItem uses 200).
const maxEntropyDepth = 200

// entropyJSON returns the Entropy.json object. Only an *UnusableError is returned as
// an error; malformed values are skipped.
func (r *renderer) entropyJSON(p *app) (object, error) {
	var e object
	add := func(k string, v any) { e = append(e, kv{k, v}) }

	if p.header != nil {
		if s, ok := stringVal(p.header, "LastSavedDateTimeUTC"); ok {
			add("HeaderLastSavedDateTimeUTC", s)
		}
	}
	if p.props != nil {
		var vol object
		for _, k := range []string{"AnalysisLoadTime", "ControlCount", "DeserializationLoadTime", "ErrorCount"} {
			if v, ok := p.props.get(k); ok && v != nil {
				vol = append(vol, kv{k, doubles(v, 0)})
			}
		}
		if vol != nil {
			add("VolatileProperties", vol)
		}
		// The manifest never keeps LocalDatabaseReferences; this flag records whether
		// it was the empty string (rather than "{}" or a dictionary).
		s, _ := stringVal(p.props, "LocalDatabaseReferences")
		_, present := p.props.get("LocalDatabaseReferences")
		add("LocalDatabaseReferencesAsEmpty", present && s == "")
		if refs := connectionIDReferences(p.props); len(refs) > 0 {
			add("LocalConnectionIDReferences", refs)
		}
	}
	if p.publish != nil {
		if s, _ := stringVal(p.publish, "LogoFileName"); s != "" {
			add("OldLogoFileName", s)
		}
	}

	c, err := r.entropyControls(p)
	if err != nil {
		return nil, err
	}
	add("ControlUniqueIds", c.ids)
	if len(c.guids) > 0 {
		add("ControlUniqueGuids", c.guids)
	}
	add("PublishOrderIndices", c.publish)
	add("ComponentIndexes", c.indexes)
	add("OrderGroupControls", c.groups)
	if c.fnParams != nil {
		add("FunctionParamsInvariantScripts", firstOnly(c.fnParams))
	}

	templates := p.templates // read by load
	add("OrderXMLTemplate", orderMap(arrayVal(templates, "UsedTemplates"), func(o object) (string, bool) { return stringVal(o, "Name") }))
	componentTemplates := arrayVal(templates, "ComponentTemplates")
	add("OrderComponentTemplate", orderMap(componentTemplates, func(o object) (string, bool) { return stringVal(o, "Name") }))
	add("OrderTemplate", object{})
	add("TemplateVersions", templateVersions(componentTemplates, c.versions))

	meta, err := r.peekJSON("ComponentsMetadata.json")
	if err != nil {
		return nil, err
	}
	add("OrderComponentMetadata", orderMap(arrayVal(meta, "Components"), func(o object) (string, bool) { return stringVal(o, "TemplateName") }))

	add("OrderDataSource", p.dataSourceOrder) // taken by the dataSources step

	res, err := r.peekJSON("References/Resources.json")
	if err != nil {
		return nil, err
	}
	indices, fileNames, rootPaths := object{}, object{}, object{}
	for i, v := range arrayVal(res, "Resources") {
		o, ok := v.(object)
		if !ok {
			continue
		}
		name, ok := stringVal(o, "Name")
		if !ok {
			continue
		}
		content, _ := stringVal(o, "Content")
		indices = append(indices, kv{content + "-" + name, intNumber(i)})
		if kind, _ := stringVal(o, "ResourceKind"); kind != "LocalFile" {
			continue
		}
		if fn, ok := stringVal(o, "FileName"); ok {
			fileNames = append(fileNames, kv{name, fn})
		}
		if root, _ := stringVal(o, "RootPath"); root != "" {
			rootPaths = append(rootPaths, kv{name, root})
		}
	}
	add("ResourcesJsonIndices", firstOnly(indices))
	add("LocalResourceFileNames", firstOnly(fileNames))
	add("LocalResourceRootPaths", firstOnly(rootPaths))
	return e, nil
}

// peekJSON reads and parses an entry without marking it shown and without reporting
// a parse error (the section that owns the entry does that); nil when absent or bad.
func (r *renderer) peekJSON(name string) (object, error) {
	e := r.a.Lookup(name)
	if e == nil {
		return nil, nil
	}
	data, err := r.a.Read(e)
	if err != nil {
		return nil, err
	}
	v, err := parseJSON(data)
	if err != nil {
		return nil, nil
	}
	o, _ := v.(object)
	return o, nil
}

// entropyControls holds what Entropy.json records per control.
type entropyControls struct {
	ids, guids, publish, indexes, groups object
	seen                                 map[string]bool
	// versions maps a component template name (lower case) to its definition's
	// Template.Version.
	versions map[string]string
	// fnParams is nil when a function parameter's default could not be worked out.
	fnParams object
	fnBad    bool
}

// entropyControls walks every control file (App, screens, components, tests), one
// file at a time.
func (r *renderer) entropyControls(p *app) (*entropyControls, error) {
	c := &entropyControls{
		ids: object{}, guids: object{}, publish: object{}, indexes: object{}, groups: object{},
		seen: map[string]bool{}, versions: map[string]string{}, fnParams: object{},
	}
	for _, tp := range p.topParents() {
		top, err := r.topParentJSON(tp)
		if err != nil {
			return nil, err
		}
		if top == nil {
			continue
		}
		c.walk(top, 0)
		if tp.item != nil && tp.item.Template.IsComponentDefinition {
			c.functionParams(top)
			if t, ok := top.get("Template"); ok {
				to, _ := t.(object)
				name, _ := stringVal(to, "Name")
				if v, ok := stringVal(to, "Version"); ok && name != "" {
					c.versions[strings.ToLower(name)] = v
				}
			}
		}
	}
	if c.fnBad {
		c.fnParams = nil
	}
	return c, nil
}

func (c *entropyControls) walk(it object, depth int) {
	if depth > maxEntropyDepth {
		return
	}
	name, ok := stringVal(it, "Name")
	if ok && name != "" && !c.seen[name] {
		c.seen[name] = true
		c.control(name, it)
	}
	children, _ := it.get("Children")
	kids, _ := children.([]any)
	for _, k := range kids {
		if o, ok := k.(object); ok {
			c.walk(o, depth+1)
		}
	}
}

func (c *entropyControls) control(name string, it object) {
	var tmplName string
	if t, ok := it.get("Template"); ok {
		if to, ok := t.(object); ok {
			tmplName, _ = stringVal(to, "Name")
		}
	}
	if id, ok := it.get("ControlUniqueId"); ok {
		s := ""
		switch v := id.(type) {
		case string:
			s = strings.TrimSpace(v)
		case json.Number:
			s = string(v)
		}
		if n, err := strconv.ParseInt(s, 10, 32); err == nil {
			c.ids = append(c.ids, kv{name, intNumber(int(n))})
		} else if g, ok := parseGUID(s); ok {
			c.guids = append(c.guids, kv{name, g})
		}
	}
	pub := g17(0)
	if v, ok := it.get("PublishOrderIndex"); ok {
		if f, ok := numberVal(v); ok {
			pub = g17(f)
		}
	}
	c.publish = append(c.publish, kv{name, pub})
	if v, ok := it.get("Index"); ok && !strings.EqualFold(tmplName, "screen") {
		if f, ok := numberVal(v); ok && f != 0 {
			c.indexes = append(c.indexes, kv{name, g17(f)})
		}
	}
	if v, ok := it.get("GroupedControlsKey"); ok {
		members, _ := v.([]any)
		order := object{}
		for i, m := range members {
			if s, ok := m.(string); ok {
				order = append(order, kv{s, intNumber(i)})
			}
		}
		if len(order) > 0 {
			c.groups = append(c.groups, kv{name, firstOnly(order)})
		}
	}
}

// functionParams records, for a component definition, every function parameter
// whose hidden rule differs from the parameter's DefaultRule:
// "<component>.<rule>" -> [DefaultRule, InvariantScript] (format-legacy §7).
func (c *entropyControls) functionParams(top object) {
	name, _ := stringVal(top, "Name")
	rules := map[string]string{}
	if v, ok := top.get("Rules"); ok {
		list, _ := v.([]any)
		for _, r := range list {
			ro, ok := r.(object)
			if !ok {
				continue
			}
			prop, _ := stringVal(ro, "Property")
			if script, ok := stringVal(ro, "InvariantScript"); ok {
				if _, dup := rules[prop]; !dup {
					rules[prop] = script
				}
			}
		}
	}
	t, _ := top.get("Template")
	to, _ := t.(object)
	props := arrayVal(to, "CustomProperties")
	for _, cp := range props {
		cpo, ok := cp.(object)
		if !ok {
			continue
		}
		sk, _ := cpo.get("PropertyScopeKey")
		sko, ok := sk.(object)
		if !ok {
			continue
		}
		for _, sr := range arrayVal(sko, "PropertyScopeRulesKey") {
			sro, ok := sr.(object)
			if !ok {
				continue
			}
			ruleName, _ := stringVal(sro, "Name")
			info, _ := sro.get("ScopeVariableInfo")
			io, _ := info.(object)
			def, hasDef := stringVal(io, "DefaultRule")
			inv, hasInv := rules[ruleName]
			switch {
			case !hasDef || !hasInv:
				c.fnBad = true // what pac records for a missing rule or default is not known
			case def != inv:
				c.fnParams = append(c.fnParams, kv{name + "." + ruleName, []any{def, inv}})
			}
		}
	}
}

// templateVersions maps each component template whose entry in Templates.json has a
// Version other than its definition's Template.Version to the Templates.json
// version. Inferred: in every corpus msapp where they differ the controls carry the
// older timestamp, and in a public 0.24 output Entropy has the newer one while
// Src/Components/<Name>.json has the older.
func templateVersions(componentTemplates []any, versions map[string]string) object {
	out := object{}
	for _, v := range componentTemplates {
		o, ok := v.(object)
		if !ok {
			continue
		}
		name, _ := stringVal(o, "Name")
		want, ok := stringVal(o, "Version")
		if !ok {
			continue
		}
		if got, ok := versions[strings.ToLower(name)]; ok && got != want {
			out = append(out, kv{name, want})
		}
	}
	return firstOnly(out)
}

// connectionIDReferences maps each connection of Properties.LocalConnectionReferences
// to its connectionInstanceId serialised as JSON (a string including its quotes).
func connectionIDReferences(props object) object {
	s, _ := stringVal(props, "LocalConnectionReferences")
	if s == "" {
		return nil
	}
	v, err := parseJSONString(s)
	if err != nil {
		return nil
	}
	conns, _ := v.(object)
	var out object
	for _, m := range conns {
		o, ok := m.Val.(object)
		if !ok {
			continue
		}
		if id, ok := o.get("connectionInstanceId"); ok && id != nil {
			out = append(out, kv{m.Key, string(canonicalJSON(id))})
		}
	}
	return firstOnly(out)
}

// orderMap maps the key of each array element to its position.
func orderMap(list []any, key func(object) (string, bool)) object {
	out := object{}
	for i, v := range list {
		o, ok := v.(object)
		if !ok {
			continue
		}
		if k, ok := key(o); ok {
			out = append(out, kv{k, intNumber(i)})
		}
	}
	return firstOnly(out)
}

// firstOnly drops every member whose key an earlier member has (the first occurrence
// wins), in one pass: the maps above are built by appending and deduplicated once,
// because checking each new key against the members so far is quadratic (100,000
// resources or group members took minutes).
func firstOnly(o object) object {
	seen := make(map[string]bool, len(o))
	out := o[:0:0]
	for _, m := range o {
		if !seen[m.Key] {
			seen[m.Key] = true
			out = append(out, m)
		}
	}
	return out
}

func stringVal(o object, key string) (string, bool) {
	if o == nil {
		return "", false
	}
	v, ok := o.get(key)
	s, isStr := v.(string)
	return s, ok && isStr
}

func arrayVal(o object, key string) []any {
	if o == nil {
		return nil
	}
	v, _ := o.get(key)
	a, _ := v.([]any)
	return a
}

func numberVal(v any) (float64, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

func intNumber(i int) json.Number { return json.Number(strconv.Itoa(i)) }

// doubles turns every number in v into a g17, as pac's typed Entropy model holds
// doubles; other values are kept.
func doubles(v any, depth int) any {
	if depth > maxEntropyDepth {
		return v
	}
	switch v := v.(type) {
	case json.Number:
		if f, ok := numberVal(v); ok {
			return g17(f)
		}
		return v
	case object:
		out := make(object, len(v))
		for i, m := range v {
			out[i] = kv{m.Key, doubles(m.Val, depth+1)}
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = doubles(e, depth+1)
		}
		return out
	}
	return v
}

// g17 is a double printed as the pac builds that wrote the corpus print the doubles
// of Entropy.json: .NET "G17" (17 significant digits, trailing zeros dropped), e.g.
// 0.2370868 -> 0.23708679999999999. (canonicalJSON prints the shortest form, which
// .NET Core builds of pac write; every Entropy.json in the corpus has G17.)
type g17 float64

func (f g17) String() string {
	s := strconv.FormatFloat(float64(f), 'g', 17, 64)
	mant, exp, ok := strings.Cut(s, "e")
	if !ok {
		return s
	}
	// Go writes e+17 / e-05; .NET writes E+17 / E-05 (at least two exponent digits).
	return mant + "E" + exp
}

// parseGUID accepts a GUID in the 36-character hyphenated form, optionally in
// braces, and returns it in .NET's default lower-case form.
func parseGUID(s string) (string, bool) {
	if len(s) == 38 && s[0] == '{' && s[37] == '}' {
		s = s[1:37]
	}
	if len(s) != 36 {
		return "", false
	}
	for i := 0; i < 36; i++ {
		ch := s[i]
		switch i {
		case 8, 13, 18, 23:
			if ch != '-' {
				return "", false
			}
		default:
			if !('0' <= ch && ch <= '9' || 'a' <= ch && ch <= 'f' || 'A' <= ch && ch <= 'F') {
				return "", false
			}
		}
	}
	return strings.ToLower(s), true
}

// dataSourceOrder is Entropy's OrderDataSource: each entry's position in
// DataSources.json, keyed RelatedEntityName\Name (or Name).
func dataSourceOrder(list []any) object {
	return orderMap(list, func(o object) (string, bool) {
		name, ok := stringVal(o, "Name")
		if !ok {
			return "", false
		}
		if rel, _ := stringVal(o, "RelatedEntityName"); rel != "" {
			return rel + `\` + name, true
		}
		return name, true
	})
}
