package pamerge

import (
	"strings"

	"github.com/canvasgit/canvasgit/merge/internal/structural"
	"github.com/canvasgit/canvasgit/source/payaml"
)

// renderer writes the merged tree in Studio's style ("\n" line breaks; the file's own
// are applied after), with conflict regions between git's markers.
type renderer struct {
	m         *merger
	b         strings.Builder
	lines     int // lines written so far
	conflicts []Conflict
	trivia    int // comment and blank lines written above entries and at the end
}

func (r *renderer) write(s string) {
	r.b.WriteString(s)
	r.lines += strings.Count(s, "\n")
}

func pad(n int) string { return strings.Repeat(" ", n) }

func (r *renderer) mapBody(om *oMap, indent int) {
	for _, e := range om.entries {
		r.entry(pad(indent), indent, e)
	}
}

// entry writes one entry whose first line starts with prefix.
func (r *renderer) entry(prefix string, indent int, e *oEntry) {
	var sb strings.Builder
	if e.reg == nil {
		for _, l := range e.leading {
			r.write(l + "\n")
		}
		r.trivia += len(e.leading)
	}
	switch {
	case e.val != nil:
		r.trivia += countTrivia(e.val)
		payaml.WriteEntry(&sb, prefix, indent, &payaml.Entry{Key: e.key, Value: e.val})
		r.write(sb.String())
	case e.m != nil:
		if len(e.m.entries) == 0 {
			r.write(prefix + payaml.FormatKey(e.key) + ": {}\n")
			return
		}
		r.write(prefix + payaml.FormatKey(e.key) + ":\n")
		r.mapBody(e.m, indent+payaml.IndentUnit)
	case e.s != nil:
		if len(e.s.items) == 0 {
			r.write(prefix + payaml.FormatKey(e.key) + ": []\n")
			return
		}
		r.write(prefix + payaml.FormatKey(e.key) + ":\n")
		for _, it := range e.s.items {
			r.item(indent+payaml.IndentUnit, it)
		}
	case e.fx != nil:
		r.formula(prefix, indent, e.fx)
	case e.reg != nil:
		r.region(e.reg, indent)
	}
}

// item writes one sequence item with its dash at indent.
func (r *renderer) item(indent int, it *oItem) {
	switch {
	case it.node != nil:
		var sb strings.Builder
		r.trivia += countTrivia(it.node)
		payaml.WriteItem(&sb, indent, it.node)
		r.write(sb.String())
	case it.entry.reg != nil:
		r.region(it.entry.reg, indent)
	default:
		r.entry(pad(indent)+"- ", indent+payaml.IndentUnit, it.entry)
	}
}

// region writes a conflict: each side's entry (or item) between markers, or with a
// side favoured that side alone.
func (r *renderer) region(g *region, indent int) {
	opt := r.m.opt
	start := r.lines + 1
	sec := func(s int) {
		e := g.entries[s]
		if e == nil {
			return
		}
		var sb strings.Builder
		if g.isItem {
			payaml.WriteItem(&sb, indent, &payaml.Map{Entries: []*payaml.Entry{e}})
		} else {
			payaml.WriteEntry(&sb, pad(indent), indent, e)
		}
		r.write(sb.String())
	}
	structural.Region(opt, r.marker, func() { sec(sOurs) }, func() { sec(sBase) }, func() { sec(sTheirs) })
	r.conflicts = append(r.conflicts, Conflict{StartLine: start, EndLine: r.lines, Path: g.path, Field: g.field, Reason: g.reason})
}

func (r *renderer) marker(c byte, label string) {
	r.write(structural.MarkerLine(c, label, r.m.opt.MarkerSize) + "\n")
}

// formula writes a formula merged line by line with conflicts: the key line, the
// block's lines one level deeper, the markers at column 0 as git writes them.
func (r *renderer) formula(prefix string, indent int, f *formulaMerge) {
	r.write(prefix + payaml.FormatKey(f.key) + ": " + chompIndicator(f.trailing) + "\n")
	first := r.lines
	inner := pad(indent + payaml.IndentUnit)
	structural.BodyLines(f.res, r.m.opt, func(l string, marker bool) {
		switch {
		case marker, l == "":
			r.write(l + "\n")
		default:
			r.write(inner + l + "\n")
		}
	})
	for i := 1; i < f.trailing; i++ {
		r.write("\n") // a |+ block's extra line breaks, as Studio writes them
	}
	for _, c := range f.res.Conflicts {
		r.conflicts = append(r.conflicts, Conflict{StartLine: first + c.StartLine, EndLine: first + c.EndLine,
			Path: f.path, Field: f.field, Reason: "both sides changed the same lines of the formula"})
	}
}

// countTrivia counts the comment and blank lines kept inside a value.
func countTrivia(n payaml.Node) int {
	f := &payaml.File{Root: &payaml.Map{Entries: []*payaml.Entry{{Key: &payaml.Scalar{Value: "x"}, Value: n}}}}
	return f.TriviaLines()
}
