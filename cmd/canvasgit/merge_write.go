package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/canvasgit/canvasgit/merge"
)

// replaceFile replaces the file at name with r's content, whole or not at all: it
// writes a temporary file beside it, with its mode, and renames that over it.
// os.WriteFile would truncate first, so a full disk, a quota or a file-size limit
// left the file cut short. Rename replaces an existing file on Windows too.
func replaceFile(name string, r io.Reader) (err error) {
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
	if _, err = io.Copy(tmp, r); err != nil {
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

// mergeOverSize is the driver for inputs over merge.MaxInputSize, which are never read
// into memory: as merge.File decides for them, a side that did not change gives the
// other side (compared and copied in blocks), and otherwise ours is kept as a conflict.
func mergeOverSize(path, basePath, oursPath, theirsPath string, stderr io.Writer) int {
	same := func(a, b string) (bool, bool) {
		eq, err := sameContent(a, b)
		if err != nil {
			fmt.Fprintf(stderr, "canvasgit merge: %s: cannot read input: %v\n", path, err)
			return false, false
		}
		return eq, true
	}
	baseIsOurs, ok := same(basePath, oursPath)
	if !ok {
		return exitNoResult
	}
	if baseIsOurs {
		f, err := os.Open(theirsPath)
		if err != nil {
			fmt.Fprintf(stderr, "canvasgit merge: %s: cannot read input: %v\n", path, err)
			return exitNoResult
		}
		defer f.Close()
		if err := replaceFile(oursPath, f); err != nil {
			fmt.Fprintf(stderr, "canvasgit merge: %s: cannot write result: %v\n", path, err)
			return exitNoResult
		}
		return exitOK
	}
	for _, other := range []string{basePath, oursPath} {
		eq, ok := same(other, theirsPath)
		if !ok {
			return exitNoResult
		}
		if eq {
			return exitOK // the result is ours, which OURS already holds
		}
	}
	fmt.Fprintf(stderr, "canvasgit: %s\n", merge.OverSizeLimitMessage(path))
	return exitConflict
}

// sameContent reports whether two files hold the same bytes, reading both in blocks.
func sameContent(a, b string) (bool, error) {
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
