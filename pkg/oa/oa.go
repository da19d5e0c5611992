// Package oa reads and checks OpenAttestation v2 wrapped documents, as
// @govtechsg/open-attestation 6.9.7 wrapDocuments makes them, with the
// library's exact algorithms (flattening, salting, JSON.stringify, keccak256,
// the Merkle proof), so that a document it verifies verifies here and one it
// rejects is rejected here, but for the refusals listed last.
//
// What it checks:
//   - integrity (CheckIntegrity): the salted data, flattened to one leaf per
//     path, each leaf hashed as the JavaScript JSON.stringify of {path: value},
//     together with the hashes of fields the holder obfuscated, hashes to
//     signature.targetHash;
//   - the batch (CheckProof): the sorted-pair keccak256 Merkle proof leads
//     from signature.targetHash to signature.merkleRoot;
//   - status, through Store: whether an OpenAttestation DocumentStore
//     contract has issued a merkle root or revoked a hash.
//
// What it does not check: issuer identity (the DNS-TXT record that ties a
// domain to a store, DID and DNS-DID proofs), signatures other than
// SHA3MerkleProof (documents signed by a DID key), token registries
// (transferable records), the OpenAttestation JSON schema of the data, and
// OpenAttestation v3 documents. A caller that shows a document as verified
// must do the identity and status checks itself.
//
// Where the library's behaviour would leave part of a document unprotected,
// Parse refuses the document instead (ErrMalformed): a top-level data key
// "__proto__" (the library leaves its value out of the hash), two data paths
// that flatten to the same string (the library hashes only one), and the
// top-level keys "signature.targetHash" and "privacy.obfuscatedData" (the
// library reads them in place of the nested fields, which lets altered data
// pass its integrity check). Invalid UTF-8 and unpaired UTF-16 surrogate
// escapes, which a Go and a JavaScript reader decode differently, are refused
// too.
package oa

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxDocumentSize is the largest input Parse accepts, in bytes.
const MaxDocumentSize = 1 << 20

// SchemaV2 is the version every OpenAttestation v2 document carries.
const SchemaV2 = "https://schema.openattestation.com/2.0/schema.json"

// SignatureType is the only signature type this package checks.
const SignatureType = "SHA3MerkleProof"

// maxFlatKeyBytes bounds the total length of the flattened paths, so that a
// small document nested deeply or under long keys cannot cost gigabytes.
const maxFlatKeyBytes = 8 * MaxDocumentSize

var (
	// ErrNotOpenAttestation means the input is not an OpenAttestation v2
	// wrapped document at all (not a JSON object, or no v2 version), so a
	// caller may try other formats.
	ErrNotOpenAttestation = errors.New("not an OpenAttestation v2 wrapped document")
	// ErrMalformed means the input claims to be OpenAttestation v2 but a
	// required part is missing, badly typed, or ambiguous.
	ErrMalformed = errors.New("malformed OpenAttestation v2 document")
	// ErrTooLarge means the input is larger than MaxDocumentSize.
	ErrTooLarge = errors.New("document too large")
	// ErrTargetHash means the data does not hash to signature.targetHash:
	// the content was altered.
	ErrTargetHash = errors.New("data does not hash to signature.targetHash")
	// ErrMerkleProof means the proof from signature.targetHash does not
	// reach signature.merkleRoot.
	ErrMerkleProof = errors.New("merkle proof does not reach signature.merkleRoot")
)

// Signature is a document's SHA3MerkleProof signature.
type Signature struct {
	Type       string     // always SignatureType
	TargetHash [32]byte   // the hash of this document's data
	MerkleRoot [32]byte   // the root of the batch it was wrapped in
	Proof      [][32]byte // sibling hashes from TargetHash up to MerkleRoot
}

// Document is a parsed OpenAttestation v2 wrapped document. It keeps the
// input bytes and the salted data; nothing is unsalted until asked for.
type Document struct {
	raw        []byte
	data       map[string]any // salted data; numbers as json.Number
	leaves     []leaf         // data flattened as the library does, sorted by path
	byPath     map[string]any // leaf values by path
	obfuscated []string       // privacy.obfuscatedData as written
	sig        Signature
	targetHex  string // signature.targetHash as written
}

