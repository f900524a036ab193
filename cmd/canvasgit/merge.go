package main

import (
	"bytes"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/canvasgit/canvasgit/gitsetup"
	"github.com/canvasgit/canvasgit/merge"
	"github.com/canvasgit/canvasgit/merge/driverio"
	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// mergeFlags are the flags of canvasgit merge.
type mergeFlags struct {
	markerSize                        int
	path                              string
	oursLabel, baseLabel, theirsLabel string
	style, checksum                   string
}

func newMergeCmd(stdout, stderr io.Writer) *cobra.Command {
	var f mergeFlags
	cmd := withManual(&cobra.Command{
		Use:     "merge [flags] BASE OURS THEIRS",
		Short:   "git merge driver: merge BASE OURS THEIRS by the path's rule",
		GroupID: "git",
		Args:    positionalArgs(3, 3, "BASE OURS THEIRS"),
		Example: `  # what git runs (canvasgit install writes it into the git config, then a fallback):
  GOMAXPROCS=1 canvasgit merge --marker-size=%L --path=%P %O %A %B --ours-label=%X --base-label=%S --theirs-label=%Y

  # merge three versions of a file by hand; the result replaces ours.fx.yaml
  canvasgit merge --path=Src/Screen1.fx.yaml base.fx.yaml ours.fx.yaml theirs.fx.yaml`,
		RunE: func(_ *cobra.Command, args []string) error {
			return exitWith(runMerge(f, args, stderr))
		},
	})
	fl := cmd.Flags()
	fl.IntVar(&f.markerSize, "marker-size", defaultMarkerSize, "conflict marker length `N` (git's %L)")
	for _, s := range f.stringFlags() {
		fl.StringVar(s.value, s.name, "", s.usage)
	}
	completeValues(cmd, "conflict-style", "merge", "diff3", "zdiff3")
	completeValues(cmd, "checksum", "ours", "theirs")
	return cmd
}

// defaultMarkerSize is --marker-size's default, git's.
const defaultMarkerSize = 7

// mergeStringFlag is one of merge's string flags, bound to its field of mergeFlags.
type mergeStringFlag struct {
	name  string
	value *string
	usage string
}

// stringFlags are merge's string flags: newMergeCmd declares them to cobra, and
// parseDriverArgs reads git's command line by the same list.
func (f *mergeFlags) stringFlags() []mergeStringFlag {
	return []mergeStringFlag{
		{"path", &f.path, "the file's `PATH` in the tree (git's %P); chooses the rule"},
		{"ours-label", &f.oursLabel, "`LABEL` after <<<<<<< (git's %X)"},
		{"base-label", &f.baseLabel, "`LABEL` after ||||||| (git's %S)"},
		{"theirs-label", &f.theirsLabel, "`LABEL` after >>>>>>> (git's %Y)"},
		{"conflict-style", &f.style, "`STYLE` of conflict markers: merge, diff3 or zdiff3 (default: git config merge.conflictStyle)"},
		{"checksum", &f.checksum, "`SIDE` whose checksum.json is kept, ours or theirs (default: git config canvasgit.checksum, else theirs)"},
	}
}

// exitNoResult means canvasgit did not merge: bad flags, an unreadable input, a write
// that failed or an internal error. OURS is untouched, and the driver command that
// `canvasgit install` writes then runs git merge-file, so both sides still end up
// between markers (gitsetup.DriverCommand).
const exitNoResult = exitUsage

// maxMarkerSize caps --marker-size. git takes any conflict-marker-size that fits an
// int; 2,000,000,000 made every marker line 2 GB. Longer markers than this help nobody.
const maxMarkerSize = 1024

// mergeFile is merge.FileParts (the result is written out in pieces, never copied
// whole: see FileParts); tests replace it to make the merge fail.
var mergeFile = merge.FileParts

// runMerge is the git merge driver. git runs
//
//	GOMAXPROCS=1 canvasgit merge --marker-size=%L --path=%P %O %A %B
//
// (with git 2.44 and newer, then the label flags --ours-label=%X --base-label=%S
// --theirs-label=%Y: flags may follow the files) and the fallback, see
// gitsetup.DriverCommand, and reads the result back from %A (OURS). Exit 0 clean, 1 conflict or refusal, 2 no result (OURS untouched); it
// writes nowhere but OURS, and replaces it whole or not at all.
func runMerge(f mergeFlags, args []string, stderr io.Writer) (code int) {
	// Under a file-size limit the kernel sends SIGXFSZ to a process whose write goes
	// past it, which by default kills it (a crash to git); ignored, the write fails
	// with an error. Go's runtime (1.26) already catches the signal and drops it; the
	// explicit ignore keeps that true whatever the runtime does.
	ignoreFileSizeSignal()
	// run() turns a panic into exit 1, which for the driver would mean "conflict
	// markers written": here it means no result, so the fallback runs.
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "canvasgit: internal error: %v\n", r)
			code = exitNoResult
		}
	}()
	// The inputs may be mapped files (driverio.Inputs.ReadAll): one cut short under us
	// makes a read fault, which this turns into a panic recovered above instead of a
	// crash.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	if f.markerSize < 1 {
		fmt.Fprintf(stderr, "canvasgit merge: --marker-size must be positive, got %d\n", f.markerSize)
		return exitUsage
	}
	cappedFrom := 0
	if f.markerSize > maxMarkerSize {
		cappedFrom, f.markerSize = f.markerSize, maxMarkerSize
	}
	basePath, oursPath, theirsPath := args[0], args[1], args[2]
	if f.path == "" || isPlaceholder(f.path) {
		f.path = oursPath
	}
	files, err := driverio.OpenInputs(basePath, oursPath, theirsPath)
	if err != nil {
		fmt.Fprintf(stderr, "canvasgit merge: %s: cannot read input: %v\n", f.path, err)
		return exitNoResult
	}
	defer files.Close() // ReadAll closes them; this is for a return before it
	sizes := files.Sizes()
	if merge.OverSizeLimit(sizes...) {
		files.Close()
		return mergeOverSize(f.path, basePath, oursPath, theirsPath, stderr)
	}
	defer applyGCPolicy(max(sizes[0], sizes[1], sizes[2]))()

	// git config is read only when it can change the result, since it costs one more
	// process per file: canvasgit.checksum for checksum.json (from the config files
	// themselves where that is certain, gitsetup.ChecksumSetting), and
	// merge.conflictStyle once the merge has conflicts to mark.
	var cfg *gitsetup.DriverConfig
	config := func() gitsetup.DriverConfig {
		if cfg == nil {
			c := readConfig()
			cfg = &c
		}
		return *cfg
	}
	in := merge.Input{Path: f.path}
	in.Options = linemerge.Options{
		MarkerSize:  f.markerSize,
		Style:       linemerge.ParseStyle(strings.ToLower(f.style)),
		OursLabel:   label(f.oursLabel, "ours"),
		BaseLabel:   label(f.baseLabel, "base"),
		TheirsLabel: label(f.theirsLabel, "theirs"),
	}
	inputs, err := files.ReadAll()
	if err != nil {
		fmt.Fprintf(stderr, "canvasgit merge: %s: cannot read input: %v\n", f.path, err)
		return exitNoResult
	}
	in.Base, in.Ours, in.Theirs = inputs[0], inputs[1], inputs[2]
	in.Release = driverio.Release // the mapped inputs' pages, once read through
	// canvasgit.checksum only matters when both sides changed checksum.json, and
	// differently; otherwise the changed side is taken whatever it says.
	if f.checksum == "" && merge.RuleFor(f.path).Kind == merge.KindChecksum && bothSidesChanged(in) {
		if v, ok := readChecksum(); ok {
			f.checksum = v
		} else {
			f.checksum = config().Checksum
		}
	}
	settings, err := parseSettings(f.checksum)
	if err != nil {
		fmt.Fprintf(stderr, "canvasgit merge: %v\n", err)
		return exitUsage
	}
	in.Settings = settings

	out := mergeFile(in)
	if out.Status != merge.Clean && f.style == "" {
		// The style only shapes conflict markers: merge again if git config asks for
		// another one than the default.
		if st := linemerge.ParseStyle(strings.ToLower(config().ConflictStyle)); st != in.Options.Style {
			in.Options.Style = st
			out = mergeFile(in)
		}
	}
	// The messages go out in one write: one system call, and git, which collects the
	// driver's stderr, gets them whole.
	var msgs []byte
	for _, m := range out.Messages {
		msgs = appendMessage(msgs, m)
	}
	for _, m := range merge.FinishSteps(f.path, out.Status, in.Options) {
		msgs = appendMessage(msgs, m)
	}
	if cappedFrom > 0 && out.Status != merge.Clean {
		msgs = appendMessage(msgs, fmt.Sprintf("%s: conflict-marker-size %d is over canvasgit's limit of %d: the markers are %d characters long, and rerere does not recognise them", f.path, cappedFrom, maxMarkerSize, maxMarkerSize))
	}
	if len(msgs) > 0 {
		stderr.Write(msgs) // nothing to do about a failed write to stderr
	}
	// A result equal to ours is already in OURS: rewriting it (a temporary file
	// renamed over OURS) would only cost time.
	if out.Equal(in.Ours) {
		return exitCode(out.Status)
	}
	if err := driverio.ReplaceFile(oursPath, &out); err != nil {
		// OURS is untouched: exit 2 lets the driver command fall back to git merge-file.
		fmt.Fprintf(stderr, "canvasgit merge: %s: cannot write result: %v\n", f.path, err)
		return exitNoResult
	}
	return exitCode(out.Status)
}

