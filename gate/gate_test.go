package gate

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
)

// Small repositories built with the git CLI, one per path case. Each scenario is
// checked for the gate's own answer and, as a second opinion, against git merge-tree
// running the real canvasgit driver.

// testRepo is a repository under construction.
type testRepo struct {
	t   *testing.T
	g   *driverGit
	dir string
}

func newTestRepo(t *testing.T) *testRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := filepath.Join(t.TempDir(), "repo")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	g := newDriverGit(t, dir)
	r := &testRepo{t: t, g: g, dir: dir}
	r.git("init", "-q", "-b", "main")
	r.git("config", "core.autocrlf", "false")
	return r
}

func (r *testRepo) git(args ...string) string {
	r.t.Helper()
	return r.g.must(r.t, args...)
}

// commit replaces the worktree with files (path → content; a "\x00x" prefix on the
// content marks the file executable) and commits it. Returns the commit id.
func (r *testRepo) commit(msg string, files map[string]string) string {
	r.t.Helper()
	r.git("rm", "-rqf", "--ignore-unmatch", ".")
	for p, content := range files {
		full := filepath.Join(r.dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			r.t.Fatal(err)
		}
		mode := os.FileMode(0o644)
		if rest, ok := strings.CutPrefix(content, "\x00x"); ok {
			content, mode = rest, 0o755
		}
		if err := os.WriteFile(full, []byte(content), mode); err != nil {
			r.t.Fatal(err)
		}
		if err := os.Chmod(full, mode); err != nil {
			r.t.Fatal(err)
		}
	}
	r.git("add", "-A")
	r.git("commit", "-q", "--allow-empty", "-m", msg)
	return r.git("rev-parse", "HEAD")
}

// threeWay builds base on main, source on branch "feature" and target on main.
func (r *testRepo) threeWay(base, target, source map[string]string) {
	r.t.Helper()
	r.commit("base", base)
	r.git("checkout", "-q", "-b", "feature")
	r.commit("source", source)
	r.git("checkout", "-q", "main")
	r.commit("target", target)
}

// gate runs the gate on main ← feature and cross-checks it with merge-tree.
func (r *testRepo) gate(target, source string) *Report {
	r.t.Helper()
	repo, err := Open(r.dir)
	if err != nil {
		r.t.Fatal(err)
	}
	defer repo.Close()
	rep, err := Run(repo, Options{Target: target, Source: source, KeepContent: true})
	if err != nil {
		r.t.Fatalf("gate: %v", err)
	}
	want := r.g.merge(r.t, r.g.attrFile, target, source)
	if problems := agreement(r.t, r.g, rep, want); len(problems) > 0 {
		r.t.Errorf("the gate disagrees with git merge-tree + driver:\n%s", strings.Join(problems, "\n"))
	}
	return rep
}

func file(t *testing.T, rep *Report, p string) *File {
	t.Helper()
	for _, f := range rep.Files {
		if f.Path == p {
			return f
		}
	}
	var paths []string
	for _, f := range rep.Files {
		paths = append(paths, f.Path)
	}
	t.Fatalf("no file %s in the report (files: %v)", p, paths)
	return nil
}

func expect(t *testing.T, rep *Report, verdict Verdict, statuses map[string]string) {
	t.Helper()
	if rep.Verdict != verdict {
		var buf bytes.Buffer
		_ = writeText(&buf, rep)
		t.Errorf("verdict %s, want %s\n%s", rep.Verdict, verdict, buf.String())
	}
	for p, st := range statuses {
		if f := file(t, rep, p); f.Status != st {
			t.Errorf("%s: status %s (%s: %s), want %s", p, f.Status, f.Conflict, f.Reason, st)
		}
	}
}

const screen = `Screen1 As screen:
    Fill: =RGBA(255, 255, 255, 1)
    OnVisible: =Set(varA, 1)

    Label1 As label:
        Text: ="Hello"
        X: =40
        Y: =40

    Button1 As button:
        OnSelect: =Navigate(Screen2)
        Text: ="Go"
        X: =40
        Y: =120
`

func edit(s, from, to string) string {
	if !strings.Contains(s, from) {
		panic("edit: " + from + " not found")
	}
	return strings.Replace(s, from, to, 1)
}

const manifest = "{\n  \"FormatVersion\": \"0.24\",\n  \"Properties\": {\n    \"Name\": \"App\"\n  }\n}\n"

