package issuer

import (
	"context"
	"testing"

	"github.com/credseal/credseal/pkg/seal"
)

// sampleBatch builds a batch of the first n sample learners, sealed at
// difficulty 8.
func sampleBatch(t testing.TB, n int) *Batch {
	t.Helper()
	bits, _ := seal.BitsForDifficulty(8)
	b, err := BuildBatch(context.Background(), readCohort(t)[:n], BatchOptions{Bits: bits})
	if err != nil {
		t.Fatal(err)
	}
	return b
}
