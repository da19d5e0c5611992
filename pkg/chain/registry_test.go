package chain_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"math/big"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/ethclient/gethclient"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/credseal/credseal/contracts/registry"
	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/chain/chaintest"
	"github.com/credseal/credseal/pkg/chain/devchain"
	"github.com/credseal/credseal/pkg/merkle"
	"github.com/credseal/credseal/pkg/seal"
)

var ctx = context.Background()

// sealed returns a header extending prev, sealed at the given difficulty.
func sealed(t testing.TB, prev [32]byte, root byte, difficulty int) seal.Header {
	t.Helper()
	bits, err := seal.BitsForDifficulty(difficulty)
	if err != nil {
		t.Fatal(err)
	}
	h := seal.Header{Version: 1, Prev: prev, Root: sha256.Sum256([]byte{root}), Time: 1_780_000_000, Bits: bits}
	h, err = seal.Seal(ctx, h, 1)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// unsealed returns a header whose nonce does not meet its target.
func unsealed(t testing.TB, prev [32]byte) seal.Header {
	h := sealed(t, prev, 9, chaintest.MinDifficulty+4)
	for h.Sealed() {
		h.Nonce++
	}
	return h
}

func chainOf(t testing.TB, n int, prev [32]byte, difficulty int) []seal.Header {
	hs := make([]seal.Header, n)
	for i := range hs {
		hs[i] = sealed(t, prev, byte(i), difficulty)
		prev = hs[i].Hash()
	}
	return hs
}

func wantErr(t *testing.T, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("got error %v, want %v", err, want)
	}
}

func TestDeployAndOwner(t *testing.T) {
	e := chaintest.New(t)
	c := e.Client(chaintest.Account{})
	if got, err := c.Owner(ctx); err != nil || got != e.Owner.Address {
		t.Fatalf("owner %x, %v; want %x", got, err, e.Owner.Address)
	}
	if got, err := c.MinDifficulty(ctx); err != nil || got != chaintest.MinDifficulty {
		t.Fatalf("minDifficulty %d, %v; want %d", got, err, chaintest.MinDifficulty)
	}
	if _, err := c.RegisterIssuer(ctx, [20]byte{1}, "x", "y"); !errors.Is(err, chain.ErrNoSigner) {
		t.Fatalf("read-only client sent a transaction: %v", err)
	}
}

func TestRegisterIssuer(t *testing.T) {
	e := chaintest.New(t)
	owner := e.Client(e.Owner)
	a := e.Account()
	if _, err := owner.RegisterIssuer(ctx, a.Address, "Example University", "example.edu"); err != nil {
		t.Fatal(err)
	}
	rec, err := owner.Issuer(ctx, a.Address)
	if err != nil {
		t.Fatal(err)
	}
	if !rec.Registered || !rec.Active || rec.Name != "Example University" || rec.Domain != "example.edu" ||
		rec.RegisteredAt == 0 || rec.MinDifficulty != chaintest.MinDifficulty {
		t.Fatalf("issuer record %+v", rec)
	}
	_, err = owner.RegisterIssuer(ctx, a.Address, "Again", "example.edu")
	wantErr(t, err, chain.ErrIssuerExists)
	_, err = owner.RegisterIssuer(ctx, [20]byte{}, "Zero", "example.edu")
	wantErr(t, err, chain.ErrZeroAddress)
	_, err = owner.RegisterIssuer(ctx, [20]byte{7}, "", "example.edu")
	wantErr(t, err, chain.ErrEmptyName)
	_, err = e.Client(a).RegisterIssuer(ctx, [20]byte{8}, "Self-made", "evil.example")
	wantErr(t, err, chain.ErrNotOwner)
	if rec, _ := owner.Issuer(ctx, [20]byte{8}); rec.Registered {
		t.Fatal("a non-owner registered an issuer")
	}
}

