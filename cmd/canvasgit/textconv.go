package main

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/canvasgit/canvasgit/textconv"
)

func init() {
	register("textconv", "print an .msapp as its source files (git diff textconv)", runTextconv)
}

// runTextconv is `canvasgit textconv [--format-version=N] [--all] FILE`. git runs it
// for `git diff`; a non-zero exit aborts the user's whole diff, so a file that is not a
// usable msapp is described on stdout and the exit code is still 0. A --format-version
// other than this binary's (canvasgit was upgraded, the config was not) only warns on
// stderr: failing would break every diff until `canvasgit install` runs again, while
// rendering costs at most a diff between a cached old-format text and a new one.
// Only a malformed command line exits 2.
func runTextconv(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("textconv", flag.ContinueOnError)
	fs.SetOutput(stderr)
	all := fs.Bool("all", false, "include volatile files (checksums, app checker results, load times)")
	fv := fs.String("format-version", "", "the output format the caller expects (currently "+strconv.Itoa(textconv.FormatVersion)+")")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: canvasgit textconv [--format-version=N] [--all] FILE.msapp|FILE.msapr")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	if *fv != "" {
		v, err := strconv.Atoi(*fv)
		if err != nil || v < 1 {
			fmt.Fprintf(stderr, "canvasgit textconv: --format-version must be a positive number, not %q\n", *fv)
			return exitUsage
		}
		if v != textconv.FormatVersion {
			fmt.Fprintf(stderr, "canvasgit textconv: the git config asks for format version %d, this canvasgit prints version %d; run `canvasgit install` again so git refreshes its textconv cache\n",
				v, textconv.FormatVersion)
		}
	}
	name := fs.Arg(0)
	var err error
	if strings.HasSuffix(strings.ToLower(name), ".msapr") || textconv.IsMsapr(name) {
		// A .msapr (pac's SourceCode layout) is shown as the msapp its entries make.
		var a *textconv.Archive
		var header []byte
		if a, header, err = textconv.OpenMsapr(name, textconv.DefaultLimits); err == nil {
			err = textconv.RenderMsapr(stdout, a, header, textconv.Options{All: *all})
		}
	} else {
		var a *textconv.Archive
		if a, err = textconv.Open(name, textconv.DefaultLimits); err == nil {
			defer a.Close()
			err = textconv.Render(stdout, a, textconv.Options{All: *all})
		}
	}
	if err != nil {
		if !textconv.IsUnusable(err) {
			if _, statErr := os.Stat(name); statErr != nil {
				fmt.Fprintf(stderr, "canvasgit textconv: %v\n", err)
				return exitConflict
			}
		}
		describeUnusable(stdout, name, err)
	}
	return exitOK
}

// describeUnusable prints why the file cannot be shown, with its size and hash so a
// diff between two unusable versions still shows that they differ.
func describeUnusable(w io.Writer, name string, reason error) {
	fmt.Fprintf(w, "canvasgit textconv: not shown as source: %v\n", reason)
	f, err := os.Open(name)
	if err != nil {
		return
	}
	defer f.Close()
	h := sha256.New()
	n, _ := io.Copy(h, f)
	fmt.Fprintf(w, "size %d bytes, sha256:%s\n", n, hex.EncodeToString(h.Sum(nil)))
}
