package merkle

import "github.com/credseal/credseal/internal/sha256simd"

// manyChunk is how many hashes one multi-buffer call takes: enough to keep
// the lanes full, small enough for the messages to stay in cache.
const manyChunk = 1024

// LeafHashes returns LeafHash of each 32-byte digest, computed several at a
// time by the multi-buffer SHA-256 of internal/sha256simd: an issuer hashes
// a leaf per credential, where crypto/sha256's per-call cost outweighs the
// one compression.
func LeafHashes(digests []Hash) []Hash {
	out := make([]Hash, len(digests))
	hashMany(out, leafPrefix, 1+32, func(i int, m []byte) { copy(m, digests[i][:]) })
	return out
}

// nodeHashes sets dst[i] to NodeHash(src[2i], src[2i+1]) for every pair of
// src, several at a time. dst may alias src: each chunk's pairs are copied
// out before its results are written.
func nodeHashes(dst, src []Hash) {
	hashMany(dst[:len(src)/2], nodePrefix, 1+64, func(i int, m []byte) {
		copy(m, src[2*i][:])
		copy(m[32:], src[2*i+1][:])
	})
}

// hashMany sets out[i] to SHA-256(prefix ‖ the size-1 bytes body(i, …)
// writes), manyChunk at a time; each chunk's bodies are all written before
// any of its results.
func hashMany(out []Hash, prefix byte, size int, body func(i int, m []byte)) {
	n := len(out)
	arena := make([]byte, size*min(n, manyChunk))
	msgs := make([]sha256simd.Message, 0, min(n, manyChunk))
	for lo := 0; lo < n; lo += manyChunk {
		hi := min(lo+manyChunk, n)
		msgs = msgs[:0]
		for i := lo; i < hi; i++ {
			m := arena[size*(i-lo) : size*(i-lo+1)]
			m[0] = prefix
			body(i, m[1:])
			msgs = append(msgs, sha256simd.Message{Msg: m, Sum: &out[i]})
		}
		// Every message wants a digest, which Hash cannot refuse.
		if err := sha256simd.Hash(msgs); err != nil {
			panic("merkle: " + err.Error())
		}
	}
}
