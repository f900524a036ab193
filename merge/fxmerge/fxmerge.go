// Package fxmerge is the structure-aware three-way merge of `.fx.yaml` files (the
// control trees written by `pac canvas unpack`). Controls are matched by name (names
// are unique across an app, so a control moved to another parent is still the same
// control), properties by name, component functions by name. Conflicts are written
// with git's markers around whole properties or whole control blocks, so the file still
// reads as `.fx.yaml` around them. Input it cannot handle (does not parse, holds
// conflict markers, needs more work than WorkLimit) gives an error wrapping ErrFallback: the caller
// then uses the line merge.
//
// See docs/fxyaml-merge.md for the rules, in particular how ZIndex is merged.
package fxmerge

import (
	"bytes"
	"errors"
	"strings"

	"github.com/canvasgit/canvasgit/merge/internal/structural"
	"github.com/canvasgit/canvasgit/merge/linemerge"
	"github.com/canvasgit/canvasgit/source/fxyaml"
)

// Options are the line merge's options: marker size, conflict style, labels, favor.
type Options = linemerge.Options

// Conflict is one conflicting region of the merged file.
type Conflict struct {
	// StartLine and EndLine are 1-based, inclusive line numbers in Result.Merged: the
	// marker lines, or with Favor set the lines of the side that was kept (EndLine <
	// StartLine when that side was empty).
	StartLine, EndLine int
	// ControlPath names the control, e.g. "Screen1 > Gallery1 > Button1".
	ControlPath string
	// Property is the property (or "Name()" for a component function) in conflict;
	// "" when the whole control block is.
	Property string
	// Reason says what both sides did.
	Reason string
}

// Result is the merged file and its conflicts (none means a clean merge).
type Result struct {
	Merged    []byte
	Conflicts []Conflict
}

// ErrFallback is wrapped by every error of Merge: the structural merge does not apply
// and the caller should use the line merge; the error text says why.
var ErrFallback = errors.New("structural .fx.yaml merge not possible; use the line merge")

// Limits of the structural merge; beyond them Merge falls back. Both depend on the
// inputs only, never on time (see work.go), so a merge gives the same result on every
// machine and under any load.
var (
	// MaxInputBytes bounds the three inputs together.
	MaxInputBytes = 64 << 20
	// WorkLimit bounds the steps of work of one merge (work.go says what a step is):
	// 2^30; the corpus's largest merge, a 2,576-line OnStart changed on both sides,
	// counts 1.3·10^7.
	WorkLimit int64 = 1 << 30
)

// fallbackf makes an error wrapping ErrFallback whose text is the reason alone.
func fallbackf(format string, args ...any) error {
	return structural.Fallback(ErrFallback, format, args...)
}

// Merge merges ours and theirs against base. It returns an error wrapping ErrFallback
// (errors.Is(err, ErrFallback)) when the line merge should be used instead.
func Merge(base, ours, theirs []byte, opt Options) (Result, error) {
	res, _, err := mergeCounted(base, ours, theirs, opt, WorkLimit)
	return res, err
}

// Fast is the fast path alone (fast.go): ok when it applies, and then merged is what
// Merge returns, clean. A merge the fast path takes holds no conflict markers in any
// input (see mergePath), so a caller may try it before its own check for markers.
func Fast(base, ours, theirs []byte) (merged []byte, ok bool) {
	parts, ok := FastParts(base, ours, theirs, nil)
	if !ok {
		return nil, false
	}
	return pieces(parts).join(), true
}

// FastParts is Fast with the result as the pieces it is made of, in order: slices of
// the inputs, mostly, and of the few lines the merge rewrote. Their concatenation is
// what Fast returns; a caller that writes the result writes them one after the other,
// and never holds a copy of it whole.
//
// When release is not nil, FastParts calls it with ours, and then with theirs, once it
// has read the side through to find the lines it changed: from there on the merge
// reads little of it (those lines, and what the pieces hold of it), the caller's cue
// to let the system take back the memory that holds the rest (see merge.Input.Release).
// FastParts never writes to its inputs.
func FastParts(base, ours, theirs []byte, release func([]byte)) (parts [][]byte, ok bool) {
	defer func() {
		if recover() != nil { // Merge falls back on the same panic, and reports it
			parts, ok = nil, false
		}
	}()
	if !fastMayApply(base, ours, theirs) {
		return nil, false
	}
	p, _, ok := fastPieces(base, ours, theirs, WorkLimit, release)
	return p, ok
}

