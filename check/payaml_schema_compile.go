package check

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// schemaNode is one compiled JSON Schema (draft-07) of the keywords the v3 .pa.yaml
// schema uses. canvasgit compiles the schema itself rather than through a general
// JSON Schema library: the libraries that report every violation with its instance
// location compile their meta-schemas in a package init, which ran at every process
// start, the merge driver's included (issue 18). A keyword this compiler does not know
// is an error, so that a new schema version is looked at rather than half-read.
type schemaNode struct {
	at string // keyword location: "#/definitions/pfx-formula"

	always *bool // a boolean schema: true accepts everything, false nothing

	ref    string // draft-07: a schema with $ref is only its target (siblings ignored)
	target *schemaNode

	types         []string
	enum          []any
	constant      any
	hasConst      bool
	pattern       *regexp.Regexp // nil: no pattern, or one that does not compile
	minLength     int            // -1: none
	maxLength     int
	minProperties int
	maxProperties int
	minItems      int
	maxItems      int

	properties    map[string]*schemaNode
	patternProps  []patternProperty
	additional    *schemaNode
	propertyNames *schemaNode
	required      []string
	items         *schemaNode

	allOf, anyOf, oneOf []*schemaNode
	not                 *schemaNode
	ifS, thenS, elseS   *schemaNode
}

type patternProperty struct {
	re     *regexp.Regexp // nil when the pattern does not compile: matches every name
	schema *schemaNode
}

// schemaAnnotation reports the keywords that describe and do not constrain; the v3
// schema also carries VS Code's editor keys (defaultSnippets, markdownDescription). (A
// switch, not a map: a map is built at package init, on every start of the binary.)
func schemaAnnotation(keyword string) bool {
	switch keyword {
	case "$schema", "$id", "$comment", "title", "description",
		"default", "examples", "defaultSnippets", "markdownDescription",
		"deprecationMessage", "enumDescriptions", "markdownEnumDescriptions",
		"definitions", "readOnly", "writeOnly":
		return true
	}
	return false
}

// schemaCompiler compiles one schema document; $refs are pointers into it.
type schemaCompiler struct {
	root  any
	byRef map[string]*schemaNode // compiled targets, so recursive definitions terminate
}

// compileSchemaDoc compiles a draft-07 schema document whose $refs are local
// ("#/definitions/…").
func compileSchemaDoc(doc any) (*schemaNode, error) {
	c := &schemaCompiler{root: doc, byRef: map[string]*schemaNode{}}
	return c.resolve("#")
}

func (c *schemaCompiler) compile(v any, at string) (*schemaNode, error) {
	n := &schemaNode{at: at, minLength: -1, maxLength: -1, minProperties: -1, maxProperties: -1, minItems: -1, maxItems: -1}
	if b, ok := v.(bool); ok {
		n.always = &b
		return n, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: a schema must be a mapping or a boolean, not %s", at, shortValue(v))
	}
	if r, ok := m["$ref"]; ok {
		s, ok := r.(string)
		if !ok {
			return nil, fmt.Errorf("%s/$ref: not a string", at)
		}
		t, err := c.resolve(s)
		if err != nil {
			return nil, fmt.Errorf("%s/$ref: %v", at, err)
		}
		n.ref, n.target = s, t
		return n, nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := c.keyword(n, k, m[k], at+"/"+escapePointer(k)); err != nil {
			return nil, err
		}
	}
	return n, nil
}

// resolve returns the compiled schema at a local reference, compiling it on first use.
func (c *schemaCompiler) resolve(ref string) (*schemaNode, error) {
	if n, ok := c.byRef[ref]; ok {
		return n, nil
	}
	if !strings.HasPrefix(ref, "#") {
		return nil, fmt.Errorf("%q is not a reference inside the schema", ref)
	}
	v := c.root
	if ref != "#" {
		if !strings.HasPrefix(ref, "#/") {
			return nil, fmt.Errorf("%q is not a JSON pointer", ref)
		}
		for _, t := range splitPointer(ref[1:]) {
			m, ok := v.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("%q: no such definition", ref)
			}
			if v, ok = m[t]; !ok {
				return nil, fmt.Errorf("%q: no such definition", ref)
			}
		}
	}
	// Reserve the node before compiling it: a definition may refer to itself.
	n := &schemaNode{}
	c.byRef[ref] = n
	compiled, err := c.compile(v, ref)
	if err != nil {
		return nil, err
	}
	*n = *compiled
	return n, nil
}