func app(files map[string]string) map[string]string {
	out := map[string]string{"app/CanvasManifest.json": manifest}
	for p, c := range files {
		out["app/"+p] = c
	}
	return out
}

func TestOneSided(t *testing.T) {
	r := newTestRepo(t)
	r.threeWay(
		app(map[string]string{"Src/Screen1.fx.yaml": screen, "Src/Other.fx.yaml": screen}),
		app(map[string]string{"Src/Screen1.fx.yaml": screen, "Src/Other.fx.yaml": edit(screen, `"Go"`, `"Start"`)}),
		app(map[string]string{"Src/Screen1.fx.yaml": edit(screen, `="Hello"`, `="Hi"`), "Src/Other.fx.yaml": screen}),
	)
	rep := r.gate("main", "feature")
	expect(t, rep, Safe, map[string]string{"app/Src/Screen1.fx.yaml": StatusClean, "app/Src/Other.fx.yaml": StatusClean})
	if f := file(t, rep, "app/Src/Screen1.fx.yaml"); f.Resolution != "took source" || f.Source != "modified" || f.Target != "unchanged" {
		t.Errorf("one-sided change: %+v", f)
	}
	if len(rep.Apps) != 1 || rep.Apps[0].Path != "app" || rep.Apps[0].OneSided != 2 {
		t.Errorf("apps: %+v", rep.Apps)
	}
}

func TestBothChangedClean(t *testing.T) {
	r := newTestRepo(t)
	r.threeWay(
		app(map[string]string{"Src/Screen1.fx.yaml": screen}),
		app(map[string]string{"Src/Screen1.fx.yaml": edit(screen, `="Hello"`, `="Hi"`)}),
		app(map[string]string{"Src/Screen1.fx.yaml": edit(screen, `="Go"`, `="Start"`)}),
	)
	rep := r.gate("main", "feature")
	expect(t, rep, Safe, map[string]string{"app/Src/Screen1.fx.yaml": StatusClean})
	f := file(t, rep, "app/Src/Screen1.fx.yaml")
	if f.Resolution != "merged" || !strings.Contains(string(f.Content), `="Hi"`) || !strings.Contains(string(f.Content), `="Start"`) {
		t.Errorf("merged content:\n%s", f.Content)
	}
	if rep.Apps[0].Clean != 1 {
		t.Errorf("app counts: %+v", rep.Apps[0])
	}
}

func TestBothChangedConflict(t *testing.T) {
	r := newTestRepo(t)
	r.threeWay(
		app(map[string]string{"Src/Screen1.fx.yaml": screen}),
		app(map[string]string{"Src/Screen1.fx.yaml": edit(screen, `="Hello"`, `="Hi"`)}),
		app(map[string]string{"Src/Screen1.fx.yaml": edit(screen, `="Hello"`, `="Welcome"`)}),
	)
	rep := r.gate("main", "feature")
	expect(t, rep, Conflicts, map[string]string{"app/Src/Screen1.fx.yaml": StatusConflicted})
	f := file(t, rep, "app/Src/Screen1.fx.yaml")
	if f.Kind != "fx.yaml" || f.Conflict != kindContent || len(f.Regions) != 1 {
		t.Fatalf("conflict: %+v", f)
	}
	reg := f.Regions[0]
	if reg.Source == nil || reg.Source.Start != 6 || reg.Source.End != 6 || reg.Target == nil || reg.Target.Start != 6 {
		t.Errorf("region not located on line 6: %+v source %+v target %+v", reg, reg.Source, reg.Target)
	}
	if !bytes.Contains(f.Content, []byte("<<<<<<< main\n")) || !bytes.Contains(f.Content, []byte(">>>>>>> feature\n")) {
		t.Errorf("markers should carry the TARGET and SOURCE names:\n%s", f.Content)
	}
}

func TestDataSourcesRefused(t *testing.T) {
	ds := "{\n  \"Name\": \"Accounts\",\n  \"Type\": \"NativeCDSDataSourceInfo\",\n  \"Version\": 1\n}\n"
	r := newTestRepo(t)
	r.threeWay(
		app(map[string]string{"DataSources/Accounts.json": ds}),
		app(map[string]string{"DataSources/Accounts.json": edit(ds, "1", "2")}),
		app(map[string]string{"DataSources/Accounts.json": edit(ds, "1", "3")}),
	)
	rep := r.gate("main", "feature")
	expect(t, rep, Refused, map[string]string{"app/DataSources/Accounts.json": StatusRefused})
	f := file(t, rep, "app/DataSources/Accounts.json")
	if len(f.Messages) == 0 || !strings.Contains(f.Messages[0], "refused") || f.Strategy != "protected" {
		t.Errorf("refusal should carry the engine's message: %+v", f)
	}
	if rep.Apps[0].Verdict != Refused || rep.Apps[0].Refused != 1 {
		t.Errorf("app verdict: %+v", rep.Apps[0])
	}
}

