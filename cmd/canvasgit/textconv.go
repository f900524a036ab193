package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/canvasgit/canvasgit/textconv"
)

// textconvFlags are the flags of canvasgit textconv.
type textconvFlags struct {
	all           bool
	formatVersion string
}

func newTextconvCmd(stdout, stderr io.Writer) *cobra.Command {
	var f textconvFlags
	cmd := withManual(&cobra.Command{
		Use:     "textconv [flags] FILE.msapp",
		Short:   "print an .msapp as its source files (git diff textconv)",
		GroupID: "git",
		Args:    positionalArgs(1, 1, "one FILE.msapp"),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return []cobra.Completion{"msapp"}, cobra.ShellCompDirectiveFilterFileExt
		},
		Example: `  # what git diff runs for *.msapp (canvasgit install writes it into the git config)
  canvasgit textconv --format-version=` + strconv.Itoa(textconv.FormatVersion) + ` App.msapp

  # read an app package as text, checksums and load times included
  canvasgit textconv --all App.msapp | less`,
		RunE: func(_ *cobra.Command, args []string) error {
			return exitWith(runTextconv(f, args[0], stdout, stderr))
		},
	})
	cmd.Flags().BoolVar(&f.all, "all", false, "include volatile files (checksums, app checker results, load times)")
	cmd.Flags().StringVar(&f.formatVersion, "format-version", "", "the output format the caller expects (currently "+strconv.Itoa(textconv.FormatVersion)+")")
	return cmd
}

// runTextconv is `canvasgit textconv [--format-version=N] [--all] FILE`. git runs it
// for `git diff`; a non-zero exit aborts the user's whole diff, so a file that is not a
// usable msapp is described on stdout and the exit code is still 0. A --format-version
// other than this binary's (canvasgit was upgraded, the config was not) only warns on
// stderr: failing would break every diff until `canvasgit install` runs again, while
// rendering costs at most a diff between a cached old-format text and a new one.
// Only a malformed command line exits 2.
func runTextconv(f textconvFlags, name string, stdout, stderr io.Writer) int {
	if f.formatVersion != "" {
		v, err := strconv.Atoi(f.formatVersion)
		if err != nil || v < 1 {
			fmt.Fprintf(stderr, "canvasgit textconv: --format-version must be a positive number, not %q\n", f.formatVersion)
			return exitUsage
		}
		if v != textconv.FormatVersion {
			fmt.Fprintf(stderr, "canvasgit textconv: the git config asks for format version %d, this canvasgit prints version %d; run `canvasgit install` again so git refreshes its textconv cache\n",
				v, textconv.FormatVersion)
		}
	}
	var err error
	if strings.HasSuffix(strings.ToLower(name), ".msapr") || textconv.IsMsapr(name) {
		// A .msapr (pac's SourceCode layout) is shown as the msapp its entries make.
		var a *textconv.Archive
		var header []byte
		if a, header, err = textconv.OpenMsapr(name, textconv.DefaultLimits); err == nil {
			err = textconv.RenderMsapr(stdout, a, header, textconv.Options{All: f.all})
		}
	} else {
		var a *textconv.Archive
		if a, err = textconv.Open(name, textconv.DefaultLimits); err == nil {
			defer a.Close()
			err = textconv.Render(stdout, a, textconv.Options{All: f.all})
		}
	}
	if err != nil {
		if !textconv.IsUnusable(err) {
			if _, statErr := os.Stat(name); statErr != nil {
				fmt.Fprintf(stderr, "canvasgit textconv: %v\n", err)
				return exitConflict
			}
		}
		textconv.DescribeUnusable(stdout, name, err)
	}
	return exitOK
}
