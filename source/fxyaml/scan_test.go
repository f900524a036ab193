package fxyaml

import (
	"fmt"
	"strings"
	"testing"
)

// skeletonOf builds, from a parsed file, the skeleton Scan must report: the same facts
// read off the tree.
func skeletonOf(f *File) *Skeleton {
	sk := &Skeleton{BOM: f.BOM}
	var walk func(b *Block, parent, depth int)
	walk = func(b *Block, parent, depth int) {
		w := &Writer{}
		w.WriteBlock(b, 0)
		idx := len(sk.Blocks)
		sk.Blocks = append(sk.Blocks, SkeletonBlock{Kind: b.Kind, Name: b.Name, Type: b.Type, Depth: depth, Parent: parent,
			Start: b.Line() - 1, End: b.Line() - 1 + w.Lines(), Indent: Indent(b), ChildIndent: -1,
			Z: b.ZIndex(), InOrder: true, PacLayout: true})
		sb := &sk.Blocks[idx]
		for _, n := range b.Body { // the body's indent: its first property or block's
			if _, ok := n.(*Trivia); !ok {
				sb.ChildIndent = Indent(n)
				break
			}
		}
		ps := b.Properties()
		for _, p := range ps {
			if strings.Contains(p.Name, " ") {
				sb.SpacedProp = true
			}
		}
		for i := 1; i < len(ps); i++ {
			if CompareNames(ps[i-1].Name, ps[i].Name) >= 0 {
				sb.InOrder = false
			}
		}
		fs := b.Functions()
		for i := 1; i < len(fs); i++ {
			if CompareNames(fs[i-1].Name, fs[i].Name) >= 0 {
				sb.InOrder = false
			}
		}
		if b.Kind == ControlBlock {
			var kids []*Block
			for _, k := range b.Children() {
				if k.Kind == ControlBlock {
					kids = append(kids, k)
				}
			}
			for i := 1; i < len(kids); i++ {
				if kids[i].ZIndex() < kids[i-1].ZIndex() {
					sb.InOrder = false
				}
			}
		}
		rank := 0
		for _, n := range b.Body {
			r := rankTrivia
			switch n := n.(type) {
			case *Property:
				r = rankProperty
			case *Block:
				r = rankChild
				if n.Kind == FunctionBlock {
					r = rankFunction
				}
			}
			if r < rank {
				sb.PacLayout = false
			}
			rank = max(rank, r)
		}
		for _, n := range b.Body {
			if c, ok := n.(*Block); ok {
				walk(c, idx, depth+1)
			}
		}
	}
	for _, b := range f.Blocks() {
		sk.TopLevel++
		walk(b, -1, 0)
	}
	return sk
}

