package devchain_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/chain/devchain"
	"github.com/credseal/credseal/pkg/chain/keys"
	"github.com/credseal/credseal/pkg/seal"
)

// TestRestartKeepsAnchors anchors on a dev chain, stops it, starts it again
// from the same directory and finds the registry, the developer's key and
// the anchored batch still there.
func TestRestartKeepsAnchors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	n, err := devchain.Start(ctx, devchain.NodeConfig{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	info := n.Info
	if info.ChainID != devchain.ChainID || info.Registry == "" || info.RPCURL == "" {
		t.Fatalf("info %+v", info)
	}
	if _, err := devchain.Start(ctx, devchain.NodeConfig{DataDir: dir}); !errors.Is(err, devchain.ErrLocked) {
		t.Fatalf("second node on the same directory: %v, want ErrLocked", err)
	}
	c := client(t, info)
	h := seal.Header{Version: 1, Prev: chain.Genesis(c.Account()), Root: sha256.Sum256([]byte("batch")), Time: 1_780_000_000}
	h.Bits, _ = seal.BitsForDifficulty(devchain.DefaultMinDifficulty)
	if h, err = seal.Seal(ctx, h, 1); err != nil {
		t.Fatal(err)
	}
	hint, err := c.Anchor(ctx, []seal.Header{h})
	if err != nil {
		n.Close() // before the test's directory goes
		t.Fatal(err)
	}
	if err := n.Close(); err != nil {
		t.Fatal(err)
	}

	n, err = devchain.Start(ctx, devchain.NodeConfig{DataDir: dir})
	if err != nil {
		t.Fatalf("restart: %v", err)
	}
	defer n.Close()
	if n.Info.Registry != info.Registry || n.Info.Developer != info.Developer {
		t.Fatalf("restart changed the setup: %+v, was %+v", n.Info, info)
	}
	c = client(t, n.Info)
	rec, err := c.Batch(ctx, h.Hash())
	if err != nil || !rec.Anchored || rec.Block != hint.Block {
		t.Fatalf("after restart the batch is %+v, %v; anchored in block %d", rec, err, hint.Block)
	}
	if last, _ := c.LastSeal(ctx); last != h.Hash() {
		t.Fatalf("after restart lastSeal is %x", last)
	}
	// The chain still mines on demand after a restart.
	h2 := seal.Header{Version: 1, Prev: h.Hash(), Root: sha256.Sum256([]byte("batch 2")), Time: 1_780_000_100, Bits: h.Bits}
	if h2, err = seal.Seal(ctx, h2, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Anchor(ctx, []seal.Header{h2}); err != nil {
		t.Fatalf("anchor after restart: %v", err)
	}
}

// client is a registry client of the dev chain signing as the developer.
func client(t *testing.T, info devchain.Info) *chain.Client {
	t.Helper()
	return clientOf(t, info, info.Keystore, info.PassphraseFile)
}

// clientOf is a registry client of the dev chain signing with a key.
func clientOf(t *testing.T, info devchain.Info, keystore, passphraseFile string) *chain.Client {
	t.Helper()
	ctx := context.Background()
	ec, err := ethclient.DialContext(ctx, info.RPCURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ec.Close)
	s, err := keys.Load(keystore, passphraseFile)
	if err != nil {
		t.Fatal(err)
	}
	c, err := chain.New(ctx, ec, common.HexToAddress(info.Registry), s, chain.TxOptions{PollInterval: 20e6})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestAccreditIssuer: a new key, funded and accredited by the developer,
// is an active issuer of the registry that can pay for its anchors.
func TestAccreditIssuer(t *testing.T) {
	ctx := context.Background()
	n, err := devchain.Start(ctx, devchain.NodeConfig{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	key, err := keys.New(t.TempDir(), true)
	if err != nil {
		t.Fatal(err)
	}
	if err := devchain.AccreditIssuer(ctx, client(t, n.Info), key.Address, "Université de Lumière", "registrar.example.edu"); err != nil {
		t.Fatal(err)
	}
	iss := clientOf(t, n.Info, key.Keystore, key.PassphraseFile)
	rec, err := iss.Issuer(ctx, key.Address)
	if err != nil || !rec.Registered || !rec.Active || rec.Name != "Université de Lumière" || rec.Domain != "registrar.example.edu" {
		t.Fatalf("issuer record %+v, %v", rec, err)
	}
	if bal, err := iss.Balance(ctx); err != nil || bal.Cmp(devchain.IssuerFunds) != 0 {
		t.Fatalf("issuer balance %v, %v; want %v", bal, err, devchain.IssuerFunds)
	}
	h := seal.Header{Version: 1, Prev: chain.Genesis(key.Address), Root: sha256.Sum256([]byte("first batch")), Time: 1_780_000_000}
	h.Bits, _ = seal.BitsForDifficulty(devchain.DefaultMinDifficulty)
	if h, err = seal.Seal(ctx, h, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := iss.Anchor(ctx, []seal.Header{h}); err != nil {
		t.Fatalf("the accredited issuer anchors: %v", err)
	}
}

// TestPeriodicBlocks: with a period the chain grows without transactions,
// so confirmations accumulate.
func TestPeriodicBlocks(t *testing.T) {
	ctx := context.Background()
	n, err := devchain.Start(ctx, devchain.NodeConfig{DataDir: t.TempDir(), Period: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	ec, err := ethclient.DialContext(ctx, n.Info.RPCURL)
	if err != nil {
		t.Fatal(err)
	}
	defer ec.Close()
	first, err := ec.BlockNumber(ctx)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if now, _ := ec.BlockNumber(ctx); now >= first+2 {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("no new blocks in 10 s with period 1 (head %d)", first)
}
