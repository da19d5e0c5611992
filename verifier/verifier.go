// Package verifier checks a proof bundle, in order: format, integrity,
// disclosure, inclusion, seal, then the chain checks, issuer, revocation and
// validity period. Each check reports pass, fail, pending, warning or not
// checked with a one-line reason a non-specialist can read and the
// technical detail an auditor wants. Later checks run even when earlier
// ones fail wherever the answer still means something, so everything wrong
// is shown at once; but the chain is asked only about a bundle whose proof
// passed every check (format to seal), so a stranger cannot make the
// verifier read the chain for a proof that is wrong anyway.
//
// The verdict "verified" needs every check to pass, the chain checks
// included: a bundle checked without a trusted registry is never verified,
// since anyone can make one that passes the offline checks.
package verifier

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/credseal/credseal/internal/energy"

	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/credential"
	"github.com/credseal/credseal/pkg/merkle"
	"github.com/credseal/credseal/pkg/seal"
)

// CheckStatus is the outcome of one check.
type CheckStatus string

// Check outcomes.
const (
	Pass    CheckStatus = "pass"
	Fail    CheckStatus = "fail"
	Warning CheckStatus = "warning"
	// Pending: the record is on chain but not yet deep enough to rely on.
	Pending    CheckStatus = "pending"
	NotChecked CheckStatus = "not-checked"
)

// Check IDs, in the order they run.
const (
	CheckFormat        = "format"
	CheckIntegrity     = "integrity"
	CheckDisclosure    = "disclosure"
	CheckInclusion     = "inclusion"
	CheckSeal          = "seal"
	CheckAnchored      = "anchored"
	CheckConfirmations = "confirmations"
	CheckIssuer        = "issuer"
	CheckRevocation    = "revocation"
	CheckValidity      = "validity"
)

// Check is one verification step's outcome.
type Check struct {
	ID     string      `json:"id"`
	Title  string      `json:"title"`
	Status CheckStatus `json:"status"`
	Reason string      `json:"reason"`           // one line, for people
	Detail string      `json:"detail,omitempty"` // technical evidence
	// Advisory: the check informs but does not decide; left not checked,
	// it does not lower the verdict.
	Advisory bool `json:"advisory,omitempty"`
	// reason is Reason before it was printed, for Localize.
	reason text
}

// Verdict sums up a result.
type Verdict string

// Verdicts.
const (
	// Verified: every check passed, on a trusted registry.
	Verified Verdict = "verified"
	// PendingConfirmation: nothing failed, but the batch's record is not
	// yet as deep in the chain as the verifier requires: ask again later.
	PendingConfirmation Verdict = "pending"
	// OfflineOnly: everything checkable without a chain passed, but no
	// trusted registry was configured, so nothing says the issuer ever
	// anchored this batch: anyone can make such a bundle.
	OfflineOnly Verdict = "offline-only"
	// NotVerified: at least one check failed.
	NotVerified Verdict = "not-verified"
	// Incomplete: nothing failed, but a check could not be made (e.g. the
	// chain was unreachable), so the credential is not shown as verified.
	Incomplete Verdict = "incomplete"
)

// HiddenField is a member the holder hid, as a v2 bundle names it.
type HiddenField struct {
	Label string `json:"label"`
}

// Summary is what the credential says, for display. Hidden members are empty.
type Summary struct {
	ID      string `json:"id,omitempty"`
	Learner string `json:"learner,omitempty"`
	Title   string `json:"title,omitempty"`
	// ClaimedIssuer is the name the credential gives its issuer: a claim.
	// Who the issuer is comes from the registry (AccreditedIssuer).
	ClaimedIssuer string `json:"claimedIssuer,omitempty"`
	IssuerURL     string `json:"issuerUrl,omitempty"`
	ValidFrom     string `json:"validFrom,omitempty"`
	ValidUntil    string `json:"validUntil,omitempty"`
	HiddenCount   int    `json:"hiddenFields"`
	// Hidden names what the holder hid (v2 bundles; v1 ones only count).
	Hidden []string `json:"hidden,omitempty"`
	// From the registry, when the chain checks ran: who anchored the batch.
	AccreditedIssuer string `json:"accreditedIssuer,omitempty"`
	IssuerDomain     string `json:"issuerDomain,omitempty"`
}

