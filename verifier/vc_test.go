package verifier_test

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mr-tron/base58"

	"github.com/credseal/credseal/internal/fixtures"
	"github.com/credseal/credseal/pkg/did"
	"github.com/credseal/credseal/pkg/ob3"
	"github.com/credseal/credseal/pkg/vc"
	"github.com/credseal/credseal/verifier"
)

// webIssuer is a did:web issuer whose DID document and status list an
// HTTP server on 127.0.0.1 publishes.
type webIssuer struct {
	did     string
	iss     ob3.Issuer
	srv     *httptest.Server
	revoked []int
	// listKey signs the status list; the issuer's own key unless a test
	// forges one.
	listKey ob3.Issuer
}

func newWebIssuer(t *testing.T) *webIssuer {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	w := &webIssuer{did: "did:web:registrar.example.edu"}
	w.iss = ob3.Issuer{DID: w.did, Key: priv}
	w.listKey = w.iss
	mux := http.NewServeMux()
	mux.HandleFunc("/.well-known/did.json", func(rw http.ResponseWriter, _ *http.Request) {
		_ = json.NewEncoder(rw).Encode(did.NewDocument(w.did, pub))
	})
	mux.HandleFunc("/status/1", func(rw http.ResponseWriter, _ *http.Request) {
		l := vc.NewStatusList(0)
		for _, i := range w.revoked {
			l.Set(i)
		}
		c := ob3.StatusListCredential(w.srv.URL+"/status/1", w.did, l, time.Now())
		if err := vc.Sign(c, w.listKey.Key, w.listKey.VerificationMethod(), time.Now()); err != nil {
			t.Error(err)
		}
		_ = json.NewEncoder(rw).Encode(c)
	})
	w.srv = httptest.NewServer(mux)
	t.Cleanup(w.srv.Close)
	return w
}

// badge signs cohort credential i with its status at index i of listURL.
func (w *webIssuer) badge(t *testing.T, i int, listURL string) []byte {
	t.Helper()
	c, err := ob3.Credential(fixtures.Cohort(t)[i], w.did, ob3.Options{StatusList: listURL, StatusIndex: i})
	if err != nil {
		t.Fatal(err)
	}
	if err := ob3.Sign(c, w.iss, time.Now()); err != nil {
		t.Fatal(err)
	}
	js, _ := json.Marshal(c)
	return js
}

func (w *webIssuer) verifier(trusted bool) *verifier.Verifier {
	var issuers []verifier.TrustedIssuer
	if trusted {
		issuers = []verifier.TrustedIssuer{{DID: w.did, Name: "Université de Lumière", DocumentURL: w.srv.URL + "/.well-known/did.json"}}
	}
	return verifier.New(verifier.Options{Issuers: issuers})
}

func findCheck(r *verifier.Result, id string) verifier.Check {
	c, _ := r.Check(id)
	return c
}

func wantCheck(t *testing.T, r *verifier.Result, id string, want verifier.CheckStatus, verdict verifier.Verdict) {
	t.Helper()
	c, ok := r.Check(id)
	if !ok || c.Status != want || r.Verdict != verdict {
		js, _ := json.MarshalIndent(r, "", "  ")
		t.Fatalf("check %s: got %s, verdict %s; want %s, %s\n%s", id, c.Status, r.Verdict, want, verdict, js)
	}
}

// TestOpenBadgeFromTrustedDIDWeb: a credential from a configured did:web
// issuer verifies, with its status list read from the issuer's host; the
// kind is named.
func TestOpenBadgeFromTrustedDIDWeb(t *testing.T) {
	w := newWebIssuer(t)
	r := w.verifier(true).VerifyBytes(context.Background(), w.badge(t, 0, w.srv.URL+"/status/1"))
	wantCheck(t, r, verifier.CheckRevocation, verifier.Pass, verifier.Verified)
	if r.Kind != verifier.KindVC || r.Credential.Learner != "Zoë Müller-Øberg" || r.Credential.AccreditedIssuer != "Université de Lumière" {
		t.Fatalf("result %+v", r)
	}
}

