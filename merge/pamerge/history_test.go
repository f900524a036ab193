package pamerge_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/merge"
	"github.com/canvasgit/canvasgit/merge/linemerge"
	"github.com/canvasgit/canvasgit/source/payaml"
)

// TestHistories replays the .pa.yaml histories of git repositories named in
// CANVASGIT_PAYAML_REPOS (git directories separated by ':'; the test is skipped
// without it). It measures the merge on files it was not tuned on:
//
//   - chains: for three consecutive versions A -> B -> C of a file (C descends from B,
//     B from A), merge(base A, ours B, theirs C) and the swapped merge(A, C, B) should
//     give C: C already holds B's change. A result other than C is only right where C
//     changed again what B changed (then both sides changed it: a conflict is right) or
//     reverted it.
//   - real merges: every merge commit whose two parents both changed a .pa.yaml file,
//     merged from their merge base, compared with what the merge commit recorded.
//
// Each is run through the engine (merge.File: the structural merge, or the line merge
// where it falls back) and through git's line merge (linemerge, git merge-file's
// semantics) for comparison.
func TestHistories(t *testing.T) {
	env := os.Getenv("CANVASGIT_PAYAML_REPOS")
	if env == "" {
		t.Skip("CANVASGIT_PAYAML_REPOS not set")
	}
	var total tally
	for _, dir := range strings.Split(env, ":") {
		var tl tally
		replayRepo(t, dir, &tl)
		t.Logf("%s: %s", filepath.Base(filepath.Dir(filepath.Clean(dir))), tl)
		total.add(tl)
	}
	t.Logf("all: %s", total)
}

type tally struct {
	files, exact                                                    int
	chains, chainEqual, chainSemantic, chainOther, chainConflict    int
	chainFallback, gitChainEqual, gitChainConflict, legacy          int
	chainConflictGitClean                                           int
	merges, mergeClean, mergeEqual, mergeConflict, gitMergeConflict int
}

func (t *tally) add(o tally) {
	t.files += o.files
	t.exact += o.exact
	t.chains += o.chains
	t.chainEqual += o.chainEqual
	t.chainSemantic += o.chainSemantic
	t.chainOther += o.chainOther
	t.chainConflict += o.chainConflict
	t.chainFallback += o.chainFallback
	t.gitChainEqual += o.gitChainEqual
	t.gitChainConflict += o.gitChainConflict
	t.legacy += o.legacy
	t.chainConflictGitClean += o.chainConflictGitClean
	t.merges += o.merges
	t.mergeClean += o.mergeClean
	t.mergeEqual += o.mergeEqual
	t.mergeConflict += o.mergeConflict
	t.gitMergeConflict += o.gitMergeConflict
}

func (t tally) String() string {
	return fmt.Sprintf("%d distinct v3 file versions (%d written back byte for byte; %d legacy-syntax chains skipped); "+
		"chain merges %d: canvasgit %d equal to C byte for byte, %d equal after parsing, %d other clean, %d conflicted (%d through the line-merge fallback, %d where git is clean); "+
		"git's line merge %d equal to C, %d conflicted; real merges %d: canvasgit %d clean (%d equal to the recorded merge), %d conflicted; git's line merge %d conflicted",
		t.files, t.exact, t.legacy, t.chains, t.chainEqual, t.chainSemantic, t.chainOther, t.chainConflict, t.chainFallback, t.chainConflictGitClean,
		t.gitChainEqual, t.gitChainConflict, t.merges, t.mergeClean, t.mergeEqual, t.mergeConflict, t.gitMergeConflict)
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := exec.Command("git", append([]string{"--git-dir=" + dir}, args...)...).Output()
	if err != nil {
		return ""
	}
	return string(out)
}

func blob(t *testing.T, dir, commit, path string) ([]byte, bool) {
	out, err := exec.Command("git", "--git-dir="+dir, "cat-file", "blob", commit+":"+path).Output()
	return out, err == nil
}

func isAncestor(dir, a, b string) bool {
	return exec.Command("git", "--git-dir="+dir, "merge-base", "--is-ancestor", a, b).Run() == nil
}

