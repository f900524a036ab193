package replay

import (
	"bytes"
	"encoding/json"
	"io"
	"reflect"

	"github.com/canvasgit/canvasgit/merge"
)

// Agreement of a merged file with the recorded merge (M's blob).
const (
	ByteEqual      = "byte-equal"
	CanonicalEqual = "canonical-equal"
	Differs        = "differs"
)

// compareRecorded classifies a merge result against the recorded one. present says
// whether each side has the file at all.
func compareRecorded(kind merge.Kind, got []byte, gotOK bool, recorded []byte, recOK bool) string {
	switch {
	case !gotOK && !recOK:
		return ByteEqual
	case gotOK != recOK:
		return Differs
	case bytes.Equal(got, recorded):
		return ByteEqual
	case canonicalEqual(kind, got, recorded):
		return CanonicalEqual
	}
	return Differs
}

// canonicalizers are structure-aware comparisons by file kind, consulted before the
// generic ones. decided is false when the function cannot judge (say, a file that does
// not parse), and the generic comparisons then apply. The .fx.yaml comparison (controls
// and properties as a tree, order and formatting ignored where pac ignores them) goes
// here: canonicalizers = map[merge.Kind]...{merge.KindFxYaml: ...}. (Nil until then: a
// map made at package init is made on every start of the binary, the merge driver's
// too.)
var canonicalizers map[merge.Kind]func(a, b []byte) (equal, decided bool)

// canonicalEqual reports whether a and b are the same file after canonical
// re-formatting: the kind's own comparison if there is one; then, for JSON, equal
// decoded values (key order and formatting ignored); then equal text after CRLF→LF and
// without trailing whitespace at the end of the file.
func canonicalEqual(kind merge.Kind, a, b []byte) bool {
	if f := canonicalizers[kind]; f != nil {
		if equal, decided := f(a, b); decided {
			return equal
		}
	}
	if va, ok := decodeJSON(a); ok {
		if vb, ok := decodeJSON(b); ok {
			return reflect.DeepEqual(va, vb)
		}
	}
	return bytes.Equal(normalizeText(a), normalizeText(b))
}

// decodeJSON decodes a whole JSON document; numbers keep their spelling (1.0 ≠ 1).
func decodeJSON(b []byte) (any, bool) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	t := bytes.TrimSpace(b)
	if len(t) == 0 || (t[0] != '{' && t[0] != '[') {
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(t))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, false // trailing data
	}
	return v, true
}

// normalizeText turns CRLF into LF and drops whitespace at the end of the file.
func normalizeText(b []byte) []byte {
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	return bytes.TrimRight(b, " \t\r\n")
}
