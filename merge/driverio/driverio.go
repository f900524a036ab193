// Package driverio is the merge driver's file handling: git hands the driver three
// temporary files (%O %A %B) and reads the result back from %A, so the result must
// replace %A whole or not at all, and inputs too large to read are compared in blocks.
package driverio

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
)

// ReplaceFile replaces the file at name with what src writes, whole or not at all: it
// writes a temporary file beside it, with its mode, and renames that over it.
// os.WriteFile would truncate first, so a full disk, a quota or a file-size limit
// left the file cut short. Rename replaces an existing file on Windows too.
func ReplaceFile(name string, src io.WriterTo) (err error) {
	if target, err := filepath.EvalSymlinks(name); err == nil {
		name = target // replace the file, not a link to it
	}
	st, err := os.Stat(name)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".canvasgit-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = writeBuffered(tmp, src); err != nil {
		return err
	}
	if err = tmp.Chmod(st.Mode().Perm()); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

// writeBuffered writes src to w through a 64 KiB buffer: a result given as many small
// pieces (the .fx.yaml fast path's, one per changed property and the base between
// them) costs one write per 64 KiB, not one system call per piece, and a piece larger
// than the buffer still goes straight through.
func writeBuffered(w io.Writer, src io.WriterTo) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := src.WriteTo(bw); err != nil {
		return err
	}
	return bw.Flush()
}

// CopyOver replaces the file dst with the content of src (see ReplaceFile).
func CopyOver(dst, src string) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	return ReplaceFile(dst, f)
}

// Sizes returns the size of each file, or the first error (naming its file).
func Sizes(names ...string) ([]int64, error) {
	sizes := make([]int64, len(names))
	for i, name := range names {
		st, err := os.Stat(name)
		if err != nil {
			return nil, err
		}
		sizes[i] = st.Size()
	}
	return sizes, nil
}

// ReadAll reads each file whole, or returns the first error. Where the system can
// (mapFile), a file is mapped instead of copied: see mapFile for why and for what the
// caller must do.
func ReadAll(names ...string) ([][]byte, error) {
	out := make([][]byte, len(names))
	for i, name := range names {
		b, err := mapFile(name)
		if err != nil {
			return nil, err
		}
		out[i] = b
	}
	return out, nil
}

// SameContent reports whether two files hold the same bytes, reading both in blocks.
func SameContent(a, b string) (bool, error) {
	fa, err := os.Open(a)
	if err != nil {
		return false, err
	}
	defer fa.Close()
	fb, err := os.Open(b)
	if err != nil {
		return false, err
	}
	defer fb.Close()
	sa, err := fa.Stat()
	if err != nil {
		return false, err
	}
	sb, err := fb.Stat()
	if err != nil {
		return false, err
	}
	if sa.Size() != sb.Size() {
		return false, nil
	}
	const block = 1 << 20
	ba, bb := make([]byte, block), make([]byte, block)
	for {
		na, errA := io.ReadFull(fa, ba)
		nb, errB := io.ReadFull(fb, bb)
		if !bytes.Equal(ba[:na], bb[:nb]) {
			return false, nil
		}
		endA := errors.Is(errA, io.EOF) || errors.Is(errA, io.ErrUnexpectedEOF)
		endB := errors.Is(errB, io.EOF) || errors.Is(errB, io.ErrUnexpectedEOF)
		switch {
		case errA != nil && !endA:
			return false, errA
		case errB != nil && !endB:
			return false, errB
		case endA || endB:
			return endA && endB, nil
		}
	}
}
