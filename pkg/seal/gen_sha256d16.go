//go:build ignore

// gen_sha256d16 writes sha256d16_amd64.s: double SHA-256 of 16 headers at
// once in AVX-512 registers, one nonce a lane. Run by `go generate` (see
// core_amd64.go); the output is committed and marked DO NOT EDIT.
//
// Layout: Z0-Z7 hold the state words a-h of all 16 lanes, Z8-Z23 the ring of
// the last 16 message words, Z24-Z26 are scratch. Rounds rename registers
// instead of moving them, and the message schedule is computed in place.
package main

import (
	"bytes"
	"fmt"
	"os"
)

var k = [64]uint32{
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
}

var iv = [8]uint32{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19}

var out bytes.Buffer

func emit(format string, args ...any) { fmt.Fprintf(&out, "\t"+format+"\n", args...) }

// width is the register file of the kernel being written: "Z" (512-bit,
// 16 lanes) or "Y" (256-bit with AVX-512VL, 8 lanes).
var width = "Z"

func z(i int) string { return fmt.Sprintf("%s%d", width, i) }

// w is the ring register of message word t.
func w(t int) string { return z(8 + t%16) }

var t0, t1, t2 = z(24), z(25), z(26)

// schedule computes W[t] (t >= 16) into the ring slot of W[t-16].
func schedule(t int) {
	x15, x2, x7 := w(t-15), w(t-2), w(t-7)
	emit("VPRORD $7, %s, %s", x15, t0)
	emit("VPRORD $18, %s, %s", x15, t1)
	emit("VPSRLD $3, %s, %s", x15, t2)
	emit("VPTERNLOGD $0x96, %s, %s, %s", t2, t1, t0)
	emit("VPADDD %s, %s, %s", t0, w(t), w(t))
	emit("VPADDD %s, %s, %s", x7, w(t), w(t))
	emit("VPRORD $17, %s, %s", x2, t0)
	emit("VPRORD $19, %s, %s", x2, t1)
	emit("VPSRLD $10, %s, %s", x2, t2)
	emit("VPTERNLOGD $0x96, %s, %s, %s", t2, t1, t0)
	emit("VPADDD %s, %s, %s", t0, w(t), w(t))
}

// round is one SHA-256 round on state registers s = a..h (renamed each
// round, not moved): w holds W[t], kAddr is the memory operand of K[t],
// and t0-t2 are scratch.
func round(s [8]string, w, kAddr, t0, t1, t2 string) {
	a, b, c, d, e, f, g, h := s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]
	emit("VPADDD %s, %s, %s", w, h, h)
	emit("VPADDD.BCST %s, %s, %s", kAddr, h, h)
	emit("VPRORD $6, %s, %s", e, t0)
	emit("VPRORD $11, %s, %s", e, t1)
	emit("VPRORD $25, %s, %s", e, t2)
	emit("VPTERNLOGD $0x96, %s, %s, %s", t2, t1, t0)
	emit("VPADDD %s, %s, %s", t0, h, h)
	emit("VMOVDQA32 %s, %s", e, t1)
	emit("VPTERNLOGD $0xCA, %s, %s, %s", g, f, t1) // Ch: e ? f : g
	emit("VPADDD %s, %s, %s", t1, h, h)
	emit("VPADDD %s, %s, %s", h, d, d) // d + T1: the new e
	emit("VPRORD $2, %s, %s", a, t0)
	emit("VPRORD $13, %s, %s", a, t1)
	emit("VPRORD $22, %s, %s", a, t2)
	emit("VPTERNLOGD $0x96, %s, %s, %s", t2, t1, t0)
	emit("VPADDD %s, %s, %s", t0, h, h)
	emit("VMOVDQA32 %s, %s", a, t1)
	emit("VPTERNLOGD $0xE8, %s, %s, %s", c, b, t1) // Maj(a, b, c)
	emit("VPADDD %s, %s, %s", t1, h, h)            // T1 + T2: the new a
}

