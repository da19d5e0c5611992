// Package boltstore keeps the issuer's state in a bbolt file: credentials
// with their seeds, batches with their leaves and headers, anchors,
// revocations, claim-token hashes and API-token hashes. Every change is one
// bbolt transaction, fsynced on commit, so a crash loses nothing committed.
//
// Credentials are numbered in arrival order and batches take the oldest
// pending ones, so a batch is a range of sequence numbers: batching,
// sealing and anchoring write one small batch record, never the
// credentials. Proofs are recomputed from the stored leaves.
package boltstore

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/pkg/credential"
	"github.com/credseal/credseal/pkg/merkle"
	"github.com/credseal/credseal/pkg/seal"
)

var (
	bMeta       = []byte("meta")
	bCreds      = []byte("credentials") // seq → credential
	bCredIDs    = []byte("credential-ids")
	bContent    = []byte("content-hashes") // content hash → seq
	bTokens     = []byte("claim-tokens")   // token hash → seq
	bBatches    = []byte("batches")        // seq → batch
	bBatchFirst = []byte("batch-first")    // first credential seq → batch seq
	bLeaves     = []byte("leaves")         // batch seq → leaf hashes
	bSeals      = []byte("seals")          // seal → batch seq
	bAPITokens  = []byte("api-tokens")     // token hash → token record
	bDigests    = []byte("digests")        // seq → digest ‖ arrival time, for batching
	bAdopted    = []byte("adopted-seals")  // seal → adoptedWire
	bRevokedAt  = []byte("revoked-at")     // credential seq → unix nanoseconds

	kNextSeq   = []byte("next-credential")
	kUnbatched = []byte("first-unbatched")
	kNextBatch = []byte("next-batch")
	kRevoked   = []byte("revoked")
	kSchema    = []byte("schema")
	kAnchorTx  = []byte("anchor-tx") // the anchoring transaction in flight
)

const schema = "credseal-issuer/1"

// ErrLocked is returned when another process has the file open.
var ErrLocked = errors.New("boltstore: the issuer database is in use by another process")

// DB is the bbolt-backed issuer store.
type DB struct {
	db *bolt.DB
}

var _ issuer.Store = (*DB)(nil)

