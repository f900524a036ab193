package jsonmerge

import (
	"errors"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/canvasgit/canvasgit/source/jsondoc"
)

// Base is read lazily. A merge looks at little of base: the sides are read against it
// (see guide) and copy its unchanged values without looking inside them, and the merge
// and the writer take those copies whole. So base is read whole once to check it
// (every error a full read gives, at the same place) and to note what its containers'
// nodes need without their children (hasIDs, where the text ends; hashes are computed
// when asked for, see hashRec), and a
// container's children are made only when something asks for them (members, elems,
// find...), one level at a time: the nested containers among them are again lazy,
// their text passed over in one step. On the largest editor state of the replay
// cases (962 KB) the merge expands 364 of its 5,507 containers and makes 2,151 of its
// 29,011 values; a full read's nodes were 3.4 MB, some 830 fresh pages of a driver
// call (issue 18). The check costs about what reading into nodes costs, less the
// nodes, so what the merge does look at is read twice: a small base is read whole
// (lazyMin), and so is the base of the files whose merges look at most of it
// (Policy.lazyBase).
//
// An expansion cannot fail (the text was checked); if one did, it panics with a
// lazyError, which Merge turns into an internal error (the caller falls back).

// baseRec is what the check of base keeps of one container, in the order the
// containers close (a container's record follows those of the containers inside it).
type baseRec struct {
	end uint32 // offset in base just past the closing bracket
	// inner is how many containers it holds, at any depth (its record is preceded by
	// theirs), with recHasIDs set when it holds an id (node.hasIDs).
	inner uint32
}

const recHasIDs = 1 << 31

func (r baseRec) size() int { return int(r.inner &^ recHasIDs) }

// baseReader is base's text and records; it makes the children of base's lazy
// containers (expand).
type baseReader struct {
	data []byte
	recs []baseRec
	// hashes are the containers' hashes by record, 0 until hashRec computes them;
	// nil until it is first called (kept apart from the records: most merges ask
	// for few hashes, and the records of a whole editor state are then half the
	// pages, issue 18).
	hashes []uint64
	// shared is the body of every lazy container not yet expanded: it says who
	// expands them.
	shared body
	// exp reads a container's members or entries (see expander).
	exp expander
	// hasher is the Builder of the hash walks (hashRec).
	hasher checker
	// fast says fastCheck made the records (for the tests).
	fast bool
	// expanded counts the containers expanded, built the nodes made for their
	// children, hashWalks the hash walks and hashed the bytes they read (for the
	// tests).
	expanded, built, hashWalks, hashed int
}

// expander is the Builder of expand's reads: the members or entries of the one
// container read, scalars as a full read builds them, the containers inside as lazy
// nodes standing for their records.
type expander struct {
	*nodeBuilder // data and text are the container's text
	r            *baseReader
	at           int     // the container's offset in base
	kids         []int32 // the records of its containers, in order
	next         int     // the next of kids
	ms           []member
	es           []*node
	stacks       jsondoc.Stacks[*node]
}

// readBase reads base lazily: checked whole, giving what a full read gives (the same
// error for the same input), with a root whose children are made on demand.
func readBase(sc *scratch, data []byte, idKey map[string]bool) (*doc, error) {
	nb := newNodeBuilder(sc, data, false, idKey)
	var fc fastChecker
	recs, start, end, ok := fc.check(data, nb.idKeys) // checks UTF-8 too
	if !ok || !fastChecks {
		if !utf8.Valid(data) {
			return nil, &syntaxError{msg: "not valid UTF-8", line: 1}
		}
		c := &checker{scratch: sc, idKeys: nb.idKeys}
		var err error
		_, start, end, err = jsondoc.Parse[sketch](data, c, jsondoc.Options{MaxDepth: maxDepth, Share: true})
		if err != nil {
			var se *jsondoc.SyntaxError
			if errors.As(err, &se) {
				return nil, &syntaxError{msg: se.Msg, line: se.Line}
			}
			return nil, err
		}
		recs = c.recs
	}
	if len(recs) == 0 { // a scalar: nothing to spare
		return parseDocIn(sc, data, false, idKey, nil)
	}
	r := &baseReader{data: data, recs: recs, fast: ok && fastChecks}
	r.shared.src = r
	r.exp = expander{nodeBuilder: &nodeBuilder{scratch: sc, fromOurs: false, idKeys: nb.idKeys}, r: r}
	if baseRead != nil {
		baseRead(r)
	}
	root := r.lazyNode(sc.node(0), nb.text[start:end], int32(len(recs)-1))
	d := &doc{root: root, prefix: data[:start], suffix: data[end:], data: data}
	d.nl, d.indent = layout(data)
	return d, nil
}

