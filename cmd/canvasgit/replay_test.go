package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"

	"github.com/canvasgit/canvasgit/merge"
	"github.com/canvasgit/canvasgit/replay"
)

// These tests run the real binary: TestMain (main_test.go) puts a copy of the test
// binary named canvasgit on PATH, and that copy is what git runs as the merge driver.

func needGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	if _, err := exec.LookPath("canvasgit"); err != nil {
		t.Skip("canvasgit is not on PATH (TestMain sets it up)")
	}
}

// isolateGit gives the test its own HOME, identity and no system configuration.
func isolateGit(t *testing.T) string {
	t.Helper()
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
	return home
}

func gitIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func commitFiles(t *testing.T, dir, msg string, files map[string]string) {
	t.Helper()
	writeFiles(t, dir, files)
	gitIn(t, dir, "add", "-A")
	gitIn(t, dir, "commit", "-q", "-m", msg)
}

// recordMerge merges a branch cut from main ("theirs") into main ("ours") and records
// the given files as the merge's result, as a user (or Power Apps Studio) would.
func recordMerge(t *testing.T, dir, name string, ours, theirs, recorded map[string]string) {
	t.Helper()
	gitIn(t, dir, "checkout", "-q", "-b", name, "main")
	commitFiles(t, dir, name+": theirs", theirs)
	gitIn(t, dir, "checkout", "-q", "main")
	commitFiles(t, dir, name+": ours", ours)
	cmd := exec.Command("git", "merge", "-q", "--no-commit", name)
	cmd.Dir = dir
	_ = cmd.Run() // conflicts are expected; the recorded files settle them
	writeFiles(t, dir, recorded)
	gitIn(t, dir, "add", "-A")
	gitIn(t, dir, "commit", "-q", "--no-edit", "-m", "merge "+name)
}

const (
	manifestBase = "{\n  \"FormatVersion\": \"0.24\",\n  \"Header\": {\n    \"DocVersion\": \"1.1\",\n    \"MinVersionToLoad\": \"1.1\"\n  },\n  \"Properties\": {\n    \"AppCreationSource\": \"AppFromScratch\",\n    \"Author\": \"\",\n    \"Name\": \"App\",\n    \"Id\": \"1\"\n  }\n}\n"
	screenBase   = "Screen1 As screen:\n    Fill: =RGBA(255, 255, 255, 1)\n\n    Label1 As label:\n        Text: =\"Hello\"\n        X: =40\n        Y: =40\n\n    Button1 As button:\n        Text: =\"Go\"\n        X: =40\n        Y: =120\n"
)

func checksum(s string) string {
	return "{\n  \"ClientStampedChecksum\": \"" + s + "\",\n  \"FormatVersion\": \"0.24\"\n}\n"
}

func dataSource(s string) string {
	return "[\n  {\n    \"Name\": \"X\",\n    \"Type\": \"" + s + "\"\n  }\n]\n"
}

