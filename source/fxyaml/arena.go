package fxyaml

import "unsafe"

// The parser's allocations, made in slabs: a file holds one property node per formula
// line or block, so allocating each node (and its source record) on its own made
// parsing mostly malloc and garbage-collector work. A slab is never grown: nodes keep
// pointers into it, and a full slab is simply replaced by a new one.

const slabSize = 256

// parsedProperty is a parsed property and its source record in one allocation.
type parsedProperty struct {
	prop Property
	src  propSource
}

// parsedBlock is a parsed block and its source record in one allocation.
type parsedBlock struct {
	block Block
	src   blockSource
}

type arena struct {
	// left bounds the nodes still to come (the lines not yet read): a slab is cut to
	// it, so a small file does not zero slabs many times its size.
	left   int
	props  []parsedProperty
	blocks []parsedBlock
	trivia []Trivia
	nodes  []Node // backing array of the blocks' bodies
	// scratch is set when scanning (Scan): a property or trivia line is noted and
	// forgotten, so one of each is reused.
	scratch     bool
	scratchProp parsedProperty
	scratchTriv Trivia
	freeBlocks  []*parsedBlock // when scanning: blocks whose frames closed, for reuse
}

// slab returns the length of a new slab of at most n nodes.
func (a *arena) slab(n int) int { return max(1, min(n, a.left)) }

func (a *arena) property() (*Property, *propSource) {
	if a.scratch {
		pp := &a.scratchProp
		pp.prop.src = &pp.src
		return &pp.prop, &pp.src
	}
	if len(a.props) == 0 {
		a.props = make([]parsedProperty, a.slab(slabSize))
	}
	pp := &a.props[0]
	a.props = a.props[1:]
	pp.prop.src = &pp.src
	return &pp.prop, &pp.src
}

func (a *arena) block() (*Block, *blockSource) {
	if n := len(a.freeBlocks); n > 0 {
		pb := a.freeBlocks[n-1]
		a.freeBlocks = a.freeBlocks[:n-1]
		*pb = parsedBlock{}
		pb.block.src = &pb.src
		return &pb.block, &pb.src
	}
	if len(a.blocks) == 0 {
		a.blocks = make([]parsedBlock, a.slab(slabSize/4))
	}
	pb := &a.blocks[0]
	a.blocks = a.blocks[1:]
	pb.block.src = &pb.src
	return &pb.block, &pb.src
}

// release gives back a block whose frame closed, when scanning: nothing refers to it
// any more.
func (a *arena) release(b *Block) {
	if a.scratch {
		// b is the first field of the parsedBlock that block() handed out.
		a.freeBlocks = append(a.freeBlocks, (*parsedBlock)(unsafe.Pointer(b)))
	}
}

func (a *arena) triviaLine(l Line) *Trivia {
	if a.scratch {
		a.scratchTriv.Line = l
		return &a.scratchTriv
	}
	if len(a.trivia) == 0 {
		a.trivia = make([]Trivia, a.slab(slabSize))
	}
	t := &a.trivia[0]
	a.trivia = a.trivia[1:]
	t.Line = l
	return t
}

// body returns a copy of ns in the node slab, its capacity cut to its length so that
// appending to a parsed body never writes into a neighbour's. pending is how many
// nodes read so far still wait for their body to be copied (ns among them).
func (a *arena) body(ns []Node, pending int) []Node {
	if len(ns) == 0 {
		return nil
	}
	if len(ns) > cap(a.nodes)-len(a.nodes) {
		a.nodes = make([]Node, 0, max(min(4*slabSize, a.left+pending), len(ns)))
	}
	start := len(a.nodes)
	a.nodes = append(a.nodes, ns...)
	return a.nodes[start:len(a.nodes):len(a.nodes)]
}
