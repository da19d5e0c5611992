package verifier

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

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
		client = &http.Client{Timeout: 10 * time.Second,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
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

// verifyVC checks a Verifiable Credential: format, the issuer's signature,
// the issuer on the trust list, revocation by status list, validity.
func (v *Verifier) verifyVC(ctx context.Context, data []byte) *Result {
	r := &Result{Kind: KindVC, Technical: map[string]string{}}
	rest := []string{CheckSignature, CheckIssuer, CheckRevocation, CheckValidity}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		return r.unreadable("This is not a readable Verifiable Credential.", err.Error(), rest)
	}
	if !hasType(doc["type"], "VerifiableCredential") || doc["credentialSubject"] == nil {
		return r.unreadable("This is not a Verifiable Credential: it has no type VerifiableCredential or no subject.", "", rest)
	}
	issuer, err := vc.IssuerID(doc)
	if err != nil {
		return r.unreadable("The credential does not name its issuer.", err.Error(), rest)
	}
	r.Credential = vcSummary(doc)
	kind := "a Verifiable Credential"
	if hasType(doc["type"], "OpenBadgeCredential") || hasType(doc["type"], "AchievementCredential") {
		kind = "an Open Badges 3.0 credential"
	}
	r.add(CheckFormat, Pass, "The document is "+kind+".", "issuer "+issuer)

	verified, err := vc.Verify(ctx, doc, v.vc.resolver)
	signed := err == nil
	switch {
	case signed:
		r.Technical["proof"] = verified.Suite()
		r.add(CheckSignature, Pass, "The issuer's digital signature is valid: nothing was changed since it was signed.",
			fmt.Sprintf("%s by %s", verified.Suite(), verified.VerificationMethod))
	case errors.Is(err, did.ErrNotTrusted):
		r.add(CheckSignature, NotChecked, "Not checked: the issuer's public key is published on a website this verifier is not set up to trust.", err.Error())
	case errors.Is(err, vc.ErrSignature):
		r.add(CheckSignature, Fail, "The signature does not match: the credential was changed after it was signed.", err.Error())
	case errors.Is(err, vc.ErrIssuerBinding):
		r.add(CheckSignature, Fail, "The credential was signed with a key that does not belong to its issuer.", err.Error())
	case errors.Is(err, vc.ErrNotCanonical):
		r.add(CheckSignature, Fail, "The credential holds content its signature cannot cover (unknown terms or contexts).", err.Error())
	case errors.Is(err, vc.ErrUnsupportedProof), errors.Is(err, vc.ErrNoProof):
		r.add(CheckSignature, Fail, "The credential has no signature this verifier can check (it reads eddsa-rdfc-2022 and Ed25519Signature2020).", err.Error())
	default:
		r.add(CheckSignature, Fail, "The issuer's signature could not be verified.", err.Error())
	}

	trusted, ok := v.vc.issuers[issuer]
	if ok {
		name := trusted.Name
		if name == "" {
			name = issuer
		}
		r.Credential.AccreditedIssuer = name
		r.add(CheckIssuer, Pass, "Issued by "+name+", an issuer this verifier trusts.", issuer)
	} else {
		r.add(CheckIssuer, Fail, "The issuer is not on this verifier's list of trusted issuers: anyone can sign a credential.", issuer)
	}

	if signed && ok {
		v.vcStatus(ctx, r, doc, trusted)
		v.vcAnchor(ctx, r, doc)
	} else {
		r.add(CheckRevocation, NotChecked, "Not checked: the signature or the issuer did not pass, so no status list was fetched.", "")
	}
	if r.Credential.ValidFrom == "" && r.Credential.ValidUntil == "" {
		r.add(CheckValidity, Pass, "The credential states no validity period.", "")
	} else {
		r.Checks = append(r.Checks, v.validity(r))
	}
	r.finish()
	return r
}