func TestVolatileEntropyAndChecksum(t *testing.T) {
	entropy := "{\n  \"ControlUniqueIds\": {\n    \"Button1\": 5\n  },\n  \"PublishedTime\": \"2024-01-01\"\n}\n"
	sum := "{\n  \"ClientStampedChecksum\": \"AAA\"\n}\n"
	r := newTestRepo(t)
	r.threeWay(
		app(map[string]string{"Entropy/Entropy.json": entropy, "Entropy/checksum.json": sum}),
		app(map[string]string{"Entropy/Entropy.json": edit(entropy, "2024-01-01", "2024-02-02"), "Entropy/checksum.json": edit(sum, "AAA", "BBB")}),
		app(map[string]string{"Entropy/Entropy.json": edit(entropy, "2024-01-01", "2024-03-03"), "Entropy/checksum.json": edit(sum, "AAA", "CCC")}),
	)
	rep := r.gate("main", "feature")
	expect(t, rep, Safe, map[string]string{"app/Entropy/Entropy.json": StatusClean, "app/Entropy/checksum.json": StatusClean})
	if f := file(t, rep, "app/Entropy/checksum.json"); !strings.Contains(string(f.Content), "CCC") {
		t.Errorf("checksum.json should take the source's: %s", f.Content)
	}
	if f := file(t, rep, "app/Entropy/Entropy.json"); !strings.Contains(string(f.Content), "2024-02-02") || len(f.Messages) == 0 {
		t.Errorf("Entropy.json should keep the target's part and say so: %s %v", f.Content, f.Messages)
	}
}

func TestAddAdd(t *testing.T) {
	r := newTestRepo(t)
	r.threeWay(
		app(map[string]string{"Src/Screen1.fx.yaml": screen}),
		app(map[string]string{"Src/Screen1.fx.yaml": screen, "Src/New.fx.yaml": edit(screen, "Screen1", "New"), "Src/Same.fx.yaml": "Same As screen:\n"}),
		app(map[string]string{"Src/Screen1.fx.yaml": screen, "Src/New.fx.yaml": edit(edit(screen, "Screen1", "New"), `="Hello"`, `="Other"`), "Src/Same.fx.yaml": "Same As screen:\n"}),
	)
	rep := r.gate("main", "feature")
	expect(t, rep, Conflicts, map[string]string{"app/Src/New.fx.yaml": StatusConflicted, "app/Src/Same.fx.yaml": StatusClean})
	if f := file(t, rep, "app/Src/New.fx.yaml"); f.Conflict != kindAddAdd || f.Target != "added" || f.Source != "added" {
		t.Errorf("add/add: %+v", f)
	}
	if f := file(t, rep, "app/Src/Same.fx.yaml"); f.Resolution != "same change on both sides" {
		t.Errorf("identical add: %+v", f)
	}
}

func TestModifyDelete(t *testing.T) {
	r := newTestRepo(t)
	r.threeWay(
		app(map[string]string{"Src/A.fx.yaml": screen, "Src/B.fx.yaml": edit(screen, "Screen1", "B")}),
		app(map[string]string{"Src/A.fx.yaml": edit(screen, `="Go"`, `="Start"`)}),
		app(map[string]string{"Src/B.fx.yaml": edit(edit(screen, "Screen1", "B"), `="Go"`, `="Start"`)}),
	)
	rep := r.gate("main", "feature")
	expect(t, rep, Conflicts, map[string]string{"app/Src/A.fx.yaml": StatusConflicted, "app/Src/B.fx.yaml": StatusConflicted})
	a := file(t, rep, "app/Src/A.fx.yaml")
	if a.Conflict != kindModifyDelete || !strings.Contains(a.Reason, "deleted on one side, changed on the other") || a.Target != "modified" || a.Source != "deleted" {
		t.Errorf("modify/delete: %+v", a)
	}
	b := file(t, rep, "app/Src/B.fx.yaml")
	if b.Conflict != kindModifyDelete || b.Target != "deleted" || b.Source != "modified" {
		t.Errorf("delete/modify: %+v", b)
	}
}

