// Package merkle implements RFC 6962 Merkle trees over SHA-256: leaf and node
// hashing (one at a time, or many at once on internal/sha256simd's
// multi-buffer SHA-256), O(n) tree construction, O(log n) audit paths and
// their verification. It uses only the standard library and that package.
package merkle

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"math/bits"
)

// Hash is a SHA-256 digest.
type Hash = [32]byte

// Domain-separation prefixes from RFC 6962 §2.1.
const (
	leafPrefix = 0x00
	nodePrefix = 0x01
)

// Errors returned by VerifyInclusion and Proof. Callers branch on them with errors.Is.
var (
	ErrIndexOutOfRange = errors.New("merkle: leaf index out of range")
	ErrProofLength     = errors.New("merkle: wrong proof length for index and tree size")
	ErrRootMismatch    = errors.New("merkle: computed root does not match")
)

// RootMismatchError carries the evidence of a failed inclusion check.
type RootMismatchError struct {
	Expected, Computed Hash
}

func (e *RootMismatchError) Error() string {
	return fmt.Sprintf("merkle: computed root %x does not match expected root %x", e.Computed, e.Expected)
}

// Unwrap lets errors.Is(err, ErrRootMismatch) match.
func (e *RootMismatchError) Unwrap() error { return ErrRootMismatch }

// EmptyRoot is the root of the tree with no leaves: SHA-256 of the empty string.
var EmptyRoot = sha256.Sum256(nil)

// LeafHash returns SHA-256(0x00 ‖ data).
func LeafHash(data []byte) Hash {
	if len(data) <= 64 {
		// The common case (a 32-byte digest) hashes from the stack.
		var buf [65]byte
		buf[0] = leafPrefix
		n := copy(buf[1:], data)
		return sha256.Sum256(buf[:1+n])
	}
	h := sha256.New()
	h.Write([]byte{leafPrefix})
	h.Write(data)
	var out Hash
	h.Sum(out[:0])
	return out
}

// NodeHash returns SHA-256(0x01 ‖ left ‖ right).
func NodeHash(left, right Hash) Hash {
	var buf [65]byte
	buf[0] = nodePrefix
	copy(buf[1:33], left[:])
	copy(buf[33:], right[:])
	return sha256.Sum256(buf[:])
}

// Root returns the RFC 6962 tree head of the given leaf hashes.
func Root(leaves []Hash) Hash {
	switch len(leaves) {
	case 0:
		return EmptyRoot
	case 1:
		return leaves[0]
	}
	// Pairing bottom-up and promoting an odd last node unchanged yields
	// exactly RFC 6962's split at the largest power of two below n.
	level := make([]Hash, (len(leaves)+1)/2)
	next := reduce(level, leaves)
	for len(next) > 1 {
		next = reduce(next[:(len(next)+1)/2], next)
	}
	return next[0]
}

// reduce hashes src pairwise into dst (which may alias src) and returns dst.
func reduce(dst, src []Hash) []Hash {
	n := len(src) / 2
	nodeHashes(dst, src)
	if len(src)%2 == 1 {
		dst[n] = src[len(src)-1]
	}
	return dst[:(len(src)+1)/2]
}

// ProofLength returns the length of the RFC 6962 audit path for leaf index in a
// tree of size leaves, or -1 when index is out of range.
func ProofLength(index, size uint64) int {
	if index >= size {
		return -1
	}
	// The path has one node per level where the leaf's ancestor has a
	// sibling: the bits of the inner part (where index and size-1 differ)
	// plus the set bits of the border part above it.
	inner := bits.Len64(index ^ (size - 1))
	border := bits.OnesCount64(index >> uint(inner))
	return inner + border
}

// VerifyInclusion checks that leaf (a leaf hash) is at index in the tree of
// size leaves whose root is root, using the audit path proof (RFC 9162 §2.1.3.2).
func VerifyInclusion(leaf Hash, index, size uint64, proof []Hash, root Hash) error {
	if index >= size {
		return fmt.Errorf("%w: index %d, tree size %d", ErrIndexOutOfRange, index, size)
	}
	if want := ProofLength(index, size); len(proof) != want {
		return fmt.Errorf("%w: got %d hashes, want %d for index %d in tree of %d", ErrProofLength, len(proof), want, index, size)
	}
	computed := rootFromPath(leaf, index, size, proof)
	if computed != root {
		return &RootMismatchError{Expected: root, Computed: computed}
	}
	return nil
}

// rootFromPath recomputes the root from a path whose length has been checked.
func rootFromPath(leaf Hash, index, size uint64, proof []Hash) Hash {
	fn, sn := index, size-1
	r := leaf
	for _, p := range proof {
		if fn&1 == 1 || fn == sn {
			r = NodeHash(p, r)
			for fn&1 == 0 && fn != 0 {
				fn >>= 1
				sn >>= 1
			}
		} else {
			r = NodeHash(r, p)
		}
		fn >>= 1
		sn >>= 1
	}
	return r
}
