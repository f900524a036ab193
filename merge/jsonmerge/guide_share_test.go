package jsonmerge

import "testing"

// TestTheirsSharesBaseNodes: a value theirs did not change is base's node itself (no
// copy: a copy would differ only in which input its text is a view of), while ours'
// is a copy whose text is ours' (the writer writes ours' text as it is).
func TestTheirsSharesBaseNodes(t *testing.T) {
	base := []byte("{\n  \"a\": {\"x\": [1, 2]},\n  \"b\": \"same\",\n  \"c\": 1\n}\n")
	side := []byte("{\n  \"a\": {\"x\": [1, 2]},\n  \"b\": \"same\",\n  \"c\": 2\n}\n")
	db, err := parseDoc(base, false, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	dt, err := parseDoc(side, false, nil, db)
	if err != nil {
		t.Fatal(err)
	}
	do, err := parseDoc(side, true, nil, db)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"a", "b"} {
		if dt.root.get(k) != db.root.get(k) {
			t.Errorf("theirs' unchanged %q is not base's node", k)
		}
		o := do.root.get(k)
		if o == db.root.get(k) || !o.fromOurs || offsetIn(side, o.raw) < 0 || offsetIn(side, o.raw) >= len(side) {
			t.Errorf("ours' unchanged %q is not a copy with ours' text", k)
		}
	}
	if dt.root.get("c") == db.root.get("c") {
		t.Error("theirs' changed value is base's node")
	}
}