func TestDeleteDelete(t *testing.T) {
	r := newTestRepo(t)
	r.threeWay(
		app(map[string]string{"Src/A.fx.yaml": screen, "Src/Keep.fx.yaml": "Keep As screen:\n"}),
		app(map[string]string{"Src/Keep.fx.yaml": "Keep As screen:\n"}),
		app(map[string]string{"Src/Keep.fx.yaml": "Keep As screen:\n"}),
	)
	rep := r.gate("main", "feature")
	expect(t, rep, Safe, map[string]string{"app/Src/A.fx.yaml": StatusClean})
	if f := file(t, rep, "app/Src/A.fx.yaml"); !f.Deleted || f.Resolution != "deleted on both sides" {
		t.Errorf("delete/delete: %+v", f)
	}
}

func TestRenameOneSideEditOther(t *testing.T) {
	r := newTestRepo(t)
	home := edit(screen, "Screen1 As screen", "Home As screen")
	r.threeWay(
		app(map[string]string{"Src/Screen1.fx.yaml": screen, "Src/EditorState/Screen1.editorstate.json": "{\n  \"Name\": \"Screen1\"\n}\n"}),
		// TARGET renames the screen (and its header line changes with it)
		app(map[string]string{"Src/Home.fx.yaml": home, "Src/EditorState/Home.editorstate.json": "{\n  \"Name\": \"Screen1\"\n}\n"}),
		// SOURCE edits the screen at its old path
		app(map[string]string{"Src/Screen1.fx.yaml": edit(screen, `="Go"`, `="Start"`), "Src/EditorState/Screen1.editorstate.json": "{\n  \"Name\": \"Screen1\"\n}\n"}),
	)
	rep := r.gate("main", "feature")
	expect(t, rep, Safe, map[string]string{"app/Src/Home.fx.yaml": StatusClean})
	f := file(t, rep, "app/Src/Home.fx.yaml")
	if f.OldPath != "app/Src/Screen1.fx.yaml" || !strings.HasPrefix(f.Target, "renamed from") || f.Source != "modified" {
		t.Errorf("rename: %+v", f)
	}
	if !strings.Contains(string(f.Content), "Home As screen") || !strings.Contains(string(f.Content), `="Start"`) {
		t.Errorf("the source's edit should land at the new path:\n%s", f.Content)
	}
	for _, x := range rep.Files {
		if x.Path == "app/Src/Screen1.fx.yaml" {
			t.Errorf("the old path should not be reported as delete plus add: %+v", x)
		}
	}
	var renamed int
	for _, k := range rep.Apps[0].Changes.Target {
		renamed += k.Renamed
	}
	if renamed != 2 {
		t.Errorf("the summary should count 2 renames for the target: %+v", rep.Apps[0].Changes.Target)
	}
}

func TestRenameDelete(t *testing.T) {
	r := newTestRepo(t)
	r.threeWay(
		app(map[string]string{"Src/Screen1.fx.yaml": screen}),
		app(map[string]string{"Src/Home.fx.yaml": screen}),
		app(map[string]string{}),
	)
	rep := r.gate("main", "feature")
	expect(t, rep, Conflicts, map[string]string{"app/Src/Home.fx.yaml": StatusConflicted})
	if f := file(t, rep, "app/Src/Home.fx.yaml"); f.Conflict != kindRenameDelete {
		t.Errorf("rename/delete: %+v", f)
	}
}

func TestRenameRename(t *testing.T) {
	r := newTestRepo(t)
	r.threeWay(
		app(map[string]string{"Src/Screen1.fx.yaml": screen}),
		app(map[string]string{"Src/Home.fx.yaml": screen}),
		app(map[string]string{"Src/Start.fx.yaml": screen}),
	)
	rep := r.gate("main", "feature")
	expect(t, rep, Conflicts, map[string]string{"app/Src/Home.fx.yaml": StatusConflicted, "app/Src/Start.fx.yaml": StatusConflicted})
}

