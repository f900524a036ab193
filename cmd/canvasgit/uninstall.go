package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/canvasgit/canvasgit/gitsetup"
)

func init() {
	register("uninstall", "remove canvasgit's git config entries (and attribute lines, hooks)", runUninstall)
}

func runUninstall(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("uninstall", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: canvasgit uninstall [--local|--global|--system] [--attributes] [--hooks]")
		fs.PrintDefaults()
	}
	scopes := addScopeFlags(fs, "clean")
	attributes := fs.Bool("attributes", false, "also remove canvasgit's lines from the repository's .gitattributes (info/attributes in a bare repository)")
	hooks := fs.Bool("hooks", false, "also remove canvasgit's block from the repository's post-merge and pre-commit hooks")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "canvasgit uninstall: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitUsage
	}
	scope, err := scopes.scope()
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
	if *attributes && !inRepo {
		fmt.Fprintln(stderr, "canvasgit uninstall: not inside a git repository: --attributes cleans the repository's .gitattributes; run it inside a repository")
		return exitUsage
	}
	if *hooks && !inRepo {
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

	if *attributes {
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
	if *hooks {
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
