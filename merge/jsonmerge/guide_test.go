package jsonmerge_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/merge/jsonmerge"
	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// triplesOf is bundleTriples, read once per test binary.
func triplesOf(t *testing.T, bundle string) []triple {
	if trs, ok := tripleCache[bundle]; ok {
		return trs
	}
	trs := bundleTriples(t, bundle)
	tripleCache[bundle] = trs
	return trs
}

var tripleCache = map[string][]triple{}

// outcome is everything Merge says, for comparing two ways of merging.
type outcome struct {
	res jsonmerge.Result
	err string
}

// mergeBothWays merges with the sides read against base and base read lazily (from
// its size threshold) and canonical containers copied by the writer, and with every
// input read whole and every container rendered. A base under the threshold is also
// merged read lazily: the guided outcome is then that one when it differs.
func mergeBothWays(base, ours, theirs []byte, pol jsonmerge.Policy, opt linemerge.Options) (guided, full outcome) {
	run := func(on bool, lazyMin int) outcome {
		was := jsonmerge.SetGuided(on)
		defer jsonmerge.SetGuided(was)
		wasCopy := jsonmerge.SetRawCopy(on)
		defer jsonmerge.SetRawCopy(wasCopy)
		wasMin := jsonmerge.SetLazyMin(lazyMin)
		defer jsonmerge.SetLazyMin(wasMin)
		res, err := jsonmerge.Merge(base, ours, theirs, pol, opt)
		o := outcome{res: res}
		if err != nil {
			o.err = err.Error()
		}
		return o
	}
	threshold := jsonmerge.SetLazyMin(0)
	jsonmerge.SetLazyMin(threshold)
	guided, full = run(true, threshold), run(false, threshold)
	if len(base) < threshold {
		if lazy := run(true, 0); !sameResult(lazy, guided) {
			guided = lazy
		}
	}
	return guided, full
}

func sameResult(a, b outcome) bool {
	return a.err == b.err && bytes.Equal(a.res.Merged, b.res.Merged) &&
		reflect.DeepEqual(a.res.Conflicts, b.res.Conflicts) && reflect.DeepEqual(a.res.Notes, b.res.Notes)
}

func sameOutcome(t *testing.T, name string, guided, full outcome) bool {
	t.Helper()
	if !sameResult(guided, full) {
		t.Errorf("%s: reading the sides against base changed the merge:\nguided: err %q conflicts %+v notes %q\n%s\nfull:   err %q conflicts %+v notes %q\n%s",
			name, guided.err, guided.res.Conflicts, guided.res.Notes, guided.res.Merged, full.err, full.res.Conflicts, full.res.Notes, full.res.Merged)
		return false
	}
	return true
}

var diffOptions = []linemerge.Options{
	{OursLabel: "ours", BaseLabel: "base", TheirsLabel: "theirs"},
	{OursLabel: "ours", BaseLabel: "base", TheirsLabel: "theirs", Style: linemerge.StyleDiff3, Favor: linemerge.FavorTheirs},
}

// TestGuidedCorpusMerges: on every JSON file both parents of a corpus merge changed,
// the merge reading the sides against base gives the bytes, conflicts and notes of
// the merge reading them whole; so do random edits of those files (below).
func TestGuidedCorpusMerges(t *testing.T) {
	n, copies := 0, 0
	defer jsonmerge.CountRawCopies(&copies)()
	for _, b := range corpusBundles(t) {
		for _, tr := range triplesOf(t, b) {
			_, pol, ok := policyFor(tr.path)
			if !ok {
				continue
			}
			for _, opt := range diffOptions {
				g, f := mergeBothWays(tr.base, tr.ours, tr.theirs, pol, opt)
				sameOutcome(t, tr.name, g, f)
			}
			n++
		}
	}
	t.Logf("%d corpus merges compared, %d containers copied from their text by the writer", n, copies)
	if n > 0 && copies == 0 {
		t.Error("the writer copied no container from its text: the copying is not tested")
	}
}

// corpusJSONBases are the bases of the corpus merges of JSON files the structural
// merge takes, with each one's policy; the test is skipped without them.
func corpusJSONBases(t *testing.T) (files [][]byte, pols []jsonmerge.Policy) {
	t.Helper()
	for _, b := range corpusBundles(t) {
		for _, tr := range triplesOf(t, b) {
			if _, pol, ok := policyFor(tr.path); ok && len(tr.base) > 0 {
				files, pols = append(files, tr.base), append(pols, pol)
			}
		}
	}
	if len(files) == 0 {
		t.Skip("no corpus JSON")
	}
	return files, pols
}

// TestGuidedRandomEdits: each side makes a few random edits of a corpus JSON file
// (strings and numbers changed, lines dropped, repeated or swapped, ids copied onto
// other controls, bytes that break the syntax); both ways of merging must agree,
// errors included.
func TestGuidedRandomEdits(t *testing.T) {
	files, pols := corpusJSONBases(t)
	rng := rand.New(rand.NewPCG(18, 2026))
	iterations := 1500
	if testing.Short() {
		iterations = 200
	}
	for i := 0; i < iterations; i++ {
		k := rng.IntN(len(files))
		base := files[k]
		ours, theirs := randomEdits(rng, base), randomEdits(rng, base)
		opt := diffOptions[rng.IntN(len(diffOptions))]
		g, f := mergeBothWays(base, ours, theirs, pols[k], opt)
		if !sameOutcome(t, fmt.Sprintf("iteration %d (file %d)", i, k), g, f) {
			return
		}
	}
}