// checkScan checks that Scan accepts what Parse accepts and reports the skeleton of
// the parsed tree, and the property holding each watched line.
func checkScan(t *testing.T, name string, data []byte) {
	t.Helper()
	f, perr := Parse(data)
	var watch []int
	for i := 0; i < 40; i++ {
		watch = append(watch, i*7)
	}
	sk, serr := Scan(data, watch)
	if (perr == nil) != (serr == nil) || (perr != nil && perr.Error() != serr.Error()) {
		t.Fatalf("%s: Parse: %v; Scan: %v", name, perr, serr)
	}
	if perr != nil {
		return
	}
	want := skeletonOf(f)
	var lf, crlf, cr int
	for i := 0; i < len(data); i++ {
		switch {
		case data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n':
			crlf++
			i++
		case data[i] == '\n':
			lf++
		case data[i] == '\r':
			cr++
		}
	}
	if sk.LF != lf || sk.CRLF != crlf || sk.CR != cr {
		t.Fatalf("%s: Scan counts %d LF, %d CRLF, %d CR line breaks; want %d, %d, %d", name, sk.LF, sk.CRLF, sk.CR, lf, crlf, cr)
	}
	if sk.BOM != want.BOM || sk.TopLevel != want.TopLevel || len(sk.Blocks) != len(want.Blocks) {
		t.Fatalf("%s: Scan: BOM %v, %d top-level, %d blocks; want %v, %d, %d", name, sk.BOM, sk.TopLevel, len(sk.Blocks), want.BOM, want.TopLevel, len(want.Blocks))
	}
	lineStart := []int{0}
	for i := 0; i < len(data); i++ { // breaks as splitLines reads them: LF, CRLF, lone CR
		switch {
		case data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n':
			i++
			lineStart = append(lineStart, i+1)
		case data[i] == '\n' || data[i] == '\r':
			lineStart = append(lineStart, i+1)
		}
	}
	if sk.BOM && len(lineStart) > 0 {
		lineStart[0] = 3
	}
	offset := func(line int) int {
		if line >= len(lineStart) {
			return len(data)
		}
		return lineStart[line]
	}
	for i := range want.Blocks {
		w := &want.Blocks[i]
		w.Offset, w.EndOffset = offset(w.Start), offset(w.End)
	}
	for i := range sk.Blocks {
		g, w := sk.Blocks[i], want.Blocks[i]
		if fmt.Sprint(g) != fmt.Sprint(w) {
			t.Fatalf("%s: block %d: Scan %+v, want %+v", name, i, g, w)
		}
	}
	// The watched lines: the property of the tree whose lines hold each.
	spans := map[int]PropSpan{}
	idx := 0
	var walk func(b *Block)
	walk = func(b *Block) {
		me := idx
		idx++
		for _, n := range b.Body {
			switch n := n.(type) {
			case *Property:
				for l := n.Line() - 1; l < n.Line()-1+n.LineCount(); l++ {
					spans[l] = PropSpan{Block: me, Start: n.Line() - 1, End: n.Line() - 1 + n.LineCount()}
				}
			case *Block:
				walk(n)
			}
		}
	}
	for _, b := range f.Blocks() {
		walk(b)
	}
	checkRuns(t, name, data, f, offset)
	for k, w := range watch {
		ws, ok := spans[w]
		if !ok {
			ws = PropSpan{Block: -1}
		}
		if sk.Watched[k] != ws {
			t.Fatalf("%s: line %d: Scan says %+v, want %+v", name, w, sk.Watched[k], ws)
		}
	}
}

func TestScanMatchesParse(t *testing.T) {
	checkScan(t, "weather", []byte(weather))
	checkScan(t, "generated", generatedScreen(200))
	for _, in := range []string{
		"A As screen:\n    B: =1\n    A: =2\n",
		"A As screen:\n\n    B: =1\n",
		"A As screen:\n    B As label:\n        ZIndex: =3\n    C As label:\n        ZIndex: =2\n",
		"A As screen:\n    B As label:\n        ZIndex: =3\n\n    X: =1\n",
		"C As CanvasComponent:\n    G(a As Number):\n        a:\n            Default: =1\n    F(a As Number):\n        a:\n            Default: =1\n    X: |+\n        =a\n        \n\n",
		"A As screen:\n    B: =1\n    B: =2\n",
		"A As screen:\n\tB: =1\n",
		"A As screen:\r    B As label:\r        X: =1\r    C As label:\r\n        X: =1",
		"A As screen:\n  'p q': =1\n  B As label: =2\n\n  C As label:\n\n   # x\n\n  D As label:\n      X: =1\n",
		"",
	} {
		checkScan(t, fmt.Sprintf("%q", in), []byte(in))
	}
}

func TestScanCorpus(t *testing.T) {
	for _, f := range corpusFiles(t) {
		checkScan(t, f.name, f.data)
	}
}

// FuzzScan checks that Scan and Parse agree on every input.
func FuzzScan(f *testing.F) {
	f.Add([]byte(weather))
	f.Add([]byte("C As CanvasComponent:\n    F(a As Number):\n        a:\n            Default: =1\n    X: |+\n        =a\n        \n\n"))
	f.Add([]byte("\ufeff\"'A b' As screen\":\r\n  'p q': =1\r\n\r\n  B As label.x:\r\n    # c\r\n    Y: |-\r\n      =a:b\r\n"))
	f.Add([]byte("A As screen:\r\n    B: |\r\n        =1\r        x\r    C: =2\r\n                  \r\n")) // a lone CR among CRLFs
	f.Fuzz(func(t *testing.T, data []byte) { checkScan(t, "fuzz", data) })
}

