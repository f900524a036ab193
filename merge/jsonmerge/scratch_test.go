package jsonmerge

import (
	"fmt"
	"strings"
	"testing"
)

// TestReadsShareScratch: the reads of one merge share their scratch: a read that
// follows another goes on with its slabs and reuses the reader's stacks, grown to the
// largest object once, so it allocates less than the same read on its own.
func TestReadsShareScratch(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("{\n")
	for i := range 400 {
		fmt.Fprintf(&sb, "  \"id%d\": {\"Name\": \"n%d\", \"X\": %d},\n", i, i, i)
	}
	sb.WriteString("  \"last\": [1, 2, 3]\n}\n")
	data := []byte(sb.String())

	alone := testing.AllocsPerRun(10, func() {
		if _, err := parseDocIn(new(scratch), data, false, nil, nil); err != nil {
			t.Fatal(err)
		}
	})
	sc := new(scratch)
	shared := testing.AllocsPerRun(10, func() {
		if _, err := parseDocIn(sc, data, false, nil, nil); err != nil {
			t.Fatal(err)
		}
	})
	if shared >= alone {
		t.Errorf("a read after others with their scratch allocated %v times, on its own %v: want fewer", shared, alone)
	}
}
