package chain_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/credseal/credseal/contracts/registry"
	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/chain/chaintest"
	"github.com/credseal/credseal/pkg/chain/devchain"
	"github.com/credseal/credseal/pkg/quorum"
	"github.com/credseal/credseal/pkg/seal"
)

// forgetRevocation is the lie of a provider that hides a revocation: the
// status call's credentialRevokedReason (its sixth word) reads 0.
var forgetRevocation = chaintest.Lie{
	Selector: [4]byte(registry.NewCredentialRegistry().PackStatus([32]byte{}, [32]byte{})),
	Alter: func(out []byte) []byte {
		out = append([]byte(nil), out...)
		if len(out) >= 6*32 {
			out[6*32-1] = 0
		}
		return out
	},
}

// TestQuorumAgainstALiar reads a revoked credential's status through
// several endpoints of one dev chain, one of which hides the revocation:
// two honest endpoints outvote it; with one honest endpoint and a quorum of
// two the read fails naming both answers, never returning the lie; a slow
// endpoint is not waited for when the others agree. Anchoring through the
// quorum works as through one endpoint.
func TestQuorumAgainstALiar(t *testing.T) {
	n := chaintest.StartDevchain(t, t.TempDir())
	honest1, honest2 := chaintest.NewProxy(t, n.Info.RPCURL), chaintest.NewProxy(t, n.Info.RPCURL)
	liar, slow := chaintest.NewProxy(t, n.Info.RPCURL), chaintest.NewProxy(t, n.Info.RPCURL)
	liar.Tell(forgetRevocation)

	dial := func(need int, timeout time.Duration, proxies ...*chaintest.Proxy) *chain.Client {
		t.Helper()
		urls := make([]string, len(proxies))
		for i, p := range proxies {
			urls[i] = p.URL
		}
		e, err := chain.DialEndpoints(ctx, urls, need, devchain.ChainID, timeout)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(e.Close)
		signer, err := n.Signer()
		if err != nil {
			t.Fatal(err)
		}
		c, err := chain.New(ctx, e, common.HexToAddress(n.Info.Registry), signer, chain.TxOptions{PollInterval: 20 * time.Millisecond, Retries: 1})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}

	// The issuer anchors and revokes through two endpoints that must agree.
	issuerSide := dial(2, time.Second, honest1, honest2)
	h := sealed(t, chain.Genesis(issuerSide.Account()), 1, devchain.DefaultMinDifficulty)
	if _, err := issuerSide.Anchor(ctx, []seal.Header{h}); err != nil {
		t.Fatalf("anchor through a quorum: %v", err)
	}
	digest := [32]byte{0xd1}
	if _, err := issuerSide.Revoke(ctx, digest, 3); err != nil {
		t.Fatalf("revoke through a quorum: %v", err)
	}

	outvoted := dial(2, time.Second, honest1, liar, honest2)
	st, err := outvoted.Status(ctx, h.Hash(), digest)
	if err != nil || st.CredentialRevokedReason != 3 {
		t.Fatalf("two honest endpoints and a liar: %+v, %v; want revoked (3)", st, err)
	}

	alone := dial(1, time.Second, liar)
	if st, err := alone.Status(ctx, h.Hash(), digest); err != nil || st.CredentialRevokedReason != 0 {
		t.Fatalf("the liar alone: %+v, %v (the lie must work, or this test proves nothing)", st, err)
	}

	split := dial(2, time.Second, honest1, liar)
	st, err = split.Status(ctx, h.Hash(), digest)
	var d *quorum.DisagreementError
	if !errors.As(err, &d) {
		t.Fatalf("one honest endpoint and a liar, quorum 2: %+v, %v; want a disagreement", st, err)
	}
	for _, want := range []string{honest1.URL + " said", liar.URL + " said", "2 of 2 endpoints must agree"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the disagreement %q does not say %q", err, want)
		}
	}

	// A slow endpoint: not waited for when two others agree, and no answer
	// (a timeout, in the report) when it is needed.
	withSlow := dial(2, 2*time.Second, honest1, slow, honest2)
	needsSlow := dial(2, 500*time.Millisecond, honest1, slow)
	slow.SetDelay(5 * time.Second)
	start := time.Now()
	if st, err := withSlow.Status(ctx, h.Hash(), digest); err != nil || st.CredentialRevokedReason != 3 || time.Since(start) > 2*time.Second {
		t.Fatalf("with a slow endpoint: %+v, %v after %s", st, err, time.Since(start))
	}
	if _, err := needsSlow.Status(ctx, h.Hash(), digest); !errors.Is(err, quorum.ErrDisagreement) || !strings.Contains(err.Error(), slow.URL+" failed") {
		t.Fatalf("quorum needing the slow endpoint: %v; want a disagreement naming it", err)
	}
}
