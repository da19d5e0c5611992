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
	"sync/atomic"
	"time"

	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/credential"
	"github.com/credseal/credseal/pkg/merkle"
	"github.com/credseal/credseal/pkg/seal"
)

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
	// ReplaceAfter is how long an anchoring transaction may wait unmined
	// before it is replaced at the same nonce with higher fees (default 3
	// minutes).
	ReplaceAfter time.Duration
	// LagLimit: health is degraded while a credential has waited longer
	// than this to be anchored (default BatchAge + 10 minutes).
	LagLimit time.Duration
	// MinAnchors: health is degraded while the key's balance pays for fewer
	// anchoring transactions than this at current fees (default 20).
	MinAnchors int64
	// StallAfter: health is degraded while no step has finished for this
	// long (default 2 minutes).
	StallAfter time.Duration
	// RecheckEvery spaces out the re-reading of confirmed batches until
	// they are final (default 10 s; each costs a few calls per batch).
	RecheckEvery time.Duration
	// Log receives notable events (reorganisations, replacements); nil
	// discards them.
	Log func(msg string)
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
	if c.ReplaceAfter <= 0 {
		c.ReplaceAfter = 3 * time.Minute
	}
	if c.LagLimit <= 0 {
		c.LagLimit = c.BatchAge + 10*time.Minute
	}
	if c.MinAnchors <= 0 {
		c.MinAnchors = 20
	}
	if c.StallAfter <= 0 {
		c.StallAfter = 2 * time.Minute
	}
	if c.RecheckEvery <= 0 {
		c.RecheckEvery = 10 * time.Second
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
	step                          sync.Mutex
	replacements, reverts, reorgs atomic.Int64
	health                        healthState
	rechecked                     time.Time // when settle last re-read the confirmed batches (guarded by step)
	// revSync is where Run's reading of revocations from the registry
	// goes on (guarded by step).
	revSync struct {
		next uint64
		at   time.Time
	}
}

// NewService returns a service; chain may be nil for a store-only service
// (intake and status keep working; batches wait to be sealed).
func NewService(store Store, chain Chain, cfg Config) *Service {
	return &Service{store: store, chain: chain, cfg: cfg.withDefaults()}
}

// note reports a notable event to the configured log.
func (s *Service) note(msg string) {
	if s.cfg.Log != nil {
		s.cfg.Log(msg)
	}
}

// ErrNoChain is returned by steps that need the chain when none is configured.
var ErrNoChain = errors.New("issuer: no chain configured")

// Submit validates documents, gives each a fresh seed, hashes them and
// stores them as pending. Re-submitted credentials (same content, ignoring
// the id) are reported as duplicates, not stored, unless allowDuplicates.
// Nothing is stored when a document is invalid.
func (s *Service) Submit(ctx context.Context, docs []*credential.Document, allowDuplicates bool, progress func(done int)) ([]AddResult, error) {
	for i, d := range docs {
		if err := d.Validate(); err != nil {
			return nil, fmt.Errorf("credential %d (%s): %w", i, d.ID, err)
		}
	}
	out := make([]AddResult, 0, len(docs))
	err := s.submit(ctx, func(add func(*credential.Document) error) error {
		for _, d := range docs {
			if err := add(d); err != nil {
				return err
			}
		}
		return nil
	}, allowDuplicates, true, func(res []AddResult) {
		out = append(out, res...)
		if progress != nil {
			progress(len(out))
		}
	})
	return out, err
}

// SubmitStream is Submit for an input too large to hold: read calls add
// with each document in turn, and they are validated, hashed and stored in
// chunks as they come, so that memory holds a few chunks whatever the
// input's size. stored, if not nil, is called with each stored chunk's
// results, in order, from another goroutine, one call at a time.
//
// An invalid document or an error of read stops the stream with an error,
// and the chunks before it stay stored: check an input that must be stored
// whole or not at all before streaming it (SubmitFile does).
func (s *Service) SubmitStream(ctx context.Context, read func(add func(*credential.Document) error) error,
	allowDuplicates bool, stored func([]AddResult)) error {
	return s.submit(ctx, read, allowDuplicates, false, stored)
}

// Intake's chunks. Documents are hashed hashChunk at a time on every core,
// while the reader reads the next ones and the records before them are
// written, in order, by one goroutine, in transactions of up to storeChunk
// records: a large transaction rewrites each page of the store's indexes
// once for many records. Intake holds two store chunks at most, one being
// written and one filling, and three hash chunks (read, queued, hashing).
const hashChunk = 4096

var storeChunk = 25_000 // a variable for tests

// intakeSpan is a run of intake: documents as read, then their records.
type intakeSpan struct {
	first int // the input's number of the first, from 0
	docs  []*credential.Document
	recs  []*Record
}

// errStopped stops reading after hashing or storing failed; their error is returned.
var errStopped = errors.New("issuer: intake stopped")

