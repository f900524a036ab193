package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/canvasgit/canvasgit/merge"
	"github.com/canvasgit/canvasgit/merge/linemerge"
)

func init() {
	register("merge", "git merge driver: merge BASE OURS THEIRS by the path's rule", runMerge)
}

// exitNoResult means canvasgit did not merge: bad flags, an unreadable input, a write
// that failed or an internal error. OURS is untouched, and the driver command that
// `canvasgit install` writes then runs git merge-file, so both sides still end up
// between markers (gitsetup.DriverCommand).
const exitNoResult = exitUsage

// maxMarkerSize caps --marker-size. git takes any conflict-marker-size that fits an
// int; 2,000,000,000 made every marker line 2 GB. Longer markers than this help nobody.
const maxMarkerSize = 1024

// mergeFile is merge.File; tests replace it to make the merge fail.
var mergeFile = merge.File

// runMerge is the git merge driver. git runs
//
//	canvasgit merge --marker-size=%L --path=%P %O %A %B
//
// (followed by the fallback, see gitsetup.DriverCommand) and reads the result back from
// %A (OURS). Exit 0 clean, 1 conflict or refusal, 2 no result (OURS untouched); it
// writes nowhere but OURS, and replaces it whole or not at all.
func runMerge(args []string, stdout, stderr io.Writer) (code int) {
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
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	fs.SetOutput(stderr)
	markerSize := fs.Int("marker-size", 7, "conflict marker length (git's %L)")
	path := fs.String("path", "", "the file's path in the tree (git's %P); chooses the rule")
	oursLabel := fs.String("ours-label", "", "label after <<<<<<< (git's %X)")
	baseLabel := fs.String("base-label", "", "label after ||||||| (git's %S)")
	theirsLabel := fs.String("theirs-label", "", "label after >>>>>>> (git's %Y)")
	style := fs.String("conflict-style", "", "merge, diff3 or zdiff3 (default: git config merge.conflictStyle)")
	checksum := fs.String("checksum", "", "ours or theirs for checksum.json (default: git config canvasgit.checksum, else theirs)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: canvasgit merge [--marker-size=N] [--path=PATH] [--ours-label=L] [--base-label=L] [--theirs-label=L] [--conflict-style=S] [--checksum=ours|theirs] BASE OURS THEIRS")
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 3 {
		fs.Usage()
		return exitUsage
	}
	if *markerSize < 1 {
		fmt.Fprintf(stderr, "canvasgit merge: --marker-size must be positive, got %d\n", *markerSize)
		return exitUsage
	}
	cappedFrom := 0
	if *markerSize > maxMarkerSize {
		cappedFrom, *markerSize = *markerSize, maxMarkerSize
	}
	basePath, oursPath, theirsPath := fs.Arg(0), fs.Arg(1), fs.Arg(2)
	if *path == "" || isPlaceholder(*path) {
		*path = oursPath
	}
	var sizes [3]int64
	for i, name := range []string{basePath, oursPath, theirsPath} {
		st, err := os.Stat(name)
		if err != nil {
			fmt.Fprintf(stderr, "canvasgit merge: %s: cannot read input: %v\n", *path, err)
			return exitNoResult
		}
		sizes[i] = st.Size()
	}
	if merge.OverSizeLimit(sizes[:]...) {
		return mergeOverSize(*path, basePath, oursPath, theirsPath, stderr)
	}
	defer applyGCPolicy(max(sizes[0], sizes[1], sizes[2]))()

	// git config is read only when it can change the result, since it costs one more
	// process per file: canvasgit.checksum for checksum.json, and
	// merge.conflictStyle once the merge has conflicts to mark.
	var cfg *driverConfig
	config := func() driverConfig {
		if cfg == nil {
			c := readConfig()
			cfg = &c
		}
		return *cfg
	}
	in := merge.Input{Path: *path}
	in.Options = linemerge.Options{
		MarkerSize:  *markerSize,
		Style:       linemerge.ParseStyle(strings.ToLower(*style)),
		OursLabel:   label(*oursLabel, "ours"),
		BaseLabel:   label(*baseLabel, "base"),
		TheirsLabel: label(*theirsLabel, "theirs"),
	}
	for _, f := range []struct {
		name string
		dst  *[]byte
	}{{basePath, &in.Base}, {oursPath, &in.Ours}, {theirsPath, &in.Theirs}} {
		b, err := os.ReadFile(f.name)
		if err != nil {
			fmt.Fprintf(stderr, "canvasgit merge: %s: cannot read input: %v\n", *path, err)
			return exitNoResult
		}
		*f.dst = b
	}
	// canvasgit.checksum only matters when both sides changed checksum.json, and
	// differently; otherwise the changed side is taken whatever it says.
	if *checksum == "" && merge.RuleFor(*path).Kind == merge.KindChecksum && bothSidesChanged(in) {
		*checksum = config().checksum
	}
	settings, err := parseSettings(*checksum)
	if err != nil {
		fmt.Fprintf(stderr, "canvasgit merge: %v\n", err)
		return exitUsage
	}
	in.Settings = settings

	out := mergeFile(in)
	if out.Status != merge.Clean && *style == "" {
		// The style only shapes conflict markers: merge again if git config asks for
		// another one than the default.
		if st := linemerge.ParseStyle(strings.ToLower(config().conflictStyle)); st != in.Options.Style {
			in.Options.Style = st
			out = mergeFile(in)
		}
	}
	for _, m := range out.Messages {
		fmt.Fprintf(stderr, "canvasgit: %s\n", m)
	}
	if cappedFrom > 0 && out.Status != merge.Clean {
		fmt.Fprintf(stderr, "canvasgit: %s: conflict-marker-size %d is over canvasgit's limit of %d: the markers are %d characters long, and rerere does not recognise them\n", *path, cappedFrom, maxMarkerSize, maxMarkerSize)
	}
	if err := replaceFile(oursPath, bytes.NewReader(out.Merged)); err != nil {
		// OURS is untouched: exit 2 lets the driver command fall back to git merge-file.
		fmt.Fprintf(stderr, "canvasgit merge: %s: cannot write result: %v\n", *path, err)
		return exitNoResult
	}
	if out.Status != merge.Clean {
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