// knownMergesRepo builds a repository whose app lives in app/ with four merges that
// changed the app on both sides and two that did not:
//
//	checksum   Entropy/checksum.json on one line: plain git conflicts, canvasgit takes
//	           theirs, and the recorded merge took theirs too (byte-equal)
//	refused    DataSources/X.json on one line: both conflict, canvasgit refuses
//	differs    Src/Screen1.fx.yaml, apart: both merge cleanly, the recorded merge lost
//	           theirs' change (differs)
//	canonical  CanvasManifest.json, apart: both merge cleanly, the recorded merge holds
//	           the same JSON re-indented with CRLF (canonical-equal)
//	readme     README.md only (not a canvas app merge)
//	one-side   the app on one side only (not replayed either)
func knownMergesRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	gitIn(t, dir, "init", "-q", "-b", "main")
	commitFiles(t, dir, "base", map[string]string{
		"README.md":                 "readme\n",
		"app/CanvasManifest.json":   manifestBase,
		"app/Entropy/checksum.json": checksum("base"),
		"app/DataSources/X.json":    dataSource("base"),
		"app/Src/Screen1.fx.yaml":   screenBase,
	})
	recordMerge(t, dir, "checksum",
		map[string]string{"app/Entropy/checksum.json": checksum("ours")},
		map[string]string{"app/Entropy/checksum.json": checksum("theirs")},
		map[string]string{"app/Entropy/checksum.json": checksum("theirs")})
	recordMerge(t, dir, "refused",
		map[string]string{"app/DataSources/X.json": dataSource("ours")},
		map[string]string{"app/DataSources/X.json": dataSource("theirs")},
		map[string]string{"app/DataSources/X.json": dataSource("ours")})
	oursScreen := strings.Replace(screenBase, "Fill: =RGBA(255, 255, 255, 1)", "Fill: =RGBA(0, 0, 0, 1)", 1)
	theirsScreen := strings.Replace(screenBase, "Y: =120", "Y: =160", 1)
	recordMerge(t, dir, "differs",
		map[string]string{"app/Src/Screen1.fx.yaml": oursScreen},
		map[string]string{"app/Src/Screen1.fx.yaml": theirsScreen},
		map[string]string{"app/Src/Screen1.fx.yaml": oursScreen})
	oursManifest := strings.Replace(manifestBase, `"DocVersion": "1.1"`, `"DocVersion": "1.2"`, 1)
	theirsManifest := strings.Replace(manifestBase, `"Id": "1"`, `"Id": "2"`, 1)
	merged := strings.Replace(oursManifest, `"Id": "1"`, `"Id": "2"`, 1)
	recordedManifest := strings.ReplaceAll(strings.ReplaceAll(merged, "  ", "    "), "\n", "\r\n")
	recordMerge(t, dir, "canonical",
		map[string]string{"app/CanvasManifest.json": oursManifest},
		map[string]string{"app/CanvasManifest.json": theirsManifest},
		map[string]string{"app/CanvasManifest.json": recordedManifest})
	recordMerge(t, dir, "readme",
		map[string]string{"README.md": "readme\nours\n"},
		map[string]string{"README.md": "theirs\nreadme\n"},
		map[string]string{"README.md": "theirs\nreadme\nours\n"})
	recordMerge(t, dir, "one-side",
		map[string]string{"README.md": "readme\nours again\n"},
		map[string]string{"app/Src/Screen1.fx.yaml": theirsScreen},
		map[string]string{"README.md": "readme\nours again\n", "app/Src/Screen1.fx.yaml": theirsScreen})
	return dir
}

