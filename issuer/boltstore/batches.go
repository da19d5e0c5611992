package boltstore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/pkg/merkle"
	"github.com/credseal/credseal/pkg/seal"
)

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
	// Cost is absent in records written before it was kept.
	Cost *issuer.SealCost `json:"sealCost,omitempty"`
}

// putBatch writes a batch record; its leaves and indexes are the caller's.
func putBatch(tx *bolt.Tx, b issuer.StoredBatch) error {
	w := batchWire{First: b.First, Size: b.Size, State: b.State, Block: b.Block, ChainID: b.ChainID, Created: b.Created, Updated: b.Updated}
	if b.State != issuer.Batched {
		h, err := b.Header.MarshalBinary()
		if err != nil {
			return fmt.Errorf("batch %d: %w", b.Seq, err)
		}
		w.Header = h
		if b.Cost != (issuer.SealCost{}) {
			w.Cost = &b.Cost
		}
	}
	if b.State.Anchored() {
		w.Tx, w.Registry, w.Issuer = b.Tx[:], b.Registry[:], b.Issuer[:]
	}
	v, err := json.Marshal(w)
	if err != nil {
		return fmt.Errorf("batch %d: %w", b.Seq, err)
	}
	return tx.Bucket(bBatches).Put(u64(b.Seq), v)
}

// getBatch reads batch seq; a missing one is an issuer.ErrNotFound.
func getBatch(tx *bolt.Tx, seq uint64) (issuer.StoredBatch, error) {
	v := tx.Bucket(bBatches).Get(u64(seq))
	if v == nil {
		return issuer.StoredBatch{}, fmt.Errorf("batch %d: %w", seq, issuer.ErrNotFound)
	}
	return batchOf(seq, v)
}

// batchOf decodes batch seq's record.
func batchOf(seq uint64, v []byte) (issuer.StoredBatch, error) {
	var w batchWire
	if err := json.Unmarshal(v, &w); err != nil {
		return issuer.StoredBatch{}, fmt.Errorf("batch %d: %w", seq, err)
	}
	b := issuer.StoredBatch{Seq: seq, First: w.First, Size: w.Size, State: w.State, Block: w.Block, ChainID: w.ChainID,
		Created: w.Created, Updated: w.Updated}
	if len(w.Header) > 0 {
		h, err := seal.ParseHeader(w.Header)
		if err != nil {
			return issuer.StoredBatch{}, fmt.Errorf("batch %d: %w", seq, err)
		}
		b.Header = h
	}
	if w.Cost != nil {
		b.Cost = *w.Cost
	}
	copy(b.Tx[:], w.Tx)
	copy(b.Registry[:], w.Registry)
	copy(b.Issuer[:], w.Issuer)
	return b, nil
}

// CreateBatch implements issuer.Store.
func (d *DB) CreateBatch(_ context.Context, n int, leaves []merkle.Hash, now time.Time) (issuer.StoredBatch, error) {
	var b issuer.StoredBatch
	if n != len(leaves) || n == 0 {
		return b, fmt.Errorf("create batch: %d credentials, %d leaves", n, len(leaves))
	}
	err := d.db.Update(func(tx *bolt.Tx) error {
		m := tx.Bucket(bMeta)
		first, next, seq := btou(m.Get(kUnbatched)), btou(m.Get(kNextSeq)), btou(m.Get(kNextBatch))
		if first+uint64(n) > next {
			return fmt.Errorf("create batch: only %d credentials pending, not %d", next-first, n)
		}
		b = issuer.StoredBatch{Seq: seq, First: first, Size: uint64(n), State: issuer.Batched, Created: now, Updated: now}
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
func (d *DB) UpdateBatch(_ context.Context, b issuer.StoredBatch) error {
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
func (d *DB) BatchesIn(_ context.Context, states ...issuer.State) ([]issuer.StoredBatch, error) {
	var out []issuer.StoredBatch
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
func (d *DB) Batches(_ context.Context, after uint64, limit int) ([]issuer.StoredBatch, error) {
	var out []issuer.StoredBatch
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
func (d *DB) Batch(_ context.Context, seq uint64) (b issuer.StoredBatch, err error) {
	err = d.db.View(func(tx *bolt.Tx) error {
		b, err = getBatch(tx, seq)
		return err
	})
	return b, err
}

// BatchBySeal implements issuer.Store.
func (d *DB) BatchBySeal(_ context.Context, s [32]byte) (b issuer.StoredBatch, err error) {
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
		if len(v)%32 != 0 {
			return fmt.Errorf("leaves of batch %d: corrupt record of %d bytes", seq, len(v))
		}
		out = make([]merkle.Hash, len(v)/32)
		for i := range out {
			copy(out[i][:], v[32*i:])
		}
		return nil
	})
	return out, err
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
