package jsondoc

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// The differential tests run Parse and refParse (the byte-by-byte reader of
// reference_test.go) over the same input with the same Options and require the same
// calls to the builder, to Options.Skip and to Reuser.Reuse, in the same order with
// the same arguments, and the same result or the same error.

// recorder is a builder that logs every call it gets, numbering the values it makes
// (a member skipped is value 0), and keeps the span of every value it built.
type recorder struct {
	log   []string
	next  int
	spans map[int]int // start offset -> end offset
}

func newRecorder() *recorder { return &recorder{spans: map[int]int{}} }

func (r *recorder) add(start, end int, format string, args ...any) int {
	r.next++
	r.log = append(r.log, fmt.Sprintf("%d: ", r.next)+fmt.Sprintf(format, args...))
	r.spans[start] = end
	return r.next
}

func (r *recorder) Scalar(s Scalar) int {
	return r.add(s.Start.Offset, s.End, "scalar %d %q at %+v..%d", s.Kind, s.Text, s.Start, s.End)
}

func (r *recorder) Array(elems []int, start Pos, end int) int {
	return r.add(start.Offset, end, "array %v at %+v..%d", elems, start, end)
}

// Object refuses an object with a member "refuse", to check that a builder's error
// comes back as it is.
func (r *recorder) Object(members []Member[int], start Pos, end int) (int, error) {
	var b strings.Builder
	for _, m := range members {
		fmt.Fprintf(&b, " %q@%+v..%d=%d", m.Key, m.KeyPos, m.KeyEnd, m.Val)
	}
	id := r.add(start.Offset, end, "object{%s } at %+v..%d", b.String(), start, end)
	for _, m := range members {
		if m.Key == "refuse" {
			return 0, errRefused
		}
	}
	return id, nil
}

// reusingRecorder also hands back, for every third value start it is asked about,
// the value that starts there in reuse (spans of an earlier full reading).
type reusingRecorder struct {
	*recorder
	reuse map[int]int
}

func (r reusingRecorder) Reuse(start, level int, key string, entry int) (int, int, bool) {
	ask := fmt.Sprintf("reuse? %d level %d key %q entry %d", start, level, key, entry)
	end, ok := r.reuse[start]
	if !ok || (start+level)%3 != 0 {
		r.log = append(r.log, ask+": no")
		return 0, 0, false
	}
	return r.add(start, end, "%s: yes, to %d", ask, end), end, true
}

// skipOdd is the Skip rule of the tests: members of nested objects whose key has an
// odd length.
func skipOdd(level int, key string) bool { return level >= 2 && len(key)%2 == 1 }

// differ fails the test when Parse and refParse disagree on data under any of the
// option sets the readers have.
func differ(t *testing.T, data []byte) {
	t.Helper()
	full := newRecorder()
	refParse(data, full, Options{})
	for _, o := range []struct {
		name  string
		opts  Options
		reuse bool
	}{
		{"default", Options{}, false},
		{"shared", Options{Share: true}, false},
		{"depth 3", Options{MaxDepth: 3}, false},
		{"skip", Options{Skip: skipOdd}, false},
		{"reuse", Options{}, true},
	} {
		got, want := run(Parse[int], data, o.opts, o.reuse, full.spans), run(refParse, data, o.opts, o.reuse, full.spans)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q, %s: the reader and the reference disagree:\n%s", data, o.name, firstDifference(got, want))
		}
	}
}

type outcome struct {
	log              []string
	root, start, end int
	err              string
}

func run(parse func([]byte, Builder[int], Options) (int, int, int, error), data []byte, o Options, reuse bool, spans map[int]int) outcome {
	r := newRecorder()
	if o.Skip != nil {
		skip := o.Skip
		o.Skip = func(level int, key string) bool {
			r.log = append(r.log, fmt.Sprintf("skip? level %d key %q", level, key))
			return skip(level, key)
		}
	}
	var b Builder[int] = r
	if reuse {
		b = reusingRecorder{r, spans}
	}
	root, start, end, err := parse(data, b, o)
	out := outcome{log: r.log, root: root, start: start, end: end}
	var se *SyntaxError
	switch {
	case errors.As(err, &se):
		out.err = fmt.Sprintf("syntax error %+v", *se)
	case err != nil:
		out.err = err.Error()
	}
	return out
}

