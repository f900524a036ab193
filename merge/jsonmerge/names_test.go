package jsonmerge

import (
	"strings"
	"testing"
)

// TestEscapedNamesKept: a merged object writes each member name as its side wrote
// it, escapes included (in plain members and in conflict regions), and plain names
// quoted as they are.
func TestEscapedNamesKept(t *testing.T) {
	base := "{\n  \"\\u0041pp\": 1,\n  \"plain\": 1,\n  \"tab\\t\": 1,\n  \"\\/x\": 1\n}\n"
	ours := "{\n  \"\\u0041pp\": 2,\n  \"plain\": 1,\n  \"tab\\t\": 1,\n  \"\\/x\": 2\n}\n"
	theirs := "{\n  \"\\u0041pp\": 1,\n  \"plain\": 3,\n  \"tab\\t\": 3,\n  \"\\/x\": 3,\n  \"\\u00e9t\\u00e9\": 4\n}\n"
	res, err := Merge([]byte(base), []byte(ours), []byte(theirs), GenericPolicy, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	got := string(res.Merged)
	for _, want := range []string{
		"\n  \"\\u0041pp\": 2,\n",
		"\n  \"plain\": 3,\n",
		"\n  \"tab\\t\": 3,\n",
		"\n  \"\\/x\": 2",        // ours' side of the conflict
		"\n  \"\\/x\": 3",        // theirs' side
		"\"\\u00e9t\\u00e9\": 4", // added by theirs
	} {
		if !strings.Contains(got, want) {
			t.Errorf("merged output lacks %q:\n%s", want, got)
		}
	}
	if len(res.Conflicts) != 1 || res.Conflicts[0].Path != `$["/x"]` {
		t.Errorf("conflicts %+v, want one at $[\"/x\"]", res.Conflicts)
	}
}
