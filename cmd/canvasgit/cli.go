package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/canvasgit/canvasgit/docs"
)

// The command line is built with spf13/cobra (and its pflag): the library gh, kubectl
// and git-lfs use, so help, `--flag` spelling, shell completion and man pages behave as
// their users expect. Each command's file has its builder, listed here; the tree is
// built afresh for every run, with the command's flags bound to variables of its own.
// A list, not registrations from each file's init: package variables and inits run on
// every start, the merge driver's too, and this list is laid out by the compiler
// (cobra sorts the commands for the help).
var commandBuilders = []commandBuilder{
	{"check", newCheckCmd},
	{"doctor", newDoctorCmd},
	{"gate", newGateCmd},
	{"install", newInstallCmd},
	{"merge", newMergeCmd},
	{"replay", newReplayCmd},
	{"textconv", newTextconvCmd},
	{"uninstall", newUninstallCmd},
}

type commandBuilder struct {
	name  string // the command's name, as typed
	build func(stdout, stderr io.Writer) *cobra.Command
}

// perFileCommands are the commands git starts once per file (the merge driver and the
// textconv): for them the tree holds that command alone. Building every command,
// cobra's completion command included, cost about a third of the CPU a tiny merge
// spends in main; a run of these commands never looks at the others.
var perFileCommands = []string{"merge", "textconv"}

// Command groups, in the order the root help lists them.
var commandGroups = []*cobra.Group{
	{ID: "setup", Title: "Set up git:"},
	{ID: "git", Title: "Run by git:"},
	{ID: "checks", Title: "Check, gate and measure:"},
	{ID: "other", Title: "Other:"},
}

// exitError carries a command's exit status out of cobra (RunE returns it).
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// exitWith turns an exit status into RunE's result: nil for 0.
func exitWith(code int) error {
	if code == exitOK {
		return nil
	}
	return exitError(code)
}

// usageError is a command line cobra or a command rejected; execute prints it with
// the command's usage line and exits 2.
type usageError struct {
	cmd *cobra.Command
	msg string
}

func (e *usageError) Error() string { return e.msg }

// newRootCmd builds the command tree; only, when not "", names the one command to
// build (see perFileCommands).
func newRootCmd(stdout, stderr io.Writer, only string) *cobra.Command {
	root := &cobra.Command{
		Use:   "canvasgit",
		Short: "make git work for Power Apps canvas app sources",
		Long: "canvasgit makes git work for Power Apps canvas app sources (the folders pac canvas unpack\n" +
			"writes): a merge driver that merges them by control, property and JSON key, a check of\n" +
			"the app's invariants, an .msapp diff, and a merge gate for CI.",
		SilenceErrors: true,
		SilenceUsage:  true,
		// Runnable only for --version: cobra's own version flag needs a version
		// template, and any template links text/template, whose reflection turns off
		// the linker's dead-code elimination (a binary 60% larger and slower to start
		// for every file the merge driver is run on).
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if v, _ := c.Flags().GetBool("version"); v {
				fmt.Fprintf(stdout, "canvasgit %s\n", versionString())
				return nil
			}
			return &usageError{c, "no command given"}
		},
	}
	root.Flags().BoolP("version", "v", false, "print the version")
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &usageError{c, err.Error()}
	})
	root.SetHelpFunc(func(c *cobra.Command, _ []string) { writeShortHelp(c.OutOrStdout(), c) })
	root.SetUsageFunc(func(c *cobra.Command) error { writeUsage(c.OutOrStderr(), c); return nil })
	root.AddGroup(commandGroups...)
	root.SetHelpCommand(newHelpCmd())
	root.SetHelpCommandGroupID("other")
	root.SetCompletionCommandGroupID("other")
	for _, b := range commandBuilders {
		if only == "" || b.name == only {
			root.AddCommand(b.build(stdout, stderr))
		}
	}
	if only != "" {
		root.CompletionOptions.DisableDefaultCmd = true // cobra would build it in ExecuteC
		return root
	}
	root.AddCommand(newVersionCmd(stdout), newManCmd(stdout, stderr))
	// cobra's completion command, made now so that its summary reads like the others'.
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Short = "print a shell completion script (bash, zsh, fish, powershell)"
		}
	}
	return root
}

