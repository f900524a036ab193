package fxyaml

import (
	"fmt"
	"math/bits"
	"regexp"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/canvasgit/canvasgit/internal/lazy"
)

const bom = "\xEF\xBB\xBF"

// splitLines cuts data into lines on LF, CRLF and lone CR (as .NET's ReadLine does).
func splitLines(text string) []Line {
	// A CRLF is one line break, not two: counting it twice doubled the lines' array
	// for the CRLF files pac writes on Windows.
	lf, cr := strings.Count(text, "\n"), strings.Count(text, "\r")
	if cr <= lf {
		// Every CR may be part of a CRLF (the usual case): then every break ends in
		// '\n', found by the vectorised IndexByte instead of a loop over every byte.
		// The CRLFs are counted on the way; a lone CR sends the file to the loop below.
		lines := make([]Line, 0, lf+1)
		start, crlf := 0, 0
		for {
			i := strings.IndexByte(text[start:], '\n')
			if i < 0 {
				break
			}
			end, eol := start+i, "\n"
			if end > start && text[end-1] == '\r' {
				end, eol = end-1, "\r\n"
				crlf++
			}
			lines = append(lines, Line{text[start:end], eol})
			start += i + 1
		}
		if crlf == cr {
			if start < len(text) {
				lines = append(lines, Line{text[start:], ""})
			}
			return lines
		}
	}
	lines := make([]Line, 0, lf+cr+1) // at least one break a line
	start := 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			lines = append(lines, Line{text[start:i], "\n"})
			start = i + 1
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				lines = append(lines, Line{text[start:i], "\r\n"})
				i++
			} else {
				lines = append(lines, Line{text[start:i], "\r"})
			}
			start = i + 1
		}
	}
	if start < len(text) {
		lines = append(lines, Line{text[start:], ""})
	}
	return lines
}

// dominantOf returns the most frequent line break ("\n" on a tie or when there is
// none), from the number of lines that end in LF, CRLF and a lone CR.
func dominantOf(lf, crlf, cr int) string {
	switch {
	case crlf > lf && crlf >= cr:
		return "\r\n"
	case cr > lf && cr > crlf:
		return "\r"
	}
	return "\n"
}