// fastChecks says readBase tries fastCheck first; the tests turn it off to compare.
var fastChecks = true

// baseRead, when set (by the tests), is given each baseReader made.
var baseRead func(*baseReader)

// lazyNode makes n the lazy container whose text is raw and record rec.
func (r *baseReader) lazyNode(n *node, raw string, rec int32) *node {
	n.kind = kObject
	if raw[0] == '[' {
		n.kind = kArray
	}
	n.raw, n.rec = raw, rec
	if r.hashes != nil {
		n.hash = r.hashes[rec]
	}
	n.hasIDs = r.recs[rec].inner&recHasIDs != 0
	n.lazy, n.body = true, &r.shared
	return n
}

// expand makes the members or entries of n, a lazy container of base: its text is
// read again one level deep, the containers inside passed over by their records'
// ends (so that expanding every container of base costs about one read of it).
func (r *baseReader) expand(n *node) {
	e := &r.exp
	text := n.raw
	e.at = int(r.recs[n.rec].end) - len(text)
	// The direct children's records, from the last: each one's record is preceded by
	// those of the containers inside it.
	first := int(n.rec) - r.recs[n.rec].size()
	e.kids = e.kids[:0]
	for j := int(n.rec) - 1; j >= first; j -= r.recs[j].size() + 1 {
		e.kids = append(e.kids, int32(j))
	}
	slices.Reverse(e.kids)
	e.next, e.ms, e.es = 0, nil, nil
	e.text, e.data = text, r.data[e.at:e.at+len(text)]
	opts := jsondoc.Options{MaxDepth: maxDepth, Share: true, UncountedReuse: true}
	if _, _, _, err := jsondoc.Parse[*node](e.data, e, opts); err != nil || e.next != len(e.kids) {
		// base was checked whole before: its containers read again as they did.
		panic(lazyError{fmt.Sprintf("re-reading a container of base at offset %d: %v", e.at, err)})
	}
	n.lazy, n.body = false, nil
	r.expanded++
	r.built += len(e.ms) + len(e.es)
	switch {
	case len(e.ms) > 0:
		n.body = e.body(0)
		n.body.ms = e.ms
	case len(e.es) > 0:
		n.body = e.body(0)
		n.body.es = e.es
	}
	e.ms, e.es = nil, nil
}

// lazyError is the panic of a re-read of base that fails, which cannot happen:
// Merge turns it into an internal error.
type lazyError struct{ msg string }

// Stacks implements jsondoc.Stacker: the expander's own, as an expansion can happen
// while a side is read (the guide asks for base's members).
func (e *expander) Stacks() *jsondoc.Stacks[*node] { return &e.stacks }

// Reuse implements jsondoc.Reuser: the containers inside the one read are lazy.
func (e *expander) Reuse(start, level int, _ string, _ int) (*node, int, bool) {
	if level == 0 || (e.data[start] != '{' && e.data[start] != '[') {
		return nil, 0, false
	}
	rec := e.kids[e.next]
	e.next++
	end := int(e.r.recs[rec].end) - e.at
	return e.r.lazyNode(e.node(0), e.text[start:end], rec), end, true
}

func (e *expander) Array(elems []*node, _ jsondoc.Pos, _ int) *node {
	if len(elems) > 0 {
		e.es = e.elemList(len(elems), 0)
		copy(e.es, elems)
	}
	return nil // the container itself is the node expanded
}

func (e *expander) Object(members []jsondoc.Member[*node], _ jsondoc.Pos, _ int) (*node, error) {
	if len(members) > 0 {
		e.ms = e.memberList(len(members), 0)
		for i := range members {
			m := &members[i]
			e.ms[i] = member{key: m.Key, esc: nameOf(e.data, m.KeyPos.Offset, m.KeyEnd, m.Key), val: m.Val}
		}
	}
	return nil, nil
}

