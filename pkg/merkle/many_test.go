package merkle

import (
	"crypto/sha256"
	"testing"
)

// TestManyMatchOneAtATime checks the multi-buffer leaf and node hashes
// against LeafHash and NodeHash across chunk boundaries.
func TestManyMatchOneAtATime(t *testing.T) {
	for _, n := range []int{0, 1, 15, 17, manyChunk + 3} {
		digests := make([]Hash, n)
		for i := range digests {
			digests[i] = sha256.Sum256([]byte{byte(i), byte(i >> 8)})
		}
		leaves := LeafHashes(digests)
		for i := range digests {
			if want := LeafHash(digests[i][:]); leaves[i] != want {
				t.Fatalf("n %d leaf %d: %x, want %x", n, i, leaves[i], want)
			}
		}
		nodes := make([]Hash, n/2)
		nodeHashes(nodes, digests)
		for i := range nodes {
			if want := NodeHash(digests[2*i], digests[2*i+1]); nodes[i] != want {
				t.Fatalf("n %d node %d: %x, want %x", n, i, nodes[i], want)
			}
		}
	}
}
