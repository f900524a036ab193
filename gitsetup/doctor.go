package gitsetup

import (
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"

	"github.com/canvasgit/canvasgit/merge"
	srcapp "github.com/canvasgit/canvasgit/source/app"
)

// Level is how serious a doctor finding is.
type Level string

const (
	LevelOK      Level = "ok"
	LevelWarning Level = "warning" // works, but not as well as it could
	LevelProblem Level = "problem" // canvasgit will not run, or not for these files
)

// Finding is one line of the doctor's report.
type Finding struct {
	Level   Level  `json:"level"`
	Check   string `json:"check"`
	Message string `json:"message"`
}

// DoctorReport is what Doctor found.
type DoctorReport struct {
	// Path is the directory inspected, as given.
	Path string `json:"path"`
	// Repository is the work tree top (or the git dir of a bare repository); empty
	// outside a repository.
	Repository string    `json:"repository,omitempty"`
	Bare       bool      `json:"bare"`
	GitVersion string    `json:"git_version,omitempty"`
	Findings   []Finding `json:"findings"`
	// Limits are the known limits, always reported.
	Limits []string `json:"limits"`
}

// Count returns how many findings have level l.
func (r DoctorReport) Count(l Level) int {
	n := 0
	for _, f := range r.Findings {
		if f.Level == l {
			n++
		}
	}
	return n
}

// KnownLimits are printed by every doctor run: things no local setup can fix.
var KnownLimits = []string{
	"A bare repository ignores in-tree .gitattributes: the lines must be in $GIT_DIR/info/attributes " +
		"(`canvasgit install` writes there in a bare repository).",
	"GitHub's merge button and GitLab.com never run custom merge drivers: they merge canvas app files " +
		"as plain text or report a conflict. The `canvasgit gate` CI check is meant to catch that.",
	"A .gitattributes rule added on one branch does not apply when merging while a branch cut before it " +
		"is checked out (git reads the attributes of the checked-out work tree, not of the branch being " +
		"merged in): commit the attributes on both branches, or put them in info/attributes.",
}

// SamplePaths are the paths checked when the repository has no canvas app to look at
// (a bare repository without HEAD, or no CanvasManifest.json): one per kind of file
// the rules route to the driver.
var SamplePaths = []string{
	"App/CanvasManifest.json",
	"App/Src/Screen1.fx.yaml",
	"App/Src/Screen2.pa.yaml",
	"App/Src/EditorState/Screen1.editorstate.json",
	"App/Entropy/Entropy.json",
	"App/Entropy/checksum.json",
	"App/Entropy/AppCheckerResult.sarif",
	"App/Connections/Connections.json",
	"App/DataSources/Accounts.json",
	"App/pkgs/Wadl/Office365Users.xml",
	// git integration and pac's SourceCode layout (docs/merge.md)
	"App/App_DocumentUri/Controls/4.json",
	"App/App_DocumentUri/Properties.json",
	"App/App_DocumentUri/Header.json",
	"App/App_DocumentUri/Resources/PublishInfo.json",
	"App/App_AdditionalUris0_identity.json",
	"App/canvasapp.yml",
	"App/solutions/S/solution.yml",
	"App/App.msapr",
}

// DoctorOptions lets tests replace how the doctor finds executables.
type DoctorOptions struct {
	// Executable is the running canvasgit; empty means os.Executable().
	Executable string
	// LookPath finds a program on PATH; nil means exec.LookPath.
	LookPath func(string) (string, error)
}

// Doctor inspects git and the repository at g.Dir and reports whether canvasgit will
// run for the app's files. It never changes anything.
func Doctor(g *Git, opts DoctorOptions) DoctorReport {
	d := doctor{g: g, opts: opts, rep: DoctorReport{Path: g.Dir, Limits: KnownLimits}}
	if d.rep.Path == "" {
		d.rep.Path = "."
	}
	if d.opts.LookPath == nil {
		d.opts.LookPath = exec.LookPath
	}
	d.run()
	return d.rep
}

type doctor struct {
	g    *Git
	opts DoctorOptions
	rep  DoctorReport
	ver  Version
}

