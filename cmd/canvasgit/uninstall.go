package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/canvasgit/canvasgit/gitsetup"
)

func init() { register(newUninstallCmd) }

// uninstallFlags are the flags of canvasgit uninstall.
type uninstallFlags struct {
	scopes            scopeFlags
	attributes, hooks bool
}

func newUninstallCmd(stdout, stderr io.Writer) *cobra.Command {
	var f uninstallFlags
	cmd := withManual(&cobra.Command{
		Use:     "uninstall [flags]",
		Short:   "remove canvasgit's git config entries (and attribute lines, hooks)",
		GroupID: "setup",
		Args:    positionalArgs(0, 0, ""),
		Example: `  # in the repository: remove what install --attributes --hooks wrote
  canvasgit uninstall --attributes --hooks

  # remove the driver from the user's config
  canvasgit uninstall --global`,
		RunE: func(_ *cobra.Command, _ []string) error {
			return exitWith(runUninstall(f, stdout, stderr))
		},
	})
	fl := cmd.Flags()
	f.scopes = addScopeFlags(fl, "clean")
	fl.BoolVar(&f.attributes, "attributes", false, "also remove canvasgit's lines from the repository's .gitattributes (info/attributes in a bare repository)")
	fl.BoolVar(&f.hooks, "hooks", false, "also remove canvasgit's block from the repository's post-merge and pre-commit hooks")
	return cmd
}

func runUninstall(f uninstallFlags, stdout, stderr io.Writer) int {
	scope, err := f.scopes.scope()
	if err != nil {
		fmt.Fprintf(stderr, "canvasgit uninstall: %v\n", err)
		return exitUsage
	}
	g := &gitsetup.Git{}
	ver, err := g.Version()
	if err != nil {
		fmt.Fprintf(stderr, "canvasgit uninstall: cannot run git: %v\n", err)
		return exitConflict
	}
	inRepo := g.InRepository()
	if scope == gitsetup.ScopeLocal && !inRepo {
		fmt.Fprintln(stderr, "canvasgit uninstall: not inside a git repository: --local (the default) cleans the repository's config; run it inside a repository, or use --global")
		return exitUsage
	}
	if f.attributes && !inRepo {
		fmt.Fprintln(stderr, "canvasgit uninstall: not inside a git repository: --attributes cleans the repository's .gitattributes; run it inside a repository")
		return exitUsage
	}
	if f.hooks && !inRepo {
		fmt.Fprintln(stderr, "canvasgit uninstall: not inside a git repository: --hooks cleans the repository's hooks; run it inside a repository")
		return exitUsage
	}

	changes, err := gitsetup.Uninstall(g, ver, scope)
	for _, c := range changes {
		fmt.Fprintln(stdout, c)
	}
	if err != nil {
		fmt.Fprintf(stderr, "canvasgit uninstall: %v\n", err)
		return exitConflict
	}
	if len(changes) == 0 {
		fmt.Fprintf(stdout, "nothing of canvasgit's in %s config\n", scope)
	}

	if f.attributes {
		res, err := gitsetup.UninstallAttributes(g)
		if err != nil {
			fmt.Fprintf(stderr, "canvasgit uninstall: attributes: %v\n", err)
			return exitConflict
		}
		name := displayPath(res.File.Path)
		switch {
		case res.Removed == 0:
			fmt.Fprintf(stdout, "no canvasgit lines in %s\n", name)
		case res.Deleted:
			fmt.Fprintf(stdout, "removed %d canvasgit lines and deleted %s (nothing else was in it)\n", res.Removed, name)
		default:
			fmt.Fprintf(stdout, "removed %d canvasgit lines from %s\n", res.Removed, name)
		}
	}
	if f.hooks {
		return uninstallHooks(g, stdout, stderr)
	}
	return exitOK
}

// --- uninstall --hooks --------------------------------------------------------------

// uninstallHooks removes canvasgit's block from the post-merge and pre-commit hooks and
// nothing else.
func uninstallHooks(g *gitsetup.Git, stdout, stderr io.Writer) int {
	results, err := gitsetup.UninstallHooks(g)
	if errors.Is(err, gitsetup.ErrBareRepository) {
		fmt.Fprintf(stderr, "canvasgit uninstall: --hooks: %v\n", err)
		return exitUsage
	}
	for _, r := range results {
		switch r.Action {
		case gitsetup.HookDeleted:
			fmt.Fprintf(stdout, "deleted the %s hook %s (it held only canvasgit's block)\n", r.Hook, displayPath(r.Path))
		case gitsetup.HookRemoved:
			fmt.Fprintf(stdout, "removed canvasgit's block from the %s hook %s (the rest of the hook is kept)\n", r.Hook, displayPath(r.Path))
		default:
			fmt.Fprintf(stdout, "no canvasgit block in the %s hook\n", r.Hook)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "canvasgit uninstall: hooks: %v\n", err)
		return exitConflict
	}
	return exitOK
}
