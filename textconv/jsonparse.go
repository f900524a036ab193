package textconv

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unsafe"

	"github.com/canvasgit/canvasgit/source/jsondoc"
)

// textconv's JSON model: object (members in input order, duplicates kept), []any,
// string, json.Number, bool and nil, built by the one JSON reader (source/jsondoc).

const maxDepth = 512

// parseJSON decodes JSON into the model. A UTF-8 BOM is skipped.
//
// Strings in the result share data's memory (copying them was a quarter of the
// allocations on large apps), so data must not change afterwards; every caller
// passes a buffer it got fresh from the archive or from parseJSONString.
func parseJSON(data []byte) (any, error) {
	return readJSON(data, jsondoc.Options{MaxDepth: maxDepth, Share: true})
}

// parseJSONString parses JSON held in a string (a JSON document embedded in another
// one, like Properties.LocalConnectionReferences) without copying it: strings are
// immutable, so sharing their memory is safe.
func parseJSONString(s string) (any, error) {
	return parseJSON(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// parseJSONOwned is parseJSON with strings that do not keep data alive: for
// entries whose decoded form outlives the step that reads them (control files stay
// in memory for the whole rendering, and their raw text is mostly fields the
// renderer does not keep).
func parseJSONOwned(data []byte) (any, error) {
	return readJSON(data, jsondoc.Options{MaxDepth: maxDepth})
}

// parseControlHeader is parseJSONOwned that reads, of the object at level 2 (a
// control file's TopParent), only the members headerKey names: the others, its rules
// and children, are checked for syntax and become null.
func parseControlHeader(data []byte) (any, error) {
	return readJSON(data, jsondoc.Options{MaxDepth: maxDepth, Skip: func(level int, key string) bool {
		return level == 2 && !headerKey(key)
	}})
}

// headerKey reports whether a TopParent member is one parseControlHeader keeps.
func headerKey(k string) bool {
	switch strings.ToLower(k) {
	case "name", "index", "controluniqueid", "template":
		return true
	}
	return false
}

func readJSON(data []byte, o jsondoc.Options) (any, error) {
	return readJSONWith(data, &modelBuilder{}, o)
}

// readJSONWith is readJSON with a builder of the model other than modelBuilder.
func readJSONWith(data []byte, b jsondoc.Builder[any], o jsondoc.Options) (any, error) {
	v, _, _, err := jsondoc.Parse[any](data, b, o)
	var se *jsondoc.SyntaxError
	if errors.As(err, &se) {
		return nil, fmt.Errorf("JSON offset %d: %s", se.Offset, se.Msg)
	}
	return v, err
}

// modelBuilder builds the model's values. The members of small objects are cut
// from shared chunks: one allocation per chunk instead of one per object (a
// quarter of the allocations of a large app were objects' members). A chunk lives
// as long as any object cut from it: objects that outlive the rest of their file
// (the templates kept from a screen) are copied by cloneJSON first.
type modelBuilder struct {
	kvs []kv // the current chunk's unused part
}

// chunkMembers is how many members a chunk holds; objectsInChunk the largest object
// cut from one.
const chunkMembers, objectsInChunk = 512, 32

func (*modelBuilder) Scalar(s jsondoc.Scalar) any {
	switch s.Kind {
	case jsondoc.String:
		return s.Text
	case jsondoc.Number:
		return json.Number(s.Text)
	case jsondoc.Bool:
		return s.Text == "true"
	}
	return nil
}

func (*modelBuilder) Array(elems []any, _ jsondoc.Pos, _ int) any {
	return append(make([]any, 0, len(elems)), elems...)
}

func (b *modelBuilder) Object(members []jsondoc.Member[any], _ jsondoc.Pos, _ int) (any, error) {
	n := len(members)
	o := object{} // an empty object is not nil, as before
	switch {
	case n == 0:
	case n <= objectsInChunk:
		if len(b.kvs) < n {
			b.kvs = make([]kv, chunkMembers)
		}
		o, b.kvs = b.kvs[:n:n], b.kvs[n:]
	default:
		o = make(object, n)
	}
	for i := range members {
		o[i] = kv{members[i].Key, members[i].Val}
	}
	return o, nil
}
