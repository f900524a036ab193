package jsonmerge

import (
	"bytes"
	"testing"

	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// TestLazyBasePolicies: base is read lazily from lazyMin bytes for the policies whose
// merges look at little of it (editor states, the generic JSON files such as
// components), whole for those that look at nearly all of it (Entropy.json, App
// Checker results).
func TestLazyBasePolicies(t *testing.T) {
	base := editorState(200, func(i int) int { return i % 9 })
	if len(base) < lazyMin {
		t.Fatalf("the base is %d bytes, under lazyMin", len(base))
	}
	ours := bytes.Replace(base, []byte(`"Control3"`), []byte(`"Control3b"`), 1)
	theirs := bytes.Replace(base, []byte(`"TopParentName": "Screen1"`), []byte(`"TopParentName": "Screen2"`), 1)
	for _, c := range []struct {
		p    Policy
		lazy bool
	}{{EditorStatePolicy, true}, {GenericPolicy, true}, {EntropyPolicy, false}, {SarifPolicy, false}} {
		lazily := false
		baseRead = func(*baseReader) { lazily = true }
		_, err := Merge(base, ours, theirs, c.p, linemerge.Options{MarkerSize: 7})
		baseRead = nil
		if err != nil {
			t.Fatalf("%s: %v", c.p.Name, err)
		}
		if lazily != c.lazy {
			t.Errorf("%s: base read lazily %v, want %v", c.p.Name, lazily, c.lazy)
		}
	}
}
