package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/canvasgit/canvasgit/gitsetup"
)

func newDoctorCmd(stdout, stderr io.Writer) *cobra.Command {
	var format string
	cmd := withManual(&cobra.Command{
		Use:     "doctor [flags] [PATH]",
		Short:   "check that git will run canvasgit for the app's files",
		GroupID: "setup",
		Args:    positionalArgs(0, 1, "one PATH at most"),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return nil, cobra.ShellCompDirectiveFilterDirs
		},
		Example: `  # in the repository: is the driver installed, and does git use it for every app file?
  canvasgit doctor

  # the same for another folder, as JSON
  canvasgit doctor --format json path/to/repo`,
		RunE: func(_ *cobra.Command, args []string) error {
			return exitWith(runDoctor(format, args, stdout, stderr))
		},
	})
	cmd.Flags().StringVar(&format, "format", "text", "output `FORMAT`: text or json")
	completeValues(cmd, "format", "text", "json")
	return cmd
}

func runDoctor(format string, positional []string, stdout, stderr io.Writer) int {
	if format != "text" && format != "json" {
		fmt.Fprintf(stderr, "canvasgit doctor: unknown --format %q (want text or json)\n", format)
		return exitUsage
	}
	dir := ""
	if len(positional) == 1 {
		dir = positional[0]
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			fmt.Fprintf(stderr, "canvasgit doctor: %s is not a directory\n", dir)
			return exitUsage
		}
	}

	rep := gitsetup.Doctor(&gitsetup.Git{Dir: dir}, gitsetup.DoctorOptions{})
	problems, warnings := rep.Count(gitsetup.LevelProblem), rep.Count(gitsetup.LevelWarning)
	if format == "json" {
		out := struct {
			gitsetup.DoctorReport
			Problems int `json:"problems"`
			Warnings int `json:"warnings"`
		}{rep, problems, warnings}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			fmt.Fprintf(stderr, "canvasgit doctor: %v\n", err)
			return exitConflict
		}
	} else {
		for _, f := range rep.Findings {
			fmt.Fprintf(stdout, "%-8s %s: %s\n", f.Level, f.Check, f.Message)
		}
		fmt.Fprintln(stdout, "\nknown limits:")
		for _, l := range rep.Limits {
			fmt.Fprintf(stdout, "  - %s\n", l)
		}
		fmt.Fprintf(stdout, "\n%s, %s\n", plural(problems, "problem"), plural(warnings, "warning"))
	}
	if problems > 0 {
		return exitConflict
	}
	return exitOK
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
