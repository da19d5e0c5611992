//go:build amd64 && !purego

package sha256simd

//go:noescape
func blocks16(state *[8][Lanes]uint32, blocks *[Lanes][64]byte, buf *[64][8]uint32)

//go:noescape
func blocks8avx2(state *[8][Lanes]uint32, blocks *[Lanes][64]byte, buf *[64][8]uint32)

func compress16(l *lanes)    { blocks16(&l.state, &l.blocks, &l.buf) }
func compress8avx2(l *lanes) { blocks8avx2(&l.state, &l.blocks, &l.buf) }

// blockKernel is the widest block kernel this CPU runs: unlike the search,
// there is nothing to time, as the wider kernel does the same work in
// fewer instructions.
var blockKernel = func() func(*lanes) {
	switch f := features(); {
	case f.avx512:
		return compress16
	case f.avx2:
		return compress8avx2
	}
	return compressLanes
}()

// blockKernels lists the block kernels this CPU runs, by name.
func blockKernels() map[string]func(*lanes) {
	ks := map[string]func(*lanes){"generic": compressLanes}
	f := features()
	if f.avx512 {
		ks["avx512-16"] = compress16
	}
	if f.avx2 {
		ks["avx2-8x2"] = compress8avx2
	}
	return ks
}

func blockKernelName() string {
	switch f := features(); {
	case f.avx512:
		return "avx512-16"
	case f.avx2:
		return "avx2-8x2"
	}
	return "generic"
}
