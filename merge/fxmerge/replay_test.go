package fxmerge

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
	"github.com/canvasgit/canvasgit/merge/internal/markertest"
)

// mergeCase is one .fx.yaml file changed on both sides of a recorded merge.
type mergeCase struct {
	name                         string
	base, ours, theirs, recorded []byte
}

// bundleCases returns every .fx.yaml file that both parents of a merge commit changed
// relative to their merge base, with the three inputs and the committed result.
func bundleCases(t *testing.T, bundle string) []mergeCase {
	r := cloneBundle(t, bundle)
	var names []string
	var cases []mergeCase
	for _, m := range r.Merges(t) {
		for _, path := range m.Both {
			if !strings.HasSuffix(path, ".fx.yaml") {
				continue
			}
			cases = append(cases, mergeCase{name: fmt.Sprintf("%s %s", m.Commit[:8], path)})
			for _, c := range []string{m.Base, m.Ours, m.Theirs, m.Commit} {
				names = append(names, c+":"+path)
			}
		}
	}
	data := r.Blobs(t, names)
	var out []mergeCase
	for i, c := range cases {
		c.base, c.ours, c.theirs, c.recorded = data[4*i].Data, data[4*i+1].Data, data[4*i+2].Data, data[4*i+3].Data
		if data[4*i+1].ID == "" || data[4*i+2].ID == "" {
			continue // deleted on one side: git's business, not a driver's
		}
		out = append(out, c)
	}
	return out
}

var (
	cloneDir string                      // shared by the tests of this package, removed by TestMain
	clones   = map[string]*corpus.Repo{} // bundle → clone
)

func TestMain(m *testing.M) {
	code := m.Run()
	if cloneDir != "" {
		os.RemoveAll(cloneDir)
	}
	os.Exit(code)
}

// cloneBundle clones a corpus bundle once per test run.
func cloneBundle(t *testing.T, bundle string) *corpus.Repo {
	if r, ok := clones[bundle]; ok {
		return r
	}
	if cloneDir == "" {
		d, err := os.MkdirTemp("", "fxmerge-corpus-")
		if err != nil {
			t.Fatal(err)
		}
		cloneDir = d
	}
	r := corpus.CloneInto(t, bundle, filepath.Join(cloneDir, fmt.Sprintf("repo%d.git", len(clones))))
	clones[bundle] = r
	return r
}

