package merge

import (
	"fmt"
	"strings"

	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// FinishSteps are the commands that finish a merge canvasgit could not finish for a
// file, one line each, with the file's real path: keep our side, keep theirs, or edit
// the file and add it. git's own "CONFLICT (content)" line does not say them, and the
// obvious `git mergetool` works on git's raw stages and drops canvasgit's result (see
// docs/merge.md). Empty for a clean merge.
//
// `git checkout --ours/--theirs -- PATH` takes that side's whole file from the index
// stages git keeps for a conflict, so the other side's changes to the file are gone,
// including those canvasgit had merged: right for a refused protected file (its rule
// says to pick one side's file), a last resort for an ordinary conflict, where editing
// the markers out of canvasgit's result keeps everything that merged.
func FinishSteps(path string, status Status, opts linemerge.Options) []string {
	if status == Clean {
		return nil
	}
	p := shellQuote(path)
	ours := sideName(opts.OursLabel, "ours")
	theirs := sideName(opts.TheirsLabel, "theirs")
	keepOurs := fmt.Sprintf("git checkout --ours -- %s && git add %s", p, p)
	keepTheirs := fmt.Sprintf("git checkout --theirs -- %s && git add %s", p, p)
	edit := fmt.Sprintf("edit %s until it holds the result you want (no conflict markers), then: git add %s", p, p)
	var steps []string
	if status == Refused {
		steps = []string{
			fmt.Sprintf("%s: to finish, keep one side's whole file:", path),
			fmt.Sprintf("  keep %s: %s", ours, keepOurs),
			fmt.Sprintf("  keep %s: %s", theirs, keepTheirs),
			"  or " + edit,
		}
	} else {
		steps = []string{
			fmt.Sprintf("%s: to finish, %s", path, edit),
			fmt.Sprintf("  or keep the whole file of %s, dropping every change from %s (merged ones too): %s", ours, theirs, keepOurs),
			fmt.Sprintf("  or keep the whole file of %s, dropping every change from %s (merged ones too): %s", theirs, ours, keepTheirs),
		}
	}
	return append(steps, "  then, once every file is added: git commit (git rebase --continue or git cherry-pick --continue when those stopped)")
}

// sideName is a side's conflict label as the user sees it after the markers, or the
// generic name when git passed none.
func sideName(label, generic string) string {
	if label == "" || label == generic {
		return generic
	}
	return fmt.Sprintf("%s (%s)", generic, label)
}

// shellQuote quotes a path for sh, Git Bash and PowerShell alike when it holds
// anything but plain path characters: single quotes, with an embedded one written the
// sh way.
func shellQuote(s string) string {
	plain := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+@%,:=", r)) {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
