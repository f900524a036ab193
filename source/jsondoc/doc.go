// Package jsondoc is canvasgit's one JSON reader. Each user builds its own tree through a
// Builder: check keeps the line of every key and value for its messages, textconv an
// ordered tree of Go values whose strings share the input's memory, the JSON merge the
// raw byte span of every value so that what one side did not change is written back byte
// for byte. The reader itself holds the policies they share:
//
//   - encoding: UTF-8, with an optional UTF-8 byte order mark before the value (.NET
//     writes one and reads it). Inside strings, a byte that is not valid UTF-8 and a lone
//     \u surrogate each decode to U+FFFD, as encoding/json and .NET decode them. (A file
//     saved as UTF-16 is turned into UTF-8 by the caller before it comes here.)
//   - numbers: the JSON grammar, kept as their literal text; Number reads one exactly, in
//     time linear in its text, whatever its exponent.
//   - members: in input order, duplicate keys kept (a textual merge can produce them);
//     a Builder that must refuse them does so in Object.
//   - limits: Options.MaxDepth bounds the nesting of arrays and objects.
package jsondoc

import "fmt"

// Kind is the JSON type of a scalar.
type Kind uint8

const (
	Null Kind = iota
	Bool
	Number
	String
)

// Pos is where a token starts: its byte offset in the input (a byte order mark
// included) and its line, counted from 1.
type Pos struct {
	Offset int
	Line   int
}

// Scalar is a string, number, boolean or null as read.
type Scalar struct {
	Kind Kind
	// Text is the decoded string (String), the literal as written (Number), or
	// "true", "false", "null".
	Text  string
	Start Pos
	End   int // offset just past the token
}

// Member is one object member. Val is the zero V when Options.Skip passed it over.
type Member[V any] struct {
	Key    string // decoded
	KeyPos Pos    // the key's opening quote
	KeyEnd int    // offset just past the key's closing quote
	Val    V
}

// A Builder makes the user's values. The slices handed to Array and Object are the
// reader's working stacks: a builder that keeps them must copy them.
type Builder[V any] interface {
	Scalar(s Scalar) V
	Array(elems []V, start Pos, end int) V
	// Object may refuse an object (duplicate keys, say) with an error, which Parse
	// returns as it is.
	Object(members []Member[V], start Pos, end int) (V, error)
}

// A Reuser is a Builder that may already hold the value at a place: text it read
// before (the same file's previous version, say). Parse asks it before reading each
// value and, when it answers, skips the text instead of reading it. Reuse gets the
// value's start offset, its nesting level (0 for the root) and, for an object member,
// its decoded key (entry is -1) or, for an array entry, its position (key is "").
// It returns the value and the offset just past its text; the builder must only
// answer for text that reads to that value under the same Options and at the same
// nesting level (its syntax is not checked again), and for a number only when the
// byte after it cannot continue it.
type Reuser[V any] interface {
	Reuse(start, level int, key string, entry int) (v V, end int, ok bool)
}

// Stacks are the reader's working stacks: a container's children collect there until
// the Builder gets them. A Builder that is a Stacker lends the reader its own, so that
// the several reads it builds share one set, which grows to the largest container once
// instead of once per read (a merge reads three versions of a file).
type Stacks[V any] struct {
	members []Member[V]
	elems   []V
}

// A Stacker is a Builder that lends the reader its Stacks.
type Stacker[V any] interface {
	Stacks() *Stacks[V]
}

// Options tune one Parse.
type Options struct {
	// MaxDepth is how many arrays and objects may nest; 0 means DefaultMaxDepth.
	MaxDepth int
	// Share makes decoded strings and number texts views of the input instead of
	// copies: faster, but the input must never change while the values live.
	Share bool
	// Skip, when set, is asked about every member of every object; a member it returns
	// true for is read for syntax only and its value left unbuilt. level is the
	// object's nesting level (the top-level object is 1).
	Skip func(level int, key string) bool
	// UncountedReuse makes Parse pass over the text of a value a Reuser hands back
	// without counting its lines, so that reusing a value costs the same whatever its
	// size; the Line of every later Pos is then short by those lines. For a builder
	// that reads again, piece by piece, text it has already read whole (and has no use
	// for lines): re-reading a container's members one level at a time stays linear.
	UncountedReuse bool
}

// DefaultMaxDepth is the nesting bound when Options.MaxDepth is 0.
const DefaultMaxDepth = 10000

// SyntaxError is input that is not JSON, or nested too deeply.
type SyntaxError struct {
	Offset int // where the problem was found
	Line   int
	Msg    string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }
