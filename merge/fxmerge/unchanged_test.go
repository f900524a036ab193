package fxmerge

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/canvasgit/canvasgit/merge/linemerge"
	"github.com/canvasgit/canvasgit/source/fxyaml"
)

// The shortcuts for unchanged controls (unchanged.go) give exactly what the general
// code gives. Every control of every merge case is tried as base, ours and theirs in
// every combination, so both the triples the shortcut takes (a control against
// itself) and the ones it must leave to the general code (edited, reordered, deleted
// properties) are covered.
func TestUnchangedShortcutsAgreeWithGeneralMerge(t *testing.T) {
	var blocks []*fxyaml.Block
	dirs, _ := filepath.Glob(filepath.Join(casesDir, "*"))
	for _, dir := range dirs {
		for _, name := range []string{"Base.fx.yaml", "Left.fx.yaml", "Right.fx.yaml"} {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				continue
			}
			f, err := fxyaml.Parse(data)
			if err != nil {
				continue
			}
			var walk func(b *fxyaml.Block)
			walk = func(b *fxyaml.Block) {
				blocks = append(blocks, b)
				for _, c := range b.Body {
					if k, ok := c.(*fxyaml.Block); ok {
						walk(k)
					}
				}
			}
			for _, b := range f.Blocks() {
				walk(b)
			}
		}
	}
	if len(blocks) < 100 {
		t.Fatalf("only %d controls in %s", len(blocks), casesDir)
	}
	m := newMerger(nil, &fxyaml.File{}, &fxyaml.File{}, linemerge.Options{MarkerSize: 7}, WorkLimit)
	taken := 0
	// Each control against itself (the shortcut's case) and its neighbours in the
	// walk (mostly other controls), with itself, a neighbour, another control or
	// nothing as the base.
	for i, o := range blocks {
		for j := max(0, i-3); j < min(len(blocks), i+4); j++ {
			th := blocks[j]
			for _, b := range []*fxyaml.Block{nil, o, th, blocks[(i+7)%len(blocks)]} {
				for _, skipZ := range []bool{false, true} {
					three := [3]*fxyaml.Block{b, o, th}
					got, ok := sameOursTheirsProps(three, skipZ)
					if ok {
						taken++
						if want := m.mergePropsByName(three, skipZ); !reflect.DeepEqual(got, want) {
							t.Fatalf("control %s against %s: shortcut %v, general %v", o.Name, th.Name, got, want)
						}
					}
					if hasBodyBlocks(three) == false && keyClash(three) != "" {
						t.Fatalf("control %s: a key clash without blocks", o.Name)
					}
					if got, want := keyClash(three), keyClashMap(three); got != want {
						t.Fatalf("control %s: keyClash %q, with a map %q", o.Name, got, want)
					}
					if !hasFunctions(three) && len(m.mergeFuncs(three)) != 0 {
						t.Fatalf("control %s: functions merged without functions", o.Name)
					}
				}
			}
		}
	}
	if taken == 0 {
		t.Fatal("the shortcut never applied")
	}
	t.Logf("%d controls, the shortcut applied %d times", len(blocks), taken)
}

// A clean result is not parsed again (the tests check the writer instead); a result
// with conflicts still is.
func TestCheckOutputParsesOnlyConflicts(t *testing.T) {
	broken := []byte("Screen1 As screen:\n  X: =1\n    Y: =2\n")
	if _, err := fxyaml.Parse(broken); err == nil {
		t.Fatal("the broken file parses")
	}
	if err := checkOutput(Result{Merged: broken}, Options{MarkerSize: 7}); err != nil {
		t.Errorf("clean result checked: %v", err)
	}
	withConflict := Result{Merged: broken, Conflicts: []Conflict{{StartLine: 2, EndLine: 2}}}
	if err := checkOutput(withConflict, Options{MarkerSize: 7}); err == nil {
		t.Error("a result with conflicts that does not parse passed the check")
	}
}

// keyClash finds the first block key that is a property's, as its map version does,
// whichever side holds the property.
func TestKeyClash(t *testing.T) {
	parse := func(s string) *fxyaml.Block {
		f, err := fxyaml.Parse([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return f.Root()
	}
	plain := parse("S As screen:\n    A: =1\n\n    L As label:\n        X: =1\n")
	clash := parse("S As screen:\n    \"L As label\": =1\n\n    M As label:\n        X: =1\n")
	for _, c := range []struct {
		three [3]*fxyaml.Block
		want  string
	}{
		{[3]*fxyaml.Block{plain, plain, plain}, ""},
		{[3]*fxyaml.Block{nil, plain, clash}, "L As label"},
		{[3]*fxyaml.Block{clash, plain, nil}, "L As label"},
	} {
		if got, m := keyClash(c.three), keyClashMap(c.three); got != c.want || m != c.want {
			t.Errorf("keyClash = %q, keyClashMap = %q, want %q", got, m, c.want)
		}
	}
}
