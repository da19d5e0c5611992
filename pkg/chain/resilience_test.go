package chain_test

import (
	"errors"
	"testing"
	"time"

	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/chain/chaintest"
	"github.com/credseal/credseal/pkg/chain/devchain"
	"github.com/credseal/credseal/pkg/seal"
)

// TestOutageIsRetried anchors through an endpoint that fails for a while:
// the client backs off and retries instead of giving up.
func TestOutageIsRetried(t *testing.T) {
	c, proxy, _ := chaintest.BehindProxy(t, chain.TxOptions{Retries: 8})
	h := sealed(t, chain.Genesis(c.Account()), 1, devchain.DefaultMinDifficulty)

	proxy.SetDown(true)
	go func() {
		time.Sleep(1500 * time.Millisecond)
		proxy.SetDown(false)
	}()
	if _, err := c.Anchor(ctx, []seal.Header{h}); err != nil {
		t.Fatalf("anchor through an outage: %v", err)
	}
	if proxy.Failed() < 2 {
		t.Fatalf("the outage was not exercised (%d failed requests)", proxy.Failed())
	}
	if rec, err := c.Batch(ctx, h.Hash()); err != nil || !rec.Anchored {
		t.Fatalf("after the outage: %+v, %v", rec, err)
	}

	// A revert is an answer, not an outage: it is not retried.
	start := time.Now()
	_, err := c.Anchor(ctx, []seal.Header{sealed(t, [32]byte{7}, 2, devchain.DefaultMinDifficulty)})
	if !errors.Is(err, chain.ErrBrokenChain) || time.Since(start) > time.Second {
		t.Fatalf("revert took %s: %v", time.Since(start), err)
	}
}

// TestConfirmationTimeoutThenResume: a transaction that cannot reach its
// confirmations in time reports ErrTimeout; anchoring the same header again
// finds it on chain instead of sending it twice.
func TestConfirmationTimeoutThenResume(t *testing.T) {
	e := chaintest.New(t)
	iss := e.Issuer("Example University", "example.edu")
	impatient := e.Opts
	impatient.Confirmations, impatient.Timeout = 5, 300*time.Millisecond
	slow, err := chain.New(ctx, e.RPC(), e.Registry, iss.Signer, impatient)
	if err != nil {
		t.Fatal(err)
	}
	h := chainOf(t, 1, chain.Genesis(iss.Address), chaintest.MinDifficulty)
	if _, err := slow.Anchor(ctx, h); !errors.Is(err, chain.ErrTimeout) {
		t.Fatalf("got %v, want ErrTimeout", err)
	}
	hint, err := e.Client(iss).Anchor(ctx, h)
	if err != nil {
		t.Fatalf("resume: %v", err)
	}
	if last, _ := e.Client(iss).LastSeal(ctx); last != h[0].Hash() || hint.Tx == [32]byte{} {
		t.Fatalf("resume found %+v, lastSeal %x", hint, last)
	}
}
