package httpapi_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/credseal/credseal/internal/i18n"
	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/bundle/hostile"
	"github.com/credseal/credseal/pkg/seal"
	"github.com/credseal/credseal/verifier"
	"github.com/credseal/credseal/verifier/httpapi"
)

// fixture serves an offline verifier and holds a genuine bundle in each form.
type fixture struct {
	srv        *httptest.Server
	json, cs1  []byte
	png        []byte
	verifyLink string
}

func newFixture(t *testing.T, ratePerIP float64) *fixture {
	t.Helper()
	return newFixtureWith(t, httpapi.VerifierConfig{RatePerIP: ratePerIP})
}

// newFixtureWith serves an offline verifier configured by cfg.
func newFixtureWith(t *testing.T, cfg httpapi.VerifierConfig) *fixture {
	t.Helper()
	docs, err := issuer.ReadCSVFile("../../testdata/cohort.csv", issuer.Institution{})
	if err != nil {
		t.Fatal(err)
	}
	bits, _ := seal.BitsForDifficulty(10)
	b, err := issuer.BuildBatch(context.Background(), docs[:8], issuer.BatchOptions{Bits: bits})
	if err != nil {
		t.Fatal(err)
	}
	bun, _ := b.Bundle(2)
	f := &fixture{}
	f.json, _ = bun.MarshalJSON()
	cs1, _ := bun.EncodeCompact()
	f.cs1 = []byte(cs1)
	f.verifyLink = bundle.VerifierURL("https://verify.example/", cs1)
	qr, err := bundle.EncodeQR(cs1)
	if err != nil {
		t.Fatal(err)
	}
	f.png = qr.PNG
	cfg.Verifier = verifier.New(verifier.Options{})
	s := httpapi.New(cfg)
	f.srv = httptest.NewServer(s.Handler())
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fixture) post(t *testing.T, contentType string, body io.Reader) (int, []byte, http.Header) {
	t.Helper()
	resp, err := http.Post(f.srv.URL+"/api/v1/verify", contentType, body)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b, resp.Header
}

func multipartQR(t *testing.T, img []byte) (string, io.Reader) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	part, _ := w.CreateFormFile("qr", "qr.png")
	part.Write(img)
	w.Close()
	return w.FormDataContentType(), &buf
}

func TestVerifyEveryForm(t *testing.T) {
	f := newFixture(t, 0)
	ct, mp := multipartQR(t, f.png)
	for _, tc := range []struct {
		name, ct string
		body     io.Reader
	}{
		{"bundle JSON", "application/json", bytes.NewReader(f.json)},
		{"CS1 string", "text/plain", bytes.NewReader(f.cs1)},
		{"verifier link", "text/plain", strings.NewReader(f.verifyLink)},
		{"QR image upload", ct, mp},
		{"QR image body", "image/png", bytes.NewReader(f.png)},
	} {
		status, body, _ := f.post(t, tc.ct, tc.body)
		var res verifier.Result
		if status != 200 || json.Unmarshal(body, &res) != nil || res.Verdict != verifier.OfflineOnly || res.Credential.Learner == "" {
			t.Fatalf("%s: %d %s", tc.name, status, body)
		}
	}
}

func TestBadInputs(t *testing.T) {
	f := newFixture(t, 0)
	noise := make([]byte, 4096)
	rand.Read(noise)
	fakePNG := append([]byte("\x89PNG\r\n\x1a\n"), noise...)
	ct, mp := multipartQR(t, fakePNG)
	big := bytes.Repeat([]byte("a"), 10<<20)
	for _, tc := range []struct {
		name, ct string
		body     []byte
		mp       io.Reader
		status   int
		code     string
	}{
		{"malformed JSON", "application/json", []byte(`{"format": "credseal-bundle/1", `), nil, 400, httpapi.CodeUnreadable},
		{"truncated CS1", "text/plain", f.cs1[:len(f.cs1)/2], nil, 400, httpapi.CodeUnreadable},
		{"random bytes as an image", "image/png", fakePNG, nil, 400, httpapi.CodeNoQR},
		{"random bytes as an uploaded image", ct, nil, mp, 400, httpapi.CodeNoQR},
		{"empty", "text/plain", nil, nil, 400, httpapi.CodeUnreadable},
		{"10 MB body", "application/json", big, nil, 413, httpapi.CodeTooLarge},
		{"2 MB of text", "text/plain", bytes.Repeat([]byte("A"), 2<<20), nil, 413, httpapi.CodeTooLarge},
		{"PNG bomb (1.6 gigapixels declared)", "image/png", hostile.PNGBomb(40_000, 40_000, 8<<20), nil, 413, httpapi.CodeTooLarge},
	} {
		body := tc.mp
		if body == nil {
			body = bytes.NewReader(tc.body)
		}
		status, out, _ := f.post(t, tc.ct, body)
		var e struct {
			Error struct{ Code, Message string }
		}
		if status != tc.status || json.Unmarshal(out, &e) != nil || e.Error.Code != tc.code || e.Error.Message == "" {
			t.Errorf("%s: %d %.200s; want %d %s", tc.name, status, out, tc.status, tc.code)
		}
	}
}

