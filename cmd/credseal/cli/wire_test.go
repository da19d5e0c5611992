package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/credseal/credseal/internal/i18n"
	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/chain/chaintest"
	"github.com/credseal/credseal/pkg/credential"
	"github.com/credseal/credseal/pkg/seal"
	"github.com/credseal/credseal/verifier"
)

// anchoredCohort issues the sample cohort, anchors it on a simulated chain
// as an issuer accredited for domain, and returns the batch, the chain and
// a verifier that trusts its registry.
func anchoredCohort(t testing.TB, domain string) (*issuer.Batch, *chaintest.Env, chaintest.Account, *verifier.Verifier) {
	t.Helper()
	ctx := context.Background()
	env := chaintest.New(t)
	iss := env.Issuer("Université de Lumière", domain)
	c := env.Client(iss)
	docs, err := issuer.ReadCSVFile("../../../testdata/cohort.csv", issuer.Institution{})
	if err != nil {
		t.Fatal(err)
	}
	prev, err := c.LastSeal(ctx)
	if err != nil {
		t.Fatal(err)
	}
	bits, _ := seal.BitsForDifficulty(chaintest.MinDifficulty)
	b, err := issuer.BuildBatch(ctx, docs, issuer.BatchOptions{Prev: prev, Bits: bits})
	if err != nil {
		t.Fatal(err)
	}
	if err := issuer.AnchorBatch(ctx, c, b); err != nil {
		t.Fatal(err)
	}
	v := verifier.New(verifier.Options{Registries: []verifier.Registry{trustedRegistry(env.Client(chaintest.Account{}))},
		Now: func() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) }})
	return b, env, iss, v
}

func mustBundle(t *testing.T, b *issuer.Batch, i int) *bundle.Bundle {
	t.Helper()
	bun, err := b.Bundle(i)
	if err != nil {
		t.Fatal(err)
	}
	return bun
}

func wantCheck(t *testing.T, res *verifier.Result, id string, status verifier.CheckStatus, reason string) {
	t.Helper()
	c, ok := res.Check(id)
	if !ok || c.Status != status || !strings.Contains(c.Reason, reason) {
		t.Fatalf("check %s = %+v, want %s with %q (verdict %s)", id, c, status, reason, res.Verdict)
	}
}

func TestChainChecksOnAnchoredBatch(t *testing.T) {
	b, _, _, v := anchoredCohort(t, "example.edu")
	ctx := context.Background()
	for _, i := range []int{0, 1, len(b.Credentials) - 1} {
		res := v.Verify(ctx, mustBundle(t, b, i))
		if res.Verdict != verifier.Verified {
			t.Fatalf("credential %d: %s %+v", i, res.Verdict, res.Failed())
		}
		wantCheck(t, res, verifier.CheckIssuer, verifier.Pass, "Université de Lumière (example.edu)")
		if res.Technical["block"] == "" || res.Technical["registry"] == "" || res.Technical["tx"] == "" {
			t.Fatalf("technical details %v", res.Technical)
		}
		if res.Credential.AccreditedIssuer != "Université de Lumière" || res.Credential.IssuerDomain != "example.edu" {
			t.Fatalf("issuer shown %+v", res.Credential)
		}
	}
	// The anchor is a hint: without it the trusted registry is still asked.
	bun := mustBundle(t, b, 2)
	bun.Anchor = nil
	if res := v.Verify(ctx, bun); res.Verdict != verifier.Verified {
		t.Fatalf("bundle without anchor hint: %s %+v", res.Verdict, res.Failed())
	}
}

// TestAnchorHintTampered changes each field of the bundle's anchor section:
// every change must fail "anchored" with a reason.
func TestAnchorHintTampered(t *testing.T) {
	b, _, _, v := anchoredCohort(t, "example.edu")
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		change func(a *bundle.Anchor)
		reason string
	}{
		{"chain ID", func(a *bundle.Anchor) { a.ChainID++ }, "does not trust"},
		{"registry", func(a *bundle.Anchor) { a.Registry[19] ^= 1 }, "does not trust"},
		{"issuer", func(a *bundle.Anchor) { a.Issuer[0] ^= 1 }, "contradict"},
		{"block", func(a *bundle.Anchor) { a.Block++ }, "contradict"},
		{"tx", func(a *bundle.Anchor) { a.Tx[5] ^= 1 }, "contradict"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bun := mustBundle(t, b, 3)
			tc.change(bun.Anchor)
			res := v.Verify(ctx, bun)
			wantCheck(t, res, verifier.CheckAnchored, verifier.Fail, tc.reason)
			if res.Verdict != verifier.NotVerified {
				t.Fatalf("verdict %s", res.Verdict)
			}
		})
	}
}