// fastMayApply says whether the fast path is worth trying: the inputs are not too
// large, and each side changed something.
func fastMayApply(base, ours, theirs []byte) bool {
	return len(base)+len(ours)+len(theirs) <= MaxInputBytes &&
		!bytes.Equal(ours, theirs) && !bytes.Equal(base, theirs) && !bytes.Equal(base, ours)
}

// MergeGeneral is Merge without trying the fast path: for a caller that tried Fast.
func MergeGeneral(base, ours, theirs []byte, opt Options) (Result, error) {
	res, parts, err := MergeGeneralParts(base, ours, theirs, opt, nil)
	if parts != nil {
		res.Merged = pieces(parts).join()
	}
	return res, err
}

// MergeGeneralParts is MergeGeneral for a caller that writes the result out, as
// FastParts is for Fast. When the merge holds the controls no side changed as spans
// (hidden.go), its result is parts, the pieces it is made of (slices of the base, which
// hold those controls' bodies, and of the merge's own small result), and res.Merged is
// nil (res.Conflicts is set); otherwise parts is nil and res is MergeGeneral's.
//
// When release is not nil and the merge holds unchanged controls as spans, it calls
// release with ours and then theirs once it has copied what it reads of them: the
// rest of the merge reads the base and those copies (see FastParts). A merge that
// needs the whole inputs after all reads the sides again. It never writes to its
// inputs.
func MergeGeneralParts(base, ours, theirs []byte, opt Options, release func([]byte)) (res Result, parts [][]byte, err error) {
	res, parts, _, err = mergeWith(base, ours, theirs, opt, WorkLimit, false, release)
	return res, parts, err
}

// mergeCounted is Merge with a given work limit; it also returns the steps of work
// the merge counted (0 when it did not get to the structural merge).
func mergeCounted(base, ours, theirs []byte, opt Options, limit int64) (res Result, work int64, err error) {
	return mergePath(base, ours, theirs, opt, limit, true)
}

// mergePath is mergeCounted, with the fast path (fast.go) tried first when fast is set;
// the tests compare the two paths.
func mergePath(base, ours, theirs []byte, opt Options, limit int64, fast bool) (res Result, work int64, err error) {
	res, parts, work, err := mergeWith(base, ours, theirs, opt, limit, fast, nil)
	if parts != nil {
		res.Merged = pieces(parts).join()
	}
	return res, work, err
}

// mergeWith is mergePath with a clean result of the merge that held unchanged
// controls as spans in parts, calling release as MergeGeneralParts says.
func mergeWith(base, ours, theirs []byte, opt Options, limit int64, fast bool, release func([]byte)) (res Result, parts pieces, work int64, err error) {
	// A bug must cost a fallback to the line merge, never a crashed merge driver.
	defer structural.Recover(&res, &err, fallbackf)
	// The fast path first, when the inputs are not too large and each side changed
	// something: it takes only inputs that parse, and no file that parses holds a
	// conflict marker (a marker starts a line with '<', '=', '>' or '|', which no line
	// of an .fx.yaml may; TestParsedFilesHaveNoMarkers), so Precheck would pass them.
	if fast && fastMayApply(base, ours, theirs) {
		if merged, work, ok := fastMerge(base, ours, theirs, limit); ok {
			return Result{Merged: merged}, nil, work, nil
		}
	}
	// Too large, markers already in an input, or a side that changed nothing (then the
	// result is the other side, byte for byte).
	if merged, done, err := structural.Precheck(base, ours, theirs, opt.MarkerSize, MaxInputBytes, fallbackf); err != nil || done {
		return Result{Merged: merged}, nil, 0, err
	}

	// Controls no side changed are held as spans (hidden.go) when that gives the same
	// result; otherwise the whole inputs are merged.
	if red := reduceUnchanged(base, ours, theirs); red != nil {
		if release != nil {
			release(ours)
			release(theirs)
		}
		if res, parts, work, ok := mergeReduced(red, opt, limit); ok {
			return res, parts, work, nil
		}
	}
	res, work, err = mergeParsed(base, ours, theirs, opt, limit, nil)
	return res, nil, work, err
}

