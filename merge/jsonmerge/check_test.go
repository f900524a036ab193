package jsonmerge

import "testing"

// A result without markers (no conflicts, or all resolved by the policy) is not
// validated again: the tests check the writer instead. One with conflict markers still
// is, with each conflict resolved either way.
func TestCheckOutputValidatesOnlyMarkedConflicts(t *testing.T) {
	broken := []byte(`{"a": 1,}`)
	if err := checkOutput(Result{Merged: broken}, 7); err != nil {
		t.Errorf("result without conflicts checked: %v", err)
	}
	resolved := Result{Merged: broken, Conflicts: []Conflict{{Path: "$.a", Resolved: true}}}
	if err := checkOutput(resolved, 7); err != nil {
		t.Errorf("result whose conflicts the policy resolved checked: %v", err)
	}
	marked := Result{Merged: broken, Conflicts: []Conflict{{Path: "$.a"}}}
	if err := checkOutput(marked, 7); err == nil {
		t.Error("a marked conflict's invalid JSON passed the check")
	}
}
