//go:build unix

package main

import (
	"os/signal"
	"syscall"
)

// ignoreFileSizeSignal makes a write past a file-size limit (ulimit -f) fail with
// EFBIG instead of killing the process with SIGXFSZ (testdata/script/merge_filesize.txtar).
func ignoreFileSizeSignal() { signal.Ignore(syscall.SIGXFSZ) }
