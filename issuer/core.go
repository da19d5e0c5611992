package issuer

import (
	"context"
	"crypto/rand"
	"fmt"
	"runtime"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/credseal/credseal/internal/energy"
	"github.com/credseal/credseal/pkg/credential"
	"github.com/credseal/credseal/pkg/seal"
)

// The issuing core, shared by `credseal batch` (BuildBatch) and the service
// (intake and the pipeline's steps): validate (validateAll) → seeds →
// field hashes → digests (digestAll) → leaves and tree
// (merkle.LeafHashes, merkle.Build or merkle.Root) → sealed header (sealOn).

// digestChunk is how many credentials one goroutine hashes at a time:
// enough to keep every lane of the multi-buffer SHA-256 busy.
const digestChunk = 256

// inChunks calls f(ctx, lo, hi) for consecutive runs [lo, hi) of n items,
// digestChunk at a time, on workers goroutines (GOMAXPROCS when <= 0),
// and returns the first error; the context f gets ends at that error.
func inChunks(ctx context.Context, n, workers int, f func(ctx context.Context, lo, hi int) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for lo := 0; lo < n; lo += digestChunk {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			return f(gctx, lo, min(lo+digestChunk, n))
		})
	}
	return g.Wait()
}

// hashedDocs are the core's results for a run of documents, by position.
type hashedDocs struct {
	seeds   []credential.Seed
	digests []credential.Hash
}

// digestAll draws a fresh seed for each validated document and computes
// their digests on workers goroutines, many credentials per goroutine and
// several hashes per instruction (credential.Digests). first numbers the
// documents in errors; progress, when set, is told how many are done, from
// any goroutine.
func digestAll(ctx context.Context, docs []*credential.Document, workers, first int, progress func(done int)) (hashedDocs, error) {
	h := hashedDocs{seeds: make([]credential.Seed, len(docs)), digests: make([]credential.Hash, len(docs))}
	raw := make([]byte, len(credential.Seed{})*len(docs))
	if _, err := rand.Read(raw); err != nil {
		return h, fmt.Errorf("credential seeds: %w", err)
	}
	for i := range h.seeds {
		h.seeds[i] = credential.Seed(raw[32*i:])
	}
	var done atomic.Int64
	err := inChunks(ctx, len(docs), workers, func(_ context.Context, lo, hi int) error {
		if err := credential.Digests(docs[lo:hi], h.seeds[lo:hi], h.digests[lo:hi]); err != nil {
			return fmt.Errorf("credentials %d-%d: %w", first+lo, first+hi-1, err)
		}
		if progress != nil {
			progress(int(done.Add(int64(hi - lo))))
		}
		return nil
	})
	if err != nil {
		return h, err
	}
	return h, ctx.Err()
}

// validateAll validates the documents on workers goroutines and reports
// the first invalid one in input order, as a loop would.
func validateAll(ctx context.Context, docs []*credential.Document, workers int) error {
	errs := make([]error, (len(docs)+digestChunk-1)/digestChunk) // the first of each chunk
	err := inChunks(ctx, len(docs), workers, func(ctx context.Context, lo, hi int) error {
		for i := lo; i < hi && ctx.Err() == nil; i++ {
			if err := docs[i].Validate(); err != nil {
				errs[lo/digestChunk] = fmt.Errorf("credential %d (%s): %w", i, docs[i].ID, err)
				return nil // later chunks still run: an earlier one may fail too
			}
		}
		return ctx.Err()
	})
	if err != nil {
		return err
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// sealOn seals the header of a batch with root on prev, the issuer's
// previous seal, and says what that cost.
func sealOn(ctx context.Context, prev, root [32]byte, bits uint32, at time.Time, workers int) (seal.Header, SealCost, error) {
	h := seal.Header{Version: HeaderVersion, Prev: prev, Root: root, Time: uint32(at.Unix()), Bits: bits}
	m := energy.Start()
	h, e, err := seal.SealMeasured(ctx, h, workers)
	joules, source := m.Stop(e.Workers)
	return h, SealCost{Hashes: e.Hashes, Seconds: e.Elapsed.Seconds(), Joules: joules, EnergySource: string(source)}, err
}

// SealCost is what sealing a batch took: the header hashes tried, the
// time, and the energy, measured (RAPL) or estimated (docs/PERFORMANCE.md).
type SealCost struct {
	Hashes       uint64  `json:"hashes"`
	Seconds      float64 `json:"seconds"`
	Joules       float64 `json:"joules"`
	EnergySource string  `json:"energySource,omitempty"` // "rapl" or "estimate"
}

// Plus adds another seal's cost (a batch sealed again).
func (c SealCost) Plus(o SealCost) SealCost {
	src := c.EnergySource
	if src != o.EnergySource && src != "" && o.EnergySource != "" {
		src = string(energy.Estimate) // partly estimated
	} else if src == "" {
		src = o.EnergySource
	}
	return SealCost{Hashes: c.Hashes + o.Hashes, Seconds: c.Seconds + o.Seconds, Joules: c.Joules + o.Joules, EnergySource: src}
}
