package main_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The set-up the browser tests share: one Chromium per test, a dev chain
// with the sample cohort anchored on it, and a verifier serving the page.

// newBrowser starts Chromium with the tests' usual flags and any extra ones,
// and returns a tab that lives until the test ends, or for at most timeout.
func newBrowser(t *testing.T, timeout time.Duration, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.WindowSize(1000, 1400),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.UserDataDir(t.TempDir()))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), append(opts, extra...)...)
	ctx, cancelTab := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	t.Cleanup(func() { cancelTimeout(); cancelTab(); cancelAlloc() })
	return ctx
}

// browserOut is out/browser in the repository, where the browser tests leave
// their screenshots and reports for people to look at (out/ is not committed).
func browserOut(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "out", "browser"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// screenshot saves the whole page as out/browser/NAME.jpg.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(browserOut(t), name+".jpg"), shot, 0o644); err != nil {
		t.Fatal(err)
	}
}

// pageResult is what the verifier page shows once it has an answer.
type pageResult struct{ verdict, summary, checks string }

func (r pageResult) verified() bool {
	return strings.Contains(r.verdict, "Verified") && !strings.Contains(r.verdict, "Not")
}

// readResult waits for the verifier page's result, reads it and saves a
// screenshot as out/browser/NAME.jpg.
func readResult(t *testing.T, ctx context.Context, name string) pageResult {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("result"))); err != nil {
		t.Fatalf("%s: no result: %v", name, err)
	}
	read := func(id string) string {
		v, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID(id)))
		if err != nil {
			t.Fatalf("%s: read #%s: %v", name, id, err)
		}
		return v
	}
	r := pageResult{read("verdict"), read("summary"), read("checks")}
	screenshot(t, ctx, name)
	return r
}

// issuedCohort starts a dev chain and issues and anchors the sample cohort
// on it with `credseal batch`. It returns the environment naming the chain
// and the directory of the bundles and QR codes.
func issuedCohort(t *testing.T) (env []string, out string) {
	t.Helper()
	env = []string{"CREDSEAL_DEVCHAIN=" + startDevchain(t)}
	out = filepath.Join(t.TempDir(), "cohort")
	mustCLI(t, env, "batch", "--input", "../../testdata/cohort.csv", "--out", out, "--anchor", "--difficulty", "12",
		"--verifier-url", "http://verify.invalid/")
	return env, out
}

// startVerifier runs `credseal verifier serve` with flags and returns its URL.
func startVerifier(t *testing.T, env []string, flags ...string) string {
	t.Helper()
	m, _ := startProcessEnv(t, verifierLine, env, credseal, append([]string{"verifier", "serve", "--listen", "127.0.0.1:0"}, flags...)...)
	return m[1]
}

// site is an issuer's portal and a verifier, serving two learners'
// credentials issued and anchored on a dev chain.
type site struct {
	portal, verifier string
	claim            string // the first learner's claim page
	bundle           string // the first learner's proof bundle file
}

// startPortalAndVerifier sets up an issuer on a dev chain, issues the first
// two learners of the sample cohort, exports them and serves the portal and
// a verifier.
func startPortalAndVerifier(t *testing.T) site {
	t.Helper()
	chainDir := startDevchain(t)
	_, env := initIssuer(t, chainDir, "--difficulty", "12")
	rows := strings.SplitAfterN(string(readFile(t, "../../testdata/cohort.csv")), "\n", 4)
	csv := filepath.Join(t.TempDir(), "two.csv")
	writeFile(t, csv, []byte(strings.Join(rows[:3], "")))
	mustCLI(t, env, "issue", "--input", csv, "--wait")
	exp := filepath.Join(t.TempDir(), "export")
	mustCLI(t, env, "export", "--out", exp)
	var manifest struct {
		Credentials []struct{ Bundle, ClaimURL string } `json:"credentials"`
	}
	manifestFile := glob(t, exp, "batch-*/manifest.json")
	mustUnmarshal(t, "manifest", readFile(t, manifestFile), &manifest)
	if len(manifest.Credentials) != 2 || !strings.Contains(manifest.Credentials[0].ClaimURL, "/claim/") {
		t.Fatalf("manifest: %+v", manifest)
	}
	first := manifest.Credentials[0]
	m, _ := startProcessEnv(t, servingLine, env, credseal, "issuer", "serve", "--listen", "127.0.0.1:0")
	return site{
		portal:   m[1],
		verifier: startVerifier(t, env),
		claim:    m[1] + first.ClaimURL[strings.Index(first.ClaimURL, "/claim/"):],
		bundle:   filepath.Join(filepath.Dir(manifestFile), first.Bundle),
	}
}