// vcAnchor checks the credseal proof bundle a credential carries as
// evidence (credseal's Open Badges export): signed with the credential,
// so the issuer vouches that it is this credential's. It must be this
// credential's, and verify in full: a failure or a revocation on chain
// fails the credential. Without a registry it is advisory.
func (v *Verifier) vcAnchor(ctx context.Context, r *Result, doc map[string]any) {
	cs1 := anchorEvidence(doc)
	if cs1 == "" {
		return
	}
	b, err := bundle.ParseCompact(cs1)
	if err != nil {
		r.add(CheckAnchored, Fail, "The blockchain proof the credential carries cannot be read.", err.Error())
		return
	}
	sub := v.Verify(ctx, b)
	id, _ := doc["id"].(string)
	if sub.Credential.ID != id {
		r.add(CheckAnchored, Fail, "The blockchain proof the credential carries is another credential's.", fmt.Sprintf("proof of %q in %q", sub.Credential.ID, id))
		return
	}
	for _, k := range []string{"seal", "root", "registry", "chainId", "block", "tx"} {
		if val, ok := sub.Technical[k]; ok {
			r.Technical["anchor."+k] = val
		}
	}
	switch sub.Verdict {
	case Verified:
		r.add(CheckAnchored, Pass, "The issuer also recorded this credential on a blockchain registry this verifier trusts.", anchorDetail(sub))
	case PendingConfirmation:
		r.add(CheckAnchored, Pending, "The credential's blockchain record is not yet deep enough to rely on: check again later.", anchorDetail(sub))
	case OfflineOnly:
		c := check(CheckAnchored, NotChecked, "Not checked: the credential carries a blockchain proof, but this verifier reads no registry.", offlineDetail)
		c.Advisory = true
		r.Checks = append(r.Checks, c)
	case Incomplete:
		r.add(CheckAnchored, NotChecked, "Not checked: the credential's blockchain record could not be read.", anchorDetail(sub))
	default:
		r.add(CheckAnchored, Fail, "The credential's blockchain proof does not verify. "+firstFailure(sub), anchorDetail(sub))
	}
}

// anchorEvidence returns the CS1 bundle of a credseal evidence entry.
func anchorEvidence(doc map[string]any) string {
	list, _ := doc["evidence"].([]any)
	for _, e := range list {
		if m, _ := e.(map[string]any); m != nil && m["genre"] == ob3.EvidenceGenre {
			s, _ := m["narrative"].(string)
			return s
		}
	}
	return ""
}

func anchorDetail(sub *Result) string {
	var parts []string
	for _, c := range sub.Checks {
		parts = append(parts, c.ID+": "+string(c.Status))
	}
	return "credseal proof: " + strings.Join(parts, ", ")
}

func firstFailure(sub *Result) string {
	for _, c := range sub.Checks {
		if c.Status == Fail {
			return c.Reason
		}
	}
	return string(sub.Verdict)
}

// unreadable ends a result whose input could not be read at all.
func (r *Result) unreadable(reason, detail string, rest []string) *Result {
	r.add(CheckFormat, Fail, reason, detail)
	for _, id := range rest {
		r.add(id, NotChecked, "Not checked: the credential could not be read.", "")
	}
	r.finish()
	return r
}

