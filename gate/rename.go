package gate

import (
	"sort"
	"strings"

	"github.com/canvasgit/canvasgit/internal/gitobj"

	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// Rename detection as git's merge does it (diffcore-rename with merge-ort's settings):
// exact renames by blob id first, then files with the same unique basename that are at
// least 75% similar, then any pair at least 50% similar, best pairs first. Empty files
// are never renamed, and inexact matching only pairs regular files.
const (
	maxScore      = 60000
	minScore      = 30000 // 50%, git's default rename score
	basenameScore = minScore + (maxScore-minScore)/2
	renameLimit   = 7000 // merge.renameLimit default
	candidatesPer = 4    // best candidates kept per destination
	spanHashBase  = 107927
)

// emptyBlob is the id of the empty file, e69de29bb2d1d6434b8b29ae775ad8c2e48c5391
// (written out like emptyTree).
var emptyBlob = gitobj.ID{
	0xe6, 0x9d, 0xe2, 0x9b, 0xb2, 0xd1, 0xd6, 0x43, 0x4b, 0x8b,
	0x29, 0xae, 0x77, 0x5a, 0xd8, 0xc2, 0xe4, 0x8c, 0x53, 0x91,
}

// fileRef is a file at a path on one side.
type fileRef struct {
	path string
	e    entry
}

// renamePair is a detected rename from src (in the base) to dst (on the side).
type renamePair struct {
	src, dst string
	score    int
}

// spanCounts is git's fingerprint of a file for similarity: the number of bytes in
// each hashed chunk (chunks end at a newline or after 64 bytes), sorted by hash.
type spanCounts map[uint32]uint64

func (s *store) spans(h gitobj.ID, cache map[gitobj.ID]spanCounts) (spanCounts, error) {
	if sc, ok := cache[h]; ok {
		return sc, nil
	}
	b, err := s.cachedBlob(h)
	if err != nil {
		return nil, err
	}
	sc := hashChunks(b, !linemerge.IsBinary(b))
	cache[h] = sc
	return sc, nil
}

// hashChunks cuts b into chunks and counts bytes per chunk hash. In text, a CR before
// an LF is ignored. A last chunk without a newline and shorter than 64 bytes is not
// counted, as in git.
func hashChunks(b []byte, text bool) spanCounts {
	out := spanCounts{}
	var acc1, acc2 uint32
	n := 0
	for i := 0; i < len(b); i++ {
		c := uint32(b[i])
		if text && c == '\r' && i+1 < len(b) && b[i+1] == '\n' {
			continue
		}
		old1 := acc1
		acc1 = (acc1 << 7) ^ (acc2 >> 25)
		acc2 = (acc2 << 7) ^ (old1 >> 25)
		acc1 += c
		n++
		if n < 64 && c != '\n' {
			continue
		}
		out[(acc1+acc2*0x61)%spanHashBase] += uint64(n)
		n = 0
		acc1, acc2 = 0, 0
	}
	return out
}

// similarity is git's estimate of how much of dst was copied from src, 0..maxScore.
func (s *store) similarity(src, dst entry, min int, cache map[gitobj.ID]spanCounts) (int, error) {
	if !src.isReg() || !dst.isReg() {
		return 0, nil
	}
	ss, err := s.size(src.hash)
	if err != nil {
		return 0, err
	}
	ds, err := s.size(dst.hash)
	if err != nil {
		return 0, err
	}
	maxSize, baseSize := uint64(max(ss, ds)), uint64(min64(ss, ds))
	delta := maxSize - baseSize
	if maxSize*uint64(maxScore-min) < delta*maxScore {
		return 0, nil
	}
	if ds == 0 {
		return 0, nil
	}
	sc, err := s.spans(src.hash, cache)
	if err != nil {
		return 0, err
	}
	dc, err := s.spans(dst.hash, cache)
	if err != nil {
		return 0, err
	}
	var copied uint64
	for h, n := range sc {
		if m := dc[h]; m < n {
			copied += m
		} else {
			copied += n
		}
	}
	return int(copied * maxScore / maxSize), nil
}

func min64(a, b int64) int64 {
	if a < b {
		return a
	}
	return b
}

// basenameSame reports whether two paths end in the same file name.
func basenameSame(a, b string) bool {
	return baseName(a) == baseName(b)
}

func baseName(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[i+1:]
	}
	return p
}

type score struct {
	src, dst  int // dst < 0: empty slot
	score     int
	nameScore int
}

// scoreCompare orders candidate pairs best first, empty slots last (git's order).
func scoreCompare(a, b score) int {
	if a.dst < 0 {
		if b.dst >= 0 {
			return 1
		}
		return 0
	}
	if b.dst < 0 {
		return -1
	}
	if a.score == b.score {
		return b.nameScore - a.nameScore
	}
	return b.score - a.score
}