func (d *doctor) add(l Level, check, format string, args ...any) {
	d.rep.Findings = append(d.rep.Findings, Finding{Level: l, Check: check, Message: fmt.Sprintf(format, args...)})
}

func (d *doctor) run() {
	if !d.checkVersion() {
		return
	}
	inRepo := d.checkRepository()
	d.checkDriver()
	d.checkFuncname()
	if inRepo {
		d.checkAttributes()
	}
	d.checkRerere(inRepo)
	d.checkConflictStyle()
	d.checkChecksumSetting()
}

func (d *doctor) checkVersion() bool {
	v, err := d.g.Version()
	if err != nil {
		d.add(LevelProblem, "git version", "cannot run git: %v", err)
		return false
	}
	d.ver = v
	d.rep.GitVersion = v.String()
	d.add(LevelOK, "git version", "git %s", v)
	if v.Compare(VersionLabels) >= 0 {
		d.add(LevelOK, "conflict labels", "git %s expands %%S, %%X and %%Y, so canvasgit's conflict markers name the branches", v)
	} else {
		d.add(LevelWarning, "conflict labels", "git %s is older than 2.44: it does not expand %%S, %%X and %%Y, so canvasgit's conflict markers carry no branch names (upgrade git to get them)", v)
	}
	if v.Compare(VersionDiscardsCrashed) >= 0 {
		d.add(LevelOK, "crashed drivers", "git %s discards the output of a merge driver that crashes (exit status above 128) and reports a failed merge", v)
	} else {
		d.add(LevelOK, "crashed drivers", "git %s keeps the output of a merge driver that crashes as a conflicted result (git 2.42 and newer discard it); canvasgit never exits above 128 on purpose", v)
	}
	return true
}

func (d *doctor) checkRepository() bool {
	if !d.g.InRepository() {
		d.add(LevelWarning, "repository", "%s is not inside a git repository: only global and system config were checked, not attributes", d.rep.Path)
		return false
	}
	bare, err := d.g.IsBare()
	if err != nil {
		d.add(LevelProblem, "repository", "%v", err)
		return false
	}
	d.rep.Bare = bare
	if bare {
		dir, err := d.g.GitDir()
		if err != nil {
			d.add(LevelProblem, "repository", "%v", err)
			return false
		}
		d.rep.Repository = dir
		d.add(LevelOK, "repository", "bare repository %s: git ignores in-tree .gitattributes here, attributes must be in %s", dir, filepath.Join(dir, "info", "attributes"))
		return true
	}
	top, err := d.g.TopLevel()
	if err != nil {
		d.add(LevelProblem, "repository", "%s is inside a git directory, not a work tree: run doctor in the work tree (%v)", d.rep.Path, err)
		return false
	}
	d.rep.Repository = top
	d.add(LevelOK, "repository", "work tree %s", top)
	return true
}

// scopedValues returns every value of key with its scope, using --show-scope when git
// has it and asking each scope otherwise.
func (d *doctor) scopedValues(key string) ([]ScopedValue, error) {
	if d.ver.Compare(VersionShowScope) >= 0 {
		return d.g.ConfigGetAllScopes(key)
	}
	var vals []ScopedValue
	for _, s := range []Scope{ScopeSystem, ScopeGlobal, ScopeLocal} {
		if s == ScopeLocal && !d.g.InRepository() {
			continue
		}
		vs, err := d.g.ConfigGetAll(s, key)
		if err != nil {
			return nil, err
		}
		for _, v := range vs {
			vals = append(vals, ScopedValue{Scope: string(s), Value: v})
		}
	}
	return vals, nil
}

func (d *doctor) entry(key string) Entry {
	for _, e := range Entries(d.ver) {
		if e.Key == key {
			return e
		}
	}
	panic("gitsetup: no entry " + key)
}

