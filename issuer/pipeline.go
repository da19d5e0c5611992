package issuer

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/merkle"
	"github.com/credseal/credseal/pkg/seal"
)

// Chain is what the pipeline needs of the chain. The chain adapter
// (pkg/chain) implements it; every call has its own deadline there, so a
// step never hangs on an endpoint that stops answering.
type Chain interface {
	Locator
	// LastSeal is the issuer key's last anchored seal: what its next
	// header must extend (a genesis value before its first anchor).
	LastSeal(ctx context.Context) ([32]byte, error)
	// SendAnchor signs one transaction anchoring the longest prefix of
	// headers that fits the chain's gas limits, hands it to keep (which
	// stores it durably) and only then broadcasts it. It returns how many
	// headers the transaction carries.
	SendAnchor(ctx context.Context, headers []seal.Header, keep func(nonce uint64, hash [32]byte, raw []byte, headers int) error) (int, error)
	// Replace re-signs a kept transaction at the same nonce with higher
	// fees, hands it to keep, and broadcasts it.
	Replace(ctx context.Context, raw []byte, keep func(nonce uint64, hash [32]byte, raw []byte, headers int) error) error
	// Reprice re-signs a kept transaction no node accepted at the same
	// nonce and today's fees, hands it to keep, and broadcasts it.
	Reprice(ctx context.Context, raw []byte, keep func(nonce uint64, hash [32]byte, raw []byte, headers int) error) error
	// Broadcast sends a kept transaction again; taken reports that
	// another transaction was mined at its nonce.
	Broadcast(ctx context.Context, raw []byte) (taken bool, err error)
	// Outcome says whether a transaction is mined, where, and whether it
	// succeeded.
	Outcome(ctx context.Context, hash [32]byte) (block uint64, mined, success bool, err error)
	// MinedNonce is how many of the key's transactions are mined.
	MinedNonce(ctx context.Context) (uint64, error)
	// Final reports whether a record in block can no longer be undone.
	Final(ctx context.Context, block uint64) (bool, error)
	// RevokeDigest revokes a credential by digest and returns the transaction.
	RevokeDigest(ctx context.Context, digest [32]byte, reason uint8) ([32]byte, error)
	// OwnRevocation returns the reason the key revoked a digest with (0: not).
	OwnRevocation(ctx context.Context, digest [32]byte) (uint8, error)
	// Where names the chain and registry the pipeline anchors on.
	Where(ctx context.Context) (chainID uint64, registry [20]byte, err error)
}

// Step moves the pipeline on once: it re-checks confirmed batches until
// they are final, batches what is due (everything pending when flush is
// set), seals batched headers in order, follows the anchoring transaction
// in flight, and sends the next one. It reports whether anything changed.
func (s *Service) Step(ctx context.Context, flush bool) (bool, error) {
	s.step.Lock()
	defer s.step.Unlock()
	changed, err := s.stepOnce(ctx, flush)
	s.noteStep(err)
	return changed, err
}

func (s *Service) stepOnce(ctx context.Context, flush bool) (bool, error) {
	made, err := s.makeBatches(ctx, flush)
	if err != nil || s.chain == nil {
		return made, err
	}
	settled, err := s.settle(ctx)
	if err != nil {
		return made || settled, err
	}
	sealed, err := s.sealBatches(ctx)
	if err != nil {
		return made || settled || sealed, err
	}
	anchored, err := s.anchorBatches(ctx)
	return made || settled || sealed || anchored, err
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
		if _, err := s.store.CreateBatch(ctx, len(digests), merkle.LeafHashes(digests), s.cfg.Now().UTC()); err != nil {
			return made, fmt.Errorf("create batch: %w", err)
		}
		made = true
	}
}

