// Package gate answers, from the repository's objects alone, "is merging SOURCE into
// TARGET safe?" for Power Apps canvas app sources. It performs the tree-level
// three-way merge itself (merge bases, renames, adds, deletes, modes), merges every
// file changed on both sides with the canvasgit merge engine (package merge, the
// engine the merge driver runs), and reports per file and per canvas app why a merge
// is or is not safe. It needs no worktree and no git binary, and writes nothing.
package gate

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/canvasgit/canvasgit/internal/gitobj"

	"github.com/canvasgit/canvasgit/merge"
)

// Options says what to merge and how.
type Options struct {
	// Target is the branch merged into; Source the branch being merged. Any revision
	// the gate resolves (Repo.Resolve): branch, origin/main, tag, commit id, HEAD~1.
	Target, Source string
	// TargetLabel and SourceLabel name the sides in reports and conflict markers;
	// empty means the revision as given.
	TargetLabel, SourceLabel string
	// Settings are the merge driver's user settings (canvasgit.checksum).
	Settings merge.Settings
	// Checks run on each app's merged tree when no file conflicts (see Checker).
	Checks []Checker
	// KeepContent keeps the merged bytes of every file in the report (File.Content),
	// for tests and tools that compare results.
	KeepContent bool
	// Progress, when set, is told how the merge advances, for a progress display:
	// stage "merge base" once (total 0) before the history walk, then stage "files"
	// after each path that changed on either side (done of total).
	Progress func(stage string, done, total int)
}

// UndecidedError is a merge the gate could not judge: bad revisions, missing objects,
// a shallow history without the merge base, unrelated histories. Hint tells the user
// what to do.
type UndecidedError struct {
	Msg  string
	Hint string
	Err  error
}

func (e *UndecidedError) Error() string { return e.Msg }
func (e *UndecidedError) Unwrap() error { return e.Err }

// Run merges SOURCE into TARGET in memory and reports the outcome. Any error means
// the gate could not decide (exit 2); a Report means it did.
func Run(r *Repo, opts Options) (rep *Report, err error) {
	defer func() {
		if p := recover(); p != nil {
			rep = nil
			err = &UndecidedError{Msg: fmt.Sprintf("internal error: %v", p),
				Hint: "please report this with the stack below\n" + string(debug.Stack())}
		}
	}()
	if opts.TargetLabel == "" {
		opts.TargetLabel = opts.Target
	}
	if opts.SourceLabel == "" {
		opts.SourceLabel = opts.Source
	}
	th, err := resolve(r, "TARGET", opts.Target)
	if err != nil {
		return nil, err
	}
	sh, err := resolve(r, "SOURCE", opts.Source)
	if err != nil {
		return nil, err
	}
	shallow, err := r.Shallow()
	if err != nil {
		return nil, &UndecidedError{Msg: fmt.Sprintf("cannot read the shallow-clone list: %v", err), Err: err}
	}
	objects := r.objects()
	m := &merger{
		s:        newStore(objects),
		g:        newGraph(objects, shallow),
		settings: opts.Settings,
		labels:   [3]string{"base", opts.TargetLabel, opts.SourceLabel},
		spans:    map[gitobj.ID]spanCounts{},
		checks:   opts.Checks,
		progress: opts.Progress,
	}
	target, err := m.g.commit(th)
	if err != nil {
		return nil, undecided(err, "TARGET "+opts.Target)
	}
	source, err := m.g.commit(sh)
	if err != nil {
		return nil, undecided(err, "SOURCE "+opts.Source)
	}

	m.advance("merge base", 0, 0)
	baseTree, bases, err := m.mergeBaseTree(target, source, 0)
	if err != nil {
		if errors.Is(err, ErrIncompleteHistory) {
			return nil, shallowError(m.g, target, source, opts, len(shallow) > 0)
		}
		var u *UndecidedError
		if errors.As(err, &u) {
			return nil, u
		}
		return nil, undecided(err, "the merge")
	}
	tm, err := m.mergeTrees(baseTree, target.tree, source.tree, 0)
	if err != nil {
		return nil, undecided(err, "the merge")
	}
	rep, err = m.report(tm, opts, target, source, bases, baseTree)
	if err != nil {
		return nil, undecided(err, "the report")
	}
	return rep, nil
}

