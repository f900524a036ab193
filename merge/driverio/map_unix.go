//go:build unix

package driverio

import (
	"os"
	"syscall"
)

// mapFile returns the content of a regular file as a private mapping of it. The driver
// is a process of a few milliseconds that git starts once per file, and git has just
// written the inputs, so their pages are in the page cache: mapped, they are shared
// with it a block of pages per fault, where a copy into the heap costs a fault, a
// zeroed page and a copy for every 4 KB (about 0.7 ms per MB of input here). The
// mapping is private and writable: a write copies the page, as it would a heap buffer,
// and never reaches the file. The file is opened with a plain system call, not
// os.Open, which would also set up the runtime's poller for it.
//
// A file cut short by another process while mapped makes a read past its new end
// fault (SIGBUS). The caller runs with debug.SetPanicOnFault, which turns that into a
// panic it recovers from, as from any other internal error. Anything that is not a
// regular file, and an empty file, is read the ordinary way.
func mapFile(name string) ([]byte, error) {
	fd, err := openReadOnly(name)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, &os.PathError{Op: "stat", Path: name, Err: err}
	}
	size := st.Size
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG || size <= 0 || size != int64(int(size)) {
		return os.ReadFile(name)
	}
	b, err := syscall.Mmap(fd, 0, int(size), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE)
	if err != nil {
		return os.ReadFile(name) // a file system that cannot map: read it
	}
	noteMapping(b) // for Release
	return b, nil
}

// openReadOnly opens name for reading, retrying a call a signal interrupted.
func openReadOnly(name string) (int, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}
