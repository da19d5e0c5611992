package sha256simd

import (
	"crypto/sha256"
	"encoding"
	"encoding/binary"
	"math/bits"
)

// Job is an 80-byte header prepared for scanning many nonces: everything
// that does not depend on the nonce is computed once here.
type Job struct {
	header [HeaderSize]byte
	target [32]byte  // little-endian 256-bit target
	limbs  [8]uint32 // target as little-endian 32-bit limbs, limbs[7] most significant
	mid    [8]uint32 // SHA-256 state after the header's first 64 bytes
	tail   [3]uint32 // second-block words 0..2: root tail, time, bits
	tab    kernelTable
	// stdState is crypto/sha256's marshalled state after the first 64 bytes.
	stdState []byte
}

// NewJob prepares header for a search for nonces whose double SHA-256, read
// as a little-endian 256-bit integer, is at most target (little endian).
func NewJob(header [HeaderSize]byte, target [32]byte) *Job {
	j := &Job{header: header, target: target}
	for i := range j.limbs {
		j.limbs[i] = binary.LittleEndian.Uint32(target[4*i:])
	}
	var w [64]uint32
	for i := 0; i < 16; i++ {
		w[i] = binary.BigEndian.Uint32(j.header[4*i:])
	}
	j.mid = iv
	compress(&j.mid, &w)
	for i := range j.tail {
		j.tail[i] = binary.BigEndian.Uint32(j.header[64+4*i:])
	}
	j.fillTable()
	d := sha256.New()
	d.Write(j.header[:64])
	state, err := d.(encoding.BinaryMarshaler).MarshalBinary()
	if err != nil {
		panic("sha256simd: crypto/sha256 cannot marshal its state: " + err.Error())
	}
	j.stdState = state
	return j
}

// HeaderSize is the length of the headers a Job scans.
const HeaderSize = 80

// A Core scans nonces [start, start+n) of a job, n >= 1 and
// start+n <= 2^32, and returns the lowest nonce whose seal meets the target.
type Core struct {
	name string
	scan func(j *Job, start uint32, n uint64) (nonce uint32, found bool)
}

// Name names the core, as `credseal bench seal` lists it.
func (c Core) Name() string { return c.name }

// Scan returns the lowest nonce in [start, start+n) whose double SHA-256
// meets j's target; n >= 1 and start+n <= 2^32.
func (c Core) Scan(j *Job, start uint32, n uint64) (nonce uint32, found bool) {
	return c.scan(j, start, n)
}

// genericCore is the portable reference: SHA-256 written out in Go with the
// midstate reused, the nonce-free first rounds of the second block done once,
// and both second blocks pre-padded as words.
var genericCore = Core{name: "generic", scan: scanGeneric}

func scanGeneric(j *Job, start uint32, n uint64) (uint32, bool) {
	var w1, w2 [64]uint32
	copy(w1[:3], j.tail[:])
	w1[4] = 0x80000000 // padding after 80 bytes
	w1[15] = 80 * 8    // message length in bits
	pre := j.mid
	rounds(&pre, &w1, 0, 3) // rounds 0..2 read only the nonce-free words

	w2[8] = 0x80000000 // padding after the 32-byte first digest
	w2[15] = 32 * 8
	for i := uint64(0); i < n; i++ {
		nonce := start + uint32(i)
		w1[3] = bits.ReverseBytes32(nonce) // the nonce is stored little endian
		expand(&w1)
		s := pre
		rounds(&s, &w1, 3, 64)
		for r := range 8 {
			w2[r] = j.mid[r] + s[r]
		}
		expand(&w2)
		s = iv
		rounds(&s, &w2, 0, 64)
		if limbsMeet(&s, &j.limbs) {
			return nonce, true
		}
	}
	return 0, false
}

// limbsMeet finishes the second hash (adding the IV to state s) and compares
// it, as a little-endian integer, with the target limbs, most significant first.
func limbsMeet(s *[8]uint32, limbs *[8]uint32) bool {
	for i := 7; i >= 0; i-- {
		v := bits.ReverseBytes32(s[i] + iv[i])
		if v != limbs[i] {
			return v < limbs[i]
		}
	}
	return true
}

// stdlibCore reuses crypto/sha256's state after the first 64 bytes, so each
// nonce costs two compressions done by the standard library, which uses the
// CPU's SHA instructions where it has them.
var stdlibCore = Core{name: "stdlib-midstate", scan: scanStdlib}

func scanStdlib(j *Job, start uint32, n uint64) (uint32, bool) {
	d := sha256.New()
	restore := d.(encoding.BinaryUnmarshaler)
	var tail [16]byte
	copy(tail[:12], j.header[64:76])
	var first [32]byte
	for i := uint64(0); i < n; i++ {
		nonce := start + uint32(i)
		binary.LittleEndian.PutUint32(tail[12:], nonce)
		if err := restore.UnmarshalBinary(j.stdState); err != nil {
			panic("seal: crypto/sha256 rejected its own state: " + err.Error())
		}
		d.Write(tail[:])
		d.Sum(first[:0])
		seal := sha256.Sum256(first[:])
		if meetsTarget(&seal, &j.target) {
			return nonce, true
		}
	}
	return 0, false
}
