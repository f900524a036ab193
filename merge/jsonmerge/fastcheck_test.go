package jsonmerge_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/merge/jsonmerge"
)

// checkBothWays fails the test when fastCheck and the reader's check disagree on data.
func checkBothWays(t *testing.T, name string, data []byte, idKeys []string) (fast bool, readerErr string) {
	t.Helper()
	fast, readerErr, err := jsonmerge.CheckBothWays(data, idKeys)
	if err != nil {
		t.Errorf("%s: %v", name, err)
	}
	return fast, readerErr
}

// TestFastCheckCases: fastCheck accepts plain JSON and makes the reader's records for
// it, ids included; it gives up on everything the reader refuses, and on escaped
// names (which the reader decodes before comparing them).
func TestFastCheckCases(t *testing.T) {
	ids := []string{"ControlUniqueId", "Id"}
	deep := strings.Repeat("[", 2001) + strings.Repeat("]", 2001)
	many := func(last string) string {
		var b strings.Builder
		b.WriteString("{")
		for i := range 40 {
			fmt.Fprintf(&b, "%q: %d, ", fmt.Sprint("k", i), i)
		}
		b.WriteString(last + ": 1}")
		return b.String()
	}
	for _, c := range []struct {
		text string
		fast bool // fastCheck accepts it (the reader does too)
	}{
		{`{"a": [1, -2.5e+3, 0, true, false, null, "x\"\\\/\b\f\n\r\tA\u00e9"], "b": {}}`, true},
		{"\xef\xbb\xbf\r\n\t {\"Id\": 7, \"c\": [{\"ControlUniqueId\": \"9\"}, {\"Id\": true}]} \n", true},
		{`[[], {}, [{"x": {"Id": 1}}], "é"]`, true},
		{many(`"k40"`), true},
		{`"just a string"`, false}, // a scalar root: the reader's way
		{`{"a": 01}`, false},
		{`{"a": -}`, false},
		{`{"a": 1.}`, false},
		{`{"a": 1e}`, false},
		{`{"a": .5}`, false},
		{`{"a": "\x01"}`, false},
		{`{"a": "\u00zz"}`, false},
		{`{"a": "\q"}`, false},
		{`{"a": "open}`, false},
		{`{"a": tru}`, false},
		{`{"a": 1,}`, false},
		{`[1, ]`, false},
		{`{"a" 1}`, false},
		{`{"a": 1} x`, false},
		{`{"a": 1}}`, false},
		{"{\"a\":\f1}", false},
		{`{"a": 1, "a": 2}`, false},
		{`{"\u0061": 1, "a": 2}`, false}, // a repeat, once decoded
		{`{"\u0061": 1, "b": 2}`, false}, // an escaped name: given up
		{many(`"k7"`), false},
		{deep, false},
		{`{"a": [1, 2}`, false},
		{``, false},
		{"{\"a\": \"\xff\"}", false},                       // not UTF-8
		{"{\"a\": \"\xe2\x82\"}", false},                   // a character cut short
		{"{\"a\": \"\xed\xa0\x80\"}", false},               // a surrogate, encoded
		{"{\"a\": 1}\xc3\xa9", false},                      // a character outside a string
		{"{\"\xe2\x82\xac\": \"\xf0\x9f\x98\x80\"}", true}, // four-byte characters
	} {
		fast, _ := checkBothWays(t, c.text, []byte(c.text), ids)
		if fast != c.fast {
			t.Errorf("%.60q: fastCheck accepted it: %v, want %v", c.text, fast, c.fast)
		}
	}
}

// TestFastCheckCorpus: on every JSON file of the corpus merges the structural merge
// takes (the three sides), fastCheck makes the reader's records, and it accepts them
// (all of them are JSON, few have escaped names).
func TestFastCheckCorpus(t *testing.T) {
	n, fast := 0, 0
	for _, b := range corpusBundles(t) {
		for _, tr := range triplesOf(t, b) {
			_, pol, ok := policyFor(tr.path)
			if !ok {
				continue
			}
			for _, side := range [][]byte{tr.base, tr.ours, tr.theirs} {
				if len(side) == 0 {
					continue
				}
				f, readerErr := checkBothWays(t, tr.name, side, pol.UniqueIDKeys)
				n++
				if f {
					fast++
				} else if readerErr == "" && strings.Contains(tr.path, "EditorState") {
					t.Errorf("%s: fastCheck gave up on an editor state the reader accepts", tr.name)
				}
			}
		}
	}
	if n == 0 {
		t.Skip("no corpus JSON")
	}
	t.Logf("%d files, %d accepted by fastCheck", n, fast)
	if fast == 0 {
		t.Error("fastCheck accepted no corpus file")
	}
}

// TestFastCheckRandomEdits: random edits of corpus JSON files (strings and numbers
// changed, lines dropped, repeated or swapped, bytes that break the syntax): fastCheck
// and the reader agree on each, and both outcomes occur.
func TestFastCheckRandomEdits(t *testing.T) {
	files, pols := corpusJSONBases(t)
	rng := rand.New(rand.NewPCG(18, 2028))
	iterations := 3000
	if testing.Short() {
		iterations = 300
	}
	fast, refused := 0, 0
	for i := range iterations {
		k := rng.IntN(len(files))
		data := randomEdits(rng, files[k])
		if rng.IntN(8) == 0 { // a byte that is not UTF-8, or a character cut short
			at := rng.IntN(len(data))
			data = append(append(data[:at:at], "\xff\xe2\x82"[rng.IntN(2):rng.IntN(2)+2]...), data[at:]...)
		}
		f, readerErr := checkBothWays(t, fmt.Sprintf("iteration %d (file %d)", i, k), data, pols[k].UniqueIDKeys)
		if f {
			fast++
		}
		if readerErr != "" {
			refused++
		}
		if t.Failed() {
			return
		}
	}
	t.Logf("%d edits: %d accepted by fastCheck, %d refused by the reader", iterations, fast, refused)
	if fast == 0 || refused == 0 {
		t.Error("want edits that fastCheck accepts and edits the reader refuses")
	}
}

// FuzzFastCheck: whatever the text, fastCheck accepts only what the reader accepts,
// with the reader's records.
func FuzzFastCheck(f *testing.F) {
	f.Add([]byte(`{"a": [1, -2.5e+3, {"Id": "x\u00e9\n"}], "b": {}}`))
	f.Add([]byte(`{"a": 1, "a": 2}`))
	f.Add([]byte("[\"\\ud800\", 0.0e-0, true, null]"))
	f.Add([]byte("{\"é\": \"\xe2\x82\xac\", \"x\": \"\xe2\x82\"}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkBothWays(t, "fuzz", data, []string{"Id", "ControlUniqueId"})
	})
}
