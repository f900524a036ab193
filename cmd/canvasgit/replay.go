package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/canvasgit/canvasgit/replay"
)

// replayFlags are the flags of canvasgit replay.
type replayFlags struct {
	repo, revList, format, cases string
	driver                       string
	timeout                      time.Duration
	jobs                         int
}

func newReplayCmd(stdout, stderr io.Writer) *cobra.Command {
	var f replayFlags
	cmd := withManual(&cobra.Command{
		Use:     "replay [flags]",
		Short:   "re-merge a repository's recorded merges with plain git and with canvasgit, and compare",
		GroupID: "checks",
		Args:    positionalArgs(0, 0, ""),
		Example: `  # every merge of the current repository, plain git against canvasgit
  canvasgit replay

  # the merges of main since a tag, with the differing files written out for a look
  canvasgit replay --rev-list "v1.0..main" --cases /tmp/cases

  # a bare mirror, as JSON, with progress lines in a CI log
  canvasgit replay --repo app.git --format json --progress > replay.json`,
		RunE: func(c *cobra.Command, args []string) error {
			progress, tty := showProgress(c, stderr)
			return exitWith(runReplay(f, progress, tty, stdout, stderr))
		},
	})
	fl := cmd.Flags()
	fl.StringVar(&f.repo, "repo", ".", "the repository `DIR` to replay (a work tree or a bare repository)")
	fl.StringVar(&f.revList, "rev-list", strings.Join(replay.DefaultRevList, " "), "`ARGS` for git rev-list --merges, split on spaces")
	fl.StringVar(&f.format, "format", "text", "output `FORMAT`: text or json")
	fl.StringVar(&f.cases, "cases", "", "write base/ours/theirs/recorded/canvasgit files of each differing or conflicted file under this `DIR`")
	fl.DurationVar(&f.timeout, "timeout", replay.DefaultTimeout, "time limit of one merge-tree run")
	fl.IntVar(&f.jobs, "jobs", 1, "merges replayed at once (more than 1 makes the wall times unreliable)")
	fl.StringVar(&f.driver, "driver", "", "run this `COMMAND` as the merge driver instead of canvasgit (git's %O %A %B %L %P apply): to time another driver, e.g. a program that does nothing, the floor of any driver")
	addProgressFlag(cmd)
	completeDirs(cmd, "repo")
	completeDirs(cmd, "cases")
	completeValues(cmd, "format", "text", "json")
	return cmd
}

// runReplay re-merges the repository's merges. Exit 0 when it ran, whatever it found;
// 2 for usage and repository errors. See docs/replay.md.
func runReplay(f replayFlags, progress io.Writer, tty bool, stdout, stderr io.Writer) int {
	if f.format != "text" && f.format != "json" {
		fmt.Fprintf(stderr, "canvasgit replay: --format must be text or json, got %q\n", f.format)
		return exitUsage
	}
	if f.timeout <= 0 {
		fmt.Fprintf(stderr, "canvasgit replay: --timeout must be positive, got %s\n", f.timeout)
		return exitUsage
	}
	if f.jobs < 1 {
		fmt.Fprintf(stderr, "canvasgit replay: --jobs must be at least 1, got %d\n", f.jobs)
		return exitUsage
	}
	revs := strings.Fields(f.revList)
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
		Repo: f.repo, RevList: revs, Executable: exe, Timeout: f.timeout, CasesDir: f.cases, Jobs: f.jobs,
		Progress: progress, ProgressTTY: tty,
	}
	if f.driver != "" {
		opts.DriverCommand = replay.WrapDriver(f.driver)
	}
	rep, err := replay.Run(opts)
	if err != nil {
		fmt.Fprintf(stderr, "canvasgit replay: %v\n", err)
		return exitUsage
	}
	if f.format == "json" {
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
