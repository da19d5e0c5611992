package oa

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"

	"golang.org/x/crypto/sha3"
)

// Digest recomputes the target hash as the library's digestDocument does:
// each flattened data leaf is hashed as keccak256 of the JSON.stringify of
// {path: value}, in lower-case hex; those hex strings and the ones in
// privacy.obfuscatedData are sorted, and the digest is keccak256 of the
// JSON.stringify of that array of strings.
func (d *Document) Digest() ([32]byte, error) {
	hashes := make([]string, 0, len(d.leaves)+len(d.obfuscated))
	hashes = append(hashes, d.obfuscated...)
	var buf []byte
	var sum [32]byte
	h := sha3.NewLegacyKeccak256()
	for _, l := range d.leaves {
		buf = append(buf[:0], '{')
		buf = appendJSString(buf, l.path)
		buf = append(buf, ':')
		var err error
		if buf, err = appendJSValue(buf, l.value); err != nil {
			return sum, fmt.Errorf("oa: digest of %q: %w", l.path, err)
		}
		buf = append(buf, '}')
		h.Reset()
		h.Write(buf)
		h.Sum(sum[:0])
		hashes = append(hashes, hex.EncodeToString(sum[:]))
	}
	// The strings are ASCII hex, so Go's byte order is JavaScript's
	// UTF-16 code unit order that lodash sortBy uses.
	sort.Strings(hashes)
	buf = append(make([]byte, 0, 2+67*len(hashes)), '[')
	for i, s := range hashes {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendJSString(buf, s)
	}
	buf = append(buf, ']')
	return keccak256(buf), nil
}

// CheckIntegrity recomputes the digest and compares it with
// signature.targetHash as text, as the library does (so an upper-case
// targetHash fails). It returns an error wrapping ErrTargetHash on mismatch.
func (d *Document) CheckIntegrity() error {
	sum, err := d.Digest()
	if err != nil {
		return err
	}
	if got := hex.EncodeToString(sum[:]); got != d.targetHex {
		return fmt.Errorf("oa: %w: data hashes to %s, signature.targetHash is %s", ErrTargetHash, got, d.targetHex)
	}
	return nil
}

// CheckProof walks the Merkle proof from signature.targetHash and returns
// an error wrapping ErrMerkleProof unless it reaches signature.merkleRoot.
// Each step hashes the current hash and the next proof element, the smaller
// first (keccak256 of the 64 bytes).
func (d *Document) CheckProof() error {
	hs := d.IntermediateHashes()
	if got := hs[len(hs)-1]; got != d.sig.MerkleRoot {
		return fmt.Errorf("oa: %w: proof reaches %x, signature.merkleRoot is %x", ErrMerkleProof, got, d.sig.MerkleRoot)
	}
	return nil
}

// IntermediateHashes returns signature.targetHash followed by each hash
// computed on the way up the Merkle proof; the last is the merkle root when
// CheckProof passes. OpenAttestation's verifier treats a document as revoked
// when its DocumentStore has revoked any of them.
func (d *Document) IntermediateHashes() [][32]byte {
	out := make([][32]byte, 1, len(d.sig.Proof)+1)
	out[0] = d.sig.TargetHash
	for _, p := range d.sig.Proof {
		out = append(out, combine(out[len(out)-1], p))
	}
	return out
}

// combine is the library's combineHashBuffers: keccak256 of the two hashes
// concatenated in ascending byte order.
func combine(a, b [32]byte) [32]byte {
	if bytes.Compare(a[:], b[:]) > 0 {
		a, b = b, a
	}
	return keccak256(a[:], b[:])
}

// appendJSValue appends a leaf value as JSON.stringify writes it.
func appendJSValue(b []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case string:
		return appendJSString(b, x), nil
	case json.Number:
		return append(b, jsonNumber(x)...), nil
	case bool:
		if x {
			return append(b, "true"...), nil
		}
		return append(b, "false"...), nil
	case nil:
		return append(b, "null"...), nil
	case []any:
		if len(x) == 0 {
			return append(b, "[]"...), nil
		}
	case map[string]any:
		if len(x) == 0 {
			return append(b, "{}"...), nil
		}
	}
	return b, fmt.Errorf("unexpected leaf of type %T", v)
}

// keccak256 is Ethereum's Keccak-256 (the original padding, not SHA3-256).
func keccak256(parts ...[]byte) [32]byte {
	h := sha3.NewLegacyKeccak256()
	for _, p := range parts {
		h.Write(p)
	}
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}
