package boltstore_test

import (
	"context"
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

// instantChain answers at once: the benchmark excludes chain waits, which
// depend on the network and block time, not on credseal.
type instantChain struct{ last [32]byte }

func (c *instantChain) LastSeal(context.Context) ([32]byte, error) { return c.last, nil }
func (c *instantChain) Anchor(_ context.Context, hs []seal.Header) (bundle.Anchor, error) {
	c.last = hs[len(hs)-1].Hash()
	return bundle.Anchor{ChainID: 1337, Block: 1}, nil
}
func (c *instantChain) Locate(context.Context, [32]byte) (bundle.Anchor, bool, error) {
	return bundle.Anchor{}, false, nil
}
func (c *instantChain) RevokeDigest(context.Context, [32]byte, uint8) ([32]byte, error) {
	return [32]byte{}, nil
}

// manyDocs makes n distinct credentials shaped like the sample cohort's.
func manyDocs(b *testing.B, n int) []*credential.Document {
	base := cohort(b)
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
// 16 and the state changes up to confirmed, with an instant chain.
func BenchmarkIssue100k(b *testing.B) {
	const n = 100_000
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
		if _, err := svc.Step(ctx, true); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(n/time.Since(start).Seconds(), "credentials/s")
		b.StopTimer()
		counts, _, _ := db.Counts(ctx)
		if counts[issuer.Confirmed] != n {
			b.Fatalf("counts %v", counts)
		}
		db.Close()
		b.StartTimer()
	}
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MiB")
	}
}
