// Package jsonmerge is the structure-aware three-way merge of the JSON files of an
// unpacked canvas app (`pac canvas unpack`): objects are merged member by member,
// arrays by the identity of their entries where they have one (Name, Property, …, or
// the string itself) and as ordered sequences otherwise. What an overlap means is data:
// a Policy per kind of file (manifest, connections, entropy, editor state, …).
//
// The output keeps ours' formatting: member order, line endings, BOM, final newline,
// and the exact text of every value it did not have to change (numbers are never
// re-formatted). Conflicts are written with git's markers around whole members or
// entries, so each side's part still reads as JSON, and are reported with their JSON
// path. Input that is not JSON gives an error wrapping ErrFallback: the caller then
// uses the line merge.
//
// See docs/json-merge.md for the rules and the policies.
package jsonmerge

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// Conflict is one overlap: a place both sides changed differently.
type Conflict struct {
	// Path is the JSON path of the value, e.g. $.Properties.AppDescription,
	// $["4f1c…"].connectionRef, $[?(@.Name=="Orders")].DisplayName, $.ScreenOrder.
	Path string
	// StartLine and EndLine are 1-based, inclusive lines of the merged output: the
	// marker lines, or for a resolved conflict the lines of the value kept (EndLine <
	// StartLine when nothing was kept). 0 when the place has no lines of its own (a
	// reorder resolved to one side).
	StartLine, EndLine int
	// Reason says what the two sides did, e.g. "changed on both sides to different
	// values".
	Reason string
	// Resolved is true when no markers were written: the policy's Mode is ModeKeepOurs, or
	// the options asked to favour a side. The kept side is in the output.
	Resolved bool
}

// Result is the merged file, its conflicts and notes.
type Result struct {
	Merged []byte
	// Conflicts lists every overlap, resolved ones included, in document order of
	// discovery.
	Conflicts []Conflict
	// Notes are one-line remarks for the user: ids renumbered, derived values kept.
	Notes []string
}

// Clean reports whether the output has no conflict markers.
func (r Result) Clean() bool {
	for _, c := range r.Conflicts {
		if !c.Resolved {
			return false
		}
	}
	return true
}

// ErrFallback is wrapped by every error of Merge: the structural merge does not apply
// and the caller should use the line merge; the error text says why.
var ErrFallback = errors.New("structural JSON merge not possible; use the line merge")

// MaxInputBytes bounds the three inputs together; beyond it Merge falls back.
var MaxInputBytes = 64 << 20

type fallback struct{ reason string }

func (e *fallback) Error() string        { return e.reason }
func (e *fallback) Is(target error) bool { return target == ErrFallback }

func fallbackf(format string, args ...any) error {
	return &fallback{reason: fmt.Sprintf(format, args...)}
}

// Merge merges ours and theirs against base under a policy. opt gives the marker size,
// labels and conflict style; opt.Favor resolves overlaps to one side like ModeKeepOurs.
// When only one side changed, the result is the other side byte for byte. An empty base
// (add/add) merges the two sides as if both were new.
func Merge(base, ours, theirs []byte, p Policy, opt linemerge.Options) (res Result, err error) {
	if n := len(base) + len(ours) + len(theirs); n > MaxInputBytes {
		return Result{}, fallbackf("inputs too large for the structural JSON merge (%d bytes, limit %d)", n, MaxInputBytes)
	}
	switch {
	case bytes.Equal(ours, theirs), bytes.Equal(base, theirs):
		return Result{Merged: bytes.Clone(ours)}, nil
	case bytes.Equal(base, ours):
		return Result{Merged: bytes.Clone(theirs)}, nil
	}
	defer func() {
		if r := recover(); r != nil {
			le, ok := r.(lazyError)
			if !ok {
				panic(r)
			}
			res, err = Result{}, fallbackf("internal error: %s", le.msg)
		}
	}()
	m := newMerger(p, opt)
	sc := new(scratch)
	// Base is read first, so that each side reads only what it changed; errors are
	// still reported ours first, then theirs, then base.
	var db *doc
	var baseErr error
	if len(bytes.TrimSpace(bytes.TrimPrefix(base, bom))) > 0 {
		db, baseErr = parseBase(sc, base, m.p)
	}
	guideBy := db
	if !guided {
		guideBy = nil
	}
	do, err := parseSide(sc, "ours", ours, true, m.p.idKey, guideBy)
	if err != nil {
		return Result{}, err
	}
	dt, err := parseSide(sc, "theirs", theirs, false, m.p.idKey, guideBy)
	if err != nil {
		return Result{}, err
	}
	if baseErr != nil {
		return Result{}, baseErr
	}
	var broot *node
	if db != nil {
		broot = db.root
	}

	root := m.value(nil, broot, do.root, dt.root)
	m.derivedNotes()
	if root.kind != kConflict {
		root = m.uniqueIDs(root, do.root)
		root = m.uniqueKeyIDs(root, do.root, dt.root)
		root = m.ruleIndexes(root, do.root, dt.root, broot)
	}

	w := &writer{nl: do.nl, indent: do.indent, opt: opt, conflicts: m.records(), scanBudget: rawCopyBudget(len(ours))}
	// About ours' size plus what theirs added: no regrowth (a copy of all written
	// so far, into fresh pages, issue 18); room not written is never touched.
	out := len(ours) + max(len(theirs)-len(base), 0)
	w.buf = make([]byte, 0, out+out/8)
	lead := do.prefix
	if root.kind == kConflict && root.body.conf.pick == sideNone {
		// A conflict marker must start its line: what a side has before its root on
		// that line (a BOM, spaces) goes inside its own side of the conflict.
		lead = lineStarts(do.prefix)
		w.rootLead = [3][]byte{sideOurs: do.prefix[len(lead):], sideTheirs: dt.prefix[len(lineStarts(dt.prefix)):]}
		if db != nil {
			w.rootLead[sideNone] = db.prefix[len(lineStarts(db.prefix)):]
		}
	}
	w.write(lead)
	w.value(root, 0)
	w.write(do.suffix)
	if writerDone != nil {
		writerDone(w)
	}
	res = Result{Merged: w.buf, Conflicts: w.conflicts, Notes: m.notes}
	if err := checkOutput(res, opt.MarkerSize); err != nil {
		return Result{}, err
	}
	return res, nil
}

