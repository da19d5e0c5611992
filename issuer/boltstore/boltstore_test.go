package boltstore_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/credseal/credseal/internal/fixtures"
	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/issuer/boltstore"
	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/chain/chaintest"
	"github.com/credseal/credseal/pkg/credential"
	"github.com/credseal/credseal/pkg/merkle"
	"github.com/credseal/credseal/pkg/seal"
)

var ctx = context.Background()

// cohort is the sample cohort.
func cohort(t testing.TB) []*credential.Document { return fixtures.Cohort(t) }

func openDB(t testing.TB, path string) *boltstore.DB {
	t.Helper()
	db, err := boltstore.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

type fixture struct {
	env  *chaintest.Env
	iss  chaintest.Account
	c    *chain.Client
	path string
	db   *boltstore.DB
	svc  *issuer.Service
}

func newFixture(t *testing.T, batchSize int) *fixture {
	t.Helper()
	f := &fixture{env: chaintest.New(t)}
	f.iss = f.env.Issuer("Université de Lumière", "example.edu")
	f.c = f.env.Client(f.iss)
	f.path = filepath.Join(t.TempDir(), "issuer.db")
	f.db = openDB(t, f.path)
	f.svc = f.service(batchSize)
	return f
}

func (f *fixture) service(batchSize int) *issuer.Service {
	return issuer.NewService(f.db, f.c, issuer.Config{BatchSize: batchSize, Bits: testBits(), TokenKey: []byte("test token key")})
}

// batchWithoutChain submits docs and batches them, 20 a batch, with a
// service that has no chain, as a run that stopped before anchoring would;
// it returns the error of that batching step.
func (f *fixture) batchWithoutChain(t *testing.T, docs []*credential.Document) error {
	t.Helper()
	if _, err := f.svc.Submit(ctx, docs, false, nil); err != nil {
		t.Fatal(err)
	}
	_, err := issuer.NewService(f.db, nil, issuer.Config{BatchSize: 20}).Step(ctx, true)
	return err
}

// drain runs the service until every credential is final.
func (f *fixture) drain(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := f.svc.Drain(ctx, func(err error) { t.Logf("step: %v", err) }); err != nil {
		t.Fatal(err)
	}
}

// checkAllConfirmed asserts every credential is final in a batch whose
// seal the registry holds under the issuer, with a proof to the root.
func (f *fixture) checkAllConfirmed(t *testing.T, want int) {
	t.Helper()
	counts, _, err := f.db.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts[issuer.Final] != want || counts[issuer.Pending]+counts[issuer.Batched]+counts[issuer.Sealed]+counts[issuer.Submitted]+counts[issuer.Confirmed] != 0 {
		t.Fatalf("counts %v, want %d final", counts, want)
	}
	batches, _ := f.db.Batches(ctx, 0, 1000)
	prev := chain.Genesis(f.iss.Address)
	for _, b := range batches {
		rec, err := f.c.Batch(ctx, b.Seal())
		if err != nil || !rec.Anchored || rec.Issuer != f.iss.Address || rec.Block != b.Block {
			t.Fatalf("batch %d: chain has %+v, %v; store has block %d", b.Seq, rec, err, b.Block)
		}
		if b.Header.Prev != prev {
			t.Fatalf("batch %d does not extend batch %d", b.Seq, b.Seq-1)
		}
		prev = b.Seal()
	}
	if last, _ := f.c.LastSeal(ctx); last != prev {
		t.Fatalf("chain head %x, store's last seal %x", last, prev)
	}
	for seq := uint64(1); seq <= uint64(want); seq++ {
		r := mustGet(t, f.db.BySeq, seq)
		bun, err := f.svc.Bundle(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		p := bun.Proof
		if err := merkle.VerifyInclusion(merkle.LeafHash(r.Digest[:]), p.LeafIndex, p.TreeSize, p.Path, p.Header.Root); err != nil {
			t.Fatalf("credential %d: %v", seq, err)
		}
		if bun.Anchor == nil || bun.Anchor.Issuer != f.iss.Address || bun.Anchor.Registry != f.env.Registry {
			t.Fatalf("credential %d: anchor %+v", seq, bun.Anchor)
		}
	}
}

func TestPipelineStates(t *testing.T) {
	f := newFixture(t, 20)
	docs := cohort(t)
	res, err := f.svc.Submit(ctx, docs, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != len(docs) || res[0].Seq != 1 || res[0].Duplicate {
		t.Fatalf("submit results %+v", res[:1])
	}
	r, _ := f.db.Credential(ctx, docs[0].ID)
	if r.State != issuer.Pending || r.Batch != 0 {
		t.Fatalf("fresh credential %s in batch %d", r.State, r.Batch)
	}
	// Without flush only full batches form: 56 = 20 + 20 + 16 pending. The
	// step sends one transaction for both and returns; the next confirms.
	if _, err := f.svc.Step(ctx, false); err != nil {
		t.Fatal(err)
	}
	counts, _, _ := f.db.Counts(ctx)
	if counts[issuer.Submitted] != 40 || counts[issuer.Pending] != 16 {
		t.Fatalf("after one step: %v", counts)
	}
	if p, err := f.db.PendingAnchor(ctx); err != nil || p == nil || p.First != 1 || p.Last != 2 {
		t.Fatalf("transaction in flight: %+v %v", p, err)
	}
	if _, err := f.svc.Step(ctx, false); err != nil {
		t.Fatal(err)
	}
	if counts, _, _ = f.db.Counts(ctx); counts[issuer.Final] != 40 {
		t.Fatalf("after two steps: %v", counts)
	}
	f.drain(t)
	f.checkAllConfirmed(t, len(docs))
	r, _ = f.db.Credential(ctx, docs[55].ID)
	if r.State != issuer.Final || r.Batch != 3 {
		t.Fatalf("last credential %s in batch %d", r.State, r.Batch)
	}
	// Every batch keeps what sealing it cost, through the store.
	final, err := f.db.BatchesIn(ctx, issuer.Final)
	if err != nil || len(final) != 3 {
		t.Fatalf("final batches: %d, %v", len(final), err)
	}
	for _, b := range final {
		if c := b.Cost; c.Hashes < uint64(b.Header.Nonce)+1 || c.Joules <= 0 || c.Seconds <= 0 || (c.EnergySource != "rapl" && c.EnergySource != "estimate") {
			t.Errorf("batch %d: seal cost %+v for nonce %d", b.Seq, c, b.Header.Nonce)
		}
	}
	tok := f.svc.ClaimToken(docs[55].ID)
	if byTok, err := f.db.ByToken(ctx, issuer.TokenHash(tok)); err != nil || byTok.ID != docs[55].ID {
		t.Fatalf("by claim token: %v %v", byTok, err)
	}
	if _, err := f.db.ByToken(ctx, issuer.TokenHash(tok+"x")); !errors.Is(err, issuer.ErrNotFound) {
		t.Fatalf("wrong token: %v", err)
	}
}

func TestDuplicateImport(t *testing.T) {
	f := newFixture(t, 100)
	if _, err := f.svc.Submit(ctx, cohort(t), false, nil); err != nil {
		t.Fatal(err)
	}
	again := cohort(t) // same rows, fresh random ids
	res, err := f.svc.Submit(ctx, again, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if !r.Duplicate || r.Existing == "" || r.Existing == again[i].ID {
			t.Fatalf("row %d: %+v", i, r)
		}
	}
	if counts, _, _ := f.db.Counts(ctx); counts[issuer.Pending] != 56 {
		t.Fatalf("re-import added credentials: %v", counts)
	}
	res, err = f.svc.Submit(ctx, again[:3], true, nil)
	if err != nil || res[0].Duplicate {
		t.Fatalf("--allow-duplicates: %+v %v", res, err)
	}
	if counts, _, _ := f.db.Counts(ctx); counts[issuer.Pending] != 59 {
		t.Fatalf("allowed duplicates not added: %v", counts)
	}
}

// TestResumeAfterCrashes replays the crash windows of anchoring: a batch
// marked submitted whose transaction reached the chain, and one whose
// transaction never left. A new service on the same file confirms both,
// anchoring each exactly once.
func TestResumeAfterCrashes(t *testing.T) {
	f := newFixture(t, 20)
	// Batch and seal without a chain step that anchors: a service with no chain
	// batches, then we seal and mark submitted by hand as a crashed run would.
	if err := f.batchWithoutChain(t, cohort(t)[:40]); err != nil {
		t.Fatal(err)
	}
	batches, _ := f.db.BatchesIn(ctx, issuer.Batched)
	if len(batches) != 2 {
		t.Fatalf("%d batches", len(batches))
	}
	prev := chain.Genesis(f.iss.Address)
	for i := range batches {
		leaves, _ := f.db.Leaves(ctx, batches[i].Seq)
		h, err := seal.Seal(ctx, seal.Header{Version: 1, Prev: prev, Root: merkle.Root(leaves), Time: 1_780_000_000, Bits: testBits()}, 1)
		if err != nil {
			t.Fatal(err)
		}
		batches[i].Header, batches[i].State = h, issuer.Submitted
		if err := f.db.UpdateBatch(ctx, batches[i]); err != nil {
			t.Fatal(err)
		}
		prev = h.Hash()
	}
	// The first batch's transaction got out before the crash; the second's did not.
	if _, err := f.c.Anchor(ctx, []seal.Header{batches[0].Header}); err != nil {
		t.Fatal(err)
	}
	f.db.Close()
	f.db = openDB(t, f.path)
	f.svc = f.service(20)
	f.drain(t)
	f.checkAllConfirmed(t, 40)
	names, _ := f.env.Client(chaintest.Account{}).EventNames(ctx, 0)
	anchored := 0
	for _, n := range names {
		if n == "Anchored" {
			anchored++
		}
	}
	if anchored != 2 {
		t.Fatalf("%d Anchored events for 2 batches", anchored)
	}
}

// TestReSealWhenChainMovedOn: the key anchored something else meanwhile
// (`credseal batch --anchor` with the issuer's key). The database does not
// know that seal, so the pipeline stops rather than guess; once recover
// adopts it, the sealed batch is sealed again on it and anchored.
func TestReSealWhenChainMovedOn(t *testing.T) {
	f := newFixture(t, 20)
	f.batchWithoutChain(t, cohort(t)[:20])
	b, _ := f.db.Batch(ctx, 1)
	leaves, _ := f.db.Leaves(ctx, 1)
	bits := testBits()
	genesis := chain.Genesis(f.iss.Address)
	b.Header, _ = seal.Seal(ctx, seal.Header{Version: 1, Prev: genesis, Root: merkle.Root(leaves), Bits: bits}, 1)
	b.State = issuer.Sealed
	f.db.UpdateBatch(ctx, b)
	other, _ := seal.Seal(ctx, seal.Header{Version: 1, Prev: genesis, Root: [32]byte{9}, Bits: bits}, 1)
	if _, err := f.c.Anchor(ctx, []seal.Header{other}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Step(ctx, true); !errors.Is(err, issuer.ErrDatabaseBehind) {
		t.Fatalf("got %v, want ErrDatabaseBehind", err)
	}
	if err := f.svc.Drain(ctx, nil); !errors.Is(err, issuer.ErrDatabaseBehind) {
		t.Fatalf("drain: got %v, want ErrDatabaseBehind at once", err)
	}
	if err := f.db.Adopt(ctx, []issuer.AdoptedSeal{{Seal: other.Hash(), Root: other.Root}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Step(ctx, true); !errors.Is(err, issuer.ErrStaleBatch) {
		t.Fatalf("got %v, want ErrStaleBatch", err)
	}
	f.drain(t)
	b, _ = f.db.Batch(ctx, 1)
	if b.State != issuer.Final || b.Header.Prev != other.Hash() {
		t.Fatalf("batch %s on %x", b.State, b.Header.Prev)
	}
}

func TestChainDownKeepsAccepting(t *testing.T) {
	f := newFixture(t, 10)
	f.env.Backend.Close()
	if _, err := f.svc.Submit(ctx, cohort(t)[:15], false, nil); err != nil {
		t.Fatalf("submit with the chain down: %v", err)
	}
	if _, err := f.svc.Step(ctx, true); err == nil {
		t.Fatal("a step with the chain down reported success")
	}
	counts, _, _ := f.db.Counts(ctx)
	if counts[issuer.Batched] != 15 {
		t.Fatalf("counts %v", counts)
	}
}

func TestRevokeThroughService(t *testing.T) {
	f := newFixture(t, 100)
	docs := cohort(t)[:5]
	f.svc.Submit(ctx, docs, false, nil)
	if _, err := f.svc.Revoke(ctx, docs[0].ID, 1); !errors.Is(err, issuer.ErrNotAnchored) {
		t.Fatalf("revoke before anchoring: %v", err)
	}
	f.drain(t)
	r, err := f.svc.Revoke(ctx, docs[0].ID, 2)
	if err != nil || r.Revoked != 2 || r.RevokeTx == [32]byte{} {
		t.Fatalf("revoke: %+v %v", r, err)
	}
	if _, err := f.svc.Revoke(ctx, docs[0].ID, 2); !errors.Is(err, issuer.ErrAlreadyRevoked) {
		t.Fatalf("second revoke: %v", err)
	}
	st, _ := f.c.Status(ctx, mustGet(t, f.db.Batch, 1).Seal(), r.Digest)
	if st.CredentialRevokedReason != 2 {
		t.Fatalf("chain status %+v", st)
	}
	if _, revoked, _ := f.db.Counts(ctx); revoked != 1 {
		t.Fatalf("revoked count %d", revoked)
	}
}

func TestLockAndBackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "issuer.db")
	db := openDB(t, path)
	if _, err := boltstore.Open(path); !errors.Is(err, boltstore.ErrLocked) {
		t.Fatalf("second open: %v", err)
	}
	svc := issuer.NewService(db, nil, issuer.Config{})
	if _, err := svc.Submit(ctx, cohort(t), false, nil); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "backup.db")
	// A backup whose context has ended (its client left) stops, and leaves
	// no file behind.
	gone, cancel := context.WithCancel(ctx)
	cancel()
	if err := db.BackupFile(gone, backup); !errors.Is(err, context.Canceled) {
		t.Fatalf("backup after its context ended: %v", err)
	}
	if _, err := os.Stat(backup); !os.IsNotExist(err) {
		t.Fatalf("a stopped backup left %s: %v", backup, err)
	}
	if err := db.BackupFile(ctx, backup); err != nil {
		t.Fatal(err)
	}
	copyDB := openDB(t, backup)
	counts, _, err := copyDB.Counts(ctx)
	if err != nil || counts[issuer.Pending] != 56 {
		t.Fatalf("backup counts %v %v", counts, err)
	}
	if _, err := copyDB.Credential(ctx, cohort(t)[0].ID); !errors.Is(err, issuer.ErrNotFound) {
		t.Fatalf("lookup of a never-stored id: %v", err)
	}
}

// lateLocate delegates to the real chain, but its first Locate answers "not
// found": the moment a transaction sent before a crash lands right after the
// service looked.
type lateLocate struct {
	issuer.Chain
	looked bool
}

func (l *lateLocate) Locate(ctx context.Context, s [32]byte) (bundle.Anchor, bool, error) {
	if !l.looked {
		l.looked = true
		return bundle.Anchor{}, false, nil
	}
	return l.Chain.Locate(ctx, s)
}

// TestNoResealWhenOurOwnSealLands: the chain's head turns out to be a batch
// the store still has as submitted; the step must not seal it again (that
// would anchor its credentials twice), and the next step confirms it.
func TestNoResealWhenOurOwnSealLands(t *testing.T) {
	f := newFixture(t, 20)
	f.svc.Submit(ctx, cohort(t)[:20], false, nil)
	issuer.NewService(f.db, nil, issuer.Config{BatchSize: 20}).Step(ctx, true)
	b, _ := f.db.Batch(ctx, 1)
	leaves, _ := f.db.Leaves(ctx, 1)
	bits, _ := seal.BitsForDifficulty(chaintest.MinDifficulty)
	b.Header, _ = seal.Seal(ctx, seal.Header{Version: 1, Prev: chain.Genesis(f.iss.Address), Root: merkle.Root(leaves), Bits: bits}, 1)
	b.State = issuer.Submitted
	f.db.UpdateBatch(ctx, b)
	if _, err := f.c.Anchor(ctx, []seal.Header{b.Header}); err != nil {
		t.Fatal(err)
	}
	svc := issuer.NewService(f.db, &lateLocate{Chain: f.c}, issuer.Config{BatchSize: 20, Bits: bits})
	if _, err := svc.Step(ctx, true); err == nil {
		t.Fatal("the racing step reported success")
	}
	if got, _ := f.db.Batch(ctx, 1); got.Seal() != b.Seal() {
		t.Fatalf("the step sealed an anchored batch again: %s %x", got.State, got.Seal())
	}
	if _, err := svc.Step(ctx, true); err != nil {
		t.Fatal(err)
	}
	got, _ := f.db.Batch(ctx, 1)
	seals, _ := f.c.AnchoredBy(ctx, f.iss.Address)
	if got.State != issuer.Final || got.Seal() != b.Seal() || len(seals) != 1 {
		t.Fatalf("batch 1 is %s with seal %x; %d anchors on chain", got.State, got.Seal(), len(seals))
	}
}

// TestNFCSpellingsAreDuplicates: the same learner typed in NFC and in NFD
// is one credential; the second is reported as a duplicate.
func TestNFCSpellingsAreDuplicates(t *testing.T) {
	f := newFixture(t, 20)
	csv := "name,achievement,validFrom\nZo\u00eb M\u00fcller,Data,2026-01-01\nZoe\u0308 Mu\u0308ller,Data,2026-01-01\n"
	docs, err := issuer.ReadCSV(strings.NewReader(csv), issuer.Institution{Name: "X", URL: "https://x.example"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := f.svc.Submit(ctx, docs, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Duplicate || !res[1].Duplicate || res[1].Existing != docs[0].ID {
		t.Fatalf("results %+v", res)
	}
}
