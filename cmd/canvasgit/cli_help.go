package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/canvasgit/canvasgit/docs"
)

// Help has two lengths, as in git: `canvasgit CMD --help` (or -h) is the short one,
// what the command does, its usage line, flags and examples; `canvasgit help CMD` is
// the manual, the command's page of docs/ followed by the same flags. Both go to
// stdout and exit 0, so they can be paged (`canvasgit help gate | less`).

// writeShortHelp is the -h/--help text.
func writeShortHelp(w io.Writer, c *cobra.Command) {
	_, hasManual := manual(c)
	switch {
	case !c.HasParent():
		fmt.Fprintf(w, "%s\n\n", c.Long)
	case !hasManual && c.Long != "":
		// cobra's own commands (completion) say how to use them only here.
		fmt.Fprintf(w, "%s: %s\n\n%s\n\n", c.CommandPath(), c.Short, strings.TrimSpace(c.Long))
	default:
		fmt.Fprintf(w, "%s: %s\n\n", c.CommandPath(), c.Short)
	}
	writeUsage(w, c)
	if hasManual && c.HasParent() {
		fmt.Fprintf(w, "\nThe manual, with more examples: canvasgit help %s\n", c.Name())
	}
}

// writeManual is the `canvasgit help CMD` text.
func writeManual(w io.Writer, c *cobra.Command) {
	if page, ok := manual(c); ok {
		fmt.Fprint(w, docs.Text(page))
		fmt.Fprintf(w, "\n%s\n%s\n\n", "Command line", strings.Repeat("-", len("Command line")))
	} else {
		text := c.Long
		if text == "" {
			text = c.Short
		}
		fmt.Fprintf(w, "%s\n\n", strings.TrimSpace(text))
	}
	writeUsage(w, c)
}

// writeUsage is the usage line, the subcommands, the flags and the examples; it
// follows a usage error too.
func writeUsage(w io.Writer, c *cobra.Command) {
	if !c.HasParent() {
		c.InitDefaultHelpFlag() // cobra adds it to the command it runs, here maybe help
		fmt.Fprintln(w, "usage: canvasgit <command> [flags] [arguments]")
		writeCommandList(w, c)
		fmt.Fprintf(w, "\nManual pages beside the commands' (canvasgit help NAME):\n  %s\n", strings.Join(topics(c), ", "))
		fmt.Fprintf(w, "\nFlags:\n%s", c.LocalFlags().FlagUsages())
		fmt.Fprintln(w, "\nRun 'canvasgit help <command>' for a command's manual, 'canvasgit <command> --help' for its flags,")
		fmt.Fprintln(w, "'canvasgit help cli' for flags, exit codes, shell completion and man pages.")
		return
	}
	fmt.Fprintf(w, "usage: %s\n", c.UseLine())
	if c.HasAvailableSubCommands() {
		fmt.Fprintln(w, "\nCommands:")
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() {
				fmt.Fprintf(w, "  %-*s %s\n", sub.NamePadding(), sub.Name(), sub.Short)
			}
		}
	}
	if c.HasAvailableFlags() {
		fmt.Fprintf(w, "\nFlags:\n%s", c.Flags().FlagUsages())
	}
	if c.HasExample() {
		fmt.Fprintf(w, "\nExamples:\n%s\n", strings.TrimRight(c.Example, "\n"))
	}
}

// writeCommandList lists root's commands by group.
func writeCommandList(w io.Writer, root *cobra.Command) {
	for _, g := range root.Groups() {
		fmt.Fprintf(w, "\n%s\n", g.Title)
		for _, c := range root.Commands() {
			if c.GroupID == g.ID && (c.IsAvailableCommand() || c.Name() == "help") {
				fmt.Fprintf(w, "  %-*s %s\n", c.NamePadding(), c.Name(), c.Short)
			}
		}
	}
}

// topics are the pages of docs/ that are no command's manual.
func topics(root *cobra.Command) []string {
	var names []string
	for _, n := range docs.Names() {
		if c, _, err := root.Find([]string{n}); err != nil || c == root {
			names = append(names, n)
		}
	}
	return names
}

func newHelpCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "help [flags] [COMMAND | TOPIC]",
		Short: "show the manual of a command or topic (the pages of docs/, built in)",
		Args:  positionalArgs(0, 1, "one COMMAND or TOPIC"),
		ValidArgsFunction: func(c *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			root := c.Root()
			var names []cobra.Completion
			for _, sub := range root.Commands() {
				if sub.IsAvailableCommand() {
					names = append(names, cobra.CompletionWithDesc(sub.Name(), sub.Short))
				}
			}
			for _, t := range topics(root) {
				names = append(names, cobra.CompletionWithDesc(t, "manual page"))
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			root, out := c.Root(), c.OutOrStdout()
			if len(args) == 0 {
				writeShortHelp(out, root)
				return nil
			}
			if target, _, err := root.Find(args); err == nil && target != root {
				writeManual(out, target)
				return nil
			}
			if slices.Contains(topics(root), args[0]) {
				page, _ := docs.Page(args[0])
				fmt.Fprint(out, docs.Text(page))
				return nil
			}
			return &usageError{c, fmt.Sprintf("no command or manual page named %q", args[0])}
		},
	}
}
