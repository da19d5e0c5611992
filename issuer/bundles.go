package issuer

import (
	"context"
	"fmt"

	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/merkle"
)

// LoadBatch rebuilds an anchored batch from the store, with its tree
// recomputed from the stored leaves, for bundles and export.
func (s *Service) LoadBatch(ctx context.Context, seq uint64) (*Batch, StoredBatch, error) {
	br, err := s.store.Batch(ctx, seq)
	if err != nil {
		return nil, br, err
	}
	if br.State == Confirmed {
		return nil, br, fmt.Errorf("batch %d: %w (block %d)", seq, ErrNotFinal, br.Block)
	}
	if br.State != Final {
		return nil, br, fmt.Errorf("batch %d: %w (%s)", seq, ErrNotAnchored, br.State)
	}
	leaves, err := s.store.Leaves(ctx, seq)
	if err != nil {
		return nil, br, err
	}
	recs, err := s.store.Range(ctx, br.First, br.Size)
	if err != nil {
		return nil, br, err
	}
	b := &Batch{Tree: merkle.Build(leaves), Header: br.Header, Cost: br.Cost, Credentials: make([]Issued, len(recs))}
	for i, r := range recs {
		b.Credentials[i] = Issued{Document: r.Document, JSON: r.DocJSON, Seed: r.Seed, Digest: r.Digest, Version: r.Version}
	}
	if b.Tree.Root() != br.Header.Root {
		return nil, br, fmt.Errorf("batch %d: stored leaves do not match the sealed root", seq)
	}
	b.Anchor = &bundle.Anchor{ChainID: br.ChainID, Registry: br.Registry, Issuer: br.Issuer, Tx: br.Tx, Block: br.Block}
	return b, br, nil
}

// Bundle returns the full-disclosure bundle of an anchored credential.
func (s *Service) Bundle(ctx context.Context, r *StoredCredential) (*bundle.Bundle, error) {
	b, br, err := s.LoadBatch(ctx, r.Batch)
	if err != nil {
		return nil, err
	}
	return b.Bundle(int(r.Seq - br.First))
}
