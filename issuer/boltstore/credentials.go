package boltstore

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/pkg/credential"
)

// credWire is a credential as stored: fixed-size fields, then the id and
// the document JSON (encodeCred/decodeCred; binary, because issuing 100,000
// credentials spent a third of its time in a JSON encoding of this).
type credWire struct {
	Version                                        credential.Version
	Seed, Digest, ContentHash, TokenHash, RevokeTx [32]byte
	Created                                        time.Time
	Revoked                                        uint8
	ID                                             string
	Document                                       []byte
}

// Layout: version u8 ‖ seed ‖ digest ‖ content ‖ token ‖ revokeTx (32 each)
// ‖ created unix ns i64 ‖ revoked u8 ‖ id length u16 ‖ id ‖ document JSON.
// The version is the digest's (credential.V1 or V2); the layout is the same.
const credFixed = 1 + 5*32 + 8 + 1 + 2

func encodeCred(w *credWire) []byte {
	b := make([]byte, 0, credFixed+len(w.ID)+len(w.Document))
	b = append(b, byte(w.Version))
	for _, h := range []*[32]byte{&w.Seed, &w.Digest, &w.ContentHash, &w.TokenHash, &w.RevokeTx} {
		b = append(b, h[:]...)
	}
	b = binary.BigEndian.AppendUint64(b, uint64(w.Created.UnixNano()))
	b = append(b, w.Revoked)
	b = binary.BigEndian.AppendUint16(b, uint16(len(w.ID)))
	b = append(b, w.ID...)
	return append(b, w.Document...)
}

func decodeCred(v []byte) (credWire, error) {
	var w credWire
	if len(v) < credFixed || v[0] != byte(credential.V1) && v[0] != byte(credential.V2) {
		return w, errors.New("corrupt credential record")
	}
	w.Version = credential.Version(v[0])
	p := v[1:]
	for _, h := range []*[32]byte{&w.Seed, &w.Digest, &w.ContentHash, &w.TokenHash, &w.RevokeTx} {
		copy(h[:], p)
		p = p[32:]
	}
	w.Created = time.Unix(0, int64(binary.BigEndian.Uint64(p))).UTC()
	w.Revoked = p[8]
	n := int(binary.BigEndian.Uint16(p[9:]))
	p = p[11:]
	if len(p) < n {
		return w, errors.New("corrupt credential record")
	}
	w.ID, w.Document = string(p[:n]), p[n:]
	return w, nil
}

// recordOf decodes credential seq's record; its state is loadCred's.
func recordOf(seq uint64, v []byte) (*issuer.StoredCredential, error) {
	w, err := decodeCred(v)
	if err != nil {
		return nil, fmt.Errorf("credential %d: %w", seq, err)
	}
	doc := new(credential.Document)
	if err := json.Unmarshal(w.Document, doc); err != nil {
		return nil, fmt.Errorf("credential %d: %w", seq, err)
	}
	return &issuer.StoredCredential{Seq: seq, ID: w.ID, Document: doc, DocJSON: w.Document, Version: w.Version, Seed: credential.Seed(w.Seed),
		Digest: w.Digest, ContentHash: w.ContentHash, TokenHash: w.TokenHash, Created: w.Created,
		Revoked: w.Revoked, RevokeTx: w.RevokeTx}, nil
}

// pendingSize is the size of a bDigests record: digest ‖ arrival time
// (unix ns, u64), all that batching reads.
const pendingSize = 32 + 8