func TestPageHeadersAndAssets(t *testing.T) {
	f := newFixture(t, 0)
	for _, p := range []string{"/", "/app.js", "/app.css", "/vendor/jsQR.js", "/vendor/jsQR.LICENSE", "/api/v1/health"} {
		resp, err := http.Get(f.srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		csp := resp.Header.Get("Content-Security-Policy")
		if resp.StatusCode != 200 || !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe") {
			t.Fatalf("%s: %d, CSP %q", p, resp.StatusCode, csp)
		}
		if p == "/" && (bytes.Contains(body, []byte("<script>")) || inlineHandler.Match(body)) {
			t.Fatal("the page has inline script or event handlers")
		}
	}
}

var inlineHandler = regexp.MustCompile(`\son[a-z]+\s*=`)

func TestRateLimitPerIP(t *testing.T) {
	f := newFixture(t, 2) // 2/s, burst 4
	limited := 0
	for range 10 {
		status, body, _ := f.post(t, "text/plain", bytes.NewReader(f.cs1))
		if status == 429 {
			limited++
			if !strings.Contains(string(body), httpapi.CodeRateLimited) {
				t.Fatalf("429 without a JSON error: %s", body)
			}
		}
	}
	if limited == 0 {
		t.Fatal("10 requests at once were not limited at 2/s")
	}
	time.Sleep(1100 * time.Millisecond)
	if status, _, _ := f.post(t, "text/plain", bytes.NewReader(f.cs1)); status != 200 {
		t.Fatalf("after a pause: %d", status)
	}
}

// TestForwardedForIgnoredUnlessFromATrustedProxy plays a client that sends
// a new X-Forwarded-For with every request to escape the per-IP limit: the
// header counts only when the direct peer is a configured proxy.
func TestForwardedForIgnoredUnlessFromATrustedProxy(t *testing.T) {
	send := func(f *fixture, n int) (limited int) {
		for i := range n {
			req, _ := http.NewRequest(http.MethodPost, f.srv.URL+"/api/v1/verify", bytes.NewReader(f.cs1))
			req.Header.Set("Content-Type", "text/plain")
			req.Header.Set("X-Forwarded-For", fmt.Sprintf("203.0.113.%d", i))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode == http.StatusTooManyRequests {
				limited++
			}
		}
		return limited
	}
	direct := newFixtureWith(t, httpapi.VerifierConfig{RatePerIP: 2})
	if send(direct, 12) == 0 {
		t.Fatal("a client rotating X-Forwarded-For was never limited")
	}
	_, loopback, _ := net.ParseCIDR("127.0.0.1/32")
	proxied := newFixtureWith(t, httpapi.VerifierConfig{RatePerIP: 2, TrustedProxies: []*net.IPNet{loopback}})
	if n := send(proxied, 12); n != 0 {
		t.Fatalf("behind a trusted proxy, 12 different clients were limited %d times", n)
	}
}

// trickle starts an image upload that sends 100 bytes and then nothing,
// and returns once the server has had time to start reading it.
func trickle(t *testing.T, f *fixture) {
	t.Helper()
	pr, pw := io.Pipe()
	t.Cleanup(func() { pw.Close() })
	go func() {
		req, _ := http.NewRequest(http.MethodPost, f.srv.URL+"/api/v1/verify", pr)
		req.Header.Set("Content-Type", "image/png")
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	}()
	pw.Write(f.png[:100])
	time.Sleep(100 * time.Millisecond)
}

