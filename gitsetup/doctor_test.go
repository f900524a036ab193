package gitsetup

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/merge"
)

// Every kind the rules route to the driver has a sample path, so a bare repository
// without an app is still checked for all of them.
func TestSamplePathsCoverEveryKind(t *testing.T) {
	seen := map[merge.Kind]string{}
	for _, p := range SamplePaths {
		k := merge.RuleFor(p).Kind
		if k == merge.KindOther {
			t.Errorf("sample %s is of kind other", p)
		}
		if prev, ok := seen[k]; ok {
			t.Errorf("samples %s and %s are both %s", prev, p, k)
		}
		seen[k] = p
	}
	for _, r := range merge.Rules {
		if _, ok := seen[r.Kind]; !ok {
			t.Errorf("no sample path for kind %s", r.Kind)
		}
	}
	if roots := appRoots(SamplePaths); len(roots) != 1 || roots[0] != "App" {
		t.Errorf("sample app roots: %q", roots)
	}
}

func TestRepresentatives(t *testing.T) {
	files := []string{
		"README.md",
		"apps/Sales/CanvasManifest.json",
		"apps/Sales/Src/Screen2.fx.yaml",
		"apps/Sales/Src/App.fx.yaml",
		"apps/Sales/Src/Themes.json",
		"apps/Sales/Entropy/checksum.json",
		"apps/Sales/Entropy/Entropy.json",
		"apps/HR/CanvasManifest.json",
		"apps/HR/Src/Screen1.fx.yaml",
	}
	roots := appRoots(files)
	if strings.Join(roots, ",") != "apps/HR,apps/Sales" {
		t.Fatalf("roots: %q", roots)
	}
	var got []string
	for _, r := range representatives("apps/Sales", files) {
		got = append(got, string(r.rule.Kind)+"="+r.path)
	}
	want := "manifest=apps/Sales/CanvasManifest.json, checksum=apps/Sales/Entropy/checksum.json, entropy=apps/Sales/Entropy/Entropy.json, fx.yaml=apps/Sales/Src/App.fx.yaml"
	if strings.Join(got, ", ") != want {
		t.Errorf("representatives:\n got %s\nwant %s", strings.Join(got, ", "), want)
	}
	if reps := representatives(".", []string{"CanvasManifest.json", "Src/A.fx.yaml"}); len(reps) != 2 {
		t.Errorf("app at the repository root: %+v", reps)
	}
}

func findings(rep DoctorReport, check string) []Finding {
	var fs []Finding
	for _, f := range rep.Findings {
		if f.Check == check {
			fs = append(fs, f)
		}
	}
	return fs
}

