package jsonmerge

import "testing"

// A result without conflicts is not validated again (the tests check the writer
// instead); one with conflicts still is, resolved or between markers.
func TestCheckOutputValidatesOnlyConflicts(t *testing.T) {
	broken := []byte(`{"a": 1,}`)
	if err := checkOutput(Result{Merged: broken}, 7); err != nil {
		t.Errorf("result without conflicts checked: %v", err)
	}
	resolved := Result{Merged: broken, Conflicts: []Conflict{{Path: "$.a", Resolved: true}}}
	if err := checkOutput(resolved, 7); err == nil {
		t.Error("a resolved conflict's invalid JSON passed the check")
	}
	marked := Result{Merged: broken, Conflicts: []Conflict{{Path: "$.a"}}}
	if err := checkOutput(marked, 7); err == nil {
		t.Error("a marked conflict's invalid JSON passed the check")
	}
}
