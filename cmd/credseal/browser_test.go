package main_test

import (
	"crypto/ed25519"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/credseal/credseal/internal/fixtures"
	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/ob3"
	"github.com/credseal/credseal/pkg/vc"
)

var verifierLine = regexp.MustCompile(`verifier serving on (http://127\.0\.0\.1:\d+)`)

// chromium finds the browser: $CREDSEAL_CHROMIUM, else chromium on PATH.
// make test installs Debian's chromium when it is missing.
func chromium(t *testing.T) string {
	if p := os.Getenv("CREDSEAL_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no Chromium for the browser test: run `make test` (it installs it) or apt-get install -y chromium")
	}
	t.Skip("no Chromium: run `make test`, which installs it, or apt-get install -y chromium")
	return ""
}

// TestVerifierPageInBrowser drives the employer's page in a real Chromium:
// upload a QR code an issuer produced and see it verified with the
// learner's name; upload a tampered bundle and see why it is not; open a
// /#CS1: link directly. Screenshots of each state go to out/browser.
func TestVerifierPageInBrowser(t *testing.T) {
	chromium(t)
	env, out := issuedCohort(t)
	base := startVerifier(t, env)

	qr := glob(t, out, "0001-*.qr.png")
	genuine := readFile(t, glob(t, out, "0002-*.credseal.json"))
	tampered := filepath.Join(t.TempDir(), "tampered.credseal.json")
	os.WriteFile(tampered, []byte(strings.Replace(string(genuine), `"name": "`, `"name": "Dr. `, 1)), 0o600)
	ctx := newBrowser(t, 90*time.Second)

	// show waits for the result and reads it, saving a screenshot.
	show := func(name string) (verdict, summary, checks string) {
		t.Helper()
		r := readResult(t, ctx, "verifier-"+name)
		return r.verdict, r.summary, r.checks
	}
	upload := func(file string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), chromedp.WaitReady(chromedp.ID("file")),
			chromedp.SetUploadFiles(chromedp.ID("file"), []string{file})); err != nil {
			t.Fatal(err)
		}
	}

	// 1. Upload the QR code of Åsa Lindqvist's certificate.
	upload(qr)
	verdict, summary, _ := show("1-qr-upload")
	if !strings.Contains(verdict, "Verified") || strings.Contains(verdict, "Not") || !strings.Contains(summary, "Åsa Lindqvist") ||
		!strings.Contains(summary, "credseal dev issuer (example.edu), as the registry accredits it") ||
		!strings.Contains(summary, "Université de Lumière (as claimed)") {
		t.Fatalf("QR upload: verdict %q, summary %q", verdict, summary)
	}

	// 2. A tampered bundle: not verified, and the page says why.
	upload(tampered)
	verdict, _, checks := show("2-tampered")
	if !strings.Contains(verdict, "Not verified") || !strings.Contains(checks, "does not match what the issuer sealed") {
		t.Fatalf("tampered bundle: verdict %q, checks %q", verdict, checks)
	}

	// 3. The link a phone camera opens from a printed QR code.
	text := qrText(t, qr)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"+text[strings.Index(text, "#"):])); err != nil {
		t.Fatal(err)
	}
	verdict, summary, _ = show("3-link")
	if !strings.Contains(verdict, "Verified") || strings.Contains(verdict, "Not") || !strings.Contains(summary, "Åsa Lindqvist") {
		t.Fatalf("/#CS1: link: verdict %q, summary %q", verdict, summary)
	}

	// 4. A name with a right-to-left override is shown escaped, not obeyed.
	forged := filepath.Join(t.TempDir(), "forged.credseal.json")
	os.WriteFile(forged, []byte(strings.Replace(string(genuine), `"name": "`, `"name": "Mallory\u202e`, 1)), 0o600)
	upload(forged)
	verdict, summary, _ = show("4-bidi")
	if !strings.Contains(verdict, "Not verified") || strings.Contains(summary, "\u202e") || !strings.Contains(summary, `Mallory\u202e`) {
		t.Fatalf("bidi override: verdict %q, summary %q", verdict, summary)
	}

	// 5. A verifier started --offline says, before anything, that it checks nothing.
	m, _ := startProcess(t, verifierLine, credseal, "verifier", "serve", "--listen", "127.0.0.1:0", "--offline")
	if err := chromedp.Do(ctx, chromedp.Navigate(m[1]+"/"), chromedp.WaitVisible(chromedp.ID("offline"))); err != nil {
		t.Fatalf("offline notice: %v", err)
	}
	notice, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("offline")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(notice, "checks no blockchain registry") {
		t.Fatalf("offline notice %q", notice)
	}
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.ID("file"), []string{qr})); err != nil {
		t.Fatal(err)
	}
	verdict, _, _ = show("5-offline")
	if !strings.Contains(verdict, "Not verified") || !strings.Contains(verdict, "checks no blockchain registry") {
		t.Fatalf("offline verdict %q", verdict)
	}

	// 6. The other kinds, on a verifier that trusts one did:key issuer:
	// each result names its kind.
	vcFile, issuerDID := signedOpenBadge(t)
	base = startVerifier(t, env, "--trust-issuer", issuerDID)
	upload(vcFile)
	verdict, summary, checks = show("6-open-badge")
	if !strings.Contains(verdict, "Verified") || strings.Contains(verdict, "Not") || !strings.Contains(summary, "Verifiable Credential (W3C; Open Badges 3.0)") ||
		!strings.Contains(summary, "Zoë Müller-Øberg") || !strings.Contains(checks, "digital signature is valid") {
		t.Fatalf("Open Badge: verdict %q, summary %q, checks %q", verdict, summary, checks)
	}
	upload(fixturePath("../../pkg/oa/testdata/single.json"))
	verdict, summary, checks = show("7-openattestation")
	if !strings.Contains(verdict, "Not verified") || !strings.Contains(summary, "OpenAttestation document") ||
		!strings.Contains(checks, "not on this verifier's list of trusted issuers") {
		t.Fatalf("OpenAttestation: verdict %q, summary %q, checks %q", verdict, summary, checks)
	}
	upload(qr)
	if _, summary, _ = show("8-credseal"); !strings.Contains(summary, "credseal proof") {
		t.Fatalf("credseal kind: summary %q", summary)
	}
	t.Logf("screenshots in %s", browserOut(t))
}

// signedOpenBadge writes the first cohort credential as an Open Badges 3.0
// credential signed by a new did:key issuer, and returns the file and DID.
func signedOpenBadge(t *testing.T) (string, string) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	id := "did:key:" + vc.EncodeMultikey(pub)
	c, err := ob3.Credential(fixtures.Cohort(t)[0], id, ob3.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := vc.Sign(c, priv, id+"#"+vc.EncodeMultikey(pub), time.Now()); err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "badge.ob3.json")
	if err := os.WriteFile(path, js, 0o600); err != nil {
		t.Fatal(err)
	}
	return path, id
}

func fixturePath(rel string) string {
	p, _ := filepath.Abs(rel)
	return p
}

// qrText decodes a QR code image.
func qrText(t *testing.T, path string) string {
	t.Helper()
	text, err := bundle.DecodeQRImage(readFile(t, path))
	if err != nil {
		t.Fatal(err)
	}
	return text
}
