package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/canvasgit/canvasgit/source/jsondoc"
)

// check's JSON model: every value and object key with its line, duplicate keys kept (a
// textual merge can produce them). It is built for the few files whose structure the
// checks read; every other JSON file is only validated.

type jkind uint8

const (
	jNull jkind = iota
	jBool
	jNum
	jStr
	jArr
	jObj
)

type jval struct {
	kind    jkind
	line    int
	str     string // string value, number literal, or "true"/"false"
	members []jmember
	elems   []*jval
}

type jmember struct {
	key  string
	line int
	val  *jval
}

// get returns the value of the first member named key, or nil.
func (v *jval) get(key string) *jval {
	if v == nil || v.kind != jObj {
		return nil
	}
	for _, m := range v.members {
		if m.key == key {
			return m.val
		}
	}
	return nil
}

// member returns the first member named key.
func (v *jval) member(key string) (jmember, bool) {
	if v == nil || v.kind != jObj {
		return jmember{}, false
	}
	for _, m := range v.members {
		if m.key == key {
			return m, true
		}
	}
	return jmember{}, false
}

// text returns a string value, or "" for anything else.
func (v *jval) text() string {
	if v == nil || v.kind != jStr {
		return ""
	}
	return v.str
}

// isTrue reports whether v is the literal true.
func (v *jval) isTrue() bool { return v != nil && v.kind == jBool && v.str == "true" }

// idKey renders a scalar as a comparison key: numbers by their exact value (5 and 5.0
// are the same id, 9007199254740993 and 9007199254740992 are not), strings
// case-insensitively (GUIDs).
func (v *jval) idKey() string {
	switch v.kind {
	case jNum:
		return "n:" + jsondoc.CanonicalNumber(v.str)
	case jStr:
		return "s:" + strings.ToLower(v.str)
	}
	return ""
}

// display renders a scalar for messages.
func (v *jval) display() string {
	if v.kind == jStr {
		return strconv.Quote(v.str)
	}
	return v.str
}

// jsonError is a syntax error with the line it was found on.
type jsonError struct {
	line int
	msg  string
}

func (e *jsonError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// validateJSON reports whether data is valid JSON (a UTF-8 BOM is accepted, as .NET's
// reader accepts it), with the line of the first error.
func validateJSON(data []byte) error {
	data = bytes.TrimPrefix(data, utf8BOM)
	if json.Valid(data) {
		return nil
	}
	var v any
	err := json.Unmarshal(data, &v)
	var se *json.SyntaxError
	line := 1
	msg := "not valid JSON"
	if err != nil {
		msg = err.Error()
	}
	if errors.As(err, &se) {
		off := int(se.Offset)
		if off > len(data) {
			off = len(data)
		}
		line = 1 + bytes.Count(data[:max(off-1, 0)], []byte{'\n'})
		msg = se.Error()
	}
	return &jsonError{line: line, msg: msg}
}

// errNotJSON is jsonValid's verdict as an error.
var errNotJSON = errors.New("not valid JSON")

// notJSON reports a JSON file that did not read: with encoding/json's message and line
// when it rejects the file too (it always does: source/jsondoc accepts exactly what it
// accepts), else with the reader's own error.
func (a *app) notJSON(path string, data []byte, readErr error) {
	if err := validateJSON(data); err != nil {
		var je *jsonError
		line := 0
		msg := err.Error()
		if errors.As(err, &je) {
			line, msg = je.line, je.msg
		}
		a.add(Error, CheckParse, []string{path}, Location{path, line}, nil, "not valid JSON: %s", msg)
		return
	}
	a.add(Error, CheckParse, []string{path}, Location{path, 0}, nil, "not valid JSON: %v", readErr)
}

// jsonValid reports whether data is one JSON document (a UTF-8 BOM before it is
// accepted), building nothing. source/jsondoc's tests hold the reader to
// encoding/json's verdict on every input they try, and it reads a valid file faster
// than json.Valid does (BenchmarkJSONValid).
func jsonValid(data []byte) bool {
	_, _, _, err := jsondoc.Parse[struct{}](data, noTree{}, jsondoc.Options{MaxDepth: maxJSONDepth, Share: true})
	return err == nil
}

// noTree is the Builder that builds nothing.
type noTree struct{}

func (noTree) Scalar(jsondoc.Scalar) struct{}              { return struct{}{} }
func (noTree) Array([]struct{}, jsondoc.Pos, int) struct{} { return struct{}{} }
func (noTree) Object([]jsondoc.Member[struct{}], jsondoc.Pos, int) (struct{}, error) {
	return struct{}{}, nil
}

// parseJSON reads one JSON document with the one JSON reader (source/jsondoc), keeping
// lines and duplicate keys.
func parseJSON(data []byte) (*jval, error) {
	v, _, _, err := jsondoc.Parse[*jval](data, jvalBuilder{}, jsondoc.Options{MaxDepth: maxJSONDepth})
	var se *jsondoc.SyntaxError
	if errors.As(err, &se) {
		return nil, &jsonError{line: se.Line, msg: se.Msg}
	}
	return v, err
}

// maxJSONDepth is encoding/json's nesting bound, so that the reader rejects what
// encoding/json rejects.
const maxJSONDepth = 10000

// jvalBuilder builds jvals.
type jvalBuilder struct{}

func (jvalBuilder) Scalar(s jsondoc.Scalar) *jval {
	v := &jval{line: s.Start.Line, str: s.Text}
	switch s.Kind {
	case jsondoc.Null:
		v.kind, v.str = jNull, ""
	case jsondoc.Bool:
		v.kind = jBool
	case jsondoc.Number:
		v.kind = jNum
	case jsondoc.String:
		v.kind = jStr
	}
	return v
}

func (jvalBuilder) Array(elems []*jval, start jsondoc.Pos, _ int) *jval {
	v := &jval{kind: jArr, line: start.Line}
	if len(elems) > 0 {
		v.elems = append([]*jval(nil), elems...)
	}
	return v
}

func (jvalBuilder) Object(members []jsondoc.Member[*jval], start jsondoc.Pos, _ int) (*jval, error) {
	v := &jval{kind: jObj, line: start.Line}
	if len(members) > 0 {
		v.members = make([]jmember, len(members))
		for i, m := range members {
			v.members[i] = jmember{key: m.Key, line: m.KeyPos.Line, val: m.Val}
		}
	}
	return v, nil
}
