// Package vc signs and verifies W3C Verifiable Credentials with Data
// Integrity proofs over Ed25519: the cryptosuite eddsa-rdfc-2022
// (DataIntegrityProof) and the older Ed25519Signature2020. Both sign
// SHA-256(canonical proof options) ‖ SHA-256(canonical document), the
// canonical forms being RDFC-1.0 N-Quads computed with the JSON-LD contexts
// credseal ships (contexts/), never fetched.
//
// Verify also binds the proof to the credential's issuer: the verification
// method must belong to the issuer's DID, and the key comes from a
// KeyResolver the caller configures, never from the credential itself.
// The Bitstring Status List encoding is here too.
package vc

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"errors"
	"fmt"
	"maps"
	"strings"
	"time"

	"github.com/mr-tron/base58"
)

// Proof types and the cryptosuite credseal signs with.
const (
	TypeDataIntegrity  = "DataIntegrityProof"
	SuiteEdDSARDFC2022 = "eddsa-rdfc-2022"
	TypeEd25519Sig2020 = "Ed25519Signature2020"
	PurposeAssertion   = "assertionMethod"
)

// Errors Verify returns; callers branch on them to name the failed check.
var (
	ErrNoProof          = errors.New("vc: no proof")
	ErrUnsupportedProof = errors.New("vc: unsupported proof")
	// ErrSignature: the signature does not match the document: it was
	// altered after signing, or signed by another key.
	ErrSignature = errors.New("vc: signature does not match")
	// ErrIssuerBinding: the key that signed is not the issuer's.
	ErrIssuerBinding = errors.New("vc: proof not made by the issuer's key")
	// ErrMalformed: not a credential this package can read.
	ErrMalformed = errors.New("vc: malformed credential")
)

// KeyResolver finds the Ed25519 key of a verification method (a DID URL
// such as did:web:example.edu#key-1) that its controller authorises for
// purpose. It is the caller's trust decision: did:key keys resolve from
// the DID itself, did:web ones only from configured sources.
type KeyResolver interface {
	ResolveKey(ctx context.Context, verificationMethod, purpose string) (ed25519.PublicKey, error)
}

// Verified says which proof verified.
type Verified struct {
	Type               string // DataIntegrityProof or Ed25519Signature2020
	Cryptosuite        string // eddsa-rdfc-2022 for DataIntegrityProof
	VerificationMethod string
	Issuer             string // the DID the key belongs to: the credential's issuer
	Created            string
	Expires            string // when the proof stops counting; "" for never
	// Node is the credential as signed (expanded), to read from.
	Node Node
}

// Suite names the proof for people: "eddsa-rdfc-2022" or "Ed25519Signature2020".
func (v Verified) Suite() string {
	if v.Type == TypeDataIntegrity {
		return v.Cryptosuite
	}
	return v.Type
}

// Sign adds a DataIntegrityProof (eddsa-rdfc-2022, assertionMethod) made
// with key to doc, whose issuer must be the DID verificationMethod belongs to.
func Sign(doc map[string]any, key ed25519.PrivateKey, verificationMethod string, created time.Time) error {
	if _, ok := doc["proof"]; ok {
		return fmt.Errorf("sign: %w: already has a proof", ErrMalformed)
	}
	return SignWithOptions(doc, key, map[string]any{
		"type":               TypeDataIntegrity,
		"cryptosuite":        SuiteEdDSARDFC2022,
		"created":            created.UTC().Truncate(time.Second).Format(time.RFC3339),
		"verificationMethod": verificationMethod,
		"proofPurpose":       PurposeAssertion,
	})
}

// SignWithOptions adds a proof with the given options (type, cryptosuite,
// verificationMethod, proofPurpose, and any others such as expires),
// signed with key as eddsa-rdfc-2022 signs.
func SignWithOptions(doc map[string]any, key ed25519.PrivateKey, options map[string]any) error {
	if _, ok := doc["proof"]; ok {
		return fmt.Errorf("sign: %w: already has a proof", ErrMalformed)
	}
	proof := maps.Clone(options)
	data, err := hashData(doc, proof)
	if err != nil {
		return fmt.Errorf("sign: %w", err)
	}
	proof["proofValue"] = "z" + base58.Encode(ed25519.Sign(key, data))
	// An array, as 1EdTech's OB 3.0 schema requires; VC 2.0 allows either.
	doc["proof"] = []any{proof}
	return nil
}

// Bounds on proofs: a credential carries one proof, occasionally a few.
const (
	maxProofs         = 4
	maxProofValueSize = 128 // an Ed25519 signature is 88 base58 characters
)

