package gitobj

import (
	"bytes"
	"testing"
)

// The decoders of what a repository holds are fuzzed: whatever the bytes, an error or
// a result that keeps the format's promises, never a panic or an allocation beyond the
// limits. Inputs the fuzzer found interesting are kept in testdata/fuzz.

func FuzzApplyDelta(f *testing.F) {
	base := []byte("0123456789abcdef0123456789abcdef")
	f.Add(base, encodeDelta(len(base), 12, []deltaOp{{off: 4, size: 8}, {insert: []byte("xyzw")}}))
	f.Add(base, encodeDelta(len(base), 0x10000, []deltaOp{{off: 0, size: 0x10000}}))
	f.Add([]byte{}, []byte{0, 0})
	f.Fuzz(func(t *testing.T, base, delta []byte) {
		out, err := applyDelta(base, delta, 1<<20)
		if err != nil {
			return
		}
		_, size, _, herr := deltaSizes(delta)
		if herr != nil || uint64(len(out)) != size {
			t.Fatalf("result of %d bytes, the delta announced %d (%v)", len(out), size, herr)
		}
	})
}

func FuzzLooseObject(f *testing.F) {
	f.Add(zlibBytes([]byte("blob 5\x00hello")))
	f.Add(zlibBytes([]byte("tree 0\x00")))
	f.Add(zlibBytes([]byte("commit 3\x00abcd")))
	f.Add(zlibBytes([]byte("blob 99999999999\x00")))
	f.Add(zlibBytes([]byte("blob 05\x00hello"))[:9])
	f.Fuzz(func(t *testing.T, data []byte) {
		db := &DB{MaxObjectSize: 1 << 20}
		typ, size, content, err := db.decodeLoose(bytes.NewReader(data), false)
		if err != nil {
			return
		}
		if int64(len(content)) != size || typ < TypeCommit || typ > TypeTag {
			t.Fatalf("%s of %d bytes declared, %d read", typ, size, len(content))
		}
	})
}

func FuzzPackEntry(f *testing.F) {
	packBytes, idxBytes, _ := samplePack()
	for off := uint32(12); off < 200; off += 13 {
		f.Add(packBytes, off)
	}
	f.Fuzz(func(t *testing.T, packBytes []byte, off uint32) {
		db, p, err := memDB(packBytes, idxBytes)
		if err != nil {
			t.Fatal(err) // the index is the sample's, always well formed
		}
		db.MaxObjectSize, db.MaxDeltaDepth = 1<<20, 20
		if p.err != nil {
			return
		}
		for round := 0; round < 2; round++ {
			typ, data, err := db.readPacked(p, int64(off))
			if err != nil {
				continue
			}
			if typ < TypeCommit || typ > TypeTag || int64(len(data)) > db.MaxObjectSize {
				t.Fatalf("read a %s of %d bytes", typ, len(data))
			}
		}
	})
}

func FuzzPackIndex(f *testing.F) {
	_, idxBytes, _ := samplePack()
	f.Add(idxBytes)
	f.Add(buildIndex(map[ID]int64{HashObject(TypeBlob, nil): 5 << 32}))
	f.Fuzz(func(t *testing.T, data []byte) {
		ix, err := parsePackIndex(data)
		if err != nil {
			return
		}
		for i := 0; i < ix.count; i++ {
			var id ID
			copy(id[:], ix.id(i))
			if j := ix.find(id); j < 0 {
				continue // an index out of order finds nothing, which is safe
			}
			ix.offset(i)
			ix.withPrefix(id[:1], func(ID) {})
		}
	})
}

func FuzzConfig(f *testing.F) {
	f.Add("[core]\n\tbare = false\n[remote \"o\\\"x\"]\n\turl = \"a b\" ; c\n[a.B]\nk\n")
	f.Add("[s]\n\tk = one \\\n two\\t\"q\\\\\"\r\n")
	f.Fuzz(func(t *testing.T, text string) {
		c, err := ParseConfig(text)
		if err != nil {
			return
		}
		c.Get("core", "", "bare")
	})
}
