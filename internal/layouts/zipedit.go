package layouts

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
)

// ZipReplace rewrites one entry of a zip (a .msapr) in place, replacing the one
// occurrence of old with new, the way a Studio save rewrites one file of the app.
// Every other entry is copied raw.
func ZipReplace(file, name, old, new string) error {
	return rewriteZip(file, name, func(data []byte) ([]byte, error) {
		if n := bytes.Count(data, []byte(old)); n != 1 {
			return nil, fmt.Errorf("%s: entry %s holds %q %d times, want once", file, name, old, n)
		}
		return bytes.Replace(data, []byte(old), []byte(new), 1), nil
	})
}

// ZipRead returns one entry of a zip.
func ZipRead(file, name string) ([]byte, error) {
	var out []byte
	err := rewriteZip(file, name, func(data []byte) ([]byte, error) {
		out = data
		return nil, nil
	})
	return out, err
}

// rewriteZip calls edit on the named entry; a non-nil result replaces it and the zip
// is written back.
func rewriteZip(file, name string, edit func([]byte) ([]byte, error)) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	r, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return fmt.Errorf("%s: %v", file, err)
	}
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	found, changed := false, false
	for _, f := range r.File {
		if f.Name == name || strings.ReplaceAll(f.Name, `\`, "/") == name {
			found = true
			rc, err := f.Open()
			if err != nil {
				return err
			}
			data, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				return err
			}
			nd, err := edit(data)
			if err != nil {
				return err
			}
			if nd != nil {
				changed = true
				h := f.FileHeader
				fw, err := w.CreateHeader(&zip.FileHeader{Name: h.Name, Method: h.Method, Modified: h.Modified})
				if err != nil {
					return err
				}
				fw.Write(nd)
				continue
			}
		}
		raw, err := f.OpenRaw()
		if err != nil {
			return err
		}
		h := f.FileHeader
		fw, err := w.CreateRaw(&h)
		if err != nil {
			return err
		}
		if _, err := io.Copy(fw, raw); err != nil {
			return err
		}
	}
	if !found {
		return fmt.Errorf("%s: no entry %s", file, name)
	}
	if err := w.Close(); err != nil {
		return err
	}
	if !changed {
		return nil
	}
	return os.WriteFile(file, buf.Bytes(), 0o644)
}
