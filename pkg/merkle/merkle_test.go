package merkle

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"testing"
)

type rfcVectors struct {
	Leaves    []string `json:"leaves"`
	Roots     []string `json:"roots"`
	Inclusion []struct {
		Index uint64   `json:"index"`
		Size  uint64   `json:"size"`
		Path  []string `json:"path"`
	} `json:"inclusion"`
}

func loadVectors(t testing.TB) rfcVectors {
	t.Helper()
	raw, err := os.ReadFile("../../testdata/rfc6962.json")
	if err != nil {
		t.Fatal(err)
	}
	var v rfcVectors
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func mustHash(t testing.TB, s string) Hash {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != 32 {
		t.Fatalf("bad hash %q", s)
	}
	return Hash(b)
}

// referenceRoot is RFC 6962's recursive MTH definition, kept deliberately naive.
func referenceRoot(leaves []Hash) Hash {
	switch n := len(leaves); n {
	case 0:
		return EmptyRoot
	case 1:
		return leaves[0]
	default:
		k := 1
		for k*2 < n {
			k *= 2
		}
		return NodeHash(referenceRoot(leaves[:k]), referenceRoot(leaves[k:]))
	}
}

func testLeaves(n int) []Hash {
	leaves := make([]Hash, n)
	for i := range leaves {
		leaves[i] = LeafHash([]byte(fmt.Sprintf("leaf %d", i)))
	}
	return leaves
}

func TestRFC6962Vectors(t *testing.T) {
	v := loadVectors(t)
	var leaves []Hash
	for _, l := range v.Leaves {
		b, _ := hex.DecodeString(l)
		leaves = append(leaves, LeafHash(b))
	}
	for size, want := range v.Roots {
		got := Root(leaves[:size])
		if got != mustHash(t, want) {
			t.Errorf("Root(size %d) = %x, want %s", size, got, want)
		}
		if got := Build(leaves[:size]).Root(); got != mustHash(t, want) {
			t.Errorf("Build(size %d).Root() = %x, want %s", size, got, want)
		}
	}
	for _, inc := range v.Inclusion {
		tree := Build(leaves[:inc.Size])
		path, err := tree.Proof(inc.Index)
		if err != nil {
			t.Fatal(err)
		}
		if len(path) != len(inc.Path) {
			t.Fatalf("Proof(%d) in size %d has %d hashes, want %d", inc.Index, inc.Size, len(path), len(inc.Path))
		}
		for i := range path {
			if path[i] != mustHash(t, inc.Path[i]) {
				t.Errorf("Proof(%d) in size %d: element %d = %x, want %s", inc.Index, inc.Size, i, path[i], inc.Path[i])
			}
		}
		root := mustHash(t, v.Roots[inc.Size])
		if err := VerifyInclusion(leaves[inc.Index], inc.Index, inc.Size, path, root); err != nil {
			t.Errorf("published proof (%d, %d) rejected: %v", inc.Index, inc.Size, err)
		}
	}
}

func TestEveryIndexRoundTrips(t *testing.T) {
	all := testLeaves(70)
	for size := 1; size <= 70; size++ {
		leaves := all[:size]
		tree := Build(leaves)
		root := tree.Root()
		if want := referenceRoot(leaves); root != want {
			t.Fatalf("size %d: root %x, reference %x", size, root, want)
		}
		for i := uint64(0); i < uint64(size); i++ {
			path, err := tree.Proof(i)
			if err != nil {
				t.Fatal(err)
			}
			if len(path) != ProofLength(i, uint64(size)) {
				t.Fatalf("size %d index %d: path length %d, ProofLength %d", size, i, len(path), ProofLength(i, uint64(size)))
			}
			if err := VerifyInclusion(leaves[i], i, uint64(size), path, root); err != nil {
				t.Fatalf("size %d index %d: %v", size, i, err)
			}
		}
	}
}

func flipBit(h Hash, bit int) Hash {
	h[bit/8] ^= 1 << (bit % 8)
	return h
}

// TestSingleBitChangesRejected flips every bit of every input to VerifyInclusion.
func TestSingleBitChangesRejected(t *testing.T) {
	maxSize := 70
	if testing.Short() {
		maxSize = 20
	}
	all := testLeaves(maxSize)
	for size := 1; size <= maxSize; size++ {
		tree := Build(all[:size])
		root, n := tree.Root(), uint64(size)
		for i := uint64(0); i < n; i++ {
			path, _ := tree.Proof(i)
			leaf := all[i]
			reject := func(what string, err error) {
				if err == nil {
					t.Fatalf("size %d index %d: %s accepted", size, i, what)
				}
			}
			for bit := 0; bit < 256; bit++ {
				reject(fmt.Sprintf("leaf bit %d", bit), VerifyInclusion(flipBit(leaf, bit), i, n, path, root))
				reject(fmt.Sprintf("root bit %d", bit), VerifyInclusion(leaf, i, n, path, flipBit(root, bit)))
				for p := range path {
					bad := append([]Hash(nil), path...)
					bad[p] = flipBit(bad[p], bit)
					reject(fmt.Sprintf("path[%d] bit %d", p, bit), VerifyInclusion(leaf, i, n, bad, root))
				}
			}
			for bit := 0; bit < 64; bit++ {
				reject(fmt.Sprintf("index bit %d", bit), VerifyInclusion(leaf, i^(1<<bit), n, path, root))
				// RFC 6962 paths commit to the size only through their shape:
				// leaf 0 of 5 and leaf 0 of 7 hash identically. Any other size is rejected.
				if m := n ^ (1 << bit); pathShape(i, m) != pathShape(i, n) {
					reject(fmt.Sprintf("size bit %d", bit), VerifyInclusion(leaf, i, m, path, root))
				}
			}
			if len(path) == 0 {
				continue
			}
			reject("truncated path", VerifyInclusion(leaf, i, n, path[:len(path)-1], root))
			reject("trailing element", VerifyInclusion(leaf, i, n, append(path[:len(path):len(path)], root), root))
		}
	}
}

// pathShape describes how VerifyInclusion combines a path for (index, size):
// for each element, whether it is hashed on the left. Sizes with equal shapes
// are indistinguishable to any RFC 6962 verifier.
func pathShape(index, size uint64) string {
	if index >= size {
		return "out of range"
	}
	shape := ""
	fn, sn := index, size-1
	for range ProofLength(index, size) {
		if fn&1 == 1 || fn == sn {
			shape += "L"
			for fn&1 == 0 && fn != 0 {
				fn >>= 1
				sn >>= 1
			}
		} else {
			shape += "R"
		}
		fn >>= 1
		sn >>= 1
	}
	return shape
}

func TestSameShapeSizesAreIndistinguishable(t *testing.T) {
	// Documents the RFC 6962 property behind the exception above.
	leaves := testLeaves(7)
	five := Build(leaves[:5])
	path, _ := five.Proof(0)
	if pathShape(0, 5) != pathShape(0, 7) {
		t.Fatal("expected leaf 0 of 5 and of 7 to share a shape")
	}
	if err := VerifyInclusion(leaves[0], 0, 7, path, five.Root()); err != nil {
		t.Fatalf("same-shape size: %v", err)
	}
}

func TestErrorsCarryEvidence(t *testing.T) {
	leaves := testLeaves(5)
	tree := Build(leaves)
	path, _ := tree.Proof(3)
	wrongRoot := flipBit(tree.Root(), 0)
	err := VerifyInclusion(leaves[3], 3, 5, path, wrongRoot)
	var mismatch *RootMismatchError
	if !errors.As(err, &mismatch) || !errors.Is(err, ErrRootMismatch) {
		t.Fatalf("err = %v, want *RootMismatchError", err)
	}
	if mismatch.Expected != wrongRoot || mismatch.Computed != tree.Root() {
		t.Errorf("evidence = %x / %x, want %x / %x", mismatch.Expected, mismatch.Computed, wrongRoot, tree.Root())
	}
	if err := VerifyInclusion(leaves[0], 5, 5, nil, tree.Root()); !errors.Is(err, ErrIndexOutOfRange) {
		t.Errorf("index 5 of 5: err = %v, want ErrIndexOutOfRange", err)
	}
	if err := VerifyInclusion(leaves[0], 0, 5, path[:1], tree.Root()); !errors.Is(err, ErrProofLength) {
		t.Errorf("short path: err = %v, want ErrProofLength", err)
	}
	if _, err := tree.Proof(5); !errors.Is(err, ErrIndexOutOfRange) {
		t.Errorf("Proof(5) of 5: err = %v, want ErrIndexOutOfRange", err)
	}
	if _, err := Build(nil).Proof(0); !errors.Is(err, ErrIndexOutOfRange) {
		t.Errorf("Proof on empty tree: err = %v, want ErrIndexOutOfRange", err)
	}
}

func TestParallelBuildMatchesRoot(t *testing.T) {
	// Wide enough to take the parallel path, odd so a node is promoted.
	leaves := testLeaves(3*parallelThreshold + 1)
	tree := Build(leaves)
	if tree.Root() != Root(leaves) {
		t.Fatal("parallel Build disagrees with Root")
	}
	for _, i := range []uint64{0, 1, parallelThreshold, uint64(len(leaves) - 1)} {
		path, _ := tree.Proof(i)
		if err := VerifyInclusion(leaves[i], i, tree.Size(), path, tree.Root()); err != nil {
			t.Fatalf("index %d: %v", i, err)
		}
	}
}

func FuzzVerifyInclusion(f *testing.F) {
	f.Add(uint16(7), uint16(3), uint16(0), []byte{})
	f.Add(uint16(300), uint16(299), uint16(1000), []byte{1, 2, 3})
	f.Add(uint16(1), uint16(0), uint16(5), make([]byte, 64))
	f.Fuzz(func(t *testing.T, size, index, flip uint16, junk []byte) {
		n := uint64(size%300) + 1
		i := uint64(index) % n
		leaves := testLeaves(int(n))
		tree := Build(leaves)
		path, err := tree.Proof(i)
		if err != nil {
			t.Fatal(err)
		}
		if err := VerifyInclusion(leaves[i], i, n, path, tree.Root()); err != nil {
			t.Fatalf("valid proof rejected: %v", err)
		}
		// Any single flipped bit of the leaf, root or path must be rejected.
		bit := int(flip) % (256 * (len(path) + 2))
		leaf, root := leaves[i], tree.Root()
		bad := append([]Hash(nil), path...)
		switch k := bit / 256; k {
		case 0:
			leaf = flipBit(leaf, bit%256)
		case 1:
			root = flipBit(root, bit%256)
		default:
			bad[k-2] = flipBit(bad[k-2], bit%256)
		}
		if VerifyInclusion(leaf, i, n, bad, root) == nil {
			t.Fatalf("bit %d flip accepted", bit)
		}
		// Arbitrary bytes as a proof, with any index and size, never panic.
		var junkPath []Hash
		for len(junk) >= 32 {
			junkPath = append(junkPath, Hash(junk[:32]))
			junk = junk[32:]
		}
		_ = VerifyInclusion(leaves[i], uint64(index), uint64(size), junkPath, tree.Root())
	})
}

func BenchmarkBuildWithAllProofs(b *testing.B) {
	for _, n := range []int{1000, 100_000, 1_000_000} {
		leaves := testLeaves(n)
		b.Run(fmt.Sprintf("leaves=%d", n), func(b *testing.B) {
			for b.Loop() {
				tree := Build(leaves)
				for i := uint64(0); i < uint64(n); i++ {
					if _, err := tree.Proof(i); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "leaves/s")
		})
	}
}