// Verify checks the proof of doc, a credential decoded by encoding/json.
// Every proof of a supported type must verify, and there must be one. The
// issuer is read from the expanded document, as the signature covers it;
// Verified.Node is that document, to read everything else from.
func Verify(ctx context.Context, doc map[string]any, keys KeyResolver) (*Verified, error) {
	var proofs []map[string]any
	switch p := doc["proof"].(type) {
	case nil:
		return nil, ErrNoProof
	case map[string]any:
		proofs = []map[string]any{p}
	case []any:
		if len(p) > maxProofs {
			return nil, fmt.Errorf("%w: %d proofs, at most %d", ErrMalformed, len(p), maxProofs)
		}
		for _, e := range p {
			m, ok := e.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("%w: a proof is not an object", ErrMalformed)
			}
			proofs = append(proofs, m)
		}
	default:
		return nil, fmt.Errorf("%w: proof is not an object", ErrMalformed)
	}
	unsigned := make(map[string]any, len(doc))
	for k, v := range doc {
		if k != "proof" {
			unsigned[k] = v
		}
	}
	expanded, err := expand(unsigned)
	if err != nil {
		return nil, err
	}
	node := Node(expanded[0].(map[string]any))
	issuer, ok := node.Ref(IRIIssuer)
	if !ok {
		return nil, fmt.Errorf("%w: not exactly one issuer with an id", ErrMalformed)
	}
	var canonDoc string // computed once, for the first supported proof
	var first *Verified
	for _, p := range proofs {
		v, err := verifyOne(ctx, unsigned, &canonDoc, expanded, p, issuer, keys)
		if errors.Is(err, ErrUnsupportedProof) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if first == nil {
			first = v
		}
	}
	if first == nil {
		return nil, fmt.Errorf("%w: none of type %s (%s) or %s", ErrUnsupportedProof, TypeDataIntegrity, SuiteEdDSARDFC2022, TypeEd25519Sig2020)
	}
	first.Node = node
	return first, nil
}

func verifyOne(ctx context.Context, unsigned map[string]any, canonDoc *string, expanded []any, proof map[string]any, issuer string, keys KeyResolver) (*Verified, error) {
	v := &Verified{Issuer: issuer}
	v.Type, _ = proof["type"].(string)
	v.Cryptosuite, _ = proof["cryptosuite"].(string)
	switch {
	case v.Type == TypeDataIntegrity && v.Cryptosuite == SuiteEdDSARDFC2022:
	case v.Type == TypeEd25519Sig2020:
	default:
		return nil, fmt.Errorf("%w: %s %s", ErrUnsupportedProof, v.Type, v.Cryptosuite)
	}
	if purpose, _ := proof["proofPurpose"].(string); purpose != PurposeAssertion {
		return nil, fmt.Errorf("%w: proof purpose %q, want %s", ErrMalformed, purpose, PurposeAssertion)
	}
	v.VerificationMethod, _ = proof["verificationMethod"].(string)
	controller, _, _ := strings.Cut(v.VerificationMethod, "#")
	if controller == "" || controller != issuer {
		return nil, fmt.Errorf("%w: key %q, issuer %q", ErrIssuerBinding, v.VerificationMethod, issuer)
	}
	if created, ok := proof["created"]; ok {
		s, _ := created.(string)
		if _, err := time.Parse(time.RFC3339, s); err != nil {
			return nil, fmt.Errorf("%w: proof created %q", ErrMalformed, s)
		}
		v.Created = s
	}
	if expires, ok := proof["expires"]; ok {
		s, _ := expires.(string)
		if _, err := time.Parse(time.RFC3339, s); err != nil {
			return nil, fmt.Errorf("%w: proof expires %q", ErrMalformed, s)
		}
		v.Expires = s
	}
	value, _ := proof["proofValue"].(string)
	if len(value) > maxProofValueSize {
		return nil, fmt.Errorf("%w: proofValue of %d characters", ErrSignature, len(value))
	}
	sig, err := decodeBase58btc(value)
	if err != nil || len(sig) != ed25519.SignatureSize {
		return nil, fmt.Errorf("%w: proofValue is not a multibase Ed25519 signature", ErrSignature)
	}
	options := make(map[string]any, len(proof))
	for k, val := range proof {
		if k != "proofValue" {
			options[k] = val
		}
	}
	// The key first: canonicalisation is the expensive part, and is spent
	// only on a proof a trusted issuer's key could have made.
	pub, err := keys.ResolveKey(ctx, v.VerificationMethod, PurposeAssertion)
	if err != nil {
		return nil, err
	}
	if *canonDoc == "" {
		if *canonDoc, err = canonicalizeExpanded(expanded); err != nil {
			return nil, fmt.Errorf("document: %w", err)
		}
	}
	data, err := hashWith(unsigned["@context"], options, *canonDoc)
	if err != nil {
		return nil, err
	}
	if !ed25519.Verify(pub, data, sig) {
		return nil, ErrSignature
	}
	return v, nil
}

// hashData is what both suites sign: SHA-256 of the canonical proof
// options (with the document's @context) then of the canonical document.
func hashData(doc, options map[string]any) ([]byte, error) {
	canonDoc, err := Canonicalize(doc)
	if err != nil {
		return nil, fmt.Errorf("document: %w", err)
	}
	return hashWith(doc["@context"], options, canonDoc)
}

func hashWith(context any, options map[string]any, canonDoc string) ([]byte, error) {
	if context == nil {
		return nil, fmt.Errorf("%w: no @context", ErrMalformed)
	}
	config := make(map[string]any, len(options)+1)
	for k, v := range options {
		config[k] = v
	}
	config["@context"] = context
	canonConfig, err := Canonicalize(config)
	if err != nil {
		return nil, fmt.Errorf("proof options: %w", err)
	}
	a, b := sha256.Sum256([]byte(canonConfig)), sha256.Sum256([]byte(canonDoc))
	return append(a[:], b[:]...), nil
}

// IssuerID returns the credential's issuer: the string, or the object's id.
func IssuerID(doc map[string]any) (string, error) {
	switch is := doc["issuer"].(type) {
	case string:
		if is != "" {
			return is, nil
		}
	case map[string]any:
		if id, _ := is["id"].(string); id != "" {
			return id, nil
		}
	}
	return "", fmt.Errorf("%w: no issuer id", ErrMalformed)
}
