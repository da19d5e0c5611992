package chain_test

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/core/types"

	"github.com/credseal/credseal/contracts/registry"
	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/chain/chaintest"
)

// TestMempoolCopyOfFirstAnchorReverts plays another accredited issuer that
// copies a victim's first anchor call from the mempool and outbids it. The
// first header's prev is the victim's genesis, which only the victim's
// chain holds, so the copy reverts and the batch is the victim's.
func TestMempoolCopyOfFirstAnchorReverts(t *testing.T) {
	e := chaintest.New(t)
	victim := e.Issuer("Victim University", "victim.example")
	thief := e.Issuer("Thief College", "thief.example")
	vc, tc := e.Client(victim), e.Client(thief)
	h := chainOf(t, 1, chain.Genesis(victim.Address), chaintest.MinDifficulty)[0]
	raw, _ := h.MarshalBinary()

	pool := e.Backend.Client() // not mined until Commit: a real mempool
	vtx, err := chain.SignTx(ctx, vc, registry.NewCredentialRegistry().PackAnchor(raw), 300_000, big.NewInt(1e9))
	if err != nil {
		t.Fatal(err)
	}
	if err := pool.SendTransaction(ctx, vtx); err != nil {
		t.Fatal(err)
	}
	seen, pending, err := pool.TransactionByHash(ctx, vtx.Hash())
	if err != nil || !pending {
		t.Fatalf("the victim's transaction is not pending: %v", err)
	}
	ttx, err := chain.SignTx(ctx, tc, seen.Data(), 300_000, big.NewInt(20e9))
	if err != nil {
		t.Fatal(err)
	}
	if err := pool.SendTransaction(ctx, ttx); err != nil {
		t.Fatal(err)
	}
	e.Backend.Commit()

	rv, err := pool.TransactionReceipt(ctx, vtx.Hash())
	if err != nil {
		t.Fatal(err)
	}
	rt, err := pool.TransactionReceipt(ctx, ttx.Hash())
	if err != nil {
		t.Fatal(err)
	}
	if rt.BlockNumber.Cmp(rv.BlockNumber) != 0 || rt.TransactionIndex > rv.TransactionIndex {
		t.Fatalf("the copy was not mined first (block %v index %d, victim block %v index %d)",
			rt.BlockNumber, rt.TransactionIndex, rv.BlockNumber, rv.TransactionIndex)
	}
	if rt.Status != types.ReceiptStatusFailed {
		t.Fatal("the thief's copy of the victim's first anchor succeeded")
	}
	if rv.Status != types.ReceiptStatusSuccessful {
		t.Fatal("the victim's anchor failed")
	}
	a, found, err := vc.Locate(ctx, h.Hash())
	if err != nil || !found || a.Issuer != victim.Address || a.Tx != vtx.Hash() {
		t.Fatalf("victim's Locate: %+v, found %v, %v", a, found, err)
	}
	if last, _ := tc.LastSeal(ctx); last != chain.Genesis(thief.Address) {
		t.Fatalf("the thief's chain moved to %x", last)
	}
	if last, _ := vc.LastSeal(ctx); last != h.Hash() {
		t.Fatalf("the victim's chain is at %x, want its batch", last)
	}
}

