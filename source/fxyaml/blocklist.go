package fxyaml

// blockList holds a scan's blocks while it reads them, in chunks that are never moved,
// so what it allocates is the blocks once in chunks and once in the slice all returns.
// A 3 MB screen has 10,000 blocks, most of a scan's memory and of the .fx.yaml fast
// path's heap (issue 18): appended to one slice, grown a quarter at a time past 256
// entries, each step a new copy, they took five times their final size; and a guess of
// the count beforehand (the lines that end in a colon) took a tenth of the fast path's
// time to count.
type blockList struct {
	chunks [][]SkeletonBlock
	n      int
}

// Chunks start small, for the small files that are most of them, and double up to
// maxBlockChunk blocks.
const (
	minBlockChunk = 16
	maxBlockChunk = 1024
)

// add appends b.
func (l *blockList) add(b SkeletonBlock) {
	last := len(l.chunks) - 1
	if last < 0 || len(l.chunks[last]) == cap(l.chunks[last]) {
		size := minBlockChunk
		if last >= 0 {
			size = min(2*cap(l.chunks[last]), maxBlockChunk)
		}
		l.chunks = append(l.chunks, make([]SkeletonBlock, 0, size))
		last++
	}
	l.chunks[last] = append(l.chunks[last], b)
	l.n++
}

// at returns block i; the pointer stays valid while blocks are added. Chunk k holds
// minBlockChunk<<k blocks up to maxBlockChunk, so i's chunk is found by arithmetic.
func (l *blockList) at(i int) *SkeletonBlock {
	k, start := 0, 0
	for size := minBlockChunk; size < maxBlockChunk; size *= 2 {
		if i < start+size {
			return &l.chunks[k][i-start]
		}
		k, start = k+1, start+size
	}
	i -= start
	return &l.chunks[k+i/maxBlockChunk][i%maxBlockChunk]
}

// all returns the blocks in one slice: the first chunk itself when there is one.
func (l *blockList) all() []SkeletonBlock {
	switch len(l.chunks) {
	case 0:
		return nil
	case 1:
		return l.chunks[0]
	}
	out := make([]SkeletonBlock, 0, l.n)
	for _, c := range l.chunks {
		out = append(out, c...)
	}
	return out
}
