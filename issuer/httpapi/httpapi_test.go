package httpapi_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/credseal/credseal/internal/i18n"
	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/issuer/boltstore"
	"github.com/credseal/credseal/issuer/httpapi"
	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/chain/chaintest"
	"github.com/credseal/credseal/pkg/credential"
	"github.com/credseal/credseal/pkg/merkle"
	"github.com/credseal/credseal/pkg/seal"
)

var ctx = context.Background()

const token = "cst_test-token"

type env struct {
	srv  *httptest.Server
	svc  *issuer.Service
	db   *boltstore.DB
	docs []*credential.Document
	log  *syncBuffer // the server's log
}

// syncBuffer is a log sink the server writes while the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newEnv serves an issuer whose sample cohort is issued and anchored on a
// simulated chain, on a real HTTP server on 127.0.0.1; the test's token
// has the admin scope.
func newEnv(t *testing.T) *env {
	return newEnvWith(t, httpapi.IssuerConfig{})
}

// newEnvWith is newEnv with the server's Config started from cfg.
func newEnvWith(t *testing.T, cfg httpapi.IssuerConfig) *env {
	t.Helper()
	chainEnv := chaintest.New(t)
	iss := chainEnv.Issuer("Université de Lumière", "registrar.example.edu")
	db, err := boltstore.Open(filepath.Join(t.TempDir(), "issuer.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.PutAPIToken(ctx, issuer.TokenHash(token), issuer.APIToken{Name: "test", Scopes: []issuer.Scope{issuer.ScopeAdmin}, Created: time.Now()}); err != nil {
		t.Fatal(err)
	}
	bits, _ := seal.BitsForDifficulty(chaintest.MinDifficulty)
	svc := issuer.NewService(db, chainEnv.Client(iss), issuer.Config{BatchSize: 100, Bits: bits, TokenKey: []byte("k")})
	docs, err := issuer.ReadCSVFile("../../testdata/cohort.csv", issuer.Institution{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Submit(ctx, docs, false, nil); err != nil {
		t.Fatal(err)
	}
	drainCtx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := svc.Drain(drainCtx, nil); err != nil {
		t.Fatal(err)
	}
	log := &syncBuffer{}
	cfg.Service, cfg.Tokens, cfg.Backup, cfg.PortalURL = svc, db, db, "https://portal.example"
	cfg.Profile = issuer.Institution{Name: "Université de Lumière", URL: "https://registrar.example.edu"}
	cfg.Logger = slog.New(slog.NewTextHandler(log, nil))
	s := httpapi.New(cfg)
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return &env{srv: srv, svc: svc, db: db, docs: docs, log: log}
}

func (e *env) do(t *testing.T, method, path, auth, contentType string, body io.Reader) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", "Bearer "+auth)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func errorCode(t *testing.T, body []byte) string {
	t.Helper()
	var e struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	if err := json.Unmarshal(body, &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
		t.Fatalf("not a JSON error: %s", body)
	}
	return e.Error.Code
}

func TestAuth(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct{ name, auth string }{{"no token", ""}, {"wrong token", "cst_guess"}} {
		resp, body := e.do(t, "GET", "/api/v1/batches", tc.auth, "", nil)
		if resp.StatusCode != 401 || errorCode(t, body) != httpapi.CodeUnauthorized {
			t.Fatalf("%s: %d %s", tc.name, resp.StatusCode, body)
		}
	}
	if resp, _ := e.do(t, "GET", "/api/v1/batches", token, "", nil); resp.StatusCode != 200 {
		t.Fatalf("valid token: %d", resp.StatusCode)
	}
	if err := e.db.RevokeAPIToken(ctx, "test"); err != nil {
		t.Fatal(err)
	}
	if resp, _ := e.do(t, "GET", "/api/v1/batches", token, "", nil); resp.StatusCode != 401 {
		t.Fatalf("revoked token: %d", resp.StatusCode)
	}
}

func TestBadBodies(t *testing.T) {
	e := newEnv(t)
	valid := `{"name":"Ada Lovelace","achievement":"Analytical Engines","validFrom":"2026-10-01"}`
	for _, tc := range []struct {
		name, path, body string
		status           int
		code             string
	}{
		{"malformed JSON", "/api/v1/credentials", `{"name":`, 400, httpapi.CodeBadRequest},
		{"trailing data", "/api/v1/credentials", valid + `{}`, 400, httpapi.CodeBadRequest},
		{"array instead of object", "/api/v1/credentials", `[1,2]`, 400, httpapi.CodeBadRequest},
		{"wrong type", "/api/v1/credentials", `{"name":42,"achievement":"x","validFrom":"2026-10-01"}`, 422, httpapi.CodeInvalid},
		{"unknown field", "/api/v1/credentials", `{"name":"A","achievement":"x","validFrom":"2026-10-01","gpa":4}`, 422, httpapi.CodeInvalid},
		{"missing field", "/api/v1/credentials", `{"name":"A"}`, 422, httpapi.CodeInvalid},
		{"bad date", "/api/v1/credentials", `{"name":"A","achievement":"x","validFrom":"yesterday"}`, 422, httpapi.CodeInvalid},
		{"oversized", "/api/v1/credentials", `{"name":"` + strings.Repeat("a", 100<<10) + `"}`, 413, httpapi.CodeTooLarge},
		{"empty bulk", "/api/v1/credentials/bulk", `{"credentials":[]}`, 400, httpapi.CodeBadRequest},
		{"bulk wrong type", "/api/v1/credentials/bulk", `{"credentials":"all"}`, 400, httpapi.CodeBadRequest},
		{"bulk with a bad one", "/api/v1/credentials/bulk", `{"credentials":[` + valid + `,{"name":"B"}]}`, 422, httpapi.CodeInvalid},
		{"bad revoke reason", "/api/v1/credentials/x/revoke", `{"reason":0}`, 400, httpapi.CodeBadRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := e.do(t, "POST", tc.path, token, "application/json", strings.NewReader(tc.body))
			if resp.StatusCode != tc.status || errorCode(t, body) != tc.code {
				t.Fatalf("got %d %s, want %d %s", resp.StatusCode, body, tc.status, tc.code)
			}
		})
	}
	if counts, _, _ := e.db.Counts(ctx); counts[issuer.Pending] != 0 {
		t.Fatalf("a rejected request stored %d credentials", counts[issuer.Pending])
	}
}

func TestSubmitStatusRevoke(t *testing.T) {
	e := newEnv(t)
	resp, body := e.do(t, "POST", "/api/v1/credentials", token, "application/json",
		strings.NewReader(`{"name":"Ada Lovelace","achievement":"Analytical Engines","validFrom":"2026-10-01","skills":["notes","loops"]}`))
	if resp.StatusCode != 202 {
		t.Fatalf("submit: %d %s", resp.StatusCode, body)
	}
	var sub struct{ ID, State, ClaimURL string }
	json.Unmarshal(body, &sub)
	if sub.State != "pending" || !strings.HasPrefix(sub.ClaimURL, "https://portal.example/claim/") {
		t.Fatalf("submit answer %s", body)
	}
	resp, body = e.do(t, "POST", "/api/v1/credentials/bulk", token, "application/json",
		strings.NewReader(`{"credentials":[{"name":"Ada Lovelace","achievement":"Analytical Engines","validFrom":"2026-10-01","skills":["notes","loops"]}]}`))
	if resp.StatusCode != 202 || !strings.Contains(string(body), `"duplicate":true`) {
		t.Fatalf("duplicate bulk: %d %s", resp.StatusCode, body)
	}
	resp, body = e.do(t, "GET", "/api/v1/credentials/"+url.PathEscape(sub.ID), token, "", nil)
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"state":"pending"`) {
		t.Fatalf("status: %d %s", resp.StatusCode, body)
	}
	if resp, body = e.do(t, "POST", "/api/v1/credentials/"+url.PathEscape(sub.ID)+"/revoke", token, "application/json", strings.NewReader(`{"reason":1}`)); resp.StatusCode != 409 || errorCode(t, body) != httpapi.CodeNotAnchored {
		t.Fatalf("revoke pending: %d %s", resp.StatusCode, body)
	}
	id := url.PathEscape(e.docs[3].ID)
	resp, body = e.do(t, "POST", "/api/v1/credentials/"+id+"/revoke", token, "application/json", strings.NewReader(`{"reason":4}`))
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"revokedReason":4`) {
		t.Fatalf("revoke: %d %s", resp.StatusCode, body)
	}
	if resp, body = e.do(t, "POST", "/api/v1/credentials/"+id+"/revoke", token, "application/json", strings.NewReader(`{"reason":4}`)); resp.StatusCode != 409 || errorCode(t, body) != httpapi.CodeConflict {
		t.Fatalf("second revoke: %d %s", resp.StatusCode, body)
	}
	if resp, body = e.do(t, "GET", "/api/v1/credentials/urn:uuid:nope", token, "", nil); resp.StatusCode != 404 || errorCode(t, body) != httpapi.CodeNotFound {
		t.Fatalf("unknown id: %d %s", resp.StatusCode, body)
	}
	if resp, body = e.do(t, "GET", "/api/v1/batches/1", token, "", nil); resp.StatusCode != 200 || !strings.Contains(string(body), `"state":"final"`) {
		t.Fatalf("batch: %d %s", resp.StatusCode, body)
	}
	if resp, _ = e.do(t, "GET", "/api/v1/batches?limit=0", token, "", nil); resp.StatusCode != 400 {
		t.Fatalf("limit 0: %d", resp.StatusCode)
	}
	if resp, body = e.do(t, "GET", "/metrics", token, "", nil); resp.StatusCode != 200 || !strings.Contains(string(body), `credseal_credentials{state="final"} 56`) {
		t.Fatalf("metrics: %s", body)
	}
	if resp, body = e.do(t, "GET", "/api/v1/backup", token, "", nil); resp.StatusCode != 200 || len(body) < 4096 {
		t.Fatalf("backup: %d, %d bytes", resp.StatusCode, len(body))
	}
}

