package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gateRepo builds a repository whose branches "clean", "clash" and "data" merge into
// main safely, with a conflict, and with a refusal.
func gateRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	home := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+home, "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.com")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(p, content string) {
		t.Helper()
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	screen := func(label, button string) string {
		return fmt.Sprintf("Screen1 As screen:\n    Fill: =White\n\n    Label1 As label:\n        Text: =%q\n        X: =40\n\n    Button1 As button:\n        Text: =%q\n        X: =40\n", label, button)
	}
	ds := func(v int) string { return fmt.Sprintf("{\n  \"Name\": \"Accounts\",\n  \"Version\": %d\n}\n", v) }

	git("init", "-q", "-b", "main")
	write("app/CanvasManifest.json", "{\n  \"Properties\": {}\n}\n")
	write("app/ControlTemplates.json", `{"button": {"Name": "button"}, "label": {"Name": "label"}}`)
	write("app/Src/Screen1.fx.yaml", screen("Hello", "Go"))
	write("app/DataSources/Accounts.json", ds(1))
	git("add", "-A")
	git("commit", "-q", "-m", "base")
	git("checkout", "-q", "-b", "clean")
	write("app/Src/Screen1.fx.yaml", screen("Hello", "Start"))
	git("commit", "-q", "-am", "clean")
	git("checkout", "-q", "-b", "clash", "main")
	write("app/Src/Screen1.fx.yaml", screen("Welcome", "Go"))
	git("commit", "-q", "-am", "clash")
	git("checkout", "-q", "-b", "data", "main")
	write("app/DataSources/Accounts.json", ds(3))
	git("commit", "-q", "-am", "data")
	git("checkout", "-q", "main")
	write("app/Src/Screen1.fx.yaml", screen("Hi", "Go"))
	write("app/DataSources/Accounts.json", ds(2))
	git("commit", "-q", "-am", "main")
	return dir
}

func runCapture(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestGateExitCodes checks the exact exit codes, with no git binary on PATH: the gate
// reads the repository with internal/gitobj alone.
func TestGateExitCodes(t *testing.T) {
	dir := gateRepo(t)
	t.Setenv("PATH", "")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"gate", "--repo", dir, "main", "clean"}, 0, "verdict: SAFE"},
		{[]string{"gate", "--repo", dir, "main", "clash"}, 1, "app app/: CONFLICTS"},
		{[]string{"gate", "--repo", dir, "main", "data"}, 1, "app app/: REFUSED"},
		{[]string{"gate", "--repo", dir, "main", "missing"}, 2, ""},
		{[]string{"gate", "--repo", dir, "main"}, 2, ""},
		{[]string{"gate", "--repo", dir, "--format", "xml", "main", "clean"}, 2, ""},
		{[]string{"gate", "--help"}, 0, ""},
	} {
		code, stdout, stderr := runCapture(c.args...)
		if code != c.code || !strings.Contains(stdout, c.want) {
			t.Errorf("%v: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", c.args, code, c.code, stdout, stderr)
		}
	}
}

// TestGateSarif validates the SARIF output structurally: the fields SARIF 2.1.0
// requires, checked on the raw JSON (the full JSON schema is not available offline).
func TestGateSarif(t *testing.T) {
	dir := gateRepo(t)
	for _, branch := range []string{"clash", "data", "clean"} {
		code, stdout, stderr := runCapture("gate", "--repo", dir, "--format", "sarif", "main", branch)
		if code == 2 {
			t.Fatalf("%s: %s", branch, stderr)
		}
		var log map[string]any
		if err := json.Unmarshal([]byte(stdout), &log); err != nil {
			t.Fatalf("%s: not JSON: %v\n%s", branch, err, stdout)
		}
		results := validateSarif(t, log)
		if (branch == "clean") != (results == 0) {
			t.Errorf("%s: %d results", branch, results)
		}
	}
}

