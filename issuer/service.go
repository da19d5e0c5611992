package issuer

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/credential"
	"github.com/credseal/credseal/pkg/merkle"
	"github.com/credseal/credseal/pkg/seal"
)

// Chain is what the service needs of the chain: anchoring (Anchorer),
// finding where a seal was anchored, and revoking. The chain adapter
// implements it.
type Chain interface {
	Anchorer
	// Locate returns where seal was anchored; found is false when it is not.
	Locate(ctx context.Context, seal [32]byte) (a bundle.Anchor, found bool, err error)
	// RevokeDigest revokes a credential by digest and returns the transaction.
	RevokeDigest(ctx context.Context, digest [32]byte, reason uint8) ([32]byte, error)
}

// Config tunes the pipeline. Zero values get the defaults.
type Config struct {
	// BatchSize is the most credentials in one batch (default 1000).
	BatchSize int
	// BatchAge seals a smaller batch once its oldest credential has waited
	// this long (default 1 minute).
	BatchAge time.Duration
	// Bits is the seal's compact target (default: difficulty 16).
	Bits uint32
	// Workers hash and seal (default GOMAXPROCS).
	Workers int
	// Now is the clock (tests).
	Now func() time.Time
	// TokenKey, when set, gives each credential a claim token derived from
	// it (see ClaimToken), whose hash is stored.
	TokenKey []byte
}

