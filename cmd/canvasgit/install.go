package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/canvasgit/canvasgit/gitsetup"
)

// installFlags are the flags of canvasgit install.
type installFlags struct {
	scopes                   scopeFlags
	force, attributes, hooks bool
	// attributesSet: --attributes was given (either value); without it --local writes them.
	attributesSet bool
}

func newInstallCmd(stdout, stderr io.Writer) *cobra.Command {
	var f installFlags
	cmd := withManual(&cobra.Command{
		Use:     "install [flags]",
		Short:   "configure git to run canvasgit (merge driver, hunk headers, attributes, hooks)",
		GroupID: "setup",
		Args:    positionalArgs(0, 0, ""),
		Example: `  # in the repository: the driver and the .gitattributes lines (commit .gitattributes)
  canvasgit install

  # also the pre-commit and post-merge hooks
  canvasgit install --hooks

  # the driver for every repository of this user (each still needs its .gitattributes)
  canvasgit install --global`,
		RunE: func(c *cobra.Command, _ []string) error {
			f.attributesSet = c.Flags().Changed("attributes")
			return exitWith(runInstall(f, stdout, stderr))
		},
	})
	fl := cmd.Flags()
	f.scopes = addScopeFlags(fl, "write")
	fl.BoolVar(&f.force, "force", false, "overwrite config values canvasgit did not write")
	fl.BoolVar(&f.attributes, "attributes", false, "append canvasgit's lines to the repository's .gitattributes (info/attributes in a bare repository); the default with --local, --attributes=false skips it")
	fl.BoolVar(&f.hooks, "hooks", false, "also add canvasgit's post-merge and pre-commit hooks to the repository (kept beside existing hooks)")
	return cmd
}

func runInstall(f installFlags, stdout, stderr io.Writer) int {
	scope, err := f.scopes.scope()
	if err != nil {
		fmt.Fprintf(stderr, "canvasgit install: %v\n", err)
		return exitUsage
	}
	g := &gitsetup.Git{}
	ver, err := g.Version()
	if err != nil {
		fmt.Fprintf(stderr, "canvasgit install: cannot run git: %v\n", err)
		return exitConflict
	}
	inRepo := g.InRepository()
	if scope == gitsetup.ScopeLocal && !inRepo {
		fmt.Fprintln(stderr, "canvasgit install: not inside a git repository: --local (the default) writes the repository's config; run it inside a repository, or use --global")
		return exitUsage
	}
	writeAttributes := f.attributes || (scope == gitsetup.ScopeLocal && !f.attributesSet)
	if f.attributes && !inRepo {
		fmt.Fprintln(stderr, "canvasgit install: not inside a git repository: --attributes writes the repository's .gitattributes; run it inside a repository")
		return exitUsage
	}
	if f.hooks && !inRepo {
		fmt.Fprintln(stderr, "canvasgit install: not inside a git repository: --hooks writes the repository's hooks; run it inside a repository")
		return exitUsage
	}

	changes, err := gitsetup.Install(g, ver, scope, f.force)
	var refused *gitsetup.RefusedError
	if errors.As(err, &refused) {
		for _, c := range refused.Refused {
			fmt.Fprintln(stdout, c)
		}
		fmt.Fprintln(stderr, "canvasgit install: nothing was changed: the values above were not written by canvasgit; run again with --force to overwrite them")
		return exitConflict
	}
	for _, c := range changes {
		fmt.Fprintln(stdout, c)
	}
	if err != nil {
		fmt.Fprintf(stderr, "canvasgit install: %v\n", err)
		return exitConflict
	}

	var attrs *gitsetup.AttributesResult
	if writeAttributes {
		res, err := gitsetup.InstallAttributes(g)
		if err != nil {
			fmt.Fprintf(stderr, "canvasgit install: attributes: %v\n", err)
			return exitConflict
		}
		name := displayPath(res.File.Path)
		why := ""
		if res.File.Bare {
			why = " (bare repository: git ignores in-tree .gitattributes, it reads info/attributes)"
		}
		switch {
		case len(res.Added) == 0:
			fmt.Fprintf(stdout, "kept %s: it has every canvasgit line%s\n", name, why)
		case res.Created:
			fmt.Fprintf(stdout, "created %s with %d canvasgit lines%s\n", name, len(res.Added), why)
		default:
			fmt.Fprintf(stdout, "appended %d canvasgit lines to %s%s\n", len(res.Added), name, why)
		}
		attrs = &res
	}
	if f.hooks {
		if code := installHooks(g, stdout, stderr); code != exitOK {
			return code
		}
	}
	printInstallNextSteps(stdout, g, scope, attrs, f.hooks, inRepo)
	return exitOK
}

