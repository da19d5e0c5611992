package issuer

import (
	"context"
	"fmt"
	"time"

	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/merkle"
	"github.com/credseal/credseal/pkg/seal"
)

// Step moves the pipeline on once: it batches what is due (everything
// pending when flush is set), seals batched headers in order, and anchors
// every sealed or submitted batch. It reports whether anything changed.
func (s *Service) Step(ctx context.Context, flush bool) (bool, error) {
	s.step.Lock()
	defer s.step.Unlock()
	made, err := s.makeBatches(ctx, flush)
	if err != nil {
		return made, err
	}
	if s.chain == nil {
		return made, nil
	}
	sealed, err := s.sealBatches(ctx)
	if err != nil {
		return made || sealed, err
	}
	anchored, err := s.anchorBatches(ctx)
	return made || sealed || anchored, err
}

func (s *Service) makeBatches(ctx context.Context, flush bool) (bool, error) {
	made := false
	for {
		digests, oldest, err := s.store.Unbatched(ctx, s.cfg.BatchSize)
		if err != nil || len(digests) == 0 {
			return made, err
		}
		due := flush || len(digests) >= s.cfg.BatchSize || s.cfg.Now().Sub(oldest) >= s.cfg.BatchAge
		if !due {
			return made, nil
		}
		leaves := make([]merkle.Hash, len(digests))
		for i, d := range digests {
			leaves[i] = merkle.LeafHash(d[:])
		}
		if _, err := s.store.CreateBatch(ctx, len(digests), leaves, s.cfg.Now().UTC()); err != nil {
			return made, fmt.Errorf("create batch: %w", err)
		}
		made = true
	}
}

// sealBatches seals every batched batch on its predecessor's seal (the
// issuer's last seal on chain for the very first).
func (s *Service) sealBatches(ctx context.Context) (bool, error) {
	todo, err := s.store.BatchesIn(ctx, Batched)
	if err != nil || len(todo) == 0 {
		return false, err
	}
	prev, ok, err := s.store.LastSeal(ctx)
	if err != nil {
		return false, err
	}
	if !ok {
		if prev, err = s.chain.LastSeal(ctx); err != nil {
			return false, fmt.Errorf("seal batch %d: issuer's last seal: %w", todo[0].Seq, err)
		}
	}
	for _, b := range todo {
		leaves, err := s.store.Leaves(ctx, b.Seq)
		if err != nil {
			return true, err
		}
		h := seal.Header{Version: HeaderVersion, Prev: prev, Root: merkle.Root(leaves), Time: uint32(s.cfg.Now().Unix()), Bits: s.cfg.Bits}
		if h, err = seal.Seal(ctx, h, s.cfg.Workers); err != nil {
			return true, fmt.Errorf("seal batch %d: %w", b.Seq, err)
		}
		b.Header, b.State, b.Updated = h, Sealed, s.cfg.Now().UTC()
		if err := s.store.UpdateBatch(ctx, b); err != nil {
			return true, fmt.Errorf("seal batch %d: %w", b.Seq, err)
		}
		prev = h.Hash()
	}
	return true, nil
}

