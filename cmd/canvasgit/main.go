// Command canvasgit makes git work for Power Apps canvas app sources: a merge driver
// with per-path rules, git setup commands, and measurement tools. This package only
// parses flags, prints messages and chooses exit codes; the work is done in the
// packages underneath.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
)

// Exit codes. Nothing above 128 is ever used: git reads that as a crashed driver.
const (
	exitOK       = 0
	exitConflict = 1 // also "problems found" for doctor and friends
	exitUsage    = 2
)

// command is one subcommand; each lives in its own file and registers itself here.
type command struct {
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

var commands = map[string]command{}

func register(name, summary string, run func(args []string, stdout, stderr io.Writer) int) {
	commands[name] = command{summary: summary, run: run}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) (code int) {
	// The binary must never crash with a Go panic exit (2 is usage, >128 is a crash to
	// git): turn an unexpected panic into a plain failure with a message.
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "canvasgit: internal error: %v\n", r)
			code = exitConflict
		}
	}()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	if args[0] == "version" || args[0] == "--version" {
		fmt.Fprintf(stdout, "canvasgit %s\n", versionString())
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "canvasgit: unknown command %q\n", args[0])
		usage(stderr)
		return exitUsage
	}
	return cmd.run(args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: canvasgit <command> [arguments]")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "  version    print the version")
	fmt.Fprintln(w, "\nSee docs/<command>.md for each command.")
}
