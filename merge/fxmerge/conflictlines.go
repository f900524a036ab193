package fxmerge

import "bytes"

// ConflictLines counts the lines inside the conflict regions of a merged file: the lines
// of every side between a `<<<<<<<` marker and its `>>>>>>>` marker, marker lines not
// counted. It measures how much a person has to read to resolve a conflicted file, the
// same way for fxmerge's output and git's. markerSize 0 means 7.
func ConflictLines(merged []byte, markerSize int) int {
	if markerSize <= 0 {
		markerSize = 7
	}
	isMarker := func(line []byte, c byte) bool {
		if len(line) < markerSize {
			return false
		}
		for _, x := range line[:markerSize] {
			if x != c {
				return false
			}
		}
		rest := bytes.TrimRight(line[markerSize:], "\r\n")
		return len(rest) == 0 || (c != '=' && rest[0] == ' ')
	}
	n := 0
	inside := false
	for len(merged) > 0 {
		line := merged
		if i := bytes.IndexByte(merged, '\n'); i >= 0 {
			line, merged = merged[:i+1], merged[i+1:]
		} else {
			merged = nil
		}
		switch {
		case !inside && isMarker(line, '<'):
			inside = true
		case inside && isMarker(line, '>'):
			inside = false
		case inside && (isMarker(line, '|') || isMarker(line, '=')):
		case inside:
			n++
		}
	}
	return n
}
