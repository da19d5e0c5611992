package issuer

import (
	"context"
	"crypto/rand"
	"fmt"
	"runtime"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/credseal/credseal/pkg/credential"
	"github.com/credseal/credseal/pkg/merkle"
	"github.com/credseal/credseal/pkg/seal"
)

// The issuing core, shared by `credseal batch` (BuildBatch) and the service
// (intake and the pipeline's steps): validate (validateAll) → seeds →
// field hashes → digests (digestAll) → leaves and tree (leavesOf) → sealed
// header (sealOn).

// digestChunk is how many credentials one goroutine hashes at a time:
// enough to keep every lane of the multi-buffer SHA-256 busy.
const digestChunk = 256

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
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	var done atomic.Int64
	for lo := 0; lo < len(docs); lo += digestChunk {
		hi := min(lo+digestChunk, len(docs))
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			if err := credential.Digests(docs[lo:hi], h.seeds[lo:hi], h.digests[lo:hi]); err != nil {
				return fmt.Errorf("credentials %d-%d: %w", first+lo, first+hi-1, err)
			}
			if progress != nil {
				progress(int(done.Add(int64(hi - lo))))
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return h, err
	}
	return h, ctx.Err()
}

// validateAll validates the documents on workers goroutines and reports
// the first invalid one in input order, as a loop would.
func validateAll(ctx context.Context, docs []*credential.Document, workers int) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	chunks := (len(docs) + digestChunk - 1) / digestChunk
	errs := make([]error, chunks) // the first error of each chunk
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for c := range chunks {
		g.Go(func() error {
			for i := c * digestChunk; i < min((c+1)*digestChunk, len(docs)) && gctx.Err() == nil; i++ {
				if err := docs[i].Validate(); err != nil {
					errs[c] = fmt.Errorf("credential %d (%s): %w", i, docs[i].ID, err)
					return nil
				}
			}
			return gctx.Err()
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// leavesOf is the Merkle leaf of each digest.
func leavesOf(digests []credential.Hash) []merkle.Hash { return merkle.LeafHashes(digests) }

// sealOn seals the header of a batch with root on prev, the issuer's
// previous seal.
func sealOn(ctx context.Context, prev, root [32]byte, bits uint32, at time.Time, workers int) (seal.Header, error) {
	h := seal.Header{Version: HeaderVersion, Prev: prev, Root: root, Time: uint32(at.Unix()), Bits: bits}
	return seal.Seal(ctx, h, workers)
}
