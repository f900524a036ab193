//go:build unix

package driverio

import (
	"os"
	"syscall"

	"github.com/canvasgit/canvasgit/internal/rawfile"
)

// input is an open input file: a plain descriptor, not an os.File, which would also
// set up the runtime's poller for it (an epoll instance and three more system calls
// per file, for a file the poller cannot wait on anyway).
type input struct {
	fd      int // -1 once closed
	size    int64
	regular bool
}

func openInput(name string) (input, error) {
	fd, err := rawfile.Open(name)
	if err != nil {
		return input{fd: -1}, &os.PathError{Op: "open", Path: name, Err: err}
	}
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		syscall.Close(fd)
		return input{fd: -1}, &os.PathError{Op: "stat", Path: name, Err: err}
	}
	return input{fd: fd, size: st.Size, regular: st.Mode&syscall.S_IFMT == syscall.S_IFREG}, nil
}

func (f *input) close() {
	if f.fd >= 0 {
		syscall.Close(f.fd)
		f.fd = -1
	}
}

// read returns the content of the file as a private mapping of it. The driver is a
// process of a few milliseconds that git starts once per file, and git has just
// written the inputs, so their pages are in the page cache: mapped, they are shared
// with it a block of pages per fault, where a copy into the heap costs a fault, a
// zeroed page and a copy for every 4 KB (about 0.7 ms per MB of input here; for
// inputs of 6 to 32 KB, reading instead of mapping measured the same). The mapping is
// private and writable: a write copies the page, as it would a heap buffer, and never
// reaches the file.
//
// A file cut short by another process while mapped makes a read past its new end
// fault (SIGBUS). The caller runs with debug.SetPanicOnFault, which turns that into a
// panic it recovers from, as from any other internal error. Anything that is not a
// regular file, and an empty file, is read the ordinary way.
func (f *input) read(name string) ([]byte, error) {
	if f.regular && f.size > 0 && f.size == int64(int(f.size)) {
		b, err := syscall.Mmap(f.fd, 0, int(f.size), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE)
		if err == nil {
			noteMapping(b) // for Release
			return b, nil
		}
		// A file system that cannot map: read it.
	}
	b, err := rawfile.ReadFD(f.fd, f.size)
	if err != nil {
		return nil, &os.PathError{Op: "read", Path: name, Err: err}
	}
	return b, nil
}
