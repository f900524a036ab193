package main

import (
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// Command lines of the form parseDriverArgs reads: cobra reads each to the same
// flags and files.
var driverCommandLines = [][]string{
	{"--marker-size=7", "--path=Src/Screen1.fx.yaml", ".merge_file_a", ".merge_file_b", ".merge_file_c",
		"--ours-label=HEAD", "--base-label=merged common ancestors", "--theirs-label=feature/it's"},
	{"--marker-size=7", "--path=Src/Screen1.fx.yaml", "base", "ours", "theirs"},
	{"--path=%P", "b", "o", "t", "--ours-label=%X", "--base-label=%S", "--theirs-label=%Y"},
	{"b", "o", "t"},
	{"--path=", "b", "o", "t"},
	{"--marker-size=0x10", "--path=a=b.json", "b", "o", "t"},
	{"--marker-size=9", "--marker-size=-3", "b", "o", "t"},
	{"--conflict-style=DIFF3", "--checksum=ours", "b", "o", "t"},
	{"--path=x", "--path=y", "", "o", "t"},
	{"--ours-label=a b", "--theirs-label===", "--base-label=", "b", "o", "t"},
}

func TestDriverArgsParseAsCobraDoes(t *testing.T) {
	for _, args := range driverCommandLines {
		f, files, ok := parseDriverArgs(args)
		if !ok {
			t.Errorf("parseDriverArgs(%q) is not ok", args)
			continue
		}
		cf, cfiles := parseWithCobra(t, args)
		if !reflect.DeepEqual(f, cf) || !reflect.DeepEqual(files, cfiles) {
			t.Errorf("%q:\n fast  %+v %q\n cobra %+v %q", args, f, files, cf, cfiles)
		}
	}
}

// Anything else is left to cobra.
func TestDriverArgsLeaveTheRestToCobra(t *testing.T) {
	for _, args := range [][]string{
		{"-h"},
		{"--help"},
		{"b", "o", "t", "--help"},
		{"--path", "x", "b", "o", "t"},
		{"-path=x", "b", "o", "t"},
		{"--", "b", "o", "t"},
		{"--bogus=1", "b", "o", "t"},
		{"--marker-size=seven", "b", "o", "t"},
		{"--marker-size=99999999999999999999", "b", "o", "t"},
		{"b", "o"},
		{"b", "o", "t", "x"},
		{"-", "o", "t"},
		{},
	} {
		if _, _, ok := parseDriverArgs(args); ok {
			t.Errorf("parseDriverArgs(%q) is ok; cobra must read it", args)
		}
	}
}

// git's own command line runs the driver without building the command tree.
func TestDriverCommandLineSkipsCobra(t *testing.T) {
	defer func(b func(io.Writer, io.Writer, string) *cobra.Command) { buildRoot = b }(buildRoot)
	built := 0
	buildRoot = func(stdout, stderr io.Writer, only string) *cobra.Command {
		built++
		return newRootCmd(stdout, stderr, only)
	}
	base, ours, theirs := mergeInputs(t, mBase, mBase, mTheirs)
	code, _, stderr := runCmd("merge", "--marker-size=7", "--path=notes.txt", base, ours, theirs,
		"--ours-label=HEAD", "--base-label=base", "--theirs-label=topic")
	if code != exitOK || built != 0 {
		t.Errorf("exit %d, command tree built %d times; stderr %q", code, built, stderr)
	}
	if got := readString(t, ours); got != mTheirs {
		t.Errorf("OURS %q, want theirs", got)
	}
	// -h is cobra's.
	if code, stdout, _ := runCmd("merge", "-h"); code != exitOK || built != 1 || !strings.Contains(stdout, "--marker-size") {
		t.Errorf("merge -h: exit %d, tree built %d times, help %q", code, built, stdout)
	}
}

// parseWithCobra runs args through the merge command cobra builds, and returns the
// flags and files it read.
func parseWithCobra(t *testing.T, args []string) (mergeFlags, []string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	root := newRootCmd(&stdout, &stderr, "merge")
	cmd, _, err := root.Find([]string{"merge"})
	if err != nil {
		t.Fatal(err)
	}
	var f mergeFlags
	var files []string
	cmd.RunE = func(c *cobra.Command, a []string) error {
		fl := c.Flags()
		var err error
		if f.markerSize, err = fl.GetInt("marker-size"); err != nil {
			return err
		}
		for _, s := range f.stringFlags() {
			if *s.value, err = fl.GetString(s.name); err != nil {
				return err
			}
		}
		files = a
		return nil
	}
	root.SetArgs(longFlagsWithOneDash(root, append([]string{"merge"}, args...)))
	if err := root.Execute(); err != nil {
		t.Fatalf("cobra: %q: %v", args, err)
	}
	return f, files
}
