package linemerge

import "testing"

func TestResolveMarkersAndConflictLines(t *testing.T) {
	for _, tc := range []struct {
		name, merged  string
		size          int
		ours, theirs  string
		conflictLines int
	}{
		{"merge style", "a\n<<<<<<< ours\nb\nc\n=======\nd\n>>>>>>> theirs\ne", 0, "a\nb\nc\ne", "a\nd\ne", 3},
		{"diff3 with CRLF", "a\r\n<<<<<<< o\r\nb\r\n||||||| base\r\nx\r\n=======\r\nd\r\n>>>>>>> t\r\n", 0, "a\r\nb\r\n", "a\r\nd\r\n", 3},
		{"marker size 9 leaves 7-character lines alone", "<<<<<<<<< o\n=======\n=========\nd\n>>>>>>>>> t\n", 9, "=======\n", "d\n", 2},
		{"no conflict", "a\n=======\nb\n", 0, "a\n=======\nb\n", "a\n=======\nb\n", 0},
	} {
		if got := string(ResolveMarkers([]byte(tc.merged), tc.size, '<')); got != tc.ours {
			t.Errorf("%s: ours %q, want %q", tc.name, got, tc.ours)
		}
		if got := string(ResolveMarkers([]byte(tc.merged), tc.size, '>')); got != tc.theirs {
			t.Errorf("%s: theirs %q, want %q", tc.name, got, tc.theirs)
		}
		if got := ConflictLines([]byte(tc.merged), tc.size); got != tc.conflictLines {
			t.Errorf("%s: %d conflict lines, want %d", tc.name, got, tc.conflictLines)
		}
	}
}