// Add implements issuer.Store. Credentials and their pending digests are
// appended (sequence numbers only grow), so their pages are filled up. The
// id, content-hash and token indexes are looked up and written in key
// order, so that a large import walks each index once per transaction,
// from its first page to its last, instead of jumping about it.
func (d *DB) Add(_ context.Context, recs []*issuer.StoredCredential, allowDuplicates bool) ([]issuer.AddResult, error) {
	out := make([]issuer.AddResult, len(recs))
	err := d.db.Update(func(tx *bolt.Tx) error {
		m, creds, ids, content, tokens, digests := tx.Bucket(bMeta), tx.Bucket(bCreds), tx.Bucket(bCredIDs),
			tx.Bucket(bContent), tx.Bucket(bTokens), tx.Bucket(bDigests)
		// Appended to only: a split page is never written again, so fill it.
		creds.FillPercent, digests.FillPercent = 1, 1
		// Large imports rewrite most index pages in every transaction: fuller
		// pages are fewer to rewrite, and leave room for a few inserts.
		ids.FillPercent, content.FillPercent, tokens.FillPercent = 0.9, 0.9, 0.9

		// An index's keys in order (equal ones in record order), and for each
		// record the previous one with the same key (-1: none).
		type keyed struct {
			key []byte
			i   int
		}
		type index struct {
			keys []keyed
			prev []int
		}
		sortedKeys := func(key func(*issuer.StoredCredential) []byte) index {
			x := index{keys: make([]keyed, len(recs)), prev: make([]int, len(recs))}
			for i, r := range recs {
				x.keys[i] = keyed{key(r), i}
			}
			slices.SortFunc(x.keys, func(a, b keyed) int { return cmp.Or(bytes.Compare(a.key, b.key), cmp.Compare(a.i, b.i)) })
			for k, e := range x.keys {
				x.prev[e.i] = -1
				if k > 0 && bytes.Equal(x.keys[k-1].key, e.key) {
					x.prev[e.i] = x.keys[k-1].i
				}
			}
			return x
		}
		byID := sortedKeys(func(r *issuer.StoredCredential) []byte { return []byte(r.ID) })
		byContent := sortedKeys(func(r *issuer.StoredCredential) []byte { return r.ContentHash[:] })
		// Sequence numbers already stored under each record's id and content.
		idSeq, contentSeq := make([]uint64, len(recs)), make([]uint64, len(recs))
		for _, e := range byID.keys {
			idSeq[e.i] = btou(ids.Get(e.key))
		}
		for _, e := range byContent.keys {
			contentSeq[e.i] = btou(content.Get(e.key))
		}
		// The first record before each with the same id, or content, that
		// this call stores (-1: none), found as the records are stored.
		stored := make([]bool, len(recs))
		idBefore, contentBefore := make([]int, len(recs)), make([]int, len(recs))
		storedBefore := func(x index, before []int, i int) int {
			before[i] = -1
			if j := x.prev[i]; j >= 0 {
				if before[i] = before[j]; before[i] < 0 && stored[j] {
					before[i] = j
				}
			}
			return before[i]
		}
		seqs := make([]byte, 0, 8*len(recs)) // keys and index values
		seqOf := make([][]byte, len(recs))   // slices of seqs
		pending := make([]byte, 0, pendingSize*len(recs))
		next := btou(m.Get(kNextSeq))
		for i, r := range recs {
			sameContent, sameID := storedBefore(byContent, contentBefore, i), storedBefore(byID, idBefore, i)
			if !allowDuplicates {
				if seq := contentSeq[i]; seq != 0 {
					existing, err := decodeCred(creds.Get(u64(seq)))
					if err != nil {
						return fmt.Errorf("credential %s duplicates credential %d: %w", r.ID, seq, err)
					}
					out[i] = issuer.AddResult{ID: r.ID, Duplicate: true, Existing: existing.ID, Seq: seq}
					continue
				}
				if j := sameContent; j >= 0 {
					out[i] = issuer.AddResult{ID: r.ID, Duplicate: true, Existing: recs[j].ID, Seq: out[j].Seq}
					continue
				}
			}
			// ids are unique, duplicates allowed or not
			if seq := idSeq[i]; seq != 0 {
				out[i] = issuer.AddResult{ID: r.ID, Duplicate: true, Existing: r.ID, Seq: seq}
				continue
			}
			if j := sameID; j >= 0 {
				out[i] = issuer.AddResult{ID: r.ID, Duplicate: true, Existing: r.ID, Seq: out[j].Seq}
				continue
			}
			if r.Version != credential.V1 && r.Version != credential.V2 {
				return fmt.Errorf("credential %s: unknown digest version %d", r.ID, r.Version)
			}
			doc := r.DocJSON
			if doc == nil {
				var err error
				if doc, err = r.Document.JSON(); err != nil {
					return err
				}
			}
			seqs = binary.BigEndian.AppendUint64(seqs, next)
			key := seqs[len(seqs)-8:]
			seqOf[i] = key
			w := credWire{Version: r.Version, Seed: r.Seed, Digest: r.Digest, ContentHash: r.ContentHash, TokenHash: r.TokenHash,
				Created: r.Created, ID: r.ID, Document: doc}
			if err := creds.Put(key, encodeCred(&w)); err != nil {
				return err
			}
			// The pending queue reads only digests and times.
			pending = binary.BigEndian.AppendUint64(append(pending, r.Digest[:]...), uint64(r.Created.UnixNano()))
			if err := digests.Put(key, pending[len(pending)-pendingSize:]); err != nil {
				return err
			}
			stored[i] = true
			r.Seq, r.State = next, issuer.Pending
			out[i] = issuer.AddResult{Seq: next, ID: r.ID}
			next++
		}
		// The indexes, in key order. A content hash stored already keeps its
		// first credential, as does one stored twice by this call.
		for _, e := range byID.keys {
			if stored[e.i] {
				if err := ids.Put(e.key, seqOf[e.i]); err != nil {
					return err
				}
			}
		}
		for _, e := range byContent.keys {
			if stored[e.i] && contentSeq[e.i] == 0 && contentBefore[e.i] < 0 {
				if err := content.Put(e.key, seqOf[e.i]); err != nil {
					return err
				}
			}
		}
		// Of two equal token hashes the later credential wins, as it would Put after Put.
		for _, e := range sortedKeys(func(r *issuer.StoredCredential) []byte { return r.TokenHash[:] }).keys {
			if stored[e.i] && recs[e.i].TokenHash != ([32]byte{}) {
				if err := tokens.Put(e.key, seqOf[e.i]); err != nil {
					return err
				}
			}
		}
		return m.Put(kNextSeq, u64(next))
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Unbatched implements issuer.Store.
func (d *DB) Unbatched(_ context.Context, limit int) ([]credential.Hash, time.Time, error) {
	var out []credential.Hash
	var oldest time.Time
	err := d.db.View(func(tx *bolt.Tx) error {
		first := btou(tx.Bucket(bMeta).Get(kUnbatched))
		c := tx.Bucket(bDigests).Cursor()
		for k, v := c.Seek(u64(first)); k != nil && len(out) < limit; k, v = c.Next() {
			if len(v) != pendingSize {
				return fmt.Errorf("credential %d: corrupt pending record", btou(k))
			}
			if out == nil {
				oldest = time.Unix(0, int64(binary.BigEndian.Uint64(v[32:]))).UTC()
			}
			out = append(out, credential.Hash(v[:32]))
		}
		return nil
	})
	return out, oldest, err
}

// Credential implements issuer.Store.
func (d *DB) Credential(_ context.Context, id string) (*issuer.StoredCredential, error) {
	return d.lookup(bCredIDs, []byte(id), "credential "+id)
}

// ByToken implements issuer.Store.
func (d *DB) ByToken(_ context.Context, tokenHash [32]byte) (*issuer.StoredCredential, error) {
	return d.lookup(bTokens, tokenHash[:], "claim token")
}

// ByDigest implements issuer.Store.
func (d *DB) ByDigest(ctx context.Context, digest [32]byte) (*issuer.StoredCredential, error) {
	seqs, err := d.FindDigests(ctx, map[[32]byte]bool{digest: true})
	if err != nil {
		return nil, err
	}
	seq, ok := seqs[digest]
	if !ok {
		return nil, fmt.Errorf("credential with digest %x: %w", digest, issuer.ErrNotFound)
	}
	return d.BySeq(ctx, seq)
}

// FindDigests implements issuer.Store. It scans the digests once (lookups
// by digest are rare: revocations made outside the service), so they need
// no index of their own.
func (d *DB) FindDigests(_ context.Context, want map[[32]byte]bool) (map[[32]byte]uint64, error) {
	found := map[[32]byte]uint64{}
	err := d.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bDigests).Cursor()
		for k, v := c.First(); k != nil && len(found) < len(want); k, v = c.Next() {
			if len(v) != pendingSize {
				return fmt.Errorf("credential %d: corrupt pending record", btou(k))
			}
			if want[[32]byte(v[:32])] {
				found[[32]byte(v[:32])] = btou(k)
			}
		}
		return nil
	})
	return found, err
}