// TestScanLayoutAfterManyBlocks checks a block's layout noted after the skeleton's
// array grew (a function after the properties and blank line of a screen that holds
// many blocks before it).
func TestScanLayoutAfterManyBlocks(t *testing.T) {
	for _, n := range []int{0, 1, 3, 7, 100} {
		var b []byte
		b = append(b, "S As screen:\n    Fill: =White\n\n"...)
		for i := 0; i < n; i++ {
			b = fmt.Appendf(b, "    L%d As label:\n        X: =1\n", i)
		}
		b = append(b, "    F(a As Number):\n        a:\n            Default: =1\n"...)
		checkScan(t, fmt.Sprint(n), b)
	}
}

// TestScanRuns checks the runs of properties ScanRuns reports for regions of lines
// (with Scan's skeleton), and ErrNotPropertyRun for a region that is not among one
// block's properties.
func TestScanRuns(t *testing.T) {
	data := "S As screen:\n    A: =1\n    B: |\n        =x\n        y\n\n    L As label:\n        X: =1\n"
	nested := "S As screen:\n    L As label:\n        X: =1\n    A: =1\n    C: =1\n"
	lineStart := func(s string, l int) int {
		off := 0
		for ; l > 0; l-- {
			off += strings.IndexByte(s[off:], '\n') + 1
		}
		return off
	}
	// run makes the expected run of the properties on lines [start, end).
	run := func(s string, block, start, end, indent int, prev, next string) PropRun {
		return PropRun{Block: block, Start: start, End: end, Offset: lineStart(s, start), EndOffset: lineStart(s, end),
			Indent: indent, Prev: prev, HasPrev: prev != "", Next: next, HasNext: next != ""}
	}
	none := PropRun{Block: -1}
	for _, tc := range []struct {
		data    string
		regions [][2]int
		want    []PropRun // nil: ErrNotPropertyRun
	}{
		{data, [][2]int{{1, 2}, {3, 5}}, []PropRun{run(data, 0, 1, 2, 4, "", "B"), run(data, 0, 2, 5, 4, "A", "")}}, // A; two lines of B's body
		{data, [][2]int{{4, 4}, {7, 8}}, []PropRun{run(data, 0, 2, 5, 4, "A", ""), run(data, 1, 7, 8, 8, "", "")}},  // a place inside B; X
		{data, [][2]int{{1, 3}}, []PropRun{run(data, 0, 1, 5, 4, "", "")}},                                          // A and B's key line
		{data, [][2]int{{2, 2}}, []PropRun{run(data, 0, 1, 5, 4, "", "")}},                                          // the place between A and B
		{data, [][2]int{{5, 5}}, []PropRun{run(data, 0, 2, 5, 4, "A", "")}},                                         // the place after B
		{data, [][2]int{{8, 8}}, []PropRun{run(data, 1, 7, 8, 8, "", "")}},                                          // the end of the file, after X
		{data, [][2]int{{6, 6}}, []PropRun{none}},                                                                   // before L's header: no property there
		{data, [][2]int{{0, 1}}, nil},                                                                               // a header
		{data, [][2]int{{5, 6}}, nil},                                                                               // a blank line
		{data, [][2]int{{4, 8}}, nil},                                                                               // B, a blank line, L
		{data, [][2]int{{7, 8}, {6, 7}}, nil},
		{nested, [][2]int{{4, 5}}, []PropRun{run(nested, 0, 4, 5, 4, "A", "")}},
		{nested, [][2]int{{3, 3}}, nil}, // the end of L's X and the start of S's A
		{nested, [][2]int{{2, 4}}, nil}, // X and A: properties of two blocks
	} {
		sk, err := ScanRuns([]byte(tc.data), tc.regions)
		if (err == nil) != (tc.want != nil) || (err != nil && err != ErrNotPropertyRun) {
			t.Errorf("%q %v: err %v, want runs %v", tc.data, tc.regions, err, tc.want)
			continue
		}
		if err != nil {
			continue
		}
		if fmt.Sprint(sk.Runs) != fmt.Sprint(tc.want) {
			t.Errorf("%q %v: runs %+v, want %+v", tc.data, tc.regions, sk.Runs, tc.want)
		}
		want, _ := Scan([]byte(tc.data), nil)
		sk.Runs = nil
		if fmt.Sprint(sk) != fmt.Sprint(want) {
			t.Errorf("%v: %+v, want %+v", tc.regions, sk, want)
		}
	}
}

