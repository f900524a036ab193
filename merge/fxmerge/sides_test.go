package fxmerge

import (
	"testing"

	"github.com/canvasgit/canvasgit/merge/internal/structural"
)

// structural.Region hands the conflict writer its side numbers; they must be this
// package's, or a region would write one side's lines where the other's belong.
func TestSidesNumberedAsStructural(t *testing.T) {
	if sBase != structural.Base || sOurs != structural.Ours || sTheirs != structural.Theirs {
		t.Fatalf("sides base %d, ours %d, theirs %d; structural numbers them %d, %d, %d",
			sBase, sOurs, sTheirs, structural.Base, structural.Ours, structural.Theirs)
	}
}
