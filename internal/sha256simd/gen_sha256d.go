//go:build ignore

// gen_sha256d writes sha256d_amd64.s: the vector kernels that search
// nonces of one header by double SHA-256, many nonces a call. Run by
// `go generate` (see core_amd64.go); the output is committed, marked DO NOT
// EDIT, and `make check-generated` fails when it is stale.
//
// Every vector kernel runs the same plan; only the instruction set, the
// register width and where the message words live differ (the SHA-NI
// kernel's coarser plan is described at genSHA):
//
//   - Hash 1 starts at round 4 from a per-job table (kernelTable in
//     table.go): rounds 0-2 read only nonce-free words and are done
//     once per job, round 3 is reduced to adding the nonce word W3 to a
//     and e, and every nonce-free message word, or nonce-free part of a
//     word, is folded into the table's K[t]+W[t] or constant term.
//   - Hash 2 starts at round 1: round 0 from the IV is two adds. Its padding
//     words (W8-W15) are known here, so they are folded at generation time.
//   - Hash 2 stops after round 60: the last digest word is e after round 60
//     plus the IV, and rounds 57-60 compute only e.
//   - One loop body of 16 rounds (the period of the register renaming and
//     of the message ring) serves both hashes from the first round whose
//     scheduled word is past W31 (round 32-ahead): twice for hash 1, and
//     for hash 2 twice if that stays clear of round 57, else once. The
//     code stays small enough for the instruction cache, and at most
//     three words past the last one used are scheduled for nothing.
//   - Each kernel's doc comment gives the vector ALU instructions it runs
//     per group, the count docs/PERFORMANCE.md derives the hardware limit
//     from.
//   - A lane is a candidate when its last digest word, as a little-endian
//     limb, is at most the target's top limb; the kernel returns at the
//     first group of lanes with a candidate and Go checks them in full.
package main

import (
	"bytes"
	"fmt"
	"math/big"
	"math/bits"
	"os"
	"strings"
)

// kConst and iv are FIPS 180-4's constants, derived here as the standard
// defines them rather than copied: the first 32 bits of the fractional parts
// of the cube roots of the first 64 primes, and of the square roots of the
// first 8. sha256block.go lists them for the Go code; a wrong constant here
// would make `make check-generated` or the kernels' tests fail.
var kConst, iv = func() (k [64]uint32, h [8]uint32) {
	primes := firstPrimes(64)
	for i, p := range primes {
		// floor(cbrt(p) * 2^32) = floor(cbrt(p * 2^96)); its low 32 bits
		// are the fraction's.
		k[i] = uint32(intRoot(new(big.Int).Lsh(big.NewInt(int64(p)), 96), 3).Uint64())
		if i < len(h) {
			h[i] = uint32(intRoot(new(big.Int).Lsh(big.NewInt(int64(p)), 64), 2).Uint64())
		}
	}
	return k, h
}()

func firstPrimes(n int) []int {
	var ps []int
	for c := 2; len(ps) < n; c++ {
		prime := true
		for _, p := range ps {
			if c%p == 0 {
				prime = false
				break
			}
		}
		if prime {
			ps = append(ps, c)
		}
	}
	return ps
}