func (d *doctor) checkDriver() {
	const key = "merge.canvasgit.driver"
	e := d.entry(key)
	vals, err := d.scopedValues(key)
	if err != nil {
		d.add(LevelProblem, "merge driver", "cannot read %s: %v", key, err)
		return
	}
	if len(vals) == 0 {
		d.add(LevelProblem, "merge driver", "%s is not set: git merges files marked merge=canvasgit with its own text merge, without a word; run `canvasgit install` (or `canvasgit install --global`)", key)
		return
	}
	eff := vals[len(vals)-1]
	where := eff.Scope + " config"
	var others []string
	for _, v := range vals[:len(vals)-1] {
		if v.Scope != eff.Scope && !contains(others, v.Scope) {
			others = append(others, v.Scope)
		}
	}
	if len(others) > 0 {
		where += fmt.Sprintf(" (it overrides the one in %s config)", strings.Join(others, ", "))
	}
	switch {
	case !e.Ours(eff.Value):
		d.add(LevelWarning, "merge driver", "%s is set in %s to %q, which canvasgit did not write; `canvasgit install --force` in that scope replaces it", key, where, eff.Value)
		return
	case !e.Current(eff.Value) && !HasFallback(eff.Value):
		d.add(LevelWarning, "merge driver", "%s is set in %s to an older canvasgit command (%q) without the git merge-file fallback: if canvasgit cannot run, git keeps only our side of the file, without markers; `canvasgit install --%s` upgrades it", key, where, eff.Value, scopeFlag(eff.Scope))
	case !e.Current(eff.Value):
		d.add(LevelWarning, "merge driver", "%s is set in %s to an older canvasgit command (%q); `canvasgit install --%s` upgrades it", key, where, eff.Value, scopeFlag(eff.Scope))
	default:
		d.add(LevelOK, "merge driver", "%s is set in %s", key, where)
	}
	d.checkExecutable(eff.Value)
}

func scopeFlag(s string) string {
	switch s {
	case "global", "system":
		return s
	}
	return "local"
}

// checkExecutable checks that git finds the program the driver command names, from
// where git runs it, and that it is this canvasgit.
func (d *doctor) checkExecutable(command string) {
	prog := firstWord(command)
	found, err := d.findProgram(prog)
	if err != nil {
		if HasFallback(command) {
			d.add(LevelProblem, "canvasgit on PATH", "git cannot find %q from %s (%v): merges of the app's files fall back to git merge-file (both sides between markers, every such file a conflict, canvasgit's rules not applied)", prog, d.where(), err)
		} else {
			d.add(LevelProblem, "canvasgit on PATH", "git cannot find %q from %s (%v), and the driver command has no fallback: git keeps only our side of each such file, without markers; run `canvasgit install` to get the fallback, and put canvasgit on PATH", prog, d.where(), err)
		}
		return
	}
	if abs, err := filepath.Abs(found); err == nil {
		found = abs
	}
	self := d.opts.Executable
	if self == "" {
		self, err = os.Executable()
		if err != nil {
			d.add(LevelOK, "canvasgit on PATH", "git will run %s (cannot tell which file this canvasgit is: %v)", found, err)
			return
		}
	}
	a, errA := os.Stat(found)
	b, errB := os.Stat(self)
	if errA == nil && errB == nil && os.SameFile(a, b) {
		d.add(LevelOK, "canvasgit on PATH", "git will run %s, this canvasgit", found)
		return
	}
	if errA != nil {
		d.add(LevelOK, "canvasgit on PATH", "git will run %s", found)
		return
	}
	d.add(LevelWarning, "canvasgit on PATH", "git will run %s, which is not this canvasgit (%s); the two may be different versions", found, self)
}

// where names the folder git runs the driver from, for messages.
func (d *doctor) where() string {
	if d.rep.Repository != "" {
		return d.rep.Repository
	}
	return d.rep.Path
}

// findProgram finds prog as git does when it runs the driver command: git's own shell
// (sh, also on Windows), started from the top of the work tree, with git's exec path
// ahead of PATH. A shell alias runs exactly there, so git answers the question itself.
func (d *doctor) findProgram(prog string) (string, error) {
	if d.opts.LookPath != nil {
		return d.opts.LookPath(prog)
	}
	dir := d.g.Dir
	if d.rep.Repository != "" && !d.rep.Bare {
		dir = d.rep.Repository
	}
	g := &Git{Dir: dir, Program: d.g.Program}
	out, err := g.Run("-c", "alias.canvasgit-doctor-which=!command -v "+shellQuote(prog), "canvasgit-doctor-which")
	found := strings.TrimSpace(out)
	if err != nil || found == "" {
		return "", fmt.Errorf("not on the PATH git's shell uses")
	}
	found = fromMSYSPath(found)
	if !filepath.IsAbs(found) {
		base := dir
		if base == "" {
			base = "."
		}
		found = filepath.Join(base, found)
	}
	if runtime.GOOS == "windows" && filepath.Ext(found) == "" {
		// bash on Windows names canvasgit.exe without its extension.
		if _, err := os.Stat(found + ".exe"); err == nil {
			found += ".exe"
		}
	}
	return found, nil
}

