package textconv

import (
	"encoding/json"
	"fmt"
	"strings"
)

// The control files are decoded once into the ordered JSON model (parseJSON) and the
// fields the .fx.yaml rendering needs are taken from it here. Key matching is
// case-insensitive with the last duplicate winning and null leaving the zero value,
// as encoding/json would decode into the same structs.

// itemFromJSON converts one control object.
func itemFromJSON(v any, depth int) (*item, error) {
	var kb keyBuf // one buffer for all the key switches below
	if depth > 200 {
		return nil, errTooDeep
	}
	o, ok := v.(object)
	if !ok {
		return nil, fmt.Errorf("a control is %s, not an object", jsonKind(v))
	}
	it := &item{}
	for _, m := range o {
		var err error
		switch kb.lower(m.Key) {
		case "name":
			err = setString(&it.Name, m)
		case "variantname":
			err = setString(&it.VariantName, m)
		case "stylename":
			err = setString(&it.StyleName, m)
		case "controluniqueid":
			it.ControlUniqueId = rawJSON(m.Val)
		case "index":
			it.Index = rawJSON(m.Val)
		case "isgroupcontrol":
			err = setBool(&it.IsGroupControl, m)
		case "groupedcontrolskey":
			it.GroupedControlsKey, err = stringList(m)
		case "template":
			err = templateFromJSON(&it.Template, m)
		case "rules":
			err = eachObject(m, func(r object) error {
				rl, err := ruleFromJSON(r)
				it.Rules = append(it.Rules, rl)
				return err
			})
		case "dynamicproperties":
			err = dynPropsFromJSON(it, m)
		case "children":
			it.Children = nil
			if m.Val == nil {
				break
			}
			list, ok := m.Val.([]any)
			if !ok {
				return nil, typeError(m, "an array")
			}
			for _, c := range list {
				if c == nil {
					it.Children = append(it.Children, nil)
					continue
				}
				child, err := itemFromJSON(c, depth+1)
				if err != nil {
					return nil, err
				}
				it.Children = append(it.Children, child)
			}
		}
		if err != nil {
			return nil, err
		}
	}
	return it, nil
}

// dynPropsFromJSON appends the dynamic properties of the member m of a control.
func dynPropsFromJSON(it *item, m kv) error {
	var kb keyBuf
	return eachObject(m, func(d object) error {
		var dp dynProp
		for _, f := range d {
			var err error
			switch kb.lower(f.Key) {
			case "propertyname":
				err = setString(&dp.PropertyName, f)
			case "rule":
				if r, ok := f.Val.(object); ok {
					rl, rerr := ruleFromJSON(r)
					dp.Rule, err = &rl, rerr
				} else if f.Val != nil {
					err = typeError(f, "an object")
				} else {
					dp.Rule = nil
				}
			}
			if err != nil {
				return err
			}
		}
		it.DynamicProperties = append(it.DynamicProperties, dp)
		return nil
	})
}

