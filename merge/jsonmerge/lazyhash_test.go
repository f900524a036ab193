package jsonmerge

import (
	"math/rand"
	"testing"
)

// TestLazyBaseHashes: the check of base computes no hash; a hash asked for later is
// the one a full read computes, whatever is asked first (a container not expanded,
// or one whose children were made), and no byte of base is walked twice for them.
func TestLazyBaseHashes(t *testing.T) {
	data := editorState(60, func(i int) int { return i % 9 })
	full, err := parseDoc(data, false, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for seed := int64(0); seed < 20; seed++ {
		d, r := readBaseLazily(t, data)
		if r.hashes != nil {
			t.Fatalf("the check computed hashes")
		}
		// Expand a random part of base, then ask every hash, in a random order of
		// depth: children before parents or parents before children.
		rnd := rand.New(rand.NewSource(seed))
		var walk func(l, f *node, expand bool)
		var pairs [][2]*node
		walk = func(l, f *node, expand bool) {
			pairs = append(pairs, [2]*node{l, f})
			if !isContainer(l.kind) || (!expand && l.lazy) {
				return
			}
			deeper := expand && rnd.Intn(3) > 0
			lm, fm := l.members(), f.members()
			for i := range lm {
				walk(lm[i].val, fm[i].val, deeper)
			}
			le, fe := l.elems(), f.elems()
			for i := range le {
				walk(le[i], fe[i], deeper)
			}
		}
		walk(d.root, full.root, true)
		if seed%2 == 0 { // parents first
			for i := len(pairs) - 1; i >= 0; i-- {
				pairs[i], pairs[len(pairs)-1-i] = pairs[len(pairs)-1-i], pairs[i]
			}
		}
		rnd.Shuffle(len(pairs)/2, func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
		for _, p := range pairs {
			if p[0].hashOf() != p[1].hashOf() {
				t.Fatalf("seed %d: a lazy hash differs from the full read's: %.60s", seed, p[0].raw)
			}
		}
		if r.hashed > len(data) {
			t.Errorf("seed %d: the hash walks read %d bytes of a base of %d", seed, r.hashed, len(data))
		}
	}
}

// TestEqWithoutHashes: a merge of sides that each changed a few controls of a large
// editor state tells their values apart without computing base's hashes.
func TestEqWithoutHashes(t *testing.T) {
	const controls = 2000
	base := editorState(controls, func(i int) int { return i % 11 })
	ours := editorState(controls, func(i int) int {
		if i == 5 || i == 1999 {
			return 99
		}
		return i % 11
	})
	theirs := editorState(controls, func(i int) int {
		if i == 700 {
			return 77
		}
		return i % 11
	})
	r, _ := mergeEditorStatesLazily(t, base, ours, theirs)
	if r.hashed > len(base)/20 {
		t.Errorf("the merge hashed %d bytes of base's %d", r.hashed, len(base))
	}
}

// TestLazyBaseWhen: base is read lazily for the policies that say so, from lazyMin
// bytes.
func TestLazyBaseWhen(t *testing.T) {
	base := editorState(400, func(i int) int { return i % 11 })
	if len(base) < lazyMin {
		t.Fatalf("base of %d bytes, under lazyMin", len(base))
	}
	changed := editorState(400, func(i int) int { return i % 5 })
	other := editorState(400, func(i int) int { return i % 3 })
	for _, c := range []struct {
		name         string
		p            Policy
		ours, theirs []byte
		lazy         bool
	}{
		{"editor state", EditorStatePolicy, changed, other, true},
		{"entropy", EntropyPolicy, changed, other, false},
		{"sarif", SarifPolicy, changed, other, false},
	} {
		read := false
		baseRead = func(*baseReader) { read = true }
		_, err := Merge(base, c.ours, c.theirs, c.p, testOptions)
		baseRead = nil
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if read != c.lazy {
			t.Errorf("%s: base read lazily: %v, want %v", c.name, read, c.lazy)
		}
	}
}
