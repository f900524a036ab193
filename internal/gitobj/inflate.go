package gitobj

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
)

// inflater decompresses zlib streams, reusing its buffers from one object to the next
// (the gate reads thousands of objects per run).
type inflater struct {
	br *bufio.Reader
	zr io.ReadCloser
}

// open starts decompressing r.
func (z *inflater) open(r io.Reader) (io.Reader, error) {
	if z.br == nil {
		z.br = bufio.NewReaderSize(r, 32<<10)
	} else {
		z.br.Reset(r)
	}
	var err error
	if z.zr == nil {
		z.zr, err = zlib.NewReader(z.br)
	} else {
		err = z.zr.(zlib.Resetter).Reset(z.br, nil)
	}
	if err != nil {
		z.zr = nil
		return nil, zlibError(err)
	}
	return z.zr, nil
}

// eagerAlloc is the largest declared size allocated before any byte is read; larger
// objects grow as they are read, so a corrupt size costs no more memory than the
// data that is really there.
const eagerAlloc = 16 << 20

var errTruncated = errors.New("truncated data")

// readExactly reads a stream that must hold exactly size bytes; reading on to its
// end also checks zlib's checksum.
func readExactly(r io.Reader, size int64) ([]byte, error) {
	var buf []byte
	if size <= eagerAlloc {
		buf = make([]byte, size)
		if _, err := io.ReadFull(r, buf); err != nil {
			return nil, zlibError(err)
		}
	} else {
		var b bytes.Buffer
		b.Grow(eagerAlloc)
		n, err := b.ReadFrom(io.LimitReader(r, size))
		if err != nil {
			return nil, zlibError(err)
		}
		if n < size {
			return nil, fmt.Errorf("%w: %d bytes of %d", errTruncated, n, size)
		}
		buf = b.Bytes()
	}
	var one [1]byte
	for {
		n, err := r.Read(one[:])
		if n > 0 {
			return nil, fmt.Errorf("more data than the %d bytes declared", size)
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, zlibError(err)
		}
	}
}

func zlibError(err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return errTruncated
	}
	return fmt.Errorf("zlib: %w", err)
}
