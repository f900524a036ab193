//go:build !unix

package rawfile

import "os"

// ReadFile is os.ReadFile (see rawfile_unix.go).
func ReadFile(name string) ([]byte, error) { return os.ReadFile(name) }
