package boltstore_test

// Tests of the pipeline under what public chains do: gas caps, stuck
// transactions, reorganisations, hung endpoints, restored backups. Each
// runs the real contract on go-ethereum's simulated backend against a real
// bbolt file; where a test mines by hand it uses chaintest's Manual client.

import (
	"context"
	"errors"
	"math/big"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/node"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/chain/chaintest"
	"github.com/credseal/credseal/pkg/chain/devchain"
	"github.com/credseal/credseal/pkg/seal"
)

// clock is a settable time for the service.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// step runs one pipeline step and fails the test on an error.
func step(t *testing.T, svc *issuer.Service) {
	t.Helper()
	if _, err := svc.Step(ctx, true); err != nil {
		t.Fatalf("step: %v", err)
	}
}

func testBits() uint32 {
	bits, _ := seal.BitsForDifficulty(chaintest.MinDifficulty)
	return bits
}

// TestBacklogAnchorsInChunks: 120 waiting batches do not fit one
// transaction under the node's gas cap ("gas required exceeds allowance").
// The pipeline splits them into transactions that fit, and the whole
// backlog drains, each batch anchored once.
func TestBacklogAnchorsInChunks(t *testing.T) {
	const gasCap = 4_000_000
	env := chaintest.New(t, func(_ *node.Config, ec *ethconfig.Config) { ec.RPCGasCap = gasCap })
	iss := env.Issuer("Université de Lumière", "example.edu")
	c := env.Client(iss)
	db := openDB(t, filepath.Join(t.TempDir(), "issuer.db"))
	svc := issuer.NewService(db, c, issuer.Config{BatchSize: 1, Bits: testBits()})
	if _, err := svc.Submit(ctx, manyDocs(t, 120), false, nil); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := svc.Drain(ctx, func(err error) { t.Logf("step: %v", err) }); err != nil {
		t.Fatal(err)
	}
	batches, _ := db.Batches(ctx, 0, 1000)
	txs := map[[32]byte]int{}
	for _, b := range batches {
		if b.State != issuer.Final {
			t.Fatalf("batch %d is %s", b.Seq, b.State)
		}
		txs[b.Tx]++
	}
	seals, _ := c.AnchoredBy(ctx, iss.Address)
	if len(batches) != 120 || len(seals) != 120 {
		t.Fatalf("%d batches, %d anchors", len(batches), len(seals))
	}
	if len(txs) < 4 {
		t.Fatalf("120 batches went in %d transactions under a %d gas cap", len(txs), gasCap)
	}
	for tx := range txs {
		rcpt, err := env.Backend.Client().TransactionReceipt(ctx, tx)
		if err != nil || rcpt.GasUsed > gasCap || rcpt.Status != types.ReceiptStatusSuccessful {
			t.Fatalf("tx %x: %+v %v", tx, rcpt, err)
		}
	}
}

// cheapFees prices transactions far below the base fee while set, as a
// wallet does from a stale fee estimate before the base fee rises.
type cheapFees struct {
	chain.Backend
	cheap *atomic.Bool
}

func (c cheapFees) HeaderByNumber(ctx context.Context, n *big.Int) (*types.Header, error) {
	h, err := c.Backend.HeaderByNumber(ctx, n)
	if err == nil && n == nil && c.cheap.Load() && h.BaseFee != nil {
		h = types.CopyHeader(h)
		h.BaseFee = big.NewInt(1)
	}
	return h, err
}

func (c cheapFees) SuggestGasTipCap(ctx context.Context) (*big.Int, error) {
	if c.cheap.Load() {
		return big.NewInt(1), nil
	}
	return c.Backend.SuggestGasTipCap(ctx)
}