func TestNotAnchoredBatchFails(t *testing.T) {
	_, env, iss, v := anchoredCohort(t, "example.edu")
	ctx := context.Background()
	docs, _ := issuer.ReadCSVFile("../../../testdata/cohort.csv", issuer.Institution{})
	prev, _ := env.Client(iss).LastSeal(ctx)
	bits, _ := seal.BitsForDifficulty(chaintest.MinDifficulty)
	other, err := issuer.BuildBatch(ctx, docs[:5], issuer.BatchOptions{Prev: prev, Bits: bits})
	if err != nil {
		t.Fatal(err)
	}
	res := v.Verify(ctx, mustBundle(t, other, 0))
	wantCheck(t, res, verifier.CheckAnchored, verifier.Fail, "not recorded")
	wantCheck(t, res, verifier.CheckRevocation, verifier.NotChecked, "")
}

func TestRevokedAndSuspended(t *testing.T) {
	b, env, iss, v := anchoredCohort(t, "example.edu")
	ctx := context.Background()
	c := env.Client(iss)
	revoked := mustBundle(t, b, 4)
	if _, err := c.Revoke(ctx, b.Credentials[4].Digest, 3); err != nil {
		t.Fatal(err)
	}
	wantCheck(t, v.Verify(ctx, revoked), verifier.CheckRevocation, verifier.Fail, "obtained by misconduct")
	if res := v.Verify(ctx, mustBundle(t, b, 5)); res.Verdict != verifier.Verified {
		t.Fatalf("a neighbour of the revoked credential: %s %+v", res.Verdict, res.Failed())
	}

	if _, err := env.Client(env.Owner).SuspendIssuer(ctx, iss.Address, 0); err != nil {
		t.Fatal(err)
	}
	wantCheck(t, v.Verify(ctx, mustBundle(t, b, 5)), verifier.CheckIssuer, verifier.Fail, "suspended")
	if _, err := env.Client(env.Owner).ReinstateIssuer(ctx, iss.Address); err != nil {
		t.Fatal(err)
	}

	if _, err := c.RevokeBatch(ctx, b.Header.Hash(), 1); err != nil {
		t.Fatal(err)
	}
	wantCheck(t, v.Verify(ctx, mustBundle(t, b, 5)), verifier.CheckRevocation, verifier.Fail, "whole batch")
}

// TestIssuerDomainMustMatch: an accredited issuer cannot anchor credentials
// that claim to come from another organisation's domain.
func TestIssuerDomainMustMatch(t *testing.T) {
	b, _, _, v := anchoredCohort(t, "other-college.example")
	wantCheck(t, v.Verify(context.Background(), mustBundle(t, b, 0)), verifier.CheckIssuer, verifier.Fail,
		`claims to come from "registrar.example.edu"`)
}

func TestConfirmationsAndUnreachableChain(t *testing.T) {
	b, env, _, _ := anchoredCohort(t, "example.edu")
	ctx := context.Background()
	reg := trustedRegistry(env.Client(chaintest.Account{}))
	deep := verifier.New(verifier.Options{Registries: []verifier.Registry{reg}, MinConfirmations: 50})
	res := deep.Verify(ctx, mustBundle(t, b, 0))
	wantCheck(t, res, verifier.CheckConfirmations, verifier.Pending, "too recent")
	if res.Verdict != verifier.PendingConfirmation {
		t.Fatalf("too few confirmations: verdict %s, want pending", res.Verdict)
	}

	env.Backend.Close()
	res = deep.Verify(ctx, mustBundle(t, b, 0))
	wantCheck(t, res, verifier.CheckAnchored, verifier.NotChecked, "could not be reached")
	if res.Verdict != verifier.Incomplete {
		t.Fatalf("verdict with the chain down: %s", res.Verdict)
	}
}