func firstDifference(got, want outcome) string {
	for i := 0; i < len(got.log) || i < len(want.log); i++ {
		var g, w string
		if i < len(got.log) {
			g = got.log[i]
		}
		if i < len(want.log) {
			w = want.log[i]
		}
		if g != w {
			return fmt.Sprintf("call %d: reader %s\n         reference %s", i, g, w)
		}
	}
	return fmt.Sprintf("reader   %d..%d root %d, error %q\nreference %d..%d root %d, error %q",
		got.start, got.end, got.root, got.err, want.start, want.end, want.root, want.err)
}

// TestReaderAgreesWithReference: the hand-written cases, every string case inside
// an array and as a member, random documents and their mutations, and deep nesting.
func TestReaderAgreesWithReference(t *testing.T) {
	for _, c := range cases {
		differ(t, []byte(c))
	}
	for _, c := range strCases {
		differ(t, []byte(c))
		differ(t, []byte("[\n  "+c+",\n  "+c+"\n]"))
		differ(t, []byte(`{"ab":{"abc": `+c+`, "`+strings.Trim(c, `"`)+`": 1}}`))
	}
	rng := rand.New(rand.NewPCG(5, 6))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for range n {
		differ(t, randomDocument(rng))
	}
	for _, depth := range []int{2, 3, 4, DefaultMaxDepth, DefaultMaxDepth + 1} {
		differ(t, []byte(strings.Repeat(`[{"a":`, depth/2)+strings.Repeat("[", depth%2)+"1"+strings.Repeat("]", depth%2)+strings.Repeat("}]", depth/2)))
		differ(t, []byte(strings.Repeat("[", depth)+strings.Repeat("]", depth)))
		differ(t, []byte(strings.Repeat(`{"abc":`, depth)+"null"+strings.Repeat("}", depth)))
	}
}

// TestReaderAgreesWithReferenceOnCorpus: the largest editor state, .sarif and
// Entropy.json of the corpus, whole, with one byte of the second half changed, and windows cut out of
// them (which mostly end, or start, in the middle of a token).
func TestReaderAgreesWithReferenceOnCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the corpus's largest JSON files; skipped in -short")
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for _, f := range largestCorpusFiles(t) {
		differ(t, f.data)
		m := append([]byte(nil), f.data...)
		m[len(m)/2+rng.IntN(len(m)/2)] = nasty[rng.IntN(len(nasty))]
		differ(t, m)
		for range 200 {
			i := rng.IntN(len(f.data))
			j := min(len(f.data), i+rng.IntN(4096))
			differ(t, f.data[i:j])
		}
	}
}

// FuzzReaderAgreesWithReference is TestReaderAgreesWithReference on any input.
func FuzzReaderAgreesWithReference(f *testing.F) {
	for _, c := range cases {
		f.Add([]byte(c))
	}
	for _, c := range strCases {
		f.Add([]byte("[\n  " + c + "\n]"))
	}
	f.Fuzz(func(t *testing.T, data []byte) { differ(t, data) })
}

// nasty are the bytes the mutations put in: JSON's punctuation, whitespace,
// escapes' letters, control bytes and bytes that are not UTF-8 on their own.
const nasty = "{}[]:,\"\\ \t\r\nuU0189eE+-.ntfl\x00\x01\x1f\x7f\x80\xbf\xc3\xe2\xed\xf0\xff"

