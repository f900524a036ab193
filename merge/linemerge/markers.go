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
func HasConflictMarkers(b []byte, size int) bool {
	if size <= 0 {
		size = defaultMarkerSize
	}
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		if isMarkerLine(line, size) {
			return true
		}
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
