package verifier

import (
	"context"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/credseal/credseal/pkg/oa"
)

// DocumentStore is an OpenAttestation DocumentStore the verifier trusts,
// on a chain it is configured to read.
type DocumentStore struct {
	ChainID uint64
	Address [20]byte
	Name    string
	Reader  StoreReader
}

// StoreReader reads a DocumentStore contract; *oa.Store implements it.
type StoreReader interface {
	IsIssued(ctx context.Context, root [32]byte) (bool, error)
	IsRevoked(ctx context.Context, hash [32]byte) (bool, error)
}

// verifyOpenAttestation checks an OpenAttestation v2 document: format,
// integrity (target hash), inclusion (Merkle proof), issued on a trusted
// DocumentStore, not revoked, and reports the DNS identity as not checked.
func (v *Verifier) verifyOpenAttestation(ctx context.Context, data []byte) *Result {
	r := &Result{Kind: KindOpenAttestation, Technical: map[string]string{}}
	rest := []string{CheckIntegrity, CheckInclusion, CheckAnchored, CheckIssuer, CheckRevocation, CheckValidity, CheckIdentity}
	doc, err := oa.Parse(data)
	if err != nil {
		return r.unreadable(say("This is not a readable OpenAttestation document."), err.Error(), rest)
	}
	sig := doc.Signature()
	if len(sig.Proof) > maxOAProof {
		return r.unreadable(say("The document's batch proof has %d steps; a real batch needs at most %d.", len(sig.Proof), maxOAProof), "", rest)
	}
	r.Technical["targetHash"] = hex.EncodeToString(sig.TargetHash[:])
	r.Technical["merkleRoot"] = hex.EncodeToString(sig.MerkleRoot[:])
	r.Credential = oaSummary(doc)
	issuers, err := doc.Issuers()
	if err != nil || len(issuers) != 1 || issuers[0].DocumentStore == "" {
		detail := fmt.Sprintf("%d issuers", len(issuers))
		if err != nil {
			detail = err.Error()
		}
		return r.unreadable(say("This verifier reads OpenAttestation documents issued by one DocumentStore."), detail, rest)
	}
	is := issuers[0]
	r.Credential.ClaimedIssuer = is.Name
	r.add(CheckFormat, Pass, say("The document is an OpenAttestation v2 document."), "document store "+is.DocumentStore)

	if err := doc.CheckIntegrity(); err != nil {
		r.add(CheckIntegrity, Fail, say("The document's content does not match its fingerprint: it was altered."), err.Error())
	} else {
		r.add(CheckIntegrity, Pass, say("The document's content matches its fingerprint (target hash)."), "targetHash "+r.Technical["targetHash"])
	}
	if err := doc.CheckProof(); err != nil {
		r.add(CheckInclusion, Fail, say("The document is not part of the batch its proof names: the proof was altered."), err.Error())
	} else {
		r.add(CheckInclusion, Pass, say("The document is one of the batch the issuer signed off."), fmt.Sprintf("merkleRoot %x, %d proof steps", sig.MerkleRoot, len(sig.Proof)))
	}
	identity := check(CheckIdentity, NotChecked, say("Not checked: this verifier does not look up the issuer's domain in DNS."),
		fmt.Sprintf("%s %s (no DNS resolver configured)", is.IdentityProofType, is.IdentityProofLocation))
	identity.Advisory = true

	store, trusted := v.documentStore(is.DocumentStore)
	switch {
	case len(r.Failed()) > 0:
		reason := say("Not checked: the document already failed a check above, so no blockchain was asked.")
		for _, id := range []string{CheckAnchored, CheckIssuer, CheckRevocation} {
			r.add(id, NotChecked, reason, "")
		}
	case !trusted:
		r.add(CheckAnchored, NotChecked, say("Not checked: the document's store is not one this verifier trusts."), is.DocumentStore)
		r.add(CheckIssuer, Fail, say("The document store that issued this is not on this verifier's list of trusted issuers."), is.DocumentStore)
		r.add(CheckRevocation, NotChecked, say("Not checked: the document's store is not trusted."), "")
	default:
		v.storeChecks(ctx, r, store, sig, doc.IntermediateHashes())
	}
	r.Checks = append(r.Checks, oaValidity(v, r, doc.Obfuscated()), identity)
	r.finish()
	return r
}

