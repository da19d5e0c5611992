package seal

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/credseal/credseal/internal/sha256simd"
)

type bitcoinHeader struct {
	Height int    `json:"height"`
	Header string `json:"header"`
	Hash   string `json:"hash"` // display order: byte-reversed sha256d
	Bits   string `json:"bits"`
	Nonce  uint32 `json:"nonce"`
}

func loadBitcoinHeaders(t testing.TB) []bitcoinHeader {
	t.Helper()
	raw, err := os.ReadFile("../../testdata/bitcoin-headers.json")
	if err != nil {
		t.Fatal(err)
	}
	var v struct{ Headers []bitcoinHeader }
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Headers) < 6 {
		t.Fatalf("only %d headers in testdata", len(v.Headers))
	}
	return v.Headers
}

func parseHex(t testing.TB, s string) Header {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	h, err := ParseHeader(b)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// cores lists every core this build can run, for tests that compare them.
var cores = sha256simd.Available()

// prepare is the job Search makes of h.
func prepare(t testing.TB, h Header) *sha256simd.Job {
	t.Helper()
	target, err := targetBytes(h.Bits)
	if err != nil {
		t.Fatal(err)
	}
	return sha256simd.NewJob(h.bytes(), target)
}

func TestBitcoinMainnetHeaders(t *testing.T) {
	for _, bh := range loadBitcoinHeaders(t) {
		t.Run(fmt.Sprint("block ", bh.Height), func(t *testing.T) {
			h := parseHex(t, bh.Header)
			out, _ := h.MarshalBinary()
			if hex.EncodeToString(out) != bh.Header {
				t.Fatal("MarshalBinary does not reproduce the header")
			}
			seal := h.Hash()
			slices.Reverse(seal[:])
			if got := hex.EncodeToString(seal[:]); got != bh.Hash {
				t.Fatalf("hash %s, want %s", got, bh.Hash)
			}
			if fmt.Sprintf("%08x", h.Bits) != bh.Bits || h.Nonce != bh.Nonce {
				t.Fatalf("bits %08x nonce %d, want %s %d", h.Bits, h.Nonce, bh.Bits, bh.Nonce)
			}
			if !h.Sealed() {
				t.Fatal("real header not sealed")
			}
			for _, off := range []uint32{1, math.MaxUint32} { // one nonce either side
				h2 := h
				h2.Nonce += off
				if h2.Sealed() {
					t.Errorf("nonce %d (one off) sealed", h2.Nonce)
				}
			}
			for _, c := range cores {
				j := prepare(t, h)
				if got, ok := c.Scan(j, h.Nonce, 1); !ok || got != h.Nonce {
					t.Errorf("%s core does not accept the mined nonce", c.Name())
				}
			}
		})
	}
}

func TestSearchFindsMainnetNonce(t *testing.T) {
	// Start this far below the mined nonce (vector cores: 4M nonces).
	below := map[string]uint32{"generic": 1_500_000, "stdlib-midstate": 3_000_000}
	headers := loadBitcoinHeaders(t)
	for _, c := range cores {
		for _, bh := range []bitcoinHeader{headers[0], headers[len(headers)-1]} {
			h := parseHex(t, bh.Header)
			back, ok := below[c.Name()]
			if !ok {
				back = 4_000_000
			}
			start := h.Nonce - back
			got, found, _, err := search(context.Background(), c, h, start, uint64(back)+10, 2)
			if err != nil || !found || got != h.Nonce {
				t.Errorf("%s: block %d: Search from %d = %d, %v, %v; want %d", c.Name(), bh.Height, start, got, found, err, h.Nonce)
			}
		}
	}
}

func TestTargetCompactCases(t *testing.T) {
	// Cases from Bitcoin Core's arith_uint256 SetCompact tests.
	cases := []struct {
		bits uint32
		want string // hex, or the error
		err  error
	}{
		{0x00000000, "", ErrZeroTarget},
		{0x00123456, "", ErrZeroTarget},
		{0x01003456, "", ErrZeroTarget},
		{0x02000056, "", ErrZeroTarget},
		{0x03000000, "", ErrZeroTarget},
		{0x04000000, "", ErrZeroTarget},
		{0x00923456, "", ErrZeroTarget}, // sign bit, but the shifted mantissa is zero
		{0x01803456, "", ErrZeroTarget},
		{0x01123456, "12", nil},
		{0x02123456, "1234", nil},
		{0x03123456, "123456", nil},
		{0x04123456, "12345600", nil},
		{0x05009234, "92340000", nil},
		{0x20123456, "1234560000000000000000000000000000000000000000000000000000000000", nil},
		{0x1d00ffff, "ffff0000000000000000000000000000000000000000000000000000", nil},
		{0x04923456, "", ErrNegativeTarget},
		{0x01fedcba, "", ErrNegativeTarget},
		{0xff123456, "", ErrTargetOverflow},
		{0x23000001, "", ErrTargetOverflow},
		{0x22000100, "", ErrTargetOverflow},
		{0x21010000, "", ErrTargetOverflow},
		{0x220000ff, "ff" + zeros(31), nil},
	}
	for _, c := range cases {
		got, err := Target(c.bits)
		if c.err != nil {
			if !errors.Is(err, c.err) {
				t.Errorf("Target(%08x) err = %v, want %v", c.bits, err, c.err)
			}
			continue
		}
		if err != nil || got.Text(16) != c.want {
			t.Errorf("Target(%08x) = %v, %v; want %s", c.bits, got, err, c.want)
		}
	}
}

func zeros(n int) string { return fmt.Sprintf("%0*d", 2*n, 0) }

func TestCompactAndDifficulty(t *testing.T) {
	for _, bits := range []uint32{0x1d00ffff, 0x1b04864c, 0x17034219, 0x03123456, 0x05009234} {
		target, _ := Target(bits)
		if got, err := Compact(target); err != nil || got != bits {
			t.Errorf("Compact(Target(%08x)) = %08x, %v", bits, got, err)
		}
	}
	if bits, _ := BitsForDifficulty(16); bits != 0x1f00ffff {
		t.Errorf("BitsForDifficulty(16) = %08x, want 1f00ffff", bits)
	}
	for d := 0; d <= MaxDifficulty; d++ {
		bits, err := BitsForDifficulty(d)
		if err != nil {
			t.Fatalf("difficulty %d: %v", d, err)
		}
		w, _ := Work(bits)
		// Compact rounding keeps the work within a factor 1.01 above 2^d.
		lo := new(big.Int).Lsh(big.NewInt(1), uint(d))
		hi := new(big.Float).Mul(new(big.Float).SetInt(lo), big.NewFloat(1.01))
		if w.Cmp(lo) < 0 || new(big.Float).SetInt(w).Cmp(hi) > 0 {
			t.Errorf("difficulty %d: work %v not about 2^%d", d, w, d)
		}
	}
	if _, err := BitsForDifficulty(MaxDifficulty + 1); err == nil {
		t.Error("difficulty above the maximum accepted")
	}
	if w, _ := Work(0x1d00ffff); w.String() != "4295032833" {
		t.Errorf("Work(1d00ffff) = %v, want Bitcoin's difficulty-1 work 4295032833", w)
	}
}

func TestParseHeaderRejectsWrongLength(t *testing.T) {
	for _, n := range []int{0, 79, 81, 160} {
		if _, err := ParseHeader(make([]byte, n)); !errors.Is(err, ErrHeaderLength) {
			t.Errorf("%d bytes: err = %v", n, err)
		}
	}
}

// naiveLowest is the reference answer: the plain double hash at every nonce.
func naiveLowest(h Header, start uint32, count uint64) (uint32, bool) {
	target, _ := targetBytes(h.Bits)
	b := h.bytes()
	for i := uint64(0); i < count; i++ {
		binary.LittleEndian.PutUint32(b[76:], start+uint32(i))
		first := sha256.Sum256(b[:])
		seal := sha256.Sum256(first[:])
		if meetsTarget(&seal, &target) {
			return start + uint32(i), true
		}
	}
	return 0, false
}

func randomHeader(r *rand.Rand, difficulty int) Header {
	var h Header
	h.Version = r.Uint32()
	for i := range h.Prev {
		h.Prev[i], h.Root[i] = byte(r.Uint32()), byte(r.Uint32())
	}
	h.Time = r.Uint32()
	h.Bits, _ = BitsForDifficulty(difficulty)
	return h
}

func TestCoresAgreeWithNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 40 {
		h := randomHeader(r, 4+trial%8)
		starts := []uint32{r.Uint32(), math.MaxUint32 - 300, 0}
		for _, start := range starts {
			count := min(uint64(3000), math.MaxUint32+1-uint64(start))
			want, wantOK := naiveLowest(h, start, count)
			for _, c := range cores {
				j := prepare(t, h)
				got, ok := c.Scan(j, start, count)
				if ok != wantOK || got != want {
					t.Fatalf("%s core, trial %d, start %d: got %d %v, want %d %v", c.Name(), trial, start, got, ok, want, wantOK)
				}
			}
		}
	}
}

