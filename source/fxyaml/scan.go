package fxyaml

import (
	"cmp"
	"errors"
	"math"
	"slices"
	"strings"
	"unsafe"
)

// Scan reads a file the way Parse does, accepting and rejecting exactly the same
// input, but keeps no nodes: it reports the file's skeleton, one entry per block with
// its line span and what a merge needs to know about it without the nodes. It is for
// a caller that only has to know where the blocks are and whether they are written the
// way pac writes them (the structural merge's fast path, which scans the base of a
// merge instead of parsing all three inputs): a file of megabytes is scanned with a
// few allocations per block, where Parse allocates several per line.
//
// watch lists 0-based line numbers; Skeleton.Watched reports, for each, the property
// whose lines hold it.
func Scan(data []byte, watch []int) (*Skeleton, error) {
	return scan(data, watch, nil)
}

// ErrNotPropertyRun is ScanRuns' error for a region that is not within the property
// lines of one block.
var ErrNotPropertyRun = errors.New("a region is not within one block's properties")

// ScanRuns is Scan for a caller that needs each region [r[0], r[1]) of lines to lie
// among the properties of one block (the structural merge's fast path: a side that
// changed, added or deleted properties of a control). Runs reports, for each region,
// the properties that hold its lines, with the block's properties before and after
// them. An empty region (r[0] == r[1]) is a place before line r[0]: its run is the
// property that holds that place or ends or starts there, of one block. The scan
// stops with ErrNotPropertyRun as soon as a region is known to lie elsewhere (a line
// of it in no property, or properties of two blocks), where the caller has no use for
// the rest.
func ScanRuns(data []byte, regions [][2]int) (*Skeleton, error) {
	return scan(data, nil, regions)
}

// errReadAgain is parseWith's word to scan that the file holds a CR that ends no
// CRLF, read as a line break only by a reading that looks for CRs (scanner.loneCR).
var errReadAgain = errors.New("a lone CR: read the file again")

func scan(data []byte, watch []int, regions [][2]int) (*Skeleton, error) {
	sc := newScanner(data, watch, regions)
	f, err := parseWith(sc.data, sc, nil)
	if err == errReadAgain {
		sc = newScanner(data, watch, regions)
		sc.loneCR = true
		f, err = parseWith(sc.data, sc, nil)
	}
	if err != nil {
		return nil, err
	}
	if sc.stop { // noted on the last line read
		return nil, ErrNotPropertyRun
	}
	sk := sc.sk
	sk.BOM = f.BOM
	sk.Blocks = sc.blocks.all()
	return sk, nil
}

// newScanner returns the state of a scan of data that has read nothing yet.
func newScanner(data []byte, watch []int, regions [][2]int) *scanner {
	sk := &Skeleton{Watched: make([]PropSpan, len(watch)), Runs: make([]PropRun, len(regions))}
	for i := range sk.Watched {
		sk.Watched[i] = PropSpan{Block: -1}
	}
	for i := range sk.Runs {
		sk.Runs[i] = PropRun{Block: -1}
	}
	text := unsafe.String(unsafe.SliceData(data), len(data))
	sc := &scanner{sk: sk, watch: watch, regions: regions, data: text, order: make([]int, len(regions))}
	for k := range sc.order {
		sc.order[k] = k
	}
	slices.SortStableFunc(sc.order, func(a, b int) int { return cmp.Compare(regions[a][0], regions[b][0]) })
	sc.head = math.MaxInt
	if len(regions) > 0 {
		sc.head = regions[sc.order[0]][0]
	}
	return sc
}

// Skeleton is what Scan reports about a file.
type Skeleton struct {
	BOM bool
	// Lines is the number of lines of the file (without the BOM); LF, CRLF and CR
	// count those that end in each line break (a last line without one in none).
	Lines        int
	LF, CRLF, CR int
	// Blocks are the file's blocks (controls, functions, argument blocks) in file
	// order (a parent before its children).
	Blocks []SkeletonBlock
	// TopLevel is the number of top-level blocks.
	TopLevel int
	// Watched holds, for each line given to Scan, the property that holds it.
	Watched []PropSpan
	// Runs holds, for each region given to ScanRuns, the properties that hold it.
	Runs []PropRun
}

