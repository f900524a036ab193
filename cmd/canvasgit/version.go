package main

// version is stamped at release time with -ldflags "-X main.version=...".
var version = "dev"

// versionString is the version that `canvasgit version` and `--version` print after
// "canvasgit ".
func versionString() string { return version }
