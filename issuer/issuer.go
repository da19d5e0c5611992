// Package issuer turns a registrar's records into sealed batches of
// credentials: intake (validate, assign ids, derive seeds), hashing, the
// Merkle batch, the proof-of-work seal, and the bundles learners receive.
//
// It depends on the credseal formats only (pkg/...). Storage, chains and
// HTTP will be adapters in their own packages that meet this one through
// small interfaces declared here; it never imports them.
package issuer

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/credential"
	"github.com/credseal/credseal/pkg/merkle"
	"github.com/credseal/credseal/pkg/seal"
)

// HeaderVersion is the version field of every batch header credseal seals.
const HeaderVersion = 1

// DefaultDifficulty makes sealing take about 2^16 hashes: milliseconds.
const DefaultDifficulty = 16

// ErrEmptyBatch is returned when a batch would hold no credentials.
var ErrEmptyBatch = errors.New("issuer: a batch needs at least one credential")

// Issued is one credential of a batch with the secret that salts it.
type Issued struct {
	Document *credential.Document
	// JSON is the document exactly as it was hashed, when it was stored:
	// a credential issued before the current version keeps its own form.
	// Nil means Document.JSON().
	JSON    []byte
	Seed    credential.Seed
	Digest  credential.Hash
	Version credential.Version // of the digest
}

// documentJSON is the document as it was hashed.
func (c *Issued) documentJSON() ([]byte, error) {
	if c.JSON != nil {
		return c.JSON, nil
	}
	return c.Document.JSON()
}

// Batch is a sealed batch: its credentials in leaf order, their tree and
// header, and where it was anchored (nil until it is).
type Batch struct {
	Credentials []Issued
	Tree        *merkle.Tree
	Header      seal.Header
	Anchor      *bundle.Anchor
}

// Anchorer records sealed batch headers on a chain, in the issuer's chain
// order. The chain adapter (pkg/chain) implements it.
type Anchorer interface {
	// LastSeal is the issuer's last anchored seal: the Prev of its next batch.
	LastSeal(ctx context.Context) ([32]byte, error)
	// Anchor records the headers in order, skipping those already recorded,
	// and returns where the last one is.
	Anchor(ctx context.Context, headers []seal.Header) (bundle.Anchor, error)
}

// ErrStaleBatch is returned when a batch no longer extends the issuer's
// chain: another batch was anchored since it was sealed.
var ErrStaleBatch = errors.New("issuer: batch does not extend the issuer's last anchored seal")

// Locator finds where the issuer anchored a seal; found is false when the
// registry does not have it. The chain adapter (pkg/chain) implements it.
type Locator interface {
	Locate(ctx context.Context, seal [32]byte) (a bundle.Anchor, found bool, err error)
}

// AnchorBatch anchors a sealed batch and records where, so its bundles carry
// the anchor hint. The batch must have been sealed on the issuer's last seal.
// It is idempotent: a batch the issuer already anchored (a run interrupted
// after sending) is not sent again, only located; when the chain has moved
// past it, a needs to be a Locator too.
func AnchorBatch(ctx context.Context, a Anchorer, b *Batch) error {
	last, err := a.LastSeal(ctx)
	if err != nil {
		return fmt.Errorf("anchor batch: %w", err)
	}
	s := b.Header.Hash()
	if last != b.Header.Prev && last != s {
		if l, ok := a.(Locator); ok {
			hint, found, err := l.Locate(ctx, s)
			if err != nil {
				return fmt.Errorf("anchor batch %x: %w", s, err)
			}
			if found {
				b.Anchor = &hint
				return nil
			}
		}
		return fmt.Errorf("%w: sealed on %x, chain is at %x", ErrStaleBatch, b.Header.Prev, last)
	}
	hint, err := a.Anchor(ctx, []seal.Header{b.Header}) // skips a header already anchored
	if err != nil {
		return fmt.Errorf("anchor batch %x: %w", s, err)
	}
	b.Anchor = &hint
	return nil
}

