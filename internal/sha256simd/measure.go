package sha256simd

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// Active is the core pkg/seal searches with: the fastest this build and CPU
// run, timed once per process.
func Active() Core { return active() }

// Available lists the cores this build and CPU can run, kernels first.
func Available() []Core { return available() }

// Cores names the cores this build and CPU can run; Active names the one
// pkg/seal uses.
func Cores() []string {
	var names []string
	for _, c := range available() {
		names = append(names, c.name)
	}
	return names
}

// Named returns the core called name, if this build and CPU can run it.
func Named(name string) (Core, error) {
	for _, c := range available() {
		if c.name == name {
			return c, nil
		}
	}
	return Core{}, fmt.Errorf("sha256simd: no core %q here (have %v)", name, Cores())
}

// measureHeader cannot be sealed in practice (difficulty 200, bits
// 0x0500ffff), so every measurement scans its whole range.
var measureHeader = func() [HeaderSize]byte {
	var h [HeaderSize]byte
	binary.LittleEndian.PutUint32(h[0:], 1) // version
	h[4] = 1                                // prev
	h[36] = 2                               // root
	binary.LittleEndian.PutUint32(h[68:], 1_780_000_000)
	binary.LittleEndian.PutUint32(h[72:], 0x0500ffff)
	return h
}()

// measureTarget is the target bits 0x0500ffff encode, 0xffff·2^16, little endian.
var measureTarget = [32]byte{2: 0xff, 3: 0xff}

// measureChunk is the nonces a worker scans between looks at the clock.
const measureChunk = 1 << 16

// Measure scans nonces of an unsealable header with the named core on
// workers goroutines (0: GOMAXPROCS) for about d and returns nonces per
// second.
func Measure(ctx context.Context, coreName string, workers int, d time.Duration) (float64, error) {
	c, err := Named(coreName)
	if err != nil {
		return 0, err
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	j := NewJob(measureHeader, measureTarget)
	var next, done atomic.Uint64
	var sealed atomic.Bool
	start := time.Now()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil && time.Since(start) < d {
				nonce := uint32(next.Add(measureChunk) - measureChunk)
				if _, found := c.Scan(j, nonce, measureChunk); found {
					sealed.Store(true)
					return
				}
				done.Add(measureChunk)
			}
		}()
	}
	wg.Wait()
	if sealed.Load() {
		return 0, fmt.Errorf("sha256simd: measure %s: the measurement header sealed", coreName)
	}
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("sha256simd: measure %s: %w", coreName, err)
	}
	return float64(done.Load()) / time.Since(start).Seconds(), nil
}

// MeasureNaive runs the naive loop, sha256.Sum256(sha256.Sum256(header))
// per nonce on one goroutine, for about d and returns nonces per second.
func MeasureNaive(d time.Duration) float64 {
	buf := measureHeader
	var n uint64
	start := time.Now()
	for time.Since(start) < d {
		for range 1 << 14 {
			binary.LittleEndian.PutUint32(buf[76:], uint32(n))
			first := sha256.Sum256(buf[:])
			s := sha256.Sum256(first[:])
			if meetsTarget(&s, &measureTarget) {
				panic("sha256simd: the measurement header sealed")
			}
			n++
		}
	}
	return float64(n) / time.Since(start).Seconds()
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
