package payaml

import "fmt"

// Node is a value of the tree: *Map, *Seq or *Scalar.
type Node interface {
	Pos() (line, col int)
	node()
}

// Style is how a scalar is written.
type Style int

const (
	Plain        Style = iota // =formula, Name, Label@2.5.1
	SingleQuoted              // 'text'
	DoubleQuoted              // "text"
	Literal                   // |-, |, |+ block
	Folded                    // > block (never written by Studio; kept to report it)
)

// Scalar is a string value or key. Value is the decoded text (a formula keeps its
// leading '='). A null value (`Key:` with nothing after it) is a Plain scalar with
// Null set.
type Scalar struct {
	Value string
	Style Style
	Null  bool
	// Header is a block scalar's indicator as written ("|-", "|", "|+"); "" for other
	// styles. A scalar built in code gets the one its value needs.
	Header    string
	Line, Col int // 1-based position in the source; 0 when built in code
	// Raw is a plain scalar that spans lines (hand-written files wrap long formulas;
	// YAML folds the lines into one) as written: the text from its first character to
	// the end of its last line, "\n" between lines. It is written back as it is while
	// the scalar stays at the indentation it was read at (rawIndent).
	Raw       string
	rawIndent int
}

// Map is a block mapping; Entries keep the file's key order.
type Map struct {
	Entries   []*Entry
	Flow      bool // written `{}` (an empty flow mapping)
	Line, Col int
}

// Entry is one `key: value` of a Map. Value is never nil.
type Entry struct {
	Key   *Scalar
	Value Node
	// Leading are the comment and blank lines right above the key (or above the dash
	// of the sequence item the entry opens), as written, without line breaks. Studio
	// writes none; hand-written files do.
	Leading []string
}

// Seq is a block sequence; its items keep the file's order.
type Seq struct {
	Items     []Node
	Flow      bool // written `[]` (an empty flow sequence)
	Line, Col int
}

func (s *Scalar) Pos() (int, int) { return s.Line, s.Col }
func (m *Map) Pos() (int, int)    { return m.Line, m.Col }
func (s *Seq) Pos() (int, int)    { return s.Line, s.Col }
func (*Scalar) node()             {}
func (*Map) node()                {}
func (*Seq) node()                {}

// Get returns the value of key (compared exactly: names are ordinal), or nil.
func (m *Map) Get(key string) Node {
	if e := m.Entry(key); e != nil {
		return e.Value
	}
	return nil
}

// Entry returns the entry of key, or nil.
func (m *Map) Entry(key string) *Entry {
	if m == nil {
		return nil
	}
	for _, e := range m.Entries {
		if e.Key.Value == key {
			return e
		}
	}
	return nil
}

// Keys returns the keys in file order.
func (m *Map) Keys() []string {
	if m == nil {
		return nil
	}
	out := make([]string, len(m.Entries))
	for i, e := range m.Entries {
		out[i] = e.Key.Value
	}
	return out
}

// GetMap returns the value of key when it is a mapping.
func (m *Map) GetMap(key string) *Map {
	v, _ := m.Get(key).(*Map)
	return v
}

// GetSeq returns the value of key when it is a sequence.
func (m *Map) GetSeq(key string) *Seq {
	v, _ := m.Get(key).(*Seq)
	return v
}

// GetString returns the value of key when it is a non-null scalar.
func (m *Map) GetString(key string) (string, bool) {
	s, ok := m.Get(key).(*Scalar)
	if !ok || s.Null {
		return "", false
	}
	return s.Value, true
}

// NewScalar returns a scalar built in code, written the way Studio writes its value
// (see FormatStyle).
func NewScalar(value string) *Scalar {
	st, header := FormatStyle(value)
	return &Scalar{Value: value, Style: st, Header: header}
}

// SyntaxError is a file that does not read as `.pa.yaml`. Column is 0 when only the
// line is known (the YAML reader reports syntax errors by line).
type SyntaxError struct {
	Line, Column int
	Msg          string
}

func (e *SyntaxError) Error() string {
	switch {
	case e.Line == 0:
		return e.Msg
	case e.Column == 0:
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return fmt.Sprintf("%d:%d: %s", e.Line, e.Column, e.Msg)
}

// File is one parsed `.pa.yaml` file.
type File struct {
	// Banner is the comment block before the first key (Studio's 8-line warning),
	// byte for byte with its own line breaks; "" when there is none.
	Banner string
	Root   *Map
	BOM    bool
	CRLF   bool // the lines after the banner end in "\r\n" (all of them, or Exact is false)
	// NoFinalNewline is set when the last line has no line break.
	NoFinalNewline bool
	// Trailer are the comment and blank lines after the last content line.
	Trailer []string
	// Exact reports whether Bytes gave the input back byte for byte when parsed. A file
	// that is not Exact is readable but must not be rewritten.
	Exact bool
}

// Equal reports whether two trees hold the same data: the same keys in the same order,
// the same items, the same scalar values (styles and positions aside).
func Equal(a, b Node) bool {
	switch a := a.(type) {
	case *Scalar:
		b, ok := b.(*Scalar)
		return ok && a.Value == b.Value && a.Null == b.Null
	case *Map:
		b, ok := b.(*Map)
		if !ok || len(a.Entries) != len(b.Entries) {
			return false
		}
		for i, e := range a.Entries {
			if e.Key.Value != b.Entries[i].Key.Value || !Equal(e.Value, b.Entries[i].Value) {
				return false
			}
		}
		return true
	case *Seq:
		b, ok := b.(*Seq)
		if !ok || len(a.Items) != len(b.Items) {
			return false
		}
		for i := range a.Items {
			if !Equal(a.Items[i], b.Items[i]) {
				return false
			}
		}
		return true
	}
	return a == nil && b == nil
}
