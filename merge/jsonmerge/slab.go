package jsonmerge

// Nodes, bodies and member and entry lists are cut from slabs: one allocation per
// many. In the driver the garbage collector is off, so every allocation is fresh
// memory, and what costs is the pages first touched (about 4 us each, issue 18), not
// the bytes asked for: a slab's end that is never cut from is never touched. So a
// read that builds a node for every value (a whole read) sizes its next slab for all
// the text it has left, at the densest pac's JSON has, when that is many items; a
// read that builds few (a side read against base, an expansion of one container)
// doubles its slabs from small ones, as it cannot tell. Slabs of at most 256 nodes,
// which the reads used before, spread a whole read over dozens of the runtime's small
// spans, each with pages of its own to set up: on a 232 KB component read whole the
// driver touched about 40 pages more.

// slabs holds the rest of the current slab of each kind, and the size of the last
// one a read that doubles took.
type slabs struct {
	nodes  []node
	bodies []body
	ms     []member
	es     []*node

	nodeSlab, bodySlab, msSlab, esSlab int
}

// The fewest bytes of pac's JSON per node, per member, per container and per array
// entry, about (measured on the corpus' whole reads: 43 to 48, 55, 97 to 270 and 190
// to 320): a whole read's slab for text of n bytes holds n/perNode nodes, and so on.
const (
	perNode   = 48
	perMember = 56
	perBody   = 160
	perEntry  = 256
)

// minSlab is the smallest slab.
const minSlab = 16

// largeSlab is the fewest items a whole read's slab is sized for at once: smaller
// ones double as in other reads. A slab of many items is a large object of the
// runtime, laid out from a page of its own and touched only where it is cut from; a
// small one shares the pages of a span already in use (a small file read whole, a
// manifest of 5 KB, touched a dozen pages more with one slab for its text).
const largeSlab = 512

// longList is the length from which a list that does not fit in its slab is
// allocated on its own.
const longList = 64

// slabSize is the size of the next slab of a kind whose last one had *last items,
// for a read with left bytes of text still to read (0: not a whole read) at per bytes
// an item, to hold at least k items.
func slabSize(last *int, left, per, k int) int {
	n := max(2**last, minSlab)
	if left > 0 {
		// A whole read: what its text needs, or doubling from small slabs, never
		// more than what it needs.
		if need := left/per + minSlab; need >= largeSlab {
			n = need
		} else {
			n = min(n, need)
		}
	}
	*last = n
	return max(n, k)
}

// startRead makes the next slabs of a read that doubles start small again.
func (s *slabs) startRead() { s.nodeSlab, s.bodySlab, s.msSlab, s.esSlab = 0, 0, 0, 0 }

// node is a new node, zero: the builders set the fields they need one by one. left
// is what the read has left to read after it (see slabSize).
func (s *slabs) node(left int) *node {
	if len(s.nodes) == 0 {
		s.nodes = make([]node, slabSize(&s.nodeSlab, left, perNode, 1))
	}
	n := &s.nodes[0]
	s.nodes = s.nodes[1:]
	return n
}

func (s *slabs) body(left int) *body {
	if len(s.bodies) == 0 {
		s.bodies = make([]body, slabSize(&s.bodySlab, left, perBody, 1))
	}
	b := &s.bodies[0]
	s.bodies = s.bodies[1:]
	return b
}

// memberList and elemList cut a list of k; a long list that does not fit in what is
// left of the slab gets its own allocation, so that the rest stays for the lists
// that follow.
func (s *slabs) memberList(k, left int) []member {
	if len(s.ms) < k && k >= longList {
		return make([]member, k)
	}
	if len(s.ms) < k {
		s.ms = make([]member, slabSize(&s.msSlab, left, perMember, k))
	}
	out := s.ms[:k:k]
	s.ms = s.ms[k:]
	return out
}

func (s *slabs) elemList(k, left int) []*node {
	if len(s.es) < k && k >= longList {
		return make([]*node, k)
	}
	if len(s.es) < k {
		s.es = make([]*node, slabSize(&s.esSlab, left, perEntry, k))
	}
	out := s.es[:k:k]
	s.es = s.es[k:]
	return out
}

// left is what a read has left to read past end, for the size of its next slabs: 0
// (double them) unless it is a whole read.
func (b *nodeBuilder) left(end int) int {
	if !b.whole {
		return 0
	}
	return max(len(b.data)-end, 1)
}