// TestLazyBaseRandomEdits: random edits of a corpus JSON file as base (some break its
// syntax or repeat a member name), each side a few more edits of the original; the
// merge reading base lazily and the one reading every input whole must agree, errors
// included.
func TestLazyBaseRandomEdits(t *testing.T) {
	files, pols := corpusJSONBases(t)
	rng := rand.New(rand.NewPCG(18, 2027))
	iterations := 300
	if testing.Short() {
		iterations = 60
	}
	errs := 0
	for i := 0; i < iterations; i++ {
		k := rng.IntN(len(files))
		orig := files[k]
		base, ours, theirs := randomEdits(rng, orig), randomEdits(rng, orig), randomEdits(rng, orig)
		opt := diffOptions[rng.IntN(len(diffOptions))]
		g, f := mergeBothWays(base, ours, theirs, pols[k], opt)
		if !sameOutcome(t, fmt.Sprintf("iteration %d (file %d)", i, k), g, f) {
			return
		}
		if strings.HasPrefix(f.err, "base is not valid JSON") {
			errs++
		}
	}
	if errs == 0 {
		t.Error("no invalid base among the edits")
	}
	t.Logf("%d merges, %d with an invalid base", iterations, errs)
}

// randomEdits applies one to three random edits to a copy of data.
func randomEdits(rng *rand.Rand, data []byte) []byte {
	out := bytes.Clone(data)
	for e, n := 0, 1+rng.IntN(3); e < n; e++ {
		out = randomEdit(rng, out)
	}
	return out
}

func randomEdit(rng *rand.Rand, data []byte) []byte {
	lines := bytes.SplitAfter(data, []byte("\n"))
	if len(lines) < 3 {
		return append(data, ' ')
	}
	i := rng.IntN(len(lines))
	line := lines[i]
	switch rng.IntN(9) {
	case 0, 1: // change a string: text after an opening quote of a value
		if j := bytes.Index(line, []byte(`: "`)); j >= 0 {
			lines[i] = append(append(bytes.Clone(line[:j+3]), "edit-"...), line[j+3:]...)
		}
	case 2: // change a number: a digit changed, or one more (the number goes on)
		for j, c := range line {
			if c >= '0' && c <= '9' {
				l := bytes.Clone(line)
				if rng.IntN(2) == 0 {
					l[j] = byte('0' + (int(c-'0')+1+rng.IntN(8))%10)
				} else {
					l = append(append(l[:j+1:j+1], '7'), line[j+1:]...)
				}
				lines[i] = l
				break
			}
		}
	case 3: // drop a line (a member, an entry or a bracket)
		lines = append(lines[:i:i], lines[i+1:]...)
	case 4: // repeat a line
		lines = append(lines[:i+1:i+1], lines[i:]...)
	case 5: // swap with the next line
		if i+1 < len(lines) {
			lines[i], lines[i+1] = lines[i+1], lines[i]
		}
	case 6: // copy one control's id onto another
		var ids []int
		for j, l := range lines {
			if bytes.Contains(l, []byte(`"ControlUniqueId"`)) {
				ids = append(ids, j)
			}
		}
		if len(ids) >= 2 {
			a, b := ids[rng.IntN(len(ids))], ids[rng.IntN(len(ids))]
			lines[b] = bytes.Clone(lines[a])
		}
	case 7: // a byte that breaks the syntax
		l := bytes.Clone(line)
		if len(l) > 1 {
			l[rng.IntN(len(l)-1)] = "{}[],:\"x0"[rng.IntN(9)]
		}
		lines[i] = l
	case 8: // whitespace only
		lines[i] = append([]byte("  "), line...)
	}
	return bytes.Join(lines, nil)
}

// FuzzGuided: whatever the three inputs, reading the sides against base changes
// nothing Merge says. The seeds are the case folders' files and edits of them.
func FuzzGuided(f *testing.F) {
	dirs, _ := filepath.Glob(filepath.Join("..", "testdata", "json", "*"))
	for _, d := range dirs {
		b, _ := os.ReadFile(filepath.Join(d, "Base.json"))
		o, _ := os.ReadFile(filepath.Join(d, "Left.json"))
		th, _ := os.ReadFile(filepath.Join(d, "Right.json"))
		f.Add(b, o, th, uint8(0))
	}
	f.Add([]byte(`{"a": [1, 2, {"b": 10}], "c": "x"}`), []byte(`{"a": [1, 2, {"b": 102}], "c": "x"}`), []byte(`{"a": [1, 2, {"b": 10}], "c": "y"}`), uint8(1))
	policies := []jsonmerge.Policy{jsonmerge.GenericPolicy, jsonmerge.ManifestPolicy, jsonmerge.EntropyPolicy, jsonmerge.EditorStatePolicy, jsonmerge.SarifPolicy}
	f.Fuzz(func(t *testing.T, b, o, th []byte, pi uint8) {
		g, full := mergeBothWays(b, o, th, policies[int(pi)%len(policies)], diffOptions[int(pi/8)%len(diffOptions)])
		sameOutcome(t, "fuzz", g, full)
	})
}