func (e *env) claimPath(i int) string { return "/claim/" + e.svc.ClaimToken(e.docs[i].ID) }

// TestPortalLanguages: the portal speaks the reader's language, from
// Accept-Language or from the switch (?lang=, then kept in a cookie), and
// says which; the credential's own content stays as issued.
func TestPortalLanguages(t *testing.T) {
	e := newEnv(t)
	p := e.claimPath(0)
	page := func(path string, header http.Header) (*http.Response, string) {
		t.Helper()
		req, err := http.NewRequest("GET", e.srv.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		maps.Copy(req.Header, header)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d %s", path, resp.StatusCode, body)
		}
		return resp, string(body)
	}
	for _, lang := range []string{"fr", "de", "es"} {
		issued := i18n.Translate(lang, "Issued to")
		if issued == "Issued to" {
			t.Fatalf("%s: no translation of %q", lang, "Issued to")
		}
		resp, body := page(p, http.Header{"Accept-Language": {lang + ";q=0.9, en;q=0.5"}})
		if resp.Header.Get("Content-Language") != lang || !strings.Contains(body, `<html lang="`+lang+`">`) ||
			!strings.Contains(body, template.HTMLEscapeString(issued)) || !strings.Contains(body, "Zoë Müller-Øberg") {
			t.Fatalf("Accept-Language %s: Content-Language %q\n%s", lang, resp.Header.Get("Content-Language"), body)
		}
	}
	// The switch: ?lang=de overrides Accept-Language and is remembered.
	resp, body := page(p+"?lang=de", http.Header{"Accept-Language": {"fr"}})
	if resp.Header.Get("Content-Language") != "de" || !strings.Contains(body, `aria-current="true">Deutsch`) {
		t.Fatalf("?lang=de: %q\n%s", resp.Header.Get("Content-Language"), body)
	}
	var cookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "credseal_lang" {
			cookie = c
		}
	}
	if cookie == nil || cookie.Value != "de" || !cookie.HttpOnly || cookie.Path != "/claim" {
		t.Fatalf("language cookie: %+v", cookie)
	}
	if _, body = page(p+"/certificate", http.Header{"Accept-Language": {"fr"}, "Cookie": {cookie.String()}}); !strings.Contains(body, `<html lang="de">`) ||
		!strings.Contains(body, template.HTMLEscapeString(i18n.Translate("de", "has earned"))) {
		t.Fatalf("certificate after the switch to German:\n%s", body)
	}
	// A language there is no catalogue for, or junk, is English.
	for _, h := range []string{"ja", "xx-\u202e", ""} {
		if resp, _ := page(p+"?lang="+url.QueryEscape(h), nil); resp.Header.Get("Content-Language") != "en" {
			t.Fatalf("?lang=%q: %q", h, resp.Header.Get("Content-Language"))
		}
	}
}