// --- install --hooks ----------------------------------------------------------------

// installHooks adds canvasgit's block to the post-merge and pre-commit hooks (see
// docs/check.md) and reports what it did to each file.
func installHooks(g *gitsetup.Git, stdout, stderr io.Writer) int {
	results, err := gitsetup.InstallHooks(g)
	var refused *gitsetup.RefusedHooksError
	switch {
	case errors.Is(err, gitsetup.ErrBareRepository):
		fmt.Fprintf(stderr, "canvasgit install: --hooks: %v\n", err)
		return exitUsage
	case errors.As(err, &refused):
		for _, r := range refused.Results {
			if r.Action == gitsetup.HookRefused {
				fmt.Fprintf(stderr, "canvasgit install: cannot add canvasgit's block to %s: %s\n", displayPath(r.Path), r.Reason)
			}
		}
		fmt.Fprintln(stderr, "canvasgit install: no hook was changed")
		return exitConflict
	case err != nil:
		fmt.Fprintf(stderr, "canvasgit install: hooks: %v\n", err)
		return exitConflict
	}
	for _, r := range results {
		switch r.Action {
		case gitsetup.HookCreated:
			fmt.Fprintf(stdout, "created %s hook %s\n", r.Hook, displayPath(r.Path))
		case gitsetup.HookAdded:
			fmt.Fprintf(stdout, "added canvasgit's block to the %s hook %s (the rest of the hook is kept)\n", r.Hook, displayPath(r.Path))
		case gitsetup.HookUpdated:
			fmt.Fprintf(stdout, "updated canvasgit's block in the %s hook %s\n", r.Hook, displayPath(r.Path))
		default:
			fmt.Fprintf(stdout, "kept the %s hook %s: it has canvasgit's block\n", r.Hook, displayPath(r.Path))
		}
	}
	return exitOK
}

// scopeFlags are --local, --global and --system, shared by install and uninstall.
type scopeFlags struct {
	local, global, system *bool
}

func addScopeFlags(fs *pflag.FlagSet, verb string) scopeFlags {
	return scopeFlags{
		local:  fs.Bool("local", false, verb+" the repository's config (.git/config); the default"),
		global: fs.Bool("global", false, verb+" your user config (~/.gitconfig)"),
		system: fs.Bool("system", false, verb+" the system config (needs administrator rights)"),
	}
}

func (s scopeFlags) scope() (gitsetup.Scope, error) {
	var set []gitsetup.Scope
	if *s.local {
		set = append(set, gitsetup.ScopeLocal)
	}
	if *s.global {
		set = append(set, gitsetup.ScopeGlobal)
	}
	if *s.system {
		set = append(set, gitsetup.ScopeSystem)
	}
	switch len(set) {
	case 0:
		return gitsetup.ScopeLocal, nil
	case 1:
		return set[0], nil
	}
	names := make([]string, len(set))
	for i, sc := range set {
		names[i] = "--" + string(sc)
	}
	return "", fmt.Errorf("choose one of %s", strings.Join(names, ", "))
}

// displayPath shows p relative to the current directory when it is inside it.
func displayPath(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	dirs := []string{wd}
	if real, err := filepath.EvalSymlinks(wd); err == nil && real != wd {
		dirs = append(dirs, real) // git prints resolved paths
	}
	for _, dir := range dirs {
		rel, err := filepath.Rel(dir, p)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return rel
		}
	}
	return p
}
