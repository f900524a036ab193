package pamerge

// The structural merge is bounded by how much work its inputs need, counted in steps
// that are the same on every machine, never by time. What is counted (an upper bound of
// each part's cost):
//   - every node compared between two inputs costs one step per node of the smaller
//     subtree compared;
//   - every ordered sequence merged costs its three lengths, and the square of its
//     merged length when both sides reordered it (the reinsertion of moved items);
//   - every formula both sides changed costs (b+o)² + (b+t)², with b, o, t its lines in
//     base, ours and theirs: an upper bound of the two line diffs' search.
// The inputs' size is bounded separately (MaxInputBytes).

// charge counts n steps of work; past the limit the merge stops with a fallback.
func (m *merger) charge(n int64) bool {
	m.work += n
	if m.work > m.limit && m.overLimit == nil {
		m.overLimit = fallbackf("the inputs need more work than the structural merge's limit (%d steps; see docs/payaml-merge.md)", m.limit)
	}
	return m.overLimit == nil
}