// runReplayJSON runs `canvasgit replay --format json` with extra arguments.
func runReplayJSON(t *testing.T, args ...string) *replay.Report {
	t.Helper()
	cmd := exec.Command("canvasgit", append([]string{"replay", "--format", "json"}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("canvasgit replay %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	var rep replay.Report
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, stdout.String())
	}
	return &rep
}

// objectStore lists the files of a repository's object store with their sizes.
func objectStore(t *testing.T, gitDir string) string {
	t.Helper()
	var lines []string
	root := filepath.Join(gitDir, "objects")
	err := filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if !info.IsDir() {
			rel, _ := filepath.Rel(root, p)
			lines = append(lines, rel+" "+strconv.FormatInt(info.Size(), 10))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func countObjects(t *testing.T, dir string) string {
	t.Helper()
	var keep []string
	for _, l := range strings.Split(gitIn(t, dir, "count-objects", "-v"), "\n") {
		if strings.HasPrefix(l, "count:") || strings.HasPrefix(l, "in-pack:") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, ", ")
}

func TestReplayKnownMerges(t *testing.T) {
	needGit(t)
	home := isolateGit(t)
	dir := knownMergesRepo(t)

	// A repository where canvasgit is already installed, and badly: a driver that takes
	// theirs for every file. The plain run must not see it, the canvasgit run must use
	// replay's own driver command instead.
	writeFiles(t, home, map[string]string{".config/git/attributes": "* merge=canvasgit\n"})
	gitIn(t, dir, "config", "merge.canvasgit.driver", "cp %B %A")
	writeFiles(t, dir, map[string]string{".git/info/attributes": "* merge=canvasgit\n"})

	beforeCount, beforeStore := countObjects(t, dir), objectStore(t, filepath.Join(dir, ".git"))
	cases := t.TempDir()
	rep := runReplayJSON(t, "--repo", dir, "--cases", cases)
	if got := countObjects(t, dir); got != beforeCount {
		t.Errorf("object count changed: %s, was %s", got, beforeCount)
	}
	if got := objectStore(t, filepath.Join(dir, ".git")); got != beforeStore {
		t.Errorf("object store changed:\n%s\nwas\n%s", got, beforeStore)
	}
	checkKnownMerges(t, rep)

	// Cases: the refused and the differing file, with every version beside each other.
	for _, f := range []string{"case.txt", "base.fx.yaml", "ours.fx.yaml", "theirs.fx.yaml", "recorded.fx.yaml", "canvasgit.fx.yaml", "plain.fx.yaml"} {
		if _, err := os.Stat(filepath.Join(cases, caseOf(t, rep, "differs", "app/Src/Screen1.fx.yaml"), f)); err != nil {
			t.Error(err)
		}
	}
	refusedCase := filepath.Join(cases, caseOf(t, rep, "refused", "app/DataSources/X.json"))
	b, err := os.ReadFile(filepath.Join(refusedCase, "canvasgit.json"))
	if err != nil || !bytes.Contains(b, []byte("<<<<<<<")) {
		t.Errorf("refused case has no conflict markers: %v\n%s", err, b)
	}
	if b, err := os.ReadFile(filepath.Join(refusedCase, "recorded.json")); err != nil || string(b) != dataSource("ours") {
		t.Errorf("recorded.json = %q, %v", b, err)
	}

	// A bare mirror gives the same answer, also with merges replayed in parallel.
	bare := filepath.Join(t.TempDir(), "mirror.git")
	gitIn(t, t.TempDir(), "clone", "-q", "--mirror", dir, bare)
	before := objectStore(t, bare)
	checkKnownMerges(t, runReplayJSON(t, "--repo", bare, "--jobs", "3"))
	if objectStore(t, bare) != before {
		t.Error("object store of the bare repository changed")
	}
}

// caseOf returns the --cases folder of a file of the merge whose subject names name.
func caseOf(t *testing.T, rep *replay.Report, name, path string) string {
	t.Helper()
	for _, m := range rep.Merges {
		if m.Subject != "merge "+name {
			continue
		}
		for _, f := range m.Files {
			if f.Path == path {
				if f.Case == "" {
					t.Errorf("%s %s: no case written", name, path)
				}
				return filepath.FromSlash(f.Case)
			}
		}
	}
	t.Fatalf("no file %s in merge %s", path, name)
	return ""
}

func checkKnownMerges(t *testing.T, rep *replay.Report) {
	t.Helper()
	if rep.MergeCommits != 6 || rep.OtherMerges != 2 || len(rep.Merges) != 4 || len(rep.Skipped) != 0 {
		t.Fatalf("merges: commits %d, other %d, replayed %d, skipped %d", rep.MergeCommits, rep.OtherMerges, len(rep.Merges), len(rep.Skipped))
	}
	type want struct {
		plain, canvasgit string // run status
		file             string
		kind             merge.Kind
		plainFile        replay.FileRun
		canvasgitFile    replay.FileRun
	}
	wants := map[string]want{
		"merge checksum": {"conflicted", "clean", "app/Entropy/checksum.json", merge.KindChecksum,
			replay.FileRun{Status: "conflicted"}, replay.FileRun{Status: "clean", Recorded: replay.ByteEqual}},
		"merge refused": {"conflicted", "conflicted", "app/DataSources/X.json", merge.KindDataSources,
			replay.FileRun{Status: "conflicted"}, replay.FileRun{Status: "refused"}},
		"merge differs": {"clean", "clean", "app/Src/Screen1.fx.yaml", merge.KindFxYaml,
			replay.FileRun{Status: "clean", Recorded: replay.Differs}, replay.FileRun{Status: "clean", Recorded: replay.Differs}},
		"merge canonical": {"clean", "clean", "app/CanvasManifest.json", merge.KindManifest,
			replay.FileRun{Status: "clean", Recorded: replay.CanonicalEqual}, replay.FileRun{Status: "clean", Recorded: replay.CanonicalEqual}},
	}
	for _, m := range rep.Merges {
		w, ok := wants[m.Subject]
		if !ok {
			t.Errorf("unexpected merge %q", m.Subject)
			continue
		}
		if m.Plain.Status != w.plain || m.Canvasgit.Status != w.canvasgit {
			t.Errorf("%s: plain %s, canvasgit %s; want %s, %s (%s)", m.Subject, m.Plain.Status, m.Canvasgit.Status, w.plain, w.canvasgit, m.Canvasgit.Error)
		}
		if len(m.Files) != 1 {
			t.Errorf("%s: files %+v", m.Subject, m.Files)
			continue
		}
		f := m.Files[0]
		if f.Path != w.file || f.Kind != string(w.kind) || !f.BothChanged {
			t.Errorf("%s: file %+v", m.Subject, f)
		}
		if f.Plain.Status != w.plainFile.Status || f.Plain.Recorded != w.plainFile.Recorded {
			t.Errorf("%s: plain file %+v, want %+v", m.Subject, f.Plain, w.plainFile)
		}
		if f.Canvasgit.Status != w.canvasgitFile.Status || f.Canvasgit.Recorded != w.canvasgitFile.Recorded {
			t.Errorf("%s: canvasgit file %+v, want %+v", m.Subject, f.Canvasgit, w.canvasgitFile)
		}
		if f.Canvasgit.DriverExit == nil {
			t.Errorf("%s: the canvasgit driver was not called for %s", m.Subject, f.Path)
		}
		if f.Plain.DriverExit != nil {
			t.Errorf("%s: a driver ran in the plain run", m.Subject)
		}
	}
	tot := rep.Totals
	if tot.Merges != 4 || tot.BothChanged != 4 || tot.Resolved != 1 || tot.DriverErrors != 0 || tot.Timeouts != 0 {
		t.Errorf("totals = %+v", tot)
	}
	if tot.Plain.ConflictedFiles != 2 || tot.Plain.ConflictedMerges != 2 || tot.Plain.CleanMerges != 2 {
		t.Errorf("plain totals = %+v", tot.Plain)
	}
	if tot.Canvasgit.ConflictedFiles != 1 || tot.Canvasgit.Refused != 1 || tot.Canvasgit.ConflictedMerges != 1 || tot.Canvasgit.CleanMerges != 3 {
		t.Errorf("canvasgit totals = %+v", tot.Canvasgit)
	}
	if a := tot.Canvasgit.Agreement; a != (replay.Agreement{Clean: 3, ByteEqual: 1, CanonicalEqual: 1, Differ: 1}) {
		t.Errorf("canvasgit agreement = %+v", a)
	}
	if a := tot.Plain.Agreement; a != (replay.Agreement{Clean: 2, ByteEqual: 0, CanonicalEqual: 1, Differ: 1}) {
		t.Errorf("plain agreement = %+v", a)
	}
	kinds := map[string]replay.KindTotals{}
	for _, k := range tot.Kinds {
		kinds[k.Kind] = k
	}
	if k := kinds[string(merge.KindChecksum)]; k.Plain != 1 || k.Canvasgit != 0 {
		t.Errorf("checksum kind = %+v", k)
	}
	if k := kinds[string(merge.KindDataSources)]; k.Plain != 1 || k.Canvasgit != 1 {
		t.Errorf("data sources kind = %+v", k)
	}
	if tot.Plain.Seconds <= 0 || tot.Canvasgit.Seconds <= 0 || tot.TimeRatio <= 0 {
		t.Errorf("times: plain %g, canvasgit %g, ratio %g", tot.Plain.Seconds, tot.Canvasgit.Seconds, tot.TimeRatio)
	}
}

func TestReplayUsage(t *testing.T) {
	needGit(t)
	isolateGit(t)
	var stdout, stderr bytes.Buffer
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"replay", "--format", "xml"}, exitUsage},
		{[]string{"replay", "extra"}, exitUsage},
		{[]string{"replay", "--rev-list", " "}, exitUsage},
		{[]string{"replay", "--timeout", "0s"}, exitUsage},
		{[]string{"replay", "--jobs", "0"}, exitUsage},
		{[]string{"replay", "--repo", t.TempDir()}, exitUsage},
	} {
		stdout.Reset()
		stderr.Reset()
		if got := run(c.args, &stdout, &stderr); got != c.code {
			t.Errorf("%q: exit %d, want %d\n%s", c.args, got, c.code, stderr.String())
		}
	}
}