// TestOpenBadgeAttacks: each way of passing off a credential fails or
// stays unverified, naming the check.
func TestOpenBadgeAttacks(t *testing.T) {
	ctx := context.Background()
	w := newWebIssuer(t)
	list := w.srv.URL + "/status/1"

	t.Run("untrusted issuer", func(t *testing.T) {
		// Anyone can sign: an issuer not configured is not believed, and
		// its DID document is not fetched.
		r := w.verifier(false).VerifyBytes(ctx, w.badge(t, 0, list))
		wantCheck(t, r, verifier.CheckIssuer, verifier.Fail, verifier.NotVerified)
		wantCheck(t, r, verifier.CheckSignature, verifier.NotChecked, verifier.NotVerified)
	})
	t.Run("self-signed did:key claiming the name", func(t *testing.T) {
		pub, priv, _ := ed25519.GenerateKey(nil)
		id := "did:key:" + vc.EncodeMultikey(pub)
		c, _ := ob3.Credential(fixtures.Cohort(t)[0], id, ob3.Options{})
		_ = vc.Sign(c, priv, id+"#"+vc.EncodeMultikey(pub), time.Now())
		js, _ := json.Marshal(c)
		r := w.verifier(true).VerifyBytes(ctx, js)
		wantCheck(t, r, verifier.CheckIssuer, verifier.Fail, verifier.NotVerified)
	})
	t.Run("altered", func(t *testing.T) {
		js := strings.Replace(string(w.badge(t, 0, list)), "Data Engineering Foundations", "Data Engineering Mastery", 1)
		r := w.verifier(true).VerifyBytes(ctx, []byte(js))
		wantCheck(t, r, verifier.CheckSignature, verifier.Fail, verifier.NotVerified)
	})
	t.Run("revoked", func(t *testing.T) {
		w.revoked = []int{1}
		defer func() { w.revoked = nil }()
		r := w.verifier(true).VerifyBytes(ctx, w.badge(t, 1, list))
		wantCheck(t, r, verifier.CheckRevocation, verifier.Fail, verifier.NotVerified)
	})
	t.Run("status list on another host", func(t *testing.T) {
		// The verifier does not fetch from a host the credential chooses.
		other := httptest.NewServer(w.srv.Config.Handler)
		defer other.Close()
		r := w.verifier(true).VerifyBytes(ctx, w.badge(t, 0, strings.Replace(other.URL, "127.0.0.1", "localhost", 1)+"/status/1"))
		wantCheck(t, r, verifier.CheckRevocation, verifier.NotChecked, verifier.Incomplete)
	})
	t.Run("status list signed by another key", func(t *testing.T) {
		_, forged, _ := ed25519.GenerateKey(nil)
		w.listKey = ob3.Issuer{DID: w.did, Key: forged}
		defer func() { w.listKey = w.iss }()
		r := w.verifier(true).VerifyBytes(ctx, w.badge(t, 0, list))
		wantCheck(t, r, verifier.CheckRevocation, verifier.NotChecked, verifier.Incomplete)
	})
	t.Run("expired", func(t *testing.T) {
		var c map[string]any
		_ = json.Unmarshal(w.badge(t, 0, list), &c)
		delete(c, "proof")
		c["validUntil"] = "2020-01-01T00:00:00Z"
		c["validFrom"] = "2019-01-01T00:00:00Z"
		_ = ob3.Sign(c, w.iss, time.Now())
		js, _ := json.Marshal(c)
		r := w.verifier(true).VerifyBytes(ctx, js)
		wantCheck(t, r, verifier.CheckValidity, verifier.Fail, verifier.NotVerified)
	})
}

