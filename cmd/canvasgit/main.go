// Command canvasgit makes git work for Power Apps canvas app sources: a merge driver
// with per-path rules, git setup commands, and measurement tools. This package only
// parses flags, prints messages and chooses exit codes; the work is done in the
// packages underneath.
package main

import (
	"fmt"
	"io"
	"os"

	// Grows the main goroutine's stack once, before the other inits: see the package.
	_ "github.com/canvasgit/canvasgit/cmd/canvasgit/internal/stackreserve"
)

// Exit codes. Nothing above 128 is ever used: git reads that as a crashed driver.
const (
	exitOK       = 0
	exitConflict = 1 // also "problems found" for doctor and friends
	exitUsage    = 2
)

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
	return execute(args, stdout, stderr)
}
