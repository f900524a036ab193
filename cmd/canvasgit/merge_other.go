//go:build !unix

package main

// ignoreFileSizeSignal does nothing: only unix systems send SIGXFSZ.
func ignoreFileSizeSignal() {}