// TestOpenBadgeCarriesItsAnchor: credseal's export carries the credential's
// proof bundle as signed evidence. It must be this credential's and verify;
// without a registry it is advisory and the signature decides.
func TestOpenBadgeCarriesItsAnchor(t *testing.T) {
	ctx := context.Background()
	w := newWebIssuer(t)
	b := batch(t)
	withBundle := func(i, bundleOf int, edit func(string) string) []byte {
		bun, err := b.Bundle(bundleOf)
		if err != nil {
			t.Fatal(err)
		}
		cs1, _ := bun.EncodeCompact()
		if edit != nil {
			cs1 = edit(cs1)
		}
		c, err := ob3.Credential(b.Credentials[i].Document, w.did, ob3.Options{Bundle: cs1})
		if err != nil {
			t.Fatal(err)
		}
		_ = ob3.Sign(c, w.iss, time.Now())
		js, _ := json.Marshal(c)
		return js
	}
	r := w.verifier(true).VerifyBytes(ctx, withBundle(0, 0, nil))
	wantCheck(t, r, verifier.CheckAnchored, verifier.NotChecked, verifier.Verified)
	r = w.verifier(true).VerifyBytes(ctx, withBundle(0, 1, nil))
	wantCheck(t, r, verifier.CheckAnchored, verifier.Fail, verifier.NotVerified)
	// The same statements in another JSON shape (the genre in an array,
	// the evidence an object) keep the signature, and the check.
	var c map[string]any
	_ = json.Unmarshal(withBundle(0, 1, nil), &c)
	ev := c["evidence"].([]any)[0].(map[string]any)
	ev["genre"] = []any{ev["genre"]}
	c["evidence"] = ev
	js, _ := json.Marshal(c)
	r = w.verifier(true).VerifyBytes(ctx, js)
	wantCheck(t, r, verifier.CheckAnchored, verifier.Fail, verifier.NotVerified)
	// A bundle altered before signing (the issuer's own mistake, or a
	// compromised exporter) still fails on its own checks.
	bun, _ := b.Bundle(0)
	bun.Proof.LeafIndex++
	cs1, _ := bun.EncodeCompact()
	r = w.verifier(true).VerifyBytes(ctx, withBundle(0, 0, func(string) string { return cs1 }))
	wantCheck(t, r, verifier.CheckAnchored, verifier.Fail, verifier.NotVerified)
}

