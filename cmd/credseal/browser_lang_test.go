package main_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/credseal/credseal/internal/i18n"
)

// TestPagesInEveryLanguage opens the verifier page, a verified result, the
// learner's portal and the certificate in each language, chosen with the
// page's language switch, and checks that each speaks it: the html lang,
// a translated heading and, on the verifier, the translated verdict over
// checks whose reasons are in that language too. A browser whose
// Accept-Language is French gets French with no choice made. Screenshots
// of each page in each language go to out/browser/lang-*.jpg.
func TestPagesInEveryLanguage(t *testing.T) {
	chromium(t)
	site := startPortalAndVerifier(t)
	ctx := newBrowser(t, 3*time.Minute)

	// pageLang waits for a loaded page in lang. A click on a language link
	// loads a new page, so the old one may vanish under an evaluation:
	// such errors only mean "not yet".
	pageLang := func(lang string) {
		t.Helper()
		js := `document.readyState === "complete" && document.documentElement.lang === "` + lang + `"`
		var got string
		var err error
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			var ok bool
			if ok, err = chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
				return
			}
			got, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
		}
		t.Fatalf("the page is in %q, not %q (%v)", got, lang, err)
	}
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("read %s: %v", sel, err)
		}
		return v
	}
	// choose clicks a language in the page's switch.
	choose := func(lang string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`nav.languages a[lang="`+lang+`"]`)),
			chromedp.Click(chromedp.CSS(`nav.languages a[lang="`+lang+`"]`))); err != nil {
			t.Fatalf("switch to %s: %v", lang, err)
		}
		pageLang(lang)
	}

	for _, l := range i18n.Languages() {
		lang := l.Tag
		tr := func(english string) string { return i18n.Translate(lang, english) }
		if lang != "en" && tr("✓ Verified") == "✓ Verified" {
			t.Fatalf("%s: the verdict is not translated", lang)
		}

		// Each page is switched from another language: English, or German
		// to reach English.
		from := "en"
		if lang == "en" {
			from = "de"
		}

		// switchPage opens url in from and clicks lang in its switch.
		switchPage := func(url string, ready chromedp.CSS) {
			t.Helper()
			if err := chromedp.Do(ctx, chromedp.Navigate(url+"?lang="+from), chromedp.WaitReady(ready)); err != nil {
				t.Fatal(err)
			}
			pageLang(from)
			choose(lang)
		}

		// The verifier page.
		switchPage(site.verifier+"/", chromedp.CSS("#drop"))
		if h1 := text("h1"); h1 != tr("Verify a credential") {
			t.Errorf("%s: verifier heading %q", lang, h1)
		}
		screenshot(t, ctx, "lang-verifier-"+lang)
		if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.ID("file"), []string{site.bundle})); err != nil {
			t.Fatal(err)
		}
		r := readResult(t, ctx, "lang-verified-"+lang)
		if r.verdict != tr("✓ Verified") || !strings.Contains(r.checks, tr("The issuer has not revoked the credential.")) ||
			!strings.Contains(r.summary, tr("Learner")) {
			t.Errorf("%s: verdict %q\nsummary %q\nchecks %q", lang, r.verdict, r.summary, r.checks)
		}

		// The portal and its certificate, switched on the portal.
		switchPage(site.claim, chromedp.CSS("main"))
		if got := text("main h2"); got != tr("Download") {
			t.Errorf("%s: portal heading %q", lang, got)
		}
		screenshot(t, ctx, "lang-portal-"+lang)
		// The certificate follows the language chosen on the portal.
		if err := chromedp.Do(ctx, chromedp.Navigate(site.claim+"/certificate"), chromedp.WaitReady(chromedp.CSS("h1"))); err != nil {
			t.Fatal(err)
		}
		pageLang(lang)
		// textContent: the heading is upper-cased by CSS, which innerText shows.
		heading, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("h1").textContent.trim()`))
		if err != nil {
			t.Fatal(err)
		}
		if got := heading; got != tr("Micro-credential") {
			t.Errorf("%s: certificate heading %q", lang, got)
		}
		screenshot(t, ctx, "lang-certificate-"+lang)
	}

	// A French browser that chose nothing reads French.
	fresh := newBrowser(t, time.Minute)
	if err := chromedp.Do(fresh, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(fresh, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(fresh, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{
		Headers: network.Headers{"Accept-Language": "fr-CH, fr;q=0.9, en;q=0.5"}}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(fresh, chromedp.Navigate(site.verifier+"/"), chromedp.WaitReady(chromedp.ID("drop")),
		chromedp.Poll[chromedp.Void](`document.documentElement.lang === "fr"`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("Accept-Language fr: %v", err)
	}
	if h1, err := chromedp.Run(fresh, chromedp.Text(chromedp.CSS("h1"))); err != nil || h1 != i18n.Translate("fr", "Verify a credential") {
		t.Errorf("Accept-Language fr: heading %q (%v)", h1, err)
	}
}