// checkRuns checks ScanRuns on regions of data (which parses as f) against runs read
// off the tree: empty regions and regions of one and three lines at some 10 places
// through the file, one at a time, and all of them at once. offset is the byte offset
// of a line.
func checkRuns(t *testing.T, name string, data []byte, f *File, offset func(int) int) {
	t.Helper()
	type prop struct {
		block, start, end, indent int
		name                      string
	}
	var props []prop // in file order
	idx := 0
	var walk func(b *Block)
	walk = func(b *Block) {
		me := idx
		idx++
		for _, n := range b.Body {
			switch n := n.(type) {
			case *Property:
				props = append(props, prop{me, n.Line() - 1, n.Line() - 1 + n.LineCount(), Indent(n), n.Name})
			case *Block:
				walk(n)
			}
		}
	}
	for _, b := range f.Blocks() {
		walk(b)
	}
	// want returns the run of a region, and false when it is not among one block's
	// properties.
	want := func(r [2]int) (PropRun, bool) {
		var in []int // the properties that hold the region, or its place
		for i, p := range props {
			if r[0] == r[1] && p.start <= r[0] && r[0] <= p.end || r[0] < r[1] && p.start < r[1] && p.end > r[0] {
				in = append(in, i)
			}
		}
		if len(in) == 0 {
			return PropRun{Block: -1}, r[0] == r[1]
		}
		first, last := props[in[0]], props[in[len(in)-1]]
		covered := r[0] == r[1] || first.start <= r[0] && last.end >= r[1]
		for k, i := range in {
			if props[i].block != first.block || k > 0 && props[in[k-1]].end != props[i].start {
				covered = false
			}
		}
		if !covered {
			return PropRun{}, false
		}
		run := PropRun{Block: first.block, Start: first.start, End: last.end, Offset: offset(first.start), EndOffset: offset(last.end), Indent: first.indent}
		for i := in[0] - 1; i >= 0; i-- {
			if props[i].block == first.block {
				run.Prev, run.HasPrev = props[i].name, true
				break
			}
		}
		for i := in[len(in)-1] + 1; i < len(props); i++ {
			if props[i].block == first.block {
				run.Next, run.HasNext = props[i].name, true
				break
			}
		}
		return run, true
	}
	whole, _ := Scan(data, nil)
	var all [][2]int               // regions of the file's lines, as a diff of it finds them
	step := max(whole.Lines/10, 1) // some 10 places: a scan per region
	for l := 0; l <= whole.Lines; l += step {
		for _, r := range [][2]int{{l, l}, {l, min(l+1, whole.Lines)}, {l, min(l+3, whole.Lines)}} {
			all = append(all, r)
			w, ok := want(r)
			sk, err := ScanRuns(data, [][2]int{r})
			if ok != (err == nil) || err != nil && err != ErrNotPropertyRun {
				t.Fatalf("%s: region %v: ScanRuns: %v, want a run: %v", name, r, err, ok)
			}
			if ok && sk.Runs[0] != w {
				t.Fatalf("%s: region %v: ScanRuns %+v, want %+v", name, r, sk.Runs[0], w)
			}
		}
	}
	sk, err := ScanRuns(data, all)
	wantOK := true
	for _, r := range all {
		if _, ok := want(r); !ok {
			wantOK = false
		}
	}
	if wantOK != (err == nil) {
		t.Fatalf("%s: all regions: ScanRuns: %v, want runs: %v", name, err, wantOK)
	}
	if err == nil {
		for k, r := range all {
			if w, _ := want(r); sk.Runs[k] != w {
				t.Fatalf("%s: region %v among all: ScanRuns %+v, want %+v", name, r, sk.Runs[k], w)
			}
		}
	}
}
