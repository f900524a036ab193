package textconv

import (
	"errors"

	"github.com/canvasgit/canvasgit/source/jsondoc"
)

// A control file is mostly what the rendering never reads: of each control's twenty
// members it reads eleven, and of each rule two of four. Parsing the whole file into
// the model and converting that (itemFromJSON) built every value of
// ControlPropertyState, ControlThisItemType and the rules' Category and
// RuleProviderType, then boxed and walked the rest a second time: most of the
// allocations of a large app, and a fifth of its rendering. decodeControlItems reads
// the file step by step (jsondoc.Decoder) straight into items: the members the
// rendering reads are decoded where they are, the others checked and passed over.
//
// It decodes a usual file, one itemFromJSON would convert without error, as
// controlFromJSON and collectTemplates would: keys matched lower-cased, the last
// duplicate winning, null leaving a field as it is. Anything else, a key that is
// not ASCII (lower-casing and strings.EqualFold, which collectTemplates matches
// with, may disagree on it), a value of an unexpected type, a duplicate TopParent,
// nesting beyond checkItem's bound, is errUnusual: decodeControl then reads the
// file whole, for its result or its error.

// errUnusual says decodeControlItems does not decode the file itself.
var errUnusual = errors.New("a control file the typed reading leaves to the whole one")

// decodeControlItems decodes a control file's TopParent (strings sharing data's
// memory when share is set), with what itemTemplates needs.
func decodeControlItems(data []byte, share bool) (*item, error) {
	c := &controlReader{}
	c.d = jsondoc.NewDecoder[any](data, &c.b, jsondoc.Options{MaxDepth: maxDepth, Share: share})
	if err := c.object(); err != nil {
		return nil, err
	}
	var top *item
	for {
		key, ok, err := c.key()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		if key != "topparent" {
			if err := c.d.Skip(); err != nil {
				return nil, err
			}
			continue
		}
		if top != nil {
			return nil, errUnusual
		}
		if top, err = c.item(0); err != nil {
			return nil, err
		}
	}
	if err := c.d.Finish(); err != nil {
		return nil, err
	}
	if top == nil || checkItem(top, 0) != nil {
		return nil, errUnusual
	}
	return top, nil
}

// controlReader decodes one control file.
type controlReader struct {
	d *jsondoc.Decoder[any]
	b modelBuilder // for the members kept as JSON (Template, DynamicProperties, ...)
	// scripts is where the rules' InvariantScript pointers point: cut from shared
	// chunks, one allocation per chunk instead of one per rule.
	scripts []string
	ruleBuf []rule // the rules of the Rules member being read
	kb      keyBuf
}

// key reads the next member's key, lower-cased (a view of c.kb: use it before the
// next call); errUnusual for a key that is not ASCII.
func (c *controlReader) key() (string, bool, error) {
	key, ok, err := c.d.Key()
	if err != nil || !ok {
		return "", ok, err
	}
	if lower, ok := studioKey(key); ok {
		return lower, true, nil
	}
	for i := 0; i < len(key); i++ {
		if key[i] >= 0x80 {
			return "", false, errUnusual
		}
	}
	return c.kb.lower(key), true, nil
}

// object enters the object the decoder is at; anything else is errUnusual.
func (c *controlReader) object() error {
	if c.d.Peek() != '{' {
		return errUnusual
	}
	return c.d.Object()
}

// array enters the array the decoder is at: ok is false for null (passed over);
// anything else is errUnusual.
func (c *controlReader) array() (ok bool, err error) {
	switch c.d.Peek() {
	case '[':
		return true, c.d.Array()
	case 'n':
		return false, c.d.Skip()
	}
	return false, errUnusual
}

// str reads a string or null (ok false); anything else is errUnusual.
func (c *controlReader) str() (s string, ok bool, err error) {
	switch c.d.Peek() {
	case '"', 'n':
		sc, err := c.d.Scalar()
		if sc.Kind != jsondoc.String {
			return "", false, err
		}
		return sc.Text, true, err
	}
	return "", false, errUnusual
}

// setString reads a string into *dst; null leaves it.
func (c *controlReader) setString(dst *string) error {
	s, ok, err := c.str()
	if ok {
		*dst = s
	}
	return err
}

// item reads a control object (itemFromJSON).
func (c *controlReader) item(depth int) (*item, error) {
	if depth > 200 {
		return nil, errUnusual
	}
	if err := c.object(); err != nil {
		return nil, err
	}
	it := &item{}
	for {
		key, ok, err := c.key()
		if err != nil {
			return nil, err
		}
		if !ok {
			return it, nil
		}
		switch key {
		case "name":
			var s string
			if s, ok, err = c.str(); ok {
				it.Name = s
			}
			it.ctName = s // "" for null
		case "variantname":
			err = c.setString(&it.VariantName)
		case "stylename":
			err = c.setString(&it.StyleName)
		case "controluniqueid":
			var v any
			v, err = c.d.Value()
			it.ControlUniqueId = rawJSON(v)
		case "index":
			var v any
			v, err = c.d.Value()
			it.Index = rawJSON(v)
		case "isgroupcontrol", "groupedcontrolskey", "template", "dynamicproperties":
			err = c.jsonMember(it, key)
		case "rules":
			err = c.rules(it)
		case "children":
			err = c.children(it, depth)
		default:
			err = c.d.Skip()
		}
		if err != nil {
			return nil, err
		}
	}
}