func validateSarif(t *testing.T, log map[string]any) int {
	t.Helper()
	str := func(m map[string]any, key, where string) string {
		s, ok := m[key].(string)
		if !ok || s == "" {
			t.Errorf("%s: %q must be a non-empty string, got %#v", where, key, m[key])
		}
		return s
	}
	obj := func(v any, where string) map[string]any {
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("%s must be an object, got %#v", where, v)
		}
		return m
	}
	arr := func(v any, where string) []any {
		a, ok := v.([]any)
		if !ok {
			t.Fatalf("%s must be an array, got %#v", where, v)
		}
		return a
	}
	if v := str(log, "version", "sarifLog"); v != "2.1.0" {
		t.Errorf("version %q", v)
	}
	if s := str(log, "$schema", "sarifLog"); !strings.Contains(s, "sarif-2.1.0") {
		t.Errorf("$schema %q", s)
	}
	runs := arr(log["runs"], "runs")
	if len(runs) != 1 {
		t.Fatalf("want one run, got %d", len(runs))
	}
	total := 0
	for i, r := range runs {
		run := obj(r, fmt.Sprintf("runs[%d]", i))
		driver := obj(obj(run["tool"], "tool")["driver"], "tool.driver")
		str(driver, "name", "tool.driver")
		var ruleIDs []string
		if rules, ok := driver["rules"]; ok {
			for j, rv := range arr(rules, "rules") {
				rule := obj(rv, fmt.Sprintf("rules[%d]", j))
				ruleIDs = append(ruleIDs, str(rule, "id", "rule"))
				str(obj(rule["shortDescription"], "rule.shortDescription"), "text", "rule.shortDescription")
			}
		}
		for j, resv := range arr(run["results"], "results") {
			total++
			where := fmt.Sprintf("results[%d]", j)
			res := obj(resv, where)
			id := str(res, "ruleId", where)
			if idx, ok := res["ruleIndex"].(float64); ok {
				if int(idx) >= len(ruleIDs) || ruleIDs[int(idx)] != id {
					t.Errorf("%s: ruleIndex %v does not point at rule %s", where, idx, id)
				}
			}
			switch lvl := res["level"]; lvl {
			case "none", "note", "warning", "error":
			default:
				t.Errorf("%s: level %v", where, lvl)
			}
			str(obj(res["message"], where+".message"), "text", where+".message")
			locs := arr(res["locations"], where+".locations")
			if len(locs) == 0 {
				t.Errorf("%s: no location", where)
			}
			for k, lv := range locs {
				pl := obj(obj(lv, fmt.Sprintf("%s.locations[%d]", where, k))["physicalLocation"], "physicalLocation")
				uri := str(obj(pl["artifactLocation"], "artifactLocation"), "uri", "artifactLocation")
				if strings.Contains(uri, " ") || strings.HasPrefix(uri, "/") {
					t.Errorf("%s: uri %q is not a relative URI reference", where, uri)
				}
				if rv, ok := pl["region"]; ok {
					region := obj(rv, "region")
					start, ok := region["startLine"].(float64)
					if !ok || start < 1 {
						t.Errorf("%s: startLine %v", where, region["startLine"])
					}
					if end, ok := region["endLine"].(float64); ok && end < start {
						t.Errorf("%s: endLine %v before startLine %v", where, end, start)
					}
				}
			}
		}
	}
	return total
}

func TestGateJSONFields(t *testing.T) {
	dir := gateRepo(t)
	code, stdout, stderr := runCapture("gate", "--repo", dir, "--format", "json", "main", "data")
	if code != 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep struct {
		SchemaVersion int    `json:"schemaVersion"`
		Verdict       string `json:"verdict"`
		Safe          bool   `json:"safe"`
		Target        struct{ Name, Commit string }
		Apps          []struct {
			Path    string `json:"path"`
			Verdict string `json:"verdict"`
			Refused int    `json:"refused"`
		} `json:"apps"`
		Files []struct {
			Path     string   `json:"path"`
			Status   string   `json:"status"`
			Kind     string   `json:"kind"`
			Messages []string `json:"messages"`
			Regions  []struct {
				Merged struct{ Start, End int } `json:"merged"`
			} `json:"regions"`
		} `json:"files"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.SchemaVersion != 1 || rep.Verdict != "refused" || rep.Safe || rep.Target.Name != "main" || len(rep.Target.Commit) != 40 {
		t.Errorf("header: %+v", rep)
	}
	if len(rep.Apps) != 1 || rep.Apps[0].Path != "app" || rep.Apps[0].Refused != 1 {
		t.Errorf("apps: %+v", rep.Apps)
	}
	found := false
	for _, f := range rep.Files {
		if f.Path == "app/DataSources/Accounts.json" {
			found = true
			if f.Status != "refused" || f.Kind != "data sources" || len(f.Messages) == 0 || len(f.Regions) != 1 {
				t.Errorf("refused file: %+v", f)
			}
		}
	}
	if !found {
		t.Errorf("no data source file in %s", stdout)
	}
}
