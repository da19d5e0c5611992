package verifier

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/credseal/credseal/internal/fetch"
	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/did"
	"github.com/credseal/credseal/pkg/ob3"
	"github.com/credseal/credseal/pkg/vc"
)

// TrustedIssuer is an issuer of Verifiable Credentials the verifier trusts:
// a did:key, or a did:web whose DID document it fetches from DocumentURL
// ("" for the address the DID names). Nothing else is ever resolved.
type TrustedIssuer struct {
	DID         string
	Name        string
	DocumentURL string
}

// maxFetched bounds a fetched status list credential.
const maxFetched = 1 << 20

// vcTrust resolves keys and fetches status lists for the trusted issuers.
type vcTrust struct {
	issuers  map[string]TrustedIssuer
	resolver *did.Resolver
	client   *http.Client

	mu    sync.Mutex
	lists map[string]fetchedList
}

type fetchedList struct {
	doc map[string]any
	at  time.Time
}

const statusListCacheTTL = time.Minute

func newVCTrust(issuers []TrustedIssuer, client *http.Client) *vcTrust {
	if client == nil {
		client = fetch.NewClient()
	}
	t := &vcTrust{issuers: map[string]TrustedIssuer{}, client: client,
		resolver: &did.Resolver{Web: map[string]string{}, Client: client}}
	for _, is := range issuers {
		t.issuers[is.DID] = is
		if strings.HasPrefix(is.DID, "did:web:") {
			t.resolver.Web[is.DID] = is.DocumentURL
		}
	}
	return t
}

// maxVCSize bounds a Verifiable Credential: JSON-LD processing costs far
// more per byte than a bundle's checks.
const maxVCSize = 256 << 10