// jsonMember reads the member key of a control into the model and converts it as
// itemFromJSON does: the members that are few and small.
func (c *controlReader) jsonMember(it *item, key string) error {
	v, err := c.d.Value()
	if err != nil {
		return err
	}
	m := kv{key, v}
	switch key {
	case "isgroupcontrol":
		err = setBool(&it.IsGroupControl, m)
	case "groupedcontrolskey":
		it.GroupedControlsKey, err = stringList(m)
	case "template":
		err = templateFromJSON(&it.Template, m)
		it.ctTemplate = v
	case "dynamicproperties":
		err = dynPropsFromJSON(it, m)
	}
	if err != nil {
		return errUnusual
	}
	return nil
}

// rules appends the rules of a Rules member (null entries are passed over). They
// collect in c.ruleBuf and are appended at once: growing it.Rules one rule at a
// time was a tenth of the bytes allocated in decoding a screen.
func (c *controlReader) rules(it *item) error {
	if ok, err := c.array(); !ok || err != nil {
		return err
	}
	c.ruleBuf = c.ruleBuf[:0]
	for {
		ok, err := c.d.Next()
		if err != nil {
			return err
		}
		if !ok {
			it.Rules = append(it.Rules, c.ruleBuf...)
			return nil
		}
		if c.d.Peek() == 'n' {
			if err := c.d.Skip(); err != nil {
				return err
			}
			continue
		}
		rl, err := c.rule()
		if err != nil {
			return err
		}
		c.ruleBuf = append(c.ruleBuf, rl)
	}
}

// rule reads a rule object (ruleFromJSON).
func (c *controlReader) rule() (rule, error) {
	var rl rule
	if err := c.object(); err != nil {
		return rl, err
	}
	for {
		key, ok, err := c.key()
		if err != nil || !ok {
			return rl, err
		}
		switch key {
		case "property":
			err = c.setString(&rl.Property)
		case "invariantscript":
			var s string
			if s, ok, err = c.str(); ok {
				rl.InvariantScript = c.script(s)
			} else {
				rl.InvariantScript = nil
			}
		default:
			err = c.d.Skip()
		}
		if err != nil {
			return rl, err
		}
	}
}

// script returns a pointer to a copy of s.
func (c *controlReader) script(s string) *string {
	if len(c.scripts) == 0 {
		c.scripts = make([]string, 256)
	}
	p := &c.scripts[0]
	c.scripts = c.scripts[1:]
	*p = s
	return p
}

// children reads a Children member: it replaces the children read before.
func (c *controlReader) children(it *item, depth int) error {
	it.Children = nil
	if ok, err := c.array(); !ok || err != nil {
		return err
	}
	for {
		ok, err := c.d.Next()
		if err != nil || !ok {
			return err
		}
		child, err := c.item(depth + 1)
		if err != nil {
			return err
		}
		it.Children = append(it.Children, child)
	}
}

// studioKey returns the lower-cased form of a key of a control file spelled as
// Studio writes it: nearly every key, taken without looking at its bytes twice
// (checking and lower-casing every key was a thirtieth of the rendering).
func studioKey(k string) (string, bool) {
	switch k {
	case "TopParent":
		return "topparent", true
	case "Name":
		return "name", true
	case "Type":
		return "type", true
	case "Template":
		return "template", true
	case "Index":
		return "index", true
	case "PublishOrderIndex":
		return "publishorderindex", true
	case "VariantName":
		return "variantname", true
	case "LayoutName":
		return "layoutname", true
	case "MetaDataIDKey":
		return "metadataidkey", true
	case "PersistMetaDataIDKey":
		return "persistmetadataidkey", true
	case "IsFromScreenLayout":
		return "isfromscreenlayout", true
	case "StyleName":
		return "stylename", true
	case "Parent":
		return "parent", true
	case "IsDataControl":
		return "isdatacontrol", true
	case "IsGroupControl":
		return "isgroupcontrol", true
	case "IsAutoGenerated":
		return "isautogenerated", true
	case "PropToDynamicType":
		return "proptodynamictype", true
	case "Rules":
		return "rules", true
	case "ControlPropertyState":
		return "controlpropertystate", true
	case "IsLocked":
		return "islocked", true
	case "ControlUniqueId":
		return "controluniqueid", true
	case "Children":
		return "children", true
	case "ControlThisItemType":
		return "controlthisitemtype", true
	case "GroupedControlsKey":
		return "groupedcontrolskey", true
	case "DynamicProperties":
		return "dynamicproperties", true
	case "HasDynamicProperties":
		return "hasdynamicproperties", true
	case "Property":
		return "property", true
	case "Category":
		return "category", true
	case "InvariantScript":
		return "invariantscript", true
	case "RuleProviderType":
		return "ruleprovidertype", true
	case "NameMap":
		return "namemap", true
	}
	return "", false
}
