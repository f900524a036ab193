package gitobj

import (
	"errors"
	"fmt"
)

// A delta (git's pack format, "Deltified representation") rebuilds an object from a
// base: two sizes as little-endian base-128 varints (the base's, the result's), then
// instructions. An instruction byte with the high bit set copies a range of the base:
// its bits 0-3 say which of four offset bytes follow, bits 4-6 which of three size
// bytes, a size of 0 meaning 0x10000. A byte 1-127 inserts that many literal bytes
// that follow it; 0 is reserved. Every range is checked against the base and the
// announced result size before a byte is copied.

var errBadDelta = errors.New("bad delta")

// deltaVarint reads one size varint of a delta header.
func deltaVarint(d []byte) (n uint64, rest []byte, err error) {
	for shift := uint(0); ; shift += 7 {
		if len(d) == 0 {
			return 0, nil, fmt.Errorf("%w: truncated header", errBadDelta)
		}
		if shift > 63 {
			return 0, nil, fmt.Errorf("%w: size varint too long", errBadDelta)
		}
		b := d[0]
		d = d[1:]
		n |= uint64(b&0x7f) << shift
		if b&0x80 == 0 {
			return n, d, nil
		}
	}
}

// deltaSizes reads a delta's base and result sizes.
func deltaSizes(delta []byte) (base, result uint64, rest []byte, err error) {
	if base, rest, err = deltaVarint(delta); err != nil {
		return
	}
	result, rest, err = deltaVarint(rest)
	return
}

// applyDelta rebuilds an object from base and delta. maxSize bounds the result.
func applyDelta(base, delta []byte, maxSize int64) ([]byte, error) {
	baseSize, resultSize, ops, err := deltaSizes(delta)
	if err != nil {
		return nil, err
	}
	if baseSize != uint64(len(base)) {
		return nil, fmt.Errorf("%w: base is %d bytes, the delta expects %d", errBadDelta, len(base), baseSize)
	}
	if resultSize > uint64(maxSize) {
		return nil, fmt.Errorf("%w: result of %d bytes is over the limit of %d", errBadDelta, resultSize, maxSize)
	}
	out := make([]byte, 0, resultSize)
	for len(ops) > 0 {
		op := ops[0]
		ops = ops[1:]
		switch {
		case op&0x80 != 0:
			var off, size uint64
			for i := uint(0); i < 4; i++ {
				if op&(1<<i) != 0 {
					if len(ops) == 0 {
						return nil, fmt.Errorf("%w: truncated copy instruction", errBadDelta)
					}
					off |= uint64(ops[0]) << (8 * i)
					ops = ops[1:]
				}
			}
			for i := uint(0); i < 3; i++ {
				if op&(0x10<<i) != 0 {
					if len(ops) == 0 {
						return nil, fmt.Errorf("%w: truncated copy instruction", errBadDelta)
					}
					size |= uint64(ops[0]) << (8 * i)
					ops = ops[1:]
				}
			}
			if size == 0 {
				size = 0x10000
			}
			if off+size > uint64(len(base)) {
				return nil, fmt.Errorf("%w: copy of %d bytes at %d outside the %d-byte base", errBadDelta, size, off, len(base))
			}
			if uint64(len(out))+size > resultSize {
				return nil, fmt.Errorf("%w: result longer than the %d bytes announced", errBadDelta, resultSize)
			}
			out = append(out, base[off:off+size]...)
		case op != 0:
			n := uint64(op)
			if uint64(len(ops)) < n {
				return nil, fmt.Errorf("%w: truncated insert instruction", errBadDelta)
			}
			if uint64(len(out))+n > resultSize {
				return nil, fmt.Errorf("%w: result longer than the %d bytes announced", errBadDelta, resultSize)
			}
			out = append(out, ops[:n]...)
			ops = ops[n:]
		default:
			return nil, fmt.Errorf("%w: reserved instruction 0", errBadDelta)
		}
	}
	if uint64(len(out)) != resultSize {
		return nil, fmt.Errorf("%w: result is %d bytes, the delta announced %d", errBadDelta, len(out), resultSize)
	}
	return out, nil
}