func TestPortal(t *testing.T) {
	e := newEnv(t)
	p := e.claimPath(0)
	resp, body := e.do(t, "GET", p, "", "", nil)
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Zoë Müller-Øberg") || !strings.Contains(string(body), "Anchored on chain") {
		t.Fatalf("claim page: %d\n%s", resp.StatusCode, body)
	}
	if !regexp.MustCompile(`Sealing its batch took [\d,]+ hashes in [\d.]+ s, about [\d.e+-]+ (J|Wh) of electricity \((measured|estimated)\)`).Match(body) {
		t.Fatalf("the claim page does not say what sealing cost:\n%s", body)
	}
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "unsafe") || strings.Contains(csp, "script-src") {
		t.Fatalf("CSP %q", csp)
	}
	if strings.Contains(string(body), "<script") {
		t.Fatal("the portal page has a script")
	}
	resp, js := e.do(t, "GET", p+"/bundle.json", "", "", nil)
	b, err := bundle.Parse(js)
	if resp.StatusCode != 200 || err != nil || b.Anchor == nil {
		t.Fatalf("bundle: %d %v", resp.StatusCode, err)
	}
	checkBundle(t, b)
	if resp, png := e.do(t, "GET", p+"/qr.png", "", "", nil); resp.StatusCode != 200 || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Fatalf("qr: %d", resp.StatusCode)
	}
	resp, cert := e.do(t, "GET", p+"/certificate", "", "", nil)
	if resp.StatusCode != 200 || !strings.Contains(string(cert), "Data Engineering Foundations") || !strings.Contains(string(cert), "data:image/png;base64,") {
		t.Fatalf("certificate: %d", resp.StatusCode)
	}

	// Selective disclosure: hidden values appear nowhere, the rest verifies.
	form := url.Values{"hide": {"/credentialSubject/identifier", "/credentialSubject/achievement/skills"}}
	resp, sel := e.do(t, "POST", p+"/disclose", "", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if resp.StatusCode != 200 {
		t.Fatalf("disclose: %d %s", resp.StatusCode, sel)
	}
	for _, secret := range []string{"s2400000@student.example.edu", "Apache Kafka", `"seed"`} {
		if bytes.Contains(sel, []byte(secret)) {
			t.Fatalf("selective bundle contains %q", secret)
		}
	}
	sb, err := bundle.Parse(sel)
	if err != nil || len(sb.Disclosure.Withheld) != 2 || sb.Disclosure.Version != credential.V2 {
		t.Fatalf("selective bundle: %v", err)
	}
	checkBundle(t, sb)
	form = url.Values{"hide": {"/credentialSubject/name"}}
	if resp, _ := e.do(t, "POST", p+"/disclose", "", "application/x-www-form-urlencoded", strings.NewReader(form.Encode())); resp.StatusCode != 400 {
		t.Fatalf("hiding a field not offered: %d", resp.StatusCode)
	}
}

