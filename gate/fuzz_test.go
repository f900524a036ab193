package gate

import (
	"testing"

	"github.com/canvasgit/canvasgit/merge"
)

// FuzzHelpers feeds odd bytes to the pieces of the gate that parse content: conflict
// regions, marker splitting, line location and rename fingerprints. None may panic.
func FuzzHelpers(f *testing.F) {
	f.Add([]byte("a\nb\n"), []byte("a\nc\n"), []byte("a\nd\n"))
	f.Add([]byte(""), []byte("<<<<<<< x\n=======\n>>>>>>> y\n"), []byte("\x00\r\n"))
	f.Add([]byte("{\n}\n"), []byte("{\r\n  \"a\": 1\r\n}"), []byte("{\n  \"a\": 2\n}\n"))
	f.Fuzz(func(t *testing.T, base, ours, theirs []byte) {
		out := merge.File(merge.Input{Path: "app/Src/Screen1.fx.yaml", Base: base, Ours: ours, Theirs: theirs})
		merged := splitLines(out.Merged)
		for _, c := range out.Conflicts {
			o, th := sidesFromMarkers(merged, c.StartLine, c.EndLine, 7)
			locate(splitLines(ours), o, nil, 0)
			locate(splitLines(theirs), th, ours, 0)
		}
		sidesFromMarkers(splitLines(ours), 1, len(splitLines(ours)), 7)
		sidesFromMarkers(splitLines(theirs), 0, 3, 1)
		hashChunks(base, true)
		hashChunks(theirs, false)
		trimPath(string(ours), string(theirs))
	})
}
