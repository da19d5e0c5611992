package boltstore

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/pkg/credential"
	"github.com/credseal/credseal/pkg/merkle"
)

// TestCorruptRecordsAreErrors: a record that does not decode is reported,
// with what it belongs to, never read as a zero value.
func TestCorruptRecordsAreErrors(t *testing.T) {
	ctx := context.Background()
	rec := func(id string, content byte) *issuer.StoredCredential {
		return &issuer.StoredCredential{ID: id, DocJSON: []byte("{}"), Version: credential.V1, ContentHash: [32]byte{content},
			Created: time.Unix(1_800_000_000, 0).UTC()}
	}
	seal := [32]byte{7}
	for _, c := range []struct {
		name    string
		bucket  []byte
		key     []byte
		value   []byte
		call    func(*DB) error
		message string
	}{
		{"credential under a duplicate", bCreds, u64(1), []byte("junk"), func(d *DB) error {
			_, err := d.Add(ctx, []*issuer.StoredCredential{rec("b", 1)}, false)
			return err
		}, "credential b duplicates credential 1: corrupt credential record"},
		{"pending record", bDigests, u64(1), []byte("short"), func(d *DB) error {
			_, err := d.FindDigests(ctx, map[[32]byte]bool{{9}: true})
			return err
		}, "credential 1: corrupt pending record"},
		{"revocation time", bRevokedAt, u64(1), []byte("short"), func(d *DB) error {
			_, err := d.BySeq(ctx, 1)
			return err
		}, "credential 1: corrupt revocation time"},
		{"batch", bBatches, u64(1), []byte("{"), func(d *DB) error {
			_, _, err := d.Counts(ctx)
			return err
		}, "batch 1: "},
		{"leaves", bLeaves, u64(1), make([]byte, 33), func(d *DB) error {
			_, err := d.Leaves(ctx, 1)
			return err
		}, "leaves of batch 1: corrupt record of 33 bytes"},
		{"adopted seal", bAdopted, seal[:], []byte("{"), func(d *DB) error {
			_, ok, err := d.Adopted(ctx, seal)
			if ok {
				t.Error("a corrupt adopted seal is reported found")
			}
			return err
		}, "adopted seal 07"},
		{"API token", bAPITokens, []byte("hash"), []byte("{"), func(d *DB) error {
			_, err := d.APITokens(ctx)
			return err
		}, "API token record: "},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := Open(filepath.Join(t.TempDir(), "issuer.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			if _, err := d.Add(ctx, []*issuer.StoredCredential{rec("a", 1)}, false); err != nil {
				t.Fatal(err)
			}
			if _, err := d.CreateBatch(ctx, 1, []merkle.Hash{{1}}, time.Now()); err != nil {
				t.Fatal(err)
			}
			err = d.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(c.bucket).Put(c.key, c.value) })
			if err != nil {
				t.Fatal(err)
			}
			if err := c.call(d); err == nil || !strings.Contains(err.Error(), c.message) {
				t.Fatalf("err = %v, want one saying %q", err, c.message)
			}
		})
	}
}