// SkeletonBlock is one block of a scanned file.
type SkeletonBlock struct {
	Kind BlockKind
	// The flags come next to Kind, where they pack without padding (a 3 MB screen has
	// 10,000 blocks: see scanner.open).
	//
	// SpacedProp is true when a property's name holds a space: its key could then be
	// spelled like a child control's key (`X As label: =1`).
	//
	// InOrder is true when the properties are in strictly increasing order of their
	// names (CompareNames), the functions too, and the child controls in non-decreasing
	// order of Z: the order pac writes, which a merge keeps.
	//
	// PacLayout is true when the body holds functions, then properties, then blank or
	// comment lines, then child blocks, nothing out of that order (Canonicalize's
	// layout): a block a merge rebuilds from its parts is then written as it was.
	SpacedProp, InOrder, PacLayout bool
	Name                           string
	Type                           string // a control's type (Block.Type)
	Depth                          int    // blocks it is nested in (0 at the top level)
	// Parent is the index of the enclosing block in Skeleton.Blocks, -1 at the top level.
	Parent int
	// Start is the 0-based line of the header; End is one past the block's last line,
	// the blank and comment lines it holds included. Offset and EndOffset are the
	// byte offsets in the scanned data of the start of those lines (EndOffset is the
	// data's length when the block ends the file).
	Start, End        int
	Offset, EndOffset int
	// Indent is the header's indent; ChildIndent the body's, -1 when the block has no
	// body line (only blank or comment lines, or none).
	Indent, ChildIndent int
	// Z is the ZIndex the block's children are ordered by (Block.ZIndex).
	Z float64
}

// PropSpan is a property's place in a scanned file: the index of its block in
// Skeleton.Blocks (-1 when no property holds the line) and its lines [Start, End).
type PropSpan struct {
	Block      int
	Start, End int
}

// PropRun is where a region given to ScanRuns lies: the properties of one block that
// hold its lines, the block's property before them and the one after them (their
// names: a caller that inserts properties there checks pac's order against them).
type PropRun struct {
	// Block is the index of the block in Skeleton.Blocks, -1 when no property holds
	// the region (an empty region with no property next to it).
	Block int
	// Start and End are the lines [Start, End) of the properties, Offset and
	// EndOffset their bytes; Indent is their indent.
	Start, End        int
	Offset, EndOffset int
	Indent            int
	// Prev is the name of the block's last property before Start and Next of its
	// first one from End on, when HasPrev and HasNext say there is one.
	Prev, Next       string
	HasPrev, HasNext bool
}

// scanner is the parser's state when it scans: what it notes per open block.
type scanner struct {
	sk      *Skeleton
	blocks  blockList // Skeleton.Blocks, until the scan ends
	watch   []int
	regions [][2]int // ScanRuns: the regions whose runs of properties it reports
	order   []int    // the regions by first line
	lo      int      // order[:lo] lie before the line being read
	head    int      // the first line of order[lo] (the most lines there are when none)
	waiting []int    // the runs whose block's next property is not read yet
	data    string   // the scanned data, BOM included
	stop    bool     // ScanRuns: a region is not within one block's properties
	loneCR  bool     // the data holds a CR that ends no CRLF: a line break too
}

// offset returns the byte offset in the data of line i, a header or the line that
// closes a block, never empty (a line's text is a substring of the data), or of the
// data's end when i is past the last line.
func (s *scanner) offset(p *parser, i int) int {
	if i >= p.first+len(p.lines) {
		return len(s.data)
	}
	return s.textOffset(p.line(i).Text)
}

// Body entries by the rank pac writes them in (PacLayout).
const (
	rankFunction = iota
	rankProperty
	rankTrivia
	rankChild
)

// scanFrame is what the scanner notes about one open block.
type scanFrame struct {
	index              int            // in Skeleton.Blocks
	block              *SkeletonBlock // blocks.at(index), once looked up
	rank               int
	lastProp, lastFunc string
	props, funcs       bool
	zSet, kids         bool
	lastKidZ           float64
}

// note records a body entry of the innermost frame.
func (s *scanner) note(p *parser, n Node) {
	if _, ok := n.(*Property); !ok && p.cur >= s.head {
		for _, k := range s.order[s.from(p.cur):] {
			if r := s.regions[k]; r[0] > p.cur {
				break
			} else if p.cur < r[1] { // a header or a blank or comment line: in no property
				s.stop = true
			}
		}
	}
	top := &p.stack[len(p.stack)-1]
	if top.block == nil {
		if b, ok := n.(*Block); ok {
			s.open(p, b, -1, 0)
			s.sk.TopLevel++
		}
		return
	}
	sf := &top.scan
	if sf.block == nil {
		sf.block = s.blocks.at(sf.index)
	}
	sb := sf.block
	rank := rankTrivia
	switch n := n.(type) {
	case *Property:
		rank = rankProperty
		if s.regions != nil {
			s.noteRuns(n, sf)
		}
		if sf.props && CompareNames(sf.lastProp, n.Name) >= 0 {
			sb.InOrder = false
		}
		sf.props, sf.lastProp = true, n.Name
		if strings.IndexByte(n.Name, ' ') >= 0 {
			sb.SpacedProp = true
		}
		if n.Name == "ZIndex" && !sf.zSet {
			sf.zSet, sb.Z = true, ParseZIndex(n.Value)
		}
		start, end := n.src.lineRange()
		for k, w := range s.watch {
			if w >= start && w < end {
				s.sk.Watched[k] = PropSpan{Block: sf.index, Start: start, End: end}
			}
		}
	case *Block:
		rank = rankChild
		if n.Kind == FunctionBlock {
			rank = rankFunction
			if sf.funcs && CompareNames(sf.lastFunc, n.Name) >= 0 {
				sb.InOrder = false
			}
			sf.funcs, sf.lastFunc = true, n.Name
		}
	}
	if rank < sf.rank {
		sb.PacLayout = false
	}
	sf.rank = max(sf.rank, rank)
	if b, ok := n.(*Block); ok {
		s.open(p, b, sf.index, sb.Depth+1)
	}
}