// intRoot returns floor(x^(1/n)) by bisection.
func intRoot(x *big.Int, n int64) *big.Int {
	lo, hi := big.NewInt(0), new(big.Int).Lsh(big.NewInt(1), uint(x.BitLen()/int(n)+1))
	for new(big.Int).Sub(hi, lo).Cmp(big.NewInt(1)) > 0 {
		mid := new(big.Int).Rsh(new(big.Int).Add(lo, hi), 1)
		if new(big.Int).Exp(mid, big.NewInt(n), nil).Cmp(x) <= 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// tab is the operand of a kernelTable field (table.go, which newJob fills)
// plus off bytes, addressed from SI: go_asm.h, which the go tool writes from
// the package's types, defines kernelTable_<field> as the field's offset.
func tab(field string, off int) string {
	if off == 0 {
		return fmt.Sprintf("kernelTable_%s(SI)", field)
	}
	return fmt.Sprintf("(kernelTable_%s+%d)(SI)", field, off)
}

// Data tables: ·sha256dK (K), ·sha256dH2 (hash 2's folded constants, see
// hash2Tables), ·sha256dLane (0..15) and ·sha256dSwap (byte-swap masks).

func ror(x uint32, n int) uint32 { return bits.RotateLeft32(x, -n) }
func sigma0(x uint32) uint32     { return ror(x, 7) ^ ror(x, 18) ^ x>>3 }
func sigma1(x uint32) uint32     { return ror(x, 17) ^ ror(x, 19) ^ x>>10 }

// word describes message word W[t] of one hash as this generator sees it.
type word struct {
	varies bool   // depends on the nonce (hash 1) or the first digest (hash 2)
	known  bool   // nonce-free and its value is known here
	value  uint32 // the value if known and nonce-free; the nonce-free part's if cKnown
	cKnown bool   // varies, and the nonce-free part is known here
}

// plan classifies the 64 words of a hash given the first 16.
func plan(first [16]word) [64]word {
	var w [64]word
	copy(w[:], first[:])
	for t := 16; t < 64; t++ {
		terms := []struct {
			src int
			f   func(uint32) uint32
		}{{t - 2, sigma1}, {t - 7, nil}, {t - 15, sigma0}, {t - 16, nil}}
		var c uint32
		known := true
		for _, term := range terms {
			s := w[term.src]
			if s.varies {
				w[t].varies = true
				continue
			}
			if !s.known {
				known = false
				continue
			}
			if term.f != nil {
				c += term.f(s.value)
			} else {
				c += s.value
			}
		}
		w[t].value = c
		if w[t].varies {
			w[t].cKnown = known
		} else {
			w[t].known = known
		}
	}
	return w
}

// hash1 is the second block of the header: W0-W2 per job, W3 the nonce,
// then the fixed padding of an 80-byte message.
var hash1 = func() [64]word {
	var f [16]word
	f[3].varies = true
	for t := 4; t < 16; t++ {
		f[t].known = true
	}
	f[4].value = 0x80000000
	f[15].value = 80 * 8
	return plan(f)
}()

// hash2 is the padded 32-byte first digest.
var hash2 = func() [64]word {
	var f [16]word
	for t := 0; t < 8; t++ {
		f[t].varies = true
	}
	for t := 8; t < 16; t++ {
		f[t].known = true
	}
	f[8].value = 0x80000000
	f[15].value = 32 * 8
	return plan(f)
}()

// Layout of ·sha256dH2: the state entering round 1 (round 0 done, W0
// still to add to a and e), then K[t]+W[t] for t = 0..63, then the known
// nonce-free parts for t = 0..63.
const (
	h2State = 0
	h2KW    = 32
	h2C     = 32 + 256
)

func hash2Tables() []uint32 {
	s := iv
	a, b, c, d, e, f, g, h := s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]
	t1 := h + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + (e&f ^ ^e&g) + kConst[0]
	t2 := (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + (a&b ^ a&c ^ b&c)
	out := []uint32{t1 + t2, a, b, c, d + t1, e, f, g}
	for t := 0; t < 64; t++ {
		kw := kConst[t]
		if !hash2[t].varies {
			kw += hash2[t].value
		}
		out = append(out, kw)
	}
	for t := 0; t < 64; t++ {
		out = append(out, hash2[t].value)
	}
	return out
}

// ---- the emitter ----

var out bytes.Buffer

func emit(format string, args ...any) {
	line := fmt.Sprintf(format, args...)
	tally.add(line)
	fmt.Fprintf(&out, "\t%s\n", line)
}

func label(l string) { out.WriteString(l + ":\n") }

// tally counts the instructions a kernel executes per group, by the class
// of execution unit they need, for the kernel's doc comment and
// docs/PERFORMANCE.md's estimate of the hardware limit. Code in the shared
// loop counts once per pass (weight).
var tally counts

type counts struct {
	weight                int
	vector, rotates, shas int
}

func (t *counts) add(line string) {
	op, operands, _ := strings.Cut(line, " ")
	op = strings.TrimSuffix(op, ".BCST")
	switch {
	case strings.HasPrefix(op, "SHA256"):
		t.shas += t.weight
	case op == "VPBROADCASTD" && strings.Contains(operands, "("),
		strings.HasPrefix(op, "VMOVDQ"), op == "VBROADCASTSS":
		// Loads, stores and register moves: no vector ALU.
	case op == "VPRORD" || op == "VPROLD" || op == "VPSRLD" || op == "VPSLLD":
		t.rotates += t.weight
		t.vector += t.weight
	case strings.HasPrefix(op, "VP"):
		t.vector += t.weight
	}
}

// capture returns what f emits, counting its instructions from zero.
func capture(f func()) []byte {
	saved := out
	out = bytes.Buffer{}
	tally.weight, tally.vector, tally.rotates, tally.shas = 1, 0, 0, 0
	f()
	body := out.Bytes()
	out = saved
	return body
}

// kernel is one instruction set and layout of the plan.
type kernel struct {
	name    string
	avx512  bool   // EVEX: VPRORD, VPTERNLOGD, broadcast operands, mask compare
	width   string // "Z" or "Y"
	lanes   int    // per register
	sets    []regs // interleaved independent register sets
	memW    bool   // message words in the caller's buffer rather than a register ring
	wStride int    // bytes between W[t] and W[t+1] of one set in the buffer
	ahead   int    // message words computed this many rounds early
}

// regs is one register set.
type regs struct {
	state int    // first of eight state registers
	tmp   [5]int // scratch
	ring  int    // first of sixteen message registers (if !memW)
	wOff  int    // this set's W[0] in the buffer (if memW)
}

func (k *kernel) r(i int) string { return fmt.Sprintf("%s%d", k.width, i) }

// state names a..h of round t: rounds rename registers instead of moving.
func (k *kernel) state(st regs, t int) [8]string {
	var s [8]string
	for i := range s {
		s[i] = k.r(st.state + (i-t%8+8)%8)
	}
	return s
}

// base is the register the message buffer is addressed from and the word
// index it points at: R9 at W[0] outside the loop, R10 inside it.
type base struct {
	reg   string
	first int
}

var flat = base{"R9", 0}

// wOp is W[t]'s operand: a register, or memory relative to b.
func (k *kernel) wOp(st regs, b base, t int) string {
	if !k.memW {
		return k.r(st.ring + t%16)
	}
	return fmt.Sprintf("%d(%s)", st.wOff+(t-b.first)*k.wStride, b.reg)
}

func (k *kernel) add(src, dst string) { emit("VPADDD %s, %s, %s", src, dst, dst) }

// addConst adds a 32-bit constant in memory to every lane of dst.
func (k *kernel) addConst(mem, dst, scratch string) {
	if k.avx512 {
		emit("VPADDD.BCST %s, %s, %s", mem, dst, dst)
		return
	}
	emit("VPBROADCASTD %s, %s", mem, scratch)
	k.add(scratch, dst)
}

func (k *kernel) xor(src, dst string) {
	if k.avx512 {
		emit("VPXORD %s, %s, %s", src, dst, dst)
	} else {
		emit("VPXOR %s, %s, %s", src, dst, dst)
	}
}

// sigma writes ror(x,r0) ^ ror(x,r1) ^ (ror or shr)(x,r2) to out.
func (k *kernel) sigma(x string, r0, r1, r2 int, shr bool, out, t1, t2 string) {
	if k.avx512 {
		emit("VPRORD $%d, %s, %s", r0, x, out)
		emit("VPRORD $%d, %s, %s", r1, x, t1)
		if shr {
			emit("VPSRLD $%d, %s, %s", r2, x, t2)
		} else {
			emit("VPRORD $%d, %s, %s", r2, x, t2)
		}
		emit("VPTERNLOGD $0x96, %s, %s, %s", t2, t1, out)
		return
	}
	emit("VPSRLD $%d, %s, %s", r0, x, out)
	emit("VPSLLD $%d, %s, %s", 32-r0, x, t1)
	k.xor(t1, out)
	emit("VPSRLD $%d, %s, %s", r1, x, t1)
	k.xor(t1, out)
	emit("VPSLLD $%d, %s, %s", 32-r1, x, t1)
	k.xor(t1, out)
	emit("VPSRLD $%d, %s, %s", r2, x, t1)
	k.xor(t1, out)
	if !shr {
		emit("VPSLLD $%d, %s, %s", 32-r2, x, t1)
		k.xor(t1, out)
	}
}

// ternlog writes f(x, y, z) to out, where imm is f's truth table: bit
// 4x+2y+z of imm is f(x, y, z). VPTERNLOGD overwrites its first input, so
// that input is copied to out first.
func ternlog(imm int, x, y, z, out string) {
	emit("VMOVDQA32 %s, %s", x, out)
	emit("VPTERNLOGD $0x%02X, %s, %s, %s", imm, z, y, out)
}

// ch writes e ? f : g to out.
func (k *kernel) ch(e, f, g, out string) {
	if k.avx512 {
		ternlog(0xCA, e, f, g, out)
		return
	}
	emit("VPXOR %s, %s, %s", g, f, out)
	emit("VPAND %s, %s, %s", e, out, out)
	k.xor(g, out)
}

// maj writes the majority of a, b, c to out.
func (k *kernel) maj(a, b, c, out, t string) {
	if k.avx512 {
		ternlog(0xE8, a, b, c, out)
		return
	}
	emit("VPOR %s, %s, %s", b, a, out)
	emit("VPAND %s, %s, %s", c, out, out)
	emit("VPAND %s, %s, %s", b, a, t)
	emit("VPOR %s, %s, %s", t, out, out)
}

// round is round t of one set: w is W[t]'s operand or "" when K[t]+W[t] is
// the constant at kw; with eOnly only the new e is computed.
func (k *kernel) round(st regs, t int, w, kw string, eOnly bool) {
	s := k.state(st, t)
	a, b, c, d, e, f, g, h := s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]
	t0, t1, t2, t3 := k.r(st.tmp[0]), k.r(st.tmp[1]), k.r(st.tmp[2]), k.r(st.tmp[3])
	if w != "" {
		k.add(w, h)
	}
	k.addConst(kw, h, t3)
	// Ch is ready before Σ1 and T2 apart from T1: each chain from e or a
	// to the next round is as short as it can be.
	k.ch(e, f, g, t1)
	k.add(t1, h)
	k.sigma(e, 6, 11, 25, false, t0, t1, t2)
	k.add(t0, h)
	k.add(h, d) // d + T1: the new e
	if eOnly {
		return
	}
	k.sigma(a, 2, 13, 22, false, t0, t1, t2)
	k.maj(a, b, c, t1, t2)
	k.add(t1, t0)
	k.add(t0, h) // T1 + T2: the new a
}

// schedule computes W[t] from the varying terms of its recurrence plus the
// nonce-free part at cMem ("" when known to be zero), in W[t-16]'s place.
func (k *kernel) schedule(st regs, b base, t int, words *[64]word, cMem string) {
	out, s1, s2, acc, x := k.r(st.tmp[0]), k.r(st.tmp[1]), k.r(st.tmp[2]), k.r(st.tmp[3]), k.r(st.tmp[4])
	if !k.memW {
		acc = k.wOp(st, b, t) // the ring slot, which holds W[t-16]
	}
	started := false
	if words[t-16].varies {
		if k.memW {
			k.mov(k.wOp(st, b, t-16), acc)
		}
		started = true
	}
	for _, s := range [2]struct{ src, r0, r1, r2 int }{{t - 15, 7, 18, 3}, {t - 2, 17, 19, 10}} {
		if !words[s.src].varies {
			continue
		}
		src := k.wOp(st, b, s.src)
		if k.memW {
			k.mov(src, x)
			src = x
		}
		if started {
			k.sigma(src, s.r0, s.r1, s.r2, true, out, s1, s2)
			k.add(out, acc)
		} else {
			k.sigma(src, s.r0, s.r1, s.r2, true, acc, s1, s2)
			started = true
		}
	}
	if words[t-7].varies {
		if started {
			k.add(k.wOp(st, b, t-7), acc)
		} else {
			k.mov(k.wOp(st, b, t-7), acc)
		}
	}
	if cMem != "" {
		k.addConst(cMem, acc, x)
	}
	if k.memW {
		k.mov(acc, k.wOp(st, b, t))
	}
}

func (k *kernel) mov(src, dst string) {
	if k.avx512 {
		emit("VMOVDQU32 %s, %s", src, dst)
	} else {
		emit("VMOVDQU %s, %s", src, dst)
	}
}

// setW writes value (a register) to W[t]: into the ring slot or memory.
func (k *kernel) setW(st regs, b base, t int, value string) {
	k.mov(value, k.wOp(st, b, t))
}

// standard is every word computed by the full recurrence (rounds 32-63).
var standard = func() (w [64]word) {
	for t := range w {
		w[t].varies = true
	}
	return w
}()

// each emits f for every register set: the sets' work interleaves step by step.
func (k *kernel) each(f func(st regs)) {
	for _, st := range k.sets {
		f(st)
	}
}

func (k *kernel) group() int { return k.lanes * len(k.sets) }

func kMem(t int) string { return fmt.Sprintf("·sha256dK+%d(SB)", 4*t) }
func h2Mem(off, t int) string {
	return fmt.Sprintf("·sha256dH2+%d(SB)", off+4*t)
}

// prologue starts kernel name: arguments in registers, then the group loop.
func prologue(name, doc string) {
	fmt.Fprintf(&out, "\n// func %s(tab *kernelTable, buf *vecBuf, start, count uint32) (offset, mask uint32)\n// %s\n", name, doc)
	fmt.Fprintf(&out, "TEXT ·%s(SB), NOSPLIT, $0-32\n", name)
	emit("MOVQ tab+0(FP), SI")
	emit("MOVQ buf+8(FP), R9")
	emit("ADDQ $63, R9")
	emit("ANDQ $~63, R9")
	emit("MOVL start+16(FP), AX")
	emit("MOVL count+20(FP), CX")
	emit("XORL BX, BX")
	label(name + "group")
}

// epilogue ends the group loop: DX holds the group's candidate mask.
func epilogue(name string, group int, avx bool) {
	emit("TESTL DX, DX")
	emit("JNZ %sfound", name)
	emit("ADDL $%d, BX", group)
	emit("CMPL BX, CX")
	emit("JB %sgroup", name)
	label(name + "found")
	emit("MOVL BX, offset+24(FP)")
	emit("MOVL DX, mask+28(FP)")
	if avx {
		emit("VZEROUPPER")
	}
	emit("RET")
}

func (k *kernel) gen() {
	body := capture(func() {
		k.body()
		emit("XORL DX, DX")
		k.compare()
	})
	sets := "one register set"
	if len(k.sets) > 1 {
		sets = fmt.Sprintf("%d register sets", len(k.sets))
	}
	prologue(k.name, fmt.Sprintf("%d nonces a group (%d lanes, %s): %d vector ALU instructions, %d of them rotates or shifts.",
		k.group(), k.lanes, sets, tally.vector, tally.rotates))
	out.Write(body)
	epilogue(k.name, k.group(), true)
}

// body hashes one group: every set's lanes from their nonces to e after
// round 60 of hash 2.
func (k *kernel) body() {
	// Each lane's nonce, byte-swapped, is W3 of hash 1.
	for si, st := range k.sets {
		v, a, b := k.r(st.tmp[0]), k.r(st.tmp[1]), k.r(st.tmp[2])
		emit("LEAL %d(AX)(BX*1), DX", si*k.lanes)
		if k.avx512 {
			emit("VPBROADCASTD DX, %s", v)
		} else {
			emit("VMOVD DX, X%d", st.tmp[0])
			emit("VPBROADCASTD X%d, %s", st.tmp[0], v)
		}
		emit("VPADDD ·sha256dLane(SB), %s, %s", v, v)
		if k.avx512 {
			emit("VPRORD $8, %s, %s", v, a)
			emit("VPROLD $8, %s, %s", v, b)
			emit("VPTERNLOGD.BCST $0xE4, ·sha256dSwapMask(SB), %s, %s", b, a)
			k.setW(st, flat, 3, a)
		} else {
			emit("VPSHUFB ·sha256dShuf(SB), %s, %s", v, a)
			k.setW(st, flat, 3, a)
		}
	}

	// Hash 1 from round 4.
	k.each(func(st regs) {
		s := k.state(st, 4)
		for i, r := range s {
			emit("VPBROADCASTD %s, %s", tab("state", 4*i), r)
		}
		w3 := k.wOp(st, flat, 3)
		if k.memW {
			k.mov(w3, k.r(st.tmp[4]))
			w3 = k.r(st.tmp[4])
		}
		k.add(w3, s[0])
		k.add(w3, s[4])
	})
	// W16 and W17 are nonce-free, but the shared loop reads them.
	k.each(func(st regs) {
		for _, t := range []int{16, 17} {
			x := k.r(st.tmp[4])
			if !k.memW {
				x = k.wOp(st, flat, t)
			}
			emit("VPBROADCASTD %s, %s", tab("c", 4*t), x)
			if k.memW {
				k.setW(st, flat, t, x)
			}
		}
	})
	// The message schedule runs k.ahead words ahead of the rounds, so
	// there is always independent work beside a round's dependency chain.
	// From round 32-ahead on, every word scheduled follows the plain
	// recurrence in both hashes: there the shared loop takes over.
	loopStart := 32 - k.ahead
	// Hash 2 runs the loop once or twice: a second pass must not reach
	// round 57, where its rounds compute only e.
	passes := 2
	if loopStart+32 > 57 {
		passes = 1
	}
	next := 18
	for t := 4; t < loopStart; t++ {
		for ; next <= t+k.ahead; next++ {
			k.hash1Schedule(next)
		}
		k.each(func(st regs) {
			if hash1[t].varies {
				k.round(st, t, k.wOp(st, flat, t), kMem(t), false)
			} else {
				k.round(st, t, "", tab("kw", 4*t), false)
			}
		})
	}
	k.enterLoop(loopStart, 2, 0)

	// The shared loop: 16 rounds, the period of the register renaming and
	// of the message ring, run twice for hash 1 and once or twice for hash 2.
	label(k.name + "block")
	tally.weight = 2 + passes
	loop := base{"R10", loopStart}
	for i := 0; i < 16; i++ {
		t := loopStart + i
		k.each(func(st regs) { k.schedule(st, loop, t+k.ahead, &standard, "") })
		k.each(func(st regs) { k.round(st, t, k.wOp(st, loop, t), fmt.Sprintf("%d(R8)", 4*i), false) })
	}
	emit("ADDQ $64, R8")
	emit("ADDQ $%d, R10", 16*k.wStride)
	emit("DECL R11")
	emit("JNZ %sblock", k.name)
	emit("TESTL R12, R12")
	emit("JNZ %stail", k.name)
	tally.weight = 1

	// Hash 1's last rounds: their words are all scheduled.
	for t := loopStart + 32; t < 64; t++ {
		k.each(func(st regs) { k.round(st, t, k.wOp(st, flat, t), kMem(t), false) })
	}

	// Hash 1's digest is hash 2's W0-W7; hash 2 from round 1.
	k.each(func(st regs) {
		s := k.state(st, 64)
		for i := 0; i < 8; i++ {
			if k.avx512 {
				emit("VPADDD.BCST %s, %s, %s", tab("mid", 4*i), s[i], s[i])
			} else {
				k.addConst(tab("mid", 4*i), s[i], k.r(st.tmp[0]))
			}
			k.setW(st, flat, i, s[i])
		}
		s = k.state(st, 1)
		for i, r := range s {
			emit("VPBROADCASTD %s, %s", h2Mem(h2State, i), r)
		}
		w0 := k.wOp(st, flat, 0)
		k.add(w0, s[0])
		k.add(w0, s[4])
	})
	next = 16
	for t := 1; t < loopStart; t++ {
		for ; next <= t+k.ahead; next++ {
			k.hash2Schedule(next)
		}
		k.hash2Round(t)
	}
	k.enterLoop(loopStart, passes, 1)
	emit("JMP %sblock", k.name)

	label(k.name + "tail")
	next = loopStart + 16*passes + k.ahead
	for t := loopStart + 16*passes; t <= 60; t++ {
		for ; next <= min(t+k.ahead, 60); next++ {
			k.hash2Schedule(next)
		}
		k.hash2Round(t)
	}
}

// enterLoop sets the loop's registers: R8 at K[first], R10 at W[first]
// (if in memory), R11 the passes and R12 which hash (0 or 1).
func (k *kernel) enterLoop(first, passes, hash int) {
	emit("LEAQ ·sha256dK+%d(SB), R8", 4*first)
	emit("LEAQ %d(R9), R10", first*k.wStride)
	emit("MOVL $%d, R11", passes)
	emit("MOVL $%d, R12", hash)
}

// compare ORs into DX the mask of lanes whose last digest word may meet
// the target.
func (k *kernel) compare() {
	// e after round 60 plus the IV is the last digest word; as a
	// little-endian limb it must not exceed the target's top limb.
	for si, st := range k.sets {
		e := k.state(st, 61)[4]
		v, a, b := k.r(st.tmp[0]), k.r(st.tmp[1]), k.r(st.tmp[2])
		if k.avx512 {
			emit("VPADDD.BCST ·sha256dIV7(SB), %s, %s", e, v)
			emit("VPRORD $8, %s, %s", v, a)
			emit("VPROLD $8, %s, %s", v, b)
			emit("VPTERNLOGD.BCST $0xE4, ·sha256dSwapMask(SB), %s, %s", b, a)
			emit("VPCMPUD.BCST $2, %s, %s, K1", tab("top", 0), a)
			emit("KMOVW K1, R13")
		} else {
			emit("VPBROADCASTD ·sha256dIV7(SB), %s", v)
			k.add(e, v)
			emit("VPSHUFB ·sha256dShuf(SB), %s, %s", v, a)
			emit("VPBROADCASTD %s, %s", tab("top", 0), b)
			emit("VPMINUD %s, %s, %s", b, a, b)
			emit("VPCMPEQD %s, %s, %s", a, b, b)
			emit("VMOVMSKPS %s, R13", b)
		}
		if s := si * k.lanes; s > 0 {
			emit("SHLL $%d, R13", s)
		}
		emit("ORL R13, DX")
	}
}

// hash1Schedule computes W[t] of hash 1, all sets: folded below W32.
func (k *kernel) hash1Schedule(t int) {
	if t >= 32 {
		k.each(func(st regs) { k.schedule(st, flat, t, &standard, "") })
		return
	}
	c := tab("c", 4*t)
	if hash1[t].cKnown && hash1[t].value == 0 {
		c = ""
	}
	k.each(func(st regs) { k.schedule(st, flat, t, &hash1, c) })
}

// hash2Schedule computes W[t] of hash 2, all sets.
func (k *kernel) hash2Schedule(t int) {
	c := ""
	if t < 32 && !(hash2[t].cKnown && hash2[t].value == 0) {
		c = h2Mem(h2C, t)
	}
	words := &hash2
	if t >= 32 {
		words = &standard
	}
	k.each(func(st regs) { k.schedule(st, flat, t, words, c) })
}

// hash2Round is round t of hash 2, all sets; rounds 57-60 compute only e.
func (k *kernel) hash2Round(t int) {
	k.each(func(st regs) {
		if hash2[t].varies {
			k.round(st, t, k.wOp(st, flat, t), kMem(t), t > 56)
		} else {
			k.round(st, t, "", h2Mem(h2KW, t), false)
		}
	})
}

func data(name string, words []uint32) {
	for i, v := range words {
		fmt.Fprintf(&out, "DATA ·%s+%d(SB)/4, $0x%08x\n", name, 4*i, v)
	}
	fmt.Fprintf(&out, "GLOBL ·%s(SB), RODATA|NOPTR, $%d\n\n", name, 4*len(words))
}

func seq(n int, f func(i int) int) []int {
	r := make([]int, n)
	for i := range r {
		r[i] = f(i)
	}
	return r
}

func set(state int, tmp []int, ring, wOff int) regs {
	return regs{state: state, tmp: [5]int(tmp), ring: ring, wOff: wOff}
}

var kernels = []kernel{
	// AVX-512, one set: state Z0-Z7, message ring Z8-Z23, scratch Z24-Z28.
	{name: "sha256d16", avx512: true, width: "Z", lanes: 16, wStride: 64, ahead: 8,
		sets: []regs{set(0, seq(5, func(i int) int { return 24 + i }), 8, 0)}},
	// AVX-512, two sets: states Z0-Z7 and Z8-Z15, messages in memory.
	{name: "sha256d16x2", avx512: true, width: "Z", lanes: 16, memW: true, wStride: 64,
		sets: []regs{
			set(0, seq(5, func(i int) int { return 16 + i }), 0, 0),
			set(8, seq(5, func(i int) int { return 21 + i }), 0, 80*64),
		}},
	// AVX-512VL: the one-set kernel on 256-bit registers, for CPUs that
	// split 512-bit operations in two.
	{name: "sha256d8", avx512: true, width: "Y", lanes: 8, wStride: 32, ahead: 8,
		sets: []regs{set(0, seq(5, func(i int) int { return 24 + i }), 8, 0)}},
	// AVX2: sixteen registers, so one set with the messages in memory.
	{name: "sha256d8avx2", width: "Y", lanes: 8, memW: true, wStride: 32,
		sets: []regs{set(0, seq(5, func(i int) int { return 8 + i }), 0, 0)}},
}

// blockKernels compress many independent messages a block at a time
// (multi.go): the rounds and schedule of the search kernels with every
// message word varying and no folding, one block per lane.
var blockKernels = []struct {
	k      kernel
	halves int // calls of the 8-lane plan per 16 lanes
}{
	// AVX-512: state Z0-Z7, message ring Z16-Z31, scratch Z8-Z12.
	{kernel{name: "blocks16", avx512: true, width: "Z", lanes: 16, wStride: 64, ahead: 4,
		sets: []regs{set(0, seq(5, func(i int) int { return 8 + i }), 16, 0)}}, 1},
	// AVX2: the whole schedule in the caller's buffer, two halves of 8 lanes.
	{kernel{name: "blocks8avx2", width: "Y", lanes: 8, memW: true, wStride: 32, ahead: 4,
		sets: []regs{set(0, seq(5, func(i int) int { return 8 + i }), 0, 0)}}, 2},
}

// genBlocks writes one block kernel:
// func name(state *[8][16]uint32, blocks *[16][64]byte, buf *[64][8]uint32)
// adds the compression of each lane's block (blocks[lane]) to its state
// (state[i][lane]). Message words are gathered across the lanes' blocks
// and byte-swapped here: transposing them in Go cost more than the rounds.
func genBlocks(k *kernel, halves int) {
	st := k.sets[0]
	laneBytes := 4 * k.lanes
	idx, mask, x := k.r(13), k.r(14), k.r(15)
	body := capture(func() {
		k.mov("·blocksLaneOffset(SB)", idx)
		for half := range halves {
			col := half * laneBytes
			for i, r := range k.state(st, 0) {
				k.mov(fmt.Sprintf("%d(DI)", 64*i+col), r)
			}
			for t := range 16 {
				src := fmt.Sprintf("%d(SI)(%s*1)", 64*k.lanes*half+4*t, idx)
				if k.avx512 {
					emit("KXNORW K1, K1, K1")
					emit("VPGATHERDD %s, K1, %s", src, x)
					w := k.wOp(st, flat, t)
					emit("VPRORD $8, %s, %s", x, w)
					emit("VPROLD $8, %s, %s", x, mask)
					emit("VPTERNLOGD.BCST $0xE4, ·sha256dSwapMask(SB), %s, %s", mask, w)
					continue
				}
				emit("VPCMPEQD %s, %s, %s", mask, mask, mask)
				emit("VPGATHERDD %s, %s, %s", mask, src, x)
				emit("VPSHUFB ·sha256dShuf(SB), %s, %s", x, x)
				k.setW(st, flat, t, x)
			}
			for t := range 64 {
				if s := t + k.ahead; s >= 16 && s < 64 {
					k.schedule(st, flat, s, &standard, "")
				}
				k.round(st, t, k.wOp(st, flat, t), kMem(t), false)
			}
			for i, r := range k.state(st, 64) {
				k.add(fmt.Sprintf("%d(DI)", 64*i+col), r)
				k.mov(r, fmt.Sprintf("%d(DI)", 64*i+col))
			}
		}
	})
	fmt.Fprintf(&out, "\n// func %s(state *[8][16]uint32, blocks *[16][64]byte, buf *[64][8]uint32)\n", k.name)
	fmt.Fprintf(&out, "// 16 blocks a call (%d lanes, %d passes): %d vector ALU instructions, %d of them rotates or shifts.\n",
		k.lanes, halves, tally.vector, tally.rotates)
	fmt.Fprintf(&out, "TEXT ·%s(SB), NOSPLIT, $0-24\n", k.name)
	emit("MOVQ state+0(FP), DI")
	emit("MOVQ blocks+8(FP), SI")
	emit("MOVQ buf+16(FP), R9")
	out.Write(body)
	emit("VZEROUPPER")
	emit("RET")
}

// genSHA writes sha256d4sha: four nonces interleaved on the SHA extensions.
// SHA256RNDS2 does two rounds, so the plan is coarser than the vector
// kernels': hash 1 starts at round 2 (rounds 0-1 come from the table) and
// takes K[t]+W[t] of rounds 4-15 from it; hash 2 takes its padding's from
// ·sha256dH2 and stops after rounds 60-61, whose F word is e after round 60.
// Each nonce's state is two registers (X1-X8), XMM0 holds K+W as the
// instruction requires, and message words live in the buffer, 256 bytes a
// nonce. SHA instructions have no VEX form; everything else is VEX, so the
// kernel needs AVX too.
func genSHA() {
	const name = "sha256d4sha"
	var sk shaKernel
	body := capture(func() {
		sk.body()
		sk.compare()
	})
	prologue(name, fmt.Sprintf("4 nonces a group: %d SHA instructions (%d other vector ALU).", tally.shas, tally.vector))
	out.Write(body)
	epilogue(name, 4, true)
}

// shaKernel is the SHA-NI kernel's state between body and compare.
type shaKernel struct {
	abef [4]string // each nonce's ABEF register after the last SHA256RNDS2
}

// body hashes the four nonces start+BX+0..3.
func (sk *shaKernel) body() {
	const nonces = 4
	// abef and cdgh name each nonce's two state registers; every
	// SHA256RNDS2 leaves the new ABEF in its destination, swapping them.
	var abef, cdgh [nonces]string
	for n := range nonces {
		abef[n], cdgh[n] = fmt.Sprintf("X%d", 1+2*n), fmt.Sprintf("X%d", 2+2*n)
	}
	rnds2 := func(n int) {
		emit("SHA256RNDS2 X0, %s, %s", abef[n], cdgh[n])
		abef[n], cdgh[n] = cdgh[n], abef[n]
	}
	wMem := func(n, g int) string { return fmt.Sprintf("%d(R9)", 256*n+16*g) }
	// schedule computes W[4g..4g+3] of nonce n from the four groups
	// before it (operands by src) and leaves it in X10.
	schedule := func(n, g int, src func(g int) string) {
		emit("VMOVDQU %s, X10", src(g-4))
		emit("VMOVDQU %s, X11", src(g-3))
		emit("SHA256MSG1 X11, X10")
		emit("VMOVDQU %s, X12", src(g-1))
		emit("VPALIGNR $4, %s, X12, X13", src(g-2))
		emit("VPADDD X13, X10, X10")
		emit("SHA256MSG2 X12, X10")
		emit("VMOVDQU X10, %s", wMem(n, g))
	}
	// Hash 1: W0-W3 with the nonce, then rounds 2-3.
	for n := range nonces {
		emit("LEAL %d(AX)(BX*1), DX", n)
		emit("BSWAPL DX")
		emit("VMOVDQU %s, X9", tab("shaW0", 0))
		emit("VPINSRD $3, DX, X9, X9")
		emit("VMOVDQU X9, %s", wMem(n, 0))
		emit("VMOVDQU %s, %s", tab("shaState", 0), abef[n])
		emit("VMOVDQU %s, %s", tab("shaState", 16), cdgh[n])
		emit("VPADDD ·sha256dK(SB), X9, X0")
		emit("VPSHUFD $0x0e, X0, X0")
		rnds2(n)
	}
	src1 := func(n int) func(g int) string {
		return func(g int) string {
			if g >= 1 && g < 4 {
				return tab("c", 16*g)
			}
			return wMem(n, g)
		}
	}
	for g := 1; g < 16; g++ {
		for n := range nonces {
			if g < 4 {
				emit("VMOVQ %s, X0", tab("kw", 16*g))
				rnds2(n)
				emit("VMOVQ %s, X0", tab("kw", 16*g+8))
				rnds2(n)
				continue
			}
			schedule(n, g, src1(n))
			emit("VPADDD %s, X10, X0", kMem(4*g))
			rnds2(n)
			emit("VPSHUFD $0x0e, X0, X0")
			rnds2(n)
		}
	}
	// The first digest, in word order, is hash 2's W0-W7.
	for n := range nonces {
		emit("VPADDD %s, %s, %s", tab("shaMid", 0), abef[n], abef[n])
		emit("VPADDD %s, %s, %s", tab("shaMid", 16), cdgh[n], cdgh[n])
		emit("VPUNPCKHQDQ %s, %s, X9", cdgh[n], abef[n])
		emit("VPSHUFD $0xb1, X9, X9")
		emit("VMOVDQU X9, %s", wMem(n, 0))
		emit("VPUNPCKLQDQ %s, %s, X9", cdgh[n], abef[n])
		emit("VPSHUFD $0xb1, X9, X9")
		emit("VMOVDQU X9, %s", wMem(n, 1))
		emit("VMOVDQU ·sha256dIVSHA(SB), %s", abef[n])
		emit("VMOVDQU ·sha256dIVSHA+16(SB), %s", cdgh[n])
	}
	src2 := func(n int) func(g int) string {
		return func(g int) string {
			if g >= 2 && g < 4 {
				return h2Mem(h2C, 4*g)
			}
			return wMem(n, g)
		}
	}
	for g := 0; g < 16; g++ {
		for n := range nonces {
			switch {
			case g < 2:
				emit("VMOVDQU %s, X10", wMem(n, g))
				emit("VPADDD %s, X10, X0", kMem(4*g))
			case g < 4:
				emit("VMOVQ %s, X0", h2Mem(h2KW, 4*g))
				rnds2(n)
				emit("VMOVQ %s, X0", h2Mem(h2KW, 4*g+2))
				rnds2(n)
				continue
			default:
				schedule(n, g, src2(n))
				emit("VPADDD %s, X10, X0", kMem(4*g))
			}
			rnds2(n)
			if g < 15 {
				emit("VPSHUFD $0x0e, X0, X0")
				rnds2(n)
			}
		}
	}
	sk.abef = abef
}

// compare leaves in DX the candidate mask: F of the last ABEF is e after
// round 60; plus the IV it is the last digest word, which as a
// little-endian limb must not exceed the target's top limb.
func (sk *shaKernel) compare() {
	abef := sk.abef
	emit("VPUNPCKLDQ %s, %s, X9", abef[1], abef[0])
	emit("VPUNPCKLDQ %s, %s, X10", abef[3], abef[2])
	emit("VPUNPCKLQDQ X10, X9, X9")
	emit("VPADDD ·sha256dIV7x4(SB), X9, X9")
	emit("VPSHUFB ·sha256dShuf(SB), X9, X9")
	emit("VBROADCASTSS %s, X10", tab("top", 0))
	emit("VPMINUD X10, X9, X10")
	emit("VPCMPEQD X9, X10, X10")
	emit("VMOVMSKPS X10, DX")
}

func main() {
	out.WriteString("// Code generated by gen_sha256d.go; DO NOT EDIT.\n\n//go:build amd64 && !purego\n\n#include \"go_asm.h\"\n#include \"textflag.h\"\n")
	for i := range kernels {
		kernels[i].gen()
	}
	genSHA()
	for i := range blockKernels {
		genBlocks(&blockKernels[i].k, blockKernels[i].halves)
	}
	out.WriteString("\n")
	data("sha256dK", kConst[:])
	h2 := hash2Tables()
	data("sha256dH2", h2)
	data("sha256dIV7", []uint32{iv[7]})
	data("sha256dIV7x4", []uint32{iv[7], iv[7], iv[7], iv[7]})
	data("sha256dIVSHA", []uint32{iv[5], iv[4], iv[1], iv[0], iv[7], iv[6], iv[3], iv[2]})
	lanes := make([]uint32, 16)
	for i := range lanes {
		lanes[i] = uint32(i)
	}
	data("sha256dLane", lanes)
	offsets := make([]uint32, 16)
	for i := range offsets {
		offsets[i] = 64 * uint32(i)
	}
	data("blocksLaneOffset", offsets)
	data("sha256dSwapMask", []uint32{0xff00ff00})
	shuf := make([]uint32, 8)
	for i := range shuf {
		shuf[i] = 0x00010203 + uint32(i%4)*0x04040404
	}
	data("sha256dShuf", shuf)
	path := "sha256d_amd64.s"
	if len(os.Args) > 1 {
		path = os.Args[1]
	}
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
