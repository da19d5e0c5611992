package seal

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/credseal/credseal/internal/sha256simd"
)

// scanner is the one thing Search needs of the SHA-256 kernels
// (internal/sha256simd.Core): the lowest nonce of a range that meets the
// prepared header's target.
type scanner interface {
	Scan(j *sha256simd.Job, start uint32, n uint64) (nonce uint32, found bool)
}

// ErrRange is returned when a search range runs past nonce 2^32-1.
var ErrRange = errors.New("seal: nonce range exceeds 2^32")

// chunkSize bounds the nonces one worker scans between cancellation checks.
const chunkSize = 1 << 16

// Search tries nonces start, start+1, … (count of them, at most 2^32-start)
// with workers goroutines (GOMAXPROCS when workers <= 0) and returns the
// lowest nonce in that range that seals h. It returns ctx.Err() if the
// context ends before the answer is certain.
func Search(ctx context.Context, h Header, start uint32, count uint64, workers int) (nonce uint32, found bool, err error) {
	nonce, found, _, err = search(ctx, sha256simd.Active(), h, start, count, workers)
	return nonce, found, err
}

// search is Search, also returning how many nonces were hashed: every
// chunk claimed is scanned whole, some beyond the answer.
func search(ctx context.Context, c scanner, h Header, start uint32, count uint64, workers int) (uint32, bool, uint64, error) {
	if count > math.MaxUint32+1-uint64(start) {
		return 0, false, 0, fmt.Errorf("%w: start %d, count %d", ErrRange, start, count)
	}
	target, err := targetBytes(h.Bits)
	if err != nil {
		return 0, false, 0, err
	}
	j := sha256simd.NewJob(h.bytes(), target)
	if count == 0 {
		return 0, false, 0, ctx.Err()
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	chunks := (count + chunkSize - 1) / chunkSize
	workers = int(min(uint64(workers), chunks))

	// Chunks are claimed in increasing order, so once a hit is known any
	// chunk beyond it can be skipped, while every chunk below it is already
	// claimed and will be finished: the answer is the lowest hit.
	var next atomic.Uint64
	var best atomic.Uint64 // lowest hit offset from start; count means none
	best.Store(count)
	var cancelled atomic.Bool
	var hashed atomic.Uint64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				if ctx.Err() != nil {
					cancelled.Store(true)
					return
				}
				lo := (next.Add(1) - 1) * chunkSize
				if lo >= count || lo >= best.Load() {
					return
				}
				n := min(chunkSize, count-lo)
				nonce, ok := c.Scan(j, start+uint32(lo), n)
				hashed.Add(n)
				if ok {
					off := uint64(nonce - start)
					for cur := best.Load(); off < cur && !best.CompareAndSwap(cur, off); cur = best.Load() {
					}
				}
			}
		}()
	}
	wg.Wait()
	if cancelled.Load() {
		return 0, false, hashed.Load(), ctx.Err()
	}
	if off := best.Load(); off < count {
		return start + uint32(off), true, hashed.Load(), nil
	}
	return 0, false, hashed.Load(), nil
}

// Seal searches the whole nonce space of h and, when none of the 2^32 nonces
// seals it, advances Time by one second and searches again. It returns the
// sealed header.
func Seal(ctx context.Context, h Header, workers int) (Header, error) {
	h, _, err := SealMeasured(ctx, h, workers)
	return h, err
}

// Effort is what a seal cost: the hashes tried (double SHA-256 of the
// header), the time, and the goroutines that hashed.
type Effort struct {
	Hashes  uint64
	Elapsed time.Duration
	Workers int
}

// SealMeasured is Seal, also reporting its effort.
func SealMeasured(ctx context.Context, h Header, workers int) (Header, Effort, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	e := Effort{Workers: workers}
	start := time.Now()
	for {
		nonce, found, hashed, err := search(ctx, sha256simd.Active(), h, 0, math.MaxUint32+1, workers)
		e.Hashes += hashed
		e.Elapsed = time.Since(start)
		if err != nil {
			return Header{}, e, fmt.Errorf("seal header: %w", err)
		}
		if found {
			h.Nonce = nonce
			return h, e, nil
		}
		if h.Time == math.MaxUint32 {
			return Header{}, e, errors.New("seal header: time field exhausted")
		}
		h.Time++
	}
}