func replayRepo(t *testing.T, dir string, tl *tally) {
	var paths []string
	seenPath := map[string]bool{}
	for _, p := range strings.Split(git(t, dir, "log", "--all", "--format=", "--name-only", "--", "*.pa.yaml", "*.PA.YAML"), "\n") {
		if p != "" && !seenPath[p] {
			seenPath[p] = true
			paths = append(paths, p)
		}
	}
	seenBlob := map[string]bool{}
	seenChain := map[string]bool{}
	opt := linemerge.Options{MarkerSize: 7}
	for _, p := range paths {
		commits := strings.Fields(git(t, dir, "log", "--all", "--topo-order", "--reverse", "--format=%H", "--", p))
		var versions [][]byte
		var ids []string
		for _, c := range commits {
			b, ok := blob(t, dir, c, p)
			if !ok {
				versions, ids = append(versions, nil), append(ids, c)
				continue
			}
			versions, ids = append(versions, b), append(ids, c)
			if key := string(b); !seenBlob[key] && payaml.Detect(b) == payaml.V3 {
				seenBlob[key] = true
				tl.files++
				if f, err := payaml.Parse(b); err == nil && f.Exact {
					tl.exact++
				}
			}
		}
		for i := 0; i+2 < len(versions); i++ {
			a, b, c := versions[i], versions[i+1], versions[i+2]
			if a == nil || b == nil || c == nil || bytes.Equal(a, b) || bytes.Equal(b, c) || bytes.Equal(a, c) {
				continue
			}
			if !isAncestor(dir, ids[i], ids[i+1]) || !isAncestor(dir, ids[i+1], ids[i+2]) {
				continue
			}
			key := string(a) + "\x00" + string(b) + "\x00" + string(c)
			if seenChain[key] {
				continue
			}
			seenChain[key] = true
			if payaml.Detect(b) != payaml.V3 {
				if payaml.Detect(b) == payaml.Legacy {
					tl.legacy++ // the .fx.yaml merge's business, not measured here
				}
				continue
			}
			for _, sides := range [][2][]byte{{b, c}, {c, b}} {
				tl.chains++
				out := merge.File(merge.Input{Path: p, Base: a, Ours: sides[0], Theirs: sides[1], Options: opt})
				lr := linemerge.Merge(a, sides[0], sides[1], opt)
				if !out.Structural {
					tl.chainFallback++
					t.Logf("%s %s: fell back: %s", filepath.Base(filepath.Dir(filepath.Clean(dir))), p, strings.Join(out.Messages, "; "))
				}
				if out.Status != merge.Clean && lr.Clean() {
					tl.chainConflictGitClean++
					dumpCase(t, a, sides[0], sides[1], c, out.Merged)
					t.Logf("%s %s (%s..%s): conflicted where git is clean: %s", filepath.Base(filepath.Dir(filepath.Clean(dir))), p, ids[i][:8], ids[i+2][:8], strings.Join(out.Messages, "; "))
				}
				switch {
				case out.Status != merge.Clean:
					tl.chainConflict++
				case bytes.Equal(out.Merged, c):
					tl.chainEqual++
				case semanticEqual(out.Merged, c):
					tl.chainSemantic++
					if os.Getenv("CANVASGIT_PAYAML_DUMP_SEMANTIC") != "" {
						dumpCase(t, a, sides[0], sides[1], c, out.Merged)
					}
				default:
					tl.chainOther++
					dumpCase(t, a, sides[0], sides[1], c, out.Merged)
					t.Logf("%s %s (%s..%s): clean, differs from C", filepath.Base(filepath.Dir(filepath.Clean(dir))), p, ids[i][:8], ids[i+2][:8])
				}
				if !lr.Clean() {
					tl.gitChainConflict++
				} else if bytes.Equal(lr.Merged, c) {
					tl.gitChainEqual++
				}
			}
		}
	}
	for _, line := range strings.Split(git(t, dir, "rev-list", "--all", "--merges", "--parents"), "\n") {
		f := strings.Fields(line)
		if len(f) != 3 {
			continue
		}
		m, p1, p2 := f[0], f[1], f[2]
		bases := strings.Fields(git(t, dir, "merge-base", "--all", p1, p2))
		if len(bases) != 1 {
			continue
		}
		changed := func(x string) map[string]bool {
			out := map[string]bool{}
			for _, p := range strings.Split(git(t, dir, "diff", "--name-only", bases[0], x, "--", "*.pa.yaml", "*.PA.YAML"), "\n") {
				if p != "" {
					out[p] = true
				}
			}
			return out
		}
		c2 := changed(p2)
		for p := range changed(p1) {
			if !c2[p] {
				continue
			}
			base, _ := blob(t, dir, bases[0], p)
			ours, ok1 := blob(t, dir, p1, p)
			theirs, ok2 := blob(t, dir, p2, p)
			rec, ok3 := blob(t, dir, m, p)
			if !ok1 || !ok2 || bytes.Equal(ours, theirs) {
				continue
			}
			tl.merges++
			out := merge.File(merge.Input{Path: p, Base: base, Ours: ours, Theirs: theirs, Options: opt})
			if out.Status == merge.Clean {
				tl.mergeClean++
				if ok3 && (bytes.Equal(out.Merged, rec) || semanticEqual(out.Merged, rec)) {
					tl.mergeEqual++
				} else {
					t.Logf("%s merge %s %s: clean, differs from the recorded merge (%s)", filepath.Base(filepath.Dir(filepath.Clean(dir))), m[:8], p, strings.Join(out.Messages, "; "))
				}
			} else {
				tl.mergeConflict++
				t.Logf("%s merge %s %s: conflicted: %s", filepath.Base(filepath.Dir(filepath.Clean(dir))), m[:8], p, strings.Join(out.Messages, "; "))
			}
			if !linemerge.Merge(base, ours, theirs, opt).Clean() {
				tl.gitMergeConflict++
			}
		}
	}
}

func semanticEqual(a, b []byte) bool {
	fa, err1 := payaml.Parse(a)
	fb, err2 := payaml.Parse(b)
	return err1 == nil && err2 == nil && payaml.Equal(fa.Root, fb.Root)
}

// dumpCase writes a case to CANVASGIT_PAYAML_DUMP/<n>/ for a person to look at.
func dumpCase(t *testing.T, base, ours, theirs, want, got []byte) {
	root := os.Getenv("CANVASGIT_PAYAML_DUMP")
	if root == "" {
		return
	}
	ents, _ := os.ReadDir(root)
	dir := filepath.Join(root, fmt.Sprint(len(ents)))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"base": base, "ours": ours, "theirs": theirs, "want": want, "got": got} {
		if err := os.WriteFile(filepath.Join(dir, name+".pa.yaml"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
