// Package driverio is the merge driver's file handling: git hands the driver three
// temporary files (%O %A %B) and reads the result back from %A, so the result must
// replace %A whole or not at all, and inputs too large to read are compared in blocks.
package driverio

import (
	"bytes"
	"errors"
	"io"
	"os"
)

// writeBuffered writes src to w through a buffer of writeBufferSize: a result given as
// many small pieces (the .fx.yaml fast path's, one per changed property and the base
// between them) costs one write per 64 KiB, not one system call per piece. A piece of
// directWriteMin bytes or more that finds the buffer empty goes straight through, and
// the buffer is made only for a piece that does not: a result in one piece (the
// checksum.json, Entropy.json and JSON merges') is one write, with no 64 KiB buffer
// to allocate and fill.
func writeBuffered(w io.Writer, src io.WriterTo) error {
	bw := &pieceWriter{w: w}
	if _, err := src.WriteTo(bw); err != nil {
		return err
	}
	return bw.flush()
}

const (
	writeBufferSize = 64 << 10
	directWriteMin  = 4 << 10
)

// pieceWriter is writeBuffered's buffer.
type pieceWriter struct {
	w   io.Writer
	buf []byte // nil until a small piece comes
}

func (pw *pieceWriter) Write(p []byte) (int, error) {
	if len(pw.buf)+len(p) > writeBufferSize {
		if err := pw.flush(); err != nil {
			return 0, err
		}
	}
	if len(pw.buf) == 0 && len(p) >= directWriteMin {
		return pw.w.Write(p)
	}
	if pw.buf == nil {
		pw.buf = make([]byte, 0, writeBufferSize)
	}
	pw.buf = append(pw.buf, p...)
	return len(p), nil
}

func (pw *pieceWriter) flush() error {
	if len(pw.buf) == 0 {
		return nil
	}
	_, err := pw.w.Write(pw.buf)
	pw.buf = pw.buf[:0]
	return err
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