// lineStarts returns prefix up to and with its last newline: the text before the
// root that ends on a line of its own.
func lineStarts(prefix []byte) []byte {
	return prefix[:bytes.LastIndexByte(prefix, '\n')+1]
}

// guided says whether the sides are read against base (see guide), and base lazily
// (see baseReader); the tests turn it off to compare with full reads.
var guided = true

// lazyMin is the size from which base is read lazily, for the policies that say so
// (lazyBase). A smaller base is read whole:
// its nodes take a few dozen pages at most, and reading it lazily costs a second
// reading of what the merge looks at, which in such files (Entropy.json's flat maps of
// control ids, say) is often all of it. On the replay cases, with the binaries run in
// turns: editor states (median 437 KB) take 0.82 of main's time read lazily, 0.97 read
// whole; Entropy.json (median 37 KB) 1.05 lazily, 0.95 whole.
var lazyMin = 64 << 10

// lazyEvery reads every base lazily, whatever the policy (for the tests).
var lazyEvery = false

// parseBase is parseSide for base: read lazily (see baseReader) from lazyMin bytes
// when the policy says so (lazyBase), unless guided is off.
func parseBase(sc *scratch, data []byte, p *compiled) (*doc, error) {
	if !guided || !(p.lazyBase || lazyEvery) || len(data) < lazyMin {
		return parseSide(sc, "base", data, false, p.idKey, nil)
	}
	d, err := readBase(sc, data, p.idKey)
	if err != nil {
		return nil, fallbackf("base is not valid JSON (%v)", err)
	}
	return d, nil
}

func parseSide(sc *scratch, name string, data []byte, fromOurs bool, idKey map[string]bool, base *doc) (*doc, error) {
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, bom))) == 0 {
		return nil, fallbackf("%s is empty", name)
	}
	d, err := parseDocIn(sc, data, fromOurs, idKey, base)
	if err != nil {
		return nil, fallbackf("%s is not valid JSON (%v)", name, err)
	}
	return d, nil
}

// checkOutput makes sure a result with conflict markers is JSON with every conflict
// resolved to ours and to theirs.
//
// A result without markers (no conflicts, or all resolved by the policy, e.g. entropy's
// keep-ours) is not validated again: the inputs were parsed, and the writer, which
// writes both, is checked instead by the tests, where every such output must be valid
// JSON (FuzzMerge with every policy, TestRandomDisjointEdits, the cases and the corpus
// merges). Validating them cost a seventh of the engine's time on the corpus, and a
// tenth of a SARIF or Entropy.json merge (issue 18).
func checkOutput(res Result, markerSize int) error {
	if res.Clean() {
		return nil
	}
	for _, keep := range []byte{'<', '>'} {
		if !json.Valid(bytes.TrimPrefix(linemerge.ResolveMarkers(res.Merged, markerSize, keep), bom)) {
			return fallbackf("internal error: the structural JSON merge produced conflict regions that are not JSON when resolved")
		}
	}
	return nil
}