// leaf is one flattened data field: a string, json.Number, bool, nil, or an
// empty []any or map[string]any.
type leaf struct {
	path  string
	value any
}

// Parse reads an OpenAttestation v2 wrapped document. It is strict: the
// version must be SchemaV2, signature.type SignatureType, every hash 64 hex
// digits, and data an object; it checks no hash (see CheckIntegrity and
// CheckProof).
func Parse(data []byte) (*Document, error) {
	if len(data) > MaxDocumentSize {
		return nil, fmt.Errorf("oa: %w: %d bytes, the limit is %d", ErrTooLarge, len(data), MaxDocumentSize)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil || top == nil {
		return nil, fmt.Errorf("oa: %w: not a JSON object", ErrNotOpenAttestation)
	}
	var version string
	if err := json.Unmarshal(top["version"], &version); err != nil || version != SchemaV2 {
		return nil, fmt.Errorf("oa: %w: version is not %s", ErrNotOpenAttestation, SchemaV2)
	}
	if !utf8.Valid(data) {
		return nil, malformed("not valid UTF-8")
	}
	if err := checkSurrogates(data); err != nil {
		return nil, err
	}
	for _, k := range []string{"signature.targetHash", "privacy.obfuscatedData"} {
		if _, ok := top[k]; ok {
			return nil, malformed("top-level key %q, which OpenAttestation reads in place of the nested field", k)
		}
	}
	d := &Document{raw: bytes.Clone(data)}
	if err := d.parseData(top["data"]); err != nil {
		return nil, err
	}
	if err := d.parseSignature(top["signature"]); err != nil {
		return nil, err
	}
	if err := d.parsePrivacy(top["privacy"]); err != nil {
		return nil, err
	}
	return d, nil
}

func (d *Document) parseData(raw json.RawMessage) error {
	if raw == nil {
		return malformed("no data")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return malformed("data: %v", err)
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return malformed("data is not an object")
	}
	f := flattener{byPath: map[string]any{}, budget: maxFlatKeyBytes}
	if err := f.walk("", obj); err != nil {
		return err
	}
	d.data, d.leaves, d.byPath = obj, f.leaves, f.byPath
	return nil
}

func (d *Document) parseSignature(raw json.RawMessage) error {
	var sig map[string]json.RawMessage
	if err := json.Unmarshal(raw, &sig); err != nil || sig == nil {
		return malformed("signature is not an object")
	}
	var typ, target, root string
	var proof []string
	if err := json.Unmarshal(sig["type"], &typ); err != nil || typ != SignatureType {
		return malformed("signature.type is not %s", SignatureType)
	}
	if err := json.Unmarshal(sig["targetHash"], &target); err != nil {
		return malformed("signature.targetHash is not a string")
	}
	if err := json.Unmarshal(sig["merkleRoot"], &root); err != nil {
		return malformed("signature.merkleRoot is not a string")
	}
	// The library reads a missing or null proof as empty.
	if p, ok := sig["proof"]; ok {
		if err := json.Unmarshal(p, &proof); err != nil {
			return malformed("signature.proof is not an array of strings")
		}
	}
	d.sig.Type = typ
	var err error
	if d.sig.TargetHash, err = parseHash("signature.targetHash", target); err != nil {
		return err
	}
	if d.sig.MerkleRoot, err = parseHash("signature.merkleRoot", root); err != nil {
		return err
	}
	d.sig.Proof = make([][32]byte, len(proof))
	for i, p := range proof {
		if d.sig.Proof[i], err = parseHash("signature.proof."+strconv.Itoa(i), p); err != nil {
			return err
		}
	}
	d.targetHex = target
	return nil
}

func (d *Document) parsePrivacy(raw json.RawMessage) error {
	if raw == nil || isNull(raw) {
		return nil
	}
	var privacy map[string]json.RawMessage
	if err := json.Unmarshal(raw, &privacy); err != nil {
		return malformed("privacy is not an object")
	}
	od, ok := privacy["obfuscatedData"]
	if !ok {
		return nil
	}
	if err := json.Unmarshal(od, &d.obfuscated); err != nil || isNull(od) {
		return malformed("privacy.obfuscatedData is not an array of strings")
	}
	for i, h := range d.obfuscated {
		// Kept as written: the digest hashes the text, not the bytes.
		if _, err := parseHash("privacy.obfuscatedData."+strconv.Itoa(i), h); err != nil {
			return err
		}
	}
	return nil
}

// Raw returns the bytes the document was parsed from (a copy made by Parse;
// the caller must not modify it).
func (d *Document) Raw() []byte { return d.raw }

// Signature returns the document's signature.
func (d *Document) Signature() Signature {
	s := d.sig
	s.Proof = append([][32]byte(nil), d.sig.Proof...)
	return s
}

// Obfuscated returns how many fields the holder hid
// (the length of privacy.obfuscatedData).
func (d *Document) Obfuscated() int { return len(d.obfuscated) }

// flattener flattens data as the library's flatten (flatley with a
// no-dots rule) does: nested objects and arrays become paths joined by ".",
// array elements keyed by index; empty objects and arrays are leaves.
type flattener struct {
	leaves []leaf
	byPath map[string]any
	budget int
}

func (f *flattener) walk(prefix string, v any) error {
	switch c := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(c))
		for k := range c {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if err := f.add(prefix, k, c[k]); err != nil {
				return err
			}
		}
	case []any:
		for i, e := range c {
			if err := f.add(prefix, strconv.Itoa(i), e); err != nil {
				return err
			}
		}
	}
	return nil
}

