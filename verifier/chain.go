package verifier

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"net/url"
	"strings"
	"time"

	"github.com/credseal/credseal/internal/i18n"
	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/credential"
	"github.com/credseal/credseal/pkg/quorum"
)

// RegistryReader reads one trusted CredentialRegistry. It is implemented
// over a chain client by the program that wires the verifier; NewCache
// wraps one with caching. Every argument comes from a bundle that passed
// the offline checks, never from anything else a client sends.
type RegistryReader interface {
	// Batch reads the registry's record of a batch and the transaction that
	// anchored it. Once the batch is anchored deep enough this never changes.
	Batch(ctx context.Context, seal [32]byte) (RegistryBatch, error)
	// Status reads what can change: revocations, the issuer's standing and
	// key, and the chain's head.
	Status(ctx context.Context, seal, digest [32]byte) (StatusRecord, error)
}

// RegistryBatch is what a registry says about an anchored batch.
type RegistryBatch struct {
	Anchored bool
	Issuer   [20]byte // the key that anchored it
	Block    uint64
	Time     time.Time // of the anchoring block
	// Tx is the transaction whose Anchored event recorded the seal.
	Tx [32]byte
	// Head is the chain's latest block when the record was read.
	Head uint64
	// GasUsed is what the anchoring transaction cost (0: not read).
	GasUsed uint64
}

// NoCutoff is the cutoff of an issuer in good standing.
const NoCutoff = math.MaxUint64

// StatusRecord is the changing part: revocations, the issuer, the head.
type StatusRecord struct {
	BatchRevoked      uint8 // reason code; 0: not revoked
	CredentialRevoked uint8 // by the batch's issuer (any of its keys); 0: not revoked
	// IssuerKey is the key the batch's issuer uses now (the anchoring key,
	// or the one the registry owner rotated it to), and the rest of the
	// issuer fields are that key's record.
	IssuerKey        [20]byte
	IssuerRegistered bool
	IssuerActive     bool
	IssuerName       string
	IssuerDomain     string
	// Cutoff is the first block whose batches of this issuer do not count
	// (a dated suspension); NoCutoff when none.
	Cutoff uint64
	// BatchBlock is the batch's block as this read saw it: another block
	// than the batch record's means the chain reorganised in between.
	BatchBlock uint64
	Head       uint64 // the chain's latest block
}

// RegistryReport is everything a verification learned from a registry.
type RegistryReport struct {
	RegistryBatch
	StatusRecord
}

// Confirmations is how deep the batch is, counting its own block.
func (r RegistryReport) Confirmations() uint64 {
	if r.StatusRecord.Head < r.Block {
		return 0
	}
	return r.StatusRecord.Head - r.Block + 1
}

// ErrRecordMoved is a batch whose record changed block between two reads:
// a chain reorganisation, so the chain checks cannot be made now.
var ErrRecordMoved = errors.New("verifier: the batch's record moved to another block between two reads (a chain reorganisation?)")

// lookup asks a registry everything about one credential.
func lookup(ctx context.Context, r RegistryReader, s, digest [32]byte) (RegistryReport, error) {
	b, err := r.Batch(ctx, s)
	if err != nil || !b.Anchored {
		return RegistryReport{RegistryBatch: b}, err
	}
	st, err := r.Status(ctx, s, digest)
	if err == nil && st.BatchBlock != b.Block {
		err = fmt.Errorf("%w: block %d, then %d", ErrRecordMoved, b.Block, st.BatchBlock)
	}
	return RegistryReport{RegistryBatch: b, StatusRecord: st}, err
}

// Registry is one registry the verifier trusts: the only places it accepts
// anchors from. A bundle's own anchor section is never trusted.
type Registry struct {
	ChainID uint64 // 0 when the endpoint could not be asked; matches any chain

	Address [20]byte
	Reader  RegistryReader
	// Name is how the verifier's configuration names it ("" for none).
	Name string
	// MinConfirmations a record needs on this registry's chain (0: the
	// verifier's MinConfirmations).
	MinConfirmations uint64
}

