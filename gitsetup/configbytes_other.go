//go:build !unix

package gitsetup

import "os"

// readConfigBytes is os.ReadFile (see configbytes_unix.go).
func readConfigBytes(name string) ([]byte, error) { return os.ReadFile(name) }
