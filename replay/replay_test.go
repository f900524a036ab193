package replay

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/canvasgit/canvasgit/merge"
)

func TestParseMergeTree(t *testing.T) {
	out := "c491e23dcdbd882f23538960fb68b6c9b2728335\x00" +
		"100644 1cc74a2318473350fa405cab8e69d4431516d4c1 1\tapp/Entropy/checksum.json\x00" +
		"100644 061a58e770959d318aeb4f1928a89879aa1245bf 2\tapp/Entropy/checksum.json\x00" +
		"100644 0605a7690f31802ce6471c45443d171503c44d31 3\tapp/Entropy/checksum.json\x00" +
		"100644 0605a7690f31802ce6471c45443d171503c44d31 1\tapp/DataSources/a b.json\x00" +
		"100644 0605a7690f31802ce6471c45443d171503c44d31 2\tapp/DataSources/a b.json\x00" +
		"\x00" +
		"1\x00app/CanvasManifest.json\x00Auto-merging\x00Auto-merging app/CanvasManifest.json\n\x00" +
		"1\x00app/Entropy/checksum.json\x00CONFLICT (contents)\x00CONFLICT (content): Merge conflict in app/Entropy/checksum.json\n\x00" +
		"1\x00app/DataSources/a b.json\x00CONFLICT (modify/delete)\x00CONFLICT (modify/delete): ...\n\x00"
	res := parseMergeTree([]byte(out))
	if res.tree != "c491e23dcdbd882f23538960fb68b6c9b2728335" {
		t.Errorf("tree = %q", res.tree)
	}
	if got := res.conflictedPaths(); !reflect.DeepEqual(got, []string{"app/DataSources/a b.json", "app/Entropy/checksum.json"}) {
		t.Errorf("conflicted = %q", got)
	}
	c := res.conflicted["app/Entropy/checksum.json"]
	if !c.stages[1] || !c.stages[2] || !c.stages[3] || !reflect.DeepEqual(c.types, []string{"contents"}) {
		t.Errorf("checksum conflict = %+v", c)
	}
	d := res.conflicted["app/DataSources/a b.json"]
	if d.stages[3] || !reflect.DeepEqual(d.types, []string{"modify/delete"}) {
		t.Errorf("modify/delete conflict = %+v", d)
	}

	clean := parseMergeTree([]byte("f4293c62010bf3ddc2121da03d40a15abab1e80c\x00"))
	if clean.tree != "f4293c62010bf3ddc2121da03d40a15abab1e80c" || len(clean.conflicted) != 0 {
		t.Errorf("clean = %+v", clean)
	}
}

func TestParseDriverLines(t *testing.T) {
	stderr := "canvasgit: app/x.json: took theirs whole\n" +
		exitLinePrefix + "0: app/Entropy/checksum.json\n" +
		"Auto-merging app/x.json\n" +
		"canvasgit: internal error: index out of range\n" +
		exitLinePrefix + "1: app/x.json\n" +
		exitLinePrefix + "137: app/y: z.json\n" +
		"canvasgit: internal error: stray\n"
	calls, stray := parseDriverLines([]byte(stderr))
	want := []driverCall{
		{path: "app/Entropy/checksum.json", exit: 0},
		{path: "app/x.json", exit: 1, internal: []string{"canvasgit: internal error: index out of range"}},
		{path: "app/y: z.json", exit: 137},
	}
	if !reflect.DeepEqual(calls, want) {
		t.Errorf("calls = %+v\nwant %+v", calls, want)
	}
	if len(stray) != 1 {
		t.Errorf("stray = %q", stray)
	}
}

func TestDriverCommand(t *testing.T) {
	got := driverCommand(`C:\Program Files\it's\canvasgit.exe`)
	wantPrefix := `GOMAXPROCS=1 'C:/Program Files/it'\''s/canvasgit.exe' merge --marker-size=%L --path=%P %O %A %B; `
	if !strings.HasPrefix(got, wantPrefix) {
		t.Errorf("driverCommand = %s\nwant prefix %s", got, wantPrefix)
	}
	if strings.Count(got, "%P") != 2 || strings.Contains(got, "%s") {
		t.Errorf("driverCommand = %s", got)
	}
}

