package sha256simd

import (
	"crypto/sha256"
	"encoding/binary"
	"math/rand/v2"
)

// testHeader is a random header and a target of its difficulty.
type testHeader struct {
	bytes  [HeaderSize]byte
	target [32]byte
}

// randomHeader returns random header bytes and the target of difficulty
// leading zero bits: 2^(256-difficulty) - 1, little endian.
func randomHeader(r *rand.Rand, difficulty int) testHeader {
	var h testHeader
	for i := range h.bytes[:76] {
		h.bytes[i] = byte(r.Uint32())
	}
	for i := range h.target {
		h.target[i] = 0xff
	}
	for bit := range difficulty {
		h.target[31-bit/8] &^= 0x80 >> (bit % 8)
	}
	return h
}

func (h testHeader) job() *Job { return NewJob(h.bytes, h.target) }

// seal is the double SHA-256 of h with nonce.
func (h testHeader) seal(nonce uint32) [32]byte {
	b := h.bytes
	binary.LittleEndian.PutUint32(b[76:], nonce)
	first := sha256.Sum256(b[:])
	return sha256.Sum256(first[:])
}

// lastWordLimb is the reference for what a kernel compares: the seal's most
// significant little-endian limb.
func lastWordLimb(h testHeader, nonce uint32) uint32 {
	s := h.seal(nonce)
	return binary.LittleEndian.Uint32(s[28:])
}

// naiveLowest is the reference answer: the plain double hash at every nonce.
func naiveLowest(h testHeader, start uint32, count uint64) (uint32, bool) {
	for i := uint64(0); i < count; i++ {
		s := h.seal(start + uint32(i))
		if meetsTarget(&s, &h.target) {
			return start + uint32(i), true
		}
	}
	return 0, false
}