func state(t int) [8]string {
	var s [8]string
	for i := range s {
		s[i] = z((i - t%8 + 8) % 8)
	}
	return s
}

// compress runs 64 rounds; the state starts and ends in Z0..Z7. Rounds
// 16-63 are a loop of 16 (the period of both the register renaming and the
// message ring), so the code stays small enough for the op cache: a full
// unroll ran at half the speed.
func compress(label string) {
	for t := 0; t < 16; t++ {
		round(state(t), w(t), fmt.Sprintf("·sha256K+%d(SB)", 4*t), t0, t1, t2)
	}
	emit("MOVQ $3, CX")
	emit("LEAQ ·sha256K+64(SB), R8")
	out.WriteString(label + ":\n")
	for i := 0; i < 16; i++ {
		t := 16 + i
		schedule(t)
		round(state(t), w(t), fmt.Sprintf("%d(R8)", 4*i), t0, t1, t2)
	}
	emit("ADDQ $64, R8")
	emit("DECQ CX")
	emit("JNZ %s", label)
}

// ---- two register sets: 32 nonces a call ----
//
// Set A (lanes 0-15) keeps its state in Z0-Z7 and scratch in Z16-Z19, set
// B (lanes 16-31) in Z8-Z15 and Z20-Z23. The message words live in a
// caller's buffer (R9 points at set A's W[0]; set B's are 4096 bytes on),
// so both sets fit the 32 registers, and the rounds are a loop of 8 (the
// renaming period) to stay small. Interleaving two independent sets hides
// the latency of each round's dependency chain.

type set struct {
	state int    // first state register
	tmp   int    // first of four scratch registers
	wOff  int    // byte offset of this set's W[0] from R9
	name  string // for comments
}

var sets = [2]set{{0, 16, 0, "A"}, {8, 20, 4096, "B"}}

func (st set) s(t int) [8]string {
	var r [8]string
	for i := range r {
		r[i] = z(st.state + (i-t%8+8)%8)
	}
	return r
}

func (st set) t(i int) string { return z(st.tmp + i) }

// wMem is the memory operand of W[i] relative to the loop's R9.
func (st set) wMem(i int) string { return fmt.Sprintf("%d(R9)", st.wOff+64*i) }

// schedule2 computes W[t] (i is t relative to R9's word) into scratch 0 and stores it.
func schedule2(st set, i int) {
	x, a, b, c := st.t(3), st.t(0), st.t(1), st.t(2)
	emit("VMOVDQU32 %s, %s", st.wMem(i-15), x)
	emit("VPRORD $7, %s, %s", x, a)
	emit("VPRORD $18, %s, %s", x, b)
	emit("VPSRLD $3, %s, %s", x, c)
	emit("VPTERNLOGD $0x96, %s, %s, %s", c, b, a)
	emit("VPADDD %s, %s, %s", st.wMem(i-16), a, a)
	emit("VPADDD %s, %s, %s", st.wMem(i-7), a, a)
	emit("VMOVDQU32 %s, %s", st.wMem(i-2), x)
	emit("VPRORD $17, %s, %s", x, b)
	emit("VPRORD $19, %s, %s", x, c)
	emit("VPSRLD $10, %s, %s", x, x)
	emit("VPTERNLOGD $0x96, %s, %s, %s", x, c, b)
	emit("VPADDD %s, %s, %s", b, a, a)
	emit("VMOVDQU32 %s, %s", a, st.wMem(i))
}

