//go:build unix

package replay

import (
	"os/exec"
	"syscall"
)

// setProcessGroup puts git in its own process group and makes a cancelled context kill
// the whole group, so a merge driver that hangs does not outlive its time limit.
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		if cmd.Process == nil {
			return nil
		}
		if err := syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); err != nil {
			return cmd.Process.Kill()
		}
		return nil
	}
}
