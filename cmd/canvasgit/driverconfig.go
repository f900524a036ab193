package main

import (
	"bytes"
	"os/exec"
	"strings"
)

// driverConfig is what the merge driver reads from git config itself: git forwards
// neither merge.conflictStyle nor any strategy option to a driver.
type driverConfig struct {
	conflictStyle string
	checksum      string
}

// readConfig is readDriverConfig; tests replace it to count the calls.
var readConfig = readDriverConfig

// readDriverConfig asks git once for every key the driver needs. Without git (or
// outside a repository) the defaults apply.
func readDriverConfig() driverConfig {
	var cfg driverConfig
	out, err := exec.Command("git", "config", "-z", "--get-regexp", `^(merge\.conflictstyle|canvasgit\.checksum)$`).Output()
	if err != nil && len(out) == 0 {
		return cfg
	}
	// -z output: "key\nvalue\x00" per entry; later entries override earlier scopes.
	for _, entry := range bytes.Split(out, []byte{0}) {
		key, value, _ := strings.Cut(string(entry), "\n")
		switch strings.ToLower(key) {
		case "merge.conflictstyle":
			cfg.conflictStyle = value
		case "canvasgit.checksum":
			cfg.checksum = value
		}
	}
	return cfg
}
