package gitobj

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// samplePack is a blob, an OFS_DELTA on it, a REF_DELTA on the OFS_DELTA's result and
// an OFS_DELTA on that: a chain of three deltas of both kinds.
func samplePack() (packBytes, idxBytes []byte, objs map[ID][]byte) {
	base := []byte(strings.Repeat("the base blob of the sample pack\n", 8))
	v1 := append(append([]byte{}, base[:40]...), "inserted\n"...)
	v1 = append(v1, base[100:]...)
	v2 := append([]byte("head "), v1[:30]...)
	v3 := append(append([]byte{}, v2...), "tail\n"...)
	d1 := encodeDelta(len(base), len(v1), []deltaOp{{off: 0, size: 40}, {insert: []byte("inserted\n")}, {off: 100, size: len(base) - 100}})
	d2 := encodeDelta(len(v1), len(v2), []deltaOp{{insert: []byte("head ")}, {off: 0, size: 30}})
	d3 := encodeDelta(len(v2), len(v3), []deltaOp{{off: 0, size: len(v2)}, {insert: []byte("tail\n")}})
	id0, id1 := HashObject(TypeBlob, base), HashObject(TypeBlob, v1)
	id2, id3 := HashObject(TypeBlob, v2), HashObject(TypeBlob, v3)
	packBytes, offs := buildPack([]memEntry{
		{typ: TypeBlob, data: base},
		{typ: typeOfsDelta, data: d1, baseRel: 0},
		{typ: typeRefDelta, data: d2, baseID: id1},
		{typ: typeOfsDelta, data: d3, baseRel: 2},
	})
	idxBytes = buildIndex(map[ID]int64{id0: offs[0], id1: offs[1], id2: offs[2], id3: offs[3]})
	return packBytes, idxBytes, map[ID][]byte{id0: base, id1: v1, id2: v2, id3: v3}
}

func TestPackDeltas(t *testing.T) {
	packBytes, idxBytes, objs := samplePack()
	db, _, err := memDB(packBytes, idxBytes)
	if err != nil {
		t.Fatal(err)
	}
	for round := 0; round < 2; round++ { // the second round reads bases from the cache
		for id, want := range objs {
			typ, data, err := db.Read(id)
			if err != nil || typ != TypeBlob || !bytes.Equal(data, want) {
				t.Errorf("round %d: Read(%s) = %s %q, %v; want %q", round, id, typ, data, err, want)
			}
			if n, err := db.Size(id); err != nil || n != int64(len(want)) {
				t.Errorf("Size(%s) = %d, %v; want %d", id, n, err, len(want))
			}
			data[0] ^= 0xff // the caller's copy: the cache must not change
		}
	}
	db.MaxDeltaDepth = 2
	db.cache = newBaseCache(1 << 20)
	var deepest ID
	for id, v := range objs {
		if bytes.HasSuffix(v, []byte("tail\n")) {
			deepest = id
		}
	}
	if _, _, err := db.Read(deepest); err == nil || !strings.Contains(err.Error(), "mem.pack") || !strings.Contains(err.Error(), "deeper than 2") {
		t.Errorf("a chain of 3 deltas with MaxDeltaDepth 2: %v", err)
	}
	if _, _, err := db.Read(HashObject(TypeBlob, []byte("absent"))); !errors.Is(err, ErrNotFound) {
		t.Errorf("absent object: %v", err)
	}
}

func TestIndexLargeOffsetsAndV1(t *testing.T) {
	a, b := HashObject(TypeBlob, []byte("a")), HashObject(TypeBlob, []byte("b"))
	ix, err := parsePackIndex(buildIndex(map[ID]int64{a: 12, b: 5 << 32}))
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[ID]int64{a: 12, b: 5 << 32} {
		i := ix.find(id)
		if off, err := ix.offset(i); i < 0 || err != nil || off != want {
			t.Errorf("offset of %s = %d, %v; want %d", id, off, err, want)
		}
	}
	// Version 1: fanout, then offset and id per object, then two checksums.
	var v1 bytes.Buffer
	first, second := a, b
	if bytes.Compare(b[:], a[:]) < 0 {
		first, second = b, a
	}
	for i := 0; i < 256; i++ {
		n := 0
		for _, id := range []ID{first, second} {
			if int(id[0]) <= i {
				n++
			}
		}
		v1.Write([]byte{0, 0, 0, byte(n)})
	}
	v1.Write([]byte{0, 0, 0, 12})
	v1.Write(first[:])
	v1.Write([]byte{0, 0, 1, 0})
	v1.Write(second[:])
	v1.Write(make([]byte, 40))
	ix, err = parsePackIndex(v1.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if off, _ := ix.offset(ix.find(second)); off != 256 || ix.find(HashObject(TypeBlob, nil)) != -1 {
		t.Errorf("v1 index: offset %d", off)
	}
}

func TestApplyDeltaErrors(t *testing.T) {
	base := []byte("0123456789")
	for name, d := range map[string][]byte{
		"copy beyond the base": encodeDelta(10, 5, []deltaOp{{off: 8, size: 5}}),
		"result too long":      encodeDelta(10, 3, []deltaOp{{off: 0, size: 5}}),
		"result too short":     encodeDelta(10, 8, []deltaOp{{off: 0, size: 5}}),
		"wrong base size":      encodeDelta(11, 5, []deltaOp{{off: 0, size: 5}}),
		"truncated insert":     append(encodeDelta(10, 5, nil), 5, 'a'),
		"reserved instruction": append(encodeDelta(10, 0, nil), 0),
		"truncated header":     {0x80},
		"truncated copy":       append(encodeDelta(10, 5, nil), 0x91),
		"over the size limit":  encodeDelta(10, 1<<40, nil),
	} {
		if out, err := applyDelta(base, d, 1<<30); err == nil || !errors.Is(err, errBadDelta) {
			t.Errorf("%s: %q, %v", name, out, err)
		}
	}
}
