package textconv

import (
	"unicode/utf8"
	"unsafe"

	"github.com/canvasgit/canvasgit/source/jsondoc"
)

// canonicalText is JSON text already in the form writeJSON would give it, written
// as it is. It stands for the large string members of a JSON document embedded in a
// string (a CDS TableDefinition: 22 MB of the 27 MB DataSources.json of the largest
// corpus app, mostly its EntityMetadata, itself JSON in a string). Decoding those
// strings only to escape them again the same way cost a third of a whole rendering.
type canonicalText string

// parseEmbeddedJSON is parseJSONString for a document whose members are only
// written out again (a TableDefinition), never inspected: the top-level object's
// string members that writeString would write byte for byte as stored are kept as
// canonicalText; every other member is parsed as parseJSON does. It fails exactly
// when parseJSONString fails: the object is first read for syntax, and a member not
// kept as text gets the full parse.
func parseEmbeddedJSON(s string) (any, error) {
	if s == "" {
		return parseJSONString(s)
	}
	b := embeddedBuilder{text: s, root: rootOffset(s)}
	// jsondoc only reads its input, so s's bytes can be shared as parseJSONString does.
	v, _, _, err := jsondoc.Parse[any](unsafe.Slice(unsafe.StringData(s), len(s)), &b,
		jsondoc.Options{MaxDepth: maxDepth, Share: true, Skip: func(level int, _ string) bool { return level == 1 }})
	if err != nil {
		// The error parseJSONString reports: its syntax checks are a superset.
		return parseJSONString(s)
	}
	return v, nil
}

// rootOffset is where the top-level value of s starts: after a UTF-8 byte order
// mark and whitespace, as jsondoc.Parse reads it.
func rootOffset(s string) int {
	i := 0
	if len(s) >= 3 && s[:3] == "\xef\xbb\xbf" {
		i = 3
	}
	for i < len(s) && isJSONSpace(s[i]) {
		i++
	}
	return i
}

func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// embeddedBuilder is modelBuilder that fills in the skipped members of the
// top-level object (the only object starting at root) from their text.
type embeddedBuilder struct {
	modelBuilder
	text string
	root int
}

func (b *embeddedBuilder) Object(members []jsondoc.Member[any], start jsondoc.Pos, end int) (any, error) {
	if start.Offset != b.root {
		return b.modelBuilder.Object(members, start, end)
	}
	o := make(object, len(members))
	for i, m := range members {
		// The value lies between the key's colon and the comma before the next key
		// (or the closing brace), whitespace aside.
		from := m.KeyEnd
		for isJSONSpace(b.text[from]) || b.text[from] == ':' {
			from++
		}
		to := end - 1 // the closing brace
		if i+1 < len(members) {
			to = members[i+1].KeyPos.Offset
			for isJSONSpace(b.text[to-1]) {
				to--
			}
			to-- // the comma
		}
		for isJSONSpace(b.text[to-1]) {
			to--
		}
		tok := b.text[from:to]
		o[i].Key = m.Key
		if tok[0] == '"' && writesAsStored(tok) {
			o[i].Val = canonicalText(tok)
			continue
		}
		v, err := parseJSONString(tok)
		if err != nil {
			return nil, err
		}
		o[i].Val = v
	}
	return o, nil
}

// writesAsStored reports whether tok, a well-formed JSON string token with its
// quotes, is what writeString writes for the string it decodes to: only the escapes
// writeString uses (\" \\ \n \r \t \b \f, no \u or \/), no raw DEL, and only
// valid UTF-8 within the Basic Multilingual Plane (writeString writes other runes as
// \u surrogate pairs and invalid bytes as U+FFFD).
func writesAsStored(tok string) bool {
	for i := 1; i < len(tok)-1; i++ {
		c := tok[i]
		if c >= 0x20 && c < 0x7f && c != '"' && c != '\\' {
			continue // printable ASCII, the common case
		}
		switch {
		case c == '\\':
			i++
			switch tok[i] {
			case '"', '\\', 'n', 'r', 't', 'b', 'f':
				continue
			}
			return false
		case c < utf8.RuneSelf:
			return false // a control character, DEL or a bare quote
		}
		r, size := utf8.DecodeRuneInString(tok[i:])
		if (r == utf8.RuneError && size == 1) || r > 0xffff {
			return false
		}
		i += size - 1
	}
	return true
}
