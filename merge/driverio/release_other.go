//go:build !linux

package driverio

// noteMapping records a mapping mapFile made; Release does not use them here.
func noteMapping([]byte) {}

// Release does nothing here: MADV_DONTNEED drops a private page only on Linux (see
// release_linux.go); elsewhere it is a hint the system may ignore.
func Release([]byte) {}