func (c Config) withDefaults() Config {
	if c.BatchSize <= 0 {
		c.BatchSize = 1000
	}
	if c.BatchAge <= 0 {
		c.BatchAge = time.Minute
	}
	if c.Bits == 0 {
		c.Bits, _ = seal.BitsForDifficulty(DefaultDifficulty)
	}
	if c.Workers <= 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

// Service runs the issuer's pipeline over a Store and a Chain: intake,
// batching, sealing, anchoring and revocation. Each step reads what the
// store says and moves it on by one state, so after a crash the next step
// simply continues; anchoring asks the chain first, so nothing is anchored
// twice.
type Service struct {
	store Store
	chain Chain
	cfg   Config
	// step serialises pipeline steps: batches are sealed and anchored in
	// chain order by one goroutine at a time.
	step sync.Mutex
}

// NewService returns a service; chain may be nil for a store-only service
// (intake and status keep working; batches wait to be sealed).
func NewService(store Store, chain Chain, cfg Config) *Service {
	return &Service{store: store, chain: chain, cfg: cfg.withDefaults()}
}

// ErrNoChain is returned by steps that need the chain when none is configured.
var ErrNoChain = errors.New("issuer: no chain configured")

// Submit validates documents, gives each a fresh seed, hashes them and
// stores them as pending. Re-submitted credentials (same content, ignoring
// the id) are reported as duplicates, not stored, unless allowDuplicates.
func (s *Service) Submit(ctx context.Context, docs []*credential.Document, allowDuplicates bool, progress func(done int)) ([]AddResult, error) {
	for i, d := range docs {
		if err := d.Validate(); err != nil {
			return nil, fmt.Errorf("credential %d (%s): %w", i, d.ID, err)
		}
	}
	recs := make([]*Record, len(docs))
	seeds := make([]byte, 32*len(docs))
	if _, err := rand.Read(seeds); err != nil {
		return nil, fmt.Errorf("credential seeds: %w", err)
	}
	now := s.cfg.Now().UTC()
	hash := func(i int) error {
		d := docs[i]
		ch, err := contentHash(d)
		if err != nil {
			return err
		}
		r := &Record{ID: d.ID, Document: d, Seed: credential.Seed(seeds[32*i:]), ContentHash: ch, Created: now, State: Pending,
			Version: credential.Latest}
		r.Digest = d.Digest(r.Seed)
		if r.DocJSON, err = d.JSON(); err != nil {
			return err
		}
		if s.cfg.TokenKey != nil {
			r.TokenHash = TokenHash(s.ClaimToken(d.ID))
		}
		recs[i] = r
		return nil
	}
	// Chunks of one transaction each: the next chunk is hashed on all cores
	// while the previous one is written, in order, by one goroutine.
	const chunk = 5000
	type span struct{ lo, hi int }
	toStore := make(chan span, 1)
	stored := make(chan error, 1)
	var out []AddResult
	go func() {
		var err error
		for sp := range toStore {
			if err != nil {
				continue // drain after a failure
			}
			var res []AddResult
			if res, err = s.store.Add(ctx, recs[sp.lo:sp.hi], allowDuplicates); err != nil {
				err = fmt.Errorf("store credentials %d-%d: %w", sp.lo, sp.hi-1, err)
				continue
			}
			out = append(out, res...)
			if progress != nil {
				progress(len(out))
			}
		}
		stored <- err
	}()
	var hashErr error
	for lo := 0; lo < len(recs) && hashErr == nil; lo += chunk {
		hi := min(lo+chunk, len(recs))
		if hashErr = parallel(ctx, hi-lo, s.cfg.Workers, func(i int) error { return hash(lo + i) }); hashErr == nil {
			toStore <- span{lo, hi}
		}
	}
	close(toStore)
	if err := <-stored; err != nil {
		return out, err
	}
	return out, hashErr
}

// contentHash identifies a credential's content without its id (ids are
// random when the registrar gives none), to detect a file imported twice.
func contentHash(d *credential.Document) ([32]byte, error) {
	c := *d
	c.ID = ""
	js, err := json.Marshal(&c)
	if err != nil {
		return [32]byte{}, err
	}
	// Version 1 wrote no validUntil for no end date; hashing that form keeps
	// a file imported before the upgrade a duplicate after it. (A string
	// value cannot hold this text: its quotes would be escaped.)
	js = bytes.Replace(js, []byte(`,"validUntil":null`), nil, 1)
	return sha256.Sum256(js), nil
}

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

// LoadBatch rebuilds an anchored batch from the store, with its tree
// recomputed from the stored leaves, for bundles and export.
func (s *Service) LoadBatch(ctx context.Context, seq uint64) (*Batch, BatchRecord, error) {
	br, err := s.store.Batch(ctx, seq)
	if err != nil {
		return nil, br, err
	}
	if br.State != Confirmed {
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
	b := &Batch{Tree: merkle.Build(leaves), Header: br.Header, Credentials: make([]Issued, len(recs))}
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
func (s *Service) Bundle(ctx context.Context, r *Record) (*bundle.Bundle, error) {
	b, br, err := s.LoadBatch(ctx, r.Batch)
	if err != nil {
		return nil, err
	}
	return b.Bundle(int(r.Seq - br.First))
}

// ClaimToken is the learner's claim token for a credential: 128 bits of
// HMAC-SHA256 under the issuer's token key, so it is unguessable, only its
// hash is stored, and the issuer can show it again (export) without keeping it.
func (s *Service) ClaimToken(id string) string {
	if s.cfg.TokenKey == nil {
		return ""
	}
	m := hmac.New(sha256.New, s.cfg.TokenKey)
	m.Write([]byte("credseal/claim/v1\x00" + id))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:16])
}

// TokenHash is what the store keeps of a claim or API token.
func TokenHash(token string) [32]byte { return sha256.Sum256([]byte(token)) }

// Store returns the service's store, for read-only queries.
func (s *Service) Store() Store { return s.store }

// parallel runs f(0..n-1) on workers goroutines, stopping at the first error.
func parallel(ctx context.Context, n, workers int, f func(i int) error) error {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	next := make(chan int, workers)
	go func() {
		defer close(next)
		for i := 0; i < n && ctx.Err() == nil; i++ {
			next <- i
		}
	}()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := f(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if first != nil {
		return first
	}
	return ctx.Err()
}