// compress2 runs 64 rounds of both sets with W[0..15] already in the buffer.
func compress2(label string) {
	emit("MOVQ buf+32(FP), R9")
	emit("LEAQ ·sha256K(SB), R8")
	emit("MOVQ $2, CX")
	out.WriteString(label + "plain:\n")
	for i := 0; i < 8; i++ {
		for _, st := range sets {
			round(st.s(i), st.wMem(i), fmt.Sprintf("%d(R8)", 4*i), st.t(0), st.t(1), st.t(2))
		}
	}
	emit("ADDQ $512, R9")
	emit("ADDQ $32, R8")
	emit("DECQ CX")
	emit("JNZ %splain", label)
	emit("MOVQ $6, CX")
	out.WriteString(label + "sched:\n")
	for i := 0; i < 8; i++ {
		for _, st := range sets {
			schedule2(st, i)
		}
		for _, st := range sets {
			round(st.s(i), st.t(0), fmt.Sprintf("%d(R8)", 4*i), st.t(0), st.t(1), st.t(2))
		}
	}
	emit("ADDQ $512, R9")
	emit("ADDQ $32, R8")
	emit("DECQ CX")
	emit("JNZ %ssched", label)
}

func gen32() {
	out.WriteString("\n// func sha256d32(mid *[8]uint32, tail *[3]uint32, w3 *[32]uint32, h7 *[32]uint32, buf *[2][64][16]uint32)\n")
	out.WriteString("// As sha256d16 for 32 lanes in two interleaved register sets.\n")
	out.WriteString("TEXT ·sha256d32(SB), NOSPLIT, $0-40\n")
	emit("MOVQ mid+0(FP), SI")
	emit("MOVQ tail+8(FP), DX")
	emit("MOVQ w3+16(FP), BX")
	emit("MOVQ buf+32(FP), R9")
	// W[0..15] of the first hash, both sets.
	emit("VPBROADCASTD 0(DX), Z24")
	emit("VPBROADCASTD 4(DX), Z25")
	emit("VPBROADCASTD 8(DX), Z26")
	emit("VPBROADCASTD ·sha256Pad+0(SB), Z27")
	emit("VPXORD Z28, Z28, Z28")
	emit("VPBROADCASTD ·sha256Pad+4(SB), Z29")
	for si, st := range sets {
		emit("VMOVDQU32 Z24, %s", st.wMem(0))
		emit("VMOVDQU32 Z25, %s", st.wMem(1))
		emit("VMOVDQU32 Z26, %s", st.wMem(2))
		emit("VMOVDQU32 %d(BX), Z30", 64*si)
		emit("VMOVDQU32 Z30, %s", st.wMem(3))
		emit("VMOVDQU32 Z27, %s", st.wMem(4))
		for i := 5; i < 15; i++ {
			emit("VMOVDQU32 Z28, %s", st.wMem(i))
		}
		emit("VMOVDQU32 Z29, %s", st.wMem(15))
		for i := 0; i < 8; i++ {
			emit("VPBROADCASTD %d(SI), %s", 4*i, z(st.state+i))
		}
	}
	compress2("first")
	// The first digests become the second hash's W[0..7].
	emit("MOVQ buf+32(FP), R9")
	emit("VPBROADCASTD ·sha256Pad+0(SB), Z27")
	emit("VPBROADCASTD ·sha256Pad+8(SB), Z29")
	for _, st := range sets {
		for i := 0; i < 8; i++ {
			emit("VPADDD.BCST %d(SI), %s, %s", 4*i, z(st.state+i), z(st.state+i))
			emit("VMOVDQU32 %s, %s", z(st.state+i), st.wMem(i))
			emit("VPBROADCASTD ·sha256IV+%d(SB), %s", 4*i, z(st.state+i))
		}
		emit("VMOVDQU32 Z27, %s", st.wMem(8))
		for i := 9; i < 15; i++ {
			emit("VMOVDQU32 Z28, %s", st.wMem(i))
		}
		emit("VMOVDQU32 Z29, %s", st.wMem(15))
	}
	compress2("second")
	emit("MOVQ h7+24(FP), DI")
	emit("VPADDD.BCST ·sha256IV+28(SB), Z7, Z7")
	emit("VPADDD.BCST ·sha256IV+28(SB), Z15, Z15")
	emit("VMOVDQU32 Z7, (DI)")
	emit("VMOVDQU32 Z15, 64(DI)")
	emit("VZEROUPPER")
	emit("RET")
}