// TestReplayCorpus replays every real merge history in ../shared/corpus/merges and
// checks that the totals hold together: plain git's conflicts are exactly what
// `git merge-tree --write-tree --name-only` reports, canvasgit never leaves more
// conflicts than plain git in the volatile kinds, and every clean file both sides
// changed is counted once against the recorded merge.
func TestReplayCorpus(t *testing.T) {
	needGit(t)
	if testing.Short() {
		t.Skip("replays whole histories; skipped with -short")
	}
	isolateGit(t)
	corpusDir := corpus.Sub("merges")
	if corpusDir == "" {
		t.Skip("../shared/corpus/merges not found (walking up from the working directory); skipping the corpus replay")
	}
	bundles, _ := filepath.Glob(filepath.Join(corpusDir, "*.bundle"))
	if len(bundles) == 0 {
		t.Skipf("no bundles in %s", corpusDir)
	}
	for _, b := range bundles {
		name := strings.TrimSuffix(filepath.Base(b), ".bundle")
		t.Run(name, func(t *testing.T) {
			repo := filepath.Join(t.TempDir(), name+".git")
			gitIn(t, t.TempDir(), "clone", "-q", "--mirror", b, repo)
			before := countObjects(t, repo)
			rep := runReplayJSON(t, "--repo", repo, "--jobs", "2") // times are not checked here
			if got := countObjects(t, repo); got != before {
				t.Errorf("object count changed: %s, was %s", got, before)
			}
			checkCorpusReport(t, repo, rep)
			tot := rep.Totals
			t.Logf("%d merges; conflicted files: plain git %d, canvasgit %d (%d refused); resolved %d; canvasgit clean both-changed %d = %d byte-equal + %d canonical + %d differ; %.1fs vs %.1fs",
				tot.Merges, tot.Plain.ConflictedFiles, tot.Canvasgit.ConflictedFiles, tot.Canvasgit.Refused, tot.Resolved,
				tot.Canvasgit.Agreement.Clean, tot.Canvasgit.Agreement.ByteEqual, tot.Canvasgit.Agreement.CanonicalEqual,
				tot.Canvasgit.Agreement.Differ, tot.Plain.Seconds, tot.Canvasgit.Seconds)
		})
	}
}

