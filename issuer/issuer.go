// Package issuer turns a registrar's records into sealed, anchored batches
// of credentials and the bundles learners receive.
//
// One issuing core (core.go) serves `credseal batch` (BuildBatch, in
// memory) and the Service (a store and a chain): validate, draw seeds,
// hash the fields of many credentials at once, build the Merkle tree and
// seal the header. The Service adds intake into the store (submit.go), the
// pipeline's steps up to a final anchor (pipeline.go), recovery from the
// registry (recover.go), health (health.go), bundles (bundles.go), export
// (export.go) and tokens (token.go).
//
// It depends on the credseal formats only (pkg/...). Storage (boltstore),
// the chain (pkg/chain) and HTTP (httpapi) are adapters that meet it
// through small interfaces declared here (Store, Chain); it never imports
// them.
package issuer

import (
	"context"
	"errors"
	"fmt"
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
	Cost        SealCost // of sealing Header
}

// ErrStaleBatch is returned when a batch no longer extends the issuer's
// chain: another batch was anchored since it was sealed.
var ErrStaleBatch = errors.New("issuer: batch does not extend the issuer's last anchored seal")

// Locator finds where the issuer anchored a seal; found is false when the
// registry does not have it. The chain adapter (pkg/chain) implements it.
type Locator interface {
	Locate(ctx context.Context, seal [32]byte) (a bundle.Anchor, found bool, err error)
}

// AnchorBatch anchors a sealed batch and waits until its block is final
// (Chain.Final: the client's confirmations or the endpoint's finalized
// block), so its bundles carry an anchor hint that stays true. The batch
// must have been sealed on the issuer's last seal. It is idempotent: a
// batch the issuer already anchored (a run interrupted after sending) is
// not sent again, only located and waited for. It uses the pipeline's
// Chain, one transaction for the one header, which it sends again while no
// block has it (a node may drop it); unlike the service it keeps nothing
// and replaces nothing, so it is for `credseal batch`, whose output
// directory is the state, and ends with ctx.
func AnchorBatch(ctx context.Context, c Chain, b *Batch) error {
	last, err := c.LastSeal(ctx)
	if err != nil {
		return fmt.Errorf("anchor batch: %w", err)
	}
	s := b.Header.Hash()
	if last != b.Header.Prev {
		if _, found, err := c.Locate(ctx, s); err != nil {
			return fmt.Errorf("anchor batch %x: %w", s, err)
		} else if !found {
			return fmt.Errorf("%w: sealed on %x, chain is at %x", ErrStaleBatch, b.Header.Prev, last)
		}
		return waitFinal(ctx, c, b, nil)
	}
	var sent struct {
		hash [32]byte
		raw  []byte
	}
	keep := func(_ uint64, hash [32]byte, raw []byte, _ int) error {
		sent.hash, sent.raw = hash, raw
		return nil
	}
	if _, err := c.SendAnchor(ctx, []seal.Header{b.Header}, keep); err != nil {
		return fmt.Errorf("anchor batch %x: %w", s, err)
	}
	lastSent := time.Now()
	return waitFinal(ctx, c, b, func() error {
		_, mined, success, err := c.Outcome(ctx, sent.hash)
		switch {
		case err != nil:
			return fmt.Errorf("transaction %x: %w", sent.hash, err)
		case mined && !success:
			return fmt.Errorf("transaction %x failed", sent.hash)
		case !mined && time.Since(lastSent) >= rebroadcastEvery:
			lastSent = time.Now()
			if taken, err := c.Broadcast(ctx, sent.raw); err != nil {
				return fmt.Errorf("send transaction %x again: %w", sent.hash, err)
			} else if taken {
				return fmt.Errorf("transaction %x: another transaction of the key was mined at its nonce", sent.hash)
			}
		}
		return nil
	})
}

// rebroadcastEvery is how often AnchorBatch sends its transaction again
// while no block has it.
const rebroadcastEvery = 30 * time.Second

// waitFinal polls until the registry has b's seal in a final block, then
// sets b.Anchor. pending, when set, is called while the seal is not found,
// to fail on a reverted or displaced transaction and to send it again. The
// seal is located anew on every poll: a reorganisation may move or undo it.
func waitFinal(ctx context.Context, c Chain, b *Batch, pending func() error) error {
	s := b.Header.Hash()
	for wait := 100 * time.Millisecond; ; wait = min(2*wait, 2*time.Second) {
		hint, found, err := c.Locate(ctx, s)
		if err != nil {
			return fmt.Errorf("anchor batch %x: %w", s, err)
		}
		if found {
			final, err := c.Final(ctx, hint.Block)
			if err != nil {
				return fmt.Errorf("anchor batch %x: %w", s, err)
			}
			if final {
				b.Anchor = &hint
				return nil
			}
		} else if pending == nil {
			return fmt.Errorf("anchor batch %x: the registry no longer has the seal (a reorganisation undid it): run again with --resume", s)
		} else if err := pending(); err != nil {
			return fmt.Errorf("anchor batch %x: %w", s, err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("anchor batch %x: waiting for a final block: %w", s, ctx.Err())
		case <-time.After(wait):
		}
	}
}

// Reseal seals the batch again on prev, keeping its credentials, seeds and
// root: for a batch that went stale (ErrStaleBatch) before it was anchored.
// The old header can no longer be anchored (the chain has moved past its
// Prev), so bundles made with it are void.
func Reseal(ctx context.Context, b *Batch, prev [32]byte, workers int) error {
	h, cost, err := sealOn(ctx, prev, b.Tree.Root(), b.Header.Bits, time.Now(), workers)
	if err != nil {
		return fmt.Errorf("seal batch again: %w", err)
	}
	b.Header, b.Anchor, b.Cost = h, nil, b.Cost.Plus(cost)
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

// BuildBatch runs the issuing core on documents held in memory: it
// validates them, gives each a fresh seed, hashes them, builds the Merkle
// tree and seals the header.
func BuildBatch(ctx context.Context, docs []*credential.Document, opts BatchOptions) (*Batch, error) {
	if len(docs) == 0 {
		return nil, ErrEmptyBatch
	}
	if err := validateAll(ctx, docs, opts.Workers); err != nil {
		return nil, err
	}
	hashed, err := digestAll(ctx, docs, opts.Workers, 0, opts.Progress)
	if err != nil {
		return nil, fmt.Errorf("hash batch: %w", err)
	}
	b := &Batch{Credentials: make([]Issued, len(docs))}
	for i, d := range docs {
		b.Credentials[i] = Issued{Document: d, Seed: hashed.seeds[i], Digest: hashed.digests[i], Version: credential.Latest}
	}
	b.Tree = merkle.Build(merkle.LeafHashes(hashed.digests))
	at := opts.Time
	if at.IsZero() {
		at = time.Now()
	}
	if b.Header, b.Cost, err = sealOn(ctx, opts.Prev, b.Tree.Root(), opts.Bits, at, opts.Workers); err != nil {
		return nil, err
	}
	return b, nil
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