// Result is the full outcome of a verification.
type Result struct {
	Verdict    Verdict           `json:"verdict"`
	Kind       Kind              `json:"kind"`
	Credential Summary           `json:"credential"`
	Checks     []Check           `json:"checks"`
	Technical  map[string]string `json:"technical,omitempty"` // digest, root, seal, …
}

// Failed returns the failing checks.
func (r *Result) Failed() []Check {
	var out []Check
	for _, c := range r.Checks {
		if c.Status == Fail {
			out = append(out, c)
		}
	}
	return out
}

// Check returns the check with the given ID.
func (r *Result) Check(id string) (Check, bool) {
	for _, c := range r.Checks {
		if c.ID == id {
			return c, true
		}
	}
	return Check{}, false
}

// Verifier runs the checks. The zero value is not usable; call New.
type Verifier struct {
	now              func() time.Time
	registries       []Registry
	minConfirmations uint64
	vc               *vcTrust
	stores           []DocumentStore
}

// Options configure a Verifier.
type Options struct {
	// Now overrides the clock for the validity check (tests).
	Now func() time.Time
	// Registries are the only registries whose anchors count. With none,
	// the verifier works offline: the chain checks are not checked and the
	// verdict is at best OfflineOnly.
	Registries []Registry
	// MinConfirmations below which a record is pending. Default 1.
	MinConfirmations uint64
	// Issuers are the only Verifiable Credential issuers whose credentials
	// verify; did:web DID documents are fetched for these alone.
	Issuers []TrustedIssuer
	// DocumentStores are the only OpenAttestation DocumentStores whose
	// documents verify.
	DocumentStores []DocumentStore
	// HTTPClient fetches DID documents and status lists (nil: a client with
	// a 10 s timeout that follows no redirects).
	HTTPClient *http.Client
}

// New returns a verifier.
func New(opts Options) *Verifier {
	v := &Verifier{now: opts.Now, registries: opts.Registries, minConfirmations: max(opts.MinConfirmations, 1),
		vc: newVCTrust(opts.Issuers, opts.HTTPClient), stores: opts.DocumentStores}
	if v.now == nil {
		v.now = time.Now
	}
	return v
}

// Offline reports whether the verifier has no registry to check anchors on.
func (v *Verifier) Offline() bool { return len(v.registries) == 0 }

// VerifyBytes verifies any credential it reads (Detect): a Verifiable
// Credential, an OpenAttestation document, or a credseal bundle in any
// encoding (JSON, CS1 string, verifier URL). What does not decode fails
// the format check.
func (v *Verifier) VerifyBytes(ctx context.Context, data []byte) *Result {
	switch Detect(data) {
	case KindVC:
		return v.verifyVC(ctx, data)
	case KindOpenAttestation:
		return v.verifyOpenAttestation(ctx, data)
	}
	b, err := bundle.Parse(data)
	if err != nil {
		r := &Result{Kind: KindCredseal}
		r.add(CheckFormat, Fail, say("This is not a readable credseal proof."), err.Error())
		for _, c := range checks[1:] {
			r.add(c.id, NotChecked, say("Not checked: the proof could not be read."), "")
		}
		r.finish()
		return r
	}
	return v.Verify(ctx, b)
}

