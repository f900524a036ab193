package markertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// Merge cases are folders (Mergiraf's layout): Base, Left (ours), Right (theirs) and
// Expected, a reason.txt saying what the case is about, and an optional options.txt.

// CaseOptions are the merge options of the case folder dir: the sides labelled Left,
// Base and Right, and the words of options.txt (diff3, zdiff3, marker-size=10).
func CaseOptions(tb testing.TB, dir string) linemerge.Options {
	tb.Helper()
	opt := linemerge.Options{OursLabel: "Left", BaseLabel: "Base", TheirsLabel: "Right"}
	if b, err := os.ReadFile(filepath.Join(dir, "options.txt")); err == nil {
		for _, f := range strings.Fields(string(b)) {
			switch f {
			case "diff3":
				opt.Style = linemerge.StyleDiff3
			case "zdiff3":
				opt.Style = linemerge.StyleZDiff3
			case "marker-size=10":
				opt.MarkerSize = 10
			default:
				tb.Fatalf("%s: unknown option %q", dir, f)
			}
		}
	}
	return opt
}

// ReadCase reads the file name of the case folder dir, failing the test without it.
func ReadCase(tb testing.TB, dir, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
