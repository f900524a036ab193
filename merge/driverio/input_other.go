//go:build !unix

package driverio

import (
	"io"
	"os"
)

// input is an open input file. Windows keeps a mapped file from being replaced, and
// the driver replaces OURS while it holds it, so inputs are read, never mapped.
type input struct {
	f    *os.File // nil once closed
	size int64
}

func openInput(name string) (input, error) {
	f, err := os.Open(name)
	if err != nil {
		return input{}, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return input{}, err
	}
	return input{f: f, size: st.Size()}, nil
}

func (f *input) close() {
	if f.f != nil {
		f.f.Close()
		f.f = nil
	}
}

func (f *input) read(string) ([]byte, error) {
	b := make([]byte, 0, max(int(min(f.size, 1<<30))+1, 512))
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := f.f.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
