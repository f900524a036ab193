//go:build unix

package gitsetup

import (
	"os"
	"syscall"
)

// readConfigBytes is os.ReadFile with plain system calls: open, fstat, read, close.
// The merge driver reads git's config files with it for checksum.json
// (ChecksumSetting), and os.ReadFile would first set up the runtime's poller for the
// file (an epoll instance, an eventfd and six more calls in a process that never
// waits on a file).
func readConfigBytes(name string) ([]byte, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, &os.PathError{Op: "stat", Path: name, Err: err}
	}
	b := make([]byte, 0, max(int(min(st.Size, 1<<30))+1, 512))
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := syscall.Read(fd, b[len(b):cap(b)])
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return nil, &os.PathError{Op: "read", Path: name, Err: err}
		case n == 0:
			return b, nil
		}
		b = b[:len(b)+n]
	}
}
