package main

import (
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// gateRow is canvasgit gate on every merge of one corpus history, against
// `git merge-tree --write-tree` on the same two parents: what CI pays to ask "is this
// merge safe?" with canvasgit's rules, against git's own answer. Each merge is timed
// as two whole processes, the order alternating from merge to merge; a run's figure
// is the sum over the merges. A gate that cannot decide (exit 2) stops the bench.
type gateRow struct {
	bundle      string
	runs        int
	merges      int
	plain, gate []float64 // seconds per run
	ratios      []float64 // gate / plain, run by run
	peakKiB     int64     // the largest peak RSS of a gate process
}

func (s *setup) gateRows() ([]gateRow, error) {
	bundles, runs := s.histories(3)
	var rows []gateRow
	for _, b := range bundles {
		gitDir, err := s.clone(b)
		if err != nil {
			return nil, err
		}
		merges, err := mergeParents(gitDir)
		if err != nil {
			return nil, err
		}
		r := gateRow{bundle: b, runs: runs, merges: len(merges)}
		for i := 0; i < runs; i++ {
			s.log("gate: %s, run %d of %d", b, i+1, runs)
			var plain, gate time.Duration
			for k, m := range merges {
				g := run{argv: []string{s.canvasgit, "gate", "--repo", gitDir, "--format", "json", m[0], m[1]}}
				t := run{argv: []string{"git", "--git-dir", gitDir, "merge-tree", "--write-tree", m[0], m[1]}}
				sg, st, err := onePair(g, t, k%2 == 1)
				if err != nil {
					return nil, err
				}
				gate, plain = gate+sg.wall, plain+st.wall
				r.peakKiB = max(r.peakKiB, sg.rssKB)
			}
			r.plain, r.gate = append(r.plain, plain.Seconds()), append(r.gate, gate.Seconds())
			r.ratios = append(r.ratios, float64(gate)/float64(plain))
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// mergeParents lists the two parents of every merge commit of a repository, oldest
// first (merges of more than two parents are left out: neither tool merges those).
func mergeParents(gitDir string) ([][2]string, error) {
	out, err := exec.Command("git", "--git-dir", gitDir, "rev-list", "--merges", "--parents", "--reverse", "--all").Output()
	if err != nil {
		return nil, fmt.Errorf("git rev-list --merges in %s: %w", gitDir, err)
	}
	var merges [][2]string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if f := strings.Fields(line); len(f) == 3 {
			merges = append(merges, [2]string{f[1], f[2]})
		}
	}
	return merges, nil
}