// appendMessage appends one line of the driver's messages, "canvasgit: " and m.
func appendMessage(b []byte, m string) []byte {
	b = append(b, "canvasgit: "...)
	b = append(b, m...)
	return append(b, '\n')
}

// exitCode is the driver's exit code for a merge that wrote its result.
func exitCode(st merge.Status) int {
	if st != merge.Clean {
		return exitConflict
	}
	return exitOK
}

// bothSidesChanged reports a real three-way merge: ours and theirs each differ from
// the base and from each other.
func bothSidesChanged(in merge.Input) bool {
	return !bytes.Equal(in.Base, in.Ours) && !bytes.Equal(in.Base, in.Theirs) && !bytes.Equal(in.Ours, in.Theirs)
}

// isPlaceholder reports a placeholder git did not expand (labels before git 2.44).
func isPlaceholder(s string) bool {
	return len(s) == 2 && s[0] == '%'
}

// label returns the label git passed, or def when git passed none.
func label(s, def string) string {
	if s == "" || isPlaceholder(s) {
		return def
	}
	return s
}

func parseSettings(checksum string) (merge.Settings, error) {
	switch strings.ToLower(checksum) {
	case "", "theirs":
		return merge.Settings{Checksum: merge.TakeTheirs}, nil
	case "ours":
		return merge.Settings{Checksum: merge.TakeOurs}, nil
	}
	return merge.Settings{}, fmt.Errorf("canvasgit.checksum must be ours or theirs, got %q", checksum)
}
