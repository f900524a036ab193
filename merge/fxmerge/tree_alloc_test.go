package fxmerge

import (
	"fmt"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/source/fxyaml"
)

// Indexing a file's controls takes one allocation for all of them, not one (or more)
// per control: the 10,000-control screen indexes 30,000 controls per merge.
func TestBuildVersionAllocations(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("Screen1 As screen:\n    Fill: =White\n\n")
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&sb, "    Group%d As group:\n        X: =1\n\n", i)
		for j := 0; j < 9; j++ {
			fmt.Fprintf(&sb, "        Label%d_%d As label:\n            X: =%d\n\n", i, j, j)
		}
	}
	f, err := fxyaml.Parse([]byte(sb.String()))
	if err != nil {
		t.Fatal(err)
	}
	n := controlCount(f)
	if n != 1001 {
		t.Fatalf("controlCount = %d, want 1001", n)
	}
	global := func(string) bool { return true }
	allocs := testing.AllocsPerRun(5, func() {
		m := &merger{nodes: make(map[string]*mnode, n)}
		v, err := m.buildVersion(sOurs, f, n, global)
		if err != nil || len(v.order) != n || len(v.roots) != 1 || len(v.roots[0].kids) != 100 {
			t.Fatalf("buildVersion: %v", err)
		}
	})
	if perControl := allocs / float64(n); perControl > 0.5 {
		t.Errorf("buildVersion made %.0f allocations for %d controls (%.2f a control), want at most 0.5", allocs, n, perControl)
	}
}
