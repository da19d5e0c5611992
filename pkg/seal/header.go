// Package seal implements credseal's batch header and its proof-of-work seal:
// the 80-byte Bitcoin-layout header, compact targets, double SHA-256 and a
// parallel nonce search (Search, Seal). The search runs on the SHA-256
// kernels of internal/sha256simd, the fastest this CPU has; the package
// uses only the standard library and that package.
package seal

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
)

// HeaderSize is the length of a marshalled header.
const HeaderSize = 80

// ErrHeaderLength is returned when a header is not exactly HeaderSize bytes.
var ErrHeaderLength = errors.New("seal: header must be 80 bytes")

// Header is a batch header in Bitcoin's block-header layout. Prev is the
// issuer's previous seal (zero for its first batch) and Root the batch's
// Merkle root, both in internal byte order.
type Header struct {
	Version uint32
	Prev    [32]byte
	Root    [32]byte
	Time    uint32 // unix seconds
	Bits    uint32 // compact target
	Nonce   uint32
}

// MarshalBinary returns the 80-byte encoding, integers little endian.
func (h Header) MarshalBinary() ([]byte, error) {
	b := h.bytes()
	return b[:], nil
}

func (h *Header) bytes() [HeaderSize]byte {
	var b [HeaderSize]byte
	binary.LittleEndian.PutUint32(b[0:], h.Version)
	copy(b[4:36], h.Prev[:])
	copy(b[36:68], h.Root[:])
	binary.LittleEndian.PutUint32(b[68:], h.Time)
	binary.LittleEndian.PutUint32(b[72:], h.Bits)
	binary.LittleEndian.PutUint32(b[76:], h.Nonce)
	return b
}

// UnmarshalBinary decodes exactly 80 bytes.
func (h *Header) UnmarshalBinary(b []byte) error {
	if len(b) != HeaderSize {
		return fmt.Errorf("%w, got %d", ErrHeaderLength, len(b))
	}
	h.Version = binary.LittleEndian.Uint32(b[0:])
	copy(h.Prev[:], b[4:36])
	copy(h.Root[:], b[36:68])
	h.Time = binary.LittleEndian.Uint32(b[68:])
	h.Bits = binary.LittleEndian.Uint32(b[72:])
	h.Nonce = binary.LittleEndian.Uint32(b[76:])
	return nil
}

// ParseHeader decodes an 80-byte header.
func ParseHeader(b []byte) (Header, error) {
	var h Header
	err := h.UnmarshalBinary(b)
	return h, err
}

// Hash returns the seal SHA-256(SHA-256(header)) in internal byte order
// (Bitcoin displays block hashes byte-reversed).
func (h Header) Hash() [32]byte {
	b := h.bytes()
	first := sha256.Sum256(b[:])
	return sha256.Sum256(first[:])
}

// Sealed reports whether the header's hash, read as a little-endian 256-bit
// integer, is at most the target its Bits encode. Invalid Bits never seal.
func (h Header) Sealed() bool {
	t, err := targetBytes(h.Bits)
	if err != nil {
		return false
	}
	seal := h.Hash()
	return meetsTarget(&seal, &t)
}

// meetsTarget compares two little-endian 256-bit integers: seal <= target.
func meetsTarget(seal, target *[32]byte) bool {
	for i := 31; i >= 0; i-- {
		if seal[i] != target[i] {
			return seal[i] < target[i]
		}
	}
	return true
}