func TestBinaryAndModes(t *testing.T) {
	bin := func(b byte) string { return string([]byte{0x89, 'P', 'N', 'G', 0, 0, b}) }
	r := newTestRepo(t)
	r.threeWay(
		app(map[string]string{"Assets/Images/logo.png": bin(1), "Assets/Images/icon.png": bin(1), "tools/run.sh": "echo base\n"}),
		app(map[string]string{"Assets/Images/logo.png": bin(2), "Assets/Images/icon.png": bin(1), "tools/run.sh": "\x00xecho base\n"}),
		app(map[string]string{"Assets/Images/logo.png": bin(3), "Assets/Images/icon.png": bin(4), "tools/run.sh": "echo changed\n"}),
	)
	rep := r.gate("main", "feature")
	expect(t, rep, Conflicts, map[string]string{
		"app/Assets/Images/logo.png": StatusConflicted,
		"app/Assets/Images/icon.png": StatusClean,
		"app/tools/run.sh":           StatusClean,
	})
	if f := file(t, rep, "app/Assets/Images/logo.png"); f.Conflict != kindBinary {
		t.Errorf("binary: %+v", f)
	}
	if f := file(t, rep, "app/tools/run.sh"); f.Mode != 0o100755 || string(f.Content) != "echo changed\n" {
		t.Errorf("mode from one side, content from the other: %o %q", f.Mode, f.Content)
	}
}

func TestAppsAndRepositoryGroup(t *testing.T) {
	r := newTestRepo(t)
	files := func(readme, a, b string) map[string]string {
		return map[string]string{
			"README.md":                         readme,
			"apps/One/CanvasManifest.json":      manifest,
			"apps/One/Src/Screen1.fx.yaml":      a,
			"apps/Two/CanvasManifest.json":      manifest,
			"apps/Two/Src/Screen1.fx.yaml":      b,
			"pipelines/build.yml":               "steps: []\n",
			"apps/Two/Src/Components/C.fx.yaml": "C As component:\n",
		}
	}
	r.threeWay(
		files("# readme\n", screen, screen),
		files("# readme\nline from target\n", edit(screen, `="Hello"`, `="Hi"`), screen),
		files("# readme\nline from source\n", edit(screen, `="Hello"`, `="Yo"`), edit(screen, `="Go"`, `="Start"`)),
	)
	rep := r.gate("main", "feature")
	var got []string
	for _, a := range rep.Apps {
		got = append(got, a.Path+"="+string(a.Verdict))
	}
	sort.Strings(got)
	want := []string{"=conflicts", "apps/One=conflicts", "apps/Two=safe"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("apps: %v, want %v", got, want)
	}
	if last := rep.Apps[len(rep.Apps)-1]; !last.Repository {
		t.Errorf("the repository group should come last: %+v", last)
	}
}

// TestCrissCross builds a history with two merge bases: the bases are merged first
// into a virtual base, with the same engine, as git does.
func TestCrissCross(t *testing.T) {
	r := newTestRepo(t)
	base := app(map[string]string{"Src/Screen1.fx.yaml": screen, "Src/Other.fx.yaml": edit(screen, "Screen1", "Other")})
	r.commit("base", base)
	r.git("checkout", "-q", "-b", "feature")
	a1 := app(map[string]string{"Src/Screen1.fx.yaml": edit(screen, `="Hello"`, `="A"`), "Src/Other.fx.yaml": edit(screen, "Screen1", "Other")})
	r.commit("A1", a1)
	r.git("checkout", "-q", "main")
	b1 := app(map[string]string{"Src/Screen1.fx.yaml": edit(screen, `="Hello"`, `="B"`), "Src/Other.fx.yaml": edit(screen, "Screen1", "Other")})
	r.commit("B1", b1)
	// Criss-cross: each branch merges the other, resolving the conflict its own way.
	r.git("checkout", "-q", "feature")
	r.g.run("merge", "-q", "--no-edit", "main")
	r.commit("merge main into feature (keep A)", a1)
	r.git("checkout", "-q", "main")
	r.g.run("merge", "-q", "--no-edit", "feature~1")
	r.commit("merge feature into main (keep B)", b1)
	// Then both go on.
	r.commit("B2", app(map[string]string{"Src/Screen1.fx.yaml": edit(screen, `="Hello"`, `="B"`), "Src/Other.fx.yaml": edit(edit(screen, "Screen1", "Other"), `="Go"`, `="Target"`)}))
	r.git("checkout", "-q", "feature")
	r.commit("A2", app(map[string]string{"Src/Screen1.fx.yaml": edit(screen, `="Hello"`, `="A"`), "Src/Other.fx.yaml": edit(edit(screen, "Screen1", "Other"), `X: =40`, `X: =50`)}))
	r.git("checkout", "-q", "main")
	if bases := strings.Fields(r.git("merge-base", "--all", "main", "feature")); len(bases) != 2 {
		t.Fatalf("want a criss-cross history with two merge bases, got %v", bases)
	}
	rep := r.gate("main", "feature")
	if !rep.VirtualBase || len(rep.MergeBases) != 2 {
		t.Errorf("want a virtual base from 2 merge bases: %+v", rep.MergeBases)
	}
	expect(t, rep, Conflicts, map[string]string{"app/Src/Screen1.fx.yaml": StatusConflicted, "app/Src/Other.fx.yaml": StatusClean})
}