func (c *schemaCompiler) keyword(n *schemaNode, k string, v any, at string) error {
	var err error
	switch k {
	case "type":
		n.types, err = stringList(v)
	case "enum":
		var ok bool
		if n.enum, ok = v.([]any); !ok {
			err = fmt.Errorf("not a list")
		}
	case "const":
		n.constant, n.hasConst = v, true
	case "pattern":
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("%s: not a string", at)
		}
		n.pattern = lenientPattern(s)
	case "minLength":
		n.minLength, err = count(v)
	case "maxLength":
		n.maxLength, err = count(v)
	case "minProperties":
		n.minProperties, err = count(v)
	case "maxProperties":
		n.maxProperties, err = count(v)
	case "minItems":
		n.minItems, err = count(v)
	case "maxItems":
		n.maxItems, err = count(v)
	case "required":
		n.required, err = stringList(v)
	case "properties", "patternProperties":
		m, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: not a mapping", at)
		}
		names := make([]string, 0, len(m))
		for name := range m {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			s, err := c.compile(m[name], at+"/"+escapePointer(name))
			if err != nil {
				return err
			}
			if k == "properties" {
				if n.properties == nil {
					n.properties = map[string]*schemaNode{}
				}
				n.properties[name] = s
			} else {
				n.patternProps = append(n.patternProps, patternProperty{lenientPattern(name), s})
			}
		}
	case "additionalProperties":
		n.additional, err = c.compile(v, at)
	case "propertyNames":
		n.propertyNames, err = c.compile(v, at)
	case "items":
		n.items, err = c.compile(v, at)
	case "not":
		n.not, err = c.compile(v, at)
	case "if":
		n.ifS, err = c.compile(v, at)
	case "then":
		n.thenS, err = c.compile(v, at)
	case "else":
		n.elseS, err = c.compile(v, at)
	case "allOf", "anyOf", "oneOf":
		list, ok := v.([]any)
		if !ok || len(list) == 0 {
			return fmt.Errorf("%s: not a non-empty list", at)
		}
		var ss []*schemaNode
		for i, x := range list {
			s, err := c.compile(x, fmt.Sprintf("%s/%d", at, i))
			if err != nil {
				return err
			}
			ss = append(ss, s)
		}
		switch k {
		case "allOf":
			n.allOf = ss
		case "anyOf":
			n.anyOf = ss
		default:
			n.oneOf = ss
		}
	default:
		if !schemaAnnotation(k) {
			return fmt.Errorf("%s: keyword not supported by canvasgit's schema reader", at)
		}
	}
	if err != nil {
		return fmt.Errorf("%s: %v", at, err)
	}
	return nil
}

// lenientPattern compiles a schema pattern with Go's regexp (RE2: the schema's patterns
// use only the ECMAScript subset RE2 shares). A pattern that does not compile
// constrains nothing (see compilePaSchema): nil.
func lenientPattern(s string) *regexp.Regexp {
	re, err := regexp.Compile(s)
	if err != nil {
		return nil
	}
	return re
}

func stringList(v any) ([]string, error) {
	if s, ok := v.(string); ok {
		return []string{s}, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("not a string or a list of strings")
	}
	out := make([]string, len(list))
	for i, x := range list {
		s, ok := x.(string)
		if !ok {
			return nil, fmt.Errorf("not a list of strings")
		}
		out[i] = s
	}
	return out, nil
}

func count(v any) (int, error) {
	switch x := v.(type) {
	case int:
		if x >= 0 {
			return x, nil
		}
	case float64:
		if x >= 0 && x == float64(int(x)) {
			return int(x), nil
		}
	}
	return 0, fmt.Errorf("not a count: %v", v)
}