func TestSearchReturnsLowestNonce(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 10 {
		// Easy enough that several chunks hold hits: the lowest must win.
		h := randomHeader(r, 17)
		start := r.Uint32() / 2
		count := uint64(6 * chunkSize)
		want, wantOK := naiveLowest(h, start, count)
		for _, workers := range []int{1, 2, 3, 8, 0} {
			got, ok, err := Search(context.Background(), h, start, count, workers)
			if err != nil || ok != wantOK || got != want {
				t.Fatalf("trial %d workers %d: got %d %v %v, want %d %v", trial, workers, got, ok, err, want, wantOK)
			}
		}
		// Every core, on ranges that end mid-group for the wide kernels.
		if trial < 3 {
			for _, c := range cores {
				got, ok, _, err := search(context.Background(), c, h, start+uint32(trial), count-uint64(5*trial), 3)
				w, wOK := naiveLowest(h, start+uint32(trial), count-uint64(5*trial))
				if err != nil || ok != wOK || got != w {
					t.Fatalf("%s: trial %d: got %d %v %v, want %d %v", c.Name(), trial, got, ok, err, w, wOK)
				}
			}
		}
	}
}

func TestSearchEdges(t *testing.T) {
	ctx := context.Background()
	h := randomHeader(rand.New(rand.NewPCG(5, 6)), 8)
	if _, found, err := Search(ctx, h, 5, 0, 2); found || err != nil {
		t.Errorf("empty range: found %v err %v", found, err)
	}
	if _, _, err := Search(ctx, h, 1, math.MaxUint32+1, 2); !errors.Is(err, ErrRange) {
		t.Errorf("range past 2^32: err = %v", err)
	}
	// The very last nonce is searchable.
	want, wantOK := naiveLowest(h, math.MaxUint32-2000, 2001)
	if got, ok, err := Search(ctx, h, math.MaxUint32-2000, 2001, 2); got != want || ok != wantOK || err != nil {
		t.Errorf("top of range: got %d %v %v, want %d %v", got, ok, err, want, wantOK)
	}
	bad := h
	bad.Bits = 0x04923456
	if _, _, err := Search(ctx, bad, 0, 10, 1); !errors.Is(err, ErrNegativeTarget) {
		t.Errorf("negative target: err = %v", err)
	}
}