// Open opens or creates the store at path, waiting at most a second for
// another process's lock.
func Open(path string) (*DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("%w: %s", ErrLocked, path)
	}
	if err != nil {
		return nil, fmt.Errorf("open issuer database %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bMeta, bCreds, bCredIDs, bContent, bTokens, bBatches, bBatchFirst, bLeaves, bSeals, bAPITokens, bDigests,
			bAdopted, bRevokedAt} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		m := tx.Bucket(bMeta)
		if v := m.Get(kSchema); v != nil && string(v) != schema {
			return fmt.Errorf("unknown schema %q", v)
		}
		if err := m.Put(kSchema, []byte(schema)); err != nil {
			return err
		}
		for _, k := range [][]byte{kNextSeq, kUnbatched, kNextBatch} {
			if m.Get(k) == nil {
				if err := m.Put(k, u64(1)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open issuer database %s: %w", path, err)
	}
	return &DB{db: db}, nil
}

// Close closes the file.
func (d *DB) Close() error { return d.db.Close() }

// Backup writes a consistent copy of the database while it stays in use.
func (d *DB) Backup(w io.Writer) error {
	return d.db.View(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(w)
		return err
	})
}

// BackupFile writes a consistent copy to path (atomically: a temp file
// renamed into place).
func (d *DB) BackupFile(path string) error {
	tmp := path + ".partial"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := d.Backup(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("backup: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("backup: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return os.Rename(tmp, path)
}

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

// batchWire is a batch as stored.
type batchWire struct {
	First    uint64       `json:"first"`
	Size     uint64       `json:"size"`
	State    issuer.State `json:"state"`
	Header   []byte       `json:"header,omitempty"`
	Tx       []byte       `json:"tx,omitempty"`
	Block    uint64       `json:"block,omitempty"`
	ChainID  uint64       `json:"chainId,omitempty"`
	Registry []byte       `json:"registry,omitempty"`
	Issuer   []byte       `json:"issuer,omitempty"`
	Created  time.Time    `json:"created"`
	Updated  time.Time    `json:"updated"`
}

// Add implements issuer.Store. Credentials and their pending digests are
// appended (sequence numbers only grow), so their pages are filled up. The
// id, content-hash and token indexes are looked up and written in key
// order, so that a large import walks each index once per transaction,
// from its first page to its last, instead of jumping about it.
func (d *DB) Add(_ context.Context, recs []*issuer.Record, allowDuplicates bool) ([]issuer.AddResult, error) {
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
		sortedKeys := func(key func(*issuer.Record) []byte) index {
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
		byID := sortedKeys(func(r *issuer.Record) []byte { return []byte(r.ID) })
		byContent := sortedKeys(func(r *issuer.Record) []byte { return r.ContentHash[:] })
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
		seqs := make([]byte, 0, 8*len(recs))     // keys and index values
		seqOf := make([][]byte, len(recs))       // slices of seqs
		pending := make([]byte, 0, 40*len(recs)) // digest ‖ arrival time
		next := btou(m.Get(kNextSeq))
		for i, r := range recs {
			sameContent, sameID := storedBefore(byContent, contentBefore, i), storedBefore(byID, idBefore, i)
			if !allowDuplicates {
				if seq := contentSeq[i]; seq != 0 {
					existing, _ := decodeCred(creds.Get(u64(seq)))
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
			if err := digests.Put(key, pending[len(pending)-40:]); err != nil {
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
		for _, e := range sortedKeys(func(r *issuer.Record) []byte { return r.TokenHash[:] }).keys {
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
			if len(v) != 40 {
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

// CreateBatch implements issuer.Store.
func (d *DB) CreateBatch(_ context.Context, n int, leaves []merkle.Hash, now time.Time) (issuer.BatchRecord, error) {
	var b issuer.BatchRecord
	if n != len(leaves) || n == 0 {
		return b, fmt.Errorf("create batch: %d credentials, %d leaves", n, len(leaves))
	}
	err := d.db.Update(func(tx *bolt.Tx) error {
		m := tx.Bucket(bMeta)
		first, next, seq := btou(m.Get(kUnbatched)), btou(m.Get(kNextSeq)), btou(m.Get(kNextBatch))
		if first+uint64(n) > next {
			return fmt.Errorf("create batch: only %d credentials pending, not %d", next-first, n)
		}
		b = issuer.BatchRecord{Seq: seq, First: first, Size: uint64(n), State: issuer.Batched, Created: now, Updated: now}
		blob := make([]byte, 0, 32*n)
		for _, l := range leaves {
			blob = append(blob, l[:]...)
		}
		if err := tx.Bucket(bLeaves).Put(u64(seq), blob); err != nil {
			return err
		}
		if err := tx.Bucket(bBatchFirst).Put(u64(first), u64(seq)); err != nil {
			return err
		}
		if err := putBatch(tx, b); err != nil {
			return err
		}
		if err := m.Put(kUnbatched, u64(first+uint64(n))); err != nil {
			return err
		}
		return m.Put(kNextBatch, u64(seq+1))
	})
	return b, err
}

// UpdateBatch implements issuer.Store.
func (d *DB) UpdateBatch(_ context.Context, b issuer.BatchRecord) error {
	return d.db.Update(func(tx *bolt.Tx) error {
		old, err := getBatch(tx, b.Seq)
		if err != nil {
			return err
		}
		if old.First != b.First || old.Size != b.Size {
			return fmt.Errorf("update batch %d: its credentials cannot change", b.Seq)
		}
		seals := tx.Bucket(bSeals)
		if old.State != issuer.Batched {
			if err := seals.Delete(sealKey(old.Header)); err != nil {
				return err
			}
		}
		if b.State != issuer.Batched && b.State != issuer.Pending {
			if err := seals.Put(sealKey(b.Header), u64(b.Seq)); err != nil {
				return err
			}
		}
		return putBatch(tx, b)
	})
}

func sealKey(h seal.Header) []byte {
	s := h.Hash()
	return s[:]
}

// BatchesIn implements issuer.Store.
func (d *DB) BatchesIn(_ context.Context, states ...issuer.State) ([]issuer.BatchRecord, error) {
	var out []issuer.BatchRecord
	err := d.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bBatches).ForEach(func(k, v []byte) error {
			b, err := batchOf(btou(k), v)
			if err != nil {
				return err
			}
			for _, s := range states {
				if b.State == s {
					out = append(out, b)
				}
			}
			return nil
		})
	})
	return out, err
}

// Batches implements issuer.Store.
func (d *DB) Batches(_ context.Context, after uint64, limit int) ([]issuer.BatchRecord, error) {
	var out []issuer.BatchRecord
	err := d.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bBatches).Cursor()
		for k, v := c.Seek(u64(after + 1)); k != nil && len(out) < limit; k, v = c.Next() {
			b, err := batchOf(btou(k), v)
			if err != nil {
				return err
			}
			out = append(out, b)
		}
		return nil
	})
	return out, err
}

// Batch implements issuer.Store.
func (d *DB) Batch(_ context.Context, seq uint64) (b issuer.BatchRecord, err error) {
	err = d.db.View(func(tx *bolt.Tx) error {
		b, err = getBatch(tx, seq)
		return err
	})
	return b, err
}

// BatchBySeal implements issuer.Store.
func (d *DB) BatchBySeal(_ context.Context, s [32]byte) (b issuer.BatchRecord, err error) {
	err = d.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bSeals).Get(s[:])
		if v == nil {
			return fmt.Errorf("batch with seal %x: %w", s, issuer.ErrNotFound)
		}
		b, err = getBatch(tx, btou(v))
		return err
	})
	return b, err
}

// Leaves implements issuer.Store.
func (d *DB) Leaves(_ context.Context, seq uint64) ([]merkle.Hash, error) {
	var out []merkle.Hash
	err := d.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bLeaves).Get(u64(seq))
		if v == nil {
			return fmt.Errorf("leaves of batch %d: %w", seq, issuer.ErrNotFound)
		}
		out = make([]merkle.Hash, len(v)/32)
		for i := range out {
			copy(out[i][:], v[32*i:])
		}
		return nil
	})
	return out, err
}

