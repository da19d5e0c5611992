package sha256simd

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"testing"
)

// everyBlockKernel runs f with Hash on each block kernel this machine has,
// the portable one included.
func everyBlockKernel(t *testing.T, f func(t *testing.T)) {
	saved := blockKernel
	defer func() { blockKernel = saved }()
	for name, k := range blockKernels() {
		blockKernel = k
		t.Run(name, f)
	}
}

// TestHashMatchesCryptoSHA256 hashes random messages of every length up to
// four blocks, a lane's worth and more at a time, against crypto/sha256.
func TestHashMatchesCryptoSHA256(t *testing.T) {
	everyBlockKernel(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(1, 2))
		for trial := range 20 {
			msgs := make([]Message, 1+r.IntN(3*Lanes))
			sums := make([][32]byte, len(msgs))
			for i := range msgs {
				b := make([]byte, r.IntN(4*64+1))
				for j := range b {
					b[j] = byte(r.Uint32())
				}
				msgs[i] = Message{Msg: b, Sum: &sums[i]}
			}
			if err := Hash(msgs); err != nil {
				t.Fatal(err)
			}
			for i, m := range msgs {
				if want := sha256.Sum256(m.Msg); sums[i] != want {
					t.Fatalf("trial %d message %d (%d bytes): %x, want %x", trial, i, len(m.Msg), sums[i], want)
				}
			}
		}
	})
}

// TestHashLengthEdges covers each length where the padding moves to a new
// block, one message a call and all of them together.
func TestHashLengthEdges(t *testing.T) {
	everyBlockKernel(t, func(t *testing.T) {
		var msgs []Message
		var sums [][32]byte
		for _, n := range []int{0, 1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128} {
			b := make([]byte, n)
			for j := range b {
				b[j] = byte(j * 7)
			}
			msgs = append(msgs, Message{Msg: b})
		}
		sums = make([][32]byte, len(msgs))
		for i := range msgs {
			msgs[i].Sum = &sums[i]
			one := [1]Message{msgs[i]}
			var alone [32]byte
			one[0].Sum = &alone
			if err := Hash(one[:]); err != nil {
				t.Fatal(err)
			}
			if want := sha256.Sum256(msgs[i].Msg); alone != want {
				t.Errorf("%d bytes alone: %x, want %x", len(msgs[i].Msg), alone, want)
			}
		}
		if err := Hash(msgs); err != nil {
			t.Fatal(err)
		}
		for i, m := range msgs {
			if want := sha256.Sum256(m.Msg); sums[i] != want {
				t.Errorf("%d bytes together: %x, want %x", len(m.Msg), sums[i], want)
			}
		}
	})
}

// TestHashHMAC builds HMAC-SHA256 from key-block states, as the issuer's
// salts are, and compares it with crypto/hmac on random keys and messages.
func TestHashHMAC(t *testing.T) {
	everyBlockKernel(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(3, 4))
		const n = 40
		keys := make([][32]byte, n)
		msgs := make([][]byte, n)
		var pads [2 * n][64]byte
		var states [2 * n][8]uint32
		var setup []Message
		for i := range n {
			binary.LittleEndian.PutUint64(keys[i][:], r.Uint64())
			binary.LittleEndian.PutUint64(keys[i][24:], r.Uint64())
			msgs[i] = make([]byte, r.IntN(100))
			for j := range msgs[i] {
				msgs[i][j] = byte(r.Uint32())
			}
			for p, x := range []byte{0x36, 0x5c} {
				pad := &pads[2*i+p]
				for j := range pad {
					pad[j] = x
				}
				for j, k := range keys[i] {
					pad[j] ^= k
				}
				setup = append(setup, Message{Msg: pad[:], State: &states[2*i+p]})
			}
		}
		if err := Hash(setup); err != nil {
			t.Fatal(err)
		}
		inner := make([][32]byte, n)
		var round []Message
		for i := range n {
			round = append(round, Message{Init: &states[2*i], Prefix: 64, Msg: msgs[i], Sum: &inner[i]})
		}
		if err := Hash(round); err != nil {
			t.Fatal(err)
		}
		outer := make([][32]byte, n)
		round = round[:0]
		for i := range n {
			round = append(round, Message{Init: &states[2*i+1], Prefix: 64, Msg: inner[i][:], Sum: &outer[i]})
		}
		if err := Hash(round); err != nil {
			t.Fatal(err)
		}
		for i := range n {
			mac := hmac.New(sha256.New, keys[i][:])
			mac.Write(msgs[i])
			if want := mac.Sum(nil); string(outer[i][:]) != string(want) {
				t.Fatalf("hmac %d: %x, want %x", i, outer[i], want)
			}
		}
	})
}

func TestHashRefusesWhatItCannotDo(t *testing.T) {
	var s [8]uint32
	if err := Hash([]Message{{Msg: make([]byte, 10), State: &s}}); !errors.Is(err, ErrPartialBlock) {
		t.Fatalf("a state after 10 bytes: err = %v, want ErrPartialBlock", err)
	}
	if err := Hash([]Message{{Msg: make([]byte, 64)}}); !errors.Is(err, ErrNoResult) {
		t.Fatalf("no Sum, no State: err = %v, want ErrNoResult", err)
	}
}

// BenchmarkHash hashes 1,024 messages of 40 bytes (one block each), the
// shape of the issuer's salts and field hashes, per kernel and with
// crypto/sha256.
func BenchmarkHash(b *testing.B) {
	const n = 1024
	msgs := make([]Message, n)
	sums := make([][32]byte, n)
	data := make([]byte, 40*n)
	for i := range msgs {
		msgs[i] = Message{Msg: data[40*i : 40*i+40], Sum: &sums[i]}
	}
	saved := blockKernel
	defer func() { blockKernel = saved }()
	for name, k := range blockKernels() {
		b.Run("kernel="+name, func(b *testing.B) {
			blockKernel = k
			for b.Loop() {
				if err := Hash(msgs); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds()/1e6, "Mhashes/s")
		})
	}
	b.Run("crypto-sha256", func(b *testing.B) {
		for b.Loop() {
			for i := range msgs {
				sums[i] = sha256.Sum256(msgs[i].Msg)
			}
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds()/1e6, "Mhashes/s")
	})
}

// BenchmarkBlockKernel is the kernel alone: 16 blocks a call, no driver.
func BenchmarkBlockKernel(b *testing.B) {
	for name, k := range blockKernels() {
		b.Run("kernel="+name, func(b *testing.B) {
			var l lanes
			for b.Loop() {
				k(&l)
			}
			b.ReportMetric(float64(Lanes*b.N)/b.Elapsed().Seconds()/1e6, "Mblocks/s")
		})
	}
}