func TestAnchorChainsHeaders(t *testing.T) {
	e := chaintest.New(t)
	iss := e.Issuer("Example University", "example.edu")
	c := e.Client(iss)
	if last, err := c.LastSeal(ctx); err != nil || last != chain.Genesis(iss.Address) {
		t.Fatalf("lastSeal before the first batch %x, %v; want the genesis %x", last, err, chain.Genesis(iss.Address))
	}
	hs := chainOf(t, 2, chain.Genesis(iss.Address), chaintest.MinDifficulty)

	first, err := c.Anchor(ctx, hs[:1])
	if err != nil {
		t.Fatal(err)
	}
	if first.ChainID != 1337 || first.Registry != e.Registry || first.Issuer != iss.Address || first.Block == 0 || first.Tx == [32]byte{} {
		t.Fatalf("anchor hint %+v", first)
	}
	rec, err := c.Batch(ctx, hs[0].Hash())
	if err != nil || !rec.Anchored || rec.Issuer != iss.Address || rec.Block != first.Block || rec.Time == 0 || rec.RevokedReason != 0 {
		t.Fatalf("batch record %+v, %v", rec, err)
	}
	if last, _ := c.LastSeal(ctx); last != hs[0].Hash() {
		t.Fatalf("lastSeal %x, want %x", last, hs[0].Hash())
	}
	if _, err := c.Anchor(ctx, hs[1:]); err != nil {
		t.Fatal(err)
	}
	if last, _ := c.LastSeal(ctx); last != hs[1].Hash() {
		t.Fatalf("lastSeal %x after second anchor", last)
	}
	// Anchoring again finds the record instead of sending: same transaction.
	again, err := c.Anchor(ctx, hs[:1])
	if err != nil || again != first {
		t.Fatalf("re-anchor gave %+v, %v; want %+v", again, err, first)
	}
}

func TestAnchorRejects(t *testing.T) {
	e := chaintest.New(t)
	iss := e.Issuer("Example University", "example.edu")
	c := e.Client(iss)
	zero := [32]byte{}
	genesis := chain.Genesis(iss.Address)
	cases := []struct {
		name   string
		header seal.Header
		want   error
	}{
		{"wrong prev", sealed(t, [32]byte{1}, 1, chaintest.MinDifficulty), chain.ErrBrokenChain},
		{"zero prev for the first header", sealed(t, zero, 1, chaintest.MinDifficulty), chain.ErrBrokenChain},
		{"unsealed", unsealed(t, genesis), chain.ErrNotSealed},
		{"bits too easy", sealed(t, genesis, 2, chaintest.MinDifficulty-4), chain.ErrBitsTooEasy},
		{"invalid bits", seal.Header{Version: 1, Prev: genesis, Bits: 0}, chain.ErrInvalidBits},
		{"negative bits", seal.Header{Version: 1, Prev: genesis, Bits: 0x1d800001}, chain.ErrInvalidBits},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.Anchor(ctx, []seal.Header{tc.header})
			wantErr(t, err, tc.want)
		})
	}
	if last, _ := c.LastSeal(ctx); last != genesis {
		t.Fatalf("a rejected header moved the chain head to %x", last)
	}
}

