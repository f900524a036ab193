package gitobj

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// A pack (.pack) is "PACK", a version (2 or 3), an object count, the entries, and a
// SHA-1 of all that. An entry starts with its type (bits 4-6 of the first byte) and
// its inflated size (bits 0-3, then 7 bits per byte while the high bit is set); an
// OFS_DELTA entry then has its base's distance back from the entry (a big-endian
// base-128 number, each continuation adding one), a REF_DELTA entry its base's id.
// The zlib-compressed data (the object, or the delta) follows.

// pack is one pack of an object folder, with its index. The .pack file is opened on
// first use.
type pack struct {
	path   string // the .pack file, named in errors
	idx    *packIndex
	r      io.ReaderAt
	size   int64
	opened bool
	err    error
	file   *os.File
}

const packHeaderSize = 12

// open opens the .pack file and checks its header against the index.
func (p *pack) open() error {
	if p.opened {
		return p.err
	}
	p.opened = true
	f, err := os.Open(p.path)
	if err != nil {
		p.err = err
		return err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		p.err = err
		return err
	}
	p.file, p.r, p.size = f, f, st.Size()
	count, err := checkPackHeader(p.r, p.size)
	if err == nil && p.idx != nil && count != p.idx.count {
		err = fmt.Errorf("the pack holds %d objects, its index %d", count, p.idx.count)
	}
	if err != nil {
		p.err = &CorruptError{File: p.path, Offset: -1, Err: err}
	}
	return p.err
}

func (p *pack) close() error {
	if p.file == nil {
		return nil
	}
	err := p.file.Close()
	p.file, p.r, p.opened = nil, nil, false
	return err
}

func checkPackHeader(r io.ReaderAt, size int64) (count int, err error) {
	var h [packHeaderSize]byte
	if size < packHeaderSize+IDSize {
		return 0, errors.New("truncated pack")
	}
	if _, err := r.ReadAt(h[:], 0); err != nil {
		return 0, err
	}
	if string(h[:4]) != "PACK" {
		return 0, errors.New("not a pack file")
	}
	if v := binary.BigEndian.Uint32(h[4:]); v != 2 && v != 3 {
		return 0, fmt.Errorf("pack version %d is not supported", v)
	}
	return int(binary.BigEndian.Uint32(h[8:])), nil
}

// entryHeader is what precedes an entry's compressed data.
type entryHeader struct {
	off     int64 // the entry's own offset
	typ     Type
	size    int64 // inflated size of the data: the object, or the delta
	dataOff int64 // where the zlib stream starts
	baseOff int64 // OFS_DELTA: the base entry's offset
	baseID  ID    // REF_DELTA: the base object's id
}

// header reads the entry at off.
func (p *pack) header(off, maxSize int64) (entryHeader, error) {
	h := entryHeader{off: off}
	end := p.size - IDSize
	if off < packHeaderSize || off >= end {
		return h, fmt.Errorf("offset outside the pack's entries")
	}
	var buf [10 + IDSize]byte // a size varint fits 10 bytes, then an id or a distance
	n, err := p.r.ReadAt(buf[:min(int64(len(buf)), end-off)], off)
	if err != nil && err != io.EOF {
		return h, err
	}
	b := buf[:n]
	i := 0
	next := func() (byte, error) {
		if i >= len(b) {
			return 0, errors.New("truncated entry header")
		}
		c := b[i]
		i++
		return c, nil
	}
	c, err := next()
	if err != nil {
		return h, err
	}
	h.typ = Type(c >> 4 & 7)
	size := uint64(c & 15)
	for shift := uint(4); c&0x80 != 0; shift += 7 {
		if shift > 60 {
			return h, errors.New("entry size varint too long")
		}
		if c, err = next(); err != nil {
			return h, err
		}
		size |= uint64(c&0x7f) << shift
	}
	if size > uint64(maxSize) {
		return h, fmt.Errorf("entry of %d bytes is over the limit of %d", size, maxSize)
	}
	h.size = int64(size)
	switch h.typ {
	case TypeCommit, TypeTree, TypeBlob, TypeTag:
	case typeOfsDelta:
		if c, err = next(); err != nil {
			return h, err
		}
		dist := uint64(c & 0x7f)
		for c&0x80 != 0 {
			if dist >= 1<<56 {
				return h, errors.New("delta base distance too long")
			}
			if c, err = next(); err != nil {
				return h, err
			}
			dist = (dist+1)<<7 | uint64(c&0x7f)
		}
		if dist == 0 || dist > uint64(off-packHeaderSize) {
			return h, fmt.Errorf("delta base %d bytes back is outside the pack", dist)
		}
		h.baseOff = off - int64(dist)
	case typeRefDelta:
		if len(b)-i < IDSize {
			return h, errors.New("truncated entry header")
		}
		copy(h.baseID[:], b[i:])
		i += IDSize
	default:
		return h, fmt.Errorf("unknown entry type %d", h.typ)
	}
	h.dataOff = off + int64(i)
	return h, nil
}

// data returns the zlib stream of an entry (up to the pack's trailing checksum).
func (p *pack) data(h entryHeader) io.Reader {
	return io.NewSectionReader(p.r, h.dataOff, p.size-IDSize-h.dataOff)
}
