package gitsetup

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/textconv"
)

var (
	git239 = Version{Major: 2, Minor: 39, Patch: 5}
	git245 = Version{Major: 2, Minor: 45, Patch: 1}
)

func entryValue(t *testing.T, v Version, key string) string {
	t.Helper()
	for _, e := range Entries(v) {
		if e.Key == key {
			return e.Value
		}
	}
	t.Fatalf("no entry %s", key)
	return ""
}

func TestEntriesDriverByVersion(t *testing.T) {
	old := entryValue(t, git239, "merge.canvasgit.driver")
	if !strings.HasPrefix(old, "GOMAXPROCS=1 canvasgit merge --marker-size=%L --path=%P %O %A %B; ") || !HasFallback(old) {
		t.Errorf("driver for 2.39: %q", old)
	}
	if !strings.Contains(old, " -L ours -L base -L theirs ") {
		t.Errorf("driver for 2.39 without canvasgit's default labels in the fallback: %q", old)
	}
	cur := entryValue(t, git245, "merge.canvasgit.driver")
	if !strings.HasPrefix(cur, "GOMAXPROCS=1 canvasgit merge --marker-size=%L --path=%P %O %A %B --ours-label=%X --base-label=%S --theirs-label=%Y; ") || !HasFallback(cur) {
		t.Errorf("driver for 2.45: %q", cur)
	}
	if !strings.Contains(cur, " -L %X -L %S -L %Y ") {
		t.Errorf("driver for 2.45 without git's labels in the fallback: %q", cur)
	}
	if v := entryValue(t, Version{Major: 2, Minor: 44}, "merge.canvasgit.driver"); v != cur {
		t.Errorf("driver for 2.44.0 has no labels: %q", v)
	}
	for _, v := range []Version{git239, git245} {
		for _, e := range Entries(v) {
			if !e.Ours(e.Value) || !e.Current(e.Value) {
				t.Errorf("%s: own value not recognised", e.Key)
			}
			if e.Ours("something else") {
				t.Errorf("%s: a foreign value counts as ours", e.Key)
			}
		}
	}
}

// Driver values written by canvasgit before the fallback are older values of ours:
// install replaces them, uninstall removes them, foreign values stay refused.
func TestInstallUpgradesDriverWithoutFallback(t *testing.T) {
	for _, old := range []string{
		"canvasgit merge --marker-size=%L --path=%P %O %A %B",
		"canvasgit merge --marker-size=%L --path=%P %O %A %B --ours-label=%X --base-label=%S --theirs-label=%Y",
	} {
		g := newTestRepo(t, false)
		if err := g.ConfigSet(ScopeLocal, "merge.canvasgit.driver", old); err != nil {
			t.Fatal(err)
		}
		cs, err := Install(g, git239, ScopeLocal, false)
		if err != nil {
			t.Fatal(err)
		}
		if got := actions(cs); !strings.Contains(got, "upgraded merge.canvasgit.driver") {
			t.Errorf("install over %q: %s", old, got)
		}
		if v := keys(t, g, ScopeLocal)["merge.canvasgit.driver"]; v != DriverCommand {
			t.Errorf("driver after upgrade: %q", v)
		}
		if HasFallback(old) {
			t.Errorf("%q counted as a command with the fallback", old)
		}
	}
	g := newTestRepo(t, false)
	foreign := "sh -c 'canvasgit merge %O %A %B || git merge-file %A %O %B'"
	g.ConfigSet(ScopeLocal, "merge.canvasgit.driver", foreign)
	var refused *RefusedError
	if _, err := Install(g, git239, ScopeLocal, false); !errors.As(err, &refused) {
		t.Errorf("install over %q: %v", foreign, err)
	}
}

func keys(t *testing.T, g *Git, scope Scope) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, k := range []string{"merge.canvasgit.name", "merge.canvasgit.driver", "diff.fxyaml.xfuncname"} {
		v, ok, err := g.ConfigGet(scope, k)
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			m[k] = v
		}
	}
	return m
}

func actions(cs []Change) string {
	var s []string
	for _, c := range cs {
		s = append(s, string(c.Action)+" "+c.Key)
	}
	return strings.Join(s, ", ")
}