// verifyVC checks a Verifiable Credential: format, the issuer's signature,
// the issuer on the trust list, revocation by status list, the credseal
// anchor it may carry, validity. Everything it decides or shows is read
// from the expanded document, which is what the signature covers.
func (v *Verifier) verifyVC(ctx context.Context, data []byte) *Result {
	r := &Result{Kind: KindVC, Technical: map[string]string{}}
	rest := []string{CheckSignature, CheckIssuer, CheckRevocation, CheckValidity}
	if len(data) > maxVCSize {
		return r.unreadable(say("The credential is larger than %d KiB.", maxVCSize>>10), "", rest)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		return r.unreadable(say("This is not a readable Verifiable Credential."), err.Error(), rest)
	}
	unsigned := make(map[string]any, len(doc))
	for k, val := range doc {
		if k != "proof" {
			unsigned[k] = val
		}
	}
	node, err := vc.Expand(unsigned)
	if errors.Is(err, vc.ErrBusy) {
		return r.busy(rest)
	}
	if err != nil {
		return r.unreadable(say("The credential holds content a signature cannot cover (terms, types or ids its contexts do not define)."), err.Error(), rest)
	}
	if !node.HasType(vc.IRIVerifiableCredential) || len(node.Nodes(vc.IRISubject)) == 0 {
		return r.unreadable(say("This is not a Verifiable Credential: it has no type VerifiableCredential or no subject."), "", rest)
	}
	issuer, ok := node.Ref(vc.IRIIssuer)
	if !ok {
		return r.unreadable(say("The credential does not name exactly one issuer."), "", rest)
	}
	r.Credential = vcSummary(node)
	kind := say("The document is a Verifiable Credential.")
	if node.HasType(vc.IRIOpenBadge) {
		kind = say("The document is an Open Badges 3.0 credential.")
	}
	r.add(CheckFormat, Pass, kind, "issuer "+issuer)

	// Only a trusted issuer's credential costs a canonicalisation, a key
	// look-up or a status list: anyone can sign one.
	trusted, isTrusted := v.vc.issuers[issuer]
	signed := false
	if !isTrusted {
		r.add(CheckSignature, NotChecked, say("Not checked: the issuer is not one this verifier trusts."), issuer)
	} else {
		verified, err := vc.Verify(ctx, doc, v.vc.resolver)
		signed = err == nil
		var expires time.Time
		if signed && verified.Expires != "" {
			expires, _ = time.Parse(time.RFC3339, verified.Expires) // Verify checked the form
		}
		switch {
		case signed && !expires.IsZero() && !v.now().Before(expires):
			signed = false
			r.add(CheckSignature, Fail, say("The issuer's signature expired on %s.", day(expires)),
				fmt.Sprintf("%s by %s, expires %s", verified.Suite(), verified.VerificationMethod, verified.Expires))
		case signed:
			r.Technical["proof"] = verified.Suite()
			r.add(CheckSignature, Pass, say("The issuer's digital signature is valid: nothing was changed since it was signed."),
				fmt.Sprintf("%s by %s", verified.Suite(), verified.VerificationMethod))
		case errors.Is(err, vc.ErrSignature):
			r.add(CheckSignature, Fail, say("The signature does not match: the credential was changed after it was signed."), err.Error())
		case errors.Is(err, vc.ErrIssuerBinding):
			r.add(CheckSignature, Fail, say("The credential was signed with a key that does not belong to its issuer."), err.Error())
		case errors.Is(err, vc.ErrNotCanonical), errors.Is(err, vc.ErrTooComplex):
			r.add(CheckSignature, Fail, say("The credential holds content its signature cannot cover."), err.Error())
		case errors.Is(err, vc.ErrUnsupportedProof), errors.Is(err, vc.ErrNoProof):
			r.add(CheckSignature, Fail, say("The credential has no signature this verifier can check (it reads eddsa-rdfc-2022 and Ed25519Signature2020)."), err.Error())
		case errors.Is(err, vc.ErrMalformed), errors.Is(err, did.ErrNoKey), errors.Is(err, did.ErrUnsupported), errors.Is(err, vc.ErrKeyEncoding):
			r.add(CheckSignature, Fail, say("The credential's signature names no key its issuer publishes."), err.Error())
		case errors.Is(err, vc.ErrBusy):
			r.add(CheckSignature, NotChecked, say("Not checked: the verifier is busy. Try again in a minute."), err.Error())
		default: // the DID document could not be fetched: ask again later
			r.add(CheckSignature, NotChecked, say("Not checked: the issuer's public key could not be fetched."), err.Error())
		}
	}

	if isTrusted {
		name := trusted.Name
		if name == "" {
			name = issuer
		}
		r.Credential.AccreditedIssuer = name
		r.add(CheckIssuer, Pass, say("Issued by %s, an issuer this verifier trusts.", name), issuer)
	} else {
		r.add(CheckIssuer, Fail, say("The issuer is not on this verifier's list of trusted issuers: anyone can sign a credential."), issuer)
	}

	if signed {
		v.vcStatus(ctx, r, node, trusted)
		v.vcAnchor(ctx, r, node)
	} else {
		r.add(CheckRevocation, NotChecked, say("Not checked: the signature or the issuer did not pass, so no status list was fetched."), "")
	}
	r.Checks = append(r.Checks, v.vcValidity(r, node))
	r.finish()
	return r
}

// vcValidity checks the validity period: validFrom/validUntil (VC 2.0) or
// issuanceDate/expirationDate (VC 1.1), each given at most once.
func (v *Verifier) vcValidity(r *Result, node vc.Node) Check {
	from, fromCount := node.Values(vc.IRIValidFrom)
	until, untilCount := node.Values(vc.IRIValidUntil)
	if fromCount == 0 {
		from, fromCount = node.Values(vc.IRIIssuanceDate)
	}
	if untilCount == 0 {
		until, untilCount = node.Values(vc.IRIExpirationDate)
	}
	if fromCount > 1 || untilCount > 1 || len(from) != fromCount || len(until) != untilCount {
		return check(CheckValidity, Fail, say("The credential's dates cannot be read: it gives more than one start or end."), "")
	}
	if fromCount == 0 && untilCount == 0 {
		return check(CheckValidity, Pass, say("The credential states no validity period."), "")
	}
	if fromCount == 0 {
		// validity needs a start: an end alone counts from the beginning.
		shown := r.Credential.ValidFrom
		r.Credential.ValidFrom = "0001-01-01T00:00:00Z"
		defer func() { r.Credential.ValidFrom = shown }()
	}
	return v.validity(r)
}