// gen1 writes the one-set kernel name for lanes lanes in registers of
// the current width.
func gen1(name string, lanes int) {
	t0, t1, t2 = z(24), z(25), z(26)
	fmt.Fprintf(&out, "// func %s(mid *[8]uint32, tail *[3]uint32, w3 *[%d]uint32, h7 *[%d]uint32)\n", name, lanes, lanes)
	fmt.Fprintf(&out, "// %d lanes: the second block of header 1 (tail words, the lane's byte-swapped\n// nonce, padding) from the midstate, then the second SHA-256; stores each\n// lane's last digest word.\n", lanes)
	fmt.Fprintf(&out, "TEXT ·%s(SB), NOSPLIT, $0-32\n", name)
	emit("MOVQ mid+0(FP), SI")
	emit("MOVQ tail+8(FP), DX")
	emit("MOVQ w3+16(FP), BX")
	emit("MOVQ h7+24(FP), DI")
	for i := 0; i < 8; i++ {
		emit("VPBROADCASTD %d(SI), %s", 4*i, z(i))
	}
	for i := 0; i < 3; i++ {
		emit("VPBROADCASTD %d(DX), %s", 4*i, w(i))
	}
	emit("VMOVDQU32 (BX), %s", w(3))
	emit("VPBROADCASTD ·sha256Pad+0(SB), %s", w(4))
	for i := 5; i < 15; i++ {
		emit("VPXORD %s, %s, %s", w(i), w(i), w(i))
	}
	emit("VPBROADCASTD ·sha256Pad+4(SB), %s", w(15)) // 80 bytes: 640 bits
	compress(name + "first")
	for i := 0; i < 8; i++ { // the first digest, which is the second hash's message
		emit("VPADDD.BCST %d(SI), %s, %s", 4*i, z(i), w(i))
	}
	emit("VPBROADCASTD ·sha256Pad+0(SB), %s", w(8))
	for i := 9; i < 15; i++ {
		emit("VPXORD %s, %s, %s", w(i), w(i), w(i))
	}
	emit("VPBROADCASTD ·sha256Pad+8(SB), %s", w(15)) // 32 bytes: 256 bits
	for i := 0; i < 8; i++ {
		emit("VPBROADCASTD ·sha256IV+%d(SB), %s", 4*i, z(i))
	}
	compress(name + "second")
	emit("VPADDD.BCST ·sha256IV+28(SB), %s, %s", z(7), z(7))
	emit("VMOVDQU32 %s, (DI)", z(7))
	emit("VZEROUPPER")
	emit("RET")
	out.WriteString("\n")
}

func main() {
	out.WriteString("// Code generated by gen_sha256d16.go; DO NOT EDIT.\n\n//go:build amd64 && !purego\n\n#include \"textflag.h\"\n\n")
	gen1("sha256d16", 16)
	width = "Y"
	gen1("sha256d8", 8)
	width = "Z"
	gen32()
	out.WriteString("\n")
	for i, v := range k {
		fmt.Fprintf(&out, "DATA ·sha256K+%d(SB)/4, $0x%08x\n", 4*i, v)
	}
	out.WriteString("GLOBL ·sha256K(SB), RODATA|NOPTR, $256\n\n")
	for i, v := range iv {
		fmt.Fprintf(&out, "DATA ·sha256IV+%d(SB)/4, $0x%08x\n", 4*i, v)
	}
	out.WriteString("GLOBL ·sha256IV(SB), RODATA|NOPTR, $32\n\n")
	out.WriteString("DATA ·sha256Pad+0(SB)/4, $0x80000000\nDATA ·sha256Pad+4(SB)/4, $640\nDATA ·sha256Pad+8(SB)/4, $256\nGLOBL ·sha256Pad(SB), RODATA|NOPTR, $12\n")
	path := "sha256d16_amd64.s"
	if len(os.Args) > 1 {
		path = os.Args[1]
	}
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
