package merkle

import (
	"fmt"
	"runtime"
	"sync"
)

// Tree keeps every level of a Merkle tree so that any audit path can be read
// in O(log n) without rehashing. It holds about 2n hashes for n leaves.
type Tree struct {
	levels [][]Hash // levels[0] are the leaf hashes; the last level holds the root
}

// parallelThreshold is the level width above which Build hashes on several
// goroutines; below it the coordination costs more than it saves.
const parallelThreshold = 1 << 14

// Build constructs the tree over leaf hashes in O(n). The slice is retained,
// not copied: the caller must not modify it afterwards.
func Build(leaves []Hash) *Tree {
	t := &Tree{levels: [][]Hash{leaves}}
	level := leaves
	for len(level) > 1 {
		next := make([]Hash, (len(level)+1)/2)
		reduceParallel(next, level)
		t.levels = append(t.levels, next)
		level = next
	}
	return t
}

// reduceParallel is reduce split across GOMAXPROCS goroutines for wide levels.
func reduceParallel(dst, src []Hash) {
	workers := runtime.GOMAXPROCS(0)
	if len(src) < parallelThreshold || workers == 1 {
		reduce(dst, src)
		return
	}
	pairs := len(src) / 2
	chunk := (pairs + workers - 1) / workers
	var wg sync.WaitGroup
	for lo := 0; lo < pairs; lo += chunk {
		hi := min(lo+chunk, pairs)
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			nodeHashes(dst[lo:hi], src[2*lo:2*hi])
		}(lo, hi)
	}
	wg.Wait()
	if len(src)%2 == 1 {
		dst[pairs] = src[len(src)-1]
	}
}

// Size returns the number of leaves.
func (t *Tree) Size() uint64 { return uint64(len(t.levels[0])) }

// Root returns the tree head.
func (t *Tree) Root() Hash {
	top := t.levels[len(t.levels)-1]
	if len(top) == 0 {
		return EmptyRoot
	}
	return top[0]
}

// Leaf returns the leaf hash at index.
func (t *Tree) Leaf(index uint64) (Hash, error) {
	if index >= t.Size() {
		return Hash{}, fmt.Errorf("%w: index %d, tree size %d", ErrIndexOutOfRange, index, t.Size())
	}
	return t.levels[0][index], nil
}

// Proof returns the RFC 6962 audit path for the leaf at index, bottom up.
func (t *Tree) Proof(index uint64) ([]Hash, error) {
	size := t.Size()
	if index >= size {
		return nil, fmt.Errorf("%w: index %d, tree size %d", ErrIndexOutOfRange, index, size)
	}
	path := make([]Hash, 0, ProofLength(index, size))
	i := index
	for _, level := range t.levels[:len(t.levels)-1] {
		n := uint64(len(level))
		switch {
		case i&1 == 1:
			path = append(path, level[i-1])
		case i+1 < n:
			path = append(path, level[i+1])
		}
		// An even last node has no sibling here: it was promoted unchanged.
		i >>= 1
	}
	return path, nil
}
