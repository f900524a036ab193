package main

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// longFlagsWithOneDash rewrites "-name" and "-name=value" to "--name..." when name is
// a long flag of the command args run. Before cobra, canvasgit parsed flags with Go's
// flag package, which takes one dash or two; scripts, CI files and hooks written for
// it may say `canvasgit check -cached` or `-format json`, and must keep working.
// pflag alone would read "-cached" as the shorthands -c -a -c ... and fail. Shorthand
// flags (-h, -v) are one letter and never rewritten; values of flags that take one
// are skipped, and "--" ends the flags as it does for pflag.
func longFlagsWithOneDash(root *cobra.Command, args []string) []string {
	cmd, _, err := root.Find(args)
	if err != nil || cmd == nil {
		cmd = root
	}
	cmd.InitDefaultHelpFlag()
	lookup := func(name string) *pflag.Flag {
		if f := cmd.Flags().Lookup(name); f != nil {
			return f
		}
		return cmd.InheritedFlags().Lookup(name)
	}
	out := make([]string, len(args))
	copy(out, args)
	for i := 0; i < len(out); i++ {
		a := out[i]
		if a == "--" {
			break
		}
		if len(a) < 2 || a[0] != '-' {
			continue
		}
		dashes := 1
		if a[1] == '-' {
			dashes = 2
		}
		name, _, hasValue := strings.Cut(a[dashes:], "=")
		if dashes == 1 && len(name) == 1 {
			// A shorthand (-h); none of canvasgit's takes a value.
			continue
		}
		f := lookup(name)
		if f == nil {
			continue // pflag reports it
		}
		if dashes == 1 {
			out[i] = "-" + a
		}
		if !hasValue && f.NoOptDefVal == "" {
			i++ // "--name VALUE": the value is not a flag, whatever it looks like
		}
	}
	return out
}