// Credential implements issuer.Store.
func (d *DB) Credential(_ context.Context, id string) (*issuer.Record, error) {
	return d.lookup(bCredIDs, []byte(id), "credential "+id)
}

// ByToken implements issuer.Store.
func (d *DB) ByToken(_ context.Context, tokenHash [32]byte) (*issuer.Record, error) {
	return d.lookup(bTokens, tokenHash[:], "claim token")
}

// BySeq implements issuer.Store.
func (d *DB) BySeq(_ context.Context, seq uint64) (r *issuer.Record, err error) {
	err = d.db.View(func(tx *bolt.Tx) error {
		r, err = loadCred(tx, seq)
		return err
	})
	return r, err
}

func (d *DB) lookup(index, key []byte, what string) (r *issuer.Record, err error) {
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
func (d *DB) Range(_ context.Context, first, size uint64) ([]*issuer.Record, error) {
	out := make([]*issuer.Record, 0, size)
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
			counts[b.State] += int(b.Size)
			return err
		})
	})
	return counts, revoked, err
}

// LastSeal implements issuer.Store.
func (d *DB) LastSeal(_ context.Context) (s [32]byte, ok bool, err error) {
	err = d.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bBatches).Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			b, err := batchOf(btou(k), v)
			if err != nil {
				return err
			}
			if b.State != issuer.Batched {
				s, ok = b.Seal(), true
				return nil
			}
		}
		return nil
	})
	return s, ok, err
}

