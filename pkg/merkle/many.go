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
	arena := make([]byte, 33*min(len(digests), manyChunk))
	msgs := make([]sha256simd.Message, 0, min(len(digests), manyChunk))
	for lo := 0; lo < len(digests); lo += manyChunk {
		hi := min(lo+manyChunk, len(digests))
		msgs = msgs[:0]
		for i := lo; i < hi; i++ {
			m := arena[33*(i-lo) : 33*(i-lo+1)]
			m[0] = leafPrefix
			copy(m[1:], digests[i][:])
			msgs = append(msgs, sha256simd.Message{Msg: m, Sum: &out[i]})
		}
		hashAll(msgs)
	}
	return out
}

// nodeHashes sets dst[i] to NodeHash(src[2i], src[2i+1]) for every pair of
// src, several at a time. dst may alias src: each chunk's pairs are copied
// out before its results are written.
func nodeHashes(dst, src []Hash) {
	pairs := len(src) / 2
	arena := make([]byte, 65*min(pairs, manyChunk))
	msgs := make([]sha256simd.Message, 0, min(pairs, manyChunk))
	for lo := 0; lo < pairs; lo += manyChunk {
		hi := min(lo+manyChunk, pairs)
		msgs = msgs[:0]
		for i := lo; i < hi; i++ {
			m := arena[65*(i-lo) : 65*(i-lo+1)]
			m[0] = nodePrefix
			copy(m[1:33], src[2*i][:])
			copy(m[33:], src[2*i+1][:])
			msgs = append(msgs, sha256simd.Message{Msg: m})
		}
		for i := range msgs {
			msgs[i].Sum = &dst[lo+i]
		}
		hashAll(msgs)
	}
}

// hashAll runs messages that all want a digest, which Hash cannot refuse.
func hashAll(msgs []sha256simd.Message) {
	if err := sha256simd.Hash(msgs); err != nil {
		panic("merkle: " + err.Error())
	}
}
