package boltstore

import (
	"context"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/credseal/credseal/issuer"
)

// PendingAnchor implements issuer.Store.
func (d *DB) PendingAnchor(_ context.Context) (t *issuer.AnchorTx, err error) {
	err = d.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bMeta).Get(kAnchorTx)
		if v == nil {
			return nil
		}
		t = new(issuer.AnchorTx)
		if err := json.Unmarshal(v, t); err != nil {
			return fmt.Errorf("anchoring transaction record: %w", err)
		}
		return nil
	})
	return t, err
}

// SetPendingAnchor implements issuer.Store. The write is synced before it
// returns, so a transaction is never broadcast without its record.
func (d *DB) SetPendingAnchor(_ context.Context, t *issuer.AnchorTx) error {
	return d.db.Update(func(tx *bolt.Tx) error {
		m := tx.Bucket(bMeta)
		if t == nil {
			return m.Delete(kAnchorTx)
		}
		v, err := json.Marshal(t)
		if err != nil {
			return err
		}
		return m.Put(kAnchorTx, v)
	})
}

// Adopt implements issuer.Store.
func (d *DB) Adopt(_ context.Context, seals []issuer.AdoptedSeal) error {
	return d.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bAdopted)
		for _, s := range seals {
			v, err := json.Marshal(s)
			if err != nil {
				return err
			}
			if err := b.Put(s.Seal[:], v); err != nil {
				return err
			}
		}
		return nil
	})
}

// Adopted implements issuer.Store.
func (d *DB) Adopted(_ context.Context, seal [32]byte) (s issuer.AdoptedSeal, ok bool, err error) {
	err = d.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bAdopted).Get(seal[:])
		if v == nil {
			return nil
		}
		ok = true
		return json.Unmarshal(v, &s)
	})
	return s, ok, err
}

// ByDigest implements issuer.Store.
func (d *DB) ByDigest(ctx context.Context, digest [32]byte) (*issuer.Record, error) {
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
			if len(v) >= 32 && want[[32]byte(v[:32])] {
				found[[32]byte(v[:32])] = btou(k)
			}
		}
		return nil
	})
	return found, err
}