// maxOAProof bounds a Merkle proof: 64 steps is a batch of 2^64 documents,
// and each step costs a revocation look-up.
const maxOAProof = 64

// oaValidity checks expiresOn, the one date OpenAttestation documents
// commonly carry (issuedOn is when, not from when). A holder may hide any
// field and keep the document intact: without an expiry date in a document
// with hidden fields, the date may be among them.
func oaValidity(v *Verifier, r *Result, hidden int) Check {
	switch {
	case r.Credential.ValidUntil == "" && hidden > 0:
		return check(CheckValidity, NotChecked, say("Not checked: the holder hid some of the document's fields, and its expiry date may be one of them."),
			fmt.Sprintf("no expiresOn; %d field(s) hidden", hidden))
	case r.Credential.ValidUntil == "":
		return check(CheckValidity, Pass, say("The document states no expiry date."), "")
	}
	until, err := time.Parse(time.RFC3339, r.Credential.ValidUntil)
	if err != nil {
		return check(CheckValidity, Fail, say("The document's expiry date cannot be read."), r.Credential.ValidUntil)
	}
	if !v.now().Before(until) {
		return check(CheckValidity, Fail, say("The document has expired."), "expiresOn "+r.Credential.ValidUntil)
	}
	return check(CheckValidity, Pass, say("The document has not expired."), "expiresOn "+r.Credential.ValidUntil)
}

func (v *Verifier) documentStore(address string) (DocumentStore, bool) {
	raw, err := hex.DecodeString(strings.TrimPrefix(strings.TrimPrefix(address, "0x"), "0X"))
	if err != nil || len(raw) != 20 {
		return DocumentStore{}, false
	}
	for _, s := range v.stores {
		if [20]byte(raw) == s.Address {
			return s, true
		}
	}
	return DocumentStore{}, false
}

// storeChecks asks the trusted DocumentStore whether the batch was issued
// and whether the document, its batch or any subtree between them (path,
// from the target hash up to the root) was revoked, as OpenAttestation's
// own verifier does.
func (v *Verifier) storeChecks(ctx context.Context, r *Result, s DocumentStore, sig oa.Signature, path [][32]byte) {
	where := fmt.Sprintf("DocumentStore 0x%x on chain %d", s.Address, s.ChainID)
	name := s.Name
	if name == "" {
		name = fmt.Sprintf("0x%x", s.Address)
	}
	r.Credential.AccreditedIssuer = name
	issued, err := s.Reader.IsIssued(ctx, sig.MerkleRoot)
	switch {
	case err != nil:
		r.add(CheckAnchored, NotChecked, unreachable(err), err.Error())
	case !issued:
		r.add(CheckAnchored, Fail, say("The issuer's document store has no record of issuing this document."), where)
	default:
		r.add(CheckAnchored, Pass, say("The issuer recorded this document's batch on the blockchain."), where)
	}
	r.add(CheckIssuer, Pass, say("Issued through %s, a document store this verifier trusts.", name), where)
	if err != nil || !issued {
		// Revocations of a batch never issued mean nothing: spare the calls.
		r.add(CheckRevocation, NotChecked, say("Not checked: the store did not confirm it issued this document."), "")
		return
	}
	for i, h := range path {
		rev, err := s.Reader.IsRevoked(ctx, h)
		if err != nil {
			r.add(CheckRevocation, NotChecked, unreachable(err), err.Error())
			return
		}
		if rev {
			what := fmt.Sprintf("the subtree %x above it", h)
			switch i {
			case 0:
				what = "the document"
			case len(path) - 1:
				what = "its whole batch"
			}
			r.add(CheckRevocation, Fail, say("The issuer has revoked this document."), "revoked "+what+" on "+where)
			return
		}
	}
	r.add(CheckRevocation, Pass, say("The issuer has not revoked this document."), where)
}

// oaSummary reads the usual OpenAttestation display fields.
func oaSummary(d *oa.Document) Summary {
	var s Summary
	s.ID, _ = d.Field("id")
	s.Learner, _ = d.Field("recipient.name")
	s.Title, _ = d.Field("name")
	s.ValidFrom, _ = d.Field("issuedOn")
	s.ValidUntil, _ = d.Field("expiresOn")
	s.HiddenCount = d.Obfuscated()
	return s
}
