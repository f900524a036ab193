package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/canvasgit/canvasgit/gitsetup"
)

// printInstallNextSteps ends an install by saying what is still undone: what the team
// must commit, that every clone needs its own install (git config is never committed),
// and the optional hooks. Nothing is listed that the install already did.
func printInstallNextSteps(w io.Writer, g *gitsetup.Git, scope gitsetup.Scope, attrs *gitsetup.AttributesResult, hooksDone, inRepo bool) {
	var steps []string
	bare := false
	if inRepo {
		bare, _ = g.IsBare()
	}
	switch {
	case attrs != nil && attrs.File.Bare:
		steps = append(steps, "This bare repository reads its own info/attributes, which is not committed: `git merge-tree --write-tree` here now merges canvas sources with canvasgit. Clones of it still need the lines in their .gitattributes.")
	case attrs != nil:
		if toCommit, err := gitsetup.AttributesToCommit(g, attrs.File); err == nil && toCommit {
			name := displayPath(attrs.File.Path)
			if filepath.IsAbs(name) {
				name = ":/.gitattributes" // git's pathspec for the top of the work tree
			}
			steps = append(steps, fmt.Sprintf("Commit %s, so that every clone and branch routes canvas app files to canvasgit:\n"+
				"       git add %s\n"+
				"       git commit -m \"Merge Power Apps canvas sources with canvasgit\"", name, name))
		}
	case scope == gitsetup.ScopeLocal:
		steps = append(steps, "No attributes were written (--attributes=false): git runs canvasgit only for files that .gitattributes marks merge=canvasgit. `canvasgit doctor` shows which files do.")
	default:
		steps = append(steps, fmt.Sprintf("The %s config applies to all your repositories, but attributes are per repository: in each repository, run `canvasgit install` there (it writes .gitattributes), or commit canvasgit's .gitattributes lines once for the team.", scope))
	}
	if scope == gitsetup.ScopeLocal && !bare {
		steps = append(steps, "Every teammate installs canvasgit and runs `canvasgit install` once in their own clone: git config is not committed, and without it git merges these files with its own line merge.")
	}
	if inRepo && !bare && !hooksDone {
		hooksDone, _ = gitsetup.HooksInstalled(g)
	}
	if inRepo && !bare && !hooksDone {
		steps = append(steps, "Optional: `canvasgit install --hooks` checks the apps before each commit and after each merge.")
	}
	fmt.Fprintln(w, "\nNext:")
	for i, s := range steps {
		fmt.Fprintf(w, "  %d. %s\n", i+1, s)
	}
	fmt.Fprintln(w, "`canvasgit doctor` shows what git will do with each kind of file.")
}

// printUninstallNextSteps says what an uninstall could not undo by itself: a removal
// from the committed .gitattributes reaches the team only once committed (and a
// teammate who keeps canvasgit may prefer to restore it), and other clones and scopes
// keep their own config.
func printUninstallNextSteps(w io.Writer, g *gitsetup.Git, scope gitsetup.Scope, attrs *gitsetup.AttributesResult, inRepo bool) {
	var steps []string
	if attrs != nil && attrs.Removed > 0 {
		if toCommit, err := gitsetup.AttributesToCommit(g, attrs.File); err == nil && toCommit {
			name := displayPath(attrs.File.Path)
			if filepath.IsAbs(name) {
				name = ":/.gitattributes"
			}
			steps = append(steps, fmt.Sprintf("The change to %s is not committed. To stop routing files to canvasgit for the whole team, commit it:\n"+
				"       git commit -m \"Stop merging canvas sources with canvasgit\" -- %s\n"+
				"     To keep it for your teammates and only remove canvasgit from this clone, restore it:\n"+
				"       git checkout HEAD -- %s", name, name, name))
		}
	}
	if scope == gitsetup.ScopeLocal {
		steps = append(steps, "Other clones keep their own config: each one runs `canvasgit uninstall`. A `canvasgit install --global` is undone with `canvasgit uninstall --global`.")
	} else if inRepo {
		steps = append(steps, fmt.Sprintf("Only the %s config was cleaned: this repository's own config, .gitattributes lines and hooks stay; `canvasgit uninstall` in the repository removes them.", scope))
	}
	if len(steps) == 0 {
		return
	}
	fmt.Fprintln(w, "\nNext:")
	for i, s := range steps {
		fmt.Fprintf(w, "  %d. %s\n", i+1, s)
	}
}
