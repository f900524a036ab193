package gate

import (
	"github.com/canvasgit/canvasgit/internal/gitobj"
)

// change is one file that differs between the merge base and one side.
type change struct {
	base, side entry // zero entry: no file at the path on that side
}

// diffTrees lists the files that differ between trees a and b, by path. Sub-trees with
// the same id on both sides are skipped without being read, so the cost follows the
// size of the change, not the size of the app.
func (s *store) diffTrees(a, b gitobj.ID, prefix string, out map[string]change) error {
	if a == b {
		return nil
	}
	ta, err := s.tree(a)
	if err != nil {
		return err
	}
	tb, err := s.tree(b)
	if err != nil {
		return err
	}
	inB := make(map[string]*treeEntry, len(tb.Entries))
	for i := range tb.Entries {
		inB[tb.Entries[i].Name] = &tb.Entries[i]
	}
	seen := make(map[string]bool, len(ta.Entries))
	for i := range ta.Entries {
		ea := &ta.Entries[i]
		seen[ea.Name] = true
		if err := s.diffEntry(joinPath(prefix, ea.Name), ea, inB[ea.Name], out); err != nil {
			return err
		}
	}
	for i := range tb.Entries {
		eb := &tb.Entries[i]
		if seen[eb.Name] {
			continue
		}
		if err := s.diffEntry(joinPath(prefix, eb.Name), nil, eb, out); err != nil {
			return err
		}
	}
	return nil
}

func (s *store) diffEntry(p string, ea, eb *treeEntry, out map[string]change) error {
	aDir := ea != nil && ea.Mode&typeMask == typeDir
	bDir := eb != nil && eb.Mode&typeMask == typeDir
	switch {
	case aDir && bDir:
		if ea.Hash != eb.Hash {
			return s.diffTrees(ea.Hash, eb.Hash, p, out)
		}
		return nil
	case aDir:
		if err := s.files(ea.Hash, p, func(path string, e entry) error {
			out[path] = change{base: e}
			return nil
		}); err != nil {
			return err
		}
		if eb != nil {
			out[p] = change{side: entry{eb.Mode, eb.Hash}}
		}
		return nil
	case bDir:
		if ea != nil {
			out[p] = change{base: entry{ea.Mode, ea.Hash}}
		}
		return s.files(eb.Hash, p, func(path string, e entry) error {
			out[path] = change{side: e}
			return nil
		})
	}
	var c change
	if ea != nil {
		c.base = entry{ea.Mode, ea.Hash}
	}
	if eb != nil {
		c.side = entry{eb.Mode, eb.Hash}
	}
	if c.base != c.side {
		out[p] = c
	}
	return nil
}