// Verify runs every check on a decoded bundle.
func (v *Verifier) Verify(ctx context.Context, b *bundle.Bundle) *Result {
	r := &Result{Kind: KindCredseal, Technical: map[string]string{}}
	r.add(CheckFormat, Pass, say("The proof is a well-formed credseal bundle."), bundle.FormatOf(b.Disclosure.Version))

	fields, digest, docOK := v.checkIntegrity(r, b)
	datesShown := v.checkDisclosure(r, b, fields)
	if docOK {
		v.checkInclusion(r, b, digest)
	} else {
		r.add(CheckInclusion, NotChecked, say("Not checked: the credential's fingerprint could not be computed."), "")
	}
	v.checkSeal(r, b)
	validity := check(CheckValidity, NotChecked, say("Not checked: the credential's dates are hidden or missing."), "")
	if datesShown {
		validity = v.validity(r)
	}
	if failed := r.Failed(); len(failed) > 0 {
		reason := say("Not checked: the proof already failed a check above, so no blockchain was asked.")
		for _, id := range []string{CheckAnchored, CheckConfirmations, CheckIssuer, CheckRevocation} {
			r.add(id, NotChecked, reason, "")
		}
	} else {
		v.chainChecks(ctx, r, b, digest)
	}
	r.Checks = append(r.Checks, validity)
	r.finish()
	return r
}

func (r *Result) add(id string, s CheckStatus, reason text, detail string) {
	r.Checks = append(r.Checks, check(id, s, reason, detail))
}

func check(id string, s CheckStatus, reason text, detail string) Check {
	return Check{ID: id, Title: titles[id], Status: s, Reason: reason.String(), Detail: detail, reason: reason}
}

// checks lists every check in the order Verify runs them, with its title.
var checks = []struct{ id, title string }{
	{CheckFormat, "Readable proof"},
	{CheckIntegrity, "Consistent content"},
	{CheckDisclosure, "Fields shown"},
	{CheckInclusion, "Matches what was issued"},
	{CheckSeal, "Batch seal"},
	{CheckAnchored, "Recorded on chain"},
	{CheckConfirmations, "Confirmations"},
	{CheckIssuer, "Issuer accredited"},
	{CheckRevocation, "Not revoked"},
	{CheckValidity, "Validity period"},
}

var titles = func() map[string]string {
	m := make(map[string]string, len(checks)+2)
	for _, c := range checks {
		m[c.id] = c.title
	}
	m[CheckSignature] = "Issuer's signature"
	m[CheckIdentity] = "Issuer's web identity"
	return m
}()

// offlineDetail marks checks skipped because no chain is configured, as
// opposed to checks that could not be made.
const offlineDetail = "no registry configured"

// finish sets the verdict from the checks.
func (r *Result) finish() {
	var failed, unchecked, offline, pending bool
	for _, c := range r.Checks {
		switch {
		case c.Status == Fail:
			failed = true
		case c.Status == NotChecked && c.Advisory:
		case c.Status == NotChecked && c.Detail == offlineDetail:
			offline = true
		case c.Status == NotChecked:
			unchecked = true
		case c.Status == Pending:
			pending = true
		}
	}
	switch {
	case failed:
		r.Verdict = NotVerified
	case unchecked:
		r.Verdict = Incomplete
	case offline:
		r.Verdict = OfflineOnly
	case pending:
		r.Verdict = PendingConfirmation
	default:
		r.Verdict = Verified
	}
}

func (v *Verifier) checkIntegrity(r *Result, b *bundle.Bundle) ([]credential.Field, credential.Hash, bool) {
	fields, err := credential.Parse(b.Credential)
	if err != nil {
		r.add(CheckIntegrity, Fail, say("The credential's content is not valid."), err.Error())
		return nil, credential.Hash{}, false
	}
	r.Credential = summaryOf(fields)
	r.Credential.HiddenCount = b.Disclosure.HiddenCount()
	r.Credential.Hidden = credential.HiddenMembers(b.Disclosure)
	digest, err := credential.Digest(fields, b.Disclosure)
	if err != nil {
		r.add(CheckIntegrity, Fail, say("The credential's fields do not match their salts: it was altered."), err.Error())
		return fields, credential.Hash{}, false
	}
	r.Technical["digest"] = hex.EncodeToString(digest[:])
	r.add(CheckIntegrity, Pass, say("The %d shown fields and their salts form a consistent fingerprint.", len(fields)),
		"digest "+hex.EncodeToString(digest[:]))
	return fields, digest, true
}