func TestSearchCancellation(t *testing.T) {
	h := randomHeader(rand.New(rand.NewPCG(7, 8)), 200) // practically unsealable
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, _, err := Search(ctx, h, 0, math.MaxUint32+1, 2)
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v, want deadline exceeded", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Search did not stop after cancellation")
	}
}

func TestSealProducesSealedHeader(t *testing.T) {
	h := randomHeader(rand.New(rand.NewPCG(9, 10)), 14)
	sealed, err := Seal(context.Background(), h, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !sealed.Sealed() || sealed.Root != h.Root || sealed.Prev != h.Prev {
		t.Fatalf("Seal returned %+v", sealed)
	}
}

func FuzzParseHeader(f *testing.F) {
	f.Add(make([]byte, 80))
	f.Add([]byte("short"))
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := ParseHeader(b)
		if err != nil {
			return
		}
		out, _ := h.MarshalBinary()
		if string(out) != string(b) {
			t.Fatal("round trip changed the header")
		}
		_ = h.Sealed() // any Bits, valid or not, must not panic
	})
}

func FuzzTarget(f *testing.F) {
	for _, b := range []uint32{0x1d00ffff, 0x04923456, 0xff123456, 0} {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, bits uint32) {
		target, err := Target(bits)
		if err != nil {
			return
		}
		if target.Sign() <= 0 || target.BitLen() > 256 {
			t.Fatalf("Target(%08x) = %v out of range", bits, target)
		}
		// Re-encoding is canonical and decodes to the same target.
		c, err := Compact(target)
		if err != nil {
			t.Fatal(err)
		}
		if again, _ := Target(c); again.Cmp(target) != 0 {
			t.Fatalf("Target(Compact(Target(%08x))) = %v, want %v", bits, again, target)
		}
	})
}

// unsealable is a header no nonce will seal, so benchmarks scan full ranges.
func unsealable() Header {
	h := randomHeader(rand.New(rand.NewPCG(11, 12)), 200)
	return h
}

// BenchmarkNaive is the baseline: sha256.Sum256(sha256.Sum256(header)) per nonce.
func BenchmarkNaive(b *testing.B) {
	h := unsealable()
	buf := h.bytes()
	target, _ := targetBytes(h.Bits)
	var nonce uint32
	for b.Loop() {
		binary.LittleEndian.PutUint32(buf[76:], nonce)
		first := sha256.Sum256(buf[:])
		seal := sha256.Sum256(first[:])
		if meetsTarget(&seal, &target) {
			b.Fatal("unexpected seal")
		}
		nonce++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds()/1e6, "Mnonces/s")
}

