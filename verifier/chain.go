package verifier

import (
	"context"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/credential"
)

// RegistryReader reads one trusted CredentialRegistry. It is implemented
// over a chain client by the program that wires the verifier; NewCache
// wraps one with caching.
type RegistryReader interface {
	// Batch reads the registry's record of a batch and, when tx is not
	// zero, where that transaction was mined. Once the batch is anchored
	// deep enough this never changes.
	Batch(ctx context.Context, seal, tx [32]byte) (BatchRecord, error)
	// Status reads what can change: revocations, the issuer's standing and
	// the chain's head.
	Status(ctx context.Context, seal, digest [32]byte, issuer [20]byte) (StatusRecord, error)
}

// BatchRecord is what a registry says about a batch and its issuer.
type BatchRecord struct {
	Anchored         bool
	Issuer           [20]byte
	Block            uint64
	Time             time.Time // of the anchoring block
	IssuerRegistered bool
	IssuerName       string
	IssuerDomain     string
	// The hinted transaction, when asked for.
	TxFound bool
	TxBlock uint64
	TxTo    [20]byte
}

// StatusRecord is the changing part: revocations, standing, head.
type StatusRecord struct {
	BatchRevoked      uint8 // reason code; 0: not revoked
	CredentialRevoked uint8 // by the batch's issuer; 0: not revoked
	IssuerActive      bool
	Head              uint64 // the chain's latest block
}

// Record is everything a verification learned from a registry.
type Record struct {
	BatchRecord
	StatusRecord
}

// Confirmations is how deep the batch is, counting its own block.
func (r Record) Confirmations() uint64 {
	if r.Head < r.Block {
		return 0
	}
	return r.Head - r.Block + 1
}

// lookup asks a registry everything about one credential.
func lookup(ctx context.Context, r RegistryReader, s, digest, tx [32]byte) (Record, error) {
	b, err := r.Batch(ctx, s, tx)
	if err != nil || !b.Anchored {
		return Record{BatchRecord: b}, err
	}
	st, err := r.Status(ctx, s, digest, b.Issuer)
	return Record{BatchRecord: b, StatusRecord: st}, err
}

// Registry is one registry the verifier trusts: the only places it accepts
// anchors from. A bundle's own anchor section is never trusted.
type Registry struct {
	ChainID uint64 // 0 when the endpoint could not be asked; matches any chain

	Address [20]byte
	Reader  RegistryReader
}

// Revocation reason codes, as issuers record them on chain.
var reasons = map[uint8]string{
	1: "issued in error",
	2: "superseded by another credential",
	3: "obtained by misconduct",
	4: "withdrawn at the holder's request",
	5: "issuer's key compromised",
}

// ReasonText describes a revocation reason code.
func ReasonText(code uint8) string {
	if s, ok := reasons[code]; ok {
		return s
	}
	return fmt.Sprintf("reason code %d", code)
}

