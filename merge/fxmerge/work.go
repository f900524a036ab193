package fxmerge

// The structural merge is bounded by how much work its inputs need, counted in steps
// that are the same on every machine, never by time: the same inputs give the same
// bytes on a busy CI runner and on an idle laptop. What is counted (an upper bound of
// each part's cost, so the count also bounds the time):
//   - every control of every input costs its depth + 1 (the walks along parent chains
//     and subtrees of the merge are that long);
//   - every sibling list whose order is merged costs its three lengths, and again the
//     merged length for each delete/modify conflict placed in it;
//   - every formula both sides changed costs (b+o)² + (b+t)², with b, o, t its lines in
//     base, ours and theirs: an upper bound of the two line diffs' search.
// The inputs' size is bounded separately (MaxInputBytes).

// charge counts n steps of work; past WorkLimit the merge stops (the first error is
// kept and returned by run) and false tells the caller to stop early.
func (m *merger) charge(n int64) bool {
	m.work += n
	if m.work > m.limit && m.overLimit == nil {
		m.overLimit = fallbackf("the inputs need more work than the structural merge's limit (%d steps; see docs/fxyaml-merge.md)", m.limit)
	}
	return m.overLimit == nil
}

// chargeTree counts the controls of one input by depth.
func (m *merger) chargeTree(v *version) bool {
	depth := make([]int64, len(v.order)) // by pre-order position
	for _, c := range v.order {          // pre-order: a parent comes before its children
		d := int64(0)
		if c.parent != nil {
			d = depth[c.parent.pre] + 1
		}
		depth[c.pre] = d
		if !m.charge(d + 1) {
			return false
		}
	}
	return true
}
