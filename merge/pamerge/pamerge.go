// Package pamerge is the structure-aware three-way merge of `.pa.yaml` files (Power Fx
// YAML, schema v3). Screens, component definitions, data sources and properties are
// matched by name; `Children` sequences (one-key maps whose order is the z-order) and
// name lists (`EditorState.ScreensOrder`) are merged as ordered sequences by name, so
// both sides' additions and moves are kept and a reorder alone never conflicts;
// multi-line formulas both sides changed are merged line by line (package linemerge).
// Conflicts are written with git's markers around the smallest unit in conflict: one
// property, one formula's lines, one control. Input it cannot handle (not schema v3,
// does not round trip through the source model, holds conflict markers, needs more
// work than WorkLimit) gives an error wrapping ErrFallback: the caller then uses the
// line merge.
//
// See docs/payaml-merge.md for the rules.
package pamerge

import (
	"bytes"
	"errors"

	"github.com/canvasgit/canvasgit/merge/internal/structural"
	"github.com/canvasgit/canvasgit/merge/linemerge"
	"github.com/canvasgit/canvasgit/source/payaml"
)

// Options are the line merge's options: marker size, conflict style, labels, favor.
type Options = linemerge.Options

// Conflict is one conflicting region of the merged file.
type Conflict struct {
	// StartLine and EndLine are 1-based, inclusive line numbers in Result.Merged: the
	// marker lines, or with Favor set the lines of the side that was kept (EndLine <
	// StartLine when that side was empty).
	StartLine, EndLine int
	// Path names the object: "Screen1 > Container1 > Button1", "App", "EditorState".
	Path string
	// Field names what in it is in conflict, e.g. "Properties.Text", "Control"; "" when
	// the whole object is.
	Field string
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
var ErrFallback = errors.New("structural .pa.yaml merge not possible; use the line merge")

// Limits of the structural merge; beyond them Merge falls back. Both depend on the
// inputs only, never on time, so a merge gives the same result on every machine.
var (
	// MaxInputBytes bounds the three inputs together.
	MaxInputBytes = 64 << 20
	// WorkLimit bounds the steps of work of one merge (see work.go).
	WorkLimit int64 = 1 << 30
)

// fallbackf makes an error wrapping ErrFallback whose text is the reason alone.
func fallbackf(format string, args ...any) error {
	return structural.Fallback(ErrFallback, format, args...)
}

// Merge merges ours and theirs against base. It returns an error wrapping ErrFallback
// when the line merge should be used instead.
func Merge(base, ours, theirs []byte, opt Options) (Result, error) {
	res, _, err := mergeCounted(base, ours, theirs, opt, WorkLimit)
	return res, err
}

func mergeCounted(base, ours, theirs []byte, opt Options, limit int64) (res Result, work int64, err error) {
	// A bug must cost a fallback to the line merge, never a crashed merge driver.
	defer structural.Recover(&res, &err, fallbackf)
	// Too large, markers already in an input, or a side that changed nothing (then the
	// result is the other side, byte for byte).
	if merged, done, err := structural.Precheck(base, ours, theirs, opt.MarkerSize, MaxInputBytes, fallbackf); err != nil || done {
		return Result{Merged: merged}, 0, err
	}

	fo, err := parseSide("ours", ours)
	if err != nil {
		return Result{}, 0, err
	}
	ft, err := parseSide("theirs", theirs)
	if err != nil {
		return Result{}, 0, err
	}
	var fb *payaml.File
	if len(bytes.TrimSpace(base)) > 0 {
		if fb, err = parseSide("base", base); err != nil {
			return Result{}, 0, err
		}
	}
	m := &merger{opt: opt, limit: limit}
	res, err = m.run(fb, fo, ft)
	if err != nil {
		return Result{}, m.work, err
	}
	if err := checkOutput(res, opt, m.trivia); err != nil {
		return Result{}, m.work, err
	}
	return res, m.work, nil
}

// parseSide reads one input; it must be schema v3 and come back byte for byte from
// the model, or merging it would rewrite lines nobody changed.
func parseSide(name string, data []byte) (*payaml.File, error) {
	if fl := payaml.Detect(data); fl != payaml.V3 {
		return nil, fallbackf("%s is not a schema v3 .pa.yaml file (%v)", name, fl)
	}
	f, err := payaml.Parse(data)
	if err != nil {
		return nil, fallbackf("%s does not parse as .pa.yaml: %v", name, err)
	}
	if !f.Exact {
		return nil, fallbackf("%s is laid out in a way the structural merge cannot write back byte for byte (a comment after a value, another indentation, flow or folded style)", name)
	}
	return f, nil
}

// checkOutput makes sure the result reads as .pa.yaml: clean, it parses, writes back
// byte for byte and keeps every comment line as a comment; with conflicts, every conflict resolved to ours and to theirs
// parses.
func checkOutput(res Result, opt Options, trivia int) error {
	if len(res.Conflicts) == 0 || opt.Favor != linemerge.FavorNone {
		f, err := payaml.Parse(res.Merged)
		if err != nil {
			return fallbackf("internal error: the structural merge produced a file that does not parse (%v)", err)
		}
		if !f.Exact {
			return fallbackf("internal error: the structural merge produced a file that is not in Studio's style")
		}
		if len(res.Conflicts) == 0 && f.TriviaLines() != trivia {
			// A comment line that follows a literal block more deeply indented than its
			// lines reads back as part of the formula.
			return fallbackf("comment lines would be read back as part of a formula in the merged file")
		}
		return nil
	}
	return structural.CheckResolved(res.Merged, opt.MarkerSize, func(b []byte) error {
		_, err := payaml.Parse(b)
		return err
	}, fallbackf)
}