// checkBundle recomputes the digest and the inclusion proof.
func checkBundle(t *testing.T, b *bundle.Bundle) {
	t.Helper()
	fields, err := credential.Parse(b.Credential)
	if err != nil {
		t.Fatal(err)
	}
	d, err := credential.Digest(fields, b.Disclosure)
	if err != nil {
		t.Fatal(err)
	}
	if err := merkle.VerifyInclusion(merkle.LeafHash(d[:]), b.Proof.LeafIndex, b.Proof.TreeSize, b.Proof.Path, b.Proof.Header.Root); err != nil {
		t.Fatal(err)
	}
}

// TestPortalWrongTokens: guesses and truncations get the same plain 404
// page, with no learner's data. A revoked credential's link says so, with
// the reason and the date, and offers nothing to download.
func TestPortalWrongTokens(t *testing.T) {
	e := newEnv(t)
	good := e.svc.ClaimToken(e.docs[1].ID)
	if _, err := e.svc.Revoke(ctx, e.docs[2].ID, 1); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{
		"/claim/AAAAAAAAAAAAAAAAAAAAAA", "/claim/" + good[:len(good)-1], "/claim/" + good + "A", "/claim/x",
		"/claim/" + strings.Repeat("a", 200), "/claim/AAAAAAAAAAAAAAAAAAAAAA/bundle.json",
	} {
		resp, body := e.do(t, "GET", p, "", "", nil)
		if resp.StatusCode != 404 || !strings.Contains(string(body), "not valid") {
			t.Fatalf("%s: %d %s", p, resp.StatusCode, body)
		}
		for _, d := range e.docs {
			if strings.Contains(string(body), d.Subject.Name) {
				t.Fatalf("%s shows %s", p, d.Subject.Name)
			}
		}
	}
	resp, body := e.do(t, "GET", e.claimPath(2), "", "", nil)
	page := string(body)
	if resp.StatusCode != 200 || !strings.Contains(page, "Revoked") || !strings.Contains(page, "issued in error") ||
		!strings.Contains(page, time.Now().UTC().Format(time.DateOnly)) || strings.Contains(page, "bundle.json") {
		t.Fatalf("revoked claim page: %d %s", resp.StatusCode, body)
	}
	for _, p := range []string{"/bundle.json", "/qr.png"} {
		if resp, body := e.do(t, "GET", e.claimPath(2)+p, "", "", nil); resp.StatusCode != 410 || !strings.Contains(string(body), "revoked") {
			t.Fatalf("revoked %s: %d %s", p, resp.StatusCode, body)
		}
	}
}

