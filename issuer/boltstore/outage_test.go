package boltstore_test

import (
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

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
	n, err := devchain.Start(ctx, devchain.Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	proxy := chaintest.NewProxy(t, n.Info.RPCURL)
	ec, _, err := chain.Dial(ctx, proxy.URL, devchain.ChainID)
	if err != nil {
		t.Fatal(err)
	}
	defer ec.Close()
	pass, _ := chain.ReadPassphrase(n.Info.PassphraseFile)
	signer, _ := chain.LoadSigner(n.Info.Keystore, pass)
	// Few retries inside the client: the outage is the service's to ride out.
	c, err := chain.New(ctx, ec, common.HexToAddress(n.Info.Registry), signer, chain.Options{PollInterval: 20 * time.Millisecond, Retries: 1})
	if err != nil {
		t.Fatal(err)
	}
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
	if counts[issuer.Confirmed] != 56 {
		t.Fatalf("after the outage: %v", counts)
	}
	seals, err := c.AnchoredBy(ctx, signer.Address())
	if err != nil || len(seals) != 3 {
		t.Fatalf("%d batches anchored (%v), want 3", len(seals), err)
	}
}
