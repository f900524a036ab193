package main

import "github.com/canvasgit/canvasgit/gitsetup"

// readConfig reads the driver's git config; tests replace it to count the calls.
var readConfig = gitsetup.ReadDriverConfig