// unreachable is the reason given when a chain read failed: the endpoints
// disagreeing (one of them lies, or lags) is said as such, since it is
// not an outage.
func unreachable(err error) text {
	if errors.Is(err, quorum.ErrDisagreement) {
		return say("Not checked: the blockchain providers this verifier asks gave different answers, so nothing was decided.")
	}
	return say("Not checked: the blockchain could not be reached.")
}

// ReasonText describes a revocation reason code.
func ReasonText(code uint8) string { return bundle.RevocationReason(code) }

// reasonText is ReasonText as a text to translate: the catalogues hold
// every reason bundle.RevocationReason names.
func reasonText(code uint8) text {
	if r, ok := bundle.KnownRevocationReason(code); ok {
		return text{format: r}
	}
	return text{format: bundle.UnknownRevocationReason, args: []any{code}}
}

// chainChecks runs anchored, confirmations, issuer and revocation against
// the trusted registries.
func (v *Verifier) chainChecks(ctx context.Context, r *Result, b *bundle.Bundle, digest credential.Hash) {
	if len(v.registries) == 0 {
		for _, c := range []struct {
			id     string
			reason text
		}{
			{CheckAnchored, say("Not checked (no registry configured): whether the issuer recorded this batch on a trusted blockchain registry.")},
			{CheckConfirmations, say("Not checked (no registry configured): how deeply the record is confirmed.")},
			{CheckIssuer, say("Not checked (no registry configured): whether the issuer is accredited and active.")},
			{CheckRevocation, say("Not checked (no registry configured): whether the issuer revoked the credential.")},
		} {
			r.add(c.id, NotChecked, c.reason, offlineDetail)
		}
		return
	}
	rest := func(reason text, detail string) {
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
			r.add(CheckAnchored, Fail, say("The proof points to a blockchain registry this verifier does not trust."),
				fmt.Sprintf("chain %d, registry 0x%x is not in the verifier's configuration", a.ChainID, a.Registry))
			rest(say("Not checked: the batch is not on a trusted registry."), "")
			return
		}
	}
	s := b.Proof.Header.Hash()
	var rec RegistryReport
	var reg Registry
	var lookupErr error // the first registry that could not answer
	for _, candidate := range candidates {
		found, err := lookup(ctx, candidate.Reader, s, digest)
		if err == nil && found.Anchored {
			rec, reg, lookupErr = found, candidate, nil
			break
		}
		if err != nil && lookupErr == nil {
			lookupErr = err
		}
	}
	switch {
	case !rec.Anchored && lookupErr != nil: // it may be on the registry that did not answer
		r.add(CheckAnchored, NotChecked, unreachable(lookupErr), lookupErr.Error())
		rest(unreachable(lookupErr), "")
		return
	case !rec.Anchored:
		r.add(CheckAnchored, Fail, say("The batch is not recorded on the trusted registry: it was never anchored, or the header was changed."),
			fmt.Sprintf("seal %x not found on %s", s, where(candidates)))
		rest(say("Not checked: the batch is not on a trusted registry."), "")
		return
	}
	r.Technical["registry"] = fmt.Sprintf("0x%x", reg.Address)
	onRegistry := say("a trusted registry")
	if reg.Name != "" {
		r.Technical["registryName"] = reg.Name
		onRegistry = say("the trusted registry %q", reg.Name)
	}
	r.Technical["chainId"] = fmt.Sprint(reg.ChainID)
	r.Technical["block"] = fmt.Sprint(rec.Block)
	r.Technical["tx"] = "0x" + hex.EncodeToString(rec.Tx[:])
	if rec.GasUsed > 0 {
		r.Technical["anchorGasUsed"] = fmt.Sprint(rec.GasUsed)
	}
	detail := fmt.Sprintf("chain %d, registry 0x%x, block %d (%s), issuer key 0x%x, tx 0x%x", reg.ChainID, reg.Address, rec.Block,
		rec.Time.UTC().Format(time.RFC3339), rec.Issuer, rec.Tx)
	if msg := hintMismatch(b.Anchor, rec); msg != "" {
		r.add(CheckAnchored, Fail, say("The proof's anchoring details contradict the registry: they were changed."), msg+"; registry: "+detail)
	} else {
		r.add(CheckAnchored, Pass, say("The batch is recorded on %s since %s.", onRegistry, day(rec.Time)), detail)
	}

	n, need := rec.Confirmations(), v.minConfirmations
	if reg.MinConfirmations > 0 {
		need = reg.MinConfirmations
	}
	depth := fmt.Sprintf("%d confirmations, %d required", n, need)
	if n >= need {
		r.add(CheckConfirmations, Pass, say("The record is %d block(s) deep.", n), depth)
	} else {
		r.add(CheckConfirmations, Pending, say("The record is too recent to rely on yet: %d of %d confirmations. Check again in a few minutes.", n, need), depth)
	}

	v.checkIssuer(r, rec)

	switch {
	case rec.BatchRevoked != 0:
		r.add(CheckRevocation, Fail, say("The issuer revoked the whole batch this credential belongs to: %s.", reasonText(rec.BatchRevoked)),
			fmt.Sprintf("batch %x revoked, reason %d", s, rec.BatchRevoked))
	case rec.CredentialRevoked != 0:
		r.add(CheckRevocation, Fail, say("The issuer revoked this credential: %s.", reasonText(rec.CredentialRevoked)),
			fmt.Sprintf("digest %x revoked, reason %d", digest, rec.CredentialRevoked))
	default:
		r.add(CheckRevocation, Pass, say("The issuer has not revoked the credential."), "neither the credential nor its batch is revoked")
	}
}

