package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/canvasgit/canvasgit/gate"
)

func init() {
	register("gate", "CI merge gate: is merging SOURCE into TARGET safe? (exit 0 safe, 1 not, 2 undecided)", runGate)
}

// runGate is
//
//	canvasgit gate [--repo DIR] [--format text|json|sarif|github|markdown|azure]
//	               [--target-label NAME] [--source-label NAME] [--checksum ours|theirs]
//	               TARGET SOURCE
//
// It merges SOURCE into TARGET in memory with the merge driver's engine and rules,
// reads the repository with go-git (no worktree, no git binary) and writes nothing.
// Exit 0: safe; 1: conflicts or refusals; 2: could not decide.
func runGate(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	repo := fs.String("repo", ".", "the repository (a normal clone, a CI checkout or a bare clone); any folder inside it")
	format := fs.String("format", "text", "output: "+strings.Join(gate.Formats, ", "))
	targetLabel := fs.String("target-label", "", "name of TARGET in the report and conflict markers (default: TARGET as given)")
	sourceLabel := fs.String("source-label", "", "name of SOURCE in the report and conflict markers (default: SOURCE as given)")
	checksum := fs.String("checksum", "", "ours or theirs for checksum.json (default: the repository's canvasgit.checksum, else theirs)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: canvasgit gate [--repo DIR] [--format text|json|sarif|github|markdown|azure] [--target-label NAME] [--source-label NAME] [--checksum ours|theirs] TARGET SOURCE")
		fmt.Fprintln(stderr, "\nIs merging SOURCE into TARGET safe? Exit 0 safe, 1 not safe, 2 could not decide.")
		fs.PrintDefaults()
	}
	// Flags may come before or after the two revisions.
	var pos []string
	rest := args
	for {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return exitOK
			}
			return exitUsage
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if len(pos) != 2 {
		fs.Usage()
		return exitUsage
	}
	if !validFormat(*format) {
		fmt.Fprintf(stderr, "canvasgit gate: unknown format %q (want one of %s)\n", *format, strings.Join(gate.Formats, ", "))
		return exitUsage
	}

	r, err := gate.Open(*repo)
	if err != nil {
		return undecided(stdout, stderr, *format, err)
	}
	defer r.Close()
	if *checksum == "" {
		*checksum = r.ConfigValue("canvasgit", "checksum")
	}
	settings, err := parseSettings(*checksum)
	if err != nil {
		fmt.Fprintf(stderr, "canvasgit gate: %v\n", err)
		return exitUsage
	}
	rep, err := gate.Run(r, gate.Options{
		Target: pos[0], Source: pos[1],
		TargetLabel: *targetLabel, SourceLabel: *sourceLabel,
		Settings: settings,
		Checks:   []gate.Checker{gate.AppChecks},
	})
	if err != nil {
		return undecided(stdout, stderr, *format, err)
	}
	if err := gate.Write(stdout, rep, *format, version); err != nil {
		fmt.Fprintf(stderr, "canvasgit gate: cannot write the report: %v\n", err)
		return exitUsage
	}
	if !rep.Safe {
		return exitConflict
	}
	return exitOK
}

func validFormat(f string) bool {
	for _, x := range gate.Formats {
		if f == x {
			return true
		}
	}
	return false
}

// undecided reports an error the gate could not get past (exit 2), with its hint, and
// as an annotation for the CI formats so it shows on the run.
func undecided(stdout, stderr io.Writer, format string, err error) int {
	msg := err.Error()
	var hint string
	var u *gate.UndecidedError
	if errors.As(err, &u) {
		hint = u.Hint
	}
	fmt.Fprintf(stderr, "canvasgit gate: could not decide: %s\n", msg)
	for _, line := range strings.Split(hint, "\n") {
		if line != "" {
			fmt.Fprintf(stderr, "  hint: %s\n", line)
		}
	}
	text := msg
	if hint != "" {
		text += "\n" + hint
	}
	switch format {
	case "github":
		fmt.Fprintf(stdout, "::error title=canvasgit gate could not decide::%s\n",
			strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(text))
	case "azure":
		fmt.Fprintf(stdout, "##vso[task.logissue type=error]canvasgit gate could not decide: %s\n",
			strings.NewReplacer("%", "%AZP25", "\r", "%0D", "\n", "%0A").Replace(text))
	case "markdown":
		fmt.Fprintf(stdout, "### canvasgit gate: could not decide\n\n%s\n", strings.ReplaceAll(text, "\n", "\n\n"))
	}
	return exitUsage
}
