package sha256simd

// kernelTable is what the assembly kernels (on amd64, sha256d_amd64.s) read
// of a job, by the field offsets go_asm.h gives them. Everything in it is
// nonce-free.
type kernelTable struct {
	state [8]uint32  // hash 1 state entering round 4, with a and e still lacking W3
	mid   [8]uint32  // the midstate, added to hash 1's result
	kw    [64]uint32 // K[t]+W[t] where W[t] is nonce-free, else K[t]
	c     [64]uint32 // W[t] where nonce-free, else its nonce-free part
	top   uint32     // the target's most significant 32-bit limb
	// For the SHA-NI kernel, in its ABEF/CDGH register order:
	shaState [8]uint32 // hash 1 state after rounds 0-1
	shaMid   [8]uint32 // the midstate
	shaW0    [4]uint32 // W0-W2 and a zero where the nonce goes
}

// fillTable computes the kernels' nonce-free inputs, with the same
// classification of message words as gen_sha256d.go: W3 (the nonce) and
// every later word whose recurrence reads a nonce-dependent word vary.
func (j *Job) fillTable() {
	var w [64]uint32
	var varies [64]bool
	copy(w[:3], j.tail[:])
	varies[3] = true
	w[4] = 0x80000000
	w[15] = 80 * 8
	for t := 16; t < 64; t++ {
		varies[t] = varies[t-2] || varies[t-7] || varies[t-15] || varies[t-16]
		var c uint32
		if !varies[t-2] {
			c += sigma1(w[t-2])
		}
		if !varies[t-7] {
			c += w[t-7]
		}
		if !varies[t-15] {
			c += sigma0(w[t-15])
		}
		if !varies[t-16] {
			c += w[t-16]
		}
		w[t] = c
	}
	tab := &j.tab
	for t := range w {
		tab.kw[t] = k[t]
		if !varies[t] {
			tab.kw[t] += w[t]
		}
		tab.c[t] = w[t]
	}
	s := j.mid
	rounds(&s, &w, 0, 2)
	tab.shaState = shaOrder(s)
	tab.shaMid = shaOrder(j.mid)
	copy(tab.shaW0[:3], w[:3])
	// w[3], the nonce, is zero here: round 3 leaves a and e short of it,
	// which the kernels add per lane.
	rounds(&s, &w, 2, 4)
	tab.state = s
	tab.mid = j.mid
	tab.top = j.limbs[7]
}

// shaOrder arranges a state as SHA256RNDS2 holds it: lanes F, E, B, A and
// H, G, D, C.
func shaOrder(s [8]uint32) [8]uint32 {
	return [8]uint32{s[5], s[4], s[1], s[0], s[7], s[6], s[3], s[2]}
}
