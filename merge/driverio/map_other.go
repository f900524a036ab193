//go:build !unix

package driverio

import "os"

// mapFile reads the file whole. Windows keeps a mapped file from being replaced, and the
// driver replaces OURS while it holds it, so no mapping here.
func mapFile(name string) ([]byte, error) { return os.ReadFile(name) }
