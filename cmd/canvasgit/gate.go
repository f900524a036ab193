package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/canvasgit/canvasgit/gate"
)

// gateFlags are the flags of canvasgit gate.
type gateFlags struct {
	repo, format             string
	targetLabel, sourceLabel string
	checksum                 string
	progress                 bool
}

func newGateCmd(stdout, stderr io.Writer) *cobra.Command {
	var f gateFlags
	cmd := withManual(&cobra.Command{
		Use:               "gate [flags] TARGET SOURCE",
		Short:             "CI merge gate: is merging SOURCE into TARGET safe? (exit 0 safe, 1 not, 2 undecided)",
		GroupID:           "checks",
		Args:              positionalArgs(2, 2, "TARGET SOURCE"),
		ValidArgsFunction: completeRevisions,
		Example: `  # would merging the feature branch into main be safe?
  canvasgit gate main feature/new-screen

  # in a GitHub workflow: annotations on the pull request
  canvasgit gate --format github --target-label main --source-label "$GITHUB_HEAD_REF" -- "$BASE_SHA" "$HEAD_SHA"

  # a bare clone, the verdict as JSON
  canvasgit gate --repo app.git --format json origin/main origin/feature`,
		RunE: func(c *cobra.Command, args []string) error {
			var progress *gateProgress
			if w, tty := showProgress(c, stderr); w != nil {
				progress = &gateProgress{w: w, tty: tty}
			}
			return exitWith(runGate(f, progress, args, stdout, stderr))
		},
	})
	fl := cmd.Flags()
	fl.StringVar(&f.repo, "repo", ".", "the repository `DIR` (a normal clone, a CI checkout or a bare clone); any folder inside it")
	fl.StringVar(&f.format, "format", "text", "output `FORMAT`: "+strings.Join(gate.Formats, ", "))
	fl.StringVar(&f.targetLabel, "target-label", "", "`NAME` of TARGET in the report and conflict markers (default: TARGET as given)")
	fl.StringVar(&f.sourceLabel, "source-label", "", "`NAME` of SOURCE in the report and conflict markers (default: SOURCE as given)")
	fl.StringVar(&f.checksum, "checksum", "", "`SIDE` whose checksum.json is kept, ours or theirs (default: the repository's canvasgit.checksum, else theirs)")
	addProgressFlag(cmd)
	completeDirs(cmd, "repo")
	completeValues(cmd, "format", gate.Formats...)
	completeValues(cmd, "checksum", "ours", "theirs")
	return cmd
}

// runGate merges SOURCE into TARGET in memory with the merge driver's engine and
// rules, reads the repository with internal/gitobj (no worktree, no git binary) and writes
// nothing. Exit 0: safe; 1: conflicts or refusals; 2: could not decide.
func runGate(f gateFlags, progress *gateProgress, pos []string, stdout, stderr io.Writer) int {
	if !validFormat(f.format) {
		fmt.Fprintf(stderr, "canvasgit gate: unknown format %q (want one of %s)\n", f.format, strings.Join(gate.Formats, ", "))
		return exitUsage
	}

	r, err := gate.Open(f.repo)
	if err != nil {
		return undecided(stdout, stderr, f.format, err)
	}
	defer r.Close()
	if f.checksum == "" {
		f.checksum = r.ConfigValue("canvasgit", "checksum")
	}
	settings, err := parseSettings(f.checksum)
	if err != nil {
		fmt.Fprintf(stderr, "canvasgit gate: %v\n", err)
		return exitUsage
	}
	opts := gate.Options{
		Target: pos[0], Source: pos[1],
		TargetLabel: f.targetLabel, SourceLabel: f.sourceLabel,
		Settings: settings,
		Checks:   []gate.Checker{gate.AppChecks},
	}
	if progress != nil {
		opts.Progress = progress.update
	}
	rep, err := gate.Run(r, opts)
	if progress != nil {
		progress.finish()
	}
	if err != nil {
		return undecided(stdout, stderr, f.format, err)
	}
	if err := gate.Write(stdout, rep, f.format, versionNumber()); err != nil {
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