// TestShallowClone: a clone too shallow to hold the merge base cannot be judged; the
// gate says how to fetch more.
func TestShallowClone(t *testing.T) {
	r := newTestRepo(t)
	r.threeWay(
		app(map[string]string{"Src/Screen1.fx.yaml": screen}),
		app(map[string]string{"Src/Screen1.fx.yaml": edit(screen, `="Hello"`, `="Hi"`)}),
		app(map[string]string{"Src/Screen1.fx.yaml": edit(screen, `="Go"`, `="Start"`)}),
	)
	shallow := filepath.Join(t.TempDir(), "shallow")
	r.git("clone", "-q", "--depth=1", "--no-single-branch", "file://"+filepath.ToSlash(r.dir), shallow)
	repo, err := Open(shallow)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	_, err = Run(repo, Options{Target: "origin/main", Source: "origin/feature"})
	var u *UndecidedError
	if !errors.As(err, &u) || !errors.Is(err, ErrIncompleteHistory) {
		t.Fatalf("want an undecided shallow-history error, got %v", err)
	}
	if !strings.Contains(u.Hint, "git fetch --deepen=") || !strings.Contains(u.Hint, "fetch-depth: 0") {
		t.Errorf("the hint should say how to fetch more: %s", u.Hint)
	}
}

func TestBareClone(t *testing.T) {
	r := newTestRepo(t)
	r.threeWay(
		app(map[string]string{"Src/Screen1.fx.yaml": screen}),
		app(map[string]string{"Src/Screen1.fx.yaml": edit(screen, `="Hello"`, `="Hi"`)}),
		app(map[string]string{"Src/Screen1.fx.yaml": edit(screen, `="Hello"`, `="Yo"`)}),
	)
	bare := filepath.Join(t.TempDir(), "bare.git")
	r.git("clone", "-q", "--bare", r.dir, bare)
	repo, err := Open(bare)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	rep, err := Run(repo, Options{Target: "main", Source: "feature"})
	if err != nil {
		t.Fatal(err)
	}
	expect(t, rep, Conflicts, map[string]string{"app/Src/Screen1.fx.yaml": StatusConflicted})
	// Nothing written to the repository.
	out := r.g.must(t, "-C", bare, "count-objects")
	if _, err := Open(filepath.Join(bare, "refs")); err != nil {
		t.Errorf("a folder inside a bare repository should open it: %v", err)
	}
	_ = out
}