// checkIssuer names the issuer as the registry does, and fails a batch
// anchored by an unaccredited key, by a suspended issuer (from the
// suspension's block on), or whose credential claims another domain.
func (v *Verifier) checkIssuer(r *Result, rec RegistryReport) {
	who := fmt.Sprintf("%s (%s)", rec.IssuerName, rec.IssuerDomain)
	detail := fmt.Sprintf("anchored by key 0x%x; issuer key now 0x%x: %q, domain %s", rec.Issuer, rec.IssuerKey, rec.IssuerName, rec.IssuerDomain)
	if rec.Cutoff != NoCutoff {
		detail += fmt.Sprintf(", batches from block %d on do not count", rec.Cutoff)
	}
	switch {
	case !rec.IssuerRegistered:
		r.add(CheckIssuer, Fail, say("The batch was anchored by an account the registry does not accredit."), detail)
		return
	case rec.Cutoff == 0:
		r.add(CheckIssuer, Fail, say("The accreditation authority suspended the issuer %s: none of its credentials count.", who), detail)
		return
	case rec.Block >= rec.Cutoff:
		r.add(CheckIssuer, Fail, say("The accreditation authority suspended the issuer %s for batches from block %d on; this one is from block %d.",
			who, i18n.ID(rec.Cutoff), i18n.ID(rec.Block)), detail)
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
	case host == "" || domain == "" || host != domain && !strings.HasSuffix(host, "."+domain):
		r.add(CheckIssuer, Fail, say("The credential claims to come from %q, but was anchored by %s.", host, who), detail)
	case !rec.IssuerActive:
		r.add(CheckIssuer, Pass, say("Issued by %s, accredited when it anchored this batch; the issuer has been suspended since.", who), detail)
	default:
		r.add(CheckIssuer, Pass, say("Issued by %s, accredited and active.", who), detail)
	}
}

// hintMismatch compares the bundle's anchor hint with the registry.
func hintMismatch(a *bundle.Anchor, rec RegistryReport) string {
	if a == nil {
		return ""
	}
	switch {
	case a.Issuer != rec.Issuer:
		return fmt.Sprintf("bundle names issuer 0x%x", a.Issuer)
	case a.Block != rec.Block:
		return fmt.Sprintf("bundle names block %d", a.Block)
	case a.Tx != rec.Tx:
		return fmt.Sprintf("bundle names transaction 0x%x, which did not anchor this batch", a.Tx)
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