// loadCred reads a credential with its state (from its batch).
func loadCred(tx *bolt.Tx, seq uint64) (*issuer.Record, error) {
	v := tx.Bucket(bCreds).Get(u64(seq))
	if v == nil {
		return nil, fmt.Errorf("credential %d: %w", seq, issuer.ErrNotFound)
	}
	r, err := recordOf(seq, v)
	if err != nil {
		return nil, err
	}
	if at := tx.Bucket(bRevokedAt).Get(u64(seq)); at != nil {
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

func recordOf(seq uint64, v []byte) (*issuer.Record, error) {
	w, err := decodeCred(v)
	if err != nil {
		return nil, fmt.Errorf("credential %d: %w", seq, err)
	}
	doc := new(credential.Document)
	if err := json.Unmarshal(w.Document, doc); err != nil {
		return nil, fmt.Errorf("credential %d: %w", seq, err)
	}
	return &issuer.Record{Seq: seq, ID: w.ID, Document: doc, DocJSON: w.Document, Version: w.Version, Seed: credential.Seed(w.Seed),
		Digest: w.Digest, ContentHash: w.ContentHash, TokenHash: w.TokenHash, Created: w.Created,
		Revoked: w.Revoked, RevokeTx: w.RevokeTx}, nil
}

func putBatch(tx *bolt.Tx, b issuer.BatchRecord) error {
	w := batchWire{First: b.First, Size: b.Size, State: b.State, Block: b.Block, ChainID: b.ChainID, Created: b.Created, Updated: b.Updated}
	if b.State != issuer.Batched {
		w.Header, _ = b.Header.MarshalBinary()
	}
	if b.State.Anchored() {
		w.Tx, w.Registry, w.Issuer = b.Tx[:], b.Registry[:], b.Issuer[:]
	}
	v, err := json.Marshal(w)
	if err != nil {
		return err
	}
	return tx.Bucket(bBatches).Put(u64(b.Seq), v)
}

func getBatch(tx *bolt.Tx, seq uint64) (issuer.BatchRecord, error) {
	v := tx.Bucket(bBatches).Get(u64(seq))
	if v == nil {
		return issuer.BatchRecord{}, fmt.Errorf("batch %d: %w", seq, issuer.ErrNotFound)
	}
	return batchOf(seq, v)
}

func batchOf(seq uint64, v []byte) (issuer.BatchRecord, error) {
	var w batchWire
	if err := json.Unmarshal(v, &w); err != nil {
		return issuer.BatchRecord{}, fmt.Errorf("batch %d: %w", seq, err)
	}
	b := issuer.BatchRecord{Seq: seq, First: w.First, Size: w.Size, State: w.State, Block: w.Block, ChainID: w.ChainID,
		Created: w.Created, Updated: w.Updated}
	if len(w.Header) > 0 {
		h, err := seal.ParseHeader(w.Header)
		if err != nil {
			return b, fmt.Errorf("batch %d: %w", seq, err)
		}
		b.Header = h
	}
	copy(b.Tx[:], w.Tx)
	copy(b.Registry[:], w.Registry)
	copy(b.Issuer[:], w.Issuer)
	return b, nil
}

func u64(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }

func btou(b []byte) uint64 {
	if len(b) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}

// PutAPIToken records a new API token under its hash; its name must not
// be a live token's.
func (d *DB) PutAPIToken(_ context.Context, hash [32]byte, t issuer.APIToken) error {
	return d.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bAPITokens)
		if b.Get(hash[:]) != nil {
			return fmt.Errorf("%w: that token exists", issuer.ErrBadToken)
		}
		err := b.ForEach(func(_, v []byte) error {
			old, err := decodeToken(v)
			if err != nil {
				return err
			}
			if old.Name == t.Name && !old.Revoked {
				return fmt.Errorf("%w: an API token named %q exists", issuer.ErrBadToken, t.Name)
			}
			return nil
		})
		if err != nil {
			return err
		}
		v, err := json.Marshal(t)
		if err != nil {
			return err
		}
		return b.Put(hash[:], v)
	})
}

// APIToken finds a token by its hash; ok is false when unknown or revoked.
func (d *DB) APIToken(_ context.Context, hash [32]byte) (t issuer.APIToken, ok bool, err error) {
	err = d.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bAPITokens).Get(hash[:])
		if v == nil {
			return nil
		}
		if t, err = decodeToken(v); err != nil {
			return err
		}
		ok = !t.Revoked
		return nil
	})
	return t, ok, err
}

// RevokeAPIToken revokes the live token with that name.
func (d *DB) RevokeAPIToken(_ context.Context, name string) error {
	return d.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bAPITokens)
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			t, err := decodeToken(v)
			if err != nil {
				return err
			}
			if t.Name == name && !t.Revoked {
				t.Revoked = true
				nv, err := json.Marshal(t)
				if err != nil {
					return err
				}
				return b.Put(k, nv)
			}
		}
		return fmt.Errorf("API token %q: %w", name, issuer.ErrNotFound)
	})
}

// APITokens lists every token record, revoked ones included.
func (d *DB) APITokens(_ context.Context) ([]issuer.APIToken, error) {
	var out []issuer.APIToken
	err := d.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bAPITokens).ForEach(func(_, v []byte) error {
			t, err := decodeToken(v)
			if err != nil {
				return err
			}
			out = append(out, t)
			return nil
		})
	})
	return out, err
}

// decodeToken reads a token record; one written before scopes existed gets
// issuer.LegacyScopes.
func decodeToken(v []byte) (issuer.APIToken, error) {
	var t issuer.APIToken
	if err := json.Unmarshal(v, &t); err != nil {
		return t, fmt.Errorf("API token record: %w", err)
	}
	if t.Scopes == nil {
		t.Scopes = issuer.LegacyScopes
	}
	return t, nil
}
