// Package fxyaml is a lossless model of the `.fx.yaml` files written by `pac canvas
// unpack` (the legacy "PASopa" source format): control blocks `Name As type[.variant]:`,
// properties (single-line `=formula` and `|`, `|-`, `|+` blocks), nested children,
// component functions with their argument metadata, test suites and steps.
//
// Parse keeps every byte: blank and comment lines, the line break of every line, a
// UTF-8 BOM, and the exact spelling of keys and values. Writing a parsed file back
// gives the same bytes; nodes that were changed or built in code are written the way
// pac writes them (format-legacy §4).
package fxyaml

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Line is one physical line: its text without the line break, and the line break as
// read ("\n", "\r\n", "\r", or "" for a last line without one).
type Line struct {
	Text, EOL string
}

// Node is an entry of a block body or of the file: *Block, *Property or *Trivia.
type Node interface{ node() }

// Trivia is a line pac's reader skips: an empty or whitespace-only line, or a `#`
// comment line (pac drops comments with a warning; the model keeps them).
type Trivia struct {
	Line Line
}

// IsComment reports whether the trivia line is a `#` comment.
func (t *Trivia) IsComment() bool {
	return strings.HasPrefix(strings.TrimLeft(t.Line.Text, " "), "#")
}

// BlankLine returns a new empty trivia line.
func BlankLine() *Trivia { return &Trivia{} }

// Property is one formula: `Name: =value` or a `|`, `|-`, `|+` block.
type Property struct {
	Name  string // unescaped property name
	Value string // the formula without its leading '=', line breaks as LF
	src   *propSource
}

// propSource is where a parsed property came from. It holds no copy of what the input
// holds: a file of megabytes has one per formula, three files per merge (issue 18).
type propSource struct {
	value string // the value as parsed, to tell whether the property was changed since
	key   string // the key as written (possibly 'quoted'); the name as parsed is its unescaped form
	span  string // the key line and the block body lines as read, line breaks included
	// indent is the key line's; line is its 1-based number; lines is how many lines the
	// span holds.
	indent, line, lines int32
}

// lineRange returns the 0-based lines [start, end) the property was read from.
func (s *propSource) lineRange() (start, end int) {
	return int(s.line) - 1, int(s.line) - 1 + int(s.lines)
}

// named reports whether name is the property's name as parsed (its key unescaped).
func (s *propSource) named(name string) bool {
	if !strings.HasPrefix(s.key, "'") {
		return s.key == name // unescapeName gives such a key back as it is
	}
	orig, _ := unescapeName(s.key)
	return orig == name
}

// BlockKind tells what a block header introduces.
type BlockKind int

const (
	// ControlBlock is `Name As type[.variant]:` (screens, controls, components, the
	// app, test suites, cases and steps).
	ControlBlock BlockKind = iota
	// FunctionBlock is a component function `Name(Arg As Type, …):`.
	FunctionBlock
	// ArgBlock is the metadata block of one function argument (or ThisProperty),
	// holding a single `Default` property.
	ArgBlock
)

func (k BlockKind) String() string {
	switch k {
	case ControlBlock:
		return "control"
	case FunctionBlock:
		return "function"
	case ArgBlock:
		return "argument"
	}
	return "unknown"
}

// Param is one argument of a component function.
type Param struct {
	Name, Type string
}

// Block is a block header and its body.
type Block struct {
	Kind    BlockKind
	Name    string  // control, function or argument name, unescaped
	Type    string  // controls: template or component name, unescaped
	Variant string  // controls: variant, unescaped; "" when none
	Params  []Param // functions: the arguments in declaration order
	// Body holds properties, sub-blocks and trivia in file order. pac writes functions,
	// then properties, then one empty line, then the child controls.
	Body []Node
	src  *blockSource
}

type blockSource struct {
	name, typ, variant string
	params             string // parsed params, joined, for the change check
	key                string // header key, outer double quotes removed
	header             string // the header line as read, its line break included
	kind               BlockKind
	// childIndent is -1 when the body was empty; line is the header's, 1-based. Three
	// int32s: a three-way merge of a 10,000-control screen holds 30,000 blocks.
	indent, childIndent, line int32
}

func (*Block) node()    {}
func (*Property) node() {}
func (*Trivia) node()   {}

// File is a parsed `.fx.yaml` file.
type File struct {
	BOM bool // the file started with a UTF-8 byte order mark
	// Body holds the top-level blocks and trivia. pac reads only the first top-level
	// block; the model keeps whatever follows it.
	Body []Node
	// NoFinalNewline is true when the last line has no line break.
	NoFinalNewline bool
	newline        string
	mixedNewlines  bool
}

// MixedNewlines reports whether the parsed file ends its lines in more than one way.
func (f *File) MixedNewlines() bool { return f.mixedNewlines }

// Newline returns the file's dominant line break ("\n" when it has none).
func (f *File) Newline() string {
	if f.newline == "" {
		return "\n"
	}
	return f.newline
}

// SetNewline sets the line break used for lines written from scratch.
func (f *File) SetNewline(nl string) { f.newline = nl }

// Root returns the first top-level block (the one pac reads), or nil.
func (f *File) Root() *Block {
	for _, n := range f.Body {
		if b, ok := n.(*Block); ok {
			return b
		}
	}
	return nil
}

// Blocks returns the top-level blocks.
func (f *File) Blocks() []*Block { return blocksOf(f.Body) }

func blocksOf(body []Node) []*Block {
	var out []*Block
	for _, n := range body {
		if b, ok := n.(*Block); ok {
			out = append(out, b)
		}
	}
	return out
}

