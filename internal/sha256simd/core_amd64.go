//go:build amd64 && !purego

package sha256simd

import (
	"crypto/sha256"
	"encoding/binary"
	"math/bits"
	"time"
)

//go:generate go run gen_sha256d.go

// vecBuf holds the message words of the kernels that keep them in memory,
// with room to align them to a cache line.
type vecBuf [2*80*64 + 64]byte

// The kernels scan groups of nonces start+offset, offset = 0, g, 2g, … while
// offset < count, and stop at the first group where a lane's last digest
// word may meet the target: they return that group's offset and a mask of
// its candidate lanes (bit i: nonce start+offset+i), or offset >= count and
// mask 0. Lanes at or past count are scanned but not meant. A call is
// bounded by count: Search passes at most one 64K-nonce chunk, a few
// milliseconds, since Go cannot preempt assembly.

//go:noescape
func sha256d16(tab *kernelTable, buf *vecBuf, start, count uint32) (offset, mask uint32)

//go:noescape
func sha256d16x2(tab *kernelTable, buf *vecBuf, start, count uint32) (offset, mask uint32)

//go:noescape
func sha256d8(tab *kernelTable, buf *vecBuf, start, count uint32) (offset, mask uint32)

//go:noescape
func sha256d4sha(tab *kernelTable, buf *vecBuf, start, count uint32) (offset, mask uint32)

//go:noescape
func sha256d8avx2(tab *kernelTable, buf *vecBuf, start, count uint32) (offset, mask uint32)

type kernelFunc func(tab *kernelTable, buf *vecBuf, start, count uint32) (offset, mask uint32)

// kernel is one assembly kernel and what it needs.
type kernel struct {
	name   string
	fn     kernelFunc
	group  int  // nonces a group
	memory bool // keeps message words in a vecBuf
	usable func(cpuFeatures) bool
}

// kernels lists the assembly kernels. Search uses the fastest this CPU can
// run, timed at the first search (best).
var kernels = []kernel{
	// 16 nonces per ZMM register, message words in a register ring.
	{"avx512-16", sha256d16, 16, false, func(f cpuFeatures) bool { return f.avx512 }},
	// Two interleaved sets of 16 lanes, message words in memory: twice the
	// independent work per round, for CPUs where a round's dependency chain
	// rather than vector throughput is the limit.
	{"avx512-16x2", sha256d16x2, 32, true, func(f cpuFeatures) bool { return f.avx512 }},
	// The avx512-16 plan on YMM registers, for CPUs that split 512-bit
	// operations in two.
	{"avx512vl-8", sha256d8, 8, false, func(f cpuFeatures) bool { return f.avx512 && f.avx512vl }},
	// Four nonces interleaved on the SHA extensions: SHA256RNDS2 (two
	// rounds) takes several cycles, and starts every one to three
	// depending on the CPU.
	{"sha-ni-4", sha256d4sha, 4, true, func(f cpuFeatures) bool { return f.sha }},
	// 8 lanes without AVX-512: shifts and ORs for rotations.
	{"avx2-8", sha256d8avx2, 8, true, func(f cpuFeatures) bool { return f.avx2 }},
}

// core wraps the kernel in the scan interface.
func (kn kernel) core() Core {
	return Core{name: kn.name, scan: func(j *Job, start uint32, n uint64) (uint32, bool) {
		var buf *vecBuf
		if kn.memory {
			buf = new(vecBuf)
		}
		return scanKernel(j, buf, start, n, kn.fn, kn.group)
	}}
}

// scanKernel runs kernel over [start, start+n) and checks its candidates in
// full, lowest first.
func scanKernel(j *Job, buf *vecBuf, start uint32, n uint64, kernel kernelFunc, group int) (uint32, bool) {
	for done := uint64(0); done < n; {
		off, mask := kernel(&j.tab, buf, start+uint32(done), uint32(n-done))
		if mask == 0 {
			return 0, false
		}
		first := start + uint32(done) + off
		for ; mask != 0; mask &= mask - 1 {
			lane := uint64(bits.TrailingZeros32(mask))
			if done+uint64(off)+lane >= n {
				break
			}
			if j.sealedAt(first + uint32(lane)) {
				return first + uint32(lane), true
			}
		}
		done += uint64(off) + uint64(group)
	}
	return 0, false
}