// fromMSYSPath turns the /c/dir/file paths of Git for Windows' shell into C:\dir\file.
func fromMSYSPath(p string) string {
	if runtime.GOOS != "windows" || len(p) < 3 || p[0] != '/' || p[2] != '/' {
		return p
	}
	return filepath.FromSlash(strings.ToUpper(p[1:2]) + ":" + p[2:])
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// firstWord returns the program a shell command line starts with, without quotes and
// after its variable assignments (DriverEnv).
func firstWord(command string) string {
	s := withoutAssignments(command)
	if s == "" {
		return ""
	}
	if q := s[0]; q == '"' || q == '\'' {
		if i := strings.IndexByte(s[1:], q); i >= 0 {
			return s[1 : i+1]
		}
	}
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		return s[:i]
	}
	return s
}

func (d *doctor) checkFuncname() {
	for _, f := range []struct{ key, value, files string }{
		{"diff.fxyaml.xfuncname", FxYamlFuncname, ".fx.yaml"},
		{"diff.payaml.xfuncname", PaYamlFuncname, ".pa.yaml"},
	} {
		v, ok, err := d.g.ConfigGetEffective(f.key)
		switch {
		case err != nil:
			d.add(LevelWarning, "hunk headers", "cannot read %s: %v", f.key, err)
		case !ok:
			d.add(LevelWarning, "hunk headers", "%s is not set: diffs of %s files will not name the control in hunk headers; `canvasgit install` sets it", f.key, f.files)
		case v != f.value:
			d.add(LevelOK, "hunk headers", "%s is set to a regex canvasgit did not write; git uses it for %s hunk headers", f.key, f.files)
		default:
			d.add(LevelOK, "hunk headers", "%s is set: %s hunk headers name the control", f.key, f.files)
		}
	}
}

// representative is a file chosen to stand for one kind of file of an app.
type representative struct {
	path string
	rule merge.Rule
}

