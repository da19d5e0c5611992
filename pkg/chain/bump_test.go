package chain

import (
	"math/big"
	"testing"
)

// TestBump: a replacement's fee is at least 12.5% more, rounded up, and
// strictly more, so a zero tip (some L2s suggest one) can be replaced too.
func TestBump(t *testing.T) {
	for in, want := range map[int64]int64{0: 1, 1: 2, 7: 8, 8: 9, 9: 11, 100: 113, 1_000_000_000: 1_125_000_000} {
		if got := bump(big.NewInt(in)); got.Int64() != want {
			t.Errorf("bump(%d) = %s, want %d", in, got, want)
		}
	}
}
