package payaml

// ObjectKind is what a named object of a `.pa.yaml` file is.
type ObjectKind int

const (
	AppObject                 ObjectKind = iota // the App: entry
	ScreenObject                                // an entry of Screens
	ControlObject                               // an item of a Children sequence
	ComponentDefinitionObject                   // an entry of ComponentDefinitions
	DataSourceObject                            // an entry of DataSources
	ThemeObject                                 // an entry of Themes
	ControlStyleObject                          // an entry of ControlStyles
)

func (k ObjectKind) String() string {
	switch k {
	case AppObject:
		return "app"
	case ScreenObject:
		return "screen"
	case ControlObject:
		return "control"
	case ComponentDefinitionObject:
		return "component definition"
	case DataSourceObject:
		return "data source"
	case ThemeObject:
		return "theme"
	case ControlStyleObject:
		return "control style"
	}
	return "unknown"
}

// Object is one named object of a file.
type Object struct {
	Kind ObjectKind
	Name string
	// Type is the control's `Control` value (e.g. "Label@2.5.1", "CanvasComponent"),
	// a component definition's DefinitionType, a data source's Type, a control
	// style's Control; "" when absent.
	Type string
	// Variant is a control's `Variant`; ComponentName its `ComponentName`.
	Variant, ComponentName string
	// Parent is the screen, component definition or control that holds a control in
	// its Children; nil for the others.
	Parent *Object
	// Line and Col are the 1-based position of the object's name.
	Line, Col int
	// Key is the name as written; Body the object's mapping (nil when the value is
	// not a mapping, e.g. `Screen1:` with nothing under it).
	Key  *Scalar
	Body *Map
}

// Path names the object from the top: "Screen1 > Container1 > Label1".
func (o *Object) Path() string {
	if o.Parent == nil {
		return o.Name
	}
	return o.Parent.Path() + " > " + o.Name
}

// Objects returns the file's named objects in document order, each screen, component
// definition and control before the controls in its Children.
func (f *File) Objects() []*Object {
	if f == nil || f.Root == nil {
		return nil
	}
	var out []*Object
	add := func(kind ObjectKind, k *Scalar, v Node, parent *Object) *Object {
		body, _ := v.(*Map)
		o := &Object{Kind: kind, Name: k.Value, Parent: parent, Line: k.Line, Col: k.Col, Key: k, Body: body}
		switch kind {
		case ControlObject, ControlStyleObject:
			o.Type, _ = body.GetString("Control")
			o.Variant, _ = body.GetString("Variant")
			o.ComponentName, _ = body.GetString("ComponentName")
		case ComponentDefinitionObject:
			o.Type, _ = body.GetString("DefinitionType")
		case DataSourceObject:
			o.Type, _ = body.GetString("Type")
		}
		out = append(out, o)
		return o
	}
	var children func(parent *Object)
	children = func(parent *Object) {
		for _, it := range Children(parent.Body) {
			children(add(ControlObject, it.Key, it.Value, parent))
		}
	}
	for _, top := range f.Root.Entries {
		switch top.Key.Value {
		case "App":
			add(AppObject, top.Key, top.Value, nil)
		case "Screens", "ComponentDefinitions", "DataSources", "Themes", "ControlStyles":
			kind := map[string]ObjectKind{"Screens": ScreenObject, "ComponentDefinitions": ComponentDefinitionObject,
				"DataSources": DataSourceObject, "Themes": ThemeObject, "ControlStyles": ControlStyleObject}[top.Key.Value]
			m, _ := top.Value.(*Map)
			if m == nil {
				continue
			}
			for _, e := range m.Entries {
				o := add(kind, e.Key, e.Value, nil)
				if kind == ScreenObject || kind == ComponentDefinitionObject {
					children(o)
				}
			}
		}
	}
	return out
}

// Children returns the items of a body's `Children` sequence that are one-key maps
// (name: control), in z-order; items of another shape are skipped (the schema
// rejects them).
func Children(body *Map) []*Entry {
	s := body.GetSeq("Children")
	if s == nil {
		return nil
	}
	var out []*Entry
	for _, it := range s.Items {
		if m, ok := it.(*Map); ok && len(m.Entries) == 1 {
			out = append(out, m.Entries[0])
		}
	}
	return out
}

// Name is a name listed in a sequence, with its position.
type Name struct {
	Value     string
	Line, Col int
}

// EditorState is the `EditorState:` entry: the screen order (the Screens mapping has
// none) and the component definition order.
type EditorState struct {
	ScreensOrder, ComponentDefinitionsOrder []Name
	Line, Col                               int
}

// EditorState returns the file's EditorState, or nil when it has none.
func (f *File) EditorState() *EditorState {
	if f == nil || f.Root == nil {
		return nil
	}
	e := f.Root.Entry("EditorState")
	if e == nil {
		return nil
	}
	es := &EditorState{Line: e.Key.Line, Col: e.Key.Col}
	m, _ := e.Value.(*Map)
	names := func(key string) []Name {
		var out []Name
		for _, it := range m.GetSeq(key).items() {
			if s, ok := it.(*Scalar); ok && !s.Null {
				out = append(out, Name{Value: s.Value, Line: s.Line, Col: s.Col})
			}
		}
		return out
	}
	es.ScreensOrder = names("ScreensOrder")
	es.ComponentDefinitionsOrder = names("ComponentDefinitionsOrder")
	return es
}

func (s *Seq) items() []Node {
	if s == nil {
		return nil
	}
	return s.Items
}

// TriviaLines counts the comment and blank lines the tree keeps (entries' Leading and
// the Trailer; the banner aside).
func (f *File) TriviaLines() int {
	n := len(f.Trailer)
	var walk func(Node)
	walk = func(x Node) {
		switch x := x.(type) {
		case *Map:
			for _, e := range x.Entries {
				n += len(e.Leading)
				walk(e.Value)
			}
		case *Seq:
			for _, it := range x.Items {
				walk(it)
			}
		}
	}
	if f != nil && f.Root != nil {
		walk(f.Root)
	}
	return n
}
