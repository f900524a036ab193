//go:build !unix

package driverio

import (
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
