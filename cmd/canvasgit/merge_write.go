package main

import (
	"fmt"
	"io"

	"github.com/canvasgit/canvasgit/merge"
	"github.com/canvasgit/canvasgit/merge/driverio"
)

// mergeOverSize is the driver for inputs over merge.MaxInputSize, which are never read
// into memory: as merge.File decides for them, a side that did not change gives the
// other side (compared and copied in blocks), and otherwise ours is kept as a conflict.
func mergeOverSize(path, basePath, oursPath, theirsPath string, stderr io.Writer) int {
	same := func(a, b string) (bool, bool) {
		eq, err := driverio.SameContent(a, b)
		if err != nil {
			fmt.Fprintf(stderr, "canvasgit merge: %s: cannot read input: %v\n", path, err)
			return false, false
		}
		return eq, true
	}
	baseIsOurs, ok := same(basePath, oursPath)
	if !ok {
		return exitNoResult
	}
	if baseIsOurs {
		if err := driverio.CopyOver(oursPath, theirsPath); err != nil {
			fmt.Fprintf(stderr, "canvasgit merge: %s: cannot copy theirs over ours: %v\n", path, err)
			return exitNoResult
		}
		return exitOK
	}
	for _, other := range []string{basePath, oursPath} {
		eq, ok := same(other, theirsPath)
		if !ok {
			return exitNoResult
		}
		if eq {
			return exitOK // the result is ours, which OURS already holds
		}
	}
	fmt.Fprintf(stderr, "canvasgit: %s\n", merge.OverSizeLimitMessage(path))
	return exitConflict
}
