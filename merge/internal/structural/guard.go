// Package structural holds what the structure-aware mergers of canvasgit (fxmerge for
// `.fx.yaml`, pamerge for `.pa.yaml`) do alike around their own tree merge: the checks
// before it (size, conflict markers already in an input, a side that changed nothing),
// turning a panic into a fallback, checking that conflict regions parse whichever side
// is kept, the line merge of one multi-line formula and the writing of conflict markers.
// Each merger keeps its own error sentinel and its own parser; this package gets them
// as arguments, so both fall back and write byte for byte as before.
package structural

import (
	"bytes"
	"fmt"

	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// Fallbackf makes a merger's fallback error (one that wraps its ErrFallback) from a
// reason.
type Fallbackf func(format string, args ...any) error

// Fallback makes the fallback error of a merger whose fallback errors wrap sentinel
// (its ErrFallback): errors.Is(err, sentinel) holds, and the error's text is the reason
// alone, as the merge driver prints it before "used the line merge". Each merger's
// Fallbackf is a function calling it with its sentinel (a closure made in a package
// variable would be made at every start of the binary, the merge driver's too).
func Fallback(sentinel error, format string, args ...any) error {
	return &fallback{sentinel: sentinel, reason: fmt.Sprintf(format, args...)}
}

type fallback struct {
	sentinel error
	reason   string
}

func (e *fallback) Error() string        { return e.reason }
func (e *fallback) Is(target error) bool { return target == e.sentinel }

// Recover turns a panic of the merge into a fallback to the line merge: a bug must cost
// a fallback, never a crashed merge driver. It must be deferred directly (recover only
// works there): defer structural.Recover(&res, &err, fallbackf).
func Recover[R any](res *R, err *error, fail Fallbackf) {
	if p := recover(); p != nil {
		var zero R
		*res, *err = zero, fail("internal error: %v", p)
	}
}

// Precheck runs the checks every structural merge makes before it parses its inputs.
// It returns an error (made by fail) when the inputs together are larger than
// maxInput bytes or one already holds conflict markers of markerSize; otherwise, when
// one side changed nothing, the other side byte for byte with done true (a copy, so
// the caller owns it); otherwise done false, and the structural merge has to run.
func Precheck(base, ours, theirs []byte, markerSize, maxInput int, fail Fallbackf) (merged []byte, done bool, err error) {
	if n := len(base) + len(ours) + len(theirs); n > maxInput {
		return nil, false, fail("inputs too large for the structural merge (%d bytes, limit %d)", n, maxInput)
	}
	for _, in := range []struct {
		name string
		data []byte
	}{{"base", base}, {"ours", ours}, {"theirs", theirs}} {
		if linemerge.HasConflictMarkers(in.data, markerSize) {
			return nil, false, fail("%s already contains conflict markers", in.name)
		}
	}
	switch {
	case bytes.Equal(ours, theirs), bytes.Equal(base, theirs):
		return bytes.Clone(ours), true, nil
	case bytes.Equal(base, ours):
		return bytes.Clone(theirs), true, nil
	}
	return nil, false, nil
}

// CheckResolved resolves every conflict region of merged to ours, then to theirs, and
// returns an error (made by fail) when parse rejects either resolution: what a merger
// writes must stay its format whichever side a user keeps.
func CheckResolved(merged []byte, markerSize int, parse func([]byte) error, fail Fallbackf) error {
	for _, keep := range []byte{'<', '>'} {
		resolved := linemerge.ResolveMarkers(merged, markerSize, keep)
		if err := parse(resolved); err != nil {
			return fail("internal error: the structural merge produced conflict regions that do not parse when resolved (%v)", err)
		}
	}
	return nil
}