// TestRotateIssuerKey: the owner moves an issuer to a new key, which takes
// over the record and the chain of seals; the old key can neither anchor
// nor revoke, and revocations by either key count for the old batches.
func TestRotateIssuerKey(t *testing.T) {
	e := chaintest.New(t)
	owner := e.Client(e.Owner)
	old, oc, hs := exampleIssuer(t, e, 3)
	if _, err := oc.Anchor(ctx, hs[:2]); err != nil {
		t.Fatal(err)
	}
	d1, d2 := [32]byte{1}, [32]byte{2}
	if _, err := oc.Revoke(ctx, d1, 1); err != nil {
		t.Fatal(err)
	}
	next, third, other := e.Account(), e.Account(), e.Issuer("Other College", "other.example")
	_, err := e.Client(old).RotateIssuerKey(ctx, old.Address, next.Address)
	wantErr(t, err, chain.ErrNotOwner)
	_, err = owner.RotateIssuerKey(ctx, old.Address, other.Address)
	wantErr(t, err, chain.ErrIssuerExists)
	_, err = owner.RotateIssuerKey(ctx, old.Address, [20]byte{})
	wantErr(t, err, chain.ErrZeroAddress)
	if _, err := owner.RotateIssuerKey(ctx, old.Address, next.Address); err != nil {
		t.Fatal(err)
	}
	nc := e.Client(next)

	rec, err := nc.Issuer(ctx, next.Address)
	if err != nil || !rec.Registered || !rec.Active || rec.Name != "Example University" || rec.Domain != "example.edu" ||
		rec.MinDifficulty != chaintest.MinDifficulty || rec.Rotated() || rec.Cutoff != chain.NoCutoff {
		t.Fatalf("new key's record %+v, %v", rec, err)
	}
	if rec, _ := nc.Issuer(ctx, old.Address); !rec.Registered || rec.Active || rec.Successor != next.Address {
		t.Fatalf("old key's record %+v", rec)
	}
	if last, _ := nc.LastSeal(ctx); last != hs[1].Hash() {
		t.Fatalf("the new key's chain is at %x, want the old key's last seal", last)
	}
	if last, _ := oc.LastSeal(ctx); last != ([32]byte{}) {
		t.Fatalf("the rotated key still shows a chain head %x", last)
	}
	_, err = oc.Anchor(ctx, hs[2:])
	wantErr(t, err, chain.ErrKeyRotated)
	_, err = oc.Revoke(ctx, d2, 1)
	wantErr(t, err, chain.ErrKeyRotated)
	_, err = oc.RevokeBatch(ctx, hs[0].Hash(), 1)
	wantErr(t, err, chain.ErrNotBatchIssuer)
	_, err = owner.RotateIssuerKey(ctx, old.Address, third.Address)
	wantErr(t, err, chain.ErrKeyRotated)
	_, err = owner.RegisterIssuer(ctx, old.Address, "Again", "example.edu")
	wantErr(t, err, chain.ErrIssuerExists)

	// The new key extends the chain and finds the old key's batches its own.
	if _, err := nc.Anchor(ctx, hs[2:]); err != nil {
		t.Fatalf("new key extends the chain: %v", err)
	}
	if a, found, err := nc.Locate(ctx, hs[0].Hash()); err != nil || !found || a.Issuer != old.Address {
		t.Fatalf("new key locating the old key's batch: %+v, %v, %v", a, found, err)
	}
	if _, err := nc.Revoke(ctx, d2, 4); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		digest [32]byte
		want   uint8
	}{{d1, 1}, {d2, 4}, {[32]byte{3}, 0}} {
		st, err := nc.Status(ctx, hs[0].Hash(), tc.digest)
		if err != nil || st.CredentialRevokedReason != tc.want || st.IssuerKey != next.Address || st.Batch.Issuer != old.Address ||
			!st.IssuerActive || !st.Stands() {
			t.Fatalf("status of the old batch, digest %x: %+v, %v (want reason %d)", tc.digest[:1], st, err, tc.want)
		}
	}
	// Another rotation: revocations by every key on the way still count.
	if _, err := owner.RotateIssuerKey(ctx, next.Address, third.Address); err != nil {
		t.Fatal(err)
	}
	if k, _ := nc.CurrentKey(ctx, old.Address); k != third.Address {
		t.Fatalf("current key of the first key %x, want the third", k)
	}
	st, _ := nc.Status(ctx, hs[0].Hash(), d2)
	if st.CredentialRevokedReason != 4 || st.IssuerKey != third.Address {
		t.Fatalf("after a second rotation: %+v", st)
	}
	_, err = nc.RevokeBatch(ctx, hs[0].Hash(), 1)
	wantErr(t, err, chain.ErrNotBatchIssuer)
	if _, err := e.Client(third).RevokeBatch(ctx, hs[0].Hash(), 1); err != nil {
		t.Fatalf("the current key revokes the first key's batch: %v", err)
	}
}

// TestDatedSuspension: a suspension from a block voids the issuer's batches
// from that block on and keeps the earlier ones; after a key rotation the
// compromised key's later batches stay void while the new key's count.
func TestDatedSuspension(t *testing.T) {
	e := chaintest.New(t)
	owner := e.Client(e.Owner)
	iss, c, hs := exampleIssuer(t, e, 3)
	before, err := c.Anchor(ctx, hs[:1])
	if err != nil {
		t.Fatal(err)
	}
	after, err := c.Anchor(ctx, hs[1:2]) // say the key leaked before this one
	if err != nil {
		t.Fatal(err)
	}
	if _, err := owner.SuspendIssuer(ctx, iss.Address, after.Block); err != nil {
		t.Fatal(err)
	}
	stands := func(h [32]byte) bool {
		t.Helper()
		st, err := c.Status(ctx, h, [32]byte{})
		if err != nil {
			t.Fatal(err)
		}
		if st.IssuerActive {
			t.Fatal("a suspended issuer reads as active")
		}
		return st.Stands()
	}
	if !stands(hs[0].Hash()) || stands(hs[1].Hash()) {
		t.Fatalf("suspended from block %d: the batch of block %d must stand, the one of block %d not",
			after.Block, before.Block, after.Block)
	}
	_, err = c.Anchor(ctx, hs[2:])
	wantErr(t, err, chain.ErrIssuerNotActive)

	next := e.Account()
	if _, err := owner.RotateIssuerKey(ctx, iss.Address, next.Address); err != nil {
		t.Fatal(err)
	}
	nc := e.Client(next)
	if _, err := nc.Anchor(ctx, hs[2:]); err != nil {
		t.Fatal(err)
	}
	for i, want := range []bool{true, false, true} {
		st, err := nc.Status(ctx, hs[i].Hash(), [32]byte{})
		if err != nil || st.Stands() != want || !st.IssuerActive {
			t.Fatalf("after rotation, batch %d: %+v, %v; want standing %v", i, st, err, want)
		}
	}
	if _, err := owner.SuspendIssuer(ctx, next.Address, 0); err != nil {
		t.Fatal(err)
	}
	for i := range hs {
		if st, _ := nc.Status(ctx, hs[i].Hash(), [32]byte{}); st.Stands() {
			t.Fatalf("suspended from block 0, batch %d still stands", i)
		}
	}
	if _, err := owner.ReinstateIssuer(ctx, next.Address); err != nil {
		t.Fatal(err)
	}
	if st, _ := nc.Status(ctx, hs[2].Hash(), [32]byte{}); !st.Stands() || !st.IssuerActive {
		t.Fatalf("reinstated: %+v", st)
	}
	if st, _ := nc.Status(ctx, hs[1].Hash(), [32]byte{}); st.Stands() {
		t.Fatal("reinstating the new key revived the compromised key's batch")
	}
	if st, err := nc.Status(ctx, [32]byte{9}, [32]byte{}); err != nil || st.Batch.Anchored || st.IssuerActive {
		t.Fatalf("unknown seal: %+v, %v", st, err)
	}
}