// TestStuckTransactionReplaced: an anchoring transaction priced under the
// base fee is never mined. Until ReplaceAfter the pipeline sends nothing
// else (no second anchor at a new nonce); then it replaces it at the same
// nonce with higher fees, and the replacement is mined, once.
func TestStuckTransactionReplaced(t *testing.T) {
	env := chaintest.New(t)
	iss := env.Issuer("Université de Lumière", "example.edu")
	var cheap atomic.Bool
	cheap.Store(true)
	c := env.Manual(iss, env.Opts, func(b chain.Backend) chain.Backend { return cheapFees{b, &cheap} })
	db := openDB(t, filepath.Join(t.TempDir(), "issuer.db"))
	clk := newClock()
	svc := issuer.NewService(db, c, issuer.Config{BatchSize: 20, Bits: testBits(), Now: clk.Now, ReplaceAfter: time.Minute})
	if _, err := svc.Submit(ctx, cohort(t)[:40], false, nil); err != nil {
		t.Fatal(err)
	}
	step(t, svc)
	p, _ := db.PendingAnchor(ctx)
	if p == nil || len(p.Hashes) != 1 || p.First != 1 || p.Last != 2 {
		t.Fatalf("transaction in flight: %+v", p)
	}
	for range 3 { // blocks go by; the transaction stays underpriced
		env.Backend.Commit()
		clk.Add(10 * time.Second)
		step(t, svc)
	}
	rpc := env.Backend.Client()
	if n, _ := rpc.PendingNonceAt(ctx, common.Address(iss.Address)); n != p.Nonce+1 {
		t.Fatalf("pending nonce %d: more than the one anchoring transaction at %d was sent", n, p.Nonce)
	}
	if _, mined, _, _ := c.Outcome(ctx, p.Hashes[0]); mined {
		t.Fatal("the underpriced transaction was mined: the test proves nothing")
	}
	cheap.Store(false)
	clk.Add(time.Minute)
	step(t, svc) // replaces
	p2, _ := db.PendingAnchor(ctx)
	if p2 == nil || p2.Nonce != p.Nonce || len(p2.Hashes) != 2 || p2.Replacements != 1 {
		t.Fatalf("after the wait: %+v", p2)
	}
	env.Backend.Commit()
	step(t, svc) // confirms
	if p3, _ := db.PendingAnchor(ctx); p3 != nil {
		t.Fatalf("still in flight: %+v", p3)
	}
	for seq := uint64(1); seq <= 2; seq++ {
		b := mustGet(t, db.Batch, seq)
		if b.State != issuer.Final || b.Tx != p2.Hashes[1] {
			t.Fatalf("batch %d: %s in %x, want final in the replacement %x", seq, b.State, b.Tx, p2.Hashes[1])
		}
	}
	if seals, _ := c.AnchoredBy(ctx, iss.Address); len(seals) != 2 {
		t.Fatalf("%d anchors", len(seals))
	}
	if h := svc.CheckHealth(ctx); h.Replacements != 1 || h.Reverts != 0 {
		t.Fatalf("health %+v", h)
	}
}

// reorg undoes the chain's blocks above keep, then grows it by blocks
// blocks. With drop, the undone transactions are dropped from the pool;
// without, geth puts them back in the pool, as nodes do, to be mined again.
func reorg(t *testing.T, env *chaintest.Env, keep uint64, blocks int, drop bool) {
	t.Helper()
	rpc := env.Backend.Client()
	parent, err := rpc.HeaderByNumber(ctx, new(big.Int).SetUint64(keep))
	if err != nil {
		t.Fatal(err)
	}
	if err := env.Backend.Fork(parent.Hash()); err != nil {
		t.Fatal(err)
	}
	for range blocks {
		if drop {
			env.Backend.Rollback()
		}
		env.Backend.Commit()
	}
	if drop {
		env.Backend.Rollback()
	}
}

