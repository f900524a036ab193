package gate

import (
	"container/heap"
	"errors"

	"github.com/canvasgit/canvasgit/internal/gitobj"
)

// commitNode is a commit of the history walk: a real commit, or a virtual one (the
// merged merge bases of a criss-cross history, which exists only in memory).
type commitNode struct {
	id      gitobj.ID // zero for a virtual commit
	tree    gitobj.ID
	date    int64 // committer time; 0 for a virtual commit, as in git
	parents []*commitNode
	loaded  bool
	missing bool
	// cut is set when some parents are not in the repository: the edge of a shallow
	// clone, or missing objects.
	cut bool
}

func (n *commitNode) String() string {
	if n.id.IsZero() {
		return "(merged merge bases)"
	}
	return n.id.String()
}

// graph loads commits on demand and computes merge bases as git does.
type graph struct {
	objects *gitobj.DB
	nodes   map[gitobj.ID]*commitNode
	shallow map[gitobj.ID]bool
}

func newGraph(objects *gitobj.DB, shallow []gitobj.ID) *graph {
	g := &graph{objects: objects, nodes: map[gitobj.ID]*commitNode{}, shallow: map[gitobj.ID]bool{}}
	for _, h := range shallow {
		g.shallow[h] = true
	}
	return g
}

// commit returns the node of a commit that must exist (a side of the merge).
func (g *graph) commit(h gitobj.ID) (*commitNode, error) {
	n := g.node(h)
	if err := g.load(n); err != nil {
		return nil, err
	}
	return n, nil
}

func (g *graph) node(h gitobj.ID) *commitNode {
	n := g.nodes[h]
	if n == nil {
		n = &commitNode{id: h}
		g.nodes[h] = n
	}
	return n
}

func (g *graph) load(n *commitNode) error {
	if n.loaded || n.id.IsZero() {
		return nil
	}
	if n.missing {
		return &MissingObjectError{Kind: "commit", Hash: n.id, Err: gitobj.ErrNotFound}
	}
	c, err := getCommit(g.objects, n.id)
	if err != nil {
		n.missing = true
		return &MissingObjectError{Kind: "commit", Hash: n.id, Err: err}
	}
	n.loaded = true
	n.tree = c.TreeHash
	n.date = c.CommitterTime
	if g.shallow[n.id] {
		// git treats the edge of a shallow clone as a commit without parents.
		n.cut = len(c.ParentHashes) > 0
		return nil
	}
	for _, p := range c.ParentHashes {
		n.parents = append(n.parents, g.node(p))
	}
	return nil
}

// loadedParents returns the parents of a loaded commit that are in the repository;
// a missing one marks the commit as cut.
func (g *graph) loadedParents(c *commitNode) ([]*commitNode, error) {
	if err := g.load(c); err != nil {
		return nil, err
	}
	out := c.parents[:0:0]
	for _, p := range c.parents {
		if err := g.load(p); err != nil {
			if !isMissing(err) {
				return nil, err
			}
			c.cut = true
			continue
		}
		out = append(out, p)
	}
	return out, nil
}

// Flags of the merge-base walk.
const (
	flagP1 = 1 << iota
	flagP2
	flagStale
	flagResult
)

type queued struct {
	n   *commitNode
	seq int
}

// commitQueue pops the newest commit first; equal dates come out in insertion order.
type commitQueue []queued

func (q commitQueue) Len() int { return len(q) }
func (q commitQueue) Less(i, j int) bool {
	if q[i].n.date != q[j].n.date {
		return q[i].n.date > q[j].n.date
	}
	return q[i].seq < q[j].seq
}
func (q commitQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *commitQueue) Push(x any)   { *q = append(*q, x.(queued)) }
func (q *commitQueue) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}

// ErrIncompleteHistory means the history needed to find the merge base is not in the
// repository (a shallow clone).
var ErrIncompleteHistory = errors.New("incomplete history")