// anchorBatches anchors sealed and submitted batches, in order, in one
// transaction. A batch is marked submitted before its transaction may be
// sent; after a crash, Anchor finds what reached the chain and sends only
// the rest. If the chain's head is not what the first batch extends (the
// key anchored elsewhere), the unanchored batches are sealed again.
func (s *Service) anchorBatches(ctx context.Context) (bool, error) {
	todo, err := s.store.BatchesIn(ctx, Sealed, Submitted)
	if err != nil || len(todo) == 0 {
		return false, err
	}
	// Confirm what is already on chain (a crash after sending).
	var rest []BatchRecord
	for _, b := range todo {
		a, found, err := s.chain.Locate(ctx, b.Seal())
		if err != nil {
			return false, fmt.Errorf("anchor batch %d: %w", b.Seq, err)
		}
		if found && len(rest) == 0 {
			if err := s.confirm(ctx, b, a); err != nil {
				return true, err
			}
			continue
		}
		rest = append(rest, b)
	}
	if len(rest) == 0 {
		return true, nil
	}
	last, err := s.chain.LastSeal(ctx)
	if err != nil {
		return false, fmt.Errorf("anchor batch %d: %w", rest[0].Seq, err)
	}
	if last != rest[0].Header.Prev {
		if _, err := s.store.BatchBySeal(ctx, last); err == nil {
			// The head is one of ours: a transaction sent before a crash
			// was mined after Locate looked. Confirm it next step; sealing
			// again now would anchor its credentials twice.
			return true, fmt.Errorf("anchor batch %d: the chain moved to our seal %x while checking; retrying", rest[0].Seq, last)
		}
		for _, b := range rest {
			b.State, b.Header, b.Updated = Batched, seal.Header{}, s.cfg.Now().UTC()
			if err := s.store.UpdateBatch(ctx, b); err != nil {
				return true, err
			}
		}
		return true, fmt.Errorf("anchor batch %d: %w: sealed on %x, chain is at %x; sealing again", rest[0].Seq, ErrStaleBatch, rest[0].Header.Prev, last)
	}
	headers := make([]seal.Header, len(rest))
	for i, b := range rest {
		headers[i] = b.Header
		if b.State == Sealed {
			b.State, b.Updated = Submitted, s.cfg.Now().UTC()
			if err := s.store.UpdateBatch(ctx, b); err != nil {
				return true, err
			}
		}
	}
	hint, err := s.chain.Anchor(ctx, headers)
	if err != nil {
		return true, fmt.Errorf("anchor batches %d-%d: %w", rest[0].Seq, rest[len(rest)-1].Seq, err)
	}
	for _, b := range rest {
		a := hint
		if b.Seq != rest[len(rest)-1].Seq {
			// Earlier ones may have gone in an earlier transaction.
			var found bool
			if a, found, err = s.chain.Locate(ctx, b.Seal()); err != nil || !found {
				return true, fmt.Errorf("anchor batch %d: locate: %v", b.Seq, err)
			}
		}
		if err := s.confirm(ctx, b, a); err != nil {
			return true, err
		}
	}
	return true, nil
}

func (s *Service) confirm(ctx context.Context, b BatchRecord, a bundle.Anchor) error {
	b.State, b.Tx, b.Block, b.ChainID, b.Updated = Confirmed, a.Tx, a.Block, a.ChainID, s.cfg.Now().UTC()
	b.Registry, b.Issuer = a.Registry, a.Issuer
	if err := s.store.UpdateBatch(ctx, b); err != nil {
		return fmt.Errorf("confirm batch %d: %w", b.Seq, err)
	}
	return nil
}

// Drain runs steps, flushing partial batches, until every credential is
// confirmed, backing off after chain errors (reported through onErr) until
// ctx ends.
func (s *Service) Drain(ctx context.Context, onErr func(error)) error {
	delay := 200 * time.Millisecond
	for {
		_, err := s.Step(ctx, true)
		if err == nil {
			counts, _, cerr := s.store.Counts(ctx)
			if cerr != nil {
				return cerr
			}
			if counts[Pending]+counts[Batched]+counts[Sealed]+counts[Submitted] == 0 {
				return nil
			}
			delay = 200 * time.Millisecond
		} else if onErr != nil {
			onErr(err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(delay):
		}
		if err != nil {
			delay = min(2*delay, 30*time.Second)
		}
	}
}

// Run steps the pipeline every interval until ctx ends, backing off after
// errors; credentials keep being accepted while the chain is unreachable.
func (s *Service) Run(ctx context.Context, interval time.Duration, onErr func(error)) {
	delay := interval
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(delay):
		}
		if _, err := s.Step(ctx, false); err != nil {
			if onErr != nil && ctx.Err() == nil {
				onErr(err)
			}
			delay = min(2*delay, 30*time.Second)
			continue
		}
		delay = interval
	}
}

// Revoke revokes an anchored credential on chain and records it.
func (s *Service) Revoke(ctx context.Context, id string, reason uint8) (*Record, error) {
	if s.chain == nil {
		return nil, ErrNoChain
	}
	r, err := s.store.Credential(ctx, id)
	if err != nil {
		return nil, err
	}
	if r.Revoked != 0 {
		return r, ErrAlreadyRevoked
	}
	if r.State != Confirmed {
		return r, fmt.Errorf("%w (%s)", ErrNotAnchored, r.State)
	}
	tx, err := s.chain.RevokeDigest(ctx, r.Digest, reason)
	if err != nil {
		return r, fmt.Errorf("revoke %s: %w", id, err)
	}
	if err := s.store.SetRevoked(ctx, r.Seq, reason, tx); err != nil {
		return r, err
	}
	r.Revoked, r.RevokeTx = reason, tx
	return r, nil
}
