package gitsetup

import (
	"bytes"
	"os/exec"
	"strings"
)

// DriverConfig is what the merge driver reads from git config itself: git forwards
// neither merge.conflictStyle nor any strategy option to a driver.
type DriverConfig struct {
	ConflictStyle string
	Checksum      string
}

// ReadDriverConfig asks git once for every key the driver needs. Without git (or
// outside a repository) the defaults apply. It runs git directly rather than through
// Git.Run: the driver is on git's hot path and needs one process, no version probe.
func ReadDriverConfig() DriverConfig {
	var cfg DriverConfig
	out, err := exec.Command("git", "config", "-z", "--get-regexp", `^(merge\.conflictstyle|canvasgit\.checksum)$`).Output()
	if err != nil && len(out) == 0 {
		return cfg
	}
	// -z output: "key\nvalue\x00" per entry; later entries override earlier scopes.
	for _, entry := range bytes.Split(out, []byte{0}) {
		key, value, _ := strings.Cut(string(entry), "\n")
		switch strings.ToLower(key) {
		case "merge.conflictstyle":
			cfg.ConflictStyle = value
		case "canvasgit.checksum":
			cfg.Checksum = value
		}
	}
	return cfg
}

// RefNames lists the short names of the branches, remote branches and tags of the
// repository at dir (for shell completion); nil outside a repository.
func RefNames(dir string) []string {
	out, err := exec.Command("git", "-C", dir, "for-each-ref", "--format=%(refname:short)", "refs/heads", "refs/remotes", "refs/tags").Output()
	if err != nil {
		return nil
	}
	return strings.Fields(string(out))
}