// BySeq implements issuer.Store.
func (d *DB) BySeq(_ context.Context, seq uint64) (r *issuer.StoredCredential, err error) {
	err = d.db.View(func(tx *bolt.Tx) error {
		r, err = loadCred(tx, seq)
		return err
	})
	return r, err
}

func (d *DB) lookup(index, key []byte, what string) (r *issuer.StoredCredential, err error) {
	err = d.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(index).Get(key)
		if v == nil {
			return fmt.Errorf("%s: %w", what, issuer.ErrNotFound)
		}
		r, err = loadCred(tx, btou(v))
		return err
	})
	return r, err
}

// Range implements issuer.Store.
func (d *DB) Range(_ context.Context, first, size uint64) ([]*issuer.StoredCredential, error) {
	out := make([]*issuer.StoredCredential, 0, size)
	err := d.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bCreds).Cursor()
		for k, v := c.Seek(u64(first)); k != nil && uint64(len(out)) < size; k, v = c.Next() {
			r, err := recordOf(btou(k), v)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		if uint64(len(out)) != size {
			return fmt.Errorf("credentials %d+%d: %w", first, size, issuer.ErrNotFound)
		}
		return nil
	})
	return out, err
}

// SetRevoked implements issuer.Store.
func (d *DB) SetRevoked(_ context.Context, seq uint64, reason uint8, txHash [32]byte, at time.Time) error {
	return d.db.Update(func(tx *bolt.Tx) error {
		creds := tx.Bucket(bCreds)
		v := creds.Get(u64(seq))
		if v == nil {
			return fmt.Errorf("credential %d: %w", seq, issuer.ErrNotFound)
		}
		w, err := decodeCred(v)
		if err != nil {
			return fmt.Errorf("credential %d: %w", seq, err)
		}
		if w.Revoked != 0 {
			return issuer.ErrAlreadyRevoked
		}
		w.Revoked, w.RevokeTx = reason, txHash
		if err := creds.Put(u64(seq), encodeCred(&w)); err != nil {
			return err
		}
		if err := tx.Bucket(bRevokedAt).Put(u64(seq), u64(uint64(at.UnixNano()))); err != nil {
			return err
		}
		m := tx.Bucket(bMeta)
		return m.Put(kRevoked, u64(btou(m.Get(kRevoked))+1))
	})
}

