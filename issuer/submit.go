package issuer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/credseal/credseal/pkg/credential"
)

// Submit validates documents, gives each a fresh seed, hashes them and
// stores them as pending. Re-submitted credentials (same content, ignoring
// the id) are reported as duplicates, not stored, unless allowDuplicates.
// Nothing is stored when a document is invalid.
func (s *Service) Submit(ctx context.Context, docs []*credential.Document, allowDuplicates bool, progress func(done int)) ([]AddResult, error) {
	if err := validateAll(ctx, docs, s.cfg.Workers); err != nil {
		return nil, err
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
	recs  []*StoredCredential
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

// hashDocs makes the records of a chunk of documents: each validated
// (unless the caller did) and encoded once, its content hash and its claim
// token's hash, on every core; then the issuing core's seeds and digests.
// The records carry the documents as JSON only (DocJSON), which is all a
// store needs: a large intake then does not hold two forms of each.
func (s *Service) hashDocs(ctx context.Context, sp intakeSpan, now time.Time, validated bool) ([]*StoredCredential, error) {
	recs := make([]*StoredCredential, len(sp.docs))
	err := inChunks(ctx, len(sp.docs), s.cfg.Workers, func(ctx context.Context, lo, hi int) error {
		for i := lo; i < hi && ctx.Err() == nil; i++ {
			d := sp.docs[i]
			var js []byte
			var err error
			if validated {
				js, err = d.MarshalJSON() // what d.JSON() writes, without compacting it again
			} else {
				js, err = d.ValidatedJSON()
			}
			if err != nil {
				return fmt.Errorf("credential %d (%s): %w", sp.first+i, d.ID, err)
			}
			js = bytes.Clone(js) // not the encoder's larger buffer: the record is held until stored
			r := &StoredCredential{ID: d.ID, DocJSON: js, Created: now, State: Pending, Version: credential.Latest}
			if r.ContentHash, err = contentHashOf(d, js); err != nil {
				return err
			}
			if s.cfg.TokenKey != nil {
				r.TokenHash = TokenHash(s.ClaimToken(d.ID))
			}
			recs[i] = r
		}
		return ctx.Err()
	})
	if err != nil {
		return nil, err
	}
	hashed, err := digestAll(ctx, sp.docs, s.cfg.Workers, sp.first, nil)
	if err != nil {
		return nil, err
	}
	for i, r := range recs {
		r.Seed, r.Digest = hashed.seeds[i], hashed.digests[i]
	}
	return recs, nil
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