// settle re-reads every confirmed batch from the registry until it is
// final. A batch a reorganisation undid goes back to sealed, to be
// anchored again; one whose transaction was mined again elsewhere gets its
// new block and transaction.
func (s *Service) settle(ctx context.Context) (bool, error) {
	todo, err := s.store.BatchesIn(ctx, Confirmed)
	if err != nil || len(todo) == 0 {
		return false, err
	}
	chainID, registry, err := s.chain.Where(ctx)
	if err != nil {
		return false, fmt.Errorf("re-check confirmed batches: %w", err)
	}
	if now := s.cfg.Now(); now.Sub(s.rechecked) < s.cfg.RecheckEvery {
		return false, nil // spare the endpoint: a few reads per batch
	} else {
		s.rechecked = now
	}
	changed := false
	for _, b := range todo {
		if b.ChainID != chainID || b.Registry != registry {
			// Anchored on a chain or registry this service has left (a
			// database from before finality was tracked, or a move): it
			// cannot be re-checked here, and was done under the old rules.
			b.State, b.Updated = Final, s.cfg.Now().UTC()
			if err := s.store.UpdateBatch(ctx, b); err != nil {
				return changed, fmt.Errorf("re-check batch %d: %w", b.Seq, err)
			}
			changed = true
			continue
		}
		a, found, err := s.chain.Locate(ctx, b.Seal())
		if err != nil {
			return changed, fmt.Errorf("re-check batch %d: %w", b.Seq, err)
		}
		if !found {
			// Believe a reorganisation only when the transaction is gone
			// too: a load-balanced endpoint may answer from a node behind.
			_, mined, _, err := s.chain.Outcome(ctx, b.Tx)
			if err != nil {
				return changed, fmt.Errorf("re-check batch %d: %w", b.Seq, err)
			}
			if mined {
				return changed, fmt.Errorf("re-check batch %d: the registry does not show it but its transaction %x has a receipt (an endpoint behind another?); retrying", b.Seq, b.Tx)
			}
			s.note(fmt.Sprintf("batch %d: its anchor in block %d was undone by a reorganisation; anchoring it again", b.Seq, b.Block))
			s.reorgs.Add(1)
			b.State, b.Tx, b.Block, b.Updated = Sealed, [32]byte{}, 0, s.cfg.Now().UTC()
			if err := s.store.UpdateBatch(ctx, b); err != nil {
				return true, fmt.Errorf("re-check batch %d: %w", b.Seq, err)
			}
			changed = true
			continue
		}
		if a.Tx != b.Tx || a.Block != b.Block {
			s.note(fmt.Sprintf("batch %d: moved by a reorganisation from block %d to %d", b.Seq, b.Block, a.Block))
			s.reorgs.Add(1)
		}
		if err := s.confirm(ctx, b, a); err != nil {
			return true, err
		}
		changed = changed || a.Tx != b.Tx || a.Block != b.Block
	}
	return changed, nil
}

// sealBatches seals every batched batch on its predecessor: the newest
// sealed batch not yet anchored, else the chain's head for the issuer key.
func (s *Service) sealBatches(ctx context.Context) (bool, error) {
	todo, err := s.store.BatchesIn(ctx, Batched)
	if err != nil || len(todo) == 0 {
		return false, err
	}
	waiting, err := s.store.BatchesIn(ctx, Sealed, Submitted)
	if err != nil {
		return false, err
	}
	var prev [32]byte
	if len(waiting) > 0 {
		prev = waiting[len(waiting)-1].Seal()
	} else if prev, err = s.chainHead(ctx); err != nil {
		return false, fmt.Errorf("seal batch %d: %w", todo[0].Seq, err)
	}
	for _, b := range todo {
		leaves, err := s.store.Leaves(ctx, b.Seq)
		if err != nil {
			return true, err
		}
		h, cost, err := sealOn(ctx, prev, merkle.Root(leaves), s.cfg.Bits, s.cfg.Now(), s.cfg.Workers)
		if err != nil {
			return true, fmt.Errorf("seal batch %d: %w", b.Seq, err)
		}
		b.Header, b.State, b.Updated, b.Cost = h, Sealed, s.cfg.Now().UTC(), b.Cost.Plus(cost)
		if err := s.store.UpdateBatch(ctx, b); err != nil {
			return true, fmt.Errorf("seal batch %d: %w", b.Seq, err)
		}
		prev = h.Hash()
	}
	return true, nil
}