// BenchmarkSearch measures Search per core (one worker) and on every core.
func BenchmarkSearch(b *testing.B) {
	h := unsealable()
	for _, c := range cores {
		for _, workers := range []int{1, 0} {
			name := fmt.Sprintf("core=%s/workers=%d", c.Name(), workers)
			if workers == 0 {
				name = fmt.Sprintf("core=%s/workers=all", c.Name())
			}
			b.Run(name, func(b *testing.B) {
				const perOp = 1 << 20
				var start uint32
				for b.Loop() {
					if _, found, _, err := search(context.Background(), c, h, start, perOp, workers); found || err != nil {
						b.Fatal(found, err)
					}
					start += perOp
				}
				b.ReportMetric(float64(b.N)*perOp/b.Elapsed().Seconds()/1e6, "Mnonces/s")
			})
		}
	}
}

// TestCoresHitInEveryLane starts scans at every offset before a sealing
// nonce, so the hit falls in each lane of a vector core and across the
// boundary of its 16-nonce groups; every core must return it.
func TestCoresHitInEveryLane(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	h := randomHeader(r, 6)
	hit, ok := naiveLowest(h, 1000, 5000)
	if !ok {
		t.Fatal("no seal in range")
	}
	for _, c := range cores {
		j := prepare(t, h)
		for back := uint32(0); back < 40; back++ {
			start := hit - back
			want, _ := naiveLowest(h, start, 64)
			got, ok := c.Scan(j, start, 64)
			if !ok || got != want {
				t.Fatalf("%s: scan from %d: got %d %v, want %d", c.Name(), start, got, ok, want)
			}
			// A range that stops just before the hit must not report it.
			if back > 0 {
				if got, ok := c.Scan(j, start, uint64(back)); ok && got >= hit {
					t.Fatalf("%s: scan of %d nonces from %d reported %d", c.Name(), back, start, got)
				}
			}
		}
	}
}

// TestSearchHitAtChunkBoundary puts a header's only sealing nonce in a
// range at the last nonce of Search's first chunk, then at the first of its
// second, for every core and two workers.
func TestSearchHitAtChunkBoundary(t *testing.T) {
	var h Header
	var hit uint32
	for seed := uint64(0); ; seed++ {
		// Difficulty 17: a seal every 128K nonces or so, so the chunk
		// before a hit is often empty; the seeds are tried in order.
		h = randomHeader(rand.New(rand.NewPCG(13, seed)), 17)
		var ok bool
		if hit, ok = naiveLowest(h, chunkSize, 1<<20); !ok {
			continue
		}
		if _, earlier := naiveLowest(h, hit-chunkSize, chunkSize); !earlier {
			break
		}
	}
	for _, c := range cores {
		for _, start := range []uint32{hit - chunkSize + 1, hit - chunkSize} {
			got, found, _, err := search(context.Background(), c, h, start, 2*chunkSize, 2)
			if err != nil || !found || got != hit {
				t.Fatalf("%s: from %d: got %d %v %v, want %d", c.Name(), start, got, found, err, hit)
			}
		}
	}
}

// FuzzCoresAgree compares every core with the naive loop on arbitrary
// headers (easy targets so hits happen) and starts, including the top of
// the nonce space.
func FuzzCoresAgree(f *testing.F) {
	f.Add([]byte("credseal header seed"), uint32(0), uint8(4))
	f.Add([]byte{1, 2, 3}, uint32(math.MaxUint32-20), uint8(2))
	f.Fuzz(func(t *testing.T, seed []byte, start uint32, difficulty uint8) {
		h := Header{Version: 1}
		s := sha256.Sum256(seed)
		h.Prev, h.Root = s, sha256.Sum256(s[:])
		h.Time = binary.LittleEndian.Uint32(s[:4])
		h.Bits, _ = BitsForDifficulty(int(difficulty % 10))
		count := min(uint64(200), math.MaxUint32+1-uint64(start))
		want, wantOK := naiveLowest(h, start, count)
		for _, c := range cores {
			j := prepare(t, h)
			if got, ok := c.Scan(j, start, count); ok != wantOK || got != want {
				t.Fatalf("%s: got %d %v, want %d %v", c.Name(), got, ok, want, wantOK)
			}
		}
	})
}

// TestSealMeasured: the effort counts every hash tried, at least the
// nonces below the answer, and whole chunks at most per worker beyond it.
func TestSealMeasured(t *testing.T) {
	bits, err := BitsForDifficulty(16)
	if err != nil {
		t.Fatal(err)
	}
	h, e, err := SealMeasured(context.Background(), Header{Version: 1, Bits: bits, Time: 1}, 2)
	if err != nil || !h.Sealed() {
		t.Fatalf("seal: %v", err)
	}
	if e.Workers != 2 || e.Elapsed <= 0 || e.Hashes < uint64(h.Nonce)+1 || e.Hashes > uint64(h.Nonce)+1+2*chunkSize {
		t.Fatalf("effort %+v for nonce %d", e, h.Nonce)
	}
}
