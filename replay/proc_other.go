//go:build !unix

package replay

import "os/exec"

// setProcessGroup does nothing here: exec.CommandContext kills git itself, and
// WaitDelay stops waiting for a merge driver that outlives it.
func setProcessGroup(cmd *exec.Cmd) {}
