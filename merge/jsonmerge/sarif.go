package jsonmerge

import (
	"fmt"
	"strconv"
)

// ruleIndexes points each SARIF result's ruleIndex back at its rule. A ruleIndex is
// the position of the result's rule in tool.driver.rules (SARIF 2.1.0 §3.27.6), so
// it goes stale when the merge adds, removes or moves rules: each result whose
// ruleId names a rule of the merged run gets that rule's position. A rule one side
// deleted (its last result gone there) while the other side added a result of it is
// put back at the end of the rules, from ours, theirs or base, so that every result's
// rule is listed. Places inside unresolved conflicts are left alone.
func (m *merger) ruleIndexes(root *node, sides ...*node) *node {
	if !m.p.RuleIndexes || root.kind != kObject {
		return root
	}
	fixed := 0
	runs := resolved(root.get("runs"))
	if runs == nil || runs.kind != kArray {
		return root
	}
	var elems []*node
	for i, e := range runs.elems() {
		run := resolved(e)
		if run == nil || run.kind != kObject {
			continue
		}
		if v, n := m.fixRun(run, sides); n > 0 {
			if elems == nil {
				elems = append([]*node(nil), runs.elems()...)
			}
			elems[i], fixed = v, fixed+n
		}
	}
	if elems == nil {
		return root
	}
	newRuns := arrayNode(elems)
	newRuns.hash = hashArray(elems)
	m.notes = append(m.notes, fmt.Sprintf("$.runs: %d result(s) given the ruleIndex of their rule in the merged rules", fixed))
	return replaceMember(root, "runs", newRuns)
}

// fixRun returns the run with its results' ruleIndex values corrected, and how many
// it corrected.
func (m *merger) fixRun(run *node, sides []*node) (*node, int) {
	pos := map[string]int{}
	rules := resolved(path3(run, "tool", "driver", "rules"))
	if rules == nil || rules.kind != kArray {
		return run, 0
	}
	if r := m.restoreRules(run, rules, sides); r != rules {
		run = replaceMember(run, "tool", replaceMember(resolved(run.get("tool")), "driver",
			replaceMember(path2(run, "tool", "driver"), "rules", r)))
		rules = r
	}
	i := 0
	for _, e := range rules.elems() {
		vals, ok := written(e)
		if !ok {
			return run, 0 // positions unknown past a conflict region
		}
		for _, r := range vals {
			if id := r.peek("id"); r.kind == kObject && id != nil && id.kind == kString {
				if _, dup := pos[id.str]; !dup {
					pos[id.str] = i
				}
			}
			i++
		}
	}
	results := resolved(run.get("results"))
	if results == nil || results.kind != kArray {
		return run, 0
	}
	n := 0
	var elems []*node
	for i, e := range results.elems() {
		r := resolved(e)
		if r == nil || r.kind != kObject {
			continue
		}
		// peek: a result read as it is in its input (a lazy copy) is not made only
		// to be read; the few whose ruleIndex changes are made by replaceMember.
		id, idx := r.peek("ruleId"), resolved(r.peek("ruleIndex"))
		if id == nil || id.kind != kString || idx == nil || idx.kind != kNumber {
			continue
		}
		want, ok := pos[id.str]
		text := strconv.Itoa(want)
		if !ok || sameNumber(idx.str, text) {
			continue
		}
		if elems == nil {
			elems = append([]*node(nil), results.elems()...)
		}
		elems[i] = replaceMember(r, "ruleIndex", numberNode(text))
		n++
	}
	if n == 0 {
		return run, 0
	}
	out := arrayNode(elems)
	out.hash = hashArray(elems)
	return replaceMember(run, "results", out), n
}

// restoreRules appends to rules each rule a result of the run uses that rules lacks
// and one of the sides lists (looked up in that order), with a note per rule.
func (m *merger) restoreRules(run, rules *node, sides []*node) *node {
	have := map[string]bool{}
	for _, e := range rules.elems() {
		if r := resolved(e); r != nil && r.kind == kObject {
			if id := r.peek("id"); id != nil && id.kind == kString {
				have[id.str] = true
			}
		}
	}
	results := resolved(run.get("results"))
	if results == nil || results.kind != kArray {
		return rules
	}
	var add []*node
	for _, e := range results.elems() {
		r := resolved(e)
		if r == nil || r.kind != kObject {
			continue
		}
		id := r.peek("ruleId")
		if id == nil || id.kind != kString || have[id.str] {
			continue
		}
		if rule := findRule(id.str, sides); rule != nil {
			have[id.str] = true
			add = append(add, rule)
			m.notes = append(m.notes, fmt.Sprintf("$.runs[].tool.driver.rules[?(@.id==%s)]: kept, because a result of the merged file uses it", quote(id.str)))
		}
	}
	if len(add) == 0 {
		return rules
	}
	out := arrayNode(append(append([]*node(nil), rules.elems()...), add...))
	out.hash = hashArray(out.elems())
	return out
}

// findRule finds the rule with the id in the first side that lists it.
func findRule(id string, sides []*node) *node {
	for _, s := range sides {
		if s == nil || s.kind != kObject {
			continue
		}
		runs := s.get("runs")
		if runs == nil || runs.kind != kArray {
			continue
		}
		for _, run := range runs.elems() {
			if run.kind != kObject {
				continue
			}
			rules := path3(run, "tool", "driver", "rules")
			if rules == nil || rules.kind != kArray {
				continue
			}
			for _, r := range rules.elems() {
				if r.kind == kObject {
					if v := r.peek("id"); v != nil && v.kind == kString && v.str == id {
						return r
					}
				}
			}
		}
	}
	return nil
}

// written lists the values an array element stands for in the output: itself, or
// for a conflict resolved to a side that side's values; ok false for a conflict left
// to the user.
func written(e *node) ([]*node, bool) {
	if e.kind != kConflict {
		return []*node{e}, true
	}
	switch e.body.conf.pick {
	case sideOurs:
		return e.body.conf.ours, true
	case sideTheirs:
		return e.body.conf.theirs, true
	}
	return nil, false
}

func path2(n *node, a, b string) *node {
	for _, k := range []string{a, b} {
		n = resolved(n.get(k))
		if n == nil {
			return nil
		}
	}
	return n
}

func path3(n *node, a, b, c string) *node {
	if n = path2(n, a, b); n == nil {
		return nil
	}
	return resolved(n.get(c))
}

// replaceMember is a copy of an object with one member's value replaced.
func replaceMember(n *node, key string, v *node) *node {
	members := append([]member(nil), n.members()...)
	members[n.find(key)].val = v
	return rebuilt(n, members)
}