// countingReader counts the look-ups that reach the chain.
type countingReader struct {
	verifier.RegistryReader
	batches, statuses atomic.Int64
}

func (c *countingReader) Batch(ctx context.Context, s [32]byte) (verifier.RegistryBatch, error) {
	c.batches.Add(1)
	return c.RegistryReader.Batch(ctx, s)
}

func (c *countingReader) Status(ctx context.Context, s, d [32]byte) (verifier.StatusRecord, error) {
	c.statuses.Add(1)
	return c.RegistryReader.Status(ctx, s, d)
}

// countingVerifier is a verifier that trusts env's registry and reads it
// through a cache with opts, and the counter of the look-ups that reach
// the chain behind the cache.
func countingVerifier(env *chaintest.Env, opts verifier.CacheOptions) (*verifier.Verifier, *countingReader) {
	counter := &countingReader{RegistryReader: registryReader{env.Client(chaintest.Account{})}}
	cached := verifier.NewCache(counter, opts)
	reg := trustedRegistry(env.Client(chaintest.Account{}))
	reg.Reader = cached
	return verifier.New(verifier.Options{Registries: []verifier.Registry{reg}}), counter
}

// TestCacheSharesLookups: a burst of verifications of one credential costs
// one batch and one status look-up; statuses expire, batch records do not.
func TestCacheSharesLookups(t *testing.T) {
	b, env, iss, _ := anchoredCohort(t, "registrar.example.edu")
	ctx := context.Background()
	now := time.Now()
	clock := func() time.Time { return now }
	v, counter := countingVerifier(env, verifier.CacheOptions{StatusTTL: 10 * time.Second, Now: clock, FinalDepth: 1})
	bun := mustBundle(t, b, 7)

	var wg sync.WaitGroup
	for range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if res := v.Verify(ctx, bun); res.Verdict != verifier.Verified {
				t.Errorf("verdict %s", res.Verdict)
			}
		}()
	}
	wg.Wait()
	if counter.batches.Load() != 1 || counter.statuses.Load() != 1 {
		t.Fatalf("200 verifications made %d batch and %d status look-ups, want 1 and 1", counter.batches.Load(), counter.statuses.Load())
	}
	// Another credential of the same batch: its status only.
	v.Verify(ctx, mustBundle(t, b, 8))
	if counter.batches.Load() != 1 || counter.statuses.Load() != 2 {
		t.Fatalf("a neighbour made %d batch and %d status look-ups", counter.batches.Load(), counter.statuses.Load())
	}
	// A client cannot choose a cache key: another transaction in the hint,
	// or a bundle that fails an offline check, reads nothing from the chain.
	for i := range 50 {
		forged := bun.Clone()
		forged.Anchor.Tx[0] ^= byte(i + 1)
		wantCheck(t, v.Verify(ctx, forged), verifier.CheckAnchored, verifier.Fail, "contradict")
		broken := bun.Clone()
		broken.Proof.LeafIndex ^= 1
		wantCheck(t, v.Verify(ctx, broken), verifier.CheckAnchored, verifier.NotChecked, "failed a check above")
	}
	if counter.batches.Load() != 1 || counter.statuses.Load() != 2 {
		t.Fatalf("100 hostile requests made %d batch and %d status look-ups, want none more", counter.batches.Load()-1, counter.statuses.Load()-2)
	}

	if _, err := env.Client(iss).Revoke(ctx, b.Credentials[7].Digest, 1); err != nil {
		t.Fatal(err)
	}
	if res := v.Verify(ctx, bun); res.Verdict != verifier.Verified {
		t.Fatalf("within the TTL the cached status should still be used: %s", res.Verdict)
	}
	now = now.Add(11 * time.Second)
	wantCheck(t, v.Verify(ctx, bun), verifier.CheckRevocation, verifier.Fail, "revoked")

	// With the chain gone, an expired status is "not checked", never a pass.
	env.Backend.Close()
	now = now.Add(11 * time.Second)
	res := v.Verify(ctx, mustBundle(t, b, 8))
	wantCheck(t, res, verifier.CheckAnchored, verifier.NotChecked, "could not be reached")
}

