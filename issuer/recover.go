package issuer

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/credseal/credseal/pkg/merkle"
	"github.com/credseal/credseal/pkg/seal"
)

// RegistryAnchor is one seal the registry says the issuer's key anchored.
type RegistryAnchor struct {
	Seal, Root [32]byte
	Block      uint64
	Tx         [32]byte
}

// RecoverReport says what Recover found.
type RecoverReport struct {
	// Confirmed counts batches of this database that were anchored but not
	// recorded as such (the database is older than the chain).
	Confirmed int
	// Unrecoverable lists seals anchored by the key that this database
	// never made: their credentials' seeds are not here, so their bundles
	// cannot be made again. They are adopted, so new batches extend them.
	Unrecoverable []AdoptedSeal
	// Waiting counts batches sealed here and not anchored: the pipeline
	// anchors them, sealing them again on the chain's head where they no
	// longer extend it.
	Waiting int
}

// Recover reconciles the database with the registry's record of the
// issuer key's anchors (events, in chain order): it confirms the batches
// the chain holds, and adopts the seals it holds that this database never
// made (a restored backup, `credseal batch --anchor` with the issuer's key),
// reporting them as unrecoverable. It runs with the pipeline stopped.
//
// headers returns what an anchoring transaction carried: a batch this
// database holds but had not sealed (or sealed differently) when it was
// backed up is recognised by its Merkle root and given the anchored header
// back, so its credentials are recovered, not reported lost.
func (s *Service) Recover(ctx context.Context, events []RegistryAnchor, headers func(ctx context.Context, tx [32]byte) ([]seal.Header, error)) (RecoverReport, error) {
	s.step.Lock()
	defer s.step.Unlock()
	var rep RecoverReport
	var adopt []AdoptedSeal
	unanchored, err := s.unanchoredByRoot(ctx)
	if err != nil {
		return rep, err
	}
	for _, ev := range events {
		b, err := s.store.BatchBySeal(ctx, ev.Seal)
		if errors.Is(err, ErrNotFound) {
			if local, ok := unanchored[ev.Root]; ok && headers != nil {
				h, err := anchoredHeader(ctx, headers, ev)
				if err != nil {
					return rep, fmt.Errorf("recover batch %d: %w", local.Seq, err)
				}
				local.Header, local.State, local.Updated = h, Sealed, s.cfg.Now().UTC()
				if err := s.store.UpdateBatch(ctx, local); err != nil {
					return rep, err
				}
				delete(unanchored, ev.Root)
				b = local
			} else {
				adopt = append(adopt, AdoptedSeal{Seal: ev.Seal, Root: ev.Root, Block: ev.Block, Tx: ev.Tx})
				continue
			}
		}
		if err != nil && !errors.Is(err, ErrNotFound) {
			return rep, err
		}
		if b.State.Anchored() {
			continue
		}
		a, found, err := s.chain.Locate(ctx, ev.Seal)
		if err != nil {
			return rep, fmt.Errorf("recover batch %d: %w", b.Seq, err)
		}
		if !found { // undone since the events were read
			continue
		}
		if err := s.confirm(ctx, b, a); err != nil {
			return rep, err
		}
		rep.Confirmed++
	}
	if err := s.store.Adopt(ctx, adopt); err != nil {
		return rep, fmt.Errorf("record adopted seals: %w", err)
	}
	rep.Unrecoverable = adopt
	// A transaction this database was following is settled either way now.
	if p, err := s.store.PendingAnchor(ctx); err != nil {
		return rep, err
	} else if p != nil {
		if last, err := s.store.Batch(ctx, p.Last); err == nil && last.State.Anchored() {
			if err := s.store.SetPendingAnchor(ctx, nil); err != nil {
				return rep, err
			}
		}
	}
	waiting, err := s.store.BatchesIn(ctx, Sealed, Submitted)
	if err != nil {
		return rep, err
	}
	rep.Waiting = len(waiting)
	s.health.mu.Lock()
	s.health.stopped = false
	s.health.mu.Unlock()
	return rep, nil
}

// RegistryRevocation is one revocation the registry says the issuer's key
// made: of a credential by digest, or of a batch by seal.
type RegistryRevocation struct {
	ID     [32]byte
	Batch  bool
	Reason uint8
	Block  uint64
	Tx     [32]byte
}

