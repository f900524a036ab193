package main

import (
	"os"

	"github.com/canvasgit/canvasgit/gitsetup"
)

// readConfig reads the driver's git config; tests replace it to count the calls.
var readConfig = gitsetup.ReadDriverConfig

// readChecksum reads canvasgit.checksum without starting git where it can be sure of
// the answer (ok); tests replace it.
var readChecksum = func() (value string, ok bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	return gitsetup.ChecksumSetting(os.LookupEnv, dir)
}
