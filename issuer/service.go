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
