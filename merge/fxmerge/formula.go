package fxmerge

import (
	"strings"

	"github.com/canvasgit/canvasgit/merge/internal/structural"
	"github.com/canvasgit/canvasgit/merge/linemerge"
	"github.com/canvasgit/canvasgit/source/fxyaml"
)

// formulaMerge is a multi-line formula both sides changed in the same lines: the
// line-level merge of its `|` block body, written inside the block with git's markers
// around only the lines in conflict (as `git merge-file` would mark them), the key line
// and the merged lines around them shared.
type formulaMerge struct {
	property string // reported property name
	key      string // the key as ours wrote it
	trailing int    // line breaks after the last line (the chomp: 0 `|-`, 1 `|`, more `|+`)
	res      linemerge.Result
	reason   string
}

// isBlockProp tells whether a property spans lines: its formula has a line break, or
// the file wrote it as a `|` block. A one-line `Text: ="a: b"` does not (pac would
// write it as a block, but the file did not, and its conflict is one line as it is).
func isBlockProp(p *fxyaml.Property) bool {
	return p.LineCount() > 1 || strings.Contains(p.Value, "\n")
}

// formulaBody splits a property value into the lines of its `|` block body ("=" and
// the formula, as linemerge input with every line ended) and its trailing line breaks.
// An absent property (a base that lacks it) has no lines, and trailing -1, which equals
// no side's.
func formulaBody(p *fxyaml.Property) (body []byte, trailing int) {
	if p == nil {
		return nil, -1
	}
	v := strings.TrimRight(p.Value, "\n")
	return []byte("=" + v + "\n"), len(p.Value) - len(v)
}

// mergeFormula merges a property changed differently on both sides line by line when
// it is (on some side) a multi-line `|` block. ok is false when only a whole-property
// conflict fits: the sides disagree on the trailing line breaks (the chomp on the
// shared key line), or taking one side of every conflict would not leave a formula
// starting with '='.
func (m *merger) mergeFormula(name string, pb, po, pt *fxyaml.Property) (out propOut, ok bool) {
	bb, nb := formulaBody(pb)
	bo, no := formulaBody(po)
	bt, nt := formulaBody(pt)
	res, trailing, ok := structural.MergeFormula(bb, bo, bt, nb, no, nt, m.opt, m.charge)
	if !ok {
		return propOut{}, false
	}
	if res.Clean() {
		np := *po
		np.Value = strings.TrimPrefix(strings.TrimSuffix(string(res.Merged), "\n"), "=") + strings.Repeat("\n", trailing)
		return propOut{name: name, p: &np}, true
	}
	// Each conflict resolved to one side must still be a formula.
	for _, keep := range []int{sOurs, sTheirs} {
		if !strings.HasPrefix(resolved(res, m.opt.Favor, keep), "=") {
			return propOut{}, false
		}
	}
	return propOut{name: name, fx: &formulaMerge{property: name, key: po.Key(), trailing: trailing, res: res,
		reason: "both sides changed the same lines of the formula"}}, true
}

// chompIndicator is the `|` block indicator pac writes for a value ending in n line
// breaks.
func chompIndicator(n int) string {
	switch {
	case n == 0:
		return "|-"
	case n == 1:
		return "|"
	}
	return "|+"
}

// formula writes a formula conflict: the key line, the body lines one level deeper,
// and the line merge's conflict markers at column 0 as git writes them. Resolved to
// either side, the block is that side's formula (with the other side's changes
// elsewhere in it merged in).
func (r *renderer) formula(f *formulaMerge, indent int, path string) {
	pad := strings.Repeat(" ", indent)
	inner := pad + strings.Repeat(" ", fxyaml.IndentUnit)
	r.w.WriteLine(pad + f.key + ": " + chompIndicator(f.trailing))
	first := r.w.Lines() // output lines before the body
	structural.BodyLines(f.res, r.m.opt, func(l string, marker bool) {
		if marker {
			r.w.WriteLine(l)
		} else {
			r.w.WriteLine(inner + l)
		}
	})
	for i := 1; i < f.trailing; i++ {
		r.w.WriteLine(inner) // the |+ block's extra line breaks, as pac writes them
	}
	for _, c := range f.res.Conflicts {
		r.conflicts = append(r.conflicts, Conflict{StartLine: first + c.StartLine, EndLine: first + c.EndLine,
			ControlPath: path, Property: f.property, Reason: f.reason})
	}
}

// resolved is a line merge's output with every conflict resolved to side keep (with a
// side favoured, the output as it is: the other side is not written).
func resolved(res linemerge.Result, favor linemerge.Favor, keep int) string {
	if favor != linemerge.FavorNone {
		return string(res.Merged)
	}
	lines := strings.SplitAfter(string(res.Merged), "\n")
	var sb strings.Builder
	line := 1
	for _, c := range res.Conflicts {
		for ; line < c.StartLine; line++ {
			sb.WriteString(lines[line-1])
		}
		if keep == sOurs {
			sb.Write(c.Ours)
		} else {
			sb.Write(c.Theirs)
		}
		line = c.EndLine + 1
	}
	for ; line <= len(lines); line++ {
		sb.WriteString(lines[line-1])
	}
	return sb.String()
}
