//go:build unix

package rawfile

import (
	"os"
	"syscall"
)

// Open opens name for reading and returns its descriptor, retrying a call a signal
// interrupted. The caller closes it with syscall.Close.
func Open(name string) (int, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}

// ReadFD reads fd to its end. size is what fstat said, a hint for the buffer (0 for a
// pipe or a file of /proc, which report no size).
func ReadFD(fd int, size int64) ([]byte, error) {
	b := make([]byte, 0, max(int(min(size, 1<<30))+1, 512))
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := syscall.Read(fd, b[len(b):cap(b)])
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return nil, err
		case n == 0:
			return b, nil
		}
		b = b[:len(b)+n]
	}
}

// ReadFile is os.ReadFile with plain system calls: open, fstat, read, close. Its errors
// are *os.PathError, as os.ReadFile's, so os.IsNotExist and errors.Is read them.
func ReadFile(name string) ([]byte, error) {
	fd, err := Open(name)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, &os.PathError{Op: "stat", Path: name, Err: err}
	}
	b, err := ReadFD(fd, st.Size)
	if err != nil {
		return nil, &os.PathError{Op: "read", Path: name, Err: err}
	}
	return b, nil
}