// countSpaces returns the number of spaces s starts with. It tests eight bytes at a
// time: every line of a file is measured (a formula's continuation lines too, indented
// 12 to 20 spaces in a screen), and the loop over bytes was the scan's largest cost.
func countSpaces(s string) int {
	const spaces = 0x2020202020202020
	i := 0
	for ; i+8 <= len(s); i += 8 {
		// The eight bytes as a little-endian word (the compiler makes it one load, and
		// one bounds check of the slice b).
		b := s[i : i+8]
		w := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		if x := w ^ spaces; x != 0 {
			return i + bits.TrailingZeros64(x)/8 // the lowest byte that is not a space
		}
	}
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

// frame is an open block (or the file) while its body is read. Bodies and keys of the
// open frames live on two shared stacks (a frame's entries from its start on), so that a
// body is allocated once, at its final size, when its block closes.
type frame struct {
	block     *Block // nil for the file itself
	old, new  int    // indent of the header (-1 for the file); indent of the body (-1 until known)
	bodyStart int    // the frame's entries are parser.body[bodyStart:]
	keysStart int    // the frame's keys are parser.keys[keysStart:]
	keyIndex  map[string]int
	scan      scanFrame // what Scan notes about the block
}

// seenKey is a key of an open frame and the 0-based line it was defined on.
type seenKey struct {
	key  string
	line int
}

// keyScanLimit is how many keys a frame looks through one by one before it indexes
// them in a map: most blocks hold a few dozen properties.
const keyScanLimit = 32

type parser struct {
	lines []Line // the window of lines read (see win)
	stack []frame
	body  []Node    // the entries of the open frames, innermost last
	keys  []seenKey // the keys of the open frames, innermost last
	arena arena
	file  *File
	// scan is set when the file is scanned (Scan): nodes are noted, not kept.
	scan *scanner
	// The lines are read a window at a time (win): lines[0] is line first, which
	// starts at offset offs[0] of the text.
	win      *lineWindow
	offs     []int
	first    int
	maxLines int    // a parse: at least the number of lines of the file
	reuse    *reuse // ParseSharedReusing: the reference file's properties
	nextScan int    // the skeleton index of the block about to be pushed
	cur      int    // the line being read
}

// defined returns the line of key in the innermost frame, or records it there.
func (p *parser) defined(key string, line int) (prev int, dup bool) {
	top := &p.stack[len(p.stack)-1]
	if top.keyIndex != nil {
		if prev, dup = top.keyIndex[key]; !dup {
			top.keyIndex[key] = line
		}
		return prev, dup
	}
	own := p.keys[top.keysStart:]
	for _, k := range own {
		if k.key == key {
			return k.line, true
		}
	}
	p.keys = append(p.keys, seenKey{key, line})
	if len(own)+1 > keyScanLimit {
		top.keyIndex = make(map[string]int, 2*keyScanLimit)
		for _, k := range p.keys[top.keysStart:] {
			top.keyIndex[k.key] = k.line
		}
	}
	return 0, false
}

// add appends an entry to the innermost frame's body.
func (p *parser) add(n Node) {
	if p.scan != nil {
		p.scan.note(p, n)
		return
	}
	p.body = append(p.body, n)
}

// push opens a frame for block b (nil for the file) whose header is at indent old.
func (p *parser) push(b *Block, old int) {
	p.stack = append(p.stack, frame{block: b, old: old, new: -1, bodyStart: len(p.body), keysStart: len(p.keys),
		scan: scanFrame{index: p.nextScan}})
}

// pop closes the innermost frame: its body goes to its block (or the file).
func (p *parser) pop() {
	top := &p.stack[len(p.stack)-1]
	if p.scan != nil {
		p.scan.close(p)
		if top.block != nil {
			p.arena.release(top.block)
		}
		p.keys = p.keys[:top.keysStart]
		p.stack = p.stack[:len(p.stack)-1]
		return
	}
	nodes := p.body[top.bodyStart:]
	body := p.reuse.body(nodes)
	if body == nil {
		body = p.arena.body(nodes, len(p.body))
	}
	if top.block != nil {
		top.block.Body = body
	} else {
		p.file.Body = body
	}
	clear(p.body[top.bodyStart:]) // drop the references the scratch stack held
	p.body = p.body[:top.bodyStart]
	p.keys = p.keys[:top.keysStart]
	p.stack = p.stack[:len(p.stack)-1]
}

func (p *parser) errorf(line, col int, format string, args ...any) error {
	return &SyntaxError{Line: line + 1, Column: col + 1, Msg: fmt.Sprintf(format, args...)}
}

// Parse reads an `.fx.yaml` file. It accepts what pac's reader accepts, except input
// the model could not write back faithfully; rejected input gives a *SyntaxError.
func Parse(data []byte) (*File, error) {
	return parse(string(data)) // one copy; every line is a substring of it
}

// ParseShared is Parse without the copy: the File's strings point into data, so data
// must not change while the File, or any string taken from it, is in use. It is for a
// caller that owns the buffer and is done with the tree before it reuses the buffer
// (the structural merge, which parses three inputs of up to megabytes per call).
func ParseShared(data []byte) (*File, error) {
	return parse(unsafe.String(unsafe.SliceData(data), len(data)))
}

func parse(text string) (*File, error) { return parseWith(text, nil, nil) }

// parseWith parses text, or scans it when sc is set (Scan), reusing the properties of
// ru's file when ru is set (ParseSharedReusing).
func parseWith(text string, sc *scanner, ru *reuse) (*File, error) {
	hasBOM := strings.HasPrefix(text, bom)
	if hasBOM {
		text = text[len(bom):]
	}
	if !utf8.ValidString(text) { // one pass over the file; the lines only place the error
		for i, l := range splitLines(text) {
			if !utf8.ValidString(l.Text) {
				col := 0
				for col < len(l.Text) {
					r, size := utf8.DecodeRuneInString(l.Text[col:])
					if r == utf8.RuneError && size <= 1 {
						break
					}
					col += size
				}
				return nil, &SyntaxError{Line: i + 1, Column: utf8.RuneCountInString(l.Text[:col]) + 1, Msg: "invalid UTF-8"}
			}
		}
	}
	if sc != nil {
		// As a parse below: a file whose every CR ends a CRLF is cut at each LF alone,
		// one search a line instead of two. A file where that does not hold is scanned
		// again the careful way by the caller, with a fresh scanner (errReadAgain).
		cr := 0
		if !sc.loneCR {
			cr = strings.Count(text, "\r")
		}
		f, crlf, err := parseLines(text, hasBOM, sc, nil, 0, sc.loneCR)
		if !sc.loneCR && crlf != cr {
			if err != nil { // the reading stopped early: count them all
				crlf = strings.Count(text, "\r\n")
			}
			if crlf != cr {
				return nil, errReadAgain
			}
		}
		return f, err
	}
	// A file whose every CR ends a CRLF (nearly all) is split at each LF alone, one
	// search a line instead of two. That is checked once the file is read (every CR
	// was counted in a CRLF); a file where it does not hold is read again the careful
	// way, and the first reading is dropped.
	lf, cr := strings.Count(text, "\n"), strings.Count(text, "\r")
	if cr == 0 || cr > lf { // no CR; or more CRs than LFs, so some CR is lone
		return parseLines2(text, hasBOM, ru, lf+cr+1, cr > 0)
	}
	f, crlf, err := parseLines(text, hasBOM, nil, ru, lf+1, false)
	if err != nil && crlf != cr {
		crlf = strings.Count(text, "\r\n") // the reading stopped early: count them all
	}
	if crlf != cr {
		if ru != nil {
			ru.next, ru.nextLeaf = 0, 0
		}
		return parseLines2(text, hasBOM, ru, lf+cr+1, true)
	}
	return f, err
}

// parseLines2 is parseLines for a parse, without the count of CRLFs.
func parseLines2(text string, hasBOM bool, ru *reuse, maxLines int, loneCR bool) (*File, error) {
	f, _, err := parseLines(text, hasBOM, nil, ru, maxLines, loneCR)
	return f, err
}

// parseLines parses text (past its BOM), or scans it when sc is set, reusing ru's
// properties when it is set. maxLines bounds the lines of a parse; loneCR says whether
// a CR not followed by an LF may break a line (else lines end at LFs alone). It also
// returns how many lines ended in a CRLF.
func parseLines(text string, hasBOM bool, sc *scanner, ru *reuse, maxLines int, loneCR bool) (*File, int, error) {
	f := &File{BOM: hasBOM}
	// The lines are read a window at a time (lineWindow), by a parse as by a scan: the
	// nodes keep the text they were read from, never the array of lines, which took a
	// third of a file's size again.
	p := &parser{file: f, scan: sc, win: &lineWindow{text: text, loneCR: loneCR}, reuse: ru}
	if sc == nil {
		// Every node takes at least one line: the bound of the lines sizes the slabs
		// of a small file.
		p.maxLines = maxLines
		p.arena.left = p.maxLines
	} else {
		p.arena.left = slabSize
		p.arena.scratch = true
	}
	p.push(nil, -1)
	if err := p.run(); err != nil {
		return nil, p.win.crlf, err
	}
	total := p.win.total
	p.cur = total
	for len(p.stack) > 0 {
		p.pop()
	}
	w := p.win
	if sc != nil {
		sc.sk.Lines = total
		sc.sk.LF, sc.sk.CRLF, sc.sk.CR = w.lf, w.crlf, w.cr
	} else {
		f.newline = dominantOf(w.lf, w.crlf, w.cr)
		f.mixedNewlines = (w.lf > 0 && f.newline != "\n") || (w.crlf > 0 && f.newline != "\r\n") || (w.cr > 0 && f.newline != "\r")
		f.NoFinalNewline = w.noFinalBreak
	}
	if (sc == nil && f.Root() == nil) || (sc != nil && sc.sk.TopLevel == 0) {
		return nil, w.crlf, &SyntaxError{Line: max(total, 1), Column: 1, Msg: "no control block: the file must start with a `Name As type:` header"}
	}
	return f, w.crlf, nil
}

// lineWindow splits a text into lines as splitLines does, a window at a time: the
// parser keeps the lines from the entry it reads on, where the lines of a whole file
// took a third of its size again.
type lineWindow struct {
	text         string
	pos          int  // the offset in text of the first line not split yet
	total        int  // lines split so far
	lf, crlf, cr int  // of those, the lines that end in LF, CRLF and a lone CR
	noFinalBreak bool // the last line split has no line break
	loneCR       bool // the text may hold a CR that is not part of a CRLF
}

// windowLines is how many lines a window reads at a time.
const windowLines = 256

// has reports whether line i exists, reading further when needed.
func (p *parser) has(i int) bool {
	for i-p.first >= len(p.lines) {
		if !p.win.more(p) {
			return false
		}
	}
	return true
}

// line returns line i (has(i) must hold).
func (p *parser) line(i int) Line { return p.lines[i-p.first] }

// span returns the text of lines [i, j) (all read; i < j), line breaks included.
func (p *parser) span(i, j int) string {
	last := p.lines[j-1-p.first]
	end := p.offs[j-1-p.first] + len(last.Text) + len(last.EOL)
	return p.win.text[p.offs[i-p.first]:end]
}

// more drops the lines before the one being read and reads up to windowLines more;
// false when the text is all read.
func (w *lineWindow) more(p *parser) bool {
	if w.pos == len(w.text) {
		return false
	}
	keep := p.cur - p.first
	n := copy(p.lines, p.lines[keep:])
	clear(p.lines[n:])
	copy(p.offs, p.offs[keep:])
	p.lines, p.offs, p.first = p.lines[:n], p.offs[:n], p.cur
	for k := 0; k < windowLines && w.pos < len(w.text); k++ {
		p.offs = append(p.offs, w.pos)
		var l Line
		var rest string
		if w.loneCR {
			l, rest = cutLine(w.text[w.pos:])
		} else {
			l, rest = cutLineLF(w.text[w.pos:])
		}
		w.pos = len(w.text) - len(rest)
		w.total++
		switch l.EOL {
		case "\n":
			w.lf++
		case "\r\n":
			w.crlf++
		case "\r":
			w.cr++
		}
		w.noFinalBreak = l.EOL == ""
		p.lines = append(p.lines, l)
	}
	return true
}

// cutLineLF is cutLine for a text with no lone CR: every CR ends a CRLF, so a line
// ends at an LF (one search instead of two).
func cutLineLF(rest string) (l Line, after string) {
	j := strings.IndexByte(rest, '\n')
	switch {
	case j < 0:
		return Line{rest, ""}, ""
	case j > 0 && rest[j-1] == '\r':
		return Line{rest[:j-1], "\r\n"}, rest[j+1:]
	}
	return Line{rest[:j], "\n"}, rest[j+1:]
}

// cutLine splits off the first line of rest: up to LF, CRLF or a lone CR, as
// splitLines.
func cutLine(rest string) (l Line, after string) {
	j := strings.IndexByte(rest, '\n')
	seg := rest
	if j >= 0 {
		seg = rest[:j]
	}
	if k := strings.IndexByte(seg, '\r'); k >= 0 {
		if k+1 < len(rest) && rest[k+1] == '\n' {
			return Line{rest[:k], "\r\n"}, rest[k+2:]
		}
		return Line{rest[:k], "\r"}, rest[k+1:]
	}
	if j < 0 {
		return Line{rest, ""}, ""
	}
	return Line{rest[:j], "\n"}, rest[j+1:]
}

func (p *parser) run() error {
	for i := 0; p.has(i); {
		if p.scan != nil && p.scan.stop {
			return ErrNotPropertyRun
		}
		if p.scan == nil {
			p.arena.left = p.maxLines - i // each node takes at least one line
		}
		p.cur = i
		text := p.line(i).Text
		ind := countSpaces(text)
		rest := text[ind:]
		top := &p.stack[len(p.stack)-1]
		if rest == "" || rest[0] == '#' {
			l := p.line(i)
			if t := p.reuse.blankLine(l); t != nil {
				p.add(t)
			} else {
				p.add(p.arena.triviaLine(l))
			}
			i++
			continue
		}
		switch rest[0] {
		case '\t':
			return p.errorf(i, ind, "use spaces, not tabs")
		case '-':
			return p.errorf(i, ind, "--- markers are not supported; only a single document per file")
		}
		if top.new < 0 {
			if ind <= top.old { // the block just opened is empty
				p.pop()
				continue
			}
			top.new = ind
			if top.block != nil {
				top.block.src.childIndent = int32(ind)
			}
		} else if ind > top.new {
			return p.errorf(i, ind, "property should be at the same indent level as the line before (%d spaces)", top.new)
		} else if ind < top.new {
			if ind > top.old {
				return p.errorf(i, ind, "property indent must align exactly with a previous indent level")
			}
			p.pop()
			continue
		}
		next, err := p.entry(i, ind)
		if err != nil {
			return err
		}
		i = next
	}
	return nil
}

// entry parses the key line at index i (indent ind) and, for a `|` property, its body.
// It returns the index of the next line to read.
func (p *parser) entry(i, ind int) (int, error) {
	text := p.line(i).Text
	top := &p.stack[len(p.stack)-1]

	// The key: a "…" key up to the closing quote, or text up to the first ':' outside '…'.
	j := ind
	dq := text[j] == '"'
	var key string
	if dq {
		j++
		for {
			if j >= len(text) {
				return 0, p.errorf(i, j, `missing closing "`)
			}
			if text[j] == '"' && text[j-1] != '\\' {
				break
			}
			j++
		}
		j++ // past the closing quote
		if j >= len(text) || text[j] != ':' {
			return 0, p.errorf(i, j, "missing ':' after the quoted key")
		}
		key = strings.Trim(strings.ReplaceAll(strings.TrimSpace(text[ind:j]), `\"`, `"`), `"`)
	} else {
		quoted := false
		for ; j < len(text) && (text[j] != ':' || quoted); j++ {
			if text[j] == '\'' {
				quoted = !quoted
			}
		}
		if j >= len(text) {
			if quoted {
				return 0, p.errorf(i, j, "missing closing ' in the key")
			}
			return 0, p.errorf(i, j, "missing ':'; if this is a multiline property, use |")
		}
		key = trimKey(text[ind:j])
	}
	j++ // past ':'
	spaces := countSpaces(text[j:])
	j += spaces
	if prev, dup := p.defined(key, i); dup {
		return 0, p.errorf(i, ind, "property '%s' was already defined on line %d", key, prev+1)
	}

	if j == len(text) {
		return i + 1, p.openBlock(i, ind, key)
	}

	// A property.
	if top.block == nil {
		return 0, p.errorf(i, ind, "a property outside any control block")
	}
	switch top.block.Kind {
	case FunctionBlock:
		return 0, p.errorf(i, ind, "unexpected property in a function definition (only argument blocks may follow)")
	case ArgBlock:
		if key != "Default" {
			return 0, p.errorf(i, ind, "unexpected key '%s' in function definition (only Default)", key)
		}
	}
	if text[j] == '#' {
		return 0, p.errorf(i, j, "# comments are not supported; use // within a property to add comments")
	}
	if spaces == 0 {
		return 0, p.errorf(i, j, "must have at least 1 space after colon")
	}
	name, ok := unescapeName(key)
	if !ok {
		return 0, p.errorf(i, ind, "unmatched escape delimiter in property name")
	}
	// The property is read into prop and src, and kept in the arena unless the
	// reference file has it already (reuse).
	var prop Property
	prop.Name = name
	reused := false // the reference file was searched for the property already
	src := propSource{key: key, indent: int32(ind), line: int32(i + 1)}
	next := i + 1
	switch text[j] {
	case '=':
		prop.Value = text[j+1:]
		if k := strings.IndexByte(prop.Value, '#'); k >= 0 {
			return 0, p.errorf(i, j+1+k, "# is not allowed in a single-line formula (pac reads it as a comment); use a | block")
		}
		src.span, src.lines = p.span(i, i+1), 1
	case '"', '\'':
		return 0, p.errorf(i, j, "quote is not a supported escape sequence; use = or |")
	case '>':
		return 0, p.errorf(i, j, "> is not a supported multiline escape; use |")
	case '|':
		chomp := byte(' ')
		k := j + 1
		if k < len(text) && (text[k] == '-' || text[k] == '+') {
			chomp = text[k]
			k++
		}
		k += countSpaces(text[k:])
		if k < len(text) {
			if text[k] == '#' {
				return 0, p.errorf(i, k, "# comments are not supported; use // within a property to add comments")
			}
			return 0, p.errorf(i, k, "content for | escape must start on the next line")
		}
		bodyIndent := -1
		var first byte
		content := false
		for p.has(next) {
			t := p.line(next).Text
			li := countSpaces(t)
			if li <= ind {
				break
			}
			if bodyIndent < 0 {
				bodyIndent = li
				first = '\n'
				if bodyIndent < len(t) {
					first = t[bodyIndent]
				}
			}
			if li < bodyIndent && li < len(t) {
				return 0, p.errorf(next, li, "line is indented less than the first line of its | block (%d spaces)", bodyIndent)
			}
			if bodyIndent < len(t) {
				content = true
			}
			next++
		}
		if bodyIndent < 0 || (chomp == '-' && !content) {
			return 0, p.errorf(i, j, "can't have empty multiline expressions")
		}
		if first != '=' {
			return 0, p.errorf(i+1, bodyIndent, "property value must start with an '='")
		}
		src.span, src.lines = p.span(i, next), int32(next-i)
		// The value is built once the lines are known good, and only when needed: a
		// property the reference file has is its node, and a scan needs no value but
		// ZIndex's (it checks the value's first byte and whether it is empty).
		if p.reuse != nil {
			if q := p.reuse.match(src.span); q != nil {
				p.add(q)
				return next, nil
			}
			reused = true // tried: not again below
		}
		if p.scan == nil || name == "ZIndex" {
			prop.Value = p.blockValue(i+1, next, bodyIndent, chomp)
		}
	default:
		return 0, p.errorf(i, j, "expected either '=' for a single line expression or '|' to begin a multiline expression")
	}
	src.value = prop.Value
	if p.reuse != nil && !reused {
		if q := p.reuse.match(src.span); q != nil {
			p.add(q)
			return next, nil
		}
	}
	kept, keptSrc := p.arena.property()
	kept.Name, kept.Value, *keptSrc = prop.Name, prop.Value, src
	p.add(kept)
	return next, nil
}

// blockValue builds the value of a `|` block property from its body lines [from, to),
// indented by bodyIndent (the value without its leading '='), in one allocation of its
// size.
func (p *parser) blockValue(from, to, bodyIndent int, chomp byte) string {
	size := 0
	for k := from; k < to; k++ {
		size += max(0, len(p.line(k).Text)-bodyIndent) + 1
	}
	var sb strings.Builder
	sb.Grow(size)
	for k := from; k < to; k++ {
		if t := p.line(k).Text; bodyIndent < len(t) {
			sb.WriteString(t[bodyIndent:])
		}
		sb.WriteByte('\n')
	}
	v := sb.String()
	if chomp == '-' {
		v = strings.TrimRight(v, "\n")
	}
	return v[1:]
}

// The function-header patterns are compiled on first use: their Unicode classes took
// most of this package's start-up time, which every merge-driver call pays.
var (
	fnNameRE = lazy.Of[*regexp.Regexp]{New: func() *regexp.Regexp {
		return regexp.MustCompile(`^([\p{L}\p{Nd}\p{Mn}\p{Mc}\p{Pc}\p{Cf}]+?)\(`)
	}}
	fnParamRE = lazy.Of[*regexp.Regexp]{New: func() *regexp.Regexp {
		return regexp.MustCompile(`^([\p{L}\p{Nd}\p{Mn}\p{Mc}\p{Pc}\p{Cf}]+?)\s+As\s+([\p{L}\p{Nd}\p{Mn}\p{Mc}\p{Pc}\p{Cf}]+)`)
	}}
)

func (p *parser) openBlock(i, ind int, key string) error {
	top := &p.stack[len(p.stack)-1]
	b, src := p.arena.block()
	switch {
	case top.block == nil:
		b.Kind = ControlBlock
	case top.block.Kind == FunctionBlock:
		b.Kind = ArgBlock
	case top.block.Kind == ArgBlock:
		return p.errorf(i, ind, "unexpected block in function argument metadata (only Default)")
	case isControlStart(key):
		b.Kind = ControlBlock
	default:
		b.Kind = FunctionBlock
	}
	switch b.Kind {
	case ControlBlock:
		name, typ, variant, ok := parseControlKey(key)
		if !ok {
			return p.errorf(i, ind, "can't parse control definition %q (expected `Name As type[.variant]`)", key)
		}
		b.Name, b.Type, b.Variant = name, typ, variant
	case FunctionBlock:
		m := fnNameRE.Get().FindStringSubmatch(key)
		if m == nil {
			return p.errorf(i, ind, "can't parse function definition %q", key)
		}
		b.Name = m[1]
		rest := key[len(m[0]):]
		for {
			m = fnParamRE.Get().FindStringSubmatch(rest)
			if m == nil {
				break
			}
			b.Params = append(b.Params, Param{Name: m[1], Type: m[2]})
			rest = strings.TrimLeft(rest[len(m[0]):], ", ")
		}
		if rest != ")" {
			return p.errorf(i, ind, "missing closing ')' in function definition %q", key)
		}
	case ArgBlock:
		b.Name = key
	}
	*src = blockSource{kind: b.Kind, name: b.Name, typ: b.Type, variant: b.Variant,
		params: joinParams(b.Params), key: key, header: p.span(i, i+1), indent: int32(ind), childIndent: -1, line: int32(i + 1)}
	p.add(b)
	p.push(b, ind)
	return nil
}

// trimKey is strings.TrimSpace for a key: a key that starts and ends with an ASCII
// byte that is not white space (all ASCII white space is at most ' ') is returned as
// it is, without a look at its runes (every property's key is trimmed).
func trimKey(k string) string {
	if n := len(k); n > 0 && k[0] > ' ' && k[0] < utf8.RuneSelf && k[n-1] > ' ' && k[n-1] < utf8.RuneSelf {
		return k
	}
	return strings.TrimSpace(k)
}

// trimBlanks is strings.TrimLeft(s, " \t") without building the cutset's table on
// every call (every header is read with it).
func trimBlanks(s string) string {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return s[i:]
}

func isControlStart(key string) bool {
	_, n, ok := readIdent(key)
	return ok && strings.HasPrefix(trimBlanks(key[n:]), "As")
}

// parseControlKey splits `Name As type[.variant]` (pac's TryParseControlDefCore).
func parseControlKey(key string) (name, typ, variant string, ok bool) {
	name, n, ok := readIdent(key)
	if !ok || name == "" {
		return "", "", "", false
	}
	rest := key[n:]
	if !strings.HasPrefix(rest, " ") {
		return "", "", "", false
	}
	rest = trimBlanks(rest)
	if !strings.HasPrefix(rest, "As ") {
		return "", "", "", false
	}
	rest = trimBlanks(rest[2:])
	typ, n, ok = readIdent(rest)
	if !ok || typ == "" {
		return "", "", "", false
	}
	if n == len(rest) {
		return name, typ, "", true
	}
	rest = rest[n:]
	if rest[0] != '.' {
		return "", "", "", false
	}
	variant, n, ok = readIdent(rest[1:])
	if !ok || variant == "" || n != len(rest)-1 {
		return "", "", "", false
	}
	return name, typ, variant, true
}
