package boltstore_test

import (
	"context"
	"testing"
)

// mustGet reads item seq with get (a DB's Batch or BySeq) and fails the
// test if it cannot.
func mustGet[T any](t *testing.T, get func(context.Context, uint64) (T, error), seq uint64) T {
	t.Helper()
	v, err := get(ctx, seq)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
