package jsonmerge

import "testing"

// TestFieldIDs: entries whose identity fields are equal as JSON (member order, number
// spelling and string escapes aside) share an id; any other difference, a missing
// field included, gives another; an entry with none of the fields has none.
func TestFieldIDs(t *testing.T) {
	d, err := parseDoc([]byte(`[
		{"ruleId": "a", "locations": [{"x": 1, "y": "p"}], "message": {"text": "m"}},
		{"message": {"text": "m"}, "ruleId": "\u0061", "locations": [{"y": "p", "x": 1.0}], "level": "warning"},
		{"ruleId": "a", "locations": [{"x": 2, "y": "p"}], "message": {"text": "m"}},
		{"ruleId": "a", "message": {"text": "m"}},
		{"ruleId": "a", "locations": null, "message": {"text": "m"}},
		{"other": 1},
		"not an object"
	]`), false, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	f := newFieldIDs([]string{"ruleId", "locations", "message"}, new(idSpace), 0)
	var ids []int32
	for i, e := range d.root.elems() {
		id, ok := f.id(e)
		if want := i < 5; ok != want {
			t.Fatalf("entry %d: has an identity = %v, want %v", i, ok, want)
		}
		ids = append(ids, id)
	}
	if ids[0] != ids[1] {
		t.Errorf("equal fields spelled differently got ids %d and %d", ids[0], ids[1])
	}
	seen := map[int32]int{}
	for i, id := range ids[1:5] {
		if j, dup := seen[id]; dup {
			t.Errorf("entries %d and %d have different fields but the id %d", j+1, i+1, id)
		}
		seen[id] = i
	}
}

// TestFieldIDsHashCollision: values that share a hash but differ are told apart (the
// hash only rules equality out).
func TestFieldIDsHashCollision(t *testing.T) {
	d, err := parseDoc([]byte(`[{"id": "a"}, {"id": "b"}, {"id": "a"}]`), false, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	es := d.root.elems()
	es[1].members()[0].val.hash = es[0].members()[0].val.hash // force a collision
	f := newFieldIDs([]string{"id"}, new(idSpace), 0)
	a, _ := f.id(es[0])
	b, _ := f.id(es[1])
	a2, _ := f.id(es[2])
	if a == b || a != a2 {
		t.Errorf("ids %d, %d, %d: want the first and last equal, the middle different", a, b, a2)
	}
}