func (d *doctor) checkAttributes() {
	var files []string
	var source string
	level := LevelProblem
	ag := d.g
	if d.rep.Bare {
		if fs, err := d.g.ListTree("HEAD"); err == nil && len(appRoots(fs)) > 0 {
			files, source = fs, "HEAD"
		}
	} else {
		ag = &Git{Dir: d.rep.Repository, Program: d.g.Program}
		fs, err := ag.ListFiles()
		if err != nil {
			d.add(LevelProblem, "attributes", "cannot list files: %v", err)
			return
		}
		if len(appRoots(fs)) > 0 {
			files, source = fs, "work tree"
		}
	}
	roots := appRoots(files)
	if len(roots) == 0 {
		files = SamplePaths
		roots = []string{"App"}
		if d.rep.Bare {
			d.add(LevelOK, "attributes", "no canvas app found in HEAD; checking typical paths (%s/...) against info/attributes", roots[0])
		} else {
			level = LevelWarning // nothing to merge yet
			d.add(LevelWarning, "attributes", "no canvas app found (no CanvasManifest.json in the work tree); checking typical paths (%s/...) instead", roots[0])
		}
	}
	reps := map[string][]representative{}
	var paths []string
	for _, root := range roots {
		for _, r := range representatives(root, files) {
			reps[root] = append(reps[root], r)
			paths = append(paths, r.path)
		}
	}
	attrs, err := ag.CheckAttr([]string{"merge", "diff"}, paths)
	if err != nil {
		d.add(LevelProblem, "attributes", "git check-attr failed: %v", err)
		return
	}
	got := map[string]map[string]string{}
	for _, a := range attrs {
		if got[a.Path] == nil {
			got[a.Path] = map[string]string{}
		}
		got[a.Path][a.Name] = a.Value
	}
	where := ".gitattributes"
	if d.rep.Bare {
		where = "info/attributes"
	}
	for _, root := range roots {
		name := root
		if name == "." {
			name = "(repository root)"
		}
		bad := 0
		var kinds []string
		for _, r := range reps[root] {
			m := got[r.path]["merge"]
			if m != DriverName {
				bad++
				d.add(level, "attributes", "app %s: %s (%s, %s) has merge=%s, not merge=%s: git merges it with its own text merge; run `canvasgit install`, which writes canvasgit's lines to %s",
					name, r.path, r.rule.Kind, r.rule.Strategy, attrValue(m), DriverName, where)
				continue
			}
			kinds = append(kinds, string(r.rule.Kind))
			if r.rule.Kind == merge.KindFxYaml && strings.HasSuffix(strings.ToLower(r.path), ".fx.yaml") {
				if df := got[r.path]["diff"]; df != "fxyaml" {
					d.add(LevelWarning, "attributes", "app %s: %s has diff=%s, not diff=fxyaml: hunk headers will not name the control", name, r.path, attrValue(df))
				}
			}
			if strings.HasSuffix(strings.ToLower(r.path), ".pa.yaml") {
				if df := got[r.path]["diff"]; df != "payaml" {
					d.add(LevelWarning, "attributes", "app %s: %s has diff=%s, not diff=payaml: hunk headers will not name the control", name, r.path, attrValue(df))
				}
			}
		}
		if bad == 0 && len(kinds) > 0 {
			from := ""
			if source == "HEAD" {
				from = " (files of HEAD)"
			}
			d.add(LevelOK, "attributes", "app %s%s: every kind of file found routes to canvasgit (%s)", name, from, strings.Join(kinds, ", "))
		}
	}
}

func attrValue(v string) string {
	if v == "" {
		return "unspecified"
	}
	return v
}

// appRoots returns the folders (repository-relative, forward slashes, "." for the top)
// that hold an app (see appRootOf) or `.pa.yaml` sources under Src/, sorted; a
// `.pa.yaml` root inside another app (PASopa's Other/Src/ copies, a git-integration
// <schema>_DocumentUri/Src/) is not one of its own.
func appRoots(files []string) []string {
	var roots, paRoots []string
	for _, f := range files {
		if r, ok := appRootOf(f); ok {
			roots = append(roots, r)
		} else if r, ok := srcapp.PaYamlRoot(f); ok {
			paRoots = append(paRoots, r)
		}
	}
	for _, r := range paRoots {
		inside := slices.Contains(roots, r)
		for _, m := range roots {
			inside = inside || m == "." || strings.HasPrefix(r, m+"/")
		}
		if !inside {
			roots = append(roots, r)
		}
	}
	sort.Strings(roots)
	return slices.Compact(roots)
}

// appRootOf says whether a file marks a canvas app and where the app's files are: the
// folder of a legacy CanvasManifest.json; for Power Platform's git integration the
// canvasapps/<schema> folder that holds <schema>_DocumentUri/ (with its Header.json)
// beside canvasapp.yml and the identity map; for pac's SourceCode layout the folder of
// the .msapr, beside Src/.
func appRootOf(f string) (string, bool) {
	base, dir := path.Base(f), path.Dir(f)
	switch {
	case strings.EqualFold(base, "CanvasManifest.json"):
		return dir, true
	case strings.EqualFold(base, "Header.json") && strings.HasSuffix(strings.ToLower(path.Base(dir)), "_documenturi"):
		return path.Dir(dir), true
	case strings.HasSuffix(strings.ToLower(base), ".msapr"):
		return dir, true
	}
	return "", false
}

