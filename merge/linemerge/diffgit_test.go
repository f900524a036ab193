package linemerge

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var diffCases = flag.Int("linemerge.diffcases", 4000, "random line diffs compared with git diff --no-index")

var fileHeader = regexp.MustCompile(`^diff --git a/a/(\d+) `)

// gitDiffs returns git's hunks for each pair of texts: git diff --no-index
// with Myers and no indent heuristic, the diff git merge-file uses. One git
// process diffs all pairs, laid out as two directories. The context is
// unlimited because git diff drops a long common tail before diffing when
// it needs little context, which changes its result on large inputs (where
// git's Myers gives up on the shortest diff); merge-file diffs whole files.
func (g *gitRef) gitDiffs(tb testing.TB, pairs [][2][]byte) [][]hunk {
	tb.Helper()
	root, err := os.MkdirTemp(g.dir, "pairs")
	if err != nil {
		tb.Fatal(err)
	}
	defer os.RemoveAll(root)
	for _, side := range []string{"a", "b"} {
		if err := os.Mkdir(filepath.Join(root, side), 0o755); err != nil {
			tb.Fatal(err)
		}
	}
	for i, p := range pairs {
		for k, side := range []string{"a", "b"} {
			if err := os.WriteFile(filepath.Join(root, side, strconv.Itoa(i)), p[k], 0o644); err != nil {
				tb.Fatal(err)
			}
		}
	}
	out, _ := g.run(tb, []string{"-C", root, "diff", "--no-index", "--no-renames", "--text",
		"--no-indent-heuristic", "--diff-algorithm=myers", "-U1000000000", "a", "b"})
	res := make([][]hunk, len(pairs))
	for _, sec := range strings.Split("\n"+string(out), "\ndiff --git ")[1:] {
		m := fileHeader.FindStringSubmatch("diff --git " + sec)
		if m == nil {
			tb.Fatalf("unexpected git diff output: %.200q", sec)
		}
		i, _ := strconv.Atoi(m[1])
		res[i] = parseBody(tb, sec, len(splitLines(pairs[i][0])), len(splitLines(pairs[i][1])))
	}
	return res
}

// parseBody reads the changed lines off the one hunk of a whole-file diff.
func parseBody(tb testing.TB, sec string, na, nb int) []hunk {
	delA, insB := make([]bool, na), make([]bool, nb)
	i, j := 0, 0
	body := false
	for _, l := range strings.Split(sec, "\n") {
		if !body {
			body = strings.HasPrefix(l, "@@ ")
			continue
		}
		switch {
		case l == "":
		case l[0] == ' ':
			i++
			j++
		case l[0] == '-':
			delA[i] = true
			i++
		case l[0] == '+':
			insB[j] = true
			j++
		}
	}
	if i != na || j != nb {
		tb.Fatalf("git diff body covers %d and %d lines, want %d and %d", i, j, na, nb)
	}
	return hunksOf(delA, insB)
}

func diffOf(a, b []byte) []hunk {
	ids := newLineIDs()
	la, lb := ids.of(splitLines(a)), ids.of(splitLines(b))
	return hunksOf(diffLines(la, lb, ids.count()))
}

func size(hs []hunk) int {
	n := 0
	for _, h := range hs {
		n += h.a1 - h.a0 + h.b1 - h.b0
	}
	return n
}

// TestDiffMatchesGit compares the line diff with git's on random small
// files. Diffs may differ in alignment (go-diff and git choose differently
// among diffs of equal length): that rate is logged. A diff longer than
// git's fails.
func TestDiffMatchesGit(t *testing.T) {
	g := newGitRef(t)
	r := rand.New(rand.NewSource(7))
	pairs := make([][2][]byte, *diffCases)
	for i := range pairs {
		base, ours, _ := randomFiles(r)
		pairs[i] = [2][]byte{base, ours}
	}
	want := g.gitDiffs(t, pairs)
	differ := 0
	for i, p := range pairs {
		got := diffOf(p[0], p[1])
		if fmt.Sprint(got) == fmt.Sprint(want[i]) {
			continue
		}
		differ++
		if size(got) != size(want[i]) {
			t.Errorf("case %d: diff of %q and %q has %d changed lines, git's %d", i, p[0], p[1], size(got), size(want[i]))
		}
	}
	t.Logf("diffs: %d compared, %d identical to git's, %d differ only in alignment (%.2f%%)",
		len(pairs), len(pairs)-differ, differ, 100*float64(differ)/float64(len(pairs)))
}
