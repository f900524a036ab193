package pamerge

import (
	"strings"

	"github.com/canvasgit/canvasgit/merge/internal/structural"
	"github.com/canvasgit/canvasgit/merge/linemerge"
	"github.com/canvasgit/canvasgit/source/payaml"
)

// formulaMerge is a multi-line formula both sides changed in the same lines: the line
// merge of its block, written inside the block with git's markers (at column 0, as git
// writes them) around only the lines in conflict.
type formulaMerge struct {
	key      *payaml.Scalar
	trailing int // line breaks after the last line: 0 `|-`, 1 `|`, more `|+`
	res      linemerge.Result
	path     string
	field    string
}

// formulaBody splits a value into its block's lines (every line ended, as linemerge
// input) and its trailing line breaks; an absent value has no lines and trailing -1,
// which equals no side's.
func formulaBody(s *payaml.Scalar) (body []byte, trailing int) {
	if s == nil {
		return nil, -1
	}
	v := strings.TrimRight(s.Value, "\n")
	return []byte(v + "\n"), len(s.Value) - len(v)
}

// isBlock tells whether a value is (or needs) a multi-line block.
func isBlock(s *payaml.Scalar) bool {
	return s != nil && (s.Style == payaml.Literal || strings.Contains(s.Value, "\n"))
}

// mergeScalar merges a scalar both sides changed differently: line by line when it is a
// multi-line formula on some side; nil when only a conflict on the whole entry fits
// (one-line values, or the sides disagree on the block's trailing line breaks).
func (m *merger) mergeScalar(c ctx, key *payaml.Scalar, b, o, t *payaml.Scalar) *oEntry {
	if !isBlock(b) && !isBlock(o) && !isBlock(t) {
		return nil
	}
	if o.Null || t.Null || b != nil && b.Null {
		return nil
	}
	bb, nb := formulaBody(b)
	bo, no := formulaBody(o)
	bt, nt := formulaBody(t)
	opt := m.opt
	res, trailing, ok := structural.MergeFormula(bb, bo, bt, nb, no, nt, opt, m.charge)
	if !ok {
		return nil
	}
	value := func(text string) string {
		return strings.TrimSuffix(text, "\n") + strings.Repeat("\n", trailing)
	}
	if res.Clean() {
		v := value(string(res.Merged))
		ns := payaml.NewScalar(v)
		if strings.Contains(v, "\n") && ns.Style != payaml.Literal {
			return nil // a block that cannot be written as one (leading spaces)
		}
		return &oEntry{key: key, val: ns}
	}
	// Each conflict resolved to one side must still be a block that reads back.
	for _, keep := range []byte{'<', '>'} {
		text := string(res.Merged)
		if opt.Favor == linemerge.FavorNone {
			text = string(linemerge.ResolveMarkers(res.Merged, opt.MarkerSize, keep))
		}
		if st, _ := payaml.FormatStyle(value(text)); st != payaml.Literal && strings.Contains(value(text), "\n") {
			return nil
		}
		if strings.HasPrefix(strings.TrimLeft(text, "\n"), " ") {
			return nil
		}
	}
	return &oEntry{key: key, fx: &formulaMerge{key: key, trailing: trailing, res: res, path: c.path, field: c.fieldName()}}
}

// chompIndicator is the block indicator for a value ending in n line breaks.
func chompIndicator(n int) string {
	switch {
	case n <= 0:
		return "|-"
	case n == 1:
		return "|"
	}
	return "|+"
}
