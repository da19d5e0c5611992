package seal

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"runtime"
	"time"
)

// Cores names the SHA-256 cores this build and CPU can run; Core names the
// one Search uses.
func Cores() []string {
	var names []string
	for _, c := range available() {
		names = append(names, c.name)
	}
	return names
}

// measureHeader cannot be sealed in practice (difficulty 200), so every
// measurement scans its whole range.
var measureHeader = Header{Version: 1, Prev: [32]byte{1}, Root: [32]byte{2}, Time: 1_780_000_000, Bits: 0x0500ffff}

// Measure runs Search with the named core and workers (0: GOMAXPROCS) for
// about d and returns nonces per second.
func Measure(ctx context.Context, coreName string, workers int, d time.Duration) (float64, error) {
	var c *core
	for _, a := range available() {
		if a.name == coreName {
			c = &a
		}
	}
	if c == nil {
		return 0, fmt.Errorf("seal: no core %q here (have %v)", coreName, Cores())
	}
	// Calls start at one chunk per worker and double, so a short d still
	// ends on time with the slowest core, and a long one is not dominated
	// by the cost of starting workers.
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	perCall := uint64(chunkSize * workers)
	var done uint64
	var nonce uint32
	start := time.Now()
	for time.Since(start) < d {
		if uint64(nonce)+perCall > math.MaxUint32+1 {
			nonce = 0
		}
		if _, found, err := search(ctx, *c, measureHeader, nonce, perCall, workers); err != nil || found {
			return 0, fmt.Errorf("seal: measure %s: %v (found %v)", coreName, err, found)
		}
		done += perCall
		nonce += uint32(perCall)
		perCall = min(2*perCall, 1<<24)
	}
	return float64(done) / time.Since(start).Seconds(), nil
}

// MeasureNaive runs the naive loop, sha256.Sum256(sha256.Sum256(header))
// per nonce on one core, for about d and returns nonces per second.
func MeasureNaive(d time.Duration) float64 {
	buf := measureHeader.bytes()
	target, _ := targetBytes(measureHeader.Bits)
	var n uint64
	start := time.Now()
	for time.Since(start) < d {
		for range 1 << 14 {
			binary.LittleEndian.PutUint32(buf[76:], uint32(n))
			first := sha256.Sum256(buf[:])
			s := sha256.Sum256(first[:])
			if meetsTarget(&s, &target) {
				panic("seal: the measurement header sealed")
			}
			n++
		}
	}
	return float64(n) / time.Since(start).Seconds()
}
