package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/canvasgit/canvasgit/gitsetup"
)

// uninstallFlags are the flags of canvasgit uninstall.
type uninstallFlags struct {
	scopes            scopeFlags
	attributes, hooks bool
	// set: the flag was given (either value); without it --local cleans them too.
	attributesSet, hooksSet bool
}

func newUninstallCmd(stdout, stderr io.Writer) *cobra.Command {
	var f uninstallFlags
	cmd := withManual(&cobra.Command{
		Use:     "uninstall [flags]",
		Short:   "remove canvasgit's git config entries (and attribute lines, hooks)",
		GroupID: "setup",
		Args:    positionalArgs(0, 0, ""),
		Example: `  # in the repository: remove everything install wrote (config, attribute lines, hooks, diff cache)
  canvasgit uninstall

  # remove the driver from the user's config
  canvasgit uninstall --global`,
		RunE: func(c *cobra.Command, _ []string) error {
			f.attributesSet = c.Flags().Changed("attributes")
			f.hooksSet = c.Flags().Changed("hooks")
			return exitWith(runUninstall(f, stdout, stderr))
		},
	})
	fl := cmd.Flags()
	f.scopes = addScopeFlags(fl, "clean")
	fl.BoolVar(&f.attributes, "attributes", false, "remove canvasgit's lines from the repository's .gitattributes (info/attributes in a bare repository); the default with --local, --attributes=false keeps them")
	fl.BoolVar(&f.hooks, "hooks", false, "remove canvasgit's block from the repository's post-merge and pre-commit hooks; the default with --local, --hooks=false keeps them")
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

	// --local (the default) undoes everything install did in this repository; the
	// other scopes clean their config file, and the repository only when asked.
	local := scope == gitsetup.ScopeLocal
	cleanAttributes := f.attributes || (local && !f.attributesSet)
	cleanHooks := f.hooks || (local && !f.hooksSet && !isBare(g))

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

	var attrs *gitsetup.AttributesResult
	if cleanAttributes {
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
		attrs = &res
	}
	if cleanHooks {
		if code := uninstallHooks(g, stdout, stderr); code != exitOK {
			return code
		}
	}
	if local {
		removed, err := gitsetup.RemoveTextconvCache(g)
		if err != nil {
			fmt.Fprintf(stderr, "canvasgit uninstall: textconv cache: %v\n", err)
			return exitConflict
		}
		if removed {
			fmt.Fprintf(stdout, "deleted git's cache of .msapp renderings (%s)\n", gitsetup.TextconvCacheRef)
		}
	}
	printUninstallNextSteps(stdout, g, scope, attrs, inRepo)
	return exitOK
}

// isBare reports whether the current repository is bare; hooks never run there.
func isBare(g *gitsetup.Git) bool {
	bare, err := g.IsBare()
	return err == nil && bare
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