func TestAnchorNeedsActiveIssuer(t *testing.T) {
	e := chaintest.New(t)
	owner := e.Client(e.Owner)
	stranger := e.Account()
	h := chainOf(t, 2, chain.Genesis(stranger.Address), chaintest.MinDifficulty)
	_, err := e.Client(stranger).Anchor(ctx, h[:1])
	wantErr(t, err, chain.ErrUnknownIssuer)

	iss := e.Issuer("Example University", "example.edu")
	h = chainOf(t, 2, chain.Genesis(iss.Address), chaintest.MinDifficulty)
	head, _ := owner.Head(ctx)
	_, err = owner.SuspendIssuer(ctx, iss.Address, head+10)
	wantErr(t, err, chain.ErrSuspensionInFuture)
	if _, err := owner.SuspendIssuer(ctx, iss.Address, 0); err != nil {
		t.Fatal(err)
	}
	_, err = e.Client(iss).Anchor(ctx, h[:1])
	wantErr(t, err, chain.ErrIssuerNotActive)
	_, err = owner.SuspendIssuer(ctx, iss.Address, 0)
	wantErr(t, err, chain.ErrCutoffNotEarlier)
	_, err = e.Client(iss).SuspendIssuer(ctx, iss.Address, 0)
	wantErr(t, err, chain.ErrNotOwner)
	_, err = owner.SuspendIssuer(ctx, stranger.Address, 0)
	wantErr(t, err, chain.ErrUnknownIssuer)

	if _, err := owner.ReinstateIssuer(ctx, iss.Address); err != nil {
		t.Fatal(err)
	}
	_, err = owner.ReinstateIssuer(ctx, iss.Address)
	wantErr(t, err, chain.ErrIssuerAlreadyActive)
	if _, err := e.Client(iss).Anchor(ctx, h); err != nil {
		t.Fatalf("reinstated issuer cannot anchor: %v", err)
	}
}

func TestSealTakenByAnotherIssuer(t *testing.T) {
	e := chaintest.New(t)
	a := e.Issuer("A University", "a.example")
	b := e.Issuer("B College", "b.example")
	h := chainOf(t, 1, chain.Genesis(a.Address), chaintest.MinDifficulty)
	if _, err := e.Client(a).Anchor(ctx, h); err != nil {
		t.Fatal(err)
	}
	_, err := e.Client(b).Anchor(ctx, h)
	wantErr(t, err, chain.ErrAnchoredByOther)
	// Locate reports the seal as someone else's, never as found: a batch
	// of B's must not be confirmed under A's record.
	_, found, err := e.Client(b).Locate(ctx, h[0].Hash())
	if found || !errors.Is(err, chain.ErrAnchoredByOther) {
		t.Fatalf("Locate of A's seal by B: found %v, %v", found, err)
	}
	// The contract refuses the copy even when sent raw.
	raw, _ := h[0].MarshalBinary()
	_, err = chain.AnchorRaw(ctx, e.Client(b), raw)
	wantErr(t, err, chain.ErrBrokenChain)
}

func TestAnchorManyInOrder(t *testing.T) {
	e := chaintest.New(t)
	_, c, hs := exampleIssuer(t, e, 5)

	swapped := []seal.Header{hs[1], hs[0]}
	_, err := c.Anchor(ctx, swapped)
	wantErr(t, err, chain.ErrBrokenChain)

	hint, err := c.Anchor(ctx, hs[:3])
	if err != nil {
		t.Fatal(err)
	}
	for i, h := range hs[:3] {
		rec, err := c.Batch(ctx, h.Hash())
		if err != nil || !rec.Anchored || rec.Block != hint.Block {
			t.Fatalf("header %d: %+v, %v", i, rec, err)
		}
	}
	// A batch list that overlaps what is on chain sends only the rest.
	if _, err := c.Anchor(ctx, hs); err != nil {
		t.Fatal(err)
	}
	if last, _ := c.LastSeal(ctx); last != hs[4].Hash() {
		t.Fatalf("lastSeal %x, want %x", last, hs[4].Hash())
	}
}