// Properties returns the block's properties in file order.
func (b *Block) Properties() []*Property {
	var out []*Property
	for _, n := range b.Body {
		if p, ok := n.(*Property); ok {
			out = append(out, p)
		}
	}
	return out
}

// Property returns the property with that name, or nil.
func (b *Block) Property(name string) *Property {
	for _, n := range b.Body {
		if p, ok := n.(*Property); ok && p.Name == name {
			return p
		}
	}
	return nil
}

// Functions returns the function blocks of a component definition in file order.
func (b *Block) Functions() []*Block {
	var out []*Block
	for _, n := range b.Body {
		if c, ok := n.(*Block); ok && c.Kind == FunctionBlock {
			out = append(out, c)
		}
	}
	return out
}

// Children returns the child controls (or, for a function, its argument blocks) in
// file order.
func (b *Block) Children() []*Block {
	var out []*Block
	for _, n := range b.Body {
		if c, ok := n.(*Block); ok && c.Kind != FunctionBlock {
			out = append(out, c)
		}
	}
	return out
}

// Key returns the header key as pac's reader sees it (without the outer double quotes
// and the colon): the text as written when the block was parsed and not renamed since,
// otherwise the key pac writes.
func (b *Block) Key() string {
	if b.src != nil && b.src.kind == b.Kind && b.src.name == b.Name && b.src.typ == b.Type &&
		b.src.variant == b.Variant && b.src.params == joinParams(b.Params) {
		return b.src.key
	}
	switch b.Kind {
	case FunctionBlock:
		parts := make([]string, len(b.Params))
		for i, p := range b.Params {
			parts[i] = EscapeName(p.Name) + " As " + p.Type
		}
		return EscapeName(b.Name) + "(" + strings.Join(parts, ", ") + ")"
	case ArgBlock:
		return b.Name
	}
	return ControlKey(b.Name, b.Type, b.Variant)
}

func joinParams(ps []Param) string {
	var sb strings.Builder
	for _, p := range ps {
		sb.WriteString(p.Name)
		sb.WriteByte(0)
		sb.WriteString(p.Type)
		sb.WriteByte(0)
	}
	return sb.String()
}

// Line returns the 1-based line of the block header in the parsed file, or 0.
func (b *Block) Line() int {
	if b.src == nil {
		return 0
	}
	return int(b.src.line)
}

// Line returns the 1-based line of the property key in the parsed file, or 0.
func (p *Property) Line() int {
	if p.src == nil {
		return 0
	}
	return int(p.src.line)
}

// LineCount returns how many lines the property takes as parsed (0 if built in code).
func (p *Property) LineCount() int {
	if p.src == nil {
		return 0
	}
	return int(p.src.lines)
}

// Key returns the property's key: as written when the property was parsed and not
// renamed since (possibly 'quoted'), otherwise the key pac writes (EscapeName).
func (p *Property) Key() string {
	if p.src != nil && p.src.named(p.Name) {
		return p.src.key
	}
	return EscapeName(p.Name)
}

// Multiline reports whether pac writes the value as a `|` block: it contains a line
// break, a '#' or a ':'.
func (p *Property) Multiline() bool {
	return strings.ContainsAny(normalizeBreaks(p.Value), "\n#:")
}

// Modified reports whether the property differs from what was parsed (always true for
// a property built in code).
func (p *Property) Modified() bool {
	return p.src == nil || p.src.value != p.Value || !p.src.named(p.Name)
}

// ZIndex returns the numeric value of the control's ZIndex property the way pac reads
// it for ordering children: the formula parsed as a number, or -1 when it is absent or
// not a finite number.
func (b *Block) ZIndex() float64 {
	p := b.Property("ZIndex")
	if p == nil {
		return -1
	}
	return ParseZIndex(p.Value)
}

// ParseZIndex parses a ZIndex formula as pac does for ordering children (-1 when it is
// not a finite number).
func ParseZIndex(v string) float64 {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || f != f || f > 1e308 || f < -1e308 {
		return -1
	}
	return f
}

// Canonicalize rearranges the block the way pac writes it, recursively: functions
// sorted by name, then properties sorted by name (CompareNames), then one empty line,
// then the child controls stably sorted by ZIndex. Trivia (comments, extra blank lines)
// is dropped. Argument blocks keep their order.
func (b *Block) Canonicalize() {
	var funcs, props, kids []Node
	for _, n := range b.Body {
		switch n := n.(type) {
		case *Property:
			props = append(props, n)
		case *Block:
			n.Canonicalize()
			if n.Kind == FunctionBlock {
				funcs = append(funcs, n)
			} else {
				kids = append(kids, n)
			}
		}
	}
	sort.SliceStable(funcs, func(i, j int) bool {
		return CompareNames(funcs[i].(*Block).Name, funcs[j].(*Block).Name) < 0
	})
	sort.SliceStable(props, func(i, j int) bool {
		return CompareNames(props[i].(*Property).Name, props[j].(*Property).Name) < 0
	})
	body := append(funcs, props...)
	if b.Kind == ControlBlock {
		sort.SliceStable(kids, func(i, j int) bool {
			return kids[i].(*Block).ZIndex() < kids[j].(*Block).ZIndex()
		})
		body = append(body, BlankLine())
	}
	b.Body = append(body, kids...)
}

// SyntaxError is input pac's reader rejects (or that the model refuses because it
// could not be written back faithfully), with a 1-based line and column.
type SyntaxError struct {
	Line, Column int
	Msg          string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Msg)
}
