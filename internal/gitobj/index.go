package gitobj

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"sort"
)

// packIndex is a pack's .idx file, read whole into memory. Version 2 (git's default
// since 1.5.2):
//
//	"\377tOc", version 2, fanout[256] (uint32: objects whose first byte <= i),
//	N ids sorted, N CRC32s, N 31-bit offsets (high bit set: index into the table
//	of 64-bit offsets that follows), pack checksum, index checksum.
//
// Version 1 has no magic: fanout[256], then N entries of a 32-bit offset and an id.
type packIndex struct {
	version int
	count   int
	fanout  [256]uint32
	ids     []byte // count*IDSize (v2); the v1 table of 24-byte entries otherwise
	offsets []byte // count*4 (v2)
	large   []byte // 8-byte offsets (v2)
}

var idxMagic = []byte{0xff, 't', 'O', 'c'}

func readPackIndex(path string) (*packIndex, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	ix, err := parsePackIndex(b)
	if err != nil {
		return nil, &CorruptError{File: path, Offset: -1, Err: err}
	}
	return ix, nil
}

func parsePackIndex(b []byte) (*packIndex, error) {
	ix := &packIndex{version: 1}
	body := b
	if bytes.HasPrefix(b, idxMagic) {
		if len(b) < 8 {
			return nil, errors.New("truncated index header")
		}
		ix.version = int(binary.BigEndian.Uint32(b[4:]))
		if ix.version != 2 {
			return nil, fmt.Errorf("index version %d is not supported", ix.version)
		}
		body = b[8:]
	}
	if len(body) < 256*4 {
		return nil, errors.New("truncated fanout table")
	}
	for i := range ix.fanout {
		ix.fanout[i] = binary.BigEndian.Uint32(body[4*i:])
		if i > 0 && ix.fanout[i] < ix.fanout[i-1] {
			return nil, errors.New("fanout table not in order")
		}
	}
	n := int64(ix.fanout[255])
	ix.count = int(n)
	body = body[256*4:]
	trailer := int64(2 * IDSize)
	if ix.version == 1 {
		if int64(len(body)) != n*(4+IDSize)+trailer {
			return nil, fmt.Errorf("index of %d objects has the wrong size", n)
		}
		ix.ids = body[:n*(4+IDSize)]
		return ix, nil
	}
	fixed := n * (IDSize + 4 + 4)
	if int64(len(body)) < fixed+trailer || (int64(len(body))-fixed-trailer)%8 != 0 {
		return nil, fmt.Errorf("index of %d objects has the wrong size", n)
	}
	ix.ids = body[:n*IDSize]
	ix.offsets = body[n*(IDSize+4) : fixed]
	ix.large = body[fixed : int64(len(body))-trailer]
	return ix, nil
}

// id returns the i-th id in sorted order.
func (ix *packIndex) id(i int) []byte {
	if ix.version == 1 {
		e := ix.ids[i*(4+IDSize):]
		return e[4 : 4+IDSize]
	}
	return ix.ids[i*IDSize : (i+1)*IDSize]
}

// offset returns the pack offset of the i-th object.
func (ix *packIndex) offset(i int) (int64, error) {
	if ix.version == 1 {
		return int64(binary.BigEndian.Uint32(ix.ids[i*(4+IDSize):])), nil
	}
	o := binary.BigEndian.Uint32(ix.offsets[4*i:])
	if o&0x80000000 == 0 {
		return int64(o), nil
	}
	j := int64(o &^ 0x80000000)
	if (j+1)*8 > int64(len(ix.large)) {
		return 0, errors.New("64-bit offset out of the index's table")
	}
	off := binary.BigEndian.Uint64(ix.large[j*8:])
	if off > 1<<62 {
		return 0, errors.New("64-bit offset out of range")
	}
	return int64(off), nil
}

// span returns the positions [lo, hi) of the ids whose first byte is b.
func (ix *packIndex) span(b byte) (lo, hi int) {
	if b > 0 {
		lo = int(ix.fanout[b-1])
	}
	return lo, int(ix.fanout[b])
}

// find returns the position of id, or -1.
func (ix *packIndex) find(id ID) int {
	lo, hi := ix.span(id[0])
	i := lo + sort.Search(hi-lo, func(k int) bool { return bytes.Compare(ix.id(lo+k), id[:]) >= 0 })
	if i < hi && bytes.Equal(ix.id(i), id[:]) {
		return i
	}
	return -1
}

// withPrefix calls fn, in order, for every id that starts with prefix (at least one
// byte).
func (ix *packIndex) withPrefix(prefix []byte, fn func(ID)) {
	lo, hi := ix.span(prefix[0])
	i := lo + sort.Search(hi-lo, func(k int) bool { return bytes.Compare(ix.id(lo+k), prefix) >= 0 })
	for ; i < hi && bytes.HasPrefix(ix.id(i), prefix); i++ {
		var id ID
		copy(id[:], ix.id(i))
		fn(id)
	}
}
