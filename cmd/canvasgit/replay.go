package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/canvasgit/canvasgit/replay"
)

func init() {
	register("replay", "re-merge a repository's recorded merges with plain git and with canvasgit, and compare", runReplay)
}

// runReplay is `canvasgit replay [--repo DIR] [--rev-list ARGS] [--format text|json]
// [--cases DIR] [--timeout D] [--jobs N]`. Exit 0 when it ran, whatever it found; 2 for usage and
// repository errors. See docs/replay.md.
func runReplay(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("replay", flag.ContinueOnError)
	fs.SetOutput(stderr)
	repo := fs.String("repo", ".", "the repository to replay (a work tree or a bare repository)")
	revList := fs.String("rev-list", strings.Join(replay.DefaultRevList, " "), "arguments for `git rev-list --merges`, split on spaces")
	format := fs.String("format", "text", "output format: text or json")
	cases := fs.String("cases", "", "write base/ours/theirs/recorded/canvasgit files of each differing or conflicted file under this folder")
	timeout := fs.Duration("timeout", replay.DefaultTimeout, "time limit of one merge-tree run")
	jobs := fs.Int("jobs", 1, "merges replayed at once (more than 1 makes the wall times unreliable)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: canvasgit replay [--repo DIR] [--rev-list ARGS] [--format text|json] [--cases DIR] [--timeout 60s] [--jobs 1]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() != 0 {
		fmt.Fprintf(stderr, "canvasgit replay: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "canvasgit replay: --format must be text or json, got %q\n", *format)
		return exitUsage
	}
	if *timeout <= 0 {
		fmt.Fprintf(stderr, "canvasgit replay: --timeout must be positive, got %s\n", *timeout)
		return exitUsage
	}
	if *jobs < 1 {
		fmt.Fprintf(stderr, "canvasgit replay: --jobs must be at least 1, got %d\n", *jobs)
		return exitUsage
	}
	revs := strings.Fields(*revList)
	if len(revs) == 0 {
		fmt.Fprintln(stderr, "canvasgit replay: --rev-list is empty")
		return exitUsage
	}
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintf(stderr, "canvasgit replay: cannot find the canvasgit executable to run as the merge driver: %v\n", err)
		return exitUsage
	}

	opts := replay.Options{
		Repo: *repo, RevList: revs, Executable: exe, Timeout: *timeout, CasesDir: *cases, Jobs: *jobs,
		Progress: stderr, ProgressTTY: isTerminal(stderr),
	}
	rep, err := replay.Run(opts)
	if err != nil {
		fmt.Fprintf(stderr, "canvasgit replay: %v\n", err)
		return exitUsage
	}
	if *format == "json" {
		err = rep.WriteJSON(stdout)
	} else {
		err = rep.WriteText(stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "canvasgit replay: cannot write the report: %v\n", err)
		return exitUsage
	}
	return exitOK
}

// isTerminal reports whether w is a terminal (a character device), without x/term.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