// chainHead returns the issuer key's last seal on the registry, after
// checking that this database knows it: one of its batches, a seal
// adopted by `credseal issuer recover`, or the genesis value of a key
// that has anchored nothing there (a new registry). An unknown anchored
// seal means the database is behind the registry; guessing would seal
// batches the next restore cannot explain, so the pipeline stops.
func (s *Service) chainHead(ctx context.Context) ([32]byte, error) {
	head, err := s.chain.LastSeal(ctx)
	if err != nil {
		return head, fmt.Errorf("issuer's last seal: %w", err)
	}
	if _, err := s.store.BatchBySeal(ctx, head); err == nil {
		return head, nil
	} else if !errors.Is(err, ErrNotFound) {
		return head, err
	}
	if _, ok, err := s.store.Adopted(ctx, head); err != nil || ok {
		return head, err
	}
	a, found, err := s.chain.Locate(ctx, head)
	if err != nil {
		return head, fmt.Errorf("issuer's last seal: %w", err)
	}
	if !found {
		return head, nil // no batch has this seal: the key's genesis
	}
	return head, fmt.Errorf("%w: the registry's last seal for this key, %x (block %d, transaction %x), is not in this database "+
		"(a restored backup, `credseal batch --anchor` with the issuer's key, or a second issuer process); "+
		"run `credseal issuer recover` to reconcile", ErrDatabaseBehind, head, a.Block, a.Tx)
}

// anchorBatches follows the anchoring transaction in flight until it is
// mined or replaced, then anchors the sealed and submitted batches in
// order, one transaction at a time: as many as fit the chain's gas limits.
// The transaction is stored before it is broadcast, and batches are looked
// up on the registry first, so a crash at any point anchors nothing twice.
func (s *Service) anchorBatches(ctx context.Context) (bool, error) {
	if p, err := s.store.PendingAnchor(ctx); err != nil {
		return false, err
	} else if p != nil {
		done, err := s.follow(ctx, p)
		if !done || err != nil {
			return done, err
		}
	}
	todo, err := s.store.BatchesIn(ctx, Sealed, Submitted)
	if err != nil || len(todo) == 0 {
		return false, err
	}
	// Confirm what is already on chain: a crash after sending, a
	// transaction mined after it was given up, a reorganisation undone.
	// Batches extend each other, so the first one missing ends the search.
	changed := false
	for len(todo) > 0 {
		a, found, err := s.chain.Locate(ctx, todo[0].Seal())
		if err != nil {
			return changed, fmt.Errorf("anchor batch %d: %w", todo[0].Seq, err)
		}
		if !found {
			break
		}
		if err := s.confirm(ctx, todo[0], a); err != nil {
			return true, err
		}
		todo, changed = todo[1:], true
	}
	if len(todo) == 0 {
		return true, nil
	}
	head, err := s.chainHead(ctx)
	if err != nil {
		return changed, fmt.Errorf("anchor batch %d: %w", todo[0].Seq, err)
	}
	if head != todo[0].Header.Prev {
		if b, err := s.store.BatchBySeal(ctx, head); err == nil && !b.State.Anchored() {
			// The head is one of ours not yet confirmed: a transaction
			// mined after Locate looked. Confirm it next step; sealing again
			// now would anchor its credentials twice.
			return changed, fmt.Errorf("anchor batch %d: the chain moved to our seal %x while checking; retrying", todo[0].Seq, head)
		}
		for _, b := range todo {
			b.State, b.Header, b.Updated = Batched, seal.Header{}, s.cfg.Now().UTC()
			if err := s.store.UpdateBatch(ctx, b); err != nil {
				return true, err
			}
		}
		return true, fmt.Errorf("anchor batch %d: %w: sealed on %x, chain is at %x; sealing again", todo[0].Seq, ErrStaleBatch, todo[0].Header.Prev, head)
	}
	// Only batches that extend each other go out: one sealed on the chain's
	// head while an earlier one was being undone by a reorganisation would
	// make the whole transaction revert. The rest are sealed again.
	for i := 1; i < len(todo); i++ {
		if todo[i].Header.Prev != todo[i-1].Seal() {
			for _, b := range todo[i:] {
				b.State, b.Header, b.Updated = Batched, seal.Header{}, s.cfg.Now().UTC()
				if err := s.store.UpdateBatch(ctx, b); err != nil {
					return true, err
				}
			}
			todo = todo[:i]
			break
		}
	}
	headers := make([]seal.Header, len(todo))
	for i, b := range todo {
		headers[i] = b.Header
	}
	var p *AnchorTx
	_, err = s.chain.SendAnchor(ctx, headers, func(nonce uint64, hash [32]byte, raw []byte, n int) error {
		for _, b := range todo[:n] {
			if b.State == Sealed {
				b.State, b.Updated = Submitted, s.cfg.Now().UTC()
				if err := s.store.UpdateBatch(ctx, b); err != nil {
					return err
				}
			}
		}
		p = &AnchorTx{Nonce: nonce, Hashes: [][32]byte{hash}, Raw: raw, First: todo[0].Seq, Last: todo[n-1].Seq, Sent: s.cfg.Now().UTC()}
		return s.store.SetPendingAnchor(ctx, p)
	})
	if err != nil {
		// A record kept but not accepted by the node is broadcast again by
		// the next step.
		return true, fmt.Errorf("anchor batches from %d: %w", todo[0].Seq, err)
	}
	p.Accepted = true
	return true, s.store.SetPendingAnchor(ctx, p)
}