func TestUndecided(t *testing.T) {
	r := newTestRepo(t)
	r.commit("one", map[string]string{"a.txt": "a\n"})
	repo, err := Open(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	for _, rev := range []string{"nope", "", "0123456789012345678901234567890123456789"} {
		_, err := Run(repo, Options{Target: "main", Source: rev})
		var u *UndecidedError
		if !errors.As(err, &u) {
			t.Errorf("source %q: want an undecided error, got %v", rev, err)
		}
	}
	// Unrelated histories.
	r.git("checkout", "-q", "--orphan", "other")
	r.commit("other", map[string]string{"b.txt": "b\n"})
	if _, err := Run(repo, Options{Target: "main", Source: "other"}); err == nil || !strings.Contains(err.Error(), "unrelated") {
		t.Errorf("unrelated histories: %v", err)
	}
	if _, err := Open(t.TempDir()); err == nil {
		t.Errorf("a folder outside any repository should not open")
	}
}

func TestUpToDateAndFastForward(t *testing.T) {
	r := newTestRepo(t)
	r.commit("base", app(map[string]string{"Src/Screen1.fx.yaml": screen}))
	r.commit("next", app(map[string]string{"Src/Screen1.fx.yaml": edit(screen, `="Hello"`, `="Hi"`)}))
	rep := r.gate("main", "main~1")
	if !rep.Safe || !nothingToMerge(rep) {
		t.Errorf("merging an ancestor: %+v", rep)
	}
	rep = r.gate("main~1", "main")
	if !rep.Safe || len(rep.Files) != 1 {
		t.Errorf("fast-forward: %+v", rep.Files)
	}
}

// TestChecksHook runs a check on the merged tree, which is also an fs.FS.
func TestChecksHook(t *testing.T) {
	r := newTestRepo(t)
	r.threeWay(
		app(map[string]string{"Src/Screen1.fx.yaml": screen}),
		app(map[string]string{"Src/Screen1.fx.yaml": edit(screen, `="Hello"`, `="Hi"`)}),
		app(map[string]string{"Src/Screen1.fx.yaml": edit(screen, `="Go"`, `="Start"`), "Src/Screen2.fx.yaml": "Screen2 As screen:\n"}),
	)
	repo, err := Open(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	var seen []string
	old := Finding{ID: "old", Path: "app/Src/Screen1.fx.yaml", Severity: "error", Message: "already in main"}
	introduce := true
	targetRuns := 0
	check := func(app string, tree *MergedTree) ([]Finding, error) {
		if tree.Target() {
			targetRuns++
			if b, _, _ := tree.Read("app/Src/Screen1.fx.yaml"); !bytes.Contains(b, []byte(`="Go"`)) || bytes.Contains(b, []byte(`="Start"`)) {
				t.Errorf("the target tree should hold main's file: %q", b)
			}
			return []Finding{old}, nil
		}
		files, err := tree.Files(app)
		if err != nil {
			return nil, err
		}
		seen = append(seen, files...)
		b, ok, err := tree.Read("app/Src/Screen1.fx.yaml")
		if err != nil || !ok || !bytes.Contains(b, []byte(`="Hi"`)) || !bytes.Contains(b, []byte(`="Start"`)) {
			t.Errorf("the check should see the merged file: %q %v %v", b, ok, err)
		}
		if err := fstest.TestFS(tree.FS(), "app/CanvasManifest.json", "app/Src/Screen1.fx.yaml", "app/Src/Screen2.fx.yaml"); err != nil {
			t.Errorf("MergedTree.FS: %v", err)
		}
		if !introduce {
			return []Finding{old}, nil
		}
		return []Finding{old, {Path: "app/Src/Screen2.fx.yaml", Severity: "error", Message: "example finding"}}, nil
	}
	rep, err := Run(repo, Options{Target: "main", Source: "feature", Checks: []Checker{check}})
	if err != nil {
		t.Fatal(err)
	}
	if want := "app/CanvasManifest.json app/Src/Screen1.fx.yaml app/Src/Screen2.fx.yaml"; strings.Join(seen, " ") != want {
		t.Errorf("files seen by the check: %v", seen)
	}
	fs := rep.Apps[0].Findings
	if rep.Verdict != Refused || len(fs) != 2 || fs[0].Status != FindingPreExisting || fs[1].Status != FindingIntroduced {
		t.Errorf("an introduced error finding should make the app unsafe: %+v", rep.Apps[0])
	}
	if targetRuns != 1 {
		t.Errorf("the check ran %d times on the target tree, want 1", targetRuns)
	}

	// The same error already in the target does not change the verdict.
	introduce = false
	rep, err = Run(repo, Options{Target: "main", Source: "feature", Checks: []Checker{check}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Verdict != Safe || len(rep.Apps[0].Findings) != 1 || rep.Apps[0].Findings[0].Status != FindingPreExisting {
		t.Errorf("a pre-existing error should leave the merge safe: %+v", rep.Apps[0])
	}
}

// TestOddTrees: symbolic links, submodules, a file on one side where the other has a
// folder, a file that became a symbolic link, odd file names. The gate must agree
// with git and never panic.
func TestOddTrees(t *testing.T) {
	r := newTestRepo(t)
	sub := "0123456789abcdef0123456789abcdef01234567"
	gitlink := func(sha string) {
		r.git("update-index", "--add", "--cacheinfo", "160000,"+sha+",vendor/lib")
		r.git("commit", "-q", "--amend", "--no-edit")
	}
	symlink := func(name, target string) {
		p := filepath.Join(r.dir, name)
		os.Remove(p)
		if err := os.Symlink(target, p); err != nil {
			t.Skip("no symbolic links here:", err)
		}
		r.git("add", name)
		r.git("commit", "-q", "--amend", "--no-edit")
	}
	base := map[string]string{"keep.txt": "keep\n", "Src/Écran d'accueil.fx.yaml": screen, "tool.txt": "file\n", "notes\tx.txt": "tab\n"}
	r.commit("base", base)
	symlink("link", "keep.txt")
	gitlink(sub)
	r.git("checkout", "-q", "-b", "feature")
	src := map[string]string{"keep.txt": "keep\n", "Src/Écran d'accueil.fx.yaml": edit(screen, `="Go"`, `="Aller"`), "tool.txt": "file changed\n", "P/inner.txt": "in a folder\n", "notes\tx.txt": "tab\nsource\n"}
	r.commit("source", src)
	symlink("link", "other-target")
	gitlink("1111111111111111111111111111111111111111")
	r.git("checkout", "-q", "main")
	tgt := map[string]string{"keep.txt": "keep\n", "Src/Écran d'accueil.fx.yaml": edit(screen, `="Hello"`, `="Bonjour"`), "P": "a file\n", "notes\tx.txt": "target\ntab\n"}
	r.commit("target", tgt)
	symlink("link", "third-target")
	symlink("tool.txt", "keep.txt")
	gitlink("2222222222222222222222222222222222222222")
	rep := r.gate("main", "feature")
	expect(t, rep, Conflicts, map[string]string{
		"Src/Écran d'accueil.fx.yaml": StatusClean,
		"notes\tx.txt":                StatusClean,
		"link":                        StatusConflicted,
		"vendor/lib":                  StatusConflicted,
		"tool.txt":                    StatusConflicted,
		"P~main":                      StatusConflicted,
	})
	if f := file(t, rep, "P~main"); f.Conflict != kindFileDir || f.OldPath != "P" {
		t.Errorf("file/directory: %+v", f)
	}
	for _, format := range Formats {
		var buf bytes.Buffer
		if err := Write(&buf, rep, format, "test"); err != nil || buf.Len() == 0 {
			t.Errorf("format %s: %v", format, err)
		}
	}
	// Deterministic: the same merge gives the same bytes.
	repo, err := Open(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	var first []byte
	for i := 0; i < 3; i++ {
		again, err := Run(repo, Options{Target: "main", Source: "feature"})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := Write(&buf, again, "json", "test"); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = buf.Bytes()
		} else if !bytes.Equal(first, buf.Bytes()) {
			t.Fatalf("run %d differs from run 0", i)
		}
	}
}

// TestLinkedWorktree opens the repository from a linked worktree (a .git file).
func TestLinkedWorktree(t *testing.T) {
	r := newTestRepo(t)
	r.threeWay(
		app(map[string]string{"Src/Screen1.fx.yaml": screen}),
		app(map[string]string{"Src/Screen1.fx.yaml": edit(screen, `="Hello"`, `="Hi"`)}),
		app(map[string]string{"Src/Screen1.fx.yaml": edit(screen, `="Go"`, `="Start"`)}),
	)
	wt := filepath.Join(t.TempDir(), "wt")
	r.git("worktree", "add", "-q", "--detach", wt, "main")
	repo, err := Open(filepath.Join(wt, "app"))
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	rep, err := Run(repo, Options{Target: "main", Source: "feature"})
	if err != nil {
		t.Fatal(err)
	}
	expect(t, rep, Safe, map[string]string{"app/Src/Screen1.fx.yaml": StatusClean})
}

// TestOneSidedRename: a rename the other side did not touch is reported as one
// renamed file, not as a deletion and an addition.
func TestOneSidedRename(t *testing.T) {
	r := newTestRepo(t)
	r.threeWay(
		app(map[string]string{"Src/Screen1.fx.yaml": screen, "Src/Other.fx.yaml": "Other As screen:\n"}),
		app(map[string]string{"Src/Start.fx.yaml": screen, "Src/Other.fx.yaml": "Other As screen:\n"}),
		app(map[string]string{"Src/Screen1.fx.yaml": screen, "Src/Other.fx.yaml": "Other As screen:\n    Fill: =Blue\n"}),
	)
	rep := r.gate("main", "feature")
	expect(t, rep, Safe, map[string]string{"app/Src/Start.fx.yaml": StatusClean})
	f := file(t, rep, "app/Src/Start.fx.yaml")
	if f.OldPath != "app/Src/Screen1.fx.yaml" || f.Target != "renamed from app/Src/Screen1.fx.yaml" || f.Source != "unchanged" {
		t.Errorf("one-sided rename: %+v", f)
	}
	for _, x := range rep.Files {
		if x.Path == "app/Src/Screen1.fx.yaml" {
			t.Errorf("old path reported: %+v", x)
		}
	}
}
