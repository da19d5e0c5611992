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
			return fmt.Errorf("anchoring transaction record: %w", err)
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
				return fmt.Errorf("adopted seal %x: %w", s.Seal, err)
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
		if err := json.Unmarshal(v, &s); err != nil {
			return fmt.Errorf("adopted seal %x: %w", seal, err)
		}
		ok = true
		return nil
	})
	return s, ok, err
}