// checkDisclosure fails a bundle that hides or lacks a field a verdict
// depends on, and says what the holder hid. fields is nil when the
// credential could not be parsed. It reports whether the validity dates
// are shown, so that a hidden end date never reads "does not expire".
func (v *Verifier) checkDisclosure(r *Result, b *bundle.Bundle, fields []credential.Field) (datesShown bool) {
	if fields == nil {
		r.add(CheckDisclosure, NotChecked, say("Not checked: the credential could not be read."), "")
		return false
	}
	d := b.Disclosure
	if err := credential.CheckRequired(fields, d); err != nil {
		var re *credential.RequiredError
		reason := say("Fields the verdict depends on are hidden or missing.")
		datesShown = true
		if errors.As(err, &re) {
			parts := make(wordList, len(re.Problems))
			for i, p := range re.Problems {
				parts[i] = problemText(p)
				if p.Pointer == "/validFrom" || p.Pointer == "/validUntil" {
					datesShown = false
				}
			}
			reason = say("Fields the verdict depends on are hidden or missing: %s.", parts)
		}
		r.add(CheckDisclosure, Fail, reason, err.Error())
		return datesShown
	}
	n := d.HiddenCount()
	switch {
	case n == 0:
		r.add(CheckDisclosure, Pass, say("Every field of the credential is shown."), "full disclosure")
	case d.Version == credential.V1:
		r.add(CheckDisclosure, Pass, say("The holder chose to hide %d field(s); every field the verdict depends on is shown.", n),
			fmt.Sprintf("%d anonymous hidden field hashes (%s)", n, bundle.FormatV1))
	default:
		hidden := make(wordList, len(r.Credential.Hidden))
		for i, h := range r.Credential.Hidden {
			hidden[i] = term(h)
		}
		r.add(CheckDisclosure, Pass, say("The holder chose to hide: %s. Everything shown is covered by the proof.", hidden),
			fmt.Sprintf("%d hidden fields, each named and bound to its place", n))
	}
	return true
}

// problemText says what is wrong with a required field, in words the
// catalogues translate.
func problemText(p credential.FieldProblem) text {
	label, pointer := term(p.Label), strings.TrimPrefix(p.Pointer, "/")
	switch p.Why {
	case credential.WhyHidden:
		return say("%s (%s) is hidden", label, pointer)
	case credential.WhyMissing:
		return say("%s (%s) is missing", label, pointer)
	case credential.WhyNotText:
		return say("%s (%s) is not text", label, pointer)
	case credential.WhyNotList:
		return say("%s (%s) is not a list of text", label, pointer)
	case credential.WhyMaybeHidden:
		return say("%s (%s) may be hidden (this version 1 proof does not name its hidden fields)", label, pointer)
	}
	return say("%s (%s) is %s", label, pointer, p.Why)
}

func (v *Verifier) checkInclusion(r *Result, b *bundle.Bundle, digest credential.Hash) {
	p := b.Proof
	leaf := merkle.LeafHash(digest[:])
	err := merkle.VerifyInclusion(leaf, p.LeafIndex, p.TreeSize, p.Path, p.Header.Root)
	detail := fmt.Sprintf("leaf %d of %d, root %x", p.LeafIndex, p.TreeSize, p.Header.Root)
	r.Technical["root"] = hex.EncodeToString(p.Header.Root[:])
	var mismatch *merkle.RootMismatchError
	switch {
	case err == nil:
		r.add(CheckInclusion, Pass, say("The credential is one of the batch the issuer sealed."), detail)
	case errors.As(err, &mismatch):
		r.add(CheckInclusion, Fail, say("The credential does not match what the issuer sealed: its content or its proof was changed."),
			fmt.Sprintf("path leads to root %x, header commits to %x", mismatch.Computed, mismatch.Expected))
	default:
		r.add(CheckInclusion, Fail, say("The proof's position in the batch is inconsistent."), err.Error())
	}
}