// representatives picks, for one app root, the first file (in path order) of each kind
// of file the rules route to canvasgit; "other" files are left to git.
func representatives(root string, files []string) []representative {
	prefix := root + "/"
	if root == "." {
		prefix = ""
	}
	sorted := append([]string(nil), files...)
	sort.Strings(sorted)
	seen := map[merge.Kind]bool{}
	var reps []representative
	for _, f := range sorted {
		if !strings.HasPrefix(f, prefix) {
			continue
		}
		r := merge.RuleFor(f)
		if r.Kind == merge.KindOther || seen[r.Kind] {
			continue
		}
		seen[r.Kind] = true
		reps = append(reps, representative{path: f, rule: r})
	}
	// Report in the order of the rules table.
	order := map[merge.Kind]int{}
	for i, r := range merge.AllRules() {
		order[r.Kind] = i
	}
	sort.SliceStable(reps, func(i, j int) bool { return order[reps[i].rule.Kind] < order[reps[j].rule.Kind] })
	return reps
}

func (d *doctor) checkRerere(inRepo bool) {
	v, ok, err := d.g.ConfigGetEffective("rerere.enabled")
	if err != nil {
		d.add(LevelWarning, "rerere", "cannot read rerere.enabled: %v", err)
		return
	}
	const why = "canvasgit writes conflict markers of the length git asks for (%L), so rerere records and replays its conflicts"
	switch {
	case ok && isTrue(v):
		d.add(LevelOK, "rerere", "rerere.enabled is true; %s", why)
	case ok:
		d.add(LevelOK, "rerere", "rerere.enabled is %s: rerere is off; if you turn it on, %s", v, why)
	default:
		on := false
		if inRepo {
			if dir, err := d.g.GitDir(); err == nil {
				if st, err := os.Stat(filepath.Join(dir, "rr-cache")); err == nil && st.IsDir() {
					on = true
				}
			}
		}
		if on {
			d.add(LevelOK, "rerere", "rerere.enabled is not set but rr-cache exists, so rerere is on; %s", why)
		} else {
			d.add(LevelOK, "rerere", "rerere.enabled is not set: rerere is off; if you turn it on, %s", why)
		}
	}
}

func isTrue(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "true", "yes", "on", "1":
		return true
	}
	return false
}

func (d *doctor) checkConflictStyle() {
	v, ok, err := d.g.ConfigGetEffective("merge.conflictStyle")
	if err != nil {
		d.add(LevelWarning, "conflict style", "cannot read merge.conflictStyle: %v", err)
		return
	}
	const how = "canvasgit honours merge, diff3 and zdiff3 (git does not pass the style to drivers, canvasgit reads it) and the marker length git passes (%L), so rerere keeps working"
	if !ok {
		d.add(LevelOK, "conflict style", "merge.conflictStyle is not set (merge); %s", how)
		return
	}
	switch strings.ToLower(v) {
	case "merge", "diff3", "zdiff3":
		d.add(LevelOK, "conflict style", "merge.conflictStyle is %s; %s", v, how)
	default:
		d.add(LevelWarning, "conflict style", "merge.conflictStyle is %q, which git does not know (merge, diff3 or zdiff3)", v)
	}
}

// checkChecksumSetting reports canvasgit.checksum when it is set: the driver reads it
// from the repository's, the user's and -c config without starting git, so a value in
// the system config is one it does not see (gitsetup.ChecksumSetting).
func (d *doctor) checkChecksumSetting() {
	vals, err := d.g.ConfigGetAllScopes("canvasgit.checksum")
	if err != nil || len(vals) == 0 {
		return
	}
	var seen []ScopedValue
	for _, v := range vals {
		if v.Scope == "system" {
			d.add(LevelWarning, "checksum setting", "canvasgit.checksum is set to %q in the system config, which the merge driver does not read; set it in the repository (`git config canvasgit.checksum %s`) or for your user (`--global`)", v.Value, v.Value)
			continue
		}
		seen = append(seen, v)
	}
	if len(seen) == 0 {
		return
	}
	last := seen[len(seen)-1]
	switch strings.ToLower(last.Value) {
	case "ours", "theirs":
		d.add(LevelOK, "checksum setting", "canvasgit.checksum is %s (%s config): a checksum.json both sides changed takes %s", last.Value, last.Scope, strings.ToLower(last.Value))
	default:
		d.add(LevelWarning, "checksum setting", "canvasgit.checksum is %q (%s config), which is neither ours nor theirs: a checksum.json both sides changed is not merged (git merge-file marks both sides)", last.Value, last.Scope)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