// keyNonce is how many transactions of the key are mined.
func keyNonce(t *testing.T, env *chaintest.Env, key [20]byte) uint64 {
	t.Helper()
	n, err := env.Backend.Client().NonceAt(ctx, common.Address(key), nil)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestReorgAfterConfirmed: a batch confirmed in a block that is not yet
// final, then the block is undone. Whether the node drops the anchoring
// transaction or puts it back in its pool, the batch ends final, anchored
// once, and no second anchoring transaction is sent (it would revert): the
// pipeline waits for the one put back rather than send another at the
// next nonce. Bundles wait for finality and carry the final block.
func TestReorgAfterConfirmed(t *testing.T) {
	for _, drop := range []bool{true, false} {
		t.Run(map[bool]string{true: "dropped", false: "put back"}[drop], func(t *testing.T) {
			env := chaintest.New(t)
			iss := env.Issuer("Université de Lumière", "example.edu")
			opts := env.Opts
			opts.Confirmations = 3
			c := env.Manual(iss, opts, nil)
			db := openDB(t, filepath.Join(t.TempDir(), "issuer.db"))
			svc := issuer.NewService(db, c, issuer.Config{BatchSize: 20, Bits: testBits(), RecheckEvery: time.Nanosecond})
			if _, err := svc.Submit(ctx, cohort(t)[:20], false, nil); err != nil {
				t.Fatal(err)
			}
			before, _ := env.Backend.Client().BlockNumber(ctx)
			step(t, svc)
			env.Backend.Commit()
			step(t, svc)
			b := mustGet(t, db.Batch, 1)
			if b.State != issuer.Confirmed || b.Block != before+1 {
				t.Fatalf("batch %s in block %d, want confirmed in %d", b.State, b.Block, before+1)
			}
			if _, err := svc.Bundle(ctx, mustGet(t, db.BySeq, 1)); !errors.Is(err, issuer.ErrNotFinal) {
				t.Fatalf("bundle before finality: %v", err)
			}
			reorg(t, env, before, 0, drop)
			for range 6 {
				svc.Step(ctx, true) // the key may be busy with the transaction put back
				env.Backend.Commit()
			}
			step(t, svc)
			b = mustGet(t, db.Batch, 1)
			if b.State != issuer.Final {
				t.Fatalf("batch %s in block %d", b.State, b.Block)
			}
			bun, err := svc.Bundle(ctx, mustGet(t, db.BySeq, 1))
			if err != nil || bun.Anchor.Block != b.Block {
				t.Fatalf("bundle: %v %+v", err, bun)
			}
			if seals, _ := c.AnchoredBy(ctx, iss.Address); len(seals) != 1 {
				t.Fatalf("%d anchors in the chain", len(seals))
			}
			if n := keyNonce(t, env, iss.Address); n != 1 {
				t.Fatalf("the key has %d mined transactions: a second anchor was sent (and reverted)", n)
			}
			if h := svc.CheckHealth(ctx); h.Reorgs != 1 {
				t.Fatalf("reorgs counted: %d", h.Reorgs)
			}
		})
	}
}

// TestReorgBeforeConfirmed: the anchoring transaction is mined and its
// block undone before any step saw the receipt, and the node forgets the
// transaction. The next step sends the stored transaction again, same
// bytes and nonce; it is mined once and the batch ends final.
func TestReorgBeforeConfirmed(t *testing.T) {
	env := chaintest.New(t)
	iss := env.Issuer("Université de Lumière", "example.edu")
	c := env.Manual(iss, env.Opts, nil)
	db := openDB(t, filepath.Join(t.TempDir(), "issuer.db"))
	svc := issuer.NewService(db, c, issuer.Config{BatchSize: 20, Bits: testBits()})
	if _, err := svc.Submit(ctx, cohort(t)[:20], false, nil); err != nil {
		t.Fatal(err)
	}
	before, _ := env.Backend.Client().BlockNumber(ctx)
	step(t, svc)
	p, _ := db.PendingAnchor(ctx)
	env.Backend.Commit() // mined …
	reorg(t, env, before, 1, true)
	step(t, svc) // … undone and forgotten: sent again
	if b := mustGet(t, db.Batch, 1); b.State != issuer.Submitted {
		t.Fatalf("batch 1 is %s", b.State)
	}
	env.Backend.Commit()
	step(t, svc)
	if b := mustGet(t, db.Batch, 1); b.State != issuer.Final || b.Tx != p.Hashes[0] {
		t.Fatalf("batch 1: %s in %x, want final in %x", b.State, b.Tx, p.Hashes[0])
	}
	if seals, _ := c.AnchoredBy(ctx, iss.Address); len(seals) != 1 || keyNonce(t, env, iss.Address) != 1 {
		t.Fatalf("%d anchors", len(seals))
	}
}

// TestHungEndpoint: the endpoint accepts requests and never answers. A
// step fails within the call deadline instead of hanging (and holding the
// pipeline's lock); once the endpoint answers again everything anchors.
func TestHungEndpoint(t *testing.T) {
	c, proxy, _ := chaintest.BehindProxy(t, chain.TxOptions{CallTimeout: 300 * time.Millisecond, Retries: 1})
	db := openDB(t, filepath.Join(t.TempDir(), "issuer.db"))
	bits, _ := seal.BitsForDifficulty(devchain.DefaultMinDifficulty)
	svc := issuer.NewService(db, c, issuer.Config{BatchSize: 20, Bits: bits})
	docs := cohort(t)
	if _, err := svc.Submit(ctx, docs[:20], false, nil); err != nil {
		t.Fatal(err)
	}
	proxy.SetHung(true)
	start := time.Now()
	if _, err := svc.Step(ctx, true); err == nil {
		t.Fatal("a step against a hung endpoint succeeded")
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Fatalf("the step took %s against a hung endpoint", took)
	}
	// Revocations are not stuck behind it: one of an anchored credential
	// fails within the deadline too.
	proxy.SetHung(false)
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := svc.Drain(ctx, func(err error) { t.Logf("step: %v", err) }); err != nil {
		t.Fatal(err)
	}
	proxy.SetHung(true)
	start = time.Now()
	if _, err := svc.Revoke(ctx, docs[0].ID, 1); err == nil {
		t.Fatal("a revocation against a hung endpoint succeeded")
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Fatalf("the revocation took %s against a hung endpoint", took)
	}
	if _, err := svc.Submit(ctx, docs[20:30], false, nil); err != nil {
		t.Fatal(err)
	}
	proxy.SetHung(false)
	if err := svc.Drain(ctx, func(err error) { t.Logf("step: %v", err) }); err != nil {
		t.Fatal(err)
	}
}

// revokeLost delegates to the chain, but the revocation's receipt never
// arrives: the transaction lands, the caller sees a timeout.
type revokeLost struct{ *chain.Client }

func (r revokeLost) RevokeDigest(ctx context.Context, digest [32]byte, reason uint8) ([32]byte, error) {
	if _, err := r.Client.RevokeDigest(ctx, digest, reason); err != nil {
		return [32]byte{}, err
	}
	return [32]byte{}, chain.ErrTimeout
}

// TestRevocationLandedReceiptLost: a revocation whose transaction landed
// but whose receipt timed out is recognised from the registry and
// recorded, not retried into AlreadyRevoked for ever.
func TestRevocationLandedReceiptLost(t *testing.T) {
	f := newFixture(t, 20)
	docs := cohort(t)[:5]
	f.svc.Submit(ctx, docs, false, nil)
	f.drain(t)
	svc := issuer.NewService(f.db, revokeLost{f.c}, issuer.Config{BatchSize: 20, Bits: testBits()})
	r, err := svc.Revoke(ctx, docs[1].ID, 3)
	if err != nil || r.Revoked != 3 {
		t.Fatalf("revoke with a lost receipt: %+v %v", r, err)
	}
	stored, _ := f.db.Credential(ctx, docs[1].ID)
	if stored.Revoked != 3 || stored.RevokedAt.IsZero() {
		t.Fatalf("stored %d at %s", stored.Revoked, stored.RevokedAt)
	}
	// Revoked by other means (`credseal revoke DIGEST`): recorded from the chain.
	if _, err := f.c.Revoke(ctx, docs[2].Digest(mustGet(t, f.db.BySeq, 3).Seed), 1); err != nil {
		t.Fatal(err)
	}
	if r, err := f.svc.RecordRevocation(ctx, mustGet(t, f.db.BySeq, 3).Digest, [32]byte{1}); err != nil || r.Revoked != 1 {
		t.Fatalf("record revocation: %+v %v", r, err)
	}
	if _, err := f.svc.RecordRevocation(ctx, mustGet(t, f.db.BySeq, 4).Digest, [32]byte{1}); err == nil {
		t.Fatal("recorded a revocation the registry does not hold")
	}
}

// TestRestoredBackupStopsAndRecovers: the database is restored from a
// backup taken after batch 1 was anchored and batch 2 formed (not yet
// sealed); batches 2 and 3 were anchored since. The pipeline stops (the
// chain's head is a seal it does not know) instead of sealing on its stale
// head; recover recognises batch 2 by its root and gives it its anchored
// header (its credentials are recovered), adopts batch 3's seal and reports
// it as unrecoverable, and new credentials are anchored on the chain's head.
func TestRestoredBackupStopsAndRecovers(t *testing.T) {
	f := newFixture(t, 20)
	docs := manyDocs(t, 80)
	f.svc.Submit(ctx, docs[:20], false, nil)
	f.drain(t)
	f.svc.Submit(ctx, docs[20:40], false, nil)
	issuer.NewService(f.db, nil, issuer.Config{BatchSize: 20}).Step(ctx, true) // batch 2 formed
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := f.db.BackupFile(ctx, backup); err != nil {
		t.Fatal(err)
	}
	f.drain(t)
	f.svc.Submit(ctx, docs[40:60], false, nil)
	f.drain(t)
	f.db.Close()

	f.db = openDB(t, backup)
	f.svc = f.service(20)
	if _, err := f.svc.Submit(ctx, docs[60:], false, nil); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Drain(ctx, nil); !errors.Is(err, issuer.ErrDatabaseBehind) {
		t.Fatalf("drain on a restored backup: %v", err)
	}
	if h := f.svc.CheckHealth(ctx); len(h.Problems) == 0 {
		t.Fatalf("health after the stop: %+v", h)
	}
	evs, err := f.c.AnchorsOf(ctx, f.iss.Address, 0)
	if err != nil {
		t.Fatal(err)
	}
	events := make([]issuer.RegistryAnchor, len(evs))
	for i, ev := range evs {
		events[i] = issuer.RegistryAnchor(ev)
	}
	rep, err := f.svc.Recover(ctx, events, f.c.AnchoredHeaders)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Confirmed != 1 || len(rep.Unrecoverable) != 1 || rep.Unrecoverable[0].Seal != evs[2].Seal {
		t.Fatalf("report %+v", rep)
	}
	if b := mustGet(t, f.db.Batch, 2); b.State != issuer.Final || b.Seal() != evs[1].Seal {
		t.Fatalf("batch 2 after recover: %s %x", b.State, b.Seal())
	}
	if _, err := f.svc.Bundle(ctx, mustGet(t, f.db.BySeq, 21)); err != nil {
		t.Fatalf("a recovered credential's bundle: %v", err)
	}
	f.drain(t)
	b := mustGet(t, f.db.Batch, 3) // the restored database's new batch: docs[60:]
	if b.State != issuer.Final || b.Header.Prev != evs[2].Seal {
		t.Fatalf("new batch %s on %x, want on the chain's head %x", b.State, b.Header.Prev, evs[2].Seal)
	}
	if seals, _ := f.c.AnchoredBy(ctx, f.iss.Address); len(seals) != 4 {
		t.Fatalf("%d anchors, want 4 (3 before the restore, 1 after)", len(seals))
	}
}

// TestNewRegistry: the issuer moves to a freshly deployed registry. The
// database's last seal is on the old one; new batches start from the key's
// genesis on the new registry, and the old bundles keep their old anchor.
func TestNewRegistry(t *testing.T) {
	f := newFixture(t, 20)
	docs := manyDocs(t, 40)
	f.svc.Submit(ctx, docs[:20], false, nil)
	f.drain(t)
	addr, _, err := chain.Deploy(ctx, f.env.RPC(), f.env.Owner.Signer, chaintest.MinDifficulty, f.env.Opts)
	if err != nil {
		t.Fatal(err)
	}
	owner, err := chain.New(ctx, f.env.RPC(), addr, f.env.Owner.Signer, f.env.Opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := owner.RegisterIssuer(ctx, f.iss.Address, "Université de Lumière", "example.edu"); err != nil {
		t.Fatal(err)
	}
	moved, err := chain.New(ctx, f.env.RPC(), addr, f.iss.Signer, f.env.Opts)
	if err != nil {
		t.Fatal(err)
	}
	svc := issuer.NewService(f.db, moved, issuer.Config{BatchSize: 20, Bits: testBits()})
	svc.Submit(ctx, docs[20:], false, nil)
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := svc.Drain(ctx, nil); err != nil {
		t.Fatal(err)
	}
	b2 := mustGet(t, f.db.Batch, 2)
	if b2.State != issuer.Final || b2.Header.Prev != chain.Genesis(f.iss.Address) || b2.Registry != addr {
		t.Fatalf("batch 2: %s on %x at %x", b2.State, b2.Header.Prev, b2.Registry)
	}
	if b1 := mustGet(t, f.db.Batch, 1); b1.Registry != f.env.Registry {
		t.Fatalf("batch 1 moved to %x", b1.Registry)
	}
}

// TestHealthDegraded: /healthz's conditions, each from the real registry
// and store. A credential waiting longer than LagLimit, a key whose balance
// pays for too few anchors, a suspended key and seals below the registry's
// minimum difficulty each make the issuer degraded, with the reason.
func TestHealthDegraded(t *testing.T) {
	f := newFixture(t, 20)
	clk := newClock()
	svc := issuer.NewService(f.db, f.c, issuer.Config{BatchSize: 20, Bits: testBits(), Now: clk.Now, LagLimit: time.Hour, MinAnchors: 5})
	if h := svc.CheckHealth(ctx); h.Degraded() || h.AnchorsLeft < 5 {
		t.Fatalf("a fresh issuer: %+v", h)
	}
	svc.Submit(ctx, cohort(t)[:3], false, nil)
	clk.Add(2 * time.Hour)
	if h := svc.CheckHealth(ctx); !hasProblem(h, "waited 2h0m0s") || h.Lag != 2*time.Hour {
		t.Fatalf("a credential waiting 2 h: %+v", h)
	}

	// A key with almost nothing left.
	poor := f.env.Account()
	drain := f.env.Client(poor)
	bal, _ := drain.Balance(ctx)
	cost, _ := drain.AnchorCost(ctx)
	keep := new(big.Int).Mul(cost, big.NewInt(2))
	if _, err := drain.Transfer(ctx, f.env.Owner.Address, new(big.Int).Sub(bal, new(big.Int).Add(keep, big.NewInt(1e16)))); err != nil {
		t.Fatal(err)
	}
	if _, err := f.env.Client(f.env.Owner).RegisterIssuer(ctx, poor.Address, "Poor College", "poor.example"); err != nil {
		t.Fatal(err)
	}
	poorSvc := issuer.NewService(openDB(t, filepath.Join(t.TempDir(), "poor.db")), f.env.Client(poor),
		issuer.Config{Bits: testBits(), MinAnchors: 1000})
	if h := poorSvc.CheckHealth(ctx); !hasProblem(h, "fund it") {
		t.Fatalf("an unfunded key: %+v", h)
	}

	// Seals easier than the registry's minimum for this key.
	easy, _ := seal.BitsForDifficulty(8)
	easySvc := issuer.NewService(f.db, f.c, issuer.Config{Bits: easy})
	if h := easySvc.CheckHealth(ctx); !hasProblem(h, "below the registry's minimum") {
		t.Fatalf("too easy seals: %+v", h)
	}

	// Suspended by the registry's owner.
	head, _ := f.env.RPC().BlockNumber(ctx)
	if _, err := f.env.Client(f.env.Owner).SuspendIssuer(ctx, f.iss.Address, head); err != nil {
		t.Fatal(err)
	}
	fresh := issuer.NewService(f.db, f.c, issuer.Config{Bits: testBits()})
	if h := fresh.CheckHealth(ctx); !hasProblem(h, "does not let this key anchor") {
		t.Fatalf("a suspended key: %+v", h)
	}
}

func hasProblem(h issuer.Health, part string) bool {
	for _, p := range h.Problems {
		if strings.Contains(p, part) {
			return true
		}
	}
	return false
}

// TestAnchorBatchWaitsForFinal: `credseal batch --anchor` (issuer.AnchorBatch)
// returns only once the block holding its header has the client's three
// confirmations, and its bundles then name that block; a second call on
// the anchored batch (a resumed run) finds it without sending again.
func TestAnchorBatchWaitsForFinal(t *testing.T) {
	env := chaintest.New(t)
	iss := env.Issuer("Université de Lumière", "example.edu")
	opts := env.Opts
	opts.Confirmations = 3
	c := env.Manual(iss, opts, nil)
	prev, err := c.LastSeal(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, err := issuer.BuildBatch(ctx, cohort(t)[:5], issuer.BatchOptions{Prev: prev, Bits: testBits()})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- issuer.AnchorBatch(ctx, c, b) }()
	for range 3 { // mined, then two more blocks: three confirmations
		select {
		case err := <-done:
			t.Fatalf("AnchorBatch returned (%v) before the third confirmation", err)
		case <-time.After(500 * time.Millisecond):
		}
		env.Backend.Commit()
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("AnchorBatch did not return after three confirmations")
	}
	a, found, err := c.Locate(ctx, b.Header.Hash())
	if err != nil || !found || b.Anchor == nil || b.Anchor.Block != a.Block {
		t.Fatalf("anchor %+v, registry %+v %v %v", b.Anchor, a, found, err)
	}
	again := *b
	again.Anchor = nil
	if err := issuer.AnchorBatch(ctx, c, &again); err != nil || again.Anchor == nil || again.Anchor.Block != a.Block {
		t.Fatalf("anchoring again: %v, %+v", err, again.Anchor)
	}
	if n := keyNonce(t, env, iss.Address); n != 1 {
		t.Fatalf("the key sent %d transactions, want 1", n)
	}
}