// paint walks down from one (flag P1) and twos (flag P2) until every commit still
// queued is below a common ancestor, the walk of git's paint_down_to_common. It
// returns the common ancestors met, newest first, and the flags of every commit seen.
// incomplete is set when the walk needed parents that are not in the repository.
func (g *graph) paint(one *commitNode, twos []*commitNode) (result []*commitNode, flags map[*commitNode]uint8, incomplete bool, err error) {
	flags = map[*commitNode]uint8{}
	flags[one] |= flagP1
	if len(twos) == 0 {
		return []*commitNode{one}, flags, false, nil
	}
	q := &commitQueue{}
	seq := 0
	push := func(n *commitNode) {
		heap.Push(q, queued{n: n, seq: seq})
		seq++
	}
	push(one)
	for _, t := range twos {
		flags[t] |= flagP2
		push(t)
	}
	nonStale := func() bool {
		for _, e := range *q {
			if flags[e.n]&flagStale == 0 {
				return true
			}
		}
		return false
	}
	for nonStale() {
		c := heap.Pop(q).(queued).n
		f := flags[c] & (flagP1 | flagP2 | flagStale)
		if f == flagP1|flagP2 {
			if flags[c]&flagResult == 0 {
				flags[c] |= flagResult
				result = insertByDate(result, c)
			}
			f |= flagStale
		}
		parents, err := g.loadedParents(c)
		if err != nil {
			return nil, nil, false, err
		}
		if c.cut && f&flagStale == 0 {
			incomplete = true
		}
		for _, p := range parents {
			if flags[p]&f == f {
				continue
			}
			flags[p] |= f
			push(p)
		}
	}
	return result, flags, incomplete, nil
}

// insertByDate inserts c after every commit at least as new (git's
// commit_list_insert_by_date).
func insertByDate(list []*commitNode, c *commitNode) []*commitNode {
	i := 0
	for i < len(list) && list[i].date >= c.date {
		i++
	}
	list = append(list, nil)
	copy(list[i+1:], list[i:])
	list[i] = c
	return list
}

// mergeBases returns the best common ancestors of a and b, newest first, as
// `git merge-base --all` lists them.
func (g *graph) mergeBases(a, b *commitNode) ([]*commitNode, error) {
	if a == b {
		return []*commitNode{a}, nil
	}
	list, flags, incomplete, err := g.paint(a, []*commitNode{b})
	if err != nil {
		return nil, err
	}
	if incomplete {
		return nil, ErrIncompleteHistory
	}
	var result []*commitNode
	for _, c := range list {
		if flags[c]&flagStale == 0 {
			result = insertByDate(result, c)
		}
	}
	if len(result) <= 1 {
		return result, nil
	}
	// Drop the bases that are ancestors of other bases.
	redundant := make([]bool, len(result))
	for i := range result {
		if redundant[i] {
			continue
		}
		var others []*commitNode
		var idx []int
		for j := range result {
			if j != i && !redundant[j] {
				others = append(others, result[j])
				idx = append(idx, j)
			}
		}
		_, fl, _, err := g.paint(result[i], others)
		if err != nil {
			return nil, err
		}
		if fl[result[i]]&flagP2 != 0 {
			redundant[i] = true
		}
		for k, o := range others {
			if fl[o]&flagP1 != 0 {
				redundant[idx[k]] = true
			}
		}
	}
	var out []*commitNode
	for i, c := range result {
		if !redundant[i] {
			out = insertByDate(out, c)
		}
	}
	return out, nil
}

// depthToCut measures how many generations separate a commit from the edge of a
// shallow clone, to suggest how much more history to fetch.
func (g *graph) depthToCut(start *commitNode) int {
	depth := map[*commitNode]int{start: 1}
	queue := []*commitNode{start}
	best := 0
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c.cut || len(c.parents) == 0 {
			best = max(best, depth[c])
		}
		for _, p := range c.parents {
			if _, seen := depth[p]; !seen && p.loaded {
				depth[p] = depth[c] + 1
				queue = append(queue, p)
			}
		}
	}
	return best
}