// TestDatedSuspensionAndKeyRotation: the issuer's key leaks; the authority
// suspends it from the block of the leak and rotates the issuer to a new
// key. Credentials anchored before the leak still verify, under the
// registry's name; the thief's batch does not; the new key's do, and it
// can revoke the old ones.
func TestDatedSuspensionAndKeyRotation(t *testing.T) {
	b, env, iss, v := anchoredCohort(t, "example.edu")
	ctx := context.Background()
	owner := env.Client(env.Owner)
	docs, _ := issuer.ReadCSVFile("../../../testdata/cohort.csv", issuer.Institution{})
	bits, _ := seal.BitsForDifficulty(chaintest.MinDifficulty)
	thief := env.Client(iss) // holds the leaked key
	stolen, err := issuer.BuildBatch(ctx, docs[:3], issuer.BatchOptions{Prev: b.Header.Hash(), Bits: bits})
	if err != nil {
		t.Fatal(err)
	}
	if err := issuer.AnchorBatch(ctx, thief, stolen); err != nil {
		t.Fatal(err)
	}
	if _, err := owner.SuspendIssuer(ctx, iss.Address, stolen.Anchor.Block); err != nil {
		t.Fatal(err)
	}
	res := v.Verify(ctx, mustBundle(t, b, 0))
	if res.Verdict != verifier.Verified {
		t.Fatalf("a credential anchored before the suspension: %s %+v", res.Verdict, res.Failed())
	}
	wantCheck(t, res, verifier.CheckIssuer, verifier.Pass, "has been suspended since")
	wantCheck(t, v.Verify(ctx, mustBundle(t, stolen, 0)), verifier.CheckIssuer, verifier.Fail, fmt.Sprintf("from block %d on", stolen.Anchor.Block))

	next := env.Account()
	if _, err := owner.RotateIssuerKey(ctx, iss.Address, next.Address); err != nil {
		t.Fatal(err)
	}
	nc := env.Client(next)
	fresh, err := issuer.BuildBatch(ctx, docs[3:6], issuer.BatchOptions{Prev: stolen.Header.Hash(), Bits: bits})
	if err != nil {
		t.Fatal(err)
	}
	if err := issuer.AnchorBatch(ctx, thief, fresh); err == nil {
		t.Fatal("the rotated-away key anchored again")
	}
	if err := issuer.AnchorBatch(ctx, nc, fresh); err != nil {
		t.Fatal(err)
	}
	for name, bun := range map[string]*bundle.Bundle{"before the leak": mustBundle(t, b, 1), "new key": mustBundle(t, fresh, 0)} {
		res := v.Verify(ctx, bun)
		if res.Verdict != verifier.Verified || res.Credential.AccreditedIssuer != "Université de Lumière" {
			t.Fatalf("%s: %s %+v %+v", name, res.Verdict, res.Credential, res.Failed())
		}
	}
	wantCheck(t, v.Verify(ctx, mustBundle(t, stolen, 1)), verifier.CheckIssuer, verifier.Fail, "suspended")
	if _, err := nc.Revoke(ctx, b.Credentials[2].Digest, 5); err != nil {
		t.Fatal(err)
	}
	wantCheck(t, v.Verify(ctx, mustBundle(t, b, 2)), verifier.CheckRevocation, verifier.Fail, "key compromised")
}

// TestIssuerShownIsTheRegistrys: a credential that calls its issuer by
// another name shows the registry's accredited name, the claim beside it.
func TestIssuerShownIsTheRegistrys(t *testing.T) {
	ctx := context.Background()
	env := chaintest.New(t)
	iss := env.Issuer("Université de Lumière", "registrar.example.edu")
	c := env.Client(iss)
	docs, _ := issuer.ReadCSVFile("../../../testdata/cohort.csv", issuer.Institution{})
	d := *docs[0]
	d.Issuer.Name = "Harvard University"
	prev, _ := c.LastSeal(ctx)
	bits, _ := seal.BitsForDifficulty(chaintest.MinDifficulty)
	b, err := issuer.BuildBatch(ctx, []*credential.Document{&d}, issuer.BatchOptions{Prev: prev, Bits: bits})
	if err != nil {
		t.Fatal(err)
	}
	if err := issuer.AnchorBatch(ctx, c, b); err != nil {
		t.Fatal(err)
	}
	v := verifier.New(verifier.Options{Registries: []verifier.Registry{trustedRegistry(env.Client(chaintest.Account{}))}})
	res := v.Verify(ctx, mustBundle(t, b, 0))
	if res.Verdict != verifier.Verified || res.Credential.AccreditedIssuer != "Université de Lumière" || res.Credential.ClaimedIssuer != "Harvard University" {
		t.Fatalf("%s %+v", res.Verdict, res.Credential)
	}
	var out strings.Builder
	printResult(&out, res, i18n.NewPrinter("en"))
	if !strings.Contains(out.String(), "Issuer      Université de Lumière (registrar.example.edu), as the registry accredits it") ||
		!strings.Contains(out.String(), `the credential calls it "Harvard University"`) {
		t.Fatalf("printed:\n%s", out.String())
	}
}