func TestPendingCredentialPortal(t *testing.T) {
	e := newEnv(t)
	resp, body := e.do(t, "POST", "/api/v1/credentials", token, "application/json",
		strings.NewReader(`{"name":"Grace Hopper","achievement":"Compilers","validFrom":"2026-10-01"}`))
	var sub struct{ ClaimURL string }
	json.Unmarshal(body, &sub)
	path := strings.TrimPrefix(sub.ClaimURL, "https://portal.example")
	resp, body = e.do(t, "GET", path, "", "", nil)
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Being anchored") || strings.Contains(string(body), "bundle.json") {
		t.Fatalf("pending claim page: %d", resp.StatusCode)
	}
	if resp, _ = e.do(t, "GET", path+"/bundle.json", "", "", nil); resp.StatusCode != 409 {
		t.Fatalf("bundle of a pending credential: %d", resp.StatusCode)
	}
}

// addToken stores a token with the given scopes (none: a token made before
// scopes existed) and returns it.
func (e *env) addToken(t *testing.T, name string, scopes ...issuer.Scope) string {
	t.Helper()
	tok := "cst_" + name
	if err := e.db.PutAPIToken(ctx, issuer.TokenHash(tok), issuer.APIToken{Name: name, Scopes: scopes, Created: time.Now()}); err != nil {
		t.Fatal(err)
	}
	return tok
}

// TestScopes: each route needs its scope. A token that submits credentials
// can neither revoke them nor download every seed and learner (the backup).
func TestScopes(t *testing.T) {
	e := newEnv(t)
	issueOnly := e.addToken(t, "office", issuer.ScopeIssue)
	readOnly := e.addToken(t, "dashboard", issuer.ScopeRead)
	revoker := e.addToken(t, "registrar", issuer.ScopeRevoke, issuer.ScopeRead)
	legacy := e.addToken(t, "old") // created before scopes: issue and read
	id := "/api/v1/credentials/" + url.PathEscape(e.docs[5].ID)
	newCred := `{"name":"Ada Lovelace","achievement":"Analytical Engines","validFrom":"2026-10-01"}`
	for _, tc := range []struct {
		tok, method, path, body string
		want                    int
	}{
		{issueOnly, "POST", "/api/v1/credentials", newCred, 202},
		{issueOnly, "POST", id + "/revoke", `{"reason":1}`, 403},
		{issueOnly, "GET", "/api/v1/backup", "", 403},
		{issueOnly, "GET", id, "", 403},
		{readOnly, "GET", id, "", 200},
		{readOnly, "GET", "/api/v1/credentials/" + url.PathEscape(e.docs[6].ID), "", 200},
		{readOnly, "GET", "/metrics", "", 200},
		{readOnly, "POST", "/api/v1/credentials/bulk", `{"credentials":[` + newCred + `]}`, 403},
		{readOnly, "GET", "/api/v1/tokens", "", 403},
		{legacy, "GET", "/api/v1/backup", "", 403},
		{legacy, "POST", id + "/revoke", `{"reason":1}`, 403},
		{legacy, "GET", "/api/v1/batches", "", 200},
		{revoker, "POST", "/api/v1/tokens", `{"name":"mine","scopes":["admin"]}`, 403},
		{revoker, "POST", id + "/revoke", `{"reason":1}`, 200},
		{token, "GET", "/api/v1/backup", "", 200},
	} {
		var body io.Reader
		if tc.body != "" {
			body = strings.NewReader(tc.body)
		}
		resp, out := e.do(t, tc.method, tc.path, tc.tok, "application/json", body)
		if resp.StatusCode != tc.want {
			t.Errorf("%s %s with %s: %d %.200s, want %d", tc.method, tc.path, tc.tok, resp.StatusCode, out, tc.want)
		}
		if tc.want == 403 && errorCode(t, out) != httpapi.CodeForbidden {
			t.Errorf("%s %s: %s", tc.method, tc.path, out)
		}
	}
}

// TestClaimLinksOnlyForIssuingTokens: a claim link opens the learner's
// whole bundle, so a read-only token (a dashboard, the metrics scraper)
// does not get it.
func TestClaimLinksOnlyForIssuingTokens(t *testing.T) {
	e := newEnv(t)
	readOnly := e.addToken(t, "dashboard", issuer.ScopeRead)
	office := e.addToken(t, "office", issuer.ScopeIssue, issuer.ScopeRead)
	path := "/api/v1/credentials/" + url.PathEscape(e.docs[4].ID)
	if _, body := e.do(t, "GET", path, readOnly, "", nil); strings.Contains(string(body), "claim") {
		t.Fatalf("read-only token got a claim link: %s", body)
	}
	if _, body := e.do(t, "GET", path, office, "", nil); !strings.Contains(string(body), `"claimUrl":"https://portal.example/claim/`) {
		t.Fatalf("issuing token without its claim link: %s", body)
	}
}

