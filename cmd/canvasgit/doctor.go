package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/canvasgit/canvasgit/gitsetup"
)

func init() {
	register("doctor", "check that git will run canvasgit for the app's files", runDoctor)
}

func runDoctor(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("doctor", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: canvasgit doctor [--format text|json] [PATH]")
		fs.PrintDefaults()
	}
	format := fs.String("format", "text", "output format: text or json")
	// Flags may come before or after PATH.
	var positional []string
	for {
		if code, ok := parseFlags(fs, args); !ok {
			return code
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(positional) > 1 {
		fmt.Fprintf(stderr, "canvasgit doctor: one PATH at most, got %d\n", len(positional))
		fs.Usage()
		return exitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "canvasgit doctor: unknown --format %q (want text or json)\n", *format)
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
	if *format == "json" {
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