// TestShallowRecordsAreReadAgain: a batch record less than FinalDepth deep
// may yet be reorganised away, so the cache keeps it only for the status
// TTL; once deep enough it is kept for good.
func TestShallowRecordsAreReadAgain(t *testing.T) {
	b, env, _, _ := anchoredCohort(t, "registrar.example.edu")
	ctx := context.Background()
	now := time.Now()
	clock := func() time.Time { return now }
	v, counter := countingVerifier(env, verifier.CacheOptions{StatusTTL: time.Second, Now: clock, FinalDepth: 100})
	for range 3 {
		if res := v.Verify(ctx, mustBundle(t, b, 0)); res.Verdict != verifier.Verified {
			t.Fatalf("verdict %s", res.Verdict)
		}
		now = now.Add(2 * time.Second)
	}
	if n := counter.batches.Load(); n != 3 {
		t.Fatalf("a record 1 block deep (final at 100) was read %d times in 3 TTLs, want 3", n)
	}
}

// TestMadeUpSealsDoNotEvictRecords: home-made bundles (any seal passes the
// offline checks at the easiest difficulty) each cost one look-up, but
// are kept apart from real records, which stay cached.
func TestMadeUpSealsDoNotEvictRecords(t *testing.T) {
	b, env, _, _ := anchoredCohort(t, "registrar.example.edu")
	ctx := context.Background()
	v, counter := countingVerifier(env, verifier.CacheOptions{MaxEntries: 1, MaxMisses: 1, FinalDepth: 1})
	genuine := mustBundle(t, b, 0)
	if res := v.Verify(ctx, genuine); res.Verdict != verifier.Verified {
		t.Fatalf("genuine: %s", res.Verdict)
	}
	docs, _ := issuer.ReadCSVFile("../../../testdata/cohort.csv", issuer.Institution{})
	bits, _ := seal.BitsForDifficulty(0)
	for i := range 5 {
		forged, err := issuer.BuildBatch(ctx, docs[i:i+1], issuer.BatchOptions{Bits: bits})
		if err != nil {
			t.Fatal(err)
		}
		bun := mustBundle(t, forged, 0)
		wantCheck(t, v.Verify(ctx, bun), verifier.CheckAnchored, verifier.Fail, "not recorded")
	}
	before := counter.batches.Load()
	if res := v.Verify(ctx, genuine); res.Verdict != verifier.Verified || counter.batches.Load() != before {
		t.Fatalf("after 5 made-up seals the genuine record was read again (%d reads, verdict %s)", counter.batches.Load()-before, res.Verdict)
	}
}

// TestUnreachableRegistryIsNotChecked: with two trusted registries, one
// that cannot be reached and one that has never heard of the batch, the
// batch may be on the first: "not checked", never "not anchored".
func TestUnreachableRegistryIsNotChecked(t *testing.T) {
	b, _, _, _ := anchoredCohort(t, "registrar.example.edu")
	down := verifier.Registry{ChainID: 1337, Address: [20]byte{0xaa}, Reader: failingReader{errors.New("connection refused")}}
	other := trustedRegistry(chaintest.New(t).Client(chaintest.Account{})) // a registry without the batch
	v := verifier.New(verifier.Options{Registries: []verifier.Registry{down, other}})
	bun := mustBundle(t, b, 0)
	bun.Anchor = nil
	res := v.Verify(context.Background(), bun)
	wantCheck(t, res, verifier.CheckAnchored, verifier.NotChecked, "could not be reached")
	if res.Verdict != verifier.Incomplete {
		t.Fatalf("verdict %s", res.Verdict)
	}
}