// randomDocument writes a random JSON-like document: mostly valid, pretty-printed
// or compact, with strings of every kind; sometimes after a byte order mark, and
// sometimes mutated into something that is not JSON.
func randomDocument(rng *rand.Rand) []byte {
	g := &docGen{rng: rng}
	if rng.IntN(10) == 0 {
		g.b = append(g.b, utf8BOM...)
	}
	g.space()
	g.value(0)
	g.space()
	if rng.IntN(3) == 0 {
		for k := 1 + rng.IntN(3); k > 0 && len(g.b) > 0; k-- {
			i := rng.IntN(len(g.b) + 1)
			switch rng.IntN(4) {
			case 0: // delete a byte
				if i < len(g.b) {
					g.b = append(g.b[:i], g.b[i+1:]...)
				}
			case 1: // insert one
				g.b = append(g.b[:i], append([]byte{nasty[rng.IntN(len(nasty))]}, g.b[i:]...)...)
			case 2: // replace one with any byte
				if i < len(g.b) {
					g.b[i] = byte(rng.IntN(256))
				}
			case 3: // cut the end off
				g.b = g.b[:i]
			}
		}
	}
	return g.b
}

type docGen struct {
	rng *rand.Rand
	b   []byte
}

func (g *docGen) space() {
	switch g.rng.IntN(8) {
	case 3:
		g.b = append(g.b, ' ')
	case 4:
		g.b = append(g.b, "\n"+strings.Repeat(" ", g.rng.IntN(24))...)
	case 5:
		g.b = append(g.b, "\r\n"+strings.Repeat(" ", g.rng.IntN(24))...)
	case 6:
		g.b = append(g.b, "\n"+strings.Repeat("\t", g.rng.IntN(4))...)
	case 7:
		for n := g.rng.IntN(12); n > 0; n-- {
			g.b = append(g.b, " \t\r\n"[g.rng.IntN(4)])
		}
	}
}

func (g *docGen) value(depth int) {
	k := g.rng.IntN(10)
	if depth > 5 {
		k = 4 + g.rng.IntN(6)
	}
	switch {
	case k < 2:
		g.container('{', '}', depth)
	case k < 4:
		g.container('[', ']', depth)
	case k < 7:
		g.str()
	case k < 9:
		g.b = append(g.b, numberTexts[g.rng.IntN(len(numberTexts))]...)
	default:
		g.b = append(g.b, literalTexts[g.rng.IntN(len(literalTexts))]...)
	}
}

func (g *docGen) container(open, close byte, depth int) {
	g.b = append(g.b, open)
	for i, n := 0, g.rng.IntN(5); i < n; i++ {
		if i > 0 {
			g.b = append(g.b, ',')
		}
		g.space()
		if open == '{' {
			g.str()
			g.space()
			g.b = append(g.b, ':')
			g.space()
		}
		g.value(depth + 1)
		g.space()
	}
	g.b = append(g.b, close)
}

// str writes a string of pieces: plain runs of every length (so that a run ends at
// every position of a word), escapes good and bad, non-ASCII, bytes that are not
// UTF-8 and, rarely, a raw control character.
func (g *docGen) str() {
	g.b = append(g.b, '"')
	for n := g.rng.IntN(6); n > 0; n-- {
		if g.rng.IntN(3) > 0 {
			for m := g.rng.IntN(20); m > 0; m-- {
				g.b = append(g.b, plainBytes[g.rng.IntN(len(plainBytes))])
			}
			continue
		}
		g.b = append(g.b, stringPieces[g.rng.IntN(len(stringPieces))]...)
	}
	g.b = append(g.b, '"')
}

const plainBytes = "abcXYZ019 _.:{}[],/'~"

var (
	stringPieces = []string{
		`\"`, `\\`, `\/`, `\b\f\n\r\t`, `\u00e9`, `\u00E9`, `\ud83d\ude00`, `\ud800`, `\udc00\ud800`, `\ud800\u0041`,
		`\\\"`, `\\\\`, "é", "😀", "\xff", "\xc3", "\xe2\x82", "\xed\xa0\x80", `\u12G4`, `\q`, `\u00`, "\x01", "\t", "\n",
	}
	numberTexts  = []string{"0", "-0", "7", "12", "1.5", "-3e10", "1E+2", "0.0e-1", "123456789012345678901234567890", "01", "1.", "-", "1e", "1e+", "-.5", "2.e3"}
	literalTexts = []string{"true", "false", "null", "tru", "nul", "fals", "nulll", "True"}
)
