package gitobj

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"encoding/binary"
	"sort"
)

// In-memory packs for the unit and fuzz tests of the pack reader, written by the
// format's rules (see pack.go) rather than by git, so that each kind of entry is there
// on purpose.

type memEntry struct {
	typ     Type
	data    []byte // the object, or the delta
	baseRel int    // OFS_DELTA: index of the base entry in the list
	baseID  ID     // REF_DELTA
}

func zlibBytes(b []byte) []byte {
	var buf bytes.Buffer
	w := zlib.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// buildPack writes entries as a pack and returns it with each entry's offset.
func buildPack(entries []memEntry) ([]byte, []int64) {
	var b bytes.Buffer
	b.WriteString("PACK")
	binary.Write(&b, binary.BigEndian, uint32(2))
	binary.Write(&b, binary.BigEndian, uint32(len(entries)))
	offs := make([]int64, len(entries))
	for i, e := range entries {
		offs[i] = int64(b.Len())
		size := len(e.data)
		c := byte(e.typ)<<4 | byte(size&15)
		size >>= 4
		for size > 0 {
			b.WriteByte(c | 0x80)
			c = byte(size & 0x7f)
			size >>= 7
		}
		b.WriteByte(c)
		switch e.typ {
		case typeOfsDelta:
			dist := uint64(offs[i] - offs[e.baseRel])
			var tmp [10]byte
			n := len(tmp) - 1
			tmp[n] = byte(dist & 0x7f)
			for dist >>= 7; dist > 0; dist >>= 7 {
				dist--
				n--
				tmp[n] = 0x80 | byte(dist&0x7f)
			}
			b.Write(tmp[n:])
		case typeRefDelta:
			b.Write(e.baseID[:])
		}
		b.Write(zlibBytes(e.data))
	}
	sum := sha1.Sum(b.Bytes())
	b.Write(sum[:])
	return b.Bytes(), offs
}

// buildIndex writes a version 2 index of ids at offsets.
func buildIndex(objs map[ID]int64) []byte {
	ids := make([]ID, 0, len(objs))
	for id := range objs {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return bytes.Compare(ids[i][:], ids[j][:]) < 0 })
	var b bytes.Buffer
	b.Write(idxMagic)
	binary.Write(&b, binary.BigEndian, uint32(2))
	for i := 0; i < 256; i++ {
		n := sort.Search(len(ids), func(k int) bool { return int(ids[k][0]) > i })
		binary.Write(&b, binary.BigEndian, uint32(n))
	}
	for _, id := range ids {
		b.Write(id[:])
	}
	for range ids {
		binary.Write(&b, binary.BigEndian, uint32(0)) // CRC32s, unread
	}
	var large []uint64
	for _, id := range ids {
		off := objs[id]
		if off >= 1<<31 {
			binary.Write(&b, binary.BigEndian, uint32(0x80000000|len(large)))
			large = append(large, uint64(off))
			continue
		}
		binary.Write(&b, binary.BigEndian, uint32(off))
	}
	for _, off := range large {
		binary.Write(&b, binary.BigEndian, off)
	}
	b.Write(make([]byte, 2*IDSize))
	return b.Bytes()
}

// memDB is a DB over one in-memory pack and index.
func memDB(packBytes, idxBytes []byte) (*DB, *pack, error) {
	ix, err := parsePackIndex(idxBytes)
	if err != nil {
		return nil, nil, err
	}
	p := &pack{path: "mem.pack", idx: ix, r: bytes.NewReader(packBytes), size: int64(len(packBytes)), opened: true}
	if _, err := checkPackHeader(p.r, p.size); err != nil {
		p.err = err
	}
	db := &DB{cache: newBaseCache(1 << 20), dirs: []*objectDir{{path: "mem", packs: []*pack{p}}}}
	return db, p, nil
}

// delta encodes a delta of the given instructions: copy{off, size} or insert bytes.
type deltaOp struct {
	off, size int
	insert    []byte
}

func encodeDelta(baseSize, resultSize int, ops []deltaOp) []byte {
	var b []byte
	varint := func(n int) {
		for n >= 0x80 {
			b = append(b, byte(n)|0x80)
			n >>= 7
		}
		b = append(b, byte(n))
	}
	varint(baseSize)
	varint(resultSize)
	for _, op := range ops {
		if op.insert != nil {
			b = append(b, byte(len(op.insert)))
			b = append(b, op.insert...)
			continue
		}
		cmd := byte(0x80)
		var args []byte
		for i := 0; i < 4; i++ {
			if v := byte(op.off >> (8 * i)); v != 0 {
				cmd |= 1 << i
				args = append(args, v)
			}
		}
		size := op.size
		if size == 0x10000 {
			size = 0
		}
		for i := 0; i < 3; i++ {
			if v := byte(size >> (8 * i)); v != 0 {
				cmd |= 0x10 << i
				args = append(args, v)
			}
		}
		b = append(b, cmd)
		b = append(b, args...)
	}
	return b
}