// TestAnchorBitcoinHeaders runs real mainnet blocks 0, 1 and 2 through the
// contract's anchorMany: its seal check is Bitcoin's proof-of-work rule.
// Block 0 extends nothing, while every issuer's chain starts at its own
// genesis, so the call is made on the dev chain with the issuer's chain
// head overridden to zero (eth_call's state override), which also pins
// where the head lives in storage.
func TestAnchorBitcoinHeaders(t *testing.T) {
	var vec struct {
		Headers []struct {
			Height int    `json:"height"`
			Header string `json:"header"`
		} `json:"headers"`
	}
	raw, err := os.ReadFile("../../testdata/bitcoin-headers.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &vec); err != nil {
		t.Fatal(err)
	}
	var blocks []byte
	var last seal.Header
	for _, v := range vec.Headers[:3] {
		b, _ := hex.DecodeString(v.Header)
		if last, err = seal.ParseHeader(b); err != nil {
			t.Fatal(err)
		}
		blocks = append(blocks, b...)
	}
	n, err := devchain.Start(ctx, devchain.NodeConfig{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	rc, err := rpc.Dial(n.Info.RPCURL)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	reg, dev := common.HexToAddress(n.Info.Registry), common.HexToAddress(n.Info.Developer)

	// issuers is the third slot: issuers[dev].state is keccak256(dev ‖ 2).
	slot := crypto.Keccak256Hash(common.LeftPadBytes(dev[:], 32), common.LeftPadBytes([]byte{2}, 32))
	word, err := ethclient.NewClient(rc).StorageAt(ctx, reg, slot, nil)
	if err != nil {
		t.Fatal(err)
	}
	genesis := chain.Genesis(dev)
	flags := byte(0x80 | devchain.DefaultMinDifficulty)
	if !bytes.Equal(word[:31], genesis[:31]) || word[31] != flags {
		t.Fatalf("issuer state word %x, want genesis %x with flags %02x", word, genesis, flags)
	}
	headZero := map[common.Address]gethclient.OverrideAccount{reg: {StateDiff: map[common.Hash]common.Hash{slot: common.BigToHash(big.NewInt(int64(flags)))}}}
	call := func(headers []byte) error {
		data := registry.NewCredentialRegistry().PackAnchorMany(headers)
		_, err := gethclient.New(rc).CallContract(ctx, ethereum.CallMsg{From: dev, To: &reg, Data: data}, nil, &headZero)
		return err
	}
	if err := call(blocks); err != nil {
		t.Fatalf("anchorMany of Bitcoin blocks 0-2: %v", err)
	}
	tampered := last
	tampered.Time++
	tb, _ := tampered.MarshalBinary()
	err = call(append(blocks[:160:160], tb...))
	notSealed := registry.NewCredentialRegistry().GetABI().Errors["NotSealed"].ID
	if data, ok := ethclient.RevertErrorData(err); !ok || len(data) < 4 || !bytes.Equal(data[:4], notSealed[:4]) {
		t.Fatalf("block 2 with its time changed: %v, want NotSealed", err)
	}
}

func TestRevoke(t *testing.T) {
	e := chaintest.New(t)
	a := e.Issuer("A University", "a.example")
	b := e.Issuer("B College", "b.example")
	ca, cb := e.Client(a), e.Client(b)
	h := chainOf(t, 1, chain.Genesis(a.Address), chaintest.MinDifficulty)
	if _, err := ca.Anchor(ctx, h); err != nil {
		t.Fatal(err)
	}
	digest := sha256.Sum256([]byte("credential"))
	s := h[0].Hash()

	if st, err := ca.Status(ctx, s, digest); err != nil || st.CredentialRevokedReason != 0 || st.Batch.RevokedReason != 0 || !st.IssuerActive {
		t.Fatalf("status before revocation %+v, %v", st, err)
	}
	_, err := ca.Revoke(ctx, digest, 0)
	wantErr(t, err, chain.ErrInvalidReason)
	if _, err := ca.Revoke(ctx, digest, 3); err != nil {
		t.Fatal(err)
	}
	_, err = ca.Revoke(ctx, digest, 3)
	wantErr(t, err, chain.ErrAlreadyRevoked)
	rv, err := ca.IsRevoked(ctx, a.Address, digest)
	if err != nil || !rv.Revoked || rv.Reason != 3 || rv.Block == 0 {
		t.Fatalf("isRevoked %+v, %v", rv, err)
	}
	// Another issuer's revocation is recorded under its own name only.
	other := sha256.Sum256([]byte("other"))
	if _, err := cb.Revoke(ctx, other, 1); err != nil {
		t.Fatal(err)
	}
	if st, _ := ca.Status(ctx, s, other); st.CredentialRevokedReason != 0 {
		t.Fatal("B's revocation counted against A's batch")
	}
	if st, _ := ca.Status(ctx, s, digest); st.CredentialRevokedReason != 3 {
		t.Fatalf("status reason %d, want 3", st.CredentialRevokedReason)
	}
	_, err = e.Client(e.Account()).Revoke(ctx, digest, 1)
	wantErr(t, err, chain.ErrUnknownIssuer)

	_, err = cb.RevokeBatch(ctx, s, 2)
	wantErr(t, err, chain.ErrNotBatchIssuer)
	_, err = ca.RevokeBatch(ctx, [32]byte{9}, 2)
	wantErr(t, err, chain.ErrUnknownBatch)
	_, err = ca.RevokeBatch(ctx, s, 0)
	wantErr(t, err, chain.ErrInvalidReason)
	if _, err := ca.RevokeBatch(ctx, s, 2); err != nil {
		t.Fatal(err)
	}
	_, err = ca.RevokeBatch(ctx, s, 2)
	wantErr(t, err, chain.ErrAlreadyRevoked)
	rec, _ := ca.Batch(ctx, s)
	if rec.RevokedReason != 2 || rec.Issuer != a.Address || !rec.Anchored {
		t.Fatalf("batch after revocation %+v", rec)
	}
}

func TestOwnership(t *testing.T) {
	e := chaintest.New(t)
	owner := e.Client(e.Owner)
	next := e.Account()
	stranger := e.Account()
	_, err := owner.TransferOwnership(ctx, [20]byte{})
	wantErr(t, err, chain.ErrZeroAddress)
	_, err = e.Client(stranger).TransferOwnership(ctx, stranger.Address)
	wantErr(t, err, chain.ErrNotOwner)
	if _, err := owner.TransferOwnership(ctx, next.Address); err != nil {
		t.Fatal(err)
	}
	_, err = e.Client(stranger).AcceptOwnership(ctx)
	wantErr(t, err, chain.ErrNotPendingOwner)
	if _, err := e.Client(next).AcceptOwnership(ctx); err != nil {
		t.Fatal(err)
	}
	if got, _ := owner.Owner(ctx); got != next.Address {
		t.Fatalf("owner %x, want %x", got, next.Address)
	}
	_, err = owner.RegisterIssuer(ctx, stranger.Address, "Old owner's pick", "x.example")
	wantErr(t, err, chain.ErrNotOwner)

	// Minimum difficulty: only the owner, only 8..127; the default applies
	// to new issuers, and the owner can raise or lower one issuer's.
	harder := uint8(chaintest.MinDifficulty + 4)
	_, err = owner.SetMinDifficulty(ctx, harder)
	wantErr(t, err, chain.ErrNotOwner)
	for _, d := range []uint8{0, 7, 128, 255} {
		_, err = e.Client(next).SetMinDifficulty(ctx, d)
		wantErr(t, err, chain.ErrInvalidDifficulty)
	}
	if _, err := e.Client(next).SetMinDifficulty(ctx, harder); err != nil {
		t.Fatal(err)
	}
	iss := e.Account()
	if _, err := e.Client(next).RegisterIssuer(ctx, iss.Address, "Example University", "example.edu"); err != nil {
		t.Fatal(err)
	}
	easy := chainOf(t, 1, chain.Genesis(iss.Address), chaintest.MinDifficulty)
	_, err = e.Client(iss).Anchor(ctx, easy)
	wantErr(t, err, chain.ErrBitsTooEasy)
	_, err = owner.SetIssuerMinDifficulty(ctx, iss.Address, chaintest.MinDifficulty)
	wantErr(t, err, chain.ErrNotOwner)
	_, err = e.Client(next).SetIssuerMinDifficulty(ctx, stranger.Address, chaintest.MinDifficulty)
	wantErr(t, err, chain.ErrUnknownIssuer)
	if _, err := e.Client(next).SetIssuerMinDifficulty(ctx, iss.Address, chaintest.MinDifficulty); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Client(iss).Anchor(ctx, easy); err != nil {
		t.Fatalf("anchor after lowering the issuer's minimum: %v", err)
	}
}

// TestVerifyInclusionAgreesWithMerkle checks the contract's pure
// verifyInclusion against pkg/merkle on random trees of 1..300 leaves: true
// for real paths, false for a flipped bit, a wrong index or a wrong size.
func TestVerifyInclusionAgreesWithMerkle(t *testing.T) {
	e := chaintest.New(t)
	c := e.Client(chaintest.Account{})
	rng := rand.New(rand.NewPCG(1, 2))
	maxSize := 300
	if testing.Short() {
		maxSize = 40
	}
	for size := 1; size <= maxSize; size++ {
		leaves := make([]merkle.Hash, size)
		for i := range leaves {
			var d [32]byte
			for j := range d {
				d[j] = byte(rng.Uint32())
			}
			leaves[i] = merkle.LeafHash(d[:])
		}
		tree := merkle.Build(leaves)
		root := tree.Root()
		for _, idx := range []uint64{0, uint64(size - 1), uint64(rng.IntN(size))} {
			path, err := tree.Proof(idx)
			if err != nil {
				t.Fatal(err)
			}
			check := func(what string, leaf merkle.Hash, index, n uint64, p []merkle.Hash) {
				t.Helper()
				got, err := c.VerifyInclusion(ctx, leaf, index, n, p, root)
				if err != nil {
					t.Fatal(err)
				}
				want := merkle.VerifyInclusion(leaf, index, n, p, root) == nil
				if got != want {
					t.Fatalf("size %d index %d (%s): contract says %v, pkg/merkle %v", size, idx, what, got, want)
				}
			}
			check("real path", leaves[idx], idx, uint64(size), path)
			if !mustVerify(t, c, leaves[idx], idx, uint64(size), path, root) {
				t.Fatalf("size %d index %d: contract rejects a real path", size, idx)
			}
			if len(path) > 0 {
				bad := append([]merkle.Hash(nil), path...)
				bad[rng.IntN(len(bad))][rng.IntN(32)] ^= 1 << rng.IntN(8)
				check("flipped bit", leaves[idx], idx, uint64(size), bad)
			}
			check("next index", leaves[idx], idx+1, uint64(size), path)
			check("bigger tree", leaves[idx], idx, uint64(size+1), path)
			check("index = size", leaves[idx], uint64(size), uint64(size), path)
		}
	}
}

func mustVerify(t *testing.T, c *chain.Client, leaf merkle.Hash, i, n uint64, p []merkle.Hash, root merkle.Hash) bool {
	ok, err := c.VerifyInclusion(ctx, leaf, i, n, p, root)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

func TestEventsForEveryChange(t *testing.T) {
	e := chaintest.New(t)
	owner := e.Client(e.Owner)
	iss, c, hs := exampleIssuer(t, e, 1)
	next := e.Account()
	steps := []func() (*chain.Receipt, error){
		func() (*chain.Receipt, error) { _, err := c.Anchor(ctx, hs); return nil, err },
		func() (*chain.Receipt, error) { return c.Revoke(ctx, [32]byte{1}, 1) },
		func() (*chain.Receipt, error) { return c.RevokeBatch(ctx, hs[0].Hash(), 1) },
		func() (*chain.Receipt, error) { return owner.SuspendIssuer(ctx, iss.Address, 0) },
		func() (*chain.Receipt, error) { return owner.ReinstateIssuer(ctx, iss.Address) },
		func() (*chain.Receipt, error) { return owner.RotateIssuerKey(ctx, iss.Address, next.Address) },
		func() (*chain.Receipt, error) { return owner.SetMinDifficulty(ctx, 16) },
		func() (*chain.Receipt, error) { return owner.SetIssuerMinDifficulty(ctx, next.Address, 16) },
		func() (*chain.Receipt, error) { return owner.TransferOwnership(ctx, iss.Address) },
		func() (*chain.Receipt, error) { return c.AcceptOwnership(ctx) },
	}
	for i, step := range steps {
		if _, err := step(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	got, err := e.Client(chaintest.Account{}).EventNames(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"OwnershipTransferred", "MinDifficultyChanged", "IssuerRegistered", "Anchored", "CredentialRevoked",
		"BatchRevoked", "IssuerSuspended", "IssuerReinstated", "IssuerKeyRotated", "MinDifficultyChanged", "MinDifficultyChanged",
		"OwnershipTransferStarted", "OwnershipTransferred"}
	if !equal(got, want) {
		t.Fatalf("events\n got %v\nwant %v", got, want)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestRegistryTargetMatchesSeal compares the contract's compact-target
// decoding with pkg/seal's on Bitcoin's edge cases and random bits.
func TestRegistryTargetMatchesSeal(t *testing.T) {
	e := chaintest.New(t)
	c := e.Client(chaintest.Account{})
	bits := []uint32{0x1d00ffff, 0x1b04864c, 0x170331db, 0x207fffff, 0x03123456, 0x02008000, 0x01003456,
		0x04923456, 0x00000000, 0x01803456, 0x22000001, 0x23000001, 0x21010000, 0x22010000, 0x20ffffff, 0x05009234}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		bits = append(bits, rng.Uint32()&0x23ffffff)
	}
	for _, b := range bits {
		want, werr := seal.Target(b)
		got, gerr := c.Target(ctx, b)
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("bits %08x: pkg/seal err %v, contract err %v", b, werr, gerr)
		}
		if werr == nil && got.Cmp(want) != 0 {
			t.Fatalf("bits %08x: contract %x, pkg/seal %x", b, got, want)
		}
		if gerr != nil && !errors.Is(gerr, chain.ErrInvalidBits) {
			t.Fatalf("bits %08x: %v", b, gerr)
		}
	}
}

func TestHeaderLengthRejected(t *testing.T) {
	e := chaintest.New(t)
	_, c, h := exampleIssuer(t, e, 2)
	good, _ := h[0].MarshalBinary()
	two := append(append([]byte(nil), good...), mustBytes(h[1])...)
	for _, tc := range []struct {
		name string
		send func() (*chain.Receipt, error)
	}{
		{"anchor 79 bytes", func() (*chain.Receipt, error) { return chain.AnchorRaw(ctx, c, good[:79]) }},
		{"anchor 81 bytes", func() (*chain.Receipt, error) { return chain.AnchorRaw(ctx, c, append(good, 0)) }},
		{"anchorMany 0 bytes", func() (*chain.Receipt, error) { return chain.AnchorManyRaw(ctx, c, nil) }},
		{"anchorMany 161 bytes", func() (*chain.Receipt, error) { return chain.AnchorManyRaw(ctx, c, append(two, 0)) }},
		{"anchorMany 159 bytes", func() (*chain.Receipt, error) { return chain.AnchorManyRaw(ctx, c, two[:159]) }},
	} {
		_, err := tc.send()
		if !errors.Is(err, chain.ErrBadHeaderLength) {
			t.Errorf("%s: got %v, want BadHeaderLength", tc.name, err)
		}
	}
	if _, err := chain.AnchorManyRaw(ctx, c, two); err != nil {
		t.Fatalf("two concatenated headers: %v", err)
	}
	// The contract itself refuses a header again, from its own issuer or
	// any other (whose chain it does not extend).
	_, err := chain.AnchorRaw(ctx, c, good)
	wantErr(t, err, chain.ErrBrokenChain)
	other := e.Client(e.Issuer("B College", "b.example"))
	_, err = chain.AnchorRaw(ctx, other, good)
	wantErr(t, err, chain.ErrBrokenChain)
}

func mustBytes(h seal.Header) []byte {
	b, _ := h.MarshalBinary()
	return b
}
