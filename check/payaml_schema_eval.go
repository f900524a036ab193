package check

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// schemaError is one keyword a value fails. A failed oneOf, anyOf or propertyNames
// holds, as causes, the failures that made it fail; every other keyword's failure is
// a leaf. The tree is what validatePaDoc reduces to the violations it reports.
type schemaError struct {
	at      []string // instance location: mapping keys and sequence indexes
	keyword string   // the failed keyword: "type", "required", "oneOf", …
	schema  string   // keyword location in the schema: "#/definitions/pfx-formula/pattern"
	msg     string
	names   []string // additionalProperties: the names not allowed; propertyNames: the name
	causes  []*schemaError
}

func (e *schemaError) Error() string {
	if len(e.causes) == 0 {
		return pointer(e.at) + ": " + e.msg
	}
	parts := make([]string, len(e.causes))
	for i, c := range e.causes {
		parts[i] = c.Error()
	}
	return pointer(e.at) + ": " + e.msg + " [" + strings.Join(parts, "; ") + "]"
}

// validateValue validates a JSON value (as instanceOf converts it) against a compiled
// schema and returns every failure; none means the value is valid.
func (n *schemaNode) validateValue(v any) []*schemaError {
	return n.validate(v, nil)
}

func (n *schemaNode) validate(v any, at []string) []*schemaError {
	if n.target != nil {
		return n.target.validate(v, at)
	}
	if n.always != nil {
		if *n.always {
			return nil
		}
		return []*schemaError{{at: at, keyword: "false", schema: n.at, msg: "no value is allowed here"}}
	}
	fail := func(keyword, msg string) *schemaError {
		return &schemaError{at: at, keyword: keyword, schema: n.at + "/" + keyword, msg: msg}
	}
	// A value of the wrong type fails only that: the other keywords' complaints would
	// all say the same thing.
	if len(n.types) > 0 && !typeAllows(n.types, v) {
		return []*schemaError{fail("type", fmt.Sprintf("got %s, want %s", jsonType(v), strings.Join(n.types, " or ")))}
	}
	var errs []*schemaError
	if n.enum != nil && !containsJSON(n.enum, v) {
		if len(n.enum) == 1 {
			errs = append(errs, fail("enum", "value must be "+quotedValues(n.enum)))
		} else {
			errs = append(errs, fail("enum", "value must be one of "+quotedValues(n.enum)))
		}
	}
	if n.hasConst && !jsonEqual(n.constant, v) {
		errs = append(errs, fail("const", "value must be "+quotedValues([]any{n.constant})))
	}
	switch x := v.(type) {
	case string:
		errs = append(errs, n.validateString(x, fail)...)
	case map[string]any:
		errs = append(errs, n.validateObject(x, at, fail)...)
	case []any:
		errs = append(errs, n.validateArray(x, at, fail)...)
	}
	for _, s := range n.allOf {
		errs = append(errs, s.validate(v, at)...)
	}
	if n.anyOf != nil {
		var causes []*schemaError
		for _, s := range n.anyOf {
			es := s.validate(v, at)
			if len(es) == 0 {
				causes = nil
				break
			}
			causes = append(causes, es...)
		}
		if causes != nil {
			e := fail("anyOf", "valid against none of the alternatives (anyOf)")
			e.causes = causes
			errs = append(errs, e)
		}
	}
	if n.oneOf != nil {
		var causes []*schemaError
		valid := 0
		for _, s := range n.oneOf {
			es := s.validate(v, at)
			if len(es) == 0 {
				valid++
			}
			causes = append(causes, es...)
		}
		switch {
		case valid == 0:
			e := fail("oneOf", "valid against none of the alternatives (oneOf)")
			e.causes = causes
			errs = append(errs, e)
		case valid > 1:
			errs = append(errs, fail("oneOf", fmt.Sprintf("valid against %d of the alternatives, want exactly one (oneOf)", valid)))
		}
	}
	if n.not != nil && len(n.not.validate(v, at)) == 0 {
		errs = append(errs, fail("not", "this value is excluded here"))
	}
	if n.ifS != nil {
		if len(n.ifS.validate(v, at)) == 0 {
			if n.thenS != nil {
				errs = append(errs, n.thenS.validate(v, at)...)
			}
		} else if n.elseS != nil {
			errs = append(errs, n.elseS.validate(v, at)...)
		}
	}
	return errs
}

