//go:build !unix

package main

import "os"

// peakRSSKiB is unknown here: the bench runs on unix systems (scripts/bench.sh); this
// keeps `go vet ./...` clean on Windows.
func peakRSSKiB(*os.ProcessState) int64 { return 0 }
