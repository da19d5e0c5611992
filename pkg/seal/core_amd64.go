//go:build amd64 && !purego

package seal

import (
	"encoding/binary"
	"math/bits"
)

//go:generate go run gen_sha256d16.go

// sha256d16 hashes the headers of 16 consecutive nonces at once with
// AVX-512 (sha256d16_amd64.s): from the midstate mid, the second block's
// fixed words tail and each lane's byte-swapped nonce w3, through the
// second SHA-256, and stores each lane's last digest word (before byte
// swapping) in h7. One call is about a microsecond: short enough that the
// scheduler never waits long on it.
//
//go:noescape
func sha256d16(mid *[8]uint32, tail *[3]uint32, w3 *[16]uint32, h7 *[16]uint32)

// sha256d8 is sha256d16 on 256-bit registers (AVX-512VL), 8 nonces a call:
// for CPUs that slow down on 512-bit registers.
//
//go:noescape
func sha256d8(mid *[8]uint32, tail *[3]uint32, w3 *[8]uint32, h7 *[8]uint32)

func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)
func xgetbv() (eax, edx uint32)

// hasAVX512 reports whether the CPU has AVX-512 Foundation and the OS saves
// the ZMM and mask registers.
func hasAVX512() bool { f, _ := avx512(); return f }

// hasAVX512VL reports AVX-512 on 128/256-bit registers too.
func hasAVX512VL() bool { f, vl := avx512(); return f && vl }

func avx512() (f, vl bool) {
	maxLeaf, _, _, _ := cpuid(0, 0)
	if maxLeaf < 7 {
		return false, false
	}
	_, _, ecx1, _ := cpuid(1, 0)
	const osxsave = 1 << 27
	if ecx1&osxsave == 0 {
		return false, false
	}
	_, ebx7, _, _ := cpuid(7, 0)
	const avx512f, avx512vl = 1 << 16, 1 << 31
	xcr0, _ := xgetbv()
	const sseAVXOpmaskZMM = 1<<1 | 1<<2 | 1<<5 | 1<<6 | 1<<7
	if ebx7&avx512f == 0 || xcr0&sseAVXOpmaskZMM != sseAVXOpmaskZMM {
		return false, false
	}
	return true, ebx7&avx512vl != 0
}

// avx512vlCore runs sha256d8: the same kernel at half the width.
var avx512vlCore = core{name: "avx512vl-8", scan: func(j *job, start uint32, n uint64) (uint32, bool) {
	return scanLanes(j, start, n, func(w3, h7 []uint32) { sha256d8(&j.mid, &j.tail, (*[8]uint32)(w3), (*[8]uint32)(h7)) }, 8)
}}

// avx512Core runs sha256d16 and checks each lane's most significant limb
// against the target's; the rare lanes that may meet it are checked in full.
var avx512Core = core{name: "avx512-16", scan: func(j *job, start uint32, n uint64) (uint32, bool) {
	return scanLanes(j, start, n, func(w3, h7 []uint32) { sha256d16(&j.mid, &j.tail, (*[16]uint32)(w3), (*[16]uint32)(h7)) }, 16)
}}

// sealedAt checks one nonce in full.
func (j *job) sealedAt(nonce uint32) bool {
	h := j.header
	binary.LittleEndian.PutUint32(h[76:], nonce)
	var hd Header
	_ = hd.UnmarshalBinary(h[:])
	s := hd.Hash()
	return meetsTarget(&s, &j.target)
}

func best() core { return available()[0] }

// available lists the cores this build and CPU can run, Search's first.
func available() []core {
	switch {
	case hasAVX512VL():
		return []core{avx512Core, avx512x2Core, avx512vlCore, stdlibCore, genericCore}
	case hasAVX512():
		return []core{avx512Core, avx512x2Core, stdlibCore, genericCore}
	}
	return []core{stdlibCore, genericCore}
}

// sha256d32 is sha256d16 for 32 nonces in two interleaved register sets;
// buf holds both sets' message schedules.
//
//go:noescape
func sha256d32(mid *[8]uint32, tail *[3]uint32, w3 *[32]uint32, h7 *[32]uint32, buf *[2][64][16]uint32)

// avx512x2Core runs sha256d32. On the Zen 5 VMs measured it runs no faster
// than avx512Core (docs/PERFORMANCE.md), so best does not choose it; it is
// kept, tested, as the base of the two-set kernel.
var avx512x2Core = core{name: "avx512-16x2", scan: func(j *job, start uint32, n uint64) (uint32, bool) {
	var buf [2][64][16]uint32
	return scanLanes(j, start, n, func(w3, h7 []uint32) {
		sha256d32(&j.mid, &j.tail, (*[32]uint32)(w3), (*[32]uint32)(h7), &buf)
	}, 32)
}}

// scanLanes runs a vector kernel over [start, start+n), lanes nonces a
// call: kernel fills h7 with each lane's last digest word for the
// byte-swapped nonces in w3. Lanes whose most significant limb may meet the
// target are checked in full; lanes past n are ignored.
func scanLanes(j *job, start uint32, n uint64, kernel func(w3, h7 []uint32), lanes int) (uint32, bool) {
	var w3buf, h7buf [32]uint32
	w3, h7 := w3buf[:lanes], h7buf[:lanes]
	top := j.limbs[7]
	for base := uint64(0); base < n; base += uint64(lanes) {
		first := start + uint32(base)
		for i := range w3 {
			w3[i] = bits.ReverseBytes32(first + uint32(i))
		}
		kernel(w3, h7)
		for i, v := range h7 {
			if base+uint64(i) >= n {
				break
			}
			if bits.ReverseBytes32(v) <= top && j.sealedAt(first+uint32(i)) {
				return first + uint32(i), true
			}
		}
	}
	return 0, false
}