// detectRenames pairs deleted files (sources, sorted by path) with added files (dests,
// sorted by path) of one side. relevant limits which sources are worth an inexact
// search (nil: all of them); exact renames are looked for among all sources.
func (s *store) detectRenames(sources, dests []fileRef, relevant map[string]bool, cache map[gitobj.ID]spanCounts) ([]renamePair, error) {
	var src, dst []fileRef
	for _, f := range sources {
		if f.e.hash != emptyBlob {
			src = append(src, f)
		}
	}
	for _, f := range dests {
		if f.e.hash != emptyBlob {
			dst = append(dst, f)
		}
	}
	if len(src) == 0 || len(dst) == 0 {
		return nil, nil
	}
	srcUsed := make([]bool, len(src))
	dstPair := make([]int, len(dst)) // index+1 of the source, 0: none
	var pairs []renamePair
	record := func(d, sIdx, sc int) {
		srcUsed[sIdx] = true
		dstPair[d] = sIdx + 1
		pairs = append(pairs, renamePair{src: src[sIdx].path, dst: dst[d].path, score: sc})
	}

	// Exact renames: same blob; the basename and an unused source break ties.
	byHash := map[gitobj.ID][]int{}
	for i, f := range src {
		byHash[f.e.hash] = append(byHash[f.e.hash], i)
	}
	for d, f := range dst {
		best, bestScore, tries := -1, -1, 100
		for _, i := range byHash[f.e.hash] {
			cand := src[i]
			if (!cand.e.isReg() || !f.e.isReg()) && cand.e.mode != f.e.mode {
				continue
			}
			if srcUsed[i] {
				continue
			}
			sc := 1
			if basenameSame(cand.path, f.path) {
				sc++
			}
			if sc > bestScore {
				best, bestScore = i, sc
				if sc == 2 {
					break
				}
			}
			if tries--; tries == 0 {
				break
			}
		}
		if best >= 0 {
			record(d, best, maxScore)
		}
	}

	// Files whose basename is unique among the remaining sources and destinations.
	srcByBase := map[string]int{}
	for i, f := range src {
		if srcUsed[i] {
			continue
		}
		b := baseName(f.path)
		if _, dup := srcByBase[b]; dup {
			srcByBase[b] = -1
		} else {
			srcByBase[b] = i
		}
	}
	dstByBase := map[string]int{}
	for d, f := range dst {
		if dstPair[d] != 0 {
			continue
		}
		b := baseName(f.path)
		if _, dup := dstByBase[b]; dup {
			dstByBase[b] = -1
		} else {
			dstByBase[b] = d
		}
	}
	for i, f := range src {
		if srcUsed[i] || (relevant != nil && !relevant[f.path]) {
			continue
		}
		b := baseName(f.path)
		d, ok := dstByBase[b]
		if !ok || d < 0 || srcByBase[b] != i || dstPair[d] != 0 {
			continue
		}
		sc, err := s.similarity(f.e, dst[d].e, basenameScore, cache)
		if err != nil {
			return nil, err
		}
		if sc < basenameScore {
			continue
		}
		record(d, i, sc)
	}

	// Inexact renames among what is left.
	var left []int
	for i, f := range src {
		if !srcUsed[i] && (relevant == nil || relevant[f.path]) {
			left = append(left, i)
		}
	}
	var open []int
	for d := range dst {
		if dstPair[d] == 0 {
			open = append(open, d)
		}
	}
	if len(left) == 0 || len(open) == 0 {
		return pairs, nil
	}
	if uint64(len(left))*uint64(len(open)) > uint64(renameLimit)*uint64(renameLimit) {
		return pairs, nil
	}
	mx := make([]score, 0, len(open)*candidatesPer)
	for _, d := range open {
		m := []score{{dst: -1}, {dst: -1}, {dst: -1}, {dst: -1}}
		for _, i := range left {
			sc, err := s.similarity(src[i].e, dst[d].e, minScore, cache)
			if err != nil {
				return nil, err
			}
			o := score{src: i, dst: d, score: sc}
			if basenameSame(src[i].path, dst[d].path) {
				o.nameScore = 1
			}
			worst := 0
			for k := 1; k < candidatesPer; k++ {
				if scoreCompare(m[k], m[worst]) > 0 {
					worst = k
				}
			}
			if scoreCompare(m[worst], o) > 0 {
				m[worst] = o
			}
		}
		mx = append(mx, m...)
	}
	sort.SliceStable(mx, func(a, b int) bool { return scoreCompare(mx[a], mx[b]) < 0 })
	for _, c := range mx {
		if c.dst < 0 || c.score < minScore {
			break
		}
		if dstPair[c.dst] != 0 || srcUsed[c.src] {
			continue
		}
		record(c.dst, c.src, c.score)
	}
	return pairs, nil
}