// TestOpenBadgeShapeAttacks: JSON-LD gives many JSON shapes one meaning.
// A holder reshaping a genuine, signed credential must not change what is
// shown or decided: the verifier reads the signed (expanded) form, and
// refuses what JSON-LD would leave out of it.
func TestOpenBadgeShapeAttacks(t *testing.T) {
	ctx := context.Background()
	w := newWebIssuer(t)
	list := w.srv.URL + "/status/1"
	w.revoked = []int{2}
	genuine := func(i int) map[string]any {
		var c map[string]any
		_ = json.Unmarshal(w.badge(t, i, list), &c)
		return c
	}
	verify := func(c map[string]any) *verifier.Result {
		js, _ := json.Marshal(c)
		return w.verifier(true).VerifyBytes(ctx, js)
	}

	t.Run("a forged subject beside the signed one under its full IRI", func(t *testing.T) {
		c := genuine(0)
		c["https://www.w3.org/2018/credentials#credentialSubject"] = c["credentialSubject"]
		c["credentialSubject"] = map[string]any{"id": "https://x y/s", "type": []any{"AchievementSubject"}, "name": "Mallory",
			"achievement": map[string]any{"id": "https://x y/a", "type": []any{"Achievement"}, "name": "PhD in Physics"}}
		r := verify(c)
		wantCheck(t, r, verifier.CheckFormat, verifier.Fail, verifier.NotVerified)
		if r.Credential.Learner == "Mallory" {
			t.Fatal("shows the forged learner")
		}
	})
	t.Run("the revoked credential's status wrapped in an array", func(t *testing.T) {
		c := genuine(2)
		c["credentialStatus"] = []any{c["credentialStatus"]}
		wantCheck(t, verify(c), verifier.CheckRevocation, verifier.Fail, verifier.NotVerified)
	})
	t.Run("the status under its full IRI", func(t *testing.T) {
		c := genuine(2)
		c["https://www.w3.org/2018/credentials#credentialStatus"] = c["credentialStatus"]
		delete(c, "credentialStatus")
		r := verify(c)
		if r.Verdict == verifier.Verified {
			t.Fatal("verified")
		}
	})
	t.Run("an unreadable proofValue of 100 KiB", func(t *testing.T) {
		c := genuine(0)
		c["proof"].([]any)[0].(map[string]any)["proofValue"] = "z" + strings.Repeat("2", 100<<10)
		wantCheck(t, verify(c), verifier.CheckSignature, verifier.Fail, verifier.NotVerified)
	})
	t.Run("many proofs", func(t *testing.T) {
		c := genuine(0)
		p := c["proof"].([]any)[0]
		c["proof"] = []any{p, p, p, p, p, p, p, p}
		wantCheck(t, verify(c), verifier.CheckSignature, verifier.Fail, verifier.NotVerified)
	})
	t.Run("an upload naming the trusted issuer, too big to canonicalise cheaply", func(t *testing.T) {
		// 77 subjects of 256 values each: json-gold took 23 s over it,
		// before any signature was checked.
		for _, sameID := range []bool{true, false} {
			var subjects []any
			for i := range 77 {
				values := make([]any, 256)
				for j := range values {
					values[j] = fmt.Sprint(i*256 + j)
				}
				id := fmt.Sprintf("urn:x:s%d", i)
				if sameID {
					id = "urn:x:s"
				}
				subjects = append(subjects, map[string]any{"id": id, "https://example.org/p": values})
			}
			c := map[string]any{"@context": []any{vc.ContextVC2}, "type": "VerifiableCredential", "issuer": w.did, "credentialSubject": subjects,
				"proof": map[string]any{"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "proofPurpose": "assertionMethod",
					"verificationMethod": w.did + "#key-1", "proofValue": "z" + base58.Encode(make([]byte, 64))}}
			r := verify(c)
			wantCheck(t, r, verifier.CheckFormat, verifier.Fail, verifier.NotVerified)
			if f := findCheck(r, verifier.CheckFormat); !strings.Contains(f.Detail, "more than") && !strings.Contains(f.Detail, "described in") {
				t.Errorf("same id %v: refused for another reason than its size: %s", sameID, f.Detail)
			}
		}
	})
	t.Run("an inline context redefining terms", func(t *testing.T) {
		c := genuine(0)
		c["@context"] = append(c["@context"].([]any), map[string]any{"validUntil": "https://example.org/notAnEndDate"})
		wantCheck(t, verify(c), verifier.CheckFormat, verifier.Fail, verifier.NotVerified)
	})
	t.Run("a context inside the credential", func(t *testing.T) {
		c := genuine(0)
		c["credentialSubject"].(map[string]any)["@context"] = map[string]any{"@vocab": "https://example.org/"}
		wantCheck(t, verify(c), verifier.CheckFormat, verifier.Fail, verifier.NotVerified)
	})
	t.Run("a list holding an invalid IRI (json-gold panicked on it)", func(t *testing.T) {
		c := genuine(0)
		c["credentialSubject"].(map[string]any)["urn:p"] = map[string]any{"@list": []any{map[string]any{"@id": "https://x y/"}}}
		wantCheck(t, verify(c), verifier.CheckFormat, verifier.Fail, verifier.NotVerified)
	})
}

