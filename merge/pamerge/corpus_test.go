package pamerge

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
	"github.com/canvasgit/canvasgit/merge/linemerge"
	"github.com/canvasgit/canvasgit/source/payaml"
)

type caseMeta struct {
	Kind                 string `json:"kind"`
	ExpectedParsesAsYAML *bool  `json:"expected_parses_as_yaml"`
	GitMergeFile         struct {
		Clean bool `json:"clean"`
	} `json:"git_merge_file"`
}

type corpusCase struct {
	name                         string
	meta                         caseMeta
	base, ours, theirs, expected []byte
}

func loadCases(t *testing.T) []corpusCase {
	dir := corpus.Dir(t, "payaml")
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []corpusCase
	for _, e := range ents {
		if !e.IsDir() || e.Name() == "schema" {
			continue
		}
		c := corpusCase{name: e.Name()}
		read := func(f string) []byte {
			b, err := os.ReadFile(filepath.Join(dir, e.Name(), f))
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
		if err := json.Unmarshal(read("meta.json"), &c.meta); err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		c.base, c.ours, c.theirs, c.expected = read("base.pa.yaml"), read("ours.pa.yaml"), read("theirs.pa.yaml"), read("expected.pa.yaml")
		out = append(out, c)
	}
	return out
}

// TestCorpusCases merges every case of the shared .pa.yaml corpus as the engine would
// (the structural merge, the line merge when it falls back) and checks the bar:
// no clean result differs from the expected file after parsing, every clean result
// parses and writes back byte for byte, no synthetic case conflicts (their two edits are
// independent by construction), and real merges conflict no more often than git's.
func TestCorpusCases(t *testing.T) {
	cases := loadCases(t)
	opt := Options{MarkerSize: 7}
	var clean, exactBytes, semantic, conflicted, fallbacks, gitConflicted, realConflicted, realCases int
	for _, c := range cases {
		res, err := Merge(c.base, c.ours, c.theirs, opt)
		structural := err == nil
		if err != nil {
			if !errors.Is(err, ErrFallback) {
				t.Fatalf("%s: error not wrapping ErrFallback: %v", c.name, err)
			}
			fallbacks++
			t.Logf("%s: fallback: %v", c.name, err)
			lr := linemerge.Merge(c.base, c.ours, c.theirs, opt)
			res = Result{Merged: lr.Merged}
			for range lr.Conflicts {
				res.Conflicts = append(res.Conflicts, Conflict{})
			}
		}
		if !c.meta.GitMergeFile.Clean {
			gitConflicted++
		}
		if c.meta.Kind == "real" {
			realCases++
		}
		if len(res.Conflicts) > 0 {
			conflicted++
			if c.meta.Kind == "real" {
				realConflicted++
				if c.meta.GitMergeFile.Clean {
					t.Errorf("%s: conflicted where git's line merge is clean", c.name)
				}
			} else {
				t.Errorf("%s: synthetic case conflicted (structural %v): %+v", c.name, structural, res.Conflicts)
			}
			continue
		}
		clean++
		got, err := payaml.Parse(res.Merged)
		if err != nil {
			t.Errorf("%s: clean result does not parse: %v", c.name, err)
			continue
		}
		if !got.Exact {
			t.Errorf("%s: clean result does not write back byte for byte", c.name)
		}
		if bytes.Equal(res.Merged, c.expected) {
			exactBytes++
			semantic++
			continue
		}
		if c.meta.ExpectedParsesAsYAML != nil && !*c.meta.ExpectedParsesAsYAML {
			t.Logf("%s: clean; the recorded merge does not parse, so it cannot be compared", c.name)
			continue
		}
		want, err := payaml.Parse(c.expected)
		if err != nil {
			t.Errorf("%s: expected does not parse: %v", c.name, err)
			continue
		}
		if payaml.Equal(got.Root, want.Root) {
			semantic++
			continue
		}
		t.Errorf("%s: clean result differs from expected:\n%s", c.name, lineDiff(res.Merged, c.expected))
	}
	t.Logf("%d cases: %d clean (%d equal to expected byte for byte, %d after parsing), %d conflicted, %d fell back to the line merge; git's line merge conflicts on %d; real merges: %d of %d conflicted",
		len(cases), clean, exactBytes, semantic, conflicted, fallbacks, gitConflicted, realConflicted, realCases)
}

// lineDiff shows the first differing line of two texts with a little context.
func lineDiff(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			lo := max(0, i-3)
			return "got:\n" + strings.Join(la[lo:min(len(la), i+4)], "\n") + "\nwant:\n" + strings.Join(lb[lo:min(len(lb), i+4)], "\n")
		}
	}
	return "one is a prefix of the other"
}

// TestCorpusIdentities: merge(B, X, B) = X and merge(B, B, X) = X byte for byte for every
// file X of the corpus, B the base of its case.
func TestCorpusIdentities(t *testing.T) {
	for _, c := range loadCases(t) {
		for _, x := range [][]byte{c.ours, c.theirs, c.expected} {
			for _, args := range [][3][]byte{{c.base, x, c.base}, {c.base, c.base, x}} {
				res, err := Merge(args[0], args[1], args[2], Options{})
				if err != nil || len(res.Conflicts) > 0 || !bytes.Equal(res.Merged, x) {
					t.Errorf("%s: identity merge changed the file (err %v)", c.name, err)
				}
			}
		}
	}
}