// Counts implements issuer.Store.
func (d *DB) Counts(_ context.Context) (map[issuer.State]int, int, error) {
	counts := map[issuer.State]int{}
	revoked := 0
	err := d.db.View(func(tx *bolt.Tx) error {
		m := tx.Bucket(bMeta)
		counts[issuer.Pending] = int(btou(m.Get(kNextSeq)) - btou(m.Get(kUnbatched)))
		revoked = int(btou(m.Get(kRevoked)))
		return tx.Bucket(bBatches).ForEach(func(k, v []byte) error {
			b, err := batchOf(btou(k), v)
			if err != nil {
				return err
			}
			counts[b.State] += int(b.Size)
			return nil
		})
	})
	return counts, revoked, err
}

// loadCred reads a credential with its state (from its batch).
func loadCred(tx *bolt.Tx, seq uint64) (*issuer.StoredCredential, error) {
	v := tx.Bucket(bCreds).Get(u64(seq))
	if v == nil {
		return nil, fmt.Errorf("credential %d: %w", seq, issuer.ErrNotFound)
	}
	r, err := recordOf(seq, v)
	if err != nil {
		return nil, err
	}
	if at := tx.Bucket(bRevokedAt).Get(u64(seq)); at != nil {
		if len(at) != 8 {
			return nil, fmt.Errorf("credential %d: corrupt revocation time", seq)
		}
		r.RevokedAt = time.Unix(0, int64(btou(at))).UTC()
	}
	r.State = issuer.Pending
	if seq < btou(tx.Bucket(bMeta).Get(kUnbatched)) {
		c := tx.Bucket(bBatchFirst).Cursor()
		k, bs := c.Seek(u64(seq))
		if k == nil || btou(k) > seq {
			_, bs = c.Prev()
		}
		b, err := getBatch(tx, btou(bs))
		if err != nil {
			return nil, err
		}
		r.Batch, r.State = b.Seq, b.State
	}
	return r, nil
}
