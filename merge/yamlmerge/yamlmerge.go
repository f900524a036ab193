// Package yamlmerge is a three-way merge, key by key, of the block-mapping YAML files
// that Power Platform's git integration writes for a solution (solution.yml,
// solutioncomponents.yml, rootcomponents.yml, missingdependencies.yml, publisher.yml,
// canvasapp.yml): XML turned into YAML, mappings nested by indentation, scalars on
// one line, lists of entries as sequences.
//
// Mappings are merged member by member at every depth; a member whose value is not a
// mapping (a scalar, a sequence) is merged by lines as a whole with git's line merge, so
// its conflicts are git's own. Per-key rules (later time, larger version, keep ours)
// settle the values the product rewrites on every save. The output is ours' text
// wherever ours' text is kept: nothing is re-formatted. Input this small reader does
// not follow gives an error wrapping ErrFallback: the caller uses the line merge.
package yamlmerge

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// Policy names the keys, at any depth, whose value a rule settles when both sides
// changed it.
type Policy struct {
	Name string
	// LaterKeys hold save times (ISO 8601, one format per file): the later one wins.
	LaterKeys []string
	// MaxKeys hold dotted versions: the larger one wins.
	MaxKeys []string
	// DerivedKeys are rewritten by the product on every save (a commit message, a
	// JSON blob of client tags): ours is kept and a note says so.
	DerivedKeys []string
}

// Conflict is one place both sides changed differently.
type Conflict struct {
	Path               string // keys from the root, "CanvasApp.ConnectionReferences"
	StartLine, EndLine int    // 1-based lines of the region in the output (the markers)
	Reason             string
}

// Result is the merged file with its conflicts and notes.
type Result struct {
	Merged    []byte
	Conflicts []Conflict
	Notes     []string
}

// ErrFallback is wrapped by every error of Merge: use the line merge.
var ErrFallback = errors.New("YAML merge by key not possible; use the line merge")

type fallback struct{ reason string }

func (e *fallback) Error() string        { return e.reason }
func (e *fallback) Is(target error) bool { return target == ErrFallback }

// Merge merges ours and theirs against base. An empty base (add/add) merges the two
// sides as if both were new.
func Merge(base, ours, theirs []byte, p Policy, opt linemerge.Options) (Result, error) {
	switch {
	case bytes.Equal(ours, theirs), bytes.Equal(base, theirs):
		return Result{Merged: bytes.Clone(ours)}, nil
	case bytes.Equal(base, ours):
		return Result{Merged: bytes.Clone(theirs)}, nil
	}
	parse := func(name string, b []byte) ([]byte, []*entry, error) {
		pre, es, err := parseDoc(b)
		if err != nil {
			return nil, nil, &fallback{fmt.Sprintf("%s: %v", name, err)}
		}
		return pre, es, nil
	}
	_, be, err := parse("base", base)
	if err != nil {
		return Result{}, err
	}
	pre, oe, err := parse("ours", ours)
	if err != nil {
		return Result{}, err
	}
	_, te, err := parse("theirs", theirs)
	if err != nil {
		return Result{}, err
	}
	m := &merger{p: p, opt: opt, eol: eolOf(ours)}
	m.out.Write(pre)
	m.mapping("", be, oe, te)
	return Result{Merged: m.out.Bytes(), Conflicts: m.conflicts, Notes: m.notes}, nil
}

func eolOf(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i > 0 && b[i-1] == '\r' {
		return []byte("\r\n")
	}
	return []byte("\n")
}
