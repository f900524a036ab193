package main

import (
	"os"

	"github.com/canvasgit/canvasgit/gitsetup"
)

// readConfig reads the driver's git config; tests replace it to count the calls.
var readConfig = gitsetup.ReadDriverConfig

// readChecksum reads canvasgit.checksum without starting git where it can be sure of
// the answer (ok); tests replace it. The folder git runs the driver in is the working
// directory, named "." (os.Getwd would stat "." and $PWD to find its name, which
// nothing here needs).
var readChecksum = func() (value string, ok bool) {
	return gitsetup.ChecksumSetting(os.LookupEnv, ".")
}
