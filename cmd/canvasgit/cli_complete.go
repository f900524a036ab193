package main

import (
	"github.com/spf13/cobra"

	"github.com/canvasgit/canvasgit/gitsetup"
)

// Shell completion (`canvasgit completion bash|zsh|fish|powershell`) is cobra's; these
// tell it what the values of flags and arguments can be.

// completeValues completes the flag name of cmd with a fixed list of values.
func completeValues(cmd *cobra.Command, name string, values ...string) {
	// The error is for an unknown flag name: a bug that the help test catches.
	_ = cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
}

// completeDirs completes the flag name of cmd with folders.
func completeDirs(cmd *cobra.Command, name string) {
	_ = cmd.RegisterFlagCompletionFunc(name, func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveFilterDirs
	})
}

// completeRevisions completes with the branches and tags of the repository of --repo
// (nothing outside one), for gate's TARGET and SOURCE and check's --rev and --touched.
func completeRevisions(cmd *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if cmd.Name() == "gate" && len(args) >= 2 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	repo, err := cmd.Flags().GetString("repo")
	if err != nil || repo == "" {
		repo = "."
	}
	return gitsetup.RefNames(repo), cobra.ShellCompDirectiveNoFileComp
}
