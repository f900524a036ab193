package linemerge

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Benchmarks come in pairs: BenchmarkMergeX times Merge, BenchmarkGitMergeFileX
// times `git merge-file -p` (a whole process) on the same inputs, so
//
//	go test ./merge/linemerge -run '^$' -bench . -benchtime 20x
//
// reads as a ratio.

// bench5MB is a ~5 MB canvas-like source with scattered edits on both sides,
// a few of them colliding.
func bench5MB() (base, ours, theirs []byte) {
	r := rand.New(rand.NewSource(5))
	var lines []string
	size := 0
	for i := 0; size < 5<<20; i++ {
		var l string
		switch i % 4 {
		case 0:
			l = fmt.Sprintf("- Control%d:", i/4)
		case 1:
			l = fmt.Sprintf("    Text: =\"Label %d\"", r.Intn(1000))
		case 2:
			l = fmt.Sprintf("    OnSelect: =Navigate(Screen%d, ScreenTransition.Fade); Set(var%d, %d)", r.Intn(50), r.Intn(200), r.Intn(100000))
		default:
			l = fmt.Sprintf("    X: =%d", r.Intn(1000))
		}
		lines = append(lines, l)
		size += len(l) + 1
	}
	edit := func(seed int64) []string {
		r := rand.New(rand.NewSource(seed))
		out := append([]string{}, lines...)
		for i := r.Intn(400); i < len(out); i += 100 + r.Intn(800) {
			out[i] += fmt.Sprintf(" // edited %d", seed)
		}
		return out
	}
	join := func(ls []string) []byte { return []byte(strings.Join(ls, "\n") + "\n") }
	return join(lines), join(edit(1)), join(edit(2))
}

// bench100KBFormula is one 100 KB formula that both sides rewrote completely,
// from a small token vocabulary: a single large conflict whose refinement
// diff has many candidate matches.
func bench100KBFormula() (base, ours, theirs []byte) {
	formula := func(seed int64) string {
		r := rand.New(rand.NewSource(seed))
		tokens := []string{"If(", "Switch(", ")", "),", "true,", "false,", "Blank(),",
			"ThisItem.Name,", "\"a\",", "\"b\",", "Len(x) > 0,", "Patch(Items,", "{", "},", "Notify(\"ok\"),"}
		var b strings.Builder
		for b.Len() < 100<<10 {
			b.WriteString("        " + tokens[r.Intn(len(tokens))] + "\n")
		}
		return b.String()
	}
	wrap := func(f string) []byte {
		return []byte("- Button1:\n    OnSelect: |\n" + f + "    X: =10\n")
	}
	return wrap(formula(1)), wrap(formula(2)), wrap(formula(3))
}

func benchMerge(b *testing.B, gen func() ([]byte, []byte, []byte)) {
	base, ours, theirs := gen()
	b.SetBytes(int64(len(base)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Merge(base, ours, theirs, Options{OursLabel: "ours", BaseLabel: "base", TheirsLabel: "theirs"})
	}
}

func benchGit(b *testing.B, gen func() ([]byte, []byte, []byte)) {
	git, err := exec.LookPath("git")
	if err != nil {
		b.Skip("git not found")
	}
	base, ours, theirs := gen()
	dir := b.TempDir()
	for name, data := range map[string][]byte{"base": base, "ours": ours, "theirs": theirs} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(len(base)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(git, "merge-file", "-p", "-q", "-L", "ours", "-L", "base", "-L", "theirs", "ours", "base", "theirs")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
		if err := cmd.Run(); err != nil {
			if _, ok := err.(*exec.ExitError); !ok {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkMerge5MB(b *testing.B)                 { benchMerge(b, bench5MB) }
func BenchmarkGitMergeFile5MB(b *testing.B)          { benchGit(b, bench5MB) }
func BenchmarkMerge100KBFormula(b *testing.B)        { benchMerge(b, bench100KBFormula) }
func BenchmarkGitMergeFile100KBFormula(b *testing.B) { benchGit(b, bench100KBFormula) }

// TestBenchInputsMatchGit keeps the benchmark pairs honest: both sides must
// produce the same bytes on the benchmark inputs, or differ only as
// explainDiff allows (the 100 KB formula is a fully rewritten file, where
// git's Myers gives up on the shortest diff).
func TestBenchInputsMatchGit(t *testing.T) {
	g := newGitRef(t)
	for name, gen := range map[string]func() ([]byte, []byte, []byte){"5MB": bench5MB, "100KBFormula": bench100KBFormula} {
		base, ours, theirs := gen()
		want, code := g.mergeFile(t, base, ours, theirs, stdLabels)
		got := Merge(base, ours, theirs, stdLabels)
		verdict := "identical"
		if !bytes.Equal(got.Merged, want) || min(len(got.Conflicts), 127) != code {
			gd := &gitDiffCache{g: g, tb: t, hunks: map[[2]string][]hunk{}}
			switch v, why := explainDiff(gd, triple{name: name, base: base, ours: ours, theirs: theirs}, stdLabels, want, code); {
			case v == alignment:
				verdict = "differs only in diff alignment"
			case v == gitLonger && !*strict:
				verdict = "differs only because git's diff is longer"
			default:
				t.Errorf("%s: Merge differs from git merge-file (%d conflicts, git %d): %s", name, len(got.Conflicts), code, why)
			}
		}
		t.Logf("%s: %d bytes, %d conflicts (git %d), %s", name, len(base), len(got.Conflicts), code, verdict)
	}
}

// BenchmarkHasConflictMarkers times the check the merge driver runs on all three inputs
// of every call, beside the line-by-line loop it replaced, on ~5 MB without markers
// (so the whole input is read): the .fx.yaml-like input above, where '=' starts a
// formula on most lines, and JSON-like lines, where it is rare.
//
//	go test ./merge/linemerge -run '^$' -bench HasConflictMarkers
func BenchmarkHasConflictMarkers(b *testing.B) {
	fx, _, _ := bench5MB()
	var js strings.Builder
	for i := 0; js.Len() < 5<<20; i++ {
		fmt.Fprintf(&js, "      \"Key%d\": \"value %d\",\n      \"N%d\": %d,\n", i%50, i, i%7, i)
	}
	for _, in := range []struct {
		name string
		data []byte
	}{{"fxyaml", fx}, {"json", []byte(js.String())}} {
		for _, impl := range []struct {
			name  string
			check func([]byte, int) bool
		}{{"runs", HasConflictMarkers}, {"lines", hasConflictMarkersByLine}} {
			b.Run("input="+in.name+"/impl="+impl.name, func(b *testing.B) {
				b.SetBytes(int64(len(in.data)))
				for b.Loop() {
					if impl.check(in.data, 7) {
						b.Fatal("markers found")
					}
				}
			})
		}
	}
}
