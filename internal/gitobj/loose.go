package gitobj

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// A loose object is objects/<2 hex digits>/<38 hex digits>: zlib-compressed
// "<type> <decimal size>\x00" followed by the content.

func loosePath(dir string, id ID) string {
	s := id.String()
	return dir + string(os.PathSeparator) + s[:2] + string(os.PathSeparator) + s[2:]
}

// readLoose reads a loose object; with headerOnly it stops after the header.
func (db *DB) readLoose(path string, headerOnly bool) (Type, int64, []byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, nil, err
	}
	defer f.Close()
	t, size, data, err := db.decodeLoose(f, headerOnly)
	if err != nil {
		return 0, 0, nil, &CorruptError{File: path, Offset: -1, Err: err}
	}
	return t, size, data, nil
}

func (db *DB) decodeLoose(r io.Reader, headerOnly bool) (Type, int64, []byte, error) {
	zr, err := db.z.open(r)
	if err != nil {
		return 0, 0, nil, err
	}
	var hdr []byte
	var one [1]byte
	for {
		if len(hdr) > 32 {
			return 0, 0, nil, errors.New("malformed object header")
		}
		n, err := zr.Read(one[:])
		if n == 1 {
			if one[0] == 0 {
				break
			}
			hdr = append(hdr, one[0])
			continue
		}
		if err != nil {
			return 0, 0, nil, zlibError(err)
		}
	}
	name, num, ok := strings.Cut(string(hdr), " ")
	t, known := typeNamed(name)
	if !ok || !known {
		return 0, 0, nil, fmt.Errorf("malformed object header %q", hdr)
	}
	size, err := strconv.ParseInt(num, 10, 64)
	if err != nil || size < 0 || strconv.FormatInt(size, 10) != num {
		return 0, 0, nil, fmt.Errorf("malformed object header %q", hdr)
	}
	if size > db.maxSize() {
		return 0, 0, nil, fmt.Errorf("object of %d bytes is over the limit of %d", size, db.maxSize())
	}
	if headerOnly {
		return t, size, nil, nil
	}
	data, err := readExactly(zr, size)
	if err != nil {
		return 0, 0, nil, err
	}
	return t, size, data, nil
}
