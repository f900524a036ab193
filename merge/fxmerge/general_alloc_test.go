package fxmerge

import (
	"bytes"
	"fmt"
	"math"
	"runtime"
	"strings"
	"testing"
)

// generalScreen writes a screen of n controls in nested groups of three, each with the
// properties Studio writes for a label, the way the benchmark's synthetic screens are.
func generalScreen(n int) string {
	var sb strings.Builder
	sb.WriteString("Screen1 As screen:\n    Fill: =RGBA(255, 255, 255, 1)\n\n")
	for i := 0; i < n; i++ {
		depth := i % 3
		pad := strings.Repeat("    ", depth+1)
		typ := [3]string{"groupContainer.manualLayoutContainer", "label", "button"}[depth]
		fmt.Fprintf(&sb, "%sControl%d As %s:\n", pad, i, typ)
		for _, p := range []string{
			fmt.Sprintf("Fill: =RGBA(%d, %d, %d, 1)", i%256, i*7%256, i*13%256),
			fmt.Sprintf("Height: =%d", 20+i%50),
			fmt.Sprintf("OnSelect: =Set(varSelected, %d); Navigate(Screen%d)", i, i%7),
			fmt.Sprintf("Text: =\"Control %d\"", i),
			fmt.Sprintf("Visible: =CountRows(colItems) > %d", i),
			fmt.Sprintf("Width: =Parent.Width - %d", i%100),
			fmt.Sprintf("X: =%d", i),
			fmt.Sprintf("Y: =%d", i),
		} {
			fmt.Fprintf(&sb, "%s    %s\n", pad, p)
		}
		sb.WriteString("\n")
	}
	return sb.String()
}

// The general merge (both sides add a control, one edits a property) allocates about
// twice its three inputs: the controls no side changed are held as spans of the base
// (hidden.go) and only the rest is parsed and merged, the joined result (MergeGeneral's
// one buffer) being most of it. Merged whole, as when hiding does not apply, it is
// about four times: the sides share the base's parsed properties, empty lines and
// unchanged leaf bodies, a parsed node keeps spans of the input instead of copies, and
// the result's buffer is sized once. Before issue 18 it was 9.2 times (the peak memory
// of the merge driver follows it). The bounds, 3 and 6, leave room for ordinary
// growth, not for a return to parsing three whole files apart.
func TestGeneralMergeAllocations(t *testing.T) {
	// Both sides add a control at the same place (the end of the screen), which the
	// fast path leaves to the general merge, and theirs edits a formula.
	base := generalScreen(3000)
	ours := base + "    AddedOurs As label:\n        Text: =\"ours\"\n        ZIndex: =1\n"
	theirs := strings.Replace(base, "        Y: =1500\n", "        Y: =1500 + 1\n", 1) +
		"    AddedTheirs As label:\n        Text: =\"theirs\"\n        ZIndex: =2\n"
	b, o, th := []byte(base), []byte(ours), []byte(theirs)
	if _, ok := Fast(b, o, th); ok {
		t.Fatal("the fast path took the merge: the test needs the general one")
	}
	defer func(v int) { hiddenMinInput = v }(hiddenMinInput)
	for _, tc := range []struct {
		name     string
		minInput int
		bound    float64
	}{{"with unchanged controls hidden", hiddenMinInput, 3}, {"whole", math.MaxInt, 6}} {
		hiddenMinInput = tc.minInput
		res, err := MergeGeneral(b, o, th, Options{MarkerSize: 7})
		if err != nil || len(res.Conflicts) != 0 {
			t.Fatalf("merge: %v, %d conflicts", err, len(res.Conflicts))
		}
		for _, want := range []string{"AddedOurs As label", "AddedTheirs As label", "Y: =1500 + 1\n"} {
			if !bytes.Contains(res.Merged, []byte(want)) {
				t.Fatalf("the merge lost %q", want)
			}
		}
		const runs = 3
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		for i := 0; i < runs; i++ {
			if _, err := MergeGeneral(b, o, th, Options{MarkerSize: 7}); err != nil {
				t.Fatal(err)
			}
		}
		runtime.ReadMemStats(&after)
		in := len(b) + len(o) + len(th)
		perMerge := float64(after.TotalAlloc-before.TotalAlloc) / runs
		if ratio := perMerge / float64(in); ratio > tc.bound {
			t.Errorf("%s: the general merge of %d input bytes allocated %.0f bytes, %.1f times its inputs; want at most %g", tc.name, in, perMerge, ratio, tc.bound)
		} else {
			t.Logf("%s: the general merge of %d input bytes allocated %.0f bytes, %.1f times its inputs", tc.name, in, perMerge, ratio)
		}
	}
}