// vcStatus checks a Bitstring Status List entry. Lists are fetched only
// from the trusted issuer's own host, and must be signed by that issuer.
func (v *Verifier) vcStatus(ctx context.Context, r *Result, doc map[string]any, issuer TrustedIssuer) {
	entry, _ := doc["credentialStatus"].(map[string]any)
	if entry == nil {
		r.add(CheckRevocation, Warning, "The issuer publishes no revocation status for this credential.", "no credentialStatus")
		return
	}
	listURL, _ := entry["statusListCredential"].(string)
	purpose, _ := entry["statusPurpose"].(string)
	index, err := strconv.Atoi(fmt.Sprint(entry["statusListIndex"]))
	if t, _ := entry["type"].(string); t != vc.TypeStatusListEntry || listURL == "" || err != nil || index < 0 {
		r.add(CheckRevocation, Fail, "The credential's revocation status entry cannot be read.", fmt.Sprintf("%v", entry))
		return
	}
	if purpose != vc.PurposeRevocation && purpose != "suspension" {
		r.add(CheckRevocation, NotChecked, "Not checked: the status entry is not about revocation.", purpose)
		return
	}
	if !v.vc.mayFetch(issuer, listURL) {
		r.add(CheckRevocation, NotChecked, "Not checked: the revocation list is on a website other than the issuer's.", listURL)
		return
	}
	list, err := v.vc.statusList(ctx, listURL, issuer.DID, purpose)
	if err != nil {
		r.add(CheckRevocation, NotChecked, "Not checked: the issuer's revocation list could not be read.", err.Error())
		return
	}
	set, inside := list.Get(index)
	detail := fmt.Sprintf("%s index %d of %s", purpose, index, listURL)
	switch {
	case !inside:
		r.add(CheckRevocation, Fail, "The credential's place in the revocation list does not exist.", detail)
	case set && purpose == "suspension":
		r.add(CheckRevocation, Fail, "The issuer has suspended this credential.", detail)
	case set:
		r.add(CheckRevocation, Fail, "The issuer has revoked this credential.", detail)
	default:
		r.add(CheckRevocation, Pass, "The issuer has not revoked this credential.", detail)
	}
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
	if _, err := vc.Verify(ctx, doc, t.resolver); err != nil {
		return nil, fmt.Errorf("status list %s: %w", listURL, err)
	}
	if id, _ := vc.IssuerID(doc); id != issuer {
		return nil, fmt.Errorf("status list %s is issued by %s, not %s", listURL, id, issuer)
	}
	if id, _ := doc["id"].(string); id != listURL || !hasType(doc["type"], vc.TypeStatusListCredential) {
		return nil, fmt.Errorf("%s is not the status list credential it names", listURL)
	}
	subject, _ := doc["credentialSubject"].(map[string]any)
	if p, _ := subject["statusPurpose"].(string); p != purpose {
		return nil, fmt.Errorf("status list %s is for %q, not %q", listURL, p, purpose)
	}
	if until, _ := doc["validUntil"].(string); until != "" {
		if t, err := time.Parse(time.RFC3339, until); err != nil || !time.Now().Before(t) {
			return nil, fmt.Errorf("status list %s has expired (%s)", listURL, until)
		}
	}
	encoded, _ := subject["encodedList"].(string)
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
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := t.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: HTTP %s", u, resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxFetched+1))
	if err != nil {
		return nil, err
	}
	if len(body) > maxFetched {
		return nil, fmt.Errorf("%s: larger than %d bytes", u, maxFetched)
	}
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", u, err)
	}
	return doc, nil
}

func hasType(v any, want string) bool {
	switch t := v.(type) {
	case string:
		return t == want
	case []any:
		for _, e := range t {
			if s, _ := e.(string); s == want {
				return true
			}
		}
	}
	return false
}

// vcSummary reads what to display from a credential (OB3 and VC 1.1 names).
func vcSummary(doc map[string]any) Summary {
	str := func(m map[string]any, k string) string { s, _ := m[k].(string); return s }
	obj := func(m map[string]any, k string) map[string]any { o, _ := m[k].(map[string]any); return o }
	s := Summary{ID: str(doc, "id"), Title: str(doc, "name"), ValidFrom: str(doc, "validFrom"), ValidUntil: str(doc, "validUntil")}
	if s.ValidFrom == "" {
		s.ValidFrom = str(doc, "issuanceDate")
	}
	if s.ValidUntil == "" {
		s.ValidUntil = str(doc, "expirationDate")
	}
	if is := obj(doc, "issuer"); is != nil {
		s.ClaimedIssuer, s.IssuerURL = str(is, "name"), str(is, "url")
	}
	subject := obj(doc, "credentialSubject")
	s.Learner = str(subject, "name")
	if s.Learner == "" {
		ids, _ := subject["identifier"].([]any)
		for _, e := range ids {
			if m, _ := e.(map[string]any); m != nil && str(m, "identityType") == "name" && m["hashed"] == false {
				s.Learner = str(m, "identityHash")
			}
		}
	}
	if a := obj(subject, "achievement"); a != nil && str(a, "name") != "" {
		s.Title = str(a, "name")
	}
	return s
}