// execute runs the command line args and returns the exit status.
func execute(args []string, stdout, stderr io.Writer) int {
	// The merge driver's command line as git gives it is read without cobra
	// (parseDriverArgs); any other goes through the command tree.
	if len(args) > 0 && args[0] == "merge" {
		if f, files, ok := parseDriverArgs(args[1:]); ok {
			return runMerge(f, files, stderr)
		}
	}
	only := ""
	if len(args) > 0 && slices.Contains(perFileCommands, args[0]) {
		only = args[0]
	}
	return executeTree(args, stdout, stderr, only)
}

// buildRoot is newRootCmd; a test replaces it to see that the driver's command line
// is run without it.
var buildRoot = newRootCmd

// executeTree is execute with the tree newRootCmd builds for only.
func executeTree(args []string, stdout, stderr io.Writer, only string) int {
	root := buildRoot(stdout, stderr, only)
	if len(args) == 0 {
		// No command is a usage error: the help goes to stderr, the status is 2.
		root.SetOut(stderr)
		root.SetArgs([]string{"help"})
		_ = root.Execute() // the help command; it cannot fail
		return exitUsage
	}
	root.SetArgs(longFlagsWithOneDash(root, args))
	cmd, err := root.ExecuteC()
	if err == nil {
		return exitOK
	}
	var code exitError
	if errors.As(err, &code) {
		return int(code)
	}
	var ue *usageError
	if errors.As(err, &ue) {
		cmd = ue.cmd
	}
	// Otherwise cobra rejected the command line: an unknown command, a flag or the
	// arguments (see positionalArgs).
	writeUsageError(stderr, cmd, err.Error())
	return exitUsage
}

// writeUsageError prints "canvasgit CMD: msg", the command's usage line and where to
// read more.
func writeUsageError(w io.Writer, cmd *cobra.Command, msg string) {
	if cmd == nil {
		cmd = &cobra.Command{Use: "canvasgit"}
	}
	fmt.Fprintf(w, "%s: %s\n", cmd.CommandPath(), strings.TrimSpace(msg))
	if cmd.HasParent() {
		fmt.Fprintf(w, "usage: %s\n", cmd.UseLine())
		if _, ok := manual(cmd); ok {
			fmt.Fprintf(w, "Run '%s --help' for the flags, 'canvasgit help %s' for the manual.\n", cmd.CommandPath(), cmd.Name())
		} else {
			fmt.Fprintf(w, "Run '%s --help' for the flags.\n", cmd.CommandPath())
		}
		return
	}
	fmt.Fprintln(w, "Run 'canvasgit help' for the commands.")
}

// positionalArgs checks the number of arguments (cobra.Args) with a message that
// names them: want is how the usage line names them ("TARGET SOURCE").
func positionalArgs(min, max int, want string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) >= min && (max < 0 || len(args) <= max) {
			return nil
		}
		var msg string
		switch {
		case max == 0:
			msg = fmt.Sprintf("unexpected argument %q", args[0])
		case len(args) > max:
			msg = fmt.Sprintf("too many arguments: want %s, got %s", want, plural(len(args), "argument"))
		default:
			msg = fmt.Sprintf("want %s, got %s", want, plural(len(args), "argument"))
		}
		return &usageError{cmd, msg}
	}
}

// manualAnnotation marks a command whose manual is its page of docs/ (withManual).
const manualAnnotation = "canvasgit/manual"

// withManual gives a command its page of docs/ as its manual (`canvasgit help CMD` and
// its man page). The page is read only when asked for: the merge driver starts for
// every file git merges, and reading every page would cost it time for nothing.
func withManual(cmd *cobra.Command) *cobra.Command {
	cmd.Annotations = map[string]string{manualAnnotation: cmd.Name()}
	return cmd
}

// manual returns the markdown of c's page of docs/, if it has one.
func manual(c *cobra.Command) (string, bool) {
	name := c.Annotations[manualAnnotation]
	if name == "" {
		return "", false
	}
	return docs.Page(name)
}

func newVersionCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "print the version",
		GroupID: "other",
		Args:    positionalArgs(0, 0, ""),
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintf(stdout, "canvasgit %s\n", versionString())
			return nil
		},
	}
}
