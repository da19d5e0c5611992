// Package boltstore keeps the issuer's state in a bbolt file: credentials
// with their seeds, batches with their leaves and headers, anchors,
// revocations, claim-token hashes and API-token hashes. Every change is one
// bbolt transaction, fsynced on commit, so a crash loses nothing committed.
//
// Credentials are numbered in arrival order and batches take the oldest
// pending ones, so a batch is a range of sequence numbers: batching,
// sealing and anchoring write one small batch record, never the
// credentials. Proofs are recomputed from the stored leaves.
//
// One file per entity: this one opens the file, creates its buckets and
// writes backups; credentials.go, batches.go, anchors.go (the anchoring
// transaction in flight and adopted seals) and tokens.go (API tokens) hold
// each entity's record codec and methods.
package boltstore

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/credseal/credseal/internal/atomicfile"
	"github.com/credseal/credseal/issuer"
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
	bAdopted    = []byte("adopted-seals")  // seal → issuer.AdoptedSeal as JSON
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

var (
	_ issuer.Store      = (*DB)(nil)
	_ issuer.TokenStore = (*DB)(nil)
)

// Open opens or creates the store at path, waiting at most a second for
// another process's lock.
func Open(path string) (*DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	opts := &bolt.Options{Timeout: time.Second, FreelistType: bolt.FreelistMapType}
	if strconv.IntSize == 64 && runtime.GOOS != "windows" {
		// A large first mapping spares the remaps (each copies every open
		// node) of a database growing by a big intake; on 64-bit Unix it
		// reserves address space, not memory or disk (Windows would grow
		// the file to it).
		opts.InitialMmapSize = 1 << 30
	}
	db, err := bolt.Open(path, 0o600, opts)
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
// It stops when ctx ends (a client that went away, a shutdown): the copy of
// a large database holds a read transaction for as long as it takes.
func (d *DB) Backup(ctx context.Context, w io.Writer) error {
	err := d.db.View(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(ctxWriter{ctx, w})
		return err
	})
	if err != nil && ctx.Err() != nil {
		return ctx.Err() // bbolt's message keeps the words but not the error
	}
	return err
}

// ctxWriter is w until ctx ends.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// BackupFile writes a consistent copy to path, atomically and durably (see
// internal/atomicfile): path holds a whole copy or what it held before.
func (d *DB) BackupFile(ctx context.Context, path string) error {
	if err := atomicfile.Write(path, 0o600, func(w io.Writer) error { return d.Backup(ctx, w) }); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

func u64(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }

// btou reads a u64 written by u64; anything else (nil: absent) reads as 0.
func btou(b []byte) uint64 {
	if len(b) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}