// chainChecks runs anchored, confirmations, issuer and revocation against
// the trusted registries.
func (v *Verifier) chainChecks(ctx context.Context, r *Result, b *bundle.Bundle, digest credential.Hash, digestOK bool) {
	if len(v.registries) == 0 {
		for _, c := range []struct{ id, what string }{
			{CheckAnchored, "whether the batch is recorded on a trusted blockchain registry"},
			{CheckConfirmations, "how deeply the record is confirmed"},
			{CheckIssuer, "whether the issuer is accredited and active"},
			{CheckRevocation, "whether the issuer revoked the credential"},
		} {
			r.add(c.id, NotChecked, "Not checked (offline): "+c.what+".", offlineDetail)
		}
		return
	}
	rest := func(reason, detail string) {
		for _, id := range []string{CheckConfirmations, CheckIssuer, CheckRevocation} {
			r.add(id, NotChecked, reason, detail)
		}
	}
	candidates := v.registries
	if a := b.Anchor; a != nil {
		candidates = nil
		for _, reg := range v.registries {
			if (reg.ChainID == a.ChainID || reg.ChainID == 0) && reg.Address == a.Registry {
				candidates = append(candidates, reg)
			}
		}
		if len(candidates) == 0 {
			r.add(CheckAnchored, Fail, "The proof points to a blockchain registry this verifier does not trust.",
				fmt.Sprintf("chain %d, registry 0x%x is not in the verifier's configuration", a.ChainID, a.Registry))
			rest("Not checked: the batch is not on a trusted registry.", "")
			return
		}
	}
	s := b.Proof.Header.Hash()
	var tx [32]byte
	if b.Anchor != nil {
		tx = b.Anchor.Tx
	}
	var rec Record
	var reg Registry
	var lookupErr error
	for _, reg = range candidates {
		rec, lookupErr = lookup(ctx, reg.Reader, s, digest, tx)
		if lookupErr == nil && rec.Anchored {
			break
		}
	}
	switch {
	case lookupErr != nil:
		r.add(CheckAnchored, NotChecked, "Not checked: the blockchain could not be reached.", lookupErr.Error())
		rest("Not checked: the blockchain could not be reached.", "")
		return
	case !rec.Anchored:
		r.add(CheckAnchored, Fail, "The batch is not recorded on the trusted registry: it was never anchored, or the header was changed.",
			fmt.Sprintf("seal %x not found on %s", s, where(candidates)))
		rest("Not checked: the batch is not on a trusted registry.", "")
		return
	}
	r.Technical["registry"] = fmt.Sprintf("0x%x", reg.Address)
	r.Technical["chainId"] = fmt.Sprint(reg.ChainID)
	r.Technical["block"] = fmt.Sprint(rec.Block)
	if b.Anchor != nil {
		r.Technical["tx"] = "0x" + hex.EncodeToString(b.Anchor.Tx[:])
	}
	detail := fmt.Sprintf("chain %d, registry 0x%x, block %d (%s), issuer 0x%x", reg.ChainID, reg.Address, rec.Block,
		rec.Time.UTC().Format(time.RFC3339), rec.Issuer)
	if msg := hintMismatch(b.Anchor, rec, reg); msg != "" {
		r.add(CheckAnchored, Fail, "The proof's anchoring details contradict the registry: they were changed.", msg+"; registry: "+detail)
	} else {
		r.add(CheckAnchored, Pass, fmt.Sprintf("The batch is recorded on a trusted registry since %s.", rec.Time.UTC().Format("2 January 2006")), detail)
	}

	if n := rec.Confirmations(); n >= v.minConfirmations {
		r.add(CheckConfirmations, Pass, fmt.Sprintf("The record is %d block(s) deep.", n),
			fmt.Sprintf("%d confirmations, %d required", n, v.minConfirmations))
	} else {
		r.add(CheckConfirmations, Warning, fmt.Sprintf("The record is recent: %d of %d confirmations so far.", n, v.minConfirmations),
			fmt.Sprintf("%d confirmations, %d required", n, v.minConfirmations))
	}

	v.checkIssuer(r, rec)

	switch {
	case !digestOK:
		r.add(CheckRevocation, NotChecked, "Not checked: the credential's fingerprint could not be computed.", "")
	case rec.BatchRevoked != 0:
		r.add(CheckRevocation, Fail, "The issuer revoked the whole batch this credential belongs to: "+ReasonText(rec.BatchRevoked)+".",
			fmt.Sprintf("batch %x revoked, reason %d", s, rec.BatchRevoked))
	case rec.CredentialRevoked != 0:
		r.add(CheckRevocation, Fail, "The issuer revoked this credential: "+ReasonText(rec.CredentialRevoked)+".",
			fmt.Sprintf("digest %x revoked, reason %d", digest, rec.CredentialRevoked))
	default:
		r.add(CheckRevocation, Pass, "The issuer has not revoked the credential.", "neither the credential nor its batch is revoked")
	}
}

func (v *Verifier) checkIssuer(r *Result, rec Record) {
	who := fmt.Sprintf("%s (%s)", rec.IssuerName, rec.IssuerDomain)
	detail := fmt.Sprintf("issuer 0x%x: %q, domain %s", rec.Issuer, rec.IssuerName, rec.IssuerDomain)
	switch {
	case !rec.IssuerRegistered:
		r.add(CheckIssuer, Fail, "The batch was anchored by an account the registry does not accredit.", detail)
		return
	case !rec.IssuerActive:
		r.add(CheckIssuer, Fail, "The issuer "+who+" is suspended by the accreditation authority.", detail+", suspended")
		return
	}
	r.Credential.AccreditedIssuer = rec.IssuerName
	r.Credential.IssuerDomain = rec.IssuerDomain
	host := ""
	if u, err := url.Parse(r.Credential.IssuerURL); err == nil {
		host = strings.ToLower(u.Hostname())
	}
	domain := strings.ToLower(rec.IssuerDomain)
	switch {
	case r.Credential.IssuerURL == "":
		r.add(CheckIssuer, Pass, "Anchored by "+who+", accredited and active (the credential's issuer address is hidden).", detail)
	case host != domain && !strings.HasSuffix(host, "."+domain):
		r.add(CheckIssuer, Fail, fmt.Sprintf("The credential claims to come from %s, but was anchored by %s.", host, who), detail)
	default:
		r.add(CheckIssuer, Pass, "Issued by "+who+", accredited and active.", detail)
	}
}

// hintMismatch compares the bundle's anchor hint with the registry.
func hintMismatch(a *bundle.Anchor, rec Record, reg Registry) string {
	if a == nil {
		return ""
	}
	switch {
	case a.Issuer != rec.Issuer:
		return fmt.Sprintf("bundle names issuer 0x%x", a.Issuer)
	case a.Block != rec.Block:
		return fmt.Sprintf("bundle names block %d", a.Block)
	case !rec.TxFound:
		return fmt.Sprintf("bundle's transaction 0x%x is not on chain", a.Tx)
	case rec.TxBlock != rec.Block || rec.TxTo != reg.Address:
		return fmt.Sprintf("bundle's transaction 0x%x did not anchor this batch", a.Tx)
	}
	return ""
}

func where(regs []Registry) string {
	parts := make([]string, len(regs))
	for i, r := range regs {
		parts[i] = fmt.Sprintf("chain %d registry 0x%x", r.ChainID, r.Address)
	}
	return strings.Join(parts, ", ")
}