// vcSummary reads what to display from the signed, expanded credential.
func vcSummary(node vc.Node) Summary {
	one := func(n vc.Node, iri string) string { s, _ := n.Value(iri); return s }
	s := Summary{ID: node.ID(), Title: one(node, vc.IRIName)}
	s.ValidFrom = one(node, vc.IRIValidFrom)
	if s.ValidFrom == "" {
		s.ValidFrom = one(node, vc.IRIIssuanceDate)
	}
	s.ValidUntil = one(node, vc.IRIValidUntil)
	if s.ValidUntil == "" {
		s.ValidUntil = one(node, vc.IRIExpirationDate)
	}
	if is := node.Nodes(vc.IRIIssuer); len(is) == 1 {
		s.ClaimedIssuer = one(is[0], vc.IRIName)
	}
	if subjects := node.Nodes(vc.IRISubject); len(subjects) == 1 {
		subject := subjects[0]
		s.Learner = one(subject, vc.IRIName)
		if s.Learner == "" {
			for _, id := range subject.Nodes(vc.IRIIdentifier) {
				if one(id, vc.IRIIdentityType) == "name" && one(id, vc.IRIHashed) == "false" {
					s.Learner = one(id, vc.IRIIdentityHash)
				}
			}
		}
		if a := subject.Nodes(vc.IRIAchievement); len(a) == 1 && one(a[0], vc.IRIName) != "" {
			s.Title = one(a[0], vc.IRIName)
		}
	}
	return s
}

// vcAnchor checks the credseal proof bundles the credential carries as
// evidence (credseal's Open Badges export): signed with the credential,
// so the issuer vouches that they are this credential's. Each must be of
// this credential (same id, learner and title) and verify in full: a
// failure or a revocation on chain fails the credential. Without a
// registry it is advisory.
func (v *Verifier) vcAnchor(ctx context.Context, r *Result, node vc.Node) {
	var worst *Check
	for _, ev := range node.Nodes(vc.IRIEvidence) {
		if genres, _ := ev.Values(vc.IRIGenre); !slices.Contains(genres, ob3.EvidenceGenre) {
			continue
		}
		c := check(CheckAnchored, Fail, say("The blockchain proof the credential carries cannot be read."), "")
		if cs1, ok := ev.Value(vc.IRINarrative); ok {
			c = v.anchorOf(ctx, r, cs1)
		}
		if worst == nil || rank(c) > rank(*worst) {
			worst = &c
		}
	}
	if worst != nil {
		r.Checks = append(r.Checks, *worst)
	}
}

// rank orders anchor outcomes, worst highest.
func rank(c Check) int {
	switch {
	case c.Status == Fail:
		return 4
	case c.Status == NotChecked && !c.Advisory:
		return 3
	case c.Status == Pending:
		return 2
	case c.Status == NotChecked:
		return 1
	}
	return 0
}

// anchorOf verifies one carried bundle as the credential's.
func (v *Verifier) anchorOf(ctx context.Context, r *Result, cs1 string) Check {
	b, err := bundle.ParseCompact(cs1)
	if err != nil {
		return check(CheckAnchored, Fail, say("The blockchain proof the credential carries cannot be read."), err.Error())
	}
	sub := v.Verify(ctx, b)
	c := r.Credential
	if sub.Credential.ID == "" || sub.Credential.ID != c.ID || sub.Credential.Learner != c.Learner || sub.Credential.Title != c.Title {
		return check(CheckAnchored, Fail, say("The blockchain proof the credential carries is another credential's."),
			fmt.Sprintf("proof of %q (%s, %s) in %q (%s, %s)", sub.Credential.ID, sub.Credential.Learner, sub.Credential.Title, c.ID, c.Learner, c.Title))
	}
	for _, k := range []string{"seal", "root", "registry", "chainId", "block", "tx"} {
		if val, ok := sub.Technical[k]; ok {
			r.Technical["anchor."+k] = val
		}
	}
	switch sub.Verdict {
	case Verified:
		return check(CheckAnchored, Pass, say("The issuer also recorded this credential on a blockchain registry this verifier trusts."), anchorDetail(sub))
	case PendingConfirmation:
		return check(CheckAnchored, Pending, say("The credential's blockchain record is not yet deep enough to rely on: check again later."), anchorDetail(sub))
	case OfflineOnly:
		c := check(CheckAnchored, NotChecked, say("Not checked: the credential carries a blockchain proof, but this verifier reads no registry."), offlineDetail)
		c.Advisory = true
		return c
	case Incomplete:
		return check(CheckAnchored, NotChecked, say("Not checked: the credential's blockchain record could not be read."), anchorDetail(sub))
	}
	return check(CheckAnchored, Fail, say("The credential's blockchain proof does not verify. %s", firstFailure(sub)), anchorDetail(sub))
}

