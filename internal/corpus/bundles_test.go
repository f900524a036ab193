package corpus

import (
	"reflect"
	"strings"
	"testing"
)

func TestMergeBases(t *testing.T) {
	// a - b - c - m1        criss-cross: x and y both merge b and c's tips
	//      \     /
	//        d --
	parents := map[string][]string{
		"b": {"a"}, "c": {"b"}, "d": {"b"}, "m1": {"c", "d"},
		"x": {"c", "d"}, "y": {"d", "c"},
	}
	if got := MergeBases(parents, "c", "d"); !reflect.DeepEqual(got, []string{"b"}) {
		t.Errorf("MergeBases(c, d) = %q, want [b]", got)
	}
	if got := MergeBases(parents, "x", "y"); !reflect.DeepEqual(got, []string{"c", "d"}) {
		t.Errorf("criss-cross MergeBases(x, y) = %q, want [c d]", got)
	}
	if got := MergeBases(parents, "m1", "d"); !reflect.DeepEqual(got, []string{"d"}) {
		t.Errorf("MergeBases(m1, d) = %q, want [d] (d is an ancestor)", got)
	}
}

// TestMergesAgreeWithGit checks the in-memory merge bases and the both-changed paths
// against git's own answers on the first bundle.
func TestMergesAgreeWithGit(t *testing.T) {
	bundles := Bundles(t)
	r := Clone(t, bundles[0])
	merges := r.Merges(t)
	if len(merges) == 0 {
		t.Fatalf("%s: no merges found", Name(bundles[0]))
	}
	multi := 0
	for i, m := range merges {
		if len(m.Bases) > 1 {
			multi++
		}
		if i%7 != 0 { // a sample: one git process per merge is slow
			continue
		}
		if got := strings.Fields(r.Git(t, "", "merge-base", "--all", m.Ours, m.Theirs)); !sameSet(got, m.Bases) {
			t.Errorf("%s: bases %q, git says %q", m.Commit, m.Bases, got)
		}
		ours := strings.Fields(r.Git(t, "", "diff-tree", "-r", "--name-only", "--no-renames", m.Base, m.Ours))
		theirs := map[string]bool{}
		for _, p := range strings.Fields(r.Git(t, "", "diff-tree", "-r", "--name-only", "--no-renames", m.Base, m.Theirs)) {
			theirs[p] = true
		}
		var both []string
		for _, p := range ours {
			if theirs[p] {
				both = append(both, p)
			}
		}
		if !reflect.DeepEqual(both, m.Both) {
			t.Errorf("%s: both changed %q, git says %q", m.Commit, m.Both, both)
		}
	}
	t.Logf("%d merges, %d with several merge bases", len(merges), multi)
	if b := r.Blobs(t, []string{merges[0].Commit + ":no/such/file", merges[0].Commit + ":"}); b[0].ID != "" || b[1].ID != "" {
		t.Errorf("a missing file or a tree read as a blob: %+v", b)
	}
}

func sameSet(a, b []string) bool {
	m := map[string]bool{}
	for _, x := range a {
		m[x] = true
	}
	if len(a) != len(b) {
		return false
	}
	for _, x := range b {
		if !m[x] {
			return false
		}
	}
	return true
}
