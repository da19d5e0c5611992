package boltstore_test

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/issuer/boltstore"
	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/credential"
	"github.com/credseal/credseal/pkg/seal"
)

// instantChain mines every transaction as it is sent and every block is
// final: the benchmark excludes chain waits, which depend on the network
// and block time, not on credseal.
type instantChain struct {
	last  [32]byte
	nonce uint64
	seals map[[32]byte]bool
}

func (c *instantChain) LastSeal(context.Context) ([32]byte, error) { return c.last, nil }
func (c *instantChain) SendAnchor(_ context.Context, hs []seal.Header, keep func(uint64, [32]byte, []byte, int) error) (int, error) {
	if c.seals == nil {
		c.seals = map[[32]byte]bool{}
	}
	if err := keep(c.nonce, sha256.Sum256(binary.AppendUvarint(nil, c.nonce)), nil, len(hs)); err != nil {
		return 0, err
	}
	c.nonce++
	for _, h := range hs {
		c.seals[h.Hash()] = true
	}
	c.last = hs[len(hs)-1].Hash()
	return len(hs), nil
}
func (c *instantChain) Replace(context.Context, []byte, func(uint64, [32]byte, []byte, int) error) error {
	return errors.New("instant chain: nothing to replace")
}
func (c *instantChain) Reprice(context.Context, []byte, func(uint64, [32]byte, []byte, int) error) error {
	return errors.New("instant chain: nothing to reprice")
}
func (c *instantChain) Broadcast(context.Context, []byte) (bool, error) { return false, nil }
func (c *instantChain) Where(context.Context) (uint64, [20]byte, error) {
	return 1337, [20]byte{}, nil
}
func (c *instantChain) Outcome(context.Context, [32]byte) (uint64, bool, bool, error) {
	return 1, true, true, nil
}
func (c *instantChain) MinedNonce(context.Context) (uint64, error)             { return c.nonce, nil }
func (c *instantChain) Final(context.Context, uint64) (bool, error)            { return true, nil }
func (c *instantChain) OwnRevocation(context.Context, [32]byte) (uint8, error) { return 0, nil }
func (c *instantChain) Locate(_ context.Context, s [32]byte) (bundle.Anchor, bool, error) {
	return bundle.Anchor{ChainID: 1337, Block: 1}, c.seals[s], nil
}
func (c *instantChain) RevokeDigest(context.Context, [32]byte, uint8) ([32]byte, error) {
	return [32]byte{}, nil
}

// manyDocs makes n distinct credentials shaped like the sample cohort's.
func manyDocs(tb testing.TB, n int) []*credential.Document {
	base := cohort(tb)
	docs := make([]*credential.Document, n)
	for i := range docs {
		d := *base[i%len(base)]
		d.ID = fmt.Sprintf("urn:uuid:00000000-0000-4000-8000-%012d", i)
		d.Subject.Name = fmt.Sprintf("%s %d", d.Subject.Name, i)
		docs[i] = &d
	}
	return docs
}

// BenchmarkIssue100k issues 100,000 credentials end to end into a bbolt
// file: validation, seeds, salted hashing, claim tokens, storage with the
// duplicate index, batching (one batch of 100,000), sealing at difficulty
// 16 and the state changes up to final, with an instant chain.
func BenchmarkIssue100k(b *testing.B) {
	const n, maxSteps = 100_000, 5
	docs := manyDocs(b, n)
	bits, _ := seal.BitsForDifficulty(issuer.DefaultDifficulty)
	for b.Loop() {
		b.StopTimer()
		db, err := boltstore.Open(filepath.Join(b.TempDir(), "issuer.db"))
		if err != nil {
			b.Fatal(err)
		}
		svc := issuer.NewService(db, &instantChain{}, issuer.Config{BatchSize: n, Bits: bits, TokenKey: []byte("bench")})
		b.StartTimer()
		start := time.Now()
		if _, err := svc.Submit(ctx, docs, false, nil); err != nil {
			b.Fatal(err)
		}
		// Step until final (two steps with the instant chain: the first
		// batches, seals and sends the anchor; the next finds it in a final
		// block), all timed.
		steps, counts := 0, map[issuer.State]int(nil)
		for steps < maxSteps && counts[issuer.Final] != n {
			if _, err := svc.Step(ctx, true); err != nil {
				b.Fatal(err)
			}
			steps++
			if counts, _, err = db.Counts(ctx); err != nil {
				b.Fatal(err)
			}
		}
		elapsed := time.Since(start)
		b.StopTimer()
		if counts[issuer.Final] != n {
			b.Fatalf("after %d steps: counts %v", steps, counts)
		}
		b.ReportMetric(n/elapsed.Seconds(), "credentials/s")
		b.ReportMetric(float64(steps), "steps")
		db.Close()
		b.StartTimer()
	}
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MiB")
	}
}