func TestCanonicalEqual(t *testing.T) {
	cases := []struct {
		kind merge.Kind
		a, b string
		want bool
	}{
		{merge.KindManifest, `{"a": 1, "b": [1, 2]}`, "{\n  \"b\": [1,2],\n  \"a\": 1\n}\n", true},
		{merge.KindManifest, `{"a": 1}`, `{"a": 1.0}`, false},
		{merge.KindManifest, `{"a": [1, 2]}`, `{"a": [2, 1]}`, false},
		{merge.KindEntropy, "\xef\xbb\xbf{\"a\": \"x\"}", `{"a":"x"}`, true},
		{merge.KindFxYaml, "A As label:\r\n    Text: =1\r\n", "A As label:\n    Text: =1\n\n  ", true},
		{merge.KindFxYaml, "A As label:\n    Text: =1\n", "A As label:\n    Text: =2\n", false},
		{merge.KindFxYaml, "A As label:\n  Text: =1\n", "A As label:\n    Text: =1\n", false},
		{merge.KindOther, `{"a": 1} trailing`, `{"a": 1}`, false},
	}
	for _, c := range cases {
		if got := canonicalEqual(c.kind, []byte(c.a), []byte(c.b)); got != c.want {
			t.Errorf("canonicalEqual(%s, %q, %q) = %v, want %v", c.kind, c.a, c.b, got, c.want)
		}
	}

	// The per-kind hook decides first, and falls through when it cannot judge.
	canonicalizers = map[merge.Kind]func(a, b []byte) (bool, bool){merge.KindFxYaml: func(a, b []byte) (bool, bool) {
		if strings.HasPrefix(string(a), "undecided") {
			return false, false
		}
		return true, true
	}}
	defer func() { canonicalizers = nil }()
	if !canonicalEqual(merge.KindFxYaml, []byte("x"), []byte("y")) {
		t.Error("hook not consulted")
	}
	if canonicalEqual(merge.KindFxYaml, []byte("undecided x"), []byte("y")) {
		t.Error("undecided hook did not fall through")
	}
}

func TestCompareRecorded(t *testing.T) {
	if got := compareRecorded(merge.KindOther, nil, false, nil, false); got != ByteEqual {
		t.Errorf("both absent = %s", got)
	}
	if got := compareRecorded(merge.KindOther, []byte("x"), true, nil, false); got != Differs {
		t.Errorf("recorded absent = %s", got)
	}
	if got := compareRecorded(merge.KindOther, []byte("x\r\n"), true, []byte("x\n"), true); got != CanonicalEqual {
		t.Errorf("CRLF = %s", got)
	}
}

func TestNames(t *testing.T) {
	for in, want := range map[string]string{
		"app/Src/Screen1.fx.yaml":                      ".fx.yaml",
		"app/Src/EditorState/Screen1.editorstate.json": ".editorstate.json",
		"app/Entropy/AppCheckerResult.sarif":           ".sarif",
		"app/Src/Components/My.Comp.json":              ".json",
		"README":                                       "",
		".gitattributes":                               "",
	} {
		if got := extOf(in); got != want {
			t.Errorf("extOf(%q) = %q, want %q", in, got, want)
		}
	}
	if got := safeName(`a:b?c`); got != "a_b_c" {
		t.Errorf("safeName = %q", got)
	}
	if got := safeName(".."); got != "_.." {
		t.Errorf("safeName(..) = %q", got)
	}
}

func TestVersionAtLeast(t *testing.T) {
	for v, want := range map[string]bool{
		"2.39.5": true, "2.38.0": true, "2.37.9": false, "3.0": true, "2.45.1.windows.1": true, "1.9": false, "x": false,
	} {
		if got := versionAtLeast(v, 2, 38); got != want {
			t.Errorf("versionAtLeast(%q) = %v", v, got)
		}
	}
}

// testRepo builds repositories with known merges for the plumbing tests below.
type testRepo struct {
	t   *testing.T
	dir string
}

func newTestRepo(t *testing.T) *testRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	isolateGit(t)
	r := &testRepo{t: t, dir: t.TempDir()}
	r.git("init", "-q", "-b", "main")
	return r
}

// isolateGit gives the test its own git identity and no user configuration.
func isolateGit(t *testing.T) {
	home := t.TempDir()
	for k, v := range map[string]string{
		"HOME": home, "XDG_CONFIG_HOME": filepath.Join(home, ".config"), "GIT_CONFIG_NOSYSTEM": "1",
		"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
		"GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com",
		"GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
		"GIT_MERGE_AUTOEDIT": "no",
	} {
		t.Setenv(k, v)
	}
}

