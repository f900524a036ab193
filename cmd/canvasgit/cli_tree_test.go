package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every listed name is the name of the command its builder makes: execute picks
// the one-command tree by that name.
func TestRegisteredNamesMatchCommands(t *testing.T) {
	for _, b := range commandBuilders {
		if got := b.build(io.Discard, io.Discard).Name(); got != b.name {
			t.Errorf("listed as %q, builds %q", b.name, got)
		}
	}
	for _, name := range perFileCommands {
		found := false
		for _, b := range commandBuilders {
			found = found || b.name == name
		}
		if !found {
			t.Errorf("per-file command %q is not listed", name)
		}
	}
}

// The per-file commands run in a tree that holds them alone; what they print and
// return must not differ from the full tree's, for help, usage errors and real runs.
func TestOneCommandTreeActsAsFullTree(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	base := write("base", "a\nb\nc\n")
	theirs := write("theirs", "a\nb\nC\n")
	cases := [][]string{
		{"merge", "--help"},
		{"merge", "-h"},
		{"merge", "-help"},
		{"merge"},
		{"merge", "--bogus", "x", "y", "z"},
		{"merge", "--marker-size=x", "a", "b", "c"},
		{"merge", "--conflict-style=nope", "a", "b", "c"},
		{"merge", "a", "b"},
		{"merge", "--path=notes.txt", base, "OURS", theirs},
		{"merge", "--path=notes.txt", base, filepath.Join(dir, "missing"), theirs},
		{"textconv", "--help"},
		{"textconv"},
		{"textconv", "--format-version=x", "a.msapp"},
		{"textconv", filepath.Join(dir, "missing.msapp")},
		{"textconv", write("not.msapp", "not a zip")},
	}
	for _, args := range cases {
		run := func(only string) (int, string, string, string) {
			a := append([]string(nil), args...)
			ours := write("ours", "A\nb\nc\n")
			for i := range a {
				if a[i] == "OURS" {
					a[i] = ours
				}
			}
			var stdout, stderr bytes.Buffer
			code := executeTree(a, &stdout, &stderr, only)
			result, _ := os.ReadFile(ours)
			return code, stdout.String(), stderr.String(), string(result)
		}
		fullCode, fullOut, fullErr, fullResult := run("")
		code, out, errs, result := run(args[0])
		name := strings.Join(args, " ")
		if code != fullCode || out != fullOut || errs != fullErr || result != fullResult {
			t.Errorf("%s: one-command tree gave exit %d, stdout %q, stderr %q, result %q;\nfull tree gave exit %d, stdout %q, stderr %q, result %q",
				name, code, out, errs, result, fullCode, fullOut, fullErr, fullResult)
		}
	}
	// And the merge really ran: theirs' change and ours' both in the result.
	if code, _, _, result := func() (int, string, string, string) {
		ours := write("ours", "A\nb\nc\n")
		var o, e bytes.Buffer
		code := execute([]string{"merge", "--path=notes.txt", base, ours, theirs}, &o, &e)
		r, _ := os.ReadFile(ours)
		return code, o.String(), e.String(), string(r)
	}(); code != 0 || result != "A\nb\nC\n" {
		t.Errorf("merge through execute: exit %d, result %q", code, result)
	}
}
