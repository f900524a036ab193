package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// Long commands (replay, gate) show progress on stderr when a person watches it: by
// default only when stderr is a terminal, where one line is rewritten in place. Pipes
// and CI logs get nothing unless --progress asks, and then plain lines a log keeps.
// A few honest lines of our own rather than a progress-bar library: the counts are the
// commands' own (merges replayed, files merged), and a bar adds nothing a count lacks.

// addProgressFlag adds --progress to cmd.
func addProgressFlag(cmd *cobra.Command) {
	cmd.Flags().Bool("progress", false, "show progress on stderr even when it is not a terminal (--progress=false: never)")
}

// showProgress returns where progress goes (nil for nowhere) and whether it is a
// terminal, from --progress and stderr.
func showProgress(cmd *cobra.Command, stderr io.Writer) (w io.Writer, tty bool) {
	tty = isTerminal(stderr)
	if f := cmd.Flags().Lookup("progress"); f != nil && f.Changed {
		if f.Value.String() != "true" {
			return nil, false
		}
		return stderr, tty
	}
	if !tty {
		return nil, false
	}
	return stderr, true
}

// isTerminal reports whether w is a terminal (not a pipe, a file or /dev/null).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// gateProgress shows the gate's progress (gate.Options.Progress) on w: on a terminal
// one line rewritten in place, elsewhere a line when a stage starts, every
// gateProgressEvery files and at the last, so a CI log gets a few lines, not thousands.
type gateProgress struct {
	w       io.Writer
	tty     bool
	stage   string
	pending bool // a terminal line is open
	width   int  // the longest terminal line so far
}

const gateProgressEvery = 500

func (p *gateProgress) update(stage string, done, total int) {
	var line string
	switch stage {
	case "merge base":
		line = "canvasgit gate: finding the merge base"
	case "files":
		line = fmt.Sprintf("canvasgit gate: merged %d/%s", done, plural(total, "file"))
	default:
		line = fmt.Sprintf("canvasgit gate: %s %d/%d", stage, done, total)
	}
	started := stage != p.stage
	p.stage = stage
	if p.tty {
		// Spaces, not an escape sequence, clear what a longer line left: a Windows
		// console without virtual-terminal mode would print the escape as text.
		fmt.Fprintf(p.w, "\r%-*s", p.width, line)
		p.width = max(p.width, len(line))
		p.pending = true
		return
	}
	if started || done == total || done%gateProgressEvery == 0 {
		fmt.Fprintln(p.w, line)
	}
}

// finish ends an open terminal line.
func (p *gateProgress) finish() {
	if p.pending {
		fmt.Fprintln(p.w)
		p.pending = false
	}
}
