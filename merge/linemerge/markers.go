package linemerge

import "bytes"

// binarySniffLen is how much of a buffer git inspects for a NUL byte.
const binarySniffLen = 8000

// defaultMarkerSize is the length of conflict markers when Options.MarkerSize is 0.
const defaultMarkerSize = 7

// IsBinary applies git's rule: a NUL byte within the first 8000 bytes.
func IsBinary(b []byte) bool {
	if len(b) > binarySniffLen {
		b = b[:binarySniffLen]
	}
	return bytes.IndexByte(b, 0) >= 0
}

// HasConflictMarkers reports whether some line is a conflict marker of exactly
// size characters (0 means 7): '<', '>' or '|' followed by a space or the end of
// the line, or '=' followed by the end of the line. Used to spot inputs that
// are themselves conflicted (rerere replays, virtual merge bases).
//
// It searches for the run of marker characters rather than walking the lines: the
// driver checks all three inputs on every call, and a search for a rare run is several
// times cheaper than a loop over every line of a large JSON file.
func HasConflictMarkers(b []byte, size int) bool {
	if size <= 0 {
		size = defaultMarkerSize
	}
	run := make([]byte, size)
	for _, c := range []byte{'<', '=', '>', '|'} {
		for i := range run {
			run[i] = c
		}
		if hasMarkerRun(b, run) {
			return true
		}
	}
	return false
}

// hasMarkerRun reports whether a marker line starts with run. from is always the
// start of a line, so the first run found after it either starts its line or no
// marker of run's character starts that line: the search goes on at the next line.
func hasMarkerRun(b, run []byte) bool {
	for from := 0; from < len(b); {
		i := bytes.Index(b[from:], run)
		if i < 0 {
			return false
		}
		i += from
		end := len(b)
		if j := bytes.IndexByte(b[i:], '\n'); j >= 0 {
			end = i + j
		}
		if (i == 0 || b[i-1] == '\n') && isMarkerLine(b[i:end], len(run)) {
			return true
		}
		from = end + 1
	}
	return false
}

// isMarkerLine checks one line without its '\n' (a trailing '\r' counts as the
// end of the line, so CRLF files are recognised).
func isMarkerLine(line []byte, size int) bool {
	if len(line) < size {
		return false
	}
	c := line[0]
	if c != '<' && c != '=' && c != '>' && c != '|' {
		return false
	}
	for _, x := range line[:size] {
		if x != c {
			return false
		}
	}
	rest := line[size:]
	if len(rest) == 0 || (len(rest) == 1 && rest[0] == '\r') {
		return true
	}
	return c != '=' && rest[0] == ' '
}

// Region is where a line of a merged file stands relative to its conflict markers.
type Region int

// The regions of a merged file; Marker is a marker line itself.
const (
	Outside Region = iota
	Ours
	Base
	Theirs
	Marker
)

// WalkRegions calls f for each line of merged (with its line end) and the region it is
// in, reading markers of exactly size characters (0 means 7): `<` opens ours, `|` the
// diff3 base, `=` theirs, `>` closes. The one reader of conflict regions, so the
// structural merges' safety checks and replay's conflict sizes agree with each other.
func WalkRegions(merged []byte, size int, f func(line []byte, r Region)) {
	if size <= 0 {
		size = defaultMarkerSize
	}
	is := func(line []byte, c byte) bool {
		return len(line) > 0 && line[0] == c && isMarkerLine(bytes.TrimSuffix(line, []byte("\n")), size)
	}
	state := Outside
	for len(merged) > 0 {
		line := merged
		if i := bytes.IndexByte(merged, '\n'); i >= 0 {
			line, merged = merged[:i+1], merged[i+1:]
		} else {
			merged = nil
		}
		switch {
		case state == Outside && is(line, '<'):
			state = Ours
		case state == Ours && is(line, '|'):
			state = Base
		case (state == Ours || state == Base) && is(line, '='):
			state = Theirs
		case state == Theirs && is(line, '>'):
			state = Outside
		default:
			f(line, state)
			continue
		}
		f(line, Marker)
	}
}

// ResolveMarkers keeps one side of every conflict region: keep '<' keeps ours' part,
// '>' theirs' part (a diff3 base part is dropped).
func ResolveMarkers(merged []byte, size int, keep byte) []byte {
	var out []byte
	WalkRegions(merged, size, func(line []byte, r Region) {
		if r == Outside || r == Ours && keep == '<' || r == Theirs && keep == '>' {
			out = append(out, line...)
		}
	})
	return out
}

// ConflictLines counts the lines inside conflict regions, every side's, marker lines
// not counted: how much a person reads to resolve the file, measured the same way for
// canvasgit's output and git's.
func ConflictLines(merged []byte, size int) int {
	n := 0
	WalkRegions(merged, size, func(_ []byte, r Region) {
		if r == Ours || r == Base || r == Theirs {
			n++
		}
	})
	return n
}