func TestInstallIdempotentAndUpgrade(t *testing.T) {
	g := newTestRepo(t, false)
	cs, err := Install(g, git239, ScopeLocal, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := actions(cs); got != "set merge.canvasgit.name, set merge.canvasgit.driver, set diff.fxyaml.xfuncname, set diff.payaml.xfuncname, set diff.msapp.textconv, set diff.msapp.cachetextconv, set diff.msapp.xfuncname" {
		t.Errorf("first install: %s", got)
	}
	cs, err = Install(g, git239, ScopeLocal, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := actions(cs); got != "kept merge.canvasgit.name, kept merge.canvasgit.driver, kept diff.fxyaml.xfuncname, kept diff.payaml.xfuncname, kept diff.msapp.textconv, kept diff.msapp.cachetextconv, kept diff.msapp.xfuncname" {
		t.Errorf("second install: %s", got)
	}
	// A newer git adds the label flags.
	cs, err = Install(g, git245, ScopeLocal, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := actions(cs); got != "kept merge.canvasgit.name, upgraded merge.canvasgit.driver, kept diff.fxyaml.xfuncname, kept diff.payaml.xfuncname, kept diff.msapp.textconv, kept diff.msapp.cachetextconv, kept diff.msapp.xfuncname" {
		t.Errorf("install with 2.45: %s", got)
	}
	if v := keys(t, g, ScopeLocal)["merge.canvasgit.driver"]; v != DriverCommandWithLabels {
		t.Errorf("driver not upgraded: %q", v)
	}
	// An older git keeps the labelled value: it is harmless there.
	cs, _ = Install(g, git239, ScopeLocal, false)
	if got := actions(cs); !strings.Contains(got, "kept merge.canvasgit.driver") {
		t.Errorf("install with 2.39 after 2.45: %s", got)
	}
}

func TestInstallRefusesForeignThenForce(t *testing.T) {
	g := newTestRepo(t, false)
	if err := g.ConfigSet(ScopeLocal, "merge.canvasgit.driver", "my-tool %O %A %B"); err != nil {
		t.Fatal(err)
	}
	cs, err := Install(g, git245, ScopeLocal, false)
	var refused *RefusedError
	if !errors.As(err, &refused) || len(refused.Refused) != 1 || refused.Refused[0].Old != "my-tool %O %A %B" {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(err.Error(), "merge.canvasgit.driver") || !strings.Contains(err.Error(), "--force") {
		t.Errorf("error does not name the key and --force: %v", err)
	}
	if got := actions(cs); !strings.Contains(got, "refused merge.canvasgit.driver") {
		t.Errorf("plan: %s", got)
	}
	// Nothing half-written.
	if m := keys(t, g, ScopeLocal); len(m) != 1 || m["merge.canvasgit.driver"] != "my-tool %O %A %B" {
		t.Errorf("config after refusal: %q", m)
	}
	cs, err = Install(g, git245, ScopeLocal, true)
	if err != nil {
		t.Fatal(err)
	}
	if got := actions(cs); got != "set merge.canvasgit.name, overwrote merge.canvasgit.driver, set diff.fxyaml.xfuncname, set diff.payaml.xfuncname, set diff.msapp.textconv, set diff.msapp.cachetextconv, set diff.msapp.xfuncname" {
		t.Errorf("forced install: %s", got)
	}
	if v := keys(t, g, ScopeLocal)["merge.canvasgit.driver"]; v != entryValue(t, git245, "merge.canvasgit.driver") {
		t.Errorf("driver after --force: %q", v)
	}
}

func TestInstallMultiValued(t *testing.T) {
	g := newTestRepo(t, false)
	g.Run("config", "--local", "--add", "merge.canvasgit.driver", "canvasgit merge %O %A %B")
	g.Run("config", "--local", "--add", "merge.canvasgit.driver", "canvasgit merge --path=%P %O %A %B")
	cs, err := Install(g, git245, ScopeLocal, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := actions(cs); !strings.Contains(got, "upgraded merge.canvasgit.driver") {
		t.Errorf("install over two old values: %s", got)
	}
	vals, _ := g.ConfigGetAll(ScopeLocal, "merge.canvasgit.driver")
	if len(vals) != 1 {
		t.Errorf("values after install: %q", vals)
	}
}

func TestUninstall(t *testing.T) {
	g := newTestRepo(t, false)
	if _, err := Install(g, git245, ScopeLocal, false); err != nil {
		t.Fatal(err)
	}
	// Someone else's key in our section, and a foreign hunk-header regex.
	g.ConfigSet(ScopeLocal, "merge.canvasgit.recursive", "text")
	g.ConfigSet(ScopeLocal, "diff.fxyaml.xfuncname", "^mine$")
	cs, err := Uninstall(g, git245, ScopeLocal)
	if err != nil {
		t.Fatal(err)
	}
	if got := actions(cs); got != "removed merge.canvasgit.name, removed merge.canvasgit.driver, left diff.fxyaml.xfuncname, removed diff.payaml.xfuncname, removed diff.msapp.textconv, removed diff.msapp.cachetextconv, removed diff.msapp.xfuncname" {
		t.Errorf("uninstall: %s", got)
	}
	if m := keys(t, g, ScopeLocal); len(m) != 1 || m["diff.fxyaml.xfuncname"] != "^mine$" {
		t.Errorf("after uninstall: %q", m)
	}
	if v, ok, _ := g.ConfigGet(ScopeLocal, "merge.canvasgit.recursive"); !ok || v != "text" {
		t.Errorf("merge.canvasgit.recursive was removed")
	}
	// Nothing left to do.
	cs, err = Uninstall(g, git245, ScopeLocal)
	if err != nil || actions(cs) != "left diff.fxyaml.xfuncname" {
		t.Errorf("second uninstall: %s, %v", actions(cs), err)
	}
}

func TestUninstallRemovesEmptySections(t *testing.T) {
	g := newTestRepo(t, false)
	cfg := filepath.Join(g.Dir, ".git", "config")
	before, _ := os.ReadFile(cfg)
	if _, err := Install(g, git239, ScopeLocal, false); err != nil {
		t.Fatal(err)
	}
	// A label-flag driver written by a newer git is ours too.
	g.ConfigSet(ScopeLocal, "merge.canvasgit.driver", entryValue(t, git245, "merge.canvasgit.driver"))
	if _, err := Uninstall(g, git239, ScopeLocal); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(cfg)
	if string(after) != string(before) {
		t.Errorf("config not restored:\n%s\nwant\n%s", after, before)
	}
}

func TestInstallGlobal(t *testing.T) {
	g := newTestRepo(t, false)
	if _, err := Install(g, git245, ScopeGlobal, false); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(os.Getenv("HOME"), ".gitconfig"))
	if err != nil || !strings.Contains(string(data), `[merge "canvasgit"]`) {
		t.Errorf("~/.gitconfig: %q, %v", data, err)
	}
	if m := keys(t, g, ScopeLocal); len(m) != 0 {
		t.Errorf("--global wrote local config: %q", m)
	}
	if _, err := Uninstall(g, git245, ScopeGlobal); err != nil {
		t.Fatal(err)
	}
	if m := keys(t, g, ScopeGlobal); len(m) != 0 {
		t.Errorf("global config after uninstall: %q", m)
	}
}

func TestUninstallMixedValues(t *testing.T) {
	g := newTestRepo(t, false)
	own := entryValue(t, git245, "merge.canvasgit.driver")
	g.Run("config", "--local", "--add", "merge.canvasgit.driver", own)
	g.Run("config", "--local", "--add", "merge.canvasgit.driver", "my-merge %O %A %B")
	cs, err := Uninstall(g, git245, ScopeLocal)
	if err != nil {
		t.Fatal(err)
	}
	if got := actions(cs); got != "left merge.canvasgit.driver" || cs[0].Old != "my-merge %O %A %B" {
		t.Errorf("uninstall: %s %+v", got, cs)
	}
	if vals, _ := g.ConfigGetAll(ScopeLocal, "merge.canvasgit.driver"); len(vals) != 2 {
		t.Errorf("values: %q", vals)
	}
	// install refuses too: one of the values is foreign.
	if _, err := Install(g, git245, ScopeLocal, false); err == nil {
		t.Error("install over mixed values did not refuse")
	}
}

// TestInstallDocShowsTheDriverCommands keeps docs/install.md's copies of the driver
// values in step with what install writes.
func TestInstallDocShowsTheDriverCommands(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "install.md"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.ReplaceAll(string(doc), "\r\n", "\n"), "\n")
	for _, v := range []string{DriverCommand, DriverCommandWithLabels} {
		if !slices.Contains(lines, v) {
			t.Errorf("docs/install.md has no line\n%s", v)
		}
	}
}

// MsappTextconv names the format version textconv prints.
func TestMsappTextconvNamesTheFormatVersion(t *testing.T) {
	if want := fmt.Sprintf("canvasgit textconv --format-version=%d", textconv.FormatVersion); MsappTextconv != want {
		t.Errorf("MsappTextconv = %q, want %q", MsappTextconv, want)
	}
}

// The driver entry owns its value with GOMAXPROCS=1 in front, and the values of older
// canvasgit versions without it (install upgrades those, uninstall removes them), but
// no command of someone else's.
func TestDriverOursWithAndWithoutEnv(t *testing.T) {
	var driver Entry
	for _, e := range Entries(git245) {
		if e.Key == "merge.canvasgit.driver" {
			driver = e
		}
	}
	for _, v := range []string{
		DriverCommandWithLabels,
		DriverCommand,
		"canvasgit merge --marker-size=%L --path=%P %O %A %B",
		"GOMAXPROCS=1 canvasgit merge --marker-size=%L --path=%P %O %A %B; s=$?; exit $s",
		"  GOGC=off GOMAXPROCS=2 canvasgit merge %O %A %B",
	} {
		if !driver.Ours(v) {
			t.Errorf("Ours(%q) = false, want true", v)
		}
	}
	for _, v := range []string{
		"my-driver %O %A %B",
		"GOMAXPROCS=1 my-driver %O %A %B",
		"X='a b' canvasgit merge %O %A %B",
		"GOMAXPROCS=1",
	} {
		if driver.Ours(v) {
			t.Errorf("Ours(%q) = true, want false", v)
		}
	}
	if !strings.HasPrefix(DriverCommand, DriverEnv+" canvasgit merge ") {
		t.Errorf("DriverCommand %q does not start with %q", DriverCommand, DriverEnv+" canvasgit merge ")
	}
}