// follow sees the anchoring transaction in flight through: confirmed when
// one of its versions is mined, replaced at the same nonce with higher fees
// when it has waited ReplaceAfter, sent again after a restart. done is true
// once it is settled (mined, or its nonce taken) and the record is cleared.
func (s *Service) follow(ctx context.Context, p *AnchorTx) (done bool, err error) {
	for i := len(p.Hashes) - 1; i >= 0; i-- {
		block, mined, ok, err := s.chain.Outcome(ctx, p.Hashes[i])
		if err != nil {
			return false, fmt.Errorf("anchoring transaction %x: %w", p.Hashes[i], err)
		}
		if !mined {
			continue
		}
		if !ok {
			s.reverts.Add(1)
			// The batches stay submitted: the next step looks them up and
			// anchors what is missing on the chain's head.
			if err := s.store.SetPendingAnchor(ctx, nil); err != nil {
				return false, err
			}
			return true, fmt.Errorf("anchoring transaction %x for batches %d-%d reverted in block %d", p.Hashes[i], p.First, p.Last, block)
		}
		// The record goes only once the registry shows the batches: an
		// endpoint behind the one that gave the receipt is asked again.
		if err := s.confirmRange(ctx, p.First, p.Last); err != nil {
			return false, err
		}
		return true, s.store.SetPendingAnchor(ctx, nil)
	}
	mined, err := s.chain.MinedNonce(ctx)
	if err != nil {
		return false, err
	}
	if mined > p.Nonce {
		// Its nonce went to a transaction this record does not name
		// (mined between the receipt look-ups above and now, or another
		// transaction of the key): the registry says what is anchored.
		return true, s.store.SetPendingAnchor(ctx, nil)
	}
	latest := p.Hashes[len(p.Hashes)-1]
	// Send it again every step: a node that restarted or dropped it (a
	// reorganisation, a full pool) gets it back; one that has it says so.
	if taken, err := s.chain.Broadcast(ctx, p.Raw); taken {
		return true, s.store.SetPendingAnchor(ctx, nil)
	} else if err != nil && !p.Accepted {
		// No node ever took this version (its fee under the base fee, a
		// full pool, a cap raised since): price it again from the market.
		rerr := s.chain.Reprice(ctx, p.Raw, func(_ uint64, hash [32]byte, raw []byte, _ int) error {
			p.Hashes, p.Raw, p.Sent = append(p.Hashes, hash), raw, s.cfg.Now().UTC()
			return s.store.SetPendingAnchor(ctx, p)
		})
		if rerr != nil {
			return false, fmt.Errorf("send anchoring transaction %x again: %w; priced again: %w", latest, err, rerr)
		}
	} else if err != nil {
		return false, fmt.Errorf("send anchoring transaction %x again: %w", latest, err)
	}
	if !p.Accepted {
		p.Accepted, p.Sent = true, s.cfg.Now().UTC()
		return false, s.store.SetPendingAnchor(ctx, p)
	}
	if mined < p.Nonce {
		// An earlier transaction of the key (a revocation, say) is stuck:
		// raising this one's fee cannot help.
		return false, fmt.Errorf("anchoring transaction %x (nonce %d) waits behind the key's transaction at nonce %d, not mined yet", latest, p.Nonce, mined)
	}
	if s.cfg.Now().Sub(p.Sent) < s.cfg.ReplaceAfter {
		return false, nil
	}
	err = s.chain.Replace(ctx, p.Raw, func(_ uint64, hash [32]byte, raw []byte, _ int) error {
		p.Hashes, p.Raw, p.Sent, p.Accepted = append(p.Hashes, hash), raw, s.cfg.Now().UTC(), false
		p.Replacements++
		return s.store.SetPendingAnchor(ctx, p)
	})
	if err != nil {
		return false, fmt.Errorf("replace anchoring transaction %x (nonce %d, not mined after %s): %w", latest, p.Nonce, s.cfg.ReplaceAfter, err)
	}
	p.Accepted = true
	s.replacements.Add(1)
	s.note(fmt.Sprintf("anchoring transaction at nonce %d not mined after %s: replaced with higher fees", p.Nonce, s.cfg.ReplaceAfter))
	return false, s.store.SetPendingAnchor(ctx, p)
}