// mergeParsed parses the three inputs and merges their trees. red is not nil when the
// inputs are a reduction's (hidden.go): its hidden controls' work is counted, and
// their names must be in no input.
func mergeParsed(base, ours, theirs []byte, opt Options, limit int64, red *reduction) (res Result, work int64, err error) {
	// The base is parsed first, for the sides to share its properties (the lines a
	// side did not change: fxyaml.ParseSharedReusing); its error is reported after the
	// sides', as it always was.
	var fb *fxyaml.File
	var errBase error
	if len(bytes.TrimSpace(base)) != 0 { // else add/add: no common ancestor
		fb, errBase = parseSide("base", base, nil)
	}
	fo, err := parseSide("ours", ours, fb)
	if err != nil {
		return Result{}, 0, err
	}
	ref := fb
	if ref == nil {
		ref = fo // add/add, or a base that does not parse: theirs is mostly ours
	}
	ft, err := parseSide("theirs", theirs, ref)
	if err != nil {
		return Result{}, 0, err
	}
	for _, f := range []*fxyaml.File{fo, ft} {
		if f.Newline() == "\r" {
			// git reads lines up to LF only, so neither it nor a person's tools could
			// find conflict markers among lone-CR line breaks: git's own line merge
			// treats such a file as one line, and so does the fallback.
			return Result{}, 0, fallbackf("the file breaks its lines with a lone CR (classic Mac), where conflict markers cannot be read")
		}
	}
	if errBase != nil {
		return Result{}, 0, errBase
	}

	m := newMerger(fb, fo, ft, opt, limit)
	m.hidden = red
	m.sizeHint = len(ours) + max(0, len(theirs)-len(base)) + len(ours)>>6 // some room for conflict markers
	res, err = m.run()
	if err != nil {
		return Result{}, m.work, err
	}
	if err := checkOutput(res, opt); err != nil {
		return Result{}, m.work, err
	}
	ownStrings(res.Conflicts)
	return res, m.work, nil
}

// ownStrings copies the conflicts' strings, which may point into the inputs (parsed in
// place), so that a caller may reuse its input buffers while it keeps the Result.
func ownStrings(cs []Conflict) {
	for i := range cs {
		c := &cs[i]
		c.ControlPath, c.Property, c.Reason = strings.Clone(c.ControlPath), strings.Clone(c.Property), strings.Clone(c.Reason)
	}
}

// parseSide parses an input in place (fxyaml.ParseShared): the three copies took as
// much memory as the inputs themselves. Nothing of the parse trees outlives the merge:
// the merged bytes are written afresh and ownStrings copies the conflicts' strings.
// The properties whose lines ref has alike are ref's nodes (fxyaml.ParseSharedReusing):
// the merge never edits a parsed property (it edits copies) and never asks one its line.
func parseSide(name string, data []byte, ref *fxyaml.File) (*fxyaml.File, error) {
	f, err := fxyaml.ParseSharedReusing(data, ref)
	if err != nil {
		return nil, fallbackf("%s does not parse as .fx.yaml: %v", name, err)
	}
	return f, nil
}

// checkOutput makes sure a result with conflicts reads as .fx.yaml, with every
// conflict resolved to ours and to theirs (as it is when a side was favoured).
//
// A clean result is not parsed again: that was an eighth of a merge's time (issue 18),
// and the writer that made it is checked instead by the tests, where every output
// must parse: FuzzMerge (docs/fuzzing.md), the merge cases and the corpus replays.
// Conflict regions keep the check: every writer bug FuzzMerge ever found was in them,
// and a merge with conflicts is rare and looked at by a person anyway.
func checkOutput(res Result, opt Options) error {
	if len(res.Conflicts) == 0 {
		return nil
	}
	if opt.Favor != linemerge.FavorNone {
		if err := parseResult(res.Merged); err != nil {
			return fallbackf("internal error: the structural merge produced a file that does not parse (%v)", err)
		}
		return nil
	}
	return structural.CheckResolved(res.Merged, opt.MarkerSize, parseResult, fallbackf)
}

// parseResult parses a merged file. A result with no control left (each side deleted
// what the other kept) is empty, which the parser refuses but is the honest merge, as
// git's line merge would give it.
func parseResult(merged []byte) error {
	if len(bytes.TrimSpace(merged)) == 0 {
		return nil
	}
	_, err := fxyaml.Parse(merged)
	return err
}