// submit is Submit's and SubmitStream's engine; documents are validated
// unless validated says the caller did.
func (s *Service) submit(ctx context.Context, read func(add func(*credential.Document) error) error,
	allowDuplicates, validated bool, stored func([]AddResult)) error {
	var (
		toHash   = make(chan intakeSpan, 1)
		toStore  = make(chan intakeSpan) // unbuffered: one span being written, one filling
		stop     = make(chan struct{})
		stopOnce sync.Once
		failure  error
		wg       sync.WaitGroup
	)
	fail := func(err error) {
		stopOnce.Do(func() { failure = err; close(stop) })
	}
	// send passes sp on unless the intake stopped.
	send := func(ch chan intakeSpan, sp intakeSpan) bool {
		select {
		case ch <- sp:
			return true
		case <-stop:
			return false
		case <-ctx.Done():
			fail(ctx.Err())
			return false
		}
	}
	wg.Add(2)
	go func() { // the writer
		defer wg.Done()
		for sp := range toStore {
			res, err := s.store.Add(ctx, sp.recs, allowDuplicates)
			if err != nil {
				fail(fmt.Errorf("store credentials %d-%d: %w", sp.first, sp.first+len(sp.recs)-1, err))
				return
			}
			if stored != nil {
				stored(res)
			}
		}
	}()
	go func() { // the hasher
		defer wg.Done()
		defer close(toStore)
		now := s.cfg.Now().UTC()
		var fill intakeSpan
		for sp := range toHash {
			recs, err := s.hashDocs(ctx, sp, now, validated)
			if err != nil {
				fail(err)
				return
			}
			if len(fill.recs) == 0 {
				fill.first = sp.first
			}
			fill.recs = append(fill.recs, recs...)
			if len(fill.recs) >= storeChunk {
				if !send(toStore, fill) {
					return
				}
				fill = intakeSpan{}
			}
		}
		if len(fill.recs) > 0 {
			send(toStore, fill)
		}
	}()
	var chunk intakeSpan
	n := 0 // documents read
	err := read(func(d *credential.Document) error {
		chunk.docs = append(chunk.docs, d)
		n++
		if len(chunk.docs) < hashChunk {
			return nil
		}
		if !send(toHash, chunk) {
			return errStopped
		}
		chunk = intakeSpan{first: n}
		return nil
	})
	if err == nil && len(chunk.docs) > 0 {
		send(toHash, chunk)
	}
	if err != nil && err != errStopped {
		fail(err)
	}
	close(toHash)
	wg.Wait()
	return failure
}

// hashDocs makes the records of a chunk of documents: a fresh seed each,
// the digest, the content hash and the claim token's hash, on every core.
// The records carry the documents as JSON only (DocJSON), which is all a
// store needs: a large intake then does not hold two forms of each.
func (s *Service) hashDocs(ctx context.Context, sp intakeSpan, now time.Time, validated bool) ([]*Record, error) {
	seeds := make([]byte, 32*len(sp.docs))
	if _, err := rand.Read(seeds); err != nil {
		return nil, fmt.Errorf("credential seeds: %w", err)
	}
	recs := make([]*Record, len(sp.docs))
	err := parallel(ctx, len(sp.docs), s.cfg.Workers, func(i int) error {
		d := sp.docs[i]
		if !validated {
			if err := d.Validate(); err != nil {
				return fmt.Errorf("credential %d (%s): %w", sp.first+i, d.ID, err)
			}
		}
		// MarshalJSON writes what d.JSON() does, without compacting it again.
		js, err := d.MarshalJSON()
		if err != nil {
			return fmt.Errorf("encode credential %s: %w", d.ID, err)
		}
		js = bytes.Clone(js) // not the encoder's larger buffer: the record is held until stored
		r := &Record{ID: d.ID, DocJSON: js, Seed: credential.Seed(seeds[32*i:]), Created: now, State: Pending, Version: credential.Latest}
		if r.ContentHash, err = contentHashOf(d, js); err != nil {
			return err
		}
		r.Digest = d.Digest(r.Seed)
		if s.cfg.TokenKey != nil {
			r.TokenHash = TokenHash(s.ClaimToken(d.ID))
		}
		recs[i] = r
		return nil
	})
	return recs, err
}

// contentHashOf is contentHash(d) computed from js, d's JSON (d.JSON()),
// rather than by encoding d again: js with its id emptied and HTML-escaped
// is what json.Marshal writes of d without an id. The id is the first
// `,"id":` of js (the @context before it holds strings only, in which `,"`
// cannot occur unescaped). Should js not have that shape, contentHash
// encodes d.
func contentHashOf(d *credential.Document, js []byte) ([32]byte, error) {
	const member, noEnd = `,"id":`, `,"validUntil":null`
	id, err := json.Marshal(d.ID)
	i := bytes.Index(js, []byte(member))
	if err != nil || i < 0 || !bytes.HasPrefix(js, []byte(`{"@context":`)) || !bytes.HasPrefix(js[i+len(member):], append(id, ',')) {
		return contentHash(d)
	}
	rest := js[i+len(member)+len(id):]
	h := sha256.New()
	write := func(b []byte) {
		if bytes.ContainsAny(b, "<>&") { // json.Marshal escapes them; U+2028 and U+2029 are escaped in js already
			var buf bytes.Buffer
			json.HTMLEscape(&buf, b)
			b = buf.Bytes()
		}
		h.Write(b)
	}
	write(js[:i])
	h.Write([]byte(member + `""`))
	if j := bytes.Index(rest, []byte(noEnd)); j >= 0 { // as contentHash removes it
		write(rest[:j])
		rest = rest[j+len(noEnd):]
	}
	write(rest)
	return [32]byte(h.Sum(nil)), nil
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
