package jsonmerge

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// editorState writes an editor state in pac's layout with n controls, each with a
// few property states; parent gives each control's ParentIndex.
func editorState(n int, parent func(i int) int) []byte {
	var b strings.Builder
	b.WriteString("{\n  \"ControlStates\": {\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "    \"Control%d\": {\n      \"AllowAccessToGlobals\": true,\n      \"ControlPropertyState\": [\n", i)
		for k, prop := range []string{"Items", "X", "Y", "Fill"} {
			fmt.Fprintf(&b, "        {\n          \"AutoRuleBindingString\": \"Parent.%s\",\n          \"InvariantPropertyName\": \"%s\",\n          \"IsLockable\": false,\n          \"NameMapSourceSchema\": \"?\"\n        }", prop, prop)
			if k < 3 {
				b.WriteString(",")
			}
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "      ],\n      \"HasDynamicProperties\": false,\n      \"Name\": \"Control%d\",\n      \"ParentIndex\": %d,\n      \"Size\": [\n        %d,\n        40.5\n      ]\n    }", i, parent(i), i%7)
		if i < n-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("  },\n  \"TopParentName\": \"Screen1\"\n}\n")
	return []byte(b.String())
}

// countValues counts the values of a document read whole.
func countValues(t *testing.T, data []byte) int {
	d, err := parseDoc(data, false, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var count func(n *node) int
	count = func(n *node) int {
		c := 1
		for _, m := range n.members() {
			c += count(m.val)
		}
		for _, e := range n.elems() {
			c += count(e)
		}
		return c
	}
	return count(d.root)
}

// TestLazyBaseBuildsLittle: a merge of a few changed controls of a large editor
// state makes the nodes of a small fraction of base, and gives what the merge
// reading every input whole gives.
func TestLazyBaseBuildsLittle(t *testing.T) {
	const controls = 3000
	base := editorState(controls, func(i int) int { return i % 11 })
	ours := editorState(controls, func(i int) int {
		if i == 17 || i == 1500 || i == 2999 {
			return 99
		}
		return i % 11
	})
	theirs := editorState(controls, func(i int) int {
		if i == 3 || i == 400 || i == 1501 || i == 2200 || i == 2998 {
			return 77
		}
		return i % 11
	})
	r, res := mergeEditorStatesLazily(t, base, ours, theirs)
	total := countValues(t, base)
	// The ControlStates object is merged member by member (a node for each of its
	// controls) and each changed control down to its ParentIndex, theirs' to be
	// written: about 3,400 nodes. A full read builds 87,000.
	if r.built > total/20 {
		t.Errorf("%d of base's %d values were built, want at most %d", r.built, total, total/20)
	}
	t.Logf("%d containers of %d expanded, %d nodes of %d built", r.expanded, len(r.recs), r.built, total)
	if !r.fast {
		t.Error("base was checked by the reader, not by fastCheck")
	}

	want := editorState(controls, func(i int) int {
		switch i {
		case 17, 1500, 2999:
			return 99
		case 3, 400, 1501, 2200, 2998:
			return 77
		}
		return i % 11
	})
	if !bytes.Equal(res.Merged, want) {
		t.Errorf("merged editor state is not both sides' changes")
	}
	was := SetGuided(false)
	full, err := Merge(base, ours, theirs, EditorStatePolicy, testOptions)
	SetGuided(was)
	if err != nil || !reflect.DeepEqual(full, res) {
		t.Errorf("lazy and full reads differ: %v", err)
	}
}

// TestLazyBaseErrors: an invalid base gives the error a full read gives, whatever
// is wrong and wherever: the check of base is a full read that builds nothing.
func TestLazyBaseErrors(t *testing.T) {
	good := editorState(50, func(i int) int { return i % 3 })
	deep := strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1)
	bases := map[string][]byte{
		"syntax at the end":       append(bytes.Clone(good[:len(good)-3]), "x}\n"...),
		"syntax deep inside":      bytes.Replace(good, []byte(`"Parent.Fill",`), []byte(`"Parent.Fill" x,`), 1),
		"duplicate name nested":   bytes.Replace(good, []byte(`"IsLockable": false,`), []byte(`"IsLockable": false, "IsLockable": true,`), 7),
		"duplicate name at root":  bytes.Replace(good, []byte(`"TopParentName"`), []byte(`"ControlStates": 1, "TopParentName"`), 1),
		"duplicate before syntax": bytes.Replace(bytes.Replace(good, []byte(`"Name": "Control3"`), []byte(`"Name": "Control3", "Name": 1`), 1), []byte(`"Name": "Control40"`), []byte(`"Name": "Control40" x`), 1),
		"syntax before duplicate": bytes.Replace(bytes.Replace(good, []byte(`"Name": "Control40"`), []byte(`"Name": "Control40", "Name": 1`), 1), []byte(`"Name": "Control3"`), []byte(`"Name": "Control3" x`), 1),
		"invalid UTF-8":           bytes.Replace(good, []byte("Control40"), []byte("Control\xff"), 1),
		"bad escape":              bytes.Replace(good, []byte(`"Parent.X"`), []byte(`"Parent.\X"`), 1),
		"too deep":                []byte(deep),
		"trailing value":          append(bytes.Clone(good), "{}"...),
		"unterminated":            good[:len(good)/2],
		"scalar root":             []byte("12"),
		"many members, duplicate": []byte("{" + strings.Repeat(`"a": 1, `, 1) + manyMembers(40) + `, "m7": 2}`),
	}
	ours := editorState(50, func(i int) int { return i % 5 })
	theirs := editorState(50, func(i int) int { return i % 4 })
	defer SetLazyMin(SetLazyMin(0)) // these bases are small
	for name, base := range bases {
		lazy, errLazy := Merge(base, ours, theirs, EditorStatePolicy, testOptions)
		was := SetGuided(false)
		full, errFull := Merge(base, ours, theirs, EditorStatePolicy, testOptions)
		SetGuided(was)
		if fmt.Sprint(errLazy) != fmt.Sprint(errFull) || !reflect.DeepEqual(lazy, full) {
			t.Errorf("%s: lazy read: %v; full read: %v", name, errLazy, errFull)
		}
		t.Logf("%s: %v", name, errFull)
		if name != "scalar root" && errFull == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func manyMembers(n int) string {
	var ms []string
	for i := 0; i < n; i++ {
		ms = append(ms, fmt.Sprintf(`"m%d": {"x": [%d]}`, i, i))
	}
	return strings.Join(ms, ", ")
}

// mergeEditorStatesLazily merges three editor states, which must merge cleanly with
// base read lazily, and returns the reader that read base and the result.
func mergeEditorStatesLazily(t *testing.T, base, ours, theirs []byte) (*baseReader, Result) {
	t.Helper()
	var r *baseReader
	baseRead = func(br *baseReader) { r = br }
	defer func() { baseRead = nil }()
	res, err := Merge(base, ours, theirs, EditorStatePolicy, testOptions)
	if err != nil || !res.Clean() {
		t.Fatalf("merge: %v %+v", err, res.Conflicts)
	}
	if r == nil {
		t.Fatal("base was not read lazily")
	}
	return r, res
}

// readBaseLazily reads data as a lazy base and returns it with its reader.
func readBaseLazily(t *testing.T, data []byte) (*doc, *baseReader) {
	t.Helper()
	var r *baseReader
	baseRead = func(br *baseReader) { r = br }
	defer func() { baseRead = nil }()
	d, err := readBase(new(scratch), data, nil)
	if err != nil {
		t.Fatal(err)
	}
	return d, r
}

// TestLazyBaseExpandsOnce: expanding every container of base, in any order, gives
// the tree a full read gives, and reads each container's own text once.
func TestLazyBaseExpandsOnce(t *testing.T) {
	data := editorState(40, func(i int) int { return i })
	d, r := readBaseLazily(t, data)
	full, err := parseDoc(data, false, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var same func(a, b *node) bool
	same = func(a, b *node) bool {
		if a.kind != b.kind || a.raw != b.raw || a.str != b.str || a.hashOf() != b.hashOf() || a.hasIDs != b.hasIDs {
			return false
		}
		am, bm := a.members(), b.members()
		ae, be := a.elems(), b.elems()
		if len(am) != len(bm) || len(ae) != len(be) {
			return false
		}
		for i := range am {
			if am[i].key != bm[i].key || !same(am[i].val, bm[i].val) {
				return false
			}
		}
		for i := range ae {
			if !same(ae[i], be[i]) {
				return false
			}
		}
		return true
	}
	if !same(d.root, full.root) {
		t.Fatal("the lazy tree differs from the full read")
	}
	if r.expanded != len(r.recs) {
		t.Errorf("%d expansions for %d containers", r.expanded, len(r.recs))
	}
}