// gitMergeFile runs `git merge-file -p` and returns its output and conflict count.
func gitMergeFile(t *testing.T, dir string, c mergeCase) ([]byte, int) {
	paths := make([]string, 3)
	for i, data := range [][]byte{c.ours, c.base, c.theirs} {
		paths[i] = filepath.Join(dir, []string{"ours", "base", "theirs"}[i])
		if err := os.WriteFile(paths[i], data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, err := exec.Command("git", "merge-file", "-p", "-q", paths[0], paths[1], paths[2]).Output()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return out, ee.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return out, 0
}

// TestReplayCorpus replays every real merge of the corpus bundles whose two sides both
// changed an .fx.yaml file, and compares with git merge-file and with the recorded
// result. fxmerge may fall back, but must never fail otherwise, and what it writes must
// parse (with each conflict resolved either way).
func TestReplayCorpus(t *testing.T) {
	bundles := corpus.Bundles(t)
	var total, clean, conflicted, fellBack, gitClean, betterThanGit, worseThanGit, eqRecorded, gitEqRecorded, bothClean, eqGit int
	tmp := t.TempDir()
	for _, bundle := range bundles {
		for _, c := range bundleCases(t, bundle) {
			total++
			gitOut, gitConflicts := gitMergeFile(t, tmp, c)
			if gitConflicts == 0 {
				gitClean++
				if bytes.Equal(gitOut, c.recorded) {
					gitEqRecorded++
				}
			}
			opt := Options{OursLabel: "ours", BaseLabel: "base", TheirsLabel: "theirs"}
			res, err := Merge(c.base, c.ours, c.theirs, opt)
			switch {
			case err != nil && !errors.Is(err, ErrFallback):
				t.Errorf("%s: %v", c.name, err)
				continue
			case err != nil:
				if strings.Contains(err.Error(), "internal error") {
					t.Errorf("%s: %v", c.name, err)
				}
				fellBack++
				t.Logf("%s: falls back: %v", c.name, err)
				continue
			}
			checkParses(t, c.name, res, opt)
			if len(res.Conflicts) == 0 {
				clean++
				if gitConflicts > 0 {
					betterThanGit++
				} else {
					bothClean++
					if bytes.Equal(res.Merged, gitOut) {
						eqGit++
					}
				}
				if bytes.Equal(res.Merged, c.recorded) {
					eqRecorded++
				}
			} else {
				conflicted++
				if gitConflicts == 0 {
					worseThanGit++
				}
				for _, k := range res.Conflicts {
					t.Logf("%s: conflict %s [%s]: %s", c.name, k.ControlPath, k.Property, k.Reason)
				}
			}
		}
	}
	t.Logf("replay: %d .fx.yaml files changed on both sides of a merge", total)
	t.Logf("fxmerge: %d clean, %d with conflicts, %d fell back to the line merge", clean, conflicted, fellBack)
	t.Logf("git merge-file: %d clean, %d with conflicts", gitClean, total-gitClean)
	t.Logf("fxmerge clean where git conflicts: %d; fxmerge conflicts where git is clean: %d", betterThanGit, worseThanGit)
	t.Logf("equal to the recorded merge result: fxmerge %d, git merge-file %d", eqRecorded, gitEqRecorded)
	t.Logf("both clean: %d, of which byte-identical outputs: %d", bothClean, eqGit)
}

func checkParses(t *testing.T, name string, res Result, opt Options) {
	t.Helper()
	if len(res.Conflicts) == 0 {
		if err := parseResult(res.Merged); err != nil {
			t.Errorf("%s: clean output does not parse: %v", name, err)
		}
		return
	}
	markertest.EachSide(t, name, res.Merged, opt.MarkerSize, parseResult)
}

// TestHistoryTriples stresses the merge with real edits: for consecutive versions a, b,
// c of each .fx.yaml file in the bundles' histories it merges b (as base) with a and c,
// so that each side undoes or redoes real Studio changes (deletes against edits, moves,
// renumbering). It must never fail other than by an honest fallback, and what it writes
// must parse.
func TestHistoryTriples(t *testing.T) {
	bundles := corpus.Bundles(t)
	const perBundle = 300
	var merged, conflicted, fellBack, hidden int
	for _, bundle := range bundles {
		g := cloneBundle(t, bundle)
		// New blob of every .fx.yaml change, in commit order, per path.
		out := g.Git(t, "", "log", "--reverse", "--format=", "--raw", "--no-abbrev", "--no-renames", "--all", "--", "*.fx.yaml")
		versions := map[string][]string{}
		var paths []string
		for _, line := range strings.Split(out, "\n") {
			meta, path, ok := strings.Cut(line, "\t")
			f := strings.Fields(meta)
			if !ok || len(f) < 5 || strings.Trim(f[3], "0") == "" {
				continue
			}
			vs := versions[path]
			if len(vs) > 0 && vs[len(vs)-1] == f[3] {
				continue
			}
			if vs == nil {
				paths = append(paths, path)
			}
			versions[path] = append(vs, f[3])
		}
		var triples [][3]string
		for _, p := range paths {
			vs := versions[p]
			for i := 0; i+2 < len(vs); i++ {
				triples = append(triples, [3]string{vs[i+1], vs[i], vs[i+2]})
			}
		}
		// An even spread when there are more than perBundle.
		if len(triples) > perBundle {
			step := float64(len(triples)) / perBundle
			var picked [][3]string
			for k := 0; k < perBundle; k++ {
				picked = append(picked, triples[int(float64(k)*step)])
			}
			triples = picked
		}
		var ids []string
		for _, tr := range triples {
			ids = append(ids, tr[0], tr[1], tr[2])
		}
		blobs := g.Blobs(t, ids)
		for k, tr := range triples {
			base, ours, theirs := blobs[3*k].Data, blobs[3*k+1].Data, blobs[3*k+2].Data
			name := fmt.Sprintf("%s %s/%s/%s", filepath.Base(bundle), tr[0][:8], tr[1][:8], tr[2][:8])
			res, err := Merge(base, ours, theirs, Options{})
			switch {
			case err != nil && (!errors.Is(err, ErrFallback) || strings.Contains(err.Error(), "internal error")):
				t.Errorf("%s: %v", name, err)
			case err != nil:
				fellBack++
			default:
				merged++
				if len(res.Conflicts) > 0 {
					conflicted++
				}
				checkParses(t, name, res, Options{})
			}
			if sameHidden(t, name, base, ours, theirs, Options{}) {
				hidden++
			}
		}
	}
	t.Logf("history triples: %d merged (%d with conflicts), %d fell back; %d with unchanged controls hidden (hidden.go), as the whole merge",
		merged, conflicted, fellBack, hidden)
}
