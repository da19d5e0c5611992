package boltstore_test

import (
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/chain/chaintest"
	"github.com/credseal/credseal/pkg/chain/devchain"
	"github.com/credseal/credseal/pkg/seal"
)

// TestRPCOutage: with the endpoint dropping every connection, the service
// keeps accepting credentials and keeps retrying; once it is back, everything
// is anchored.
func TestRPCOutage(t *testing.T) {
	// Few retries inside the client: the outage is the service's to ride out.
	c, proxy, signer := chaintest.BehindProxy(t, chain.TxOptions{Retries: 1})
	db := openDB(t, filepath.Join(t.TempDir(), "issuer.db"))
	bits, _ := seal.BitsForDifficulty(devchain.DefaultMinDifficulty)
	svc := issuer.NewService(db, c, issuer.Config{BatchSize: 20, Bits: bits})

	proxy.SetDown(true)
	if _, err := svc.Submit(ctx, cohort(t), false, nil); err != nil {
		t.Fatalf("submit during the outage: %v", err)
	}
	var failures atomic.Int64
	go func() {
		time.Sleep(2 * time.Second)
		proxy.SetDown(false)
	}()
	if err := svc.Drain(ctx, func(error) { failures.Add(1) }); err != nil {
		t.Fatal(err)
	}
	if failures.Load() == 0 {
		t.Fatal("the outage never reached the service")
	}
	counts, _, _ := db.Counts(ctx)
	if counts[issuer.Final] != 56 {
		t.Fatalf("after the outage: %v", counts)
	}
	seals, err := c.AnchoredBy(ctx, signer.Address())
	if err != nil || len(seals) != 3 {
		t.Fatalf("%d batches anchored (%v), want 3", len(seals), err)
	}
}
