package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/canvasgit/canvasgit/docs"
)

// newManCmd is `canvasgit man DIR`: write a man page (section 1) for canvasgit and each
// command into DIR, from the same text as `canvasgit help`. Hidden: it is for packagers
// and the release, which ship the pages beside the binary.
//
// The pages are written by docs.Roff and the few lines below, not by cobra's doc
// package: that one renders with go-md2man and blackfriday, whose start-up work the
// merge driver would pay on every file git merges. The date is SOURCE_DATE_EPOCH's when
// it is set (reproducible builds) and left out otherwise, so the same binary writes the
// same bytes.
func newManCmd(stdout, stderr io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:    "man DIR",
		Short:  "write the man pages into DIR",
		Hidden: true,
		Args:   positionalArgs(1, 1, "DIR"),
		RunE: func(c *cobra.Command, args []string) error {
			dir := args[0]
			date, err := manDate()
			if err == nil {
				err = writeManPages(c.Root(), dir, date)
			}
			if err != nil {
				fmt.Fprintf(stderr, "canvasgit man: %v\n", err)
				return exitError(exitConflict)
			}
			fmt.Fprintf(stdout, "wrote the man pages to %s\n", dir)
			return nil
		},
	}
}

// manDate is the date of SOURCE_DATE_EPOCH (a Unix time), "" when it is not set.
func manDate() (string, error) {
	epoch := os.Getenv("SOURCE_DATE_EPOCH")
	if epoch == "" {
		return "", nil
	}
	sec, err := strconv.ParseInt(epoch, 10, 64)
	if err != nil {
		return "", fmt.Errorf("SOURCE_DATE_EPOCH must be a Unix time in seconds, got %q", epoch)
	}
	return time.Unix(sec, 0).UTC().Format("2006-01-02"), nil
}

// manPages are the commands that get a page: canvasgit and its visible commands
// (help's page would only repeat this one).
func manPages(root *cobra.Command) []*cobra.Command {
	pages := []*cobra.Command{root}
	for _, c := range root.Commands() {
		if c.IsAvailableCommand() && c.Name() != "help" {
			pages = append(pages, c)
		}
	}
	return pages
}

func manName(c *cobra.Command) string {
	return strings.ReplaceAll(c.CommandPath(), " ", "-")
}

func writeManPages(root *cobra.Command, dir, date string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	pages := manPages(root)
	for _, c := range pages {
		var b strings.Builder
		writeManPage(&b, c, pages, date)
		if err := os.WriteFile(filepath.Join(dir, manName(c)+".1"), []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// writeManPage writes the page of c: NAME, SYNOPSIS, DESCRIPTION (its docs page, or
// for canvasgit the command list), OPTIONS, EXAMPLES, SEE ALSO.
func writeManPage(w io.Writer, c *cobra.Command, pages []*cobra.Command, date string) {
	esc := func(s string) string { return strings.NewReplacer(`\`, `\e`, "-", `\-`).Replace(s) }
	name := manName(c)
	fmt.Fprintf(w, ".TH %q \"1\" %q %q \"canvasgit manual\"\n", strings.ToUpper(name), date, "canvasgit "+versionString())
	fmt.Fprintf(w, ".SH NAME\n%s \\- %s\n", esc(name), esc(c.Short))
	fmt.Fprintln(w, ".SH SYNOPSIS")
	if c.HasParent() {
		fmt.Fprintf(w, ".B %s\n", esc(c.UseLine()))
	} else {
		fmt.Fprintln(w, ".B canvasgit \\fIcommand\\fR [flags] [arguments]")
	}
	fmt.Fprintln(w, ".SH DESCRIPTION")
	if page, ok := manual(c); ok {
		fmt.Fprint(w, docs.Roff(page))
	} else {
		text := c.Long
		if text == "" {
			text = c.Short
		}
		for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
			fmt.Fprintln(w, strings.TrimPrefix(esc(line), "."))
		}
	}
	if !c.HasParent() || c.HasAvailableSubCommands() {
		fmt.Fprintln(w, ".SH COMMANDS")
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() {
				fmt.Fprintf(w, ".TP\n\\fB%s\\fR\n%s\n", esc(sub.Name()), esc(sub.Short))
			}
		}
	}
	if c.HasAvailableFlags() {
		fmt.Fprintln(w, ".SH OPTIONS")
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if f.Hidden {
				return
			}
			varname, usage := pflag.UnquoteUsage(f)
			head := `\fB\-\-` + esc(f.Name) + `\fR`
			if f.Shorthand != "" {
				head = `\fB\-` + esc(f.Shorthand) + `\fR, ` + head
			}
			if varname != "" {
				head += ` \fI` + esc(varname) + `\fR`
			}
			if def := defaultText(f); def != "" {
				usage += " (default " + def + ")"
			}
			fmt.Fprintf(w, ".TP\n%s\n%s\n", head, esc(usage))
		})
	}
	if c.HasExample() {
		fmt.Fprintln(w, ".SH EXAMPLES\n.PP\n.RS 4\n.nf")
		for _, line := range strings.Split(strings.TrimRight(c.Example, "\n"), "\n") {
			fmt.Fprintln(w, esc(strings.TrimPrefix(line, "  ")))
		}
		fmt.Fprintln(w, ".fi\n.RE")
	}
	var also []string
	for _, p := range pages {
		if p != c {
			also = append(also, `\fB`+esc(manName(p))+`\fR(1)`)
		}
	}
	fmt.Fprintf(w, ".SH SEE ALSO\n%s\n", strings.Join(also, ", "))
}

// defaultText is a flag's default as the help shows it, "" for none.
func defaultText(f *pflag.Flag) string {
	switch {
	case f.DefValue == "" || f.Value.Type() == "bool" && f.DefValue == "false":
		return ""
	case f.Value.Type() == "string":
		return strconv.Quote(f.DefValue)
	}
	return f.DefValue
}