func writeApp(t *testing.T, dir string) {
	t.Helper()
	for name, body := range map[string]string{
		"MyApp/CanvasManifest.json":   "{}\n",
		"MyApp/Src/Screen1.fx.yaml":   "Screen1 As screen:\n",
		"MyApp/Entropy/checksum.json": "{}\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestDoctor(t *testing.T) {
	g := newTestRepo(t, false)
	writeApp(t, g.Dir)
	self := filepath.Join(t.TempDir(), "canvasgit")
	os.WriteFile(self, nil, 0o755)
	opts := DoctorOptions{Executable: self, LookPath: func(string) (string, error) { return self, nil }}

	rep := Doctor(g, opts)
	if rep.Count(LevelProblem) == 0 {
		t.Fatalf("no problem before install: %+v", rep.Findings)
	}
	if f := findings(rep, "merge driver"); len(f) != 1 || f[0].Level != LevelProblem {
		t.Errorf("merge driver before install: %+v", f)
	}
	attr := findings(rep, "attributes")
	if len(attr) != 3 || !strings.Contains(attr[0].Message, "MyApp/CanvasManifest.json") {
		t.Errorf("attributes before install: %+v", attr)
	}
	if len(rep.Limits) != 3 {
		t.Errorf("limits: %q", rep.Limits)
	}

	ver, _ := g.Version()
	if _, err := Install(g, ver, ScopeLocal, false); err != nil {
		t.Fatal(err)
	}
	if _, err := InstallAttributes(g); err != nil {
		t.Fatal(err)
	}
	rep = Doctor(g, opts)
	if n := rep.Count(LevelProblem); n != 0 {
		t.Errorf("%d problems after install: %+v", n, rep.Findings)
	}
	attr = findings(rep, "attributes")
	if len(attr) != 1 || attr[0].Level != LevelOK || !strings.Contains(attr[0].Message, "manifest, checksum, fx.yaml") {
		t.Errorf("attributes after install: %+v", attr)
	}
	if f := findings(rep, "canvasgit on PATH"); len(f) != 1 || f[0].Level != LevelOK {
		t.Errorf("executable: %+v", f)
	}

	// Another canvasgit on PATH, then none.
	other := filepath.Join(t.TempDir(), "canvasgit")
	os.WriteFile(other, nil, 0o755)
	opts.LookPath = func(string) (string, error) { return other, nil }
	if f := findings(Doctor(g, opts), "canvasgit on PATH"); len(f) != 1 || f[0].Level != LevelWarning || !strings.Contains(f[0].Message, other) {
		t.Errorf("other executable: %+v", f)
	}
	opts.LookPath = func(string) (string, error) { return "", errors.New("not found") }
	if f := findings(Doctor(g, opts), "canvasgit on PATH"); len(f) != 1 || f[0].Level != LevelProblem {
		t.Errorf("missing executable: %+v", f)
	}
}

func TestDoctorBare(t *testing.T) {
	g := newTestRepo(t, true)
	rep := Doctor(g, DoctorOptions{})
	if !rep.Bare {
		t.Error("not seen as bare")
	}
	if f := findings(rep, "repository"); len(f) != 1 || !strings.Contains(f[0].Message, "info") {
		t.Errorf("repository: %+v", f)
	}
	if rep.Count(LevelProblem) == 0 {
		t.Error("no problem in a bare repository without attributes")
	}
	if _, err := InstallAttributes(g); err != nil {
		t.Fatal(err)
	}
	for _, f := range findings(Doctor(g, DoctorOptions{}), "attributes") {
		if f.Level == LevelProblem {
			t.Errorf("after install --attributes: %+v", f)
		}
	}
}

func TestDoctorOutsideRepository(t *testing.T) {
	isolateGit(t)
	rep := Doctor(&Git{Dir: t.TempDir()}, DoctorOptions{})
	if f := findings(rep, "repository"); len(f) != 1 || f[0].Level != LevelWarning {
		t.Errorf("repository: %+v", f)
	}
	if len(findings(rep, "attributes")) != 0 {
		t.Error("attributes checked outside a repository")
	}
}

// doctor names canvasgit.checksum only when it is set: a value the driver takes, a
// value it rejects, and one in the system config, which the driver does not read.
func TestDoctorChecksumSetting(t *testing.T) {
	g := newTestRepo(t, false)
	opts := DoctorOptions{LookPath: func(string) (string, error) { return "", errors.New("not found") }}
	if f := findings(Doctor(g, opts), "checksum setting"); len(f) != 0 {
		t.Errorf("not set: %+v", f)
	}
	if _, err := g.Run("config", "canvasgit.checksum", "ours"); err != nil {
		t.Fatal(err)
	}
	if f := findings(Doctor(g, opts), "checksum setting"); len(f) != 1 || f[0].Level != LevelOK || !strings.Contains(f[0].Message, "is ours (local config)") {
		t.Errorf("ours: %+v", f)
	}
	if _, err := g.Run("config", "canvasgit.checksum", "mine"); err != nil {
		t.Fatal(err)
	}
	if f := findings(Doctor(g, opts), "checksum setting"); len(f) != 1 || f[0].Level != LevelWarning || !strings.Contains(f[0].Message, "neither ours nor theirs") {
		t.Errorf("mine: %+v", f)
	}
	if _, err := g.Run("config", "--unset", "canvasgit.checksum"); err != nil {
		t.Fatal(err)
	}
	system := filepath.Join(t.TempDir(), "gitconfig")
	os.WriteFile(system, []byte("[canvasgit]\n\tchecksum = ours\n"), 0o644)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "")
	t.Setenv("GIT_CONFIG_SYSTEM", system)
	if f := findings(Doctor(g, opts), "checksum setting"); len(f) != 1 || f[0].Level != LevelWarning || !strings.Contains(f[0].Message, "system config, which the merge driver does not read") {
		t.Errorf("system: %+v", f)
	}
}