func checkCorpusReport(t *testing.T, repo string, rep *replay.Report) {
	t.Helper()
	if len(rep.Merges) == 0 {
		t.Fatal("no merges replayed")
	}
	if rep.Totals.DriverErrors != 0 || rep.Totals.Timeouts != 0 {
		t.Errorf("driver errors %d, time-outs %d", rep.Totals.DriverErrors, rep.Totals.Timeouts)
	}
	// Plain git's conflicts, asked of git directly in one batch (--stdin: one merge per
	// input line, each result ended by a NUL).
	var input strings.Builder
	for _, m := range rep.Merges {
		input.WriteString(m.Parents[0] + " " + m.Parents[1] + "\n")
	}
	cmd := exec.Command("git", "merge-tree", "--stdin", "--name-only", "-z")
	cmd.Dir = repo
	cmd.Stdin = strings.NewReader(input.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git merge-tree --stdin: %v", err)
	}
	direct := parseStdinMergeTree(t, out, len(rep.Merges))

	volatile := map[string]bool{
		string(merge.KindChecksum): true, string(merge.KindEntropy): true,
		string(merge.KindEditorState): true, string(merge.KindAppChecker): true,
	}
	var sum replay.Agreement
	for i, m := range rep.Merges {
		var plain, canvas []string
		plainKind, canvasKind := map[string]int{}, map[string]int{}
		for _, f := range m.Files {
			if f.Plain.Status == "conflicted" {
				plain = append(plain, f.Path)
				plainKind[f.Kind]++
			}
			if f.Canvasgit.Status == "conflicted" || f.Canvasgit.Status == "refused" {
				canvas = append(canvas, f.Path)
				canvasKind[f.Kind]++
			}
			if f.BothChanged && f.Canvasgit.Status == "clean" && f.Canvasgit.Recorded == "" {
				t.Errorf("%s %s: clean both-changed file not compared", m.Commit, f.Path)
			}
			// canvasgit's .fx.yaml conflicts are never larger than plain git's.
			if f.Kind == string(merge.KindFxYaml) && f.BothChanged {
				if f.Plain.ConflictLines == nil || f.Canvasgit.ConflictLines == nil {
					t.Errorf("%s %s: conflict lines not measured", m.Commit, f.Path)
				} else if c, p := *f.Canvasgit.ConflictLines, *f.Plain.ConflictLines; c > p || f.LargerConflict != (c > p) {
					t.Errorf("%s %s: %d lines between conflict markers, plain git %d (flagged %v)", m.Commit, f.Path, c, p, f.LargerConflict)
				}
			}
		}
		if got, want := strings.Join(plain, "\n"), strings.Join(direct[i], "\n"); got != want {
			t.Errorf("%s: plain conflicts\n%s\nwant (git merge-tree --name-only)\n%s", m.Commit, got, want)
		}
		if len(plain) != m.Plain.Conflicted || len(canvas) != m.Canvasgit.Conflicted {
			t.Errorf("%s: file lists (%d, %d) disagree with run counts (%d, %d)", m.Commit, len(plain), len(canvas), m.Plain.Conflicted, m.Canvasgit.Conflicted)
		}
		for k := range volatile {
			if canvasKind[k] > plainKind[k] {
				t.Errorf("%s: canvasgit leaves %d %s conflicts, plain git %d", m.Commit, canvasKind[k], k, plainKind[k])
			}
		}
		a := m.Canvasgit.Agreement
		if a.ByteEqual+a.CanonicalEqual+a.Differ != a.Clean {
			t.Errorf("%s: agreement %+v does not add up", m.Commit, a)
		}
		sum.Clean += a.Clean
		sum.ByteEqual += a.ByteEqual
		sum.CanonicalEqual += a.CanonicalEqual
		sum.Differ += a.Differ
	}
	tot := rep.Totals
	if tot.Canvasgit.Agreement != sum {
		t.Errorf("total agreement %+v, sum of merges %+v", tot.Canvasgit.Agreement, sum)
	}
	if a := tot.Canvasgit.Agreement; a.ByteEqual+a.CanonicalEqual+a.Differ != a.Clean {
		t.Errorf("total agreement %+v does not add up", a)
	}
	for _, k := range tot.Kinds {
		if volatile[k.Kind] && k.Canvasgit > k.Plain {
			t.Errorf("kind %s: canvasgit %d > plain git %d", k.Kind, k.Canvasgit, k.Plain)
		}
	}
}