// confirmRange confirms batches first … last, which one transaction anchored.
func (s *Service) confirmRange(ctx context.Context, first, last uint64) error {
	for seq := first; seq <= last; seq++ {
		b, err := s.store.Batch(ctx, seq)
		if err != nil {
			return err
		}
		a, found, err := s.chain.Locate(ctx, b.Seal())
		if err != nil {
			return fmt.Errorf("confirm batch %d: %w", seq, err)
		}
		if !found {
			return fmt.Errorf("confirm batch %d: its transaction was mined but the registry does not hold its seal", seq)
		}
		if err := s.confirm(ctx, b, a); err != nil {
			return err
		}
	}
	return nil
}

// confirm records where a batch is anchored, as final when the chain says
// the block is.
func (s *Service) confirm(ctx context.Context, b StoredBatch, a bundle.Anchor) error {
	final, err := s.chain.Final(ctx, a.Block)
	if err != nil {
		return fmt.Errorf("confirm batch %d: %w", b.Seq, err)
	}
	state := Confirmed
	if final {
		state = Final
	}
	if b.State == state && b.Tx == a.Tx && b.Block == a.Block {
		return nil
	}
	b.State, b.Tx, b.Block, b.ChainID, b.Updated = state, a.Tx, a.Block, a.ChainID, s.cfg.Now().UTC()
	b.Registry, b.Issuer = a.Registry, a.Issuer
	if err := s.store.UpdateBatch(ctx, b); err != nil {
		return fmt.Errorf("confirm batch %d: %w", b.Seq, err)
	}
	return nil
}

// Drain runs steps, flushing partial batches, until every credential is
// final, backing off after chain errors (reported through onErr) until ctx
// ends. A database behind the registry stops it at once.
func (s *Service) Drain(ctx context.Context, onErr func(error)) error {
	delay := 200 * time.Millisecond
	for {
		_, err := s.Step(ctx, true)
		if errors.Is(err, ErrDatabaseBehind) {
			return err
		}
		if err == nil {
			counts, _, cerr := s.store.Counts(ctx)
			if cerr != nil {
				return cerr
			}
			if counts[Pending]+counts[Batched]+counts[Sealed]+counts[Submitted]+counts[Confirmed] == 0 {
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

// StepGrace is how long a running step may go on once Run is asked to stop.
const StepGrace = 20 * time.Second

// Run steps the pipeline every interval until ctx ends, backing off after
// errors; credentials keep being accepted while the chain is unreachable.
// It returns when ctx ends (nil) or when the database turns out to be
// behind the registry (ErrDatabaseBehind). Either way the running step is
// given StepGrace to finish rather than cut off (every chain call in it has
// its own deadline).
func (s *Service) Run(ctx context.Context, interval time.Duration, onErr func(error)) error {
	stepCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	context.AfterFunc(ctx, func() { time.AfterFunc(StepGrace, cancel) })
	delay := interval
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(delay):
		}
		_, err := s.Step(stepCtx, false)
		s.step.Lock()
		if serr := s.syncRevocationsFromChain(stepCtx); serr != nil && onErr != nil && ctx.Err() == nil {
			onErr(serr) // its own timer: a failure waits for the next turn, the pipeline does not back off
		}
		s.step.Unlock()
		s.CheckHealth(stepCtx)
		if errors.Is(err, ErrDatabaseBehind) {
			return err
		}
		if err != nil {
			if onErr != nil && ctx.Err() == nil {
				onErr(err)
			}
			delay = min(2*delay, 30*time.Second)
			continue
		}
		delay = interval
	}
}