// TestStolenKeyCannotRevoke: whoever holds a leaked key may revoke the
// issuer's credentials and batches before the authority reacts; once the
// key is suspended from the block of the leak those revocations no longer
// count, the key can revoke no more, and the cutoff of a key already
// rotated away can still be moved earlier, never later.
func TestStolenKeyCannotRevoke(t *testing.T) {
	e := chaintest.New(t)
	owner := e.Client(e.Owner)
	iss, c, hs := exampleIssuer(t, e, 2)
	if _, err := c.Anchor(ctx, hs); err != nil {
		t.Fatal(err)
	}
	honest, stolen := [32]byte{1}, [32]byte{2}
	if _, err := c.Revoke(ctx, honest, 1); err != nil {
		t.Fatal(err)
	}
	// The key leaks here; the thief revokes a credential and a batch.
	leak, _ := owner.Head(ctx)
	leak++
	if _, err := c.Revoke(ctx, stolen, 3); err != nil {
		t.Fatal(err)
	}
	if _, err := c.RevokeBatch(ctx, hs[0].Hash(), 3); err != nil {
		t.Fatal(err)
	}
	if st, _ := c.Status(ctx, hs[0].Hash(), stolen); st.CredentialRevokedReason != 3 || st.Batch.RevokedReason != 3 {
		t.Fatalf("before the suspension the thief's revocations count, as any would: %+v", st)
	}
	// The authority suspends the key from the leak and rotates the issuer.
	if _, err := owner.SuspendIssuer(ctx, iss.Address, leak); err != nil {
		t.Fatal(err)
	}
	_, err := c.Revoke(ctx, [32]byte{3}, 1)
	wantErr(t, err, chain.ErrIssuerNotActive)
	next := e.Account()
	if _, err := owner.RotateIssuerKey(ctx, iss.Address, next.Address); err != nil {
		t.Fatal(err)
	}
	st, err := c.Status(ctx, hs[0].Hash(), stolen)
	if err != nil || st.CredentialRevokedReason != 0 || st.Batch.RevokedReason != 0 || !st.Stands() {
		t.Fatalf("the thief's revocations still count: %+v, %v", st, err)
	}
	if rec, _ := c.Batch(ctx, hs[0].Hash()); rec.RevokedReason != 0 {
		t.Fatalf("batch() still shows the thief's revocation: %+v", rec)
	}
	if st, _ := c.Status(ctx, hs[0].Hash(), honest); st.CredentialRevokedReason != 1 {
		t.Fatalf("the revocation made before the leak was lost: %+v", st)
	}
	// The new key revokes for real; the batch too.
	nc := e.Client(next)
	if _, err := nc.RevokeBatch(ctx, hs[0].Hash(), 5); err != nil {
		t.Fatal(err)
	}
	if st, _ := c.Status(ctx, hs[0].Hash(), stolen); st.Batch.RevokedReason != 5 {
		t.Fatalf("the new key's batch revocation: %+v", st)
	}
	_, err = nc.RevokeBatch(ctx, hs[0].Hash(), 5)
	wantErr(t, err, chain.ErrAlreadyRevoked)
	// The leak began earlier after all: the rotated key's cutoff moves back.
	_, err = owner.SuspendIssuer(ctx, iss.Address, leak+1)
	wantErr(t, err, chain.ErrCutoffNotEarlier)
	if _, err := owner.SuspendIssuer(ctx, iss.Address, 1); err != nil {
		t.Fatalf("moving a rotated key's cutoff earlier: %v", err)
	}
	if st, _ := c.Status(ctx, hs[1].Hash(), honest); st.Stands() || st.CredentialRevokedReason != 0 {
		t.Fatalf("with the cutoff at block 1 the batch still stands, or the old revocation counts: %+v", st)
	}
	if rec, _ := c.Issuer(ctx, iss.Address); rec.Cutoff != 1 || !rec.Rotated() {
		t.Fatalf("rotated key's record %+v", rec)
	}
}