// Reseal seals the batch again on prev, keeping its credentials, seeds and
// root: for a batch that went stale (ErrStaleBatch) before it was anchored.
// The old header can no longer be anchored (the chain has moved past its
// Prev), so bundles made with it are void.
func Reseal(ctx context.Context, b *Batch, prev [32]byte, workers int) error {
	h := seal.Header{Version: HeaderVersion, Prev: prev, Root: b.Tree.Root(), Time: uint32(time.Now().Unix()), Bits: b.Header.Bits}
	h, err := seal.Seal(ctx, h, workers)
	if err != nil {
		return fmt.Errorf("seal batch again: %w", err)
	}
	b.Header, b.Anchor = h, nil
	return nil
}

// BatchOptions control how a batch is built and sealed.
type BatchOptions struct {
	Prev    [32]byte  // the issuer's previous seal; zero for its first batch
	Bits    uint32    // compact target of the seal
	Time    time.Time // header time; now when zero
	Workers int       // hashing and sealing goroutines; GOMAXPROCS when zero
	// Progress, when set, is called from any goroutine with the number of
	// credentials hashed so far.
	Progress func(done int)
}

// BuildBatch validates the documents, gives each a fresh seed, hashes them in
// parallel, builds the Merkle tree and seals the header.
func BuildBatch(ctx context.Context, docs []*credential.Document, opts BatchOptions) (*Batch, error) {
	if len(docs) == 0 {
		return nil, ErrEmptyBatch
	}
	for i, d := range docs {
		if err := d.Validate(); err != nil {
			return nil, fmt.Errorf("credential %d (%s): %w", i, d.ID, err)
		}
	}
	seeds := make([]byte, len(docs)*len(credential.Seed{}))
	if _, err := rand.Read(seeds); err != nil {
		return nil, fmt.Errorf("credential seeds: %w", err)
	}
	b := &Batch{Credentials: make([]Issued, len(docs))}
	for i, d := range docs {
		b.Credentials[i] = Issued{Document: d, Seed: credential.Seed(seeds[32*i : 32*i+32]), Version: credential.Latest}
	}
	leaves, err := b.hash(ctx, opts)
	if err != nil {
		return nil, err
	}
	b.Tree = merkle.Build(leaves)
	t := opts.Time
	if t.IsZero() {
		t = time.Now()
	}
	h := seal.Header{Version: HeaderVersion, Prev: opts.Prev, Root: b.Tree.Root(), Time: uint32(t.Unix()), Bits: opts.Bits}
	if b.Header, err = seal.Seal(ctx, h, opts.Workers); err != nil {
		return nil, err
	}
	return b, nil
}

// hash computes every digest and leaf hash, spread over the workers.
func (b *Batch) hash(ctx context.Context, opts BatchOptions) ([]merkle.Hash, error) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	leaves := make([]merkle.Hash, len(b.Credentials))
	const step = 256 // credentials claimed at a time
	var next, done atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				lo := int(next.Add(step)) - step
				if lo >= len(leaves) {
					return
				}
				hi := min(lo+step, len(leaves))
				for i := lo; i < hi; i++ {
					c := &b.Credentials[i]
					c.Digest = c.Document.Digest(c.Seed)
					leaves[i] = merkle.LeafHash(c.Digest[:])
				}
				if opts.Progress != nil {
					opts.Progress(int(done.Add(int64(hi - lo))))
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("hash batch: %w", err)
	}
	return leaves, nil
}

// Bundle returns the full-disclosure proof bundle of credential i.
func (b *Batch) Bundle(i int) (*bundle.Bundle, error) {
	if i < 0 || i >= len(b.Credentials) {
		return nil, fmt.Errorf("issuer: credential %d of %d", i, len(b.Credentials))
	}
	c := &b.Credentials[i]
	doc, err := c.documentJSON()
	if err != nil {
		return nil, err
	}
	path, err := b.Tree.Proof(uint64(i))
	if err != nil {
		return nil, err
	}
	seed := c.Seed
	var anchor *bundle.Anchor
	if b.Anchor != nil {
		a := *b.Anchor // each bundle owns its copy
		anchor = &a
	}
	return &bundle.Bundle{
		Credential: doc,
		Disclosure: credential.Disclosure{Version: c.Version, Seed: &seed},
		Proof:      bundle.Proof{LeafIndex: uint64(i), TreeSize: b.Tree.Size(), Path: path, Header: b.Header},
		Anchor:     anchor,
	}, nil
}