// hashRec is the hash of n, a lazy container of base, computed from its text: the
// check of base computes no hash (they were a fifth of it, and the merge asks for few:
// eq and the sequence matching, for values not known equal by their text). One walk of
// n's text computes the hashes of every container in it, kept in their records for
// the lazy nodes expansion makes of them later. A container's text is walked only
// while it is lazy, with none of its containers expanded (so none hashed by a walk of
// their own), and after it every record in it is known: each container of base is
// walked once at most, whatever is asked in what order.
func (r *baseReader) hashRec(n *node) uint64 {
	if r.hashes == nil {
		r.hashes = make([]uint64, len(r.recs))
	}
	if h := r.hashes[n.rec]; h != 0 {
		return h
	}
	end := int(r.recs[n.rec].end)
	h := &r.hasher
	if h.scratch == nil {
		h.scratch = new(scratch) // its own buffers: a walk may run inside a side's read
	}
	h.walk, h.recs, h.hashes, h.next = true, r.recs, r.hashes, int(n.rec)-r.recs[n.rec].size()
	if _, _, _, err := jsondoc.Parse[sketch](r.data[end-len(n.raw):end], h, jsondoc.Options{MaxDepth: maxDepth, Share: true}); err != nil || h.next != int(n.rec)+1 {
		panic(lazyError{fmt.Sprintf("re-reading a container of base at offset %d: %v", end-len(n.raw), err)})
	}
	r.hashWalks++
	r.hashed += len(n.raw)
	return r.hashes[n.rec]
}

// sketch is what the check of base (or a hash walk, see hashRec) builds of a value:
// what its container's record needs.
type sketch struct {
	hash   uint64
	inner  uint32 // how many containers it is and holds
	kind   kind
	hasIDs bool
}

// checker is the Builder of base's check: it builds nothing but the records, with the
// duplicate names' errors of nodeBuilder. With walk set it is the Builder of a hash
// walk (hashRec) instead: it computes the hashes of nodeBuilder and writes them to the
// records from next on, which the check made.
type checker struct {
	*scratch
	idKeys []string
	recs   []baseRec
	hashes []uint64 // a hash walk's: the baseReader's hashes
	walk   bool
	next   int
}

func (c *checker) Scalar(s jsondoc.Scalar) sketch {
	if !c.walk {
		k := kNumber
		switch s.Kind {
		case jsondoc.String:
			k = kString
		case jsondoc.Bool, jsondoc.Null:
			k = kNull // only strings and numbers count for hasIDs
		}
		return sketch{kind: k}
	}
	switch s.Kind {
	case jsondoc.String:
		return sketch{kind: kString, hash: hashScalar('s', s.Text)}
	case jsondoc.Number:
		return sketch{kind: kNumber, hash: hashNumber(s.Text)}
	case jsondoc.Bool:
		return sketch{kind: kBool, hash: hashScalar('l', s.Text)}
	}
	return sketch{kind: kNull, hash: hashScalar('l', s.Text)}
}

func (c *checker) Array(elems []sketch, _ jsondoc.Pos, end int) sketch {
	out := sketch{kind: kArray, inner: 1}
	if c.walk {
		h := arrayHashStart
		for _, e := range elems {
			h = arrayHashStep(h, e.hash)
		}
		out.hash = arrayHashEnd(h, len(elems))
		return c.record(out, end)
	}
	for _, e := range elems {
		out.inner += e.inner
		out.hasIDs = out.hasIDs || e.hasIDs
	}
	return c.record(out, end)
}

func (c *checker) Object(members []jsondoc.Member[sketch], _ jsondoc.Pos, end int) (sketch, error) {
	out := sketch{kind: kObject, inner: 1}
	if c.walk { // checked before: only the hash
		var sum uint64
		for i := range members {
			sum += memberHashOf(hashScalar('k', members[i].Key), members[i].Val.hash)
		}
		out.hash = objectHash(sum)
		return c.record(out, end), nil
	}
	kh := c.keyHashes[:0]
	for i := range members {
		m := &members[i]
		v := m.Val
		kh = append(kh, hashScalar('k', m.Key)) // for unique
		out.inner += v.inner
		out.hasIDs = out.hasIDs || v.hasIDs || ((v.kind == kNumber || v.kind == kString) && isIDKeyIn(c.idKeys, m.Key))
	}
	c.keyHashes = kh
	if err := unique(c.scratch, members, kh); err != nil {
		return sketch{}, err
	}
	return c.record(out, end), nil
}

func (c *checker) record(s sketch, end int) sketch {
	if c.walk {
		c.hashes[c.next] = s.hash
		c.next++
		return s
	}
	r := baseRec{end: uint32(end), inner: s.inner - 1}
	if s.hasIDs {
		r.inner |= recHasIDs
	}
	c.recs = append(c.recs, r)
	return s
}