// SyncRevocations records in the database the revocations the registry
// holds that it lacks (made with `credseal revoke` while the server had the
// database, or whose receipt was lost), so the portal shows them. It
// returns how many credentials it marked.
func (s *Service) SyncRevocations(ctx context.Context, events []RegistryRevocation) (int, error) {
	digests := map[[32]byte]bool{}
	for _, ev := range events {
		if !ev.Batch {
			digests[ev.ID] = true
		}
	}
	seqs, err := s.store.FindDigests(ctx, digests)
	if err != nil {
		return 0, err
	}
	marked := 0
	mark := func(seq uint64, ev RegistryRevocation) error {
		r, err := s.store.BySeq(ctx, seq)
		if err != nil || r.Revoked != 0 {
			return err
		}
		if err := s.store.SetRevoked(ctx, seq, ev.Reason, ev.Tx, s.cfg.Now().UTC()); err != nil && !errors.Is(err, ErrAlreadyRevoked) {
			return err
		}
		marked++
		s.revocations.Add(1)
		return nil
	}
	for _, ev := range events {
		if !ev.Batch {
			if seq, ok := seqs[ev.ID]; ok {
				if err := mark(seq, ev); err != nil {
					return marked, err
				}
			}
			continue
		}
		b, err := s.store.BatchBySeal(ctx, ev.ID)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return marked, err
		}
		for seq := b.First; seq < b.First+b.Size; seq++ {
			if err := mark(seq, ev); err != nil {
				return marked, err
			}
		}
	}
	return marked, nil
}

// unanchoredByRoot maps the Merkle roots of the batches not yet anchored
// to them.
func (s *Service) unanchoredByRoot(ctx context.Context) (map[[32]byte]StoredBatch, error) {
	waiting, err := s.store.BatchesIn(ctx, Batched, Sealed, Submitted)
	if err != nil {
		return nil, err
	}
	out := make(map[[32]byte]StoredBatch, len(waiting))
	for _, b := range waiting {
		leaves, err := s.store.Leaves(ctx, b.Seq)
		if err != nil {
			return nil, err
		}
		out[merkle.Root(leaves)] = b
	}
	return out, nil
}

// anchoredHeader finds ev's header among those its transaction carried.
func anchoredHeader(ctx context.Context, headers func(context.Context, [32]byte) ([]seal.Header, error), ev RegistryAnchor) (seal.Header, error) {
	hs, err := headers(ctx, ev.Tx)
	if err != nil {
		return seal.Header{}, err
	}
	for _, h := range hs {
		if h.Hash() == ev.Seal && h.Root == ev.Root {
			return h, nil
		}
	}
	return seal.Header{}, fmt.Errorf("transaction %x does not carry seal %x", ev.Tx, ev.Seal)
}

// RevocationLister lists the issuer key's revocations on the registry from
// block from on, and the head it read to. The chain adapter implements it.
type RevocationLister interface {
	RevocationsSince(ctx context.Context, from uint64) (events []RegistryRevocation, head uint64, err error)
}

// RevocationSyncEvery is how often Run reads the key's revocations from the
// registry into the database: revocations made around the service (with
// `credseal revoke` while the server holds the database, or landed after a
// timeout) then show in the portal within minutes.
const RevocationSyncEvery = 5 * time.Minute

// syncRevocationsFromChain reads the revocations made since the last read
// (from the first anchored batch's block the first time) and records them.
func (s *Service) syncRevocationsFromChain(ctx context.Context) error {
	l, ok := s.chain.(RevocationLister)
	if !ok || s.cfg.Now().Sub(s.revSync.at) < RevocationSyncEvery {
		return nil
	}
	from := s.revSync.next
	if from == 0 {
		first, err := s.store.Batches(ctx, 0, 1)
		if err != nil || len(first) == 0 || !first[0].State.Anchored() {
			return err // nothing anchored, nothing revocable yet
		}
		from = first[0].Block
	}
	s.revSync.at = s.cfg.Now() // a failure waits for the next turn too
	events, head, err := l.RevocationsSince(ctx, from)
	if err != nil {
		return fmt.Errorf("read the key's revocations from the registry (next try in %s): %w", RevocationSyncEvery, err)
	}
	n, err := s.SyncRevocations(ctx, events)
	if err != nil {
		return err
	}
	if n > 0 {
		s.note(fmt.Sprintf("recorded %d revocation(s) made outside the service", n))
	}
	// Blocks near the head may still be reorganised: read them again.
	s.revSync.next = max(from, head-min(head, 64))
	return nil
}
