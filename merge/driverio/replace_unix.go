//go:build unix

package driverio

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
)

// ReplaceFile replaces the file at name with what src writes, whole or not at all: it
// writes a temporary file beside it, with its mode, and renames that over it.
// os.WriteFile would truncate first, so a full disk, a quota or a file-size limit
// left the file cut short. A link is followed: the file it names is replaced.
//
// It makes the system calls that takes and no others, since git starts the driver
// once per file and this is most of what a small merge costs beyond the merge: one
// lstat (a stat more only for a link), the exclusive create, the writes, fchmod,
// close and rename. os.CreateTemp, os.File and os.Rename added the runtime's poller
// (an epoll instance and four more calls for a file it cannot wait on), a stat of
// every folder of the path to look for links, and another lstat before the rename.
func ReplaceFile(name string, src io.WriterTo) (err error) {
	var st syscall.Stat_t
	if err := ignoringEINTR(func() error { return syscall.Lstat(name, &st) }); err != nil {
		return &os.PathError{Op: "lstat", Path: name, Err: err}
	}
	if st.Mode&syscall.S_IFMT == syscall.S_IFLNK {
		target, err := filepath.EvalSymlinks(name)
		if err != nil {
			return err
		}
		name = target // replace the file, not the link to it
		if err := ignoringEINTR(func() error { return syscall.Stat(name, &st) }); err != nil {
			return &os.PathError{Op: "stat", Path: name, Err: err}
		}
	}
	fd, tmp, err := createBeside(name)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			if fd >= 0 {
				syscall.Close(fd)
			}
			syscall.Unlink(tmp)
		}
	}()
	if err = writeBuffered(fdWriter(fd), src); err != nil {
		return &os.PathError{Op: "write", Path: tmp, Err: err}
	}
	if err = ignoringEINTR(func() error { return syscall.Fchmod(fd, uint32(st.Mode)&0o777) }); err != nil {
		return &os.PathError{Op: "chmod", Path: tmp, Err: err}
	}
	// close reports what a network file system could not write back.
	err = syscall.Close(fd)
	fd = -1
	if err != nil {
		return &os.PathError{Op: "close", Path: tmp, Err: err}
	}
	if err = syscall.Rename(tmp, name); err != nil {
		return &os.LinkError{Op: "rename", Old: tmp, New: name, Err: err}
	}
	return nil
}

// createBeside creates a new file for writing, readable by its owner only, in name's
// folder: ".NAME.canvasgit-PID-N", N counting up from 0 past names that exist (left
// by a process of the same id that did not finish).
func createBeside(name string) (fd int, path string, err error) {
	dir, base := filepath.Split(name)
	prefix := dir + "." + base + ".canvasgit-" + strconv.Itoa(os.Getpid()) + "-"
	for n := 0; ; n++ {
		path = prefix + strconv.Itoa(n)
		fd, err = syscall.Open(path, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, 0o600)
		switch {
		case err == nil:
			return fd, path, nil
		case err == syscall.EINTR:
			n--
		case err != syscall.EEXIST || n >= 1000:
			return -1, "", &os.PathError{Op: "open", Path: path, Err: err}
		}
	}
}

// fdWriter writes to a file descriptor, all of p or an error.
type fdWriter int

func (fd fdWriter) Write(p []byte) (int, error) {
	done := 0
	for done < len(p) {
		n, err := syscall.Write(int(fd), p[done:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return done, err
		}
		if n == 0 {
			return done, io.ErrShortWrite
		}
		done += n
	}
	return done, nil
}

// ignoringEINTR retries a call a signal interrupted.
func ignoringEINTR(call func() error) error {
	for {
		if err := call(); !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}