// TestOpenBadgeSplitNode: the RDF merges node objects with one id, so a
// signed credential that refers back to itself (here from its subject)
// could have its end date and revocation entry moved into that reference
// and keep its signature: the verifier, reading the credential's own
// object, would see neither. Such a split is refused; the genuine
// credential, expired and revoked, fails as it should.
func TestOpenBadgeSplitNode(t *testing.T) {
	w := newWebIssuer(t)
	list := w.srv.URL + "/status/1"
	w.revoked = []int{2}
	c, err := ob3.Credential(fixtures.Cohort(t)[2], w.did, ob3.Options{StatusList: list, StatusIndex: 2})
	if err != nil {
		t.Fatal(err)
	}
	id := c["id"].(string)
	c["validFrom"], c["validUntil"] = "2019-01-01T00:00:00Z", "2020-01-01T00:00:00Z"
	c["credentialSubject"].(map[string]any)["https://schema.org/subjectOf"] = map[string]any{"id": id}
	if err := ob3.Sign(c, w.iss, time.Now()); err != nil {
		t.Fatal(err)
	}
	js, _ := json.Marshal(c)
	if r := w.verifier(true).VerifyBytes(context.Background(), js); r.Verdict != verifier.NotVerified ||
		findCheck(r, verifier.CheckSignature).Status != verifier.Pass {
		t.Fatalf("the genuine credential: %s, signature %s", r.Verdict, findCheck(r, verifier.CheckSignature).Status)
	}

	var m map[string]any
	_ = json.Unmarshal(js, &m)
	status := m["credentialStatus"].(map[string]any)
	delete(m, "credentialStatus")
	delete(m, "validUntil")
	m["credentialSubject"].(map[string]any)["https://schema.org/subjectOf"] = map[string]any{"id": id,
		vc.IRIValidUntil: map[string]any{"@value": "2020-01-01T00:00:00Z", "@type": "http://www.w3.org/2001/XMLSchema#dateTime"},
		vc.IRIStatus: map[string]any{
			"id":                status["id"],
			"type":              vc.IRIStatusEntry,
			vc.IRIStatusPurpose: "revocation",
			vc.IRIStatusIndex:   status["statusListIndex"],
			vc.IRIStatusList:    map[string]any{"id": status["statusListCredential"]},
		}}
	reshaped, _ := json.Marshal(m)
	r := w.verifier(true).VerifyBytes(context.Background(), reshaped)
	wantCheck(t, r, verifier.CheckFormat, verifier.Fail, verifier.NotVerified)
	if !strings.Contains(findCheck(r, verifier.CheckFormat).Detail, "described in 2 places") {
		t.Errorf("refused for another reason: %s", findCheck(r, verifier.CheckFormat).Detail)
	}
}

// TestOpenBadgeProofExpired: a proof past its expires date no longer counts.
func TestOpenBadgeProofExpired(t *testing.T) {
	w := newWebIssuer(t)
	c, err := ob3.Credential(fixtures.Cohort(t)[0], w.did, ob3.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc := map[string]any(c)
	proof := map[string]any{"type": vc.TypeDataIntegrity, "cryptosuite": vc.SuiteEdDSARDFC2022, "created": "2024-01-01T00:00:00Z",
		"expires": "2025-01-01T00:00:00Z", "verificationMethod": w.did + "#key-1", "proofPurpose": vc.PurposeAssertion}
	if err := vc.SignWithOptions(doc, w.iss.Key, proof); err != nil {
		t.Fatal(err)
	}
	js, _ := json.Marshal(doc)
	r := w.verifier(true).VerifyBytes(context.Background(), js)
	wantCheck(t, r, verifier.CheckSignature, verifier.Fail, verifier.NotVerified)
	if !strings.Contains(findCheck(r, verifier.CheckSignature).Reason, "expired on 1 January 2025") {
		t.Errorf("reason: %s", findCheck(r, verifier.CheckSignature).Reason)
	}
}

// TestOpenBadgeExpiryReshaped: an end date in an array is still the end date.
func TestOpenBadgeExpiryReshaped(t *testing.T) {
	w := newWebIssuer(t)
	var c map[string]any
	_ = json.Unmarshal(w.badge(t, 0, w.srv.URL+"/status/1"), &c)
	delete(c, "proof")
	c["validFrom"] = "2019-01-01T00:00:00Z"
	c["validUntil"] = []any{"2020-01-01T00:00:00Z"}
	if err := ob3.Sign(c, w.iss, time.Now()); err != nil {
		t.Fatal(err)
	}
	js, _ := json.Marshal(c)
	r := w.verifier(true).VerifyBytes(context.Background(), js)
	wantCheck(t, r, verifier.CheckValidity, verifier.Fail, verifier.NotVerified)
}