// TestAuditLog: every change, and every refused attempt at one, is logged
// with the token's name.
func TestAuditLog(t *testing.T) {
	e := newEnv(t)
	office := e.addToken(t, "office", issuer.ScopeIssue)
	e.do(t, "POST", "/api/v1/credentials", office, "application/json",
		strings.NewReader(`{"name":"Ada Lovelace","achievement":"Analytical Engines","validFrom":"2026-10-01"}`))
	e.do(t, "POST", "/api/v1/credentials/"+url.PathEscape(e.docs[2].ID)+"/revoke", office, "application/json", strings.NewReader(`{"reason":1}`))
	e.do(t, "POST", "/api/v1/credentials/"+url.PathEscape(e.docs[3].ID)+"/revoke", token, "application/json", strings.NewReader(`{"reason":4}`))
	e.do(t, "GET", "/api/v1/backup", token, "", nil)
	log := e.log.String()
	for _, want := range []string{
		`msg=audit token=office method=POST route=/api/v1/credentials status=202`,
		fmt.Sprintf(`msg=audit token=office method=POST route=/api/v1/credentials/:id/revoke status=403 ip=127.0.0.1 id=%s`, e.docs[2].ID),
		fmt.Sprintf(`msg=audit token=test method=POST route=/api/v1/credentials/:id/revoke status=200 ip=127.0.0.1 id=%s`, e.docs[3].ID),
		`msg=audit token=test method=GET route=/api/v1/backup status=200`,
	} {
		if !strings.Contains(log, want) {
			t.Errorf("audit log lacks %q:\n%s", want, log)
		}
	}
	if strings.Contains(log, "Ada Lovelace") || strings.Contains(log, token) {
		t.Fatalf("the log holds a body or a token:\n%s", log)
	}
}

