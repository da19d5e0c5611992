package boltstore

import (
	"context"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/credseal/credseal/issuer"
)

// API tokens are stored as JSON under the SHA-256 of the token
// (issuer.TokenHash); the token itself is stored nowhere.

func encodeToken(t issuer.APIToken) ([]byte, error) {
	v, err := json.Marshal(t)
	if err != nil {
		return nil, fmt.Errorf("API token %q: %w", t.Name, err)
	}
	return v, nil
}

// decodeToken reads a token record; one written before scopes existed gets
// issuer.LegacyScopes.
func decodeToken(v []byte) (issuer.APIToken, error) {
	var t issuer.APIToken
	if err := json.Unmarshal(v, &t); err != nil {
		return issuer.APIToken{}, fmt.Errorf("API token record: %w", err)
	}
	if t.Scopes == nil {
		t.Scopes = issuer.LegacyScopes
	}
	return t, nil
}

// PutAPIToken implements issuer.TokenStore.
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
		v, err := encodeToken(t)
		if err != nil {
			return err
		}
		return b.Put(hash[:], v)
	})
}

// APIToken implements issuer.TokenStore.
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

// RevokeAPIToken implements issuer.TokenStore.
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
				nv, err := encodeToken(t)
				if err != nil {
					return err
				}
				return b.Put(k, nv)
			}
		}
		return fmt.Errorf("API token %q: %w", name, issuer.ErrNotFound)
	})
}

// APITokens implements issuer.TokenStore.
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