func anchorDetail(sub *Result) string {
	var parts []string
	for _, c := range sub.Checks {
		parts = append(parts, c.ID+": "+string(c.Status))
	}
	return "credseal proof: " + strings.Join(parts, ", ")
}

func firstFailure(sub *Result) text {
	for _, c := range sub.Checks {
		if c.Status == Fail {
			return c.reason
		}
	}
	return text{format: string(sub.Verdict)}
}

// unreadable ends a result whose input could not be read at all.
func (r *Result) unreadable(reason text, detail string, rest []string) *Result {
	r.add(CheckFormat, Fail, reason, detail)
	for _, id := range rest {
		r.add(id, NotChecked, say("Not checked: the credential could not be read."), "")
	}
	r.finish()
	return r
}

// busy is the result of a credential the verifier had no capacity to read
// now: nothing about it was decided.
func (r *Result) busy(rest []string) *Result {
	r.add(CheckFormat, NotChecked, say("Not checked: the verifier is busy. Try again in a minute."), vc.ErrBusy.Error())
	for _, id := range rest {
		r.add(id, NotChecked, say("Not checked: the verifier is busy."), "")
	}
	r.finish()
	return r
}

// vcStatus checks every Bitstring Status List entry of the credential:
// any set, or unreadable, fails it. Lists are fetched only from the
// trusted issuer's own host, and must be signed by that issuer.
func (v *Verifier) vcStatus(ctx context.Context, r *Result, node vc.Node, issuer TrustedIssuer) {
	entries := node.Nodes(vc.IRIStatus)
	if _, count := node.Values(vc.IRIStatus); count != len(entries) {
		r.add(CheckRevocation, Fail, say("The credential's revocation status cannot be read."), "a status that is not an entry")
		return
	}
	if len(entries) == 0 {
		r.add(CheckRevocation, Warning, say("The issuer publishes no revocation status for this credential."), "no credentialStatus")
		return
	}
	var passed []string
	for _, entry := range entries {
		c := v.statusEntry(ctx, entry, issuer)
		if c.Status != Pass {
			r.Checks = append(r.Checks, c)
			return
		}
		passed = append(passed, c.Detail)
	}
	r.add(CheckRevocation, Pass, say("The issuer has not revoked this credential."), strings.Join(passed, "; "))
}

// statusEntry checks one status entry.
func (v *Verifier) statusEntry(ctx context.Context, entry vc.Node, issuer TrustedIssuer) Check {
	listURL, okList := entry.Ref(vc.IRIStatusList)
	purpose, okPurpose := entry.Value(vc.IRIStatusPurpose)
	indexText, okIndex := entry.Value(vc.IRIStatusIndex)
	index, err := strconv.Atoi(indexText)
	if !entry.HasType(vc.IRIStatusEntry) || !okList || !okPurpose || !okIndex || err != nil || index < 0 {
		return check(CheckRevocation, Fail, say("The credential's revocation status entry cannot be read."), "")
	}
	detail := fmt.Sprintf("%s index %d of %s", purpose, index, listURL)
	if purpose != vc.PurposeRevocation && purpose != "suspension" {
		return check(CheckRevocation, NotChecked, say("Not checked: a status entry is about something other than revocation."), detail)
	}
	if !v.vc.mayFetch(issuer, listURL) {
		return check(CheckRevocation, NotChecked, say("Not checked: the revocation list is on a website other than the issuer's."), listURL)
	}
	list, err := v.vc.statusList(ctx, listURL, issuer.DID, purpose)
	if err != nil {
		return check(CheckRevocation, NotChecked, say("Not checked: the issuer's revocation list could not be read."), err.Error())
	}
	set, inside := list.Get(index)
	switch {
	case !inside:
		return check(CheckRevocation, Fail, say("The credential's place in the revocation list does not exist."), detail)
	case set && purpose == "suspension":
		return check(CheckRevocation, Fail, say("The issuer has suspended this credential."), detail)
	case set:
		return check(CheckRevocation, Fail, say("The issuer has revoked this credential."), detail)
	}
	return check(CheckRevocation, Pass, say(""), detail)
}