// TestTokensWhileServing: an admin token creates and revokes tokens through
// the API, which take effect at once.
func TestTokensWhileServing(t *testing.T) {
	e := newEnv(t)
	resp, body := e.do(t, "POST", "/api/v1/tokens", token, "application/json", strings.NewReader(`{"name":"night-shift","scopes":["read"]}`))
	var created struct {
		Name, Token string
		Scopes      []string
	}
	if resp.StatusCode != 201 || json.Unmarshal(body, &created) != nil || !strings.HasPrefix(created.Token, "cst_") || created.Scopes[0] != "read" {
		t.Fatalf("create: %d %s", resp.StatusCode, body)
	}
	if resp, _ := e.do(t, "GET", "/api/v1/batches", created.Token, "", nil); resp.StatusCode != 200 {
		t.Fatalf("new token: %d", resp.StatusCode)
	}
	for _, bad := range []string{`{"name":"night-shift","scopes":["read"]}`, `{"name":"x","scopes":["root"]}`, `{"name":"a b","scopes":["read"]}`, `{"name":"y","scopes":[]}`} {
		if resp, body := e.do(t, "POST", "/api/v1/tokens", token, "application/json", strings.NewReader(bad)); resp.StatusCode != 400 {
			t.Errorf("create %s: %d %s", bad, resp.StatusCode, body)
		}
	}
	resp, body = e.do(t, "GET", "/api/v1/tokens", token, "", nil)
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"night-shift"`) || strings.Contains(string(body), created.Token) {
		t.Fatalf("list: %d %s", resp.StatusCode, body)
	}
	if resp, body := e.do(t, "POST", "/api/v1/tokens/night-shift/revoke", token, "", nil); resp.StatusCode != 200 {
		t.Fatalf("revoke: %d %s", resp.StatusCode, body)
	}
	if resp, _ := e.do(t, "GET", "/api/v1/batches", created.Token, "", nil); resp.StatusCode != 401 {
		t.Fatalf("revoked token: %d", resp.StatusCode)
	}
	if resp, _ := e.do(t, "POST", "/api/v1/tokens/nobody/revoke", token, "", nil); resp.StatusCode != 404 {
		t.Fatalf("revoke unknown: %d", resp.StatusCode)
	}
}

func TestMetricsAccess(t *testing.T) {
	for _, tc := range []struct {
		mode             string
		anonymous, token int
	}{{httpapi.MetricsToken, 401, 200}, {httpapi.MetricsPublic, 200, 200}, {httpapi.MetricsOff, 404, 404}} {
		e := newEnvWith(t, httpapi.IssuerConfig{Metrics: tc.mode})
		if resp, _ := e.do(t, "GET", "/metrics", "", "", nil); resp.StatusCode != tc.anonymous {
			t.Errorf("%s, no token: %d, want %d", tc.mode, resp.StatusCode, tc.anonymous)
		}
		if resp, _ := e.do(t, "GET", "/metrics", token, "", nil); resp.StatusCode != tc.token {
			t.Errorf("%s, token: %d, want %d", tc.mode, resp.StatusCode, tc.token)
		}
	}
}

// needPoppler skips a test when poppler-utils' pdftotext is missing, and
// fails it under CI, where `make test` installs it.
func needPoppler(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		msg := "the PDF tests need poppler-utils' pdftotext: run 'make test' (as root it installs them) or 'apt-get install -y poppler-utils'"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
}

// pdfText writes a PDF to a file and returns the text pdftotext reads
// from it, in NFC with white space collapsed.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "certificate.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return strings.Join(strings.Fields(norm.NFC.String(string(out))), " ")
}

// TestPortalPDFCertificate: the claim page offers the PDF certificate; it
// holds the learner's name in any script, the achievement and the issuer,
// and the print QR exactly when the self-contained QR passes version 25.
// A disclosed copy's PDF shows none of the hidden values and no print QR.
func TestPortalPDFCertificate(t *testing.T) {
	needPoppler(t)
	e := newEnvWith(t, httpapi.IssuerConfig{VerifierURL: "https://verify.example.edu/"})
	printQRs := 0
	for _, name := range []string{"Kenji Tanaka (田中健二)", "Αλεξάνδρα Παπαδάκη", "Ольга Смирнова", "Oluwaseun Adébáyọ̀"} {
		i := slices.IndexFunc(e.docs, func(d *credential.Document) bool { return d.Subject.Name == name })
		if i < 0 {
			t.Fatalf("no %q in the cohort", name)
		}
		doc, p := e.docs[i], e.claimPath(i)
		if _, page := e.do(t, "GET", p, "", "", nil); !strings.Contains(string(page), `href="`+p+`/certificate?format=pdf"`) {
			t.Fatalf("%s: the claim page has no PDF link", name)
		}
		resp, pdf := e.do(t, "GET", p+"/certificate?format=pdf", "", "", nil)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" ||
			!strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
			t.Fatalf("%s: PDF certificate: %d %v", name, resp.StatusCode, resp.Header)
		}
		text := pdfText(t, pdf)
		for _, want := range []string{doc.Subject.Name, doc.Subject.Achievement.Name, doc.Issuer.Name, "Anchored on chain"} {
			if !strings.Contains(text, norm.NFC.String(want)) {
				t.Errorf("%s: the PDF lacks %q:\n%s", name, want, text)
			}
		}
		_, js := e.do(t, "GET", p+"/bundle.json", "", "", nil)
		version := qrVersion(t, js)
		_, html := e.do(t, "GET", p+"/certificate", "", "", nil)
		wantPrint := version > issuer.PrintQRAbove
		if got := strings.Contains(text, issuer.PrintQRLabel); got != wantPrint {
			t.Errorf("%s: QR version %d, print QR in the PDF %v", name, version, got)
		} else if got {
			printQRs++
		}
		if got := bytes.Contains(html, []byte(`class="printqr"`)); got != wantPrint {
			t.Errorf("%s: QR version %d, print QR in the HTML %v", name, version, got)
		}

		hide := []string{"/credentialSubject/achievement/description", "/credentialSubject/achievement/skills", "/credentialSubject/achievement/level"}
		form := url.Values{"hide": hide, "format": {"pdf"}}
		resp, sel := e.do(t, "POST", p+"/disclose", "", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" {
			t.Fatalf("%s: disclosed PDF: %d %s", name, resp.StatusCode, sel)
		}
		text = pdfText(t, sel)
		for _, secret := range append([]string{doc.Subject.Achievement.Description, doc.Subject.Achievement.Level, issuer.PrintQRLabel}, doc.Subject.Achievement.Skills...) {
			if strings.Contains(text, secret) {
				t.Errorf("%s: the disclosed PDF shows %q", name, secret)
			}
		}
		for _, want := range []string{doc.Subject.Name, doc.Subject.Achievement.Name, "Withheld by the holder: description, level, skills."} {
			if !strings.Contains(text, norm.NFC.String(want)) {
				t.Errorf("%s: the disclosed PDF lacks %q:\n%s", name, want, text)
			}
		}
	}
	if printQRs == 0 {
		t.Error("no certificate had a print QR: the test needs one whose QR passes version 25")
	}
	p := e.claimPath(0)
	if resp, _ := e.do(t, "GET", p+"/certificate?format=docx", "", "", nil); resp.StatusCode != 400 {
		t.Errorf("format=docx: %d", resp.StatusCode)
	}
	form := url.Values{"format": {"docx"}}
	if resp, _ := e.do(t, "POST", p+"/disclose", "", "application/x-www-form-urlencoded", strings.NewReader(form.Encode())); resp.StatusCode != 400 {
		t.Errorf("disclose format=docx: %d", resp.StatusCode)
	}
}

// qrVersion is the version of the QR code of a bundle's compact form, as a
// link to the verifier page that TestPortalPDFCertificate's server names.
func qrVersion(t *testing.T, js []byte) int {
	t.Helper()
	b, err := bundle.Parse(js)
	if err != nil {
		t.Fatal(err)
	}
	cs1, err := b.EncodeCompact()
	if err != nil {
		t.Fatal(err)
	}
	q, err := bundle.EncodeQR(bundle.VerifierURL("https://verify.example.edu/", cs1))
	if err != nil {
		t.Fatal(err)
	}
	return q.Version
}

// TestPrintLink plays whoever holds a printed certificate: its print QR
// opens the bundle as the certificate shows it (the identifier hidden, the
// description shown),
// and nothing else of the learner's. The print link is not the claim link,
// its token opens no claim page, a token fits one credential only, and a
// revoked credential's print link answers 410.
func TestPrintLink(t *testing.T) {
	// A verifier link makes the QR codes large enough for print QRs.
	e := newEnvWith(t, httpapi.IssuerConfig{VerifierURL: "https://verify.example.edu/"})
	printQR := regexp.MustCompile(`class="printqr"><img[^>]* src="data:image/png;base64,([^"]+)"`)
	doc := (*credential.Document)(nil)
	for i, d := range e.docs {
		_, page := e.do(t, "GET", e.claimPath(i)+"/certificate", "", "", nil)
		m := printQR.FindSubmatch(page)
		if m == nil {
			continue
		}
		png, err := base64.StdEncoding.DecodeString(html.UnescapeString(string(m[1])))
		if err != nil {
			t.Fatal(err)
		}
		link, err := bundle.DecodeQRImage(png)
		if want := "https://portal.example" + e.svc.PrintPath(d.ID); err != nil || link != want {
			t.Fatalf("%s: the print QR reads %q (%v), want %q", d.Subject.Name, link, err, want)
		}
		if doc == nil && d.Subject.Identifier != "" {
			doc = d
		}
	}
	if doc == nil {
		t.Fatal("no certificate with a print QR and an identifier: the test needs one")
	}

	path := e.svc.PrintPath(doc.ID)
	claimToken := e.svc.ClaimToken(doc.ID)
	if !strings.HasPrefix(path, "/print/") || strings.Contains(path, claimToken) {
		t.Fatalf("print path %q (claim token %s)", path, claimToken)
	}
	resp, js := e.do(t, "GET", path, "", "", nil)
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("print link: %d %s", resp.StatusCode, js)
	}
	b, err := bundle.Parse(js)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(js), doc.Subject.Identifier) || !strings.Contains(string(js), doc.Subject.Name) ||
		!slices.Contains(credential.HiddenMembers(b.Disclosure), "student number or e-mail (identifier)") ||
		doc.Subject.Achievement.Description != "" && !strings.Contains(string(js), doc.Subject.Achievement.Description) {
		t.Fatalf("the print bundle shows the identifier or lacks the name: %s", js)
	}
	checkBundle(t, b)

	parts := strings.Split(path, "/") // "", "print", id, token
	other := strings.Split(e.svc.PrintPath(e.docs[0].ID), "/")
	if other[2] == parts[2] {
		other = strings.Split(e.svc.PrintPath(e.docs[len(e.docs)-1].ID), "/")
	}
	for _, p := range []string{
		"/print/" + parts[2] + "/" + other[3],           // another credential's token
		"/print/" + other[2] + "/" + parts[3],           // another credential, this token
		"/print/" + parts[2] + "/" + claimToken,         // the claim token
		"/print/" + parts[2] + "/" + parts[3][1:] + "A", // altered
		"/print/" + parts[2] + "!/" + parts[3],          // not base64
		"/claim/" + parts[3],                            // the print token as a claim token
		"/claim/" + parts[3] + "/bundle.json",
	} {
		if resp, body := e.do(t, "GET", p, "", "", nil); resp.StatusCode != 404 || strings.Contains(string(body), doc.Subject.Name) {
			t.Errorf("%s: %d %s", p, resp.StatusCode, body)
		}
	}
	if _, err := e.svc.Revoke(ctx, doc.ID, 1); err != nil {
		t.Fatal(err)
	}
	if resp, body := e.do(t, "GET", path, "", "", nil); resp.StatusCode != 410 {
		t.Fatalf("revoked print link: %d %s", resp.StatusCode, body)
	}
}