// parseStdinMergeTree splits `git merge-tree --stdin --name-only -z` output: per merge,
// "<tree> NUL <paths NUL>... NUL <messages>" preceded by the merge's status
// ("1 NUL" clean, "0 NUL" conflicted). It returns the sorted conflicted paths of each.
func parseStdinMergeTree(t *testing.T, out []byte, n int) [][]string {
	t.Helper()
	recs := strings.Split(string(out), "\x00")
	var res [][]string
	i := 0
	for len(res) < n {
		if i+1 >= len(recs) {
			t.Fatalf("merge-tree --stdin: %d results, want %d", len(res), n)
		}
		status := recs[i]
		i += 2 // status, tree
		var paths []string
		if status == "0" {
			for ; i < len(recs) && recs[i] != ""; i++ {
				paths = append(paths, recs[i])
			}
			i++ // end of the conflicted file list
			// informational messages: <count> <paths...> <type> <message>, up to the
			// empty record that ends this merge's output
			for i < len(recs) && recs[i] != "" {
				c, err := strconv.Atoi(recs[i])
				if err != nil {
					t.Fatalf("merge-tree --stdin: unexpected record %q", recs[i])
				}
				i += c + 3
			}
		}
		i++ // the NUL that ends the merge's output
		sort.Strings(paths)
		res = append(res, paths)
	}
	return res
}