// TestImageTurnsAreBounded: a client that sends its image slowly holds a
// reading turn, never a decoding one; with every reading turn taken,
// another image waits and is turned away busy, while a bundle is still
// verified; and a slow upload loses its turn after ImageReadTimeout.
func TestImageTurnsAreBounded(t *testing.T) {
	f := newFixtureWith(t, httpapi.VerifierConfig{MaxReads: 2, MaxDecodes: 1, DecodeWait: 200 * time.Millisecond, ImageReadTimeout: time.Minute})
	trickle(t, f)
	if status, body, _ := f.post(t, "image/png", bytes.NewReader(f.png)); status != 200 {
		t.Fatalf("an image while a slow upload reads: %d %s", status, body)
	}
	trickle(t, f)
	status, body, hdr := f.post(t, "image/png", bytes.NewReader(f.png))
	if status != http.StatusServiceUnavailable || !strings.Contains(string(body), httpapi.CodeBusy) || hdr.Get("Retry-After") == "" {
		t.Fatalf("an image with every reading turn taken: %d %s", status, body)
	}
	if status, body, _ := f.post(t, "text/plain", bytes.NewReader(f.cs1)); status != 200 {
		t.Fatalf("a CS1 string while images wait: %d %s", status, body)
	}

	g := newFixtureWith(t, httpapi.VerifierConfig{MaxReads: 1, DecodeWait: 200 * time.Millisecond, ImageReadTimeout: 300 * time.Millisecond})
	trickle(t, g)
	time.Sleep(400 * time.Millisecond) // the slow upload's read deadline passes
	if status, body, _ := g.post(t, "image/png", bytes.NewReader(g.png)); status != 200 {
		t.Fatalf("an image after the slow upload timed out: %d %s", status, body)
	}
}

func TestHealthSaysWhetherARegistryIsChecked(t *testing.T) {
	f := newFixture(t, 0)
	resp, err := http.Get(f.srv.URL + "/api/v1/health")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var h struct {
		Status          string
		RegistryChecked bool
	}
	if err := json.NewDecoder(resp.Body).Decode(&h); err != nil || h.Status != "ok" || h.RegistryChecked {
		t.Fatalf("offline verifier's health: %+v, %v", h, err)
	}
}

// TestResultsInTheReadersLanguage: the checks' titles and reasons come in
// the language ?lang= or Accept-Language asks for, with the codes, the
// verdict and the evidence unchanged; /api/v1/messages gives the page its
// words in that language.
func TestResultsInTheReadersLanguage(t *testing.T) {
	f := newFixture(t, 0)
	verify := func(query, accept string) (verifier.Result, http.Header) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, f.srv.URL+"/api/v1/verify"+query, bytes.NewReader(f.json))
		req.Header.Set("Content-Type", "application/json")
		if accept != "" {
			req.Header.Set("Accept-Language", accept)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var res verifier.Result
		if err := json.NewDecoder(resp.Body).Decode(&res); err != nil || resp.StatusCode != 200 {
			t.Fatalf("%s %s: %d %v", query, accept, resp.StatusCode, err)
		}
		return res, resp.Header
	}
	english, h := verify("", "")
	if h.Get("Content-Language") != "en" {
		t.Fatalf("Content-Language %q", h.Get("Content-Language"))
	}
	for _, tc := range []struct{ query, accept, want string }{
		{"", "fr-FR,fr;q=0.9", "fr"},
		{"", "de", "de"},
		{"?lang=es", "fr", "es"},
		{"?lang=ja", "ja", "en"},
	} {
		res, h := verify(tc.query, tc.accept)
		if h.Get("Content-Language") != tc.want || !strings.Contains(h.Get("Vary"), "Accept-Language") {
			t.Fatalf("%s %s: Content-Language %q, Vary %q", tc.query, tc.accept, h.Get("Content-Language"), h.Get("Vary"))
		}
		if res.Verdict != english.Verdict || len(res.Checks) != len(english.Checks) || res.Credential.Learner != english.Credential.Learner {
			t.Fatalf("%s: the result changed with the language: %+v", tc.want, res)
		}
		for i, c := range res.Checks {
			e := english.Checks[i]
			if c.ID != e.ID || c.Status != e.Status || c.Detail != e.Detail {
				t.Errorf("%s: check %d is %+v, in English %+v", tc.want, i, c, e)
			}
			// A title may read the same ("Confirmations" in French); a
			// reason never does.
			translated := c.Reason != e.Reason
			if translated != (tc.want != "en") {
				t.Errorf("%s: check %s reads %q: %q (English %q: %q)", tc.want, c.ID, c.Title, c.Reason, e.Title, e.Reason)
			}
		}
	}

	resp, err := http.Get(f.srv.URL + "/api/v1/messages?lang=de")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m struct {
		Lang      string            `json:"lang"`
		Languages []i18n.Language   `json:"languages"`
		Messages  map[string]string `json:"messages"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil || m.Lang != "de" || len(m.Languages) < 4 ||
		m.Messages["✓ Verified"] == "" || m.Messages["✓ Verified"] == "✓ Verified" {
		t.Fatalf("messages: %v %s %v %q", err, m.Lang, m.Languages, m.Messages["✓ Verified"])
	}
}
