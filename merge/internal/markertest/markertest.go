// Package markertest holds what the structural mergers' tests share: reading merge case
// folders (cases.go), and resolving the conflict regions of a merge result each way for the
// tests of fxmerge, pamerge and jsonmerge: what they write must stay
// valid whichever side a user keeps in each conflict.
package markertest

import (
	"testing"

	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// Sides are the two ways to resolve a conflict region: keep ours ('<') or theirs ('>').
var Sides = [2]byte{'<', '>'}

// EachSide resolves every conflict region of merged (markers of markerSize, 0 for
// git's 7) to ours, then to theirs, and reports as an error of tb each resolution that
// valid rejects, naming the case and the side.
func EachSide(tb testing.TB, name string, merged []byte, markerSize int, valid func(resolved []byte) error) {
	tb.Helper()
	for _, keep := range Sides {
		if err := valid(linemerge.ResolveMarkers(merged, markerSize, keep)); err != nil {
			tb.Errorf("%s: resolved to %s: %v", name, sideName(keep), err)
		}
	}
}

func sideName(keep byte) string {
	if keep == '<' {
		return "ours"
	}
	return "theirs"
}
