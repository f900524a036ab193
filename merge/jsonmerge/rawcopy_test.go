package jsonmerge

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// rendered is what the writer writes for text (a JSON container, read as base is
// read: lazily) at depth in the layout nl, indent: with copying off (rendered from
// the nodes) and on (copied when canonical says so), and what canonical says.
func rendered(t *testing.T, text []byte, depth int, nl, indent string) (raw string, render, copied []byte, canon bool) {
	t.Helper()
	read := func() *node {
		d, err := readBase(new(scratch), text, nil)
		if err != nil {
			return nil
		}
		return d.root
	}
	root := read()
	if root == nil || (root.kind != kObject && root.kind != kArray) {
		return "", nil, nil, false
	}
	w := &writer{nl: []byte(nl), indent: []byte(indent)}
	w.value(root, depth)
	render = w.buf
	root = read() // lazy again
	c := &writer{nl: []byte(nl), indent: []byte(indent), scanBudget: rawCopyBudget(len(text))}
	c.value(root, depth)
	check := &writer{nl: []byte(nl), indent: []byte(indent), scanBudget: rawCopyBudget(len(text))}
	canon = check.canonical(root.raw, depth)
	if canon && c.copied == 0 {
		t.Errorf("%q is canonical but the writer did not copy it", text)
	}
	return root.raw, render, c.buf, canon
}

// checkCanonical: canonical says a text is the writer's exactly when rendering it
// gives it back, and the writer writes the same bytes with copying on.
func checkCanonical(t *testing.T, text []byte, depth int, nl, indent string) (canon, ok bool) {
	t.Helper()
	raw, render, copied, canon := rendered(t, text, depth, nl, indent)
	if render == nil {
		return false, false
	}
	if want := string(render) == raw; canon != want {
		t.Errorf("canonical(%q, depth %d, nl %q, indent %q) = %v; the writer renders it as %q", text, depth, nl, indent, canon, render)
	}
	if !bytes.Equal(render, copied) {
		t.Errorf("copying changed the writer's output for %q (depth %d, nl %q, indent %q):\n%q\nrendered:\n%q", text, depth, nl, indent, copied, render)
	}
	return canon, true
}

func TestCanonical(t *testing.T) {
	for _, c := range []struct {
		text       string
		depth      int
		nl, indent string
		want       bool
	}{
		{"{\n  \"a\": 1,\n  \"b\": [\n    true,\n    null\n  ]\n}", 0, "\n", "  ", true},
		{"{\n    \"a\": 1\n  }", 1, "\n", "  ", true},                                     // written one level down
		{"{\n  \"a\": 1\n}", 1, "\n", "  ", false},                                        // indented for depth 0
		{"{\r\n  \"a\": 1\r\n}", 0, "\r\n", "  ", true},                                   // CRLF
		{"{\r\n  \"a\": 1\r\n}", 0, "\n", "  ", false},                                    // CRLF in an LF file
		{"{\n\t\"a\": {},\n\t\"b\": []\n}", 0, "\n", "\t", true},                          // tabs, empty containers
		{"{\n  \"a\": { }\n}", 0, "\n", "  ", false},                                      // the writer writes {}
		{"{\n  \n}", 0, "\n", "  ", false},                                                // an empty object over lines
		{"[\n  1,\n  \n  2\n]", 0, "\n", "  ", false},                                     // a blank line
		{"{\n  \"a\":  1\n}", 0, "\n", "  ", false},                                       // two spaces after the colon
		{"{\n  \"a\" : 1\n}", 0, "\n", "  ", false},                                       // space before the colon
		{"{\n  \"a\":1\n}", 0, "\n", "  ", false},                                         // no space after it
		{"[1, 2]", 0, "\n", "  ", false},                                                  // on one line
		{"[\n  1 ,\n  2\n]", 0, "\n", "  ", false},                                        // space before a comma
		{"[\n  1\n  ]", 0, "\n", "  ", false},                                             // bracket indented
		{"[\n  1 \n]", 0, "\n", "  ", false},                                              // trailing space
		{"{\n  \"a \\\" , [ {\": \"x\\\\\",\n  \"b\\\\\": \"]\"\n}", 0, "\n", "  ", true}, // brackets, commas, escapes in strings
		{"{\n  \"\\u0041\": 1.5e+3\n}", 0, "\n", "  ", true},                              // escaped name, number kept
	} {
		canon, ok := checkCanonical(t, []byte(c.text), c.depth, c.nl, c.indent)
		if !ok {
			t.Fatalf("%q does not read", c.text)
		}
		if canon != c.want {
			t.Errorf("canonical(%q) = %v, want %v", c.text, canon, c.want)
		}
	}
}

// TestCanonicalRandom: pac-written random documents, at random depths and layouts,
// with random whitespace edits: canonical agrees with the writer on each.
func TestCanonicalRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 7))
	yes, no := 0, 0
	for i := range 2000 {
		text := pacJSON(t, randObject(rng, 3))
		depth := rng.IntN(3)
		nl, indent := "\n", "  "
		if rng.IntN(4) == 0 {
			nl = "\r\n"
		}
		if rng.IntN(4) == 0 {
			indent = "\t"
		}
		// Laid out for depth in that layout, then maybe edited.
		prefix := "\n" + stringsRepeat(indent, depth)
		text = bytes.ReplaceAll(text, []byte("\n"), []byte(prefix))
		text = bytes.ReplaceAll(bytes.ReplaceAll(text, []byte("\n"), []byte(nl)), []byte("  "), []byte(indent))
		for e := rng.IntN(3); e > 0; e-- {
			text = whitespaceEdit(rng, text)
		}
		canon, ok := checkCanonical(t, text, depth, nl, indent)
		if !ok {
			continue
		}
		if canon {
			yes++
		} else {
			no++
		}
		if t.Failed() {
			t.Fatalf("iteration %d", i)
		}
	}
	if yes == 0 || no == 0 {
		t.Errorf("canonical said yes %d times, no %d times: want both", yes, no)
	}
}

func stringsRepeat(s string, n int) string { return string(bytes.Repeat([]byte(s), n)) }

// whitespaceEdit inserts or deletes one whitespace byte, or turns one newline into
// CRLF, at a random place (inside strings too: that is not whitespace).
func whitespaceEdit(rng *rand.Rand, text []byte) []byte {
	i := rng.IntN(len(text))
	switch rng.IntN(3) {
	case 0:
		return append(text[:i:i], append([]byte{" \t\n\r"[rng.IntN(4)]}, text[i:]...)...)
	case 1:
		if isSpace(text[i]) {
			return append(text[:i:i], text[i+1:]...)
		}
	case 2:
		if j := bytes.IndexByte(text[i:], '\n'); j >= 0 {
			return append(text[:i+j:i+j], append([]byte{'\r'}, text[i+j:]...)...)
		}
	}
	return text
}

// FuzzCanonical: whatever the text, depth and layout, canonical agrees with the
// writer.
func FuzzCanonical(f *testing.F) {
	f.Add([]byte("{\n  \"a\": [\n    1,\n    {}\n  ]\n}"), uint8(0))
	f.Add([]byte("[\r\n\t\t\"x\\\"]\"\r\n\t]"), uint8(1+4+8))
	f.Add([]byte("{\n  \n}"), uint8(0))
	f.Fuzz(func(t *testing.T, text []byte, mode uint8) {
		nl, indent := "\n", "  "
		if mode&4 != 0 {
			nl = "\r\n"
		}
		if mode&8 != 0 {
			indent = "\t"
		}
		checkCanonical(t, text, int(mode&3), nl, indent)
	})
}