func (v *Verifier) checkSeal(r *Result, b *bundle.Bundle) {
	h := b.Proof.Header
	s := h.Hash()
	r.Technical["seal"] = hex.EncodeToString(s[:])
	detail := fmt.Sprintf("seal %x, bits %08x, nonce %d", s, h.Bits, h.Nonce)
	if !h.Sealed() {
		r.add(CheckSeal, Fail, say("The batch header's seal is not valid: the header was altered or never sealed."), detail)
		return
	}
	r.add(CheckSeal, Pass, say("The batch header carries a valid proof-of-work seal."), detail)
	// What the seal cost, on average: its expected hashes, and their energy
	// at the reference rate and power (docs/PERFORMANCE.md, "Energy").
	if work, err := seal.Work(h.Bits); err == nil {
		hashes, _ := new(big.Float).SetInt(work).Float64()
		r.Technical["sealExpectedHashes"] = work.String()
		r.Technical["sealEnergyJoulesEstimate"] = strconv.FormatFloat(energy.ForHashes(hashes), 'g', 3, 64)
	}
}

// validity checks the dates; the disclosure check has made sure they are
// shown (validUntil null, or absent from a v1 full disclosure: no end date).
func (v *Verifier) validity(r *Result) Check {
	now := v.now()
	c := r.Credential
	if c.ValidFrom == "" {
		return check(CheckValidity, Fail, say("The credential's start date is hidden or missing."), "")
	}
	from, err := time.Parse(time.RFC3339, c.ValidFrom)
	if err != nil {
		return check(CheckValidity, Fail, say("The credential's start date cannot be read."), c.ValidFrom)
	}
	if now.Before(from) {
		return check(CheckValidity, Fail, say("The credential is not valid yet."), "validFrom "+c.ValidFrom)
	}
	if c.ValidUntil != "" {
		until, err := time.Parse(time.RFC3339, c.ValidUntil)
		if err != nil {
			return check(CheckValidity, Fail, say("The credential's end date cannot be read."), c.ValidUntil)
		}
		if !now.Before(until) {
			return check(CheckValidity, Fail, say("The credential has expired."), "validUntil "+c.ValidUntil)
		}
		return check(CheckValidity, Pass, say("The credential is within its validity period."), c.ValidFrom+" to "+c.ValidUntil)
	}
	return check(CheckValidity, Pass, say("The credential is valid and does not expire."), "from "+c.ValidFrom)
}

// summaryFields maps the displayed members to their JSON Pointers.
var summaryFields = map[string]func(*Summary) *string{
	"/id":                                 func(s *Summary) *string { return &s.ID },
	"/credentialSubject/name":             func(s *Summary) *string { return &s.Learner },
	"/credentialSubject/achievement/name": func(s *Summary) *string { return &s.Title },
	"/issuer/name":                        func(s *Summary) *string { return &s.ClaimedIssuer },
	"/issuer/url":                         func(s *Summary) *string { return &s.IssuerURL },
	"/validFrom":                          func(s *Summary) *string { return &s.ValidFrom },
	"/validUntil":                         func(s *Summary) *string { return &s.ValidUntil },
}

// summaryOf reads the displayed members from the parsed fields (string
// values only; their canonical JSON form unquotes as a Go literal).
func summaryOf(fields []credential.Field) Summary {
	var s Summary
	for _, f := range fields {
		if dst, ok := summaryFields[f.Pointer]; ok && len(f.Value) > 0 && f.Value[0] == '"' {
			if v, err := strconv.Unquote(string(f.Value)); err == nil {
				*dst(&s) = v
			}
		}
	}
	return s
}
