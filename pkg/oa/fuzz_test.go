package oa

import (
	"errors"
	"testing"
	"time"
)

// FuzzParse feeds Parse arbitrary input, seeded with the vectors: it must
// not panic, must fail only with the package's sentinel errors, and every
// check on a parsed document must finish quickly.
func FuzzParse(f *testing.F) {
	for _, b := range vectors(f) {
		f.Add(b)
	}
	f.Add([]byte(`{"version":"` + SchemaV2 + `","data":{"":{"a":"x"},"b":[[],{}]},"signature":{"type":"SHA3MerkleProof","targetHash":"` +
		"518674ab2b227e5f11e9084f615d57663cde47bce1ba168b4c19c7ee22a73d70" + `","merkleRoot":"` +
		"518674ab2b227e5f11e9084f615d57663cde47bce1ba168b4c19c7ee22a73d70" + `","proof":null},"privacy":{"obfuscatedData":[]}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		start := time.Now()
		d, err := Parse(b)
		if err != nil {
			if !errors.Is(err, ErrNotOpenAttestation) && !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("Parse error wraps no sentinel: %v", err)
			}
			return
		}
		if err := d.CheckIntegrity(); err != nil && !errors.Is(err, ErrTargetHash) {
			t.Fatalf("CheckIntegrity: %v", err)
		}
		if err := d.CheckProof(); err != nil && !errors.Is(err, ErrMerkleProof) {
			t.Fatalf("CheckProof: %v", err)
		}
		if _, err := d.Issuers(); err != nil && !errors.Is(err, ErrMalformed) {
			t.Fatalf("Issuers: %v", err)
		}
		for path := range d.byPath {
			d.Field(path)
		}
		_ = d.Signature()
		_ = d.Obfuscated()
		if el := time.Since(start); el > 5*time.Second {
			t.Fatalf("took %v on %d bytes", el, len(b))
		}
	})
}