func (f *flattener) add(prefix, key string, v any) error {
	if strings.Contains(key, ".") {
		return malformed("data key %q contains '.'", key)
	}
	// flatley joins with the parent path only when that path is not empty,
	// so the children of a top-level "" key have no prefix at all.
	path := key
	if prefix != "" {
		path = prefix + "." + key
	}
	if f.budget -= len(path) + 1; f.budget < 0 {
		return malformed("data too deeply nested or too wide")
	}
	switch c := v.(type) {
	case map[string]any:
		if len(c) > 0 {
			return f.walk(path, c)
		}
	case []any:
		if len(c) > 0 {
			return f.walk(path, c)
		}
	}
	if path == "__proto__" {
		return malformed(`data field "__proto__", which OpenAttestation leaves out of the hash`)
	}
	if _, dup := f.byPath[path]; dup {
		return malformed("two data fields flatten to %q", path)
	}
	f.byPath[path] = v
	f.leaves = append(f.leaves, leaf{path, v})
	return nil
}

// checkSurrogates refuses \u escapes of unpaired UTF-16 surrogates, which
// JavaScript keeps (and hashes as escapes) but Go decodes as U+FFFD.
// Backslashes occur only inside strings in valid JSON.
func checkSurrogates(b []byte) error {
	unit := func(i int) int {
		if i+6 > len(b) || b[i] != '\\' || b[i+1] != 'u' {
			return -1
		}
		n, err := strconv.ParseUint(string(b[i+2:i+6]), 16, 16)
		if err != nil {
			return -1
		}
		return int(n)
	}
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' || i+1 >= len(b) {
			continue
		}
		u := unit(i)
		switch {
		case u >= 0xD800 && u < 0xDC00:
			if lo := unit(i + 6); lo < 0xDC00 || lo > 0xDFFF {
				return malformed("unpaired surrogate escape at byte %d", i)
			}
			i += 11
		case u >= 0xDC00 && u <= 0xDFFF:
			return malformed("unpaired surrogate escape at byte %d", i)
		default:
			i++ // skip the escaped character
		}
	}
	return nil
}

func parseHash(name, s string) ([32]byte, error) {
	var h [32]byte
	if len(s) != 64 {
		return h, malformed("%s is not 64 hex digits", name)
	}
	if _, err := hex.Decode(h[:], []byte(s)); err != nil {
		return h, malformed("%s is not 64 hex digits", name)
	}
	return h, nil
}

func isNull(raw json.RawMessage) bool {
	return bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
}

func malformed(format string, args ...any) error {
	return fmt.Errorf("oa: %w: %s", ErrMalformed, fmt.Sprintf(format, args...))
}
