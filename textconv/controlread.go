package textconv

import (
	"github.com/canvasgit/canvasgit/source/jsondoc"
)

// A control file is mostly what the rendering never reads: of each control's twenty
// members it reads eleven (itemFromJSON, collectTemplates), and of each rule two of
// four; ControlPropertyState, ControlThisItemType and the rules' Category and
// RuleProviderType were more than half of the values built on the largest corpus
// apps, and building them was most of decoding a screen. parseControlFile reads the
// file step by step (jsondoc.Decoder) and builds only the members those readers
// look at; the others are checked for syntax and passed over. The result reads, in
// itemFromJSON and collectTemplates, exactly as parseJSON's does.

// parseControlFile parses a control file as parseJSON does (parseJSONOwned when
// share is false), but for the members of controls and rules that no reader of the
// decoded file looks at, which are left out. It accepts exactly what parseJSON
// accepts; its errors may differ (readControlFile reads a file that fails again
// with parseJSON).
func parseControlFile(data []byte, share bool) (any, error) {
	c := &controlReader{}
	c.d = jsondoc.NewDecoder[any](data, &c.b, jsondoc.Options{MaxDepth: maxDepth, Share: share})
	v, err := c.object(fileObject)
	if err != nil {
		return nil, err
	}
	return v, c.d.Finish()
}

// controlReader builds the trimmed model of one control file.
type controlReader struct {
	d *jsondoc.Decoder[any]
	b modelBuilder
	// members and elems are stacks shared by the nested containers, as the
	// reader's own are: one value of the right size is built from each.
	members []jsondoc.Member[any]
	elems   []any
	kb      keyBuf
}

// What an object of a control file is, and what is done with one of its members.
type (
	objectKind uint8
	memberRead uint8
)

const (
	fileObject    objectKind = iota // the file: controlFromJSON reads its TopParent
	controlObject                   // a control: itemFromJSON and collectTemplates
	ruleObject                      // a rule: ruleFromJSON reads Property and InvariantScript
)

const (
	skipMember   memberRead = iota
	readValue               // built whole
	readControl             // a control object
	readRules               // an array of rule objects
	readChildren            // an array of control objects
)

// memberRead says what is done with the member key of an object of kind k. The
// readers match keys lower-cased (itemFromJSON) or with strings.EqualFold
// (collectTemplates, controlFromJSON), which agree on ASCII keys; a key with other
// bytes is kept whole, whatever it is.
func (c *controlReader) memberRead(k objectKind, key string) memberRead {
	if !isASCII(key) {
		return readValue
	}
	lower := c.kb.lower(key)
	switch k {
	case fileObject:
		if lower == "topparent" {
			return readControl
		}
	case controlObject:
		switch lower {
		case "rules":
			return readRules
		case "children":
			return readChildren
		case "name", "variantname", "stylename", "controluniqueid", "index", "isgroupcontrol",
			"groupedcontrolskey", "template", "dynamicproperties":
			return readValue
		}
	case ruleObject:
		switch lower {
		case "property", "invariantscript":
			return readValue
		}
	}
	return skipMember
}

// object reads the object of kind k at the decoder, its members as memberRead says.
// A value that is not an object is read whole (the readers of the model report it).
func (c *controlReader) object(k objectKind) (any, error) {
	if c.d.Peek() != '{' {
		return c.d.Value()
	}
	if err := c.d.Object(); err != nil {
		return nil, err
	}
	base := len(c.members)
	for {
		key, ok, err := c.d.Key()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		var v any
		switch c.memberRead(k, key) {
		case skipMember:
			if err := c.d.Skip(); err != nil {
				return nil, err
			}
			continue
		case readValue:
			v, err = c.d.Value()
		case readControl:
			v, err = c.object(controlObject)
		case readRules:
			v, err = c.array(ruleObject)
		case readChildren:
			v, err = c.array(controlObject)
		}
		if err != nil {
			return nil, err
		}
		c.members = append(c.members, jsondoc.Member[any]{Key: key, Val: v})
	}
	v, err := c.b.Object(c.members[base:], jsondoc.Pos{}, 0)
	clear(c.members[base:]) // no values kept alive by the stack
	c.members = c.members[:base]
	return v, err
}

// array reads the array at the decoder, an array of objects of kind k; a value that
// is not an array is read whole.
func (c *controlReader) array(k objectKind) (any, error) {
	if c.d.Peek() != '[' {
		return c.d.Value()
	}
	if err := c.d.Array(); err != nil {
		return nil, err
	}
	base := len(c.elems)
	for {
		ok, err := c.d.Next()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		v, err := c.object(k)
		if err != nil {
			return nil, err
		}
		c.elems = append(c.elems, v)
	}
	v := c.b.Array(c.elems[base:], jsondoc.Pos{}, 0)
	clear(c.elems[base:])
	c.elems = c.elems[:base]
	return v, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