func resolve(r *Repo, which, rev string) (gitobj.ID, error) {
	h, err := r.Resolve(rev)
	if err != nil {
		return h, &UndecidedError{
			Msg: fmt.Sprintf("%s %q: cannot resolve it to a commit: %v", which, rev, err),
			Hint: "give a branch, a remote branch (origin/main), a tag or a commit id that exists in this clone; " +
				"in CI fetch both branches first (actions/checkout with fetch-depth: 0, or git fetch origin <branch>)",
			Err: err,
		}
	}
	return h, nil
}

func undecided(err error, what string) error {
	var u *UndecidedError
	if errors.As(err, &u) {
		return u // already says what and why (a file too large to check)
	}
	var m *MissingObjectError
	if errors.As(err, &m) {
		return &UndecidedError{
			Msg:  fmt.Sprintf("%s: %v", what, err),
			Hint: "the clone lacks objects the merge needs: fetch the full history (git fetch --unshallow, or actions/checkout with fetch-depth: 0) and do not use a partial clone (--filter)",
			Err:  err,
		}
	}
	return &UndecidedError{Msg: fmt.Sprintf("%s: %v", what, err), Err: err}
}

// shallowError explains that the merge base is beyond the edge of a shallow clone.
func shallowError(g *graph, target, source *commitNode, opts Options, shallow bool) error {
	depth := max(g.depthToCut(target), g.depthToCut(source))
	suggest := max(50, 2*depth)
	msg := fmt.Sprintf("the history is incomplete: the merge base of %s and %s is not in this clone", opts.TargetLabel, opts.SourceLabel)
	if shallow {
		msg = fmt.Sprintf("this is a shallow clone and its history (about %d commits deep) does not reach the merge base of %s and %s", depth, opts.TargetLabel, opts.SourceLabel)
	}
	hint := strings.Join([]string{
		fmt.Sprintf("fetch more history and run the gate again: git fetch --deepen=%d (repeat while this message comes back), or git fetch --unshallow", suggest),
		"GitHub Actions: actions/checkout with fetch-depth: 0",
		"Azure Pipelines: a checkout step with fetchDepth: 0 (new pipelines fetch shallow by default)",
	}, "\n")
	return &UndecidedError{Msg: msg, Hint: hint, Err: ErrIncompleteHistory}
}

// mergeBaseTree returns the tree to use as the merge base of a and b, and the merge
// bases themselves. With several merge bases (criss-cross history) the bases are
// merged first, pairwise and recursively, into a virtual base, as git does; conflicts
// inside that inner merge keep their (longer) markers.
func (m *merger) mergeBaseTree(a, b *commitNode, depth int) (gitobj.ID, []*commitNode, error) {
	bases, err := m.g.mergeBases(a, b)
	if err != nil {
		return gitobj.ZeroID, nil, err
	}
	if len(bases) == 0 {
		if depth == 0 {
			return gitobj.ZeroID, nil, &UndecidedError{
				Msg:  "TARGET and SOURCE have no common history (unrelated histories)",
				Hint: "git refuses such a merge without --allow-unrelated-histories; check the branch names",
			}
		}
		return emptyTree, nil, nil
	}
	// git merges the oldest base first.
	rev := make([]*commitNode, len(bases))
	for i, c := range bases {
		rev[len(bases)-1-i] = c
	}
	merged := rev[0]
	for _, next := range rev[1:] {
		inner, _, err := m.mergeBaseTree(merged, next, depth+1)
		if err != nil {
			return gitobj.ZeroID, nil, err
		}
		tm, err := m.mergeTrees(inner, merged.tree, next.tree, depth+1)
		if err != nil {
			return gitobj.ZeroID, nil, err
		}
		tree, err := m.resultTree(merged.tree, tm)
		if err != nil {
			return gitobj.ZeroID, nil, err
		}
		merged = &commitNode{tree: tree, parents: []*commitNode{merged, next}, loaded: true}
	}
	return merged.tree, bases, nil
}