// mayFetch allows a status list only from the host the issuer's DID
// document comes from (the did:web host, or its configured document URL).
func (t *vcTrust) mayFetch(issuer TrustedIssuer, listURL string) bool {
	u, err := url.Parse(listURL)
	if err != nil || u.User != nil {
		return false
	}
	var allowed []string
	if issuer.DocumentURL != "" {
		allowed = append(allowed, issuer.DocumentURL)
	}
	if web, err := did.WebURL(issuer.DID); err == nil {
		allowed = append(allowed, web)
	}
	for _, a := range allowed {
		if au, err := url.Parse(a); err == nil && au.Scheme == u.Scheme && au.Host == u.Host {
			return true
		}
	}
	return false
}

// statusList fetches, verifies and decodes a status list credential.
func (t *vcTrust) statusList(ctx context.Context, listURL, issuer, purpose string) (vc.StatusList, error) {
	t.mu.Lock()
	c, ok := t.lists[listURL]
	t.mu.Unlock()
	doc := c.doc
	if !ok || time.Since(c.at) > statusListCacheTTL {
		var err error
		if doc, err = t.fetch(ctx, listURL); err != nil {
			return nil, err
		}
	}
	// Read from what the issuer signed (the expanded list), like the
	// credential itself.
	verified, err := vc.Verify(ctx, doc, t.resolver)
	if err != nil {
		return nil, fmt.Errorf("status list %s: %w", listURL, err)
	}
	node := verified.Node
	if verified.Issuer != issuer {
		return nil, fmt.Errorf("status list %s is issued by %s, not %s", listURL, verified.Issuer, issuer)
	}
	if node.ID() != listURL || !node.HasType(vc.IRIStatusListCredential) {
		return nil, fmt.Errorf("%s is not the status list credential it names", listURL)
	}
	subjects := node.Nodes(vc.IRISubject)
	if len(subjects) != 1 {
		return nil, fmt.Errorf("status list %s has %d subjects, want one", listURL, len(subjects))
	}
	if p, _ := subjects[0].Value(vc.IRIStatusPurpose); p != purpose {
		return nil, fmt.Errorf("status list %s is for %q, not %q", listURL, p, purpose)
	}
	if untils, n := node.Values(vc.IRIValidUntil); n > 0 {
		until, err := time.Parse(time.RFC3339, untils[0])
		if n != 1 || len(untils) != 1 || err != nil || !time.Now().Before(until) {
			return nil, fmt.Errorf("status list %s has expired (%v)", listURL, untils)
		}
	}
	encoded, _ := subjects[0].Value(vc.IRIEncodedList)
	list, err := vc.DecodeStatusList(encoded)
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	if t.lists == nil {
		t.lists = map[string]fetchedList{}
	}
	if !ok || time.Since(c.at) > statusListCacheTTL {
		t.lists[listURL] = fetchedList{doc: doc, at: time.Now()}
	}
	t.mu.Unlock()
	return list, nil
}

func (t *vcTrust) fetch(ctx context.Context, u string) (map[string]any, error) {
	body, err := fetch.Get(ctx, t.client, u, "application/vc+ld+json, application/json", maxFetched)
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", u, err)
	}
	return doc, nil
}