// noteRuns places a property of the block of frame sf (before sf notes it) in the runs
// of the regions it holds or follows.
func (s *scanner) noteRuns(n *Property, sf *scanFrame) {
	start, end := n.src.lineRange()
	if end < s.head && len(s.waiting) == 0 {
		return // most properties: before every region not yet passed, and no run waits
	}
	for _, k := range s.order[s.from(start):] {
		r := s.regions[k]
		if r[0] > end {
			break // and so do the regions after it
		}
		holds := start < r[1] && end > r[0]
		if r[0] == r[1] {
			holds = start <= r[0] // the place is in it, or at its start or end
		}
		run := &s.sk.Runs[k]
		switch {
		case !holds:
		case run.Block < 0:
			*run = PropRun{Block: sf.index, Start: start, Offset: s.textOffset(n.src.span),
				Indent: int(n.src.indent), Prev: sf.lastProp, HasPrev: sf.props}
			s.waiting = append(s.waiting, k)
			fallthrough
		case run.Block == sf.index:
			run.End, run.EndOffset = end, s.textOffset(n.src.span)+len(n.src.span)
		default:
			s.stop = true // properties of two blocks
		}
	}
	for i := 0; i < len(s.waiting); {
		if run := &s.sk.Runs[s.waiting[i]]; run.Block == sf.index && start >= run.End {
			run.Next, run.HasNext = n.Name, true
			s.waiting[i] = s.waiting[len(s.waiting)-1]
			s.waiting = s.waiting[:len(s.waiting)-1]
			continue
		}
		i++
	}
}

// from returns the index in s.order of the first region a line at or after l may be
// in or next to: the regions before it end before l (an empty one: is at a place
// before l), and so end before every line read from then on.
func (s *scanner) from(l int) int {
	for s.lo < len(s.order) {
		r := s.regions[s.order[s.lo]]
		if r[0] == r[1] && r[0] >= l || r[0] < r[1] && r[1] > l {
			s.head = r[0]
			return s.lo
		}
		s.lo++
	}
	s.head = math.MaxInt
	return s.lo
}

// textOffset returns the offset in the scanned data of a line's text (a substring of it).
func (s *scanner) textOffset(text string) int {
	return int(uintptr(unsafe.Pointer(unsafe.StringData(text))) - uintptr(unsafe.Pointer(unsafe.StringData(s.data))))
}

// open adds a block to the skeleton; its frame is pushed right after.
func (s *scanner) open(p *parser, b *Block, parent, depth int) {
	s.blocks.add(SkeletonBlock{Kind: b.Kind, Name: b.Name, Type: b.Type, Depth: depth, Parent: parent,
		Start: int(b.src.line) - 1, Offset: s.offset(p, int(b.src.line)-1), Indent: int(b.src.indent), ChildIndent: -1,
		Z: -1, InOrder: true, PacLayout: true})
	p.nextScan = s.blocks.n - 1
}

// close ends the innermost frame's block at the line being read, and places it in
// its parent's order of child controls (its ZIndex is known once its body is read).
func (s *scanner) close(p *parser) {
	top := &p.stack[len(p.stack)-1]
	if top.block == nil {
		return
	}
	sb := s.blocks.at(top.scan.index)
	sb.End, sb.EndOffset = p.cur, s.offset(p, p.cur)
	sb.ChildIndent = int(top.block.src.childIndent)
	for i := 0; i < len(s.waiting); { // no next property: the block's last was in the run
		if s.sk.Runs[s.waiting[i]].Block == top.scan.index {
			s.waiting[i] = s.waiting[len(s.waiting)-1]
			s.waiting = s.waiting[:len(s.waiting)-1]
			continue
		}
		i++
	}
	if top.block.Kind != ControlBlock || len(p.stack) < 2 {
		return
	}
	parent := &p.stack[len(p.stack)-2]
	if parent.block == nil || parent.block.Kind != ControlBlock {
		return
	}
	ps := &parent.scan
	if ps.kids && sb.Z < ps.lastKidZ {
		s.blocks.at(ps.index).InOrder = false
	}
	ps.kids, ps.lastKidZ = true, sb.Z
}