func (n *schemaNode) validateString(s string, fail func(keyword, msg string) *schemaError) []*schemaError {
	var errs []*schemaError
	length := utf8.RuneCountInString(s)
	if n.minLength >= 0 && length < n.minLength {
		errs = append(errs, fail("minLength", fmt.Sprintf("at least %d characters wanted, got %d", n.minLength, length)))
	}
	if n.maxLength >= 0 && length > n.maxLength {
		errs = append(errs, fail("maxLength", fmt.Sprintf("at most %d characters wanted, got %d", n.maxLength, length)))
	}
	if n.pattern != nil && !n.pattern.MatchString(s) {
		errs = append(errs, fail("pattern", fmt.Sprintf("does not match the pattern '%s'", n.pattern)))
	}
	return errs
}

func (n *schemaNode) validateObject(m map[string]any, at []string, fail func(keyword, msg string) *schemaError) []*schemaError {
	var errs []*schemaError
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names) // the validator's order is the report's order before sorting: fix it
	if n.minProperties >= 0 && len(m) < n.minProperties {
		errs = append(errs, fail("minProperties", fmt.Sprintf("minProperties: got %d properties, want at least %d", len(m), n.minProperties)))
	}
	if n.maxProperties >= 0 && len(m) > n.maxProperties {
		errs = append(errs, fail("maxProperties", fmt.Sprintf("maxProperties: got %d properties, want at most %d", len(m), n.maxProperties)))
	}
	var missing []string
	for _, r := range n.required {
		if _, ok := m[r]; !ok {
			missing = append(missing, r)
		}
	}
	if len(missing) == 1 {
		errs = append(errs, fail("required", "missing property '"+missing[0]+"'"))
	} else if len(missing) > 1 {
		errs = append(errs, fail("required", "missing properties '"+strings.Join(missing, "', '")+"'"))
	}
	var extra []string
	for _, k := range names {
		child := append(at[:len(at):len(at)], k)
		matched := false
		if s, ok := n.properties[k]; ok {
			matched = true
			errs = append(errs, s.validate(m[k], child)...)
		}
		for _, pp := range n.patternProps {
			if pp.re == nil || pp.re.MatchString(k) {
				matched = true
				errs = append(errs, pp.schema.validate(m[k], child)...)
			}
		}
		if matched || n.additional == nil {
			continue
		}
		if a := n.additional; a.target == nil && a.always != nil && !*a.always {
			extra = append(extra, k)
			continue
		}
		errs = append(errs, n.additional.validate(m[k], child)...)
	}
	if len(extra) > 0 {
		e := fail("additionalProperties", "additional properties '"+strings.Join(extra, "', '")+"' not allowed")
		e.names = extra
		errs = append(errs, e)
	}
	if n.propertyNames != nil {
		for _, k := range names {
			// The name is judged as a value of its own, at no location.
			if why := n.propertyNames.validate(k, nil); len(why) > 0 {
				e := fail("propertyNames", "the name '"+k+"' is not allowed here")
				e.names, e.causes = []string{k}, why
				errs = append(errs, e)
			}
		}
	}
	return errs
}

func (n *schemaNode) validateArray(list []any, at []string, fail func(keyword, msg string) *schemaError) []*schemaError {
	var errs []*schemaError
	if n.minItems >= 0 && len(list) < n.minItems {
		errs = append(errs, fail("minItems", fmt.Sprintf("minItems: got %d items, want at least %d", len(list), n.minItems)))
	}
	if n.maxItems >= 0 && len(list) > n.maxItems {
		errs = append(errs, fail("maxItems", fmt.Sprintf("maxItems: got %d items, want at most %d", len(list), n.maxItems)))
	}
	if n.items != nil {
		for i, x := range list {
			errs = append(errs, n.items.validate(x, append(at[:len(at):len(at)], fmt.Sprint(i)))...)
		}
	}
	return errs
}

// jsonType names a converted YAML value's JSON type.
func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case int, int64, uint64:
		return "integer"
	case float64:
		if x == math.Trunc(x) && !math.IsInf(x, 0) {
			return "integer"
		}
		return "number"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	}
	return fmt.Sprintf("%T", v)
}

func typeAllows(types []string, v any) bool {
	t := jsonType(v)
	for _, want := range types {
		if want == t || want == "number" && t == "integer" {
			return true
		}
	}
	return false
}

// number returns a numeric value as a float64 (JSON has one number type).
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// jsonEqual is JSON Schema's equality: numbers by value, mappings and lists deeply.
func jsonEqual(a, b any) bool {
	if x, ok := number(a); ok {
		y, ok := number(b)
		return ok && x == y
	}
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok || !jsonEqual(xv, yv) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !jsonEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case nil, bool, string:
		return a == b
	}
	return false
}

func containsJSON(list []any, v any) bool {
	for _, x := range list {
		if jsonEqual(x, v) {
			return true
		}
	}
	return false
}

func quotedValues(list []any) string {
	parts := make([]string, len(list))
	for i, x := range list {
		parts[i] = shortValue(x)
	}
	return strings.Join(parts, ", ")
}