func (r *testRepo) git(args ...string) string {
	r.t.Helper()
	out, err := r.gitErr(args...)
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func (r *testRepo) gitErr(args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	out, err := cmd.CombinedOutput()
	return strings.TrimSpace(string(out)), err
}

func (r *testRepo) write(files map[string]string) {
	r.t.Helper()
	for name, content := range files {
		p := filepath.Join(r.dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
}

func (r *testRepo) commit(msg string, files map[string]string) {
	r.t.Helper()
	r.write(files)
	r.git("add", "-A")
	r.git("commit", "-q", "-m", msg)
}

// mergeCase makes a merge on main of a branch "ours" and a branch "theirs" cut from
// main, recording the given files as the merge's result.
func (r *testRepo) mergeCase(name string, ours, theirs, recorded map[string]string) {
	r.t.Helper()
	r.git("checkout", "-q", "-b", name+"-theirs", "main")
	r.commit(name+" theirs", theirs)
	r.git("checkout", "-q", "main")
	r.commit(name+" ours", ours)
	_, _ = r.gitErr("merge", "-q", "--no-commit", name+"-theirs")
	r.write(recorded)
	r.git("add", "-A")
	r.git("commit", "-q", "--no-edit", "-m", "merge "+name)
}

func TestRunWithFakeDrivers(t *testing.T) {
	r := newTestRepo(t)
	r.commit("base", map[string]string{
		"app/CanvasManifest.json":     "{}\n",
		"app/Entropy/checksum.json":   "{\n  \"ClientStampedChecksum\": \"0\"\n}\n",
		"app/Src/Screen1.fx.yaml":     "Screen1 As screen:\n    Fill: =Black\n",
		"other/Entropy/checksum.json": "outside\n",
	})
	r.mergeCase("m1",
		map[string]string{"app/Entropy/checksum.json": "{\n  \"ClientStampedChecksum\": \"1\"\n}\n"},
		map[string]string{"app/Entropy/checksum.json": "{\n  \"ClientStampedChecksum\": \"2\"\n}\n"},
		map[string]string{"app/Entropy/checksum.json": "{\n  \"ClientStampedChecksum\": \"2\"\n}\n"})

	base := Options{Repo: r.dir, RevList: []string{"--all"}, Timeout: 20 * time.Second}
	cases := []struct {
		name, driver string
		check        func(t *testing.T, m Merge, rep *Report)
	}{
		{"theirs", "cp %B %A", func(t *testing.T, m Merge, rep *Report) {
			if m.Canvasgit.Status != "clean" || !m.Resolved || m.Canvasgit.Agreement.ByteEqual != 1 || m.Canvasgit.DriverCalls != 1 {
				t.Errorf("canvasgit = %+v", m.Canvasgit)
			}
			// plain git: one changed line on each side, between the markers
			f := m.Files[0]
			if p, c, ok := conflictLines(f); !ok || p != 2 || c != 0 || f.LargerConflict {
				t.Errorf("conflict lines: plain %d, canvasgit %d, known %v, larger %v", p, c, ok, f.LargerConflict)
			}
			if cl := rep.Totals.ConflictLines; cl != (ConflictLineTotals{Files: 1, Plain: 2, Canvasgit: 0, Larger: 0}) {
				t.Errorf("conflict line totals = %+v", cl)
			}
		}},
		{"larger", `sh -c 'printf "<<<<<<< a\\n1\\n2\\n3\\n=======\\n4\\n>>>>>>> b\\n" >%A; exit 1'`, func(t *testing.T, m Merge, rep *Report) {
			f := m.Files[0]
			if p, c, ok := conflictLines(f); !ok || p != 2 || c != 4 || !f.LargerConflict {
				t.Errorf("conflict lines: plain %d, canvasgit %d, known %v, larger %v", p, c, ok, f.LargerConflict)
			}
			if cl := rep.Totals.ConflictLines; cl != (ConflictLineTotals{Files: 1, Plain: 2, Canvasgit: 4, Larger: 1}) {
				t.Errorf("conflict line totals = %+v", cl)
			}
			var kind KindTotals
			for _, k := range rep.Totals.Kinds {
				if k.Kind == string(merge.KindChecksum) {
					kind = k
				}
			}
			if kind.PlainLines != 2 || kind.CanvasgitLines != 4 {
				t.Errorf("checksum kind = %+v", kind)
			}
			var text strings.Builder
			if err := rep.WriteText(&text); err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{
				"canvasgit's conflicts are larger than plain git's in 1 of 1 files\n",
				" app/Entropy/checksum.json (checksum)  2 -> 4  LARGER than plain git's\n",
			} {
				if !strings.Contains(text.String(), want) {
					t.Errorf("text report lacks %q:\n%s", want, text.String())
				}
			}
			if !regexp.MustCompile(`(?m)^ *checksum +2 +4$`).MatchString(text.String()) {
				t.Errorf("text report lacks the checksum row of conflict lines:\n%s", text.String())
			}
		}},
		{"crash", "sh -c 'exit 3'", func(t *testing.T, m Merge, rep *Report) {
			if len(m.Canvasgit.DriverErrors) != 1 || m.Canvasgit.DriverErrors[0].Exit != 3 || rep.Totals.DriverErrors != 1 {
				t.Errorf("driver errors = %+v", m.Canvasgit.DriverErrors)
			}
		}},
		{"internal", `sh -c 'echo "canvasgit: internal error: boom" >&2; exit 1'`, func(t *testing.T, m Merge, rep *Report) {
			if len(m.Canvasgit.DriverErrors) != 1 || !strings.Contains(m.Canvasgit.DriverErrors[0].Message, "boom") ||
				m.Canvasgit.DriverErrors[0].Path != "app/Entropy/checksum.json" {
				t.Errorf("driver errors = %+v", m.Canvasgit.DriverErrors)
			}
		}},
		{"timeout", "sleep 30", func(t *testing.T, m Merge, rep *Report) {
			if m.Canvasgit.Status != "timeout" || rep.Totals.Timeouts != 1 || m.Canvasgit.Seconds > 10 {
				t.Errorf("canvasgit = %+v", m.Canvasgit)
			}
			if m.Plain.Status != "conflicted" || m.Files[0].Canvasgit.Status != "unknown" {
				t.Errorf("plain = %+v, file = %+v", m.Plain, m.Files[0])
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := base
			opts.DriverCommand = WrapDriver(c.driver)
			if c.name == "timeout" {
				opts.Timeout = time.Second
			}
			rep, err := Run(opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Merges) != 1 {
				t.Fatalf("merges = %d", len(rep.Merges))
			}
			m := rep.Merges[0]
			if m.Plain.Status != "conflicted" || m.Plain.Conflicted != 1 {
				t.Errorf("plain = %+v", m.Plain)
			}
			c.check(t, m, rep)
		})
	}
}

func TestRunErrors(t *testing.T) {
	r := newTestRepo(t)
	if _, err := Run(Options{Repo: t.TempDir(), Executable: "/x"}); err == nil {
		t.Error("no error for a folder that is not a repository")
	}
	r.commit("one", map[string]string{"a": "a\n"})
	if _, err := Run(Options{Repo: r.dir, Executable: "/x", RevList: []string{"--no-such-option"}}); err == nil {
		t.Error("no error for bad rev-list arguments")
	}
	rep, err := Run(Options{Repo: r.dir, Executable: "/x"})
	if err != nil || rep.MergeCommits != 0 || len(rep.Merges) != 0 {
		t.Errorf("rep = %+v, err = %v", rep, err)
	}
}

func TestSkippedMerges(t *testing.T) {
	r := newTestRepo(t)
	r.commit("base", map[string]string{"app/CanvasManifest.json": "{}\n", "a": "a\n", "b": "b\n"})
	r.git("branch", "b1")
	r.git("branch", "b2")
	r.git("checkout", "-q", "b1")
	r.commit("b1", map[string]string{"a": "a1\n"})
	r.git("checkout", "-q", "b2")
	r.commit("b2", map[string]string{"b": "b2\n"})
	r.git("checkout", "-q", "main")
	r.commit("main", map[string]string{"c": "c\n"})
	r.git("merge", "-q", "--no-edit", "b1", "b2") // octopus
	r.git("checkout", "-q", "--orphan", "other")
	r.git("rm", "-q", "-r", "--cached", ".")
	r.commit("unrelated", map[string]string{"z": "z\n"})
	r.git("checkout", "-q", "-f", "main")
	r.git("merge", "-q", "--no-edit", "--allow-unrelated-histories", "other")

	rep, err := Run(Options{Repo: r.dir, DriverCommand: WrapDriver("cp %B %A")})
	if err != nil {
		t.Fatal(err)
	}
	if rep.MergeCommits != 2 || len(rep.Skipped) != 2 || len(rep.Merges) != 0 {
		t.Fatalf("report = %+v", rep)
	}
	reasons := rep.Skipped[0].Reason + "; " + rep.Skipped[1].Reason
	if !strings.Contains(reasons, "octopus merge (3 parents)") || !strings.Contains(reasons, "no merge base") {
		t.Errorf("reasons = %s", reasons)
	}
}

func TestProgress(t *testing.T) {
	var b strings.Builder
	p := progress{w: &b, total: 60, what: "merges", every: 25}
	for i := 1; i <= 60; i++ {
		p.update(i)
	}
	p.done()
	if got := b.String(); got != "replay: 25/60 merges\nreplay: 50/60 merges\nreplay: 60/60 merges\n" {
		t.Errorf("lines = %q", got)
	}
	b.Reset()
	p = progress{w: &b, tty: true, total: 2, what: "merges", every: 25}
	p.update(1)
	p.update(2)
	p.done()
	if got := b.String(); got != "\rreplay: 1/2 merges\rreplay: 2/2 merges\n" {
		t.Errorf("terminal = %q", got)
	}
	// Fewer than every: the last count still shows; one cut short shows where it stopped.
	b.Reset()
	p = progress{w: &b, total: 2, what: "merges", every: 25}
	p.update(1)
	p.update(2)
	p.done()
	b2 := progress{w: &b, total: 9, what: "merge commits scanned", every: 250}
	b2.update(1)
	b2.done()
	if got := b.String(); got != "replay: 2/2 merges\nreplay: 1/9 merge commits scanned\n" {
		t.Errorf("short = %q", got)
	}
}
