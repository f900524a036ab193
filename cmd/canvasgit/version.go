package main

// version is stamped at release time with -ldflags "-X main.version=...".
var version = "dev"
