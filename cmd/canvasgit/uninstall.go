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
	attributes := fs.Bool("attributes", false, "remove canvasgit's lines from the repository's .gitattributes (info/attributes in a bare repository); the default with --local, --attributes=false keeps them")
	hooks := fs.Bool("hooks", false, "remove canvasgit's block from the repository's post-merge and pre-commit hooks; the default with --local, --hooks=false keeps them")
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

	// --local (the default) undoes everything install did in this repository; the
	// other scopes clean their config file, and the repository only when asked.
	local := scope == gitsetup.ScopeLocal
	cleanAttributes := *attributes || (local && !flagGiven(fs, "attributes"))
	cleanHooks := *hooks || (local && !flagGiven(fs, "hooks") && !isBare(g))

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