func templateFromJSON(t *template, m kv) error {
	var kb keyBuf // one buffer for all the key switches below
	if m.Val == nil {
		return nil
	}
	o, ok := m.Val.(object)
	if !ok {
		return typeError(m, "an object")
	}
	for _, f := range o {
		var err error
		switch kb.lower(f.Key) {
		case "id":
			err = setString(&t.Id, f)
		case "name":
			err = setString(&t.Name, f)
		case "templatedisplayname":
			err = setString(&t.TemplateDisplayName, f)
		case "iscomponentdefinition":
			err = setBool(&t.IsComponentDefinition, f)
		case "componenttype":
			t.ComponentType = rawJSON(f.Val)
		case "customproperties":
			t.CustomProperties = nil
			err = eachObject(f, func(c object) error {
				cp, err := customPropFromJSON(c)
				t.CustomProperties = append(t.CustomProperties, cp)
				return err
			})
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func customPropFromJSON(o object) (customProp, error) {
	var kb keyBuf // one buffer for all the key switches below
	var cp customProp
	for _, f := range o {
		var err error
		switch kb.lower(f.Key) {
		case "name":
			err = setString(&cp.Name, f)
		case "propertyscopekey":
			if f.Val == nil {
				cp.PropertyScopeKey = nil
				break
			}
			ko, ok := f.Val.(object)
			if !ok {
				return cp, typeError(f, "an object")
			}
			cp.PropertyScopeKey = &propertyScope{}
			for _, g := range ko {
				if strings.EqualFold(g.Key, "PropertyScopeRulesKey") {
					cp.PropertyScopeKey.PropertyScopeRulesKey = nil
					err = eachObject(g, func(r object) error {
						sr, err := scopeRuleFromJSON(r)
						cp.PropertyScopeKey.PropertyScopeRulesKey = append(cp.PropertyScopeKey.PropertyScopeRulesKey, sr)
						return err
					})
				}
			}
		}
		if err != nil {
			return cp, err
		}
	}
	return cp, nil
}

func scopeRuleFromJSON(o object) (scopeRule, error) {
	var kb keyBuf // one buffer for all the key switches below
	var sr scopeRule
	for _, f := range o {
		var err error
		switch kb.lower(f.Key) {
		case "name":
			err = setString(&sr.Name, f)
		case "scopevariableinfo":
			if f.Val == nil {
				break
			}
			io, ok := f.Val.(object)
			if !ok {
				return sr, typeError(f, "an object")
			}
			for _, g := range io {
				switch kb.lower(g.Key) {
				case "scopevariablename":
					err = setString(&sr.ScopeVariableInfo.ScopeVariableName, g)
				case "defaultrule":
					sr.ScopeVariableInfo.DefaultRule, err = optString(g)
				case "scopepropertydatatype":
					sr.ScopeVariableInfo.ScopePropertyDataType = rawJSON(g.Val)
				}
				if err != nil {
					return sr, err
				}
			}
		}
		if err != nil {
			return sr, err
		}
	}
	return sr, nil
}

func ruleFromJSON(o object) (rule, error) {
	var kb keyBuf // one buffer for all the key switches below
	var rl rule
	for _, f := range o {
		var err error
		switch kb.lower(f.Key) {
		case "property":
			err = setString(&rl.Property, f)
		case "invariantscript":
			rl.InvariantScript, err = optString(f)
		}
		if err != nil {
			return rl, err
		}
	}
	return rl, nil
}

func setString(dst *string, m kv) error {
	switch v := m.Val.(type) {
	case nil:
		return nil
	case string:
		*dst = v
		return nil
	}
	return typeError(m, "a string")
}

func optString(m kv) (*string, error) {
	switch v := m.Val.(type) {
	case nil:
		return nil, nil
	case string:
		return &v, nil
	}
	return nil, typeError(m, "a string")
}

func setBool(dst *bool, m kv) error {
	switch v := m.Val.(type) {
	case nil:
		return nil
	case bool:
		*dst = v
		return nil
	}
	return typeError(m, "true or false")
}

func stringList(m kv) ([]string, error) {
	if m.Val == nil {
		return nil, nil
	}
	list, ok := m.Val.([]any)
	if !ok {
		return nil, typeError(m, "an array")
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		s, ok := e.(string)
		if !ok && e != nil {
			return nil, typeError(m, "an array of strings")
		}
		out = append(out, s)
	}
	return out, nil
}

// eachObject calls fn for every element of an array of objects (null elements are
// skipped).
func eachObject(m kv, fn func(object) error) error {
	if m.Val == nil {
		return nil
	}
	list, ok := m.Val.([]any)
	if !ok {
		return typeError(m, "an array")
	}
	for _, e := range list {
		if e == nil {
			continue
		}
		o, ok := e.(object)
		if !ok {
			return typeError(m, "an array of objects")
		}
		if err := fn(o); err != nil {
			return err
		}
	}
	return nil
}

// rawJSON turns a decoded value back into JSON text, for the fields whose type
// varies between Studio versions (ids, indexes, component types).
func rawJSON(v any) json.RawMessage {
	switch v := v.(type) {
	case nil:
		return nil
	case json.Number:
		return json.RawMessage(v)
	case string:
		b, _ := json.Marshal(v)
		return b
	case bool:
		if v {
			return json.RawMessage("true")
		}
		return json.RawMessage("false")
	}
	return json.RawMessage(canonicalJSON(v))
}

func typeError(m kv, want string) error {
	return fmt.Errorf("field %q is %s, not %s", m.Key, jsonKind(m.Val), want)
}

func jsonKind(v any) string {
	switch v.(type) {
	case object:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return "a value"
}