// sealedAt checks one nonce in full.
func (j *Job) sealedAt(nonce uint32) bool {
	h := j.header
	binary.LittleEndian.PutUint32(h[76:], nonce)
	first := sha256.Sum256(h[:])
	s := sha256.Sum256(first[:])
	return meetsTarget(&s, &j.target)
}

// best times every kernel this CPU can run on the same nonces and returns
// the quickest. CPUID tells which kernels run, not which is fastest: that
// depends on how many vector pipes add and rotate, how often SHA256RNDS2
// issues and whether 512-bit operations are split, all of which differ
// between microarchitectures (docs/PERFORMANCE.md). Timing costs a few
// milliseconds, once per process.
func best() Core {
	ks := usableKernels()
	switch len(ks) {
	case 0:
		return stdlibCore
	case 1:
		return ks[0].core()
	}
	j := NewJob(measureHeader, measureTarget)
	const nonces, trials = 1 << 13, 3
	fastest := make([]time.Duration, len(ks))
	buf := new(vecBuf)
	for trial := range trials {
		// Trials interleave the kernels, and each keeps its best, so a
		// pause of the process or a clock change hits one trial of one kernel.
		for i, kn := range ks {
			start := time.Now()
			if _, found := scanKernel(j, buf, uint32(trial)*nonces, nonces, kn.fn, kn.group); found {
				panic("sha256simd: the measurement header sealed")
			}
			if d := time.Since(start); trial == 0 || d < fastest[i] {
				fastest[i] = d
			}
		}
	}
	return ks[pickFastest(fastest)].core()
}

// pickFastest returns the index of the shortest time, where a later entry
// must be at least 5% shorter to displace an earlier one, so near ties,
// which timing cannot settle, go the same way every time.
func pickFastest(times []time.Duration) int {
	pick := 0
	for i, t := range times {
		if t < times[pick]*95/100 {
			pick = i
		}
	}
	return pick
}

// available lists the cores this build and CPU can run: the kernels, then
// the two Go cores.
func available() []Core {
	var cs []Core
	for _, kn := range usableKernels() {
		cs = append(cs, kn.core())
	}
	return append(cs, stdlibCore, genericCore)
}

func usableKernels() []kernel {
	f := features()
	var ks []kernel
	for _, kn := range kernels {
		if kn.usable(f) {
			ks = append(ks, kn)
		}
	}
	return ks
}

func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)
func xgetbv() (eax, edx uint32)

type cpuFeatures struct{ avx2, avx512, avx512vl, sha bool }

// features reads CPUID and XCR0: an instruction set counts only if the OS
// also saves its registers. golang.org/x/sys/cpu has no SHA bit, hence this.
func features() cpuFeatures {
	var f cpuFeatures
	maxLeaf, _, _, _ := cpuid(0, 0)
	if maxLeaf < 7 {
		return f
	}
	_, _, ecx1, _ := cpuid(1, 0)
	_, ebx7, _, _ := cpuid(7, 0)
	const (
		sse41, ssse3, osxsave, avx = 1 << 19, 1 << 9, 1 << 27, 1 << 28 // leaf 1 ECX
		avx2, avx512f, sha, vl     = 1 << 5, 1 << 16, 1 << 29, 1 << 31 // leaf 7 EBX
	)
	if ecx1&(osxsave|avx) != osxsave|avx {
		return f
	}
	xcr0, _ := xgetbv()
	const ymm, zmm = 1<<1 | 1<<2, 1<<5 | 1<<6 | 1<<7
	if xcr0&ymm != ymm {
		return f
	}
	f.avx2 = ebx7&avx2 != 0
	f.sha = ebx7&sha != 0 && ecx1&(sse41|ssse3) == sse41|ssse3 // with AVX: the kernel is VEX apart from SHA
	if xcr0&zmm == zmm && ebx7&avx512f != 0 {
		f.avx512 = true
		f.avx512vl = ebx7&vl != 0
	}
	return f
}
