package main_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// a11yPage is a page the accessibility test opens: a URL, and optionally a
// file to give the verifier page so that it shows a result.
type a11yPage struct {
	name, url, upload string
}

// TestAccessibilityInBrowser checks the pages people use — the verifier
// page empty and with a verified and a failed result, the learner portal,
// its error page and the printable certificate — for what keyboard and
// screen reader users need: the drop zone works from the keyboard, every
// element that takes focus shows it, and axe-core finds no serious or
// critical violation. The axe report and screenshots go to out/browser.
func TestAccessibilityInBrowser(t *testing.T) {
	chromium(t)
	site := startPortalAndVerifier(t)
	genuine, claim, verifier := site.bundle, site.claim, site.verifier
	tampered := filepath.Join(t.TempDir(), "tampered.credseal.json")
	writeFile(t, tampered, []byte(strings.Replace(string(readFile(t, genuine)), `"name": "`, `"name": "Dr. `, 1)))
	pages := []a11yPage{
		{name: "verifier", url: verifier + "/"},
		{name: "verifier-verified", url: verifier + "/", upload: genuine},
		{name: "verifier-failed", url: verifier + "/", upload: tampered},
		{name: "portal", url: claim},
		{name: "portal-error", url: site.portal + "/claim/not-a-valid-claim-token"},
		{name: "certificate", url: claim + "/certificate"},
	}
	ctx := newBrowser(t, 2*time.Minute)
	open := func(p a11yPage) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(p.url), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		if p.upload == "" {
			return
		}
		if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.ID("file"), []string{p.upload}),
			chromedp.WaitVisible(chromedp.ID("result"))); err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
	}

	t.Run("keyboard", func(t *testing.T) {
		// The drop zone is reached with Tab and opens the file chooser with
		// Enter or Space; the file chosen there is verified.
		if _, err := chromedp.Call(ctx, page.SetInterceptFileChooserDialog, page.SetInterceptFileChooserDialogParams{Enabled: true}); err != nil {
			t.Fatal(err)
		}
		for _, key := range []struct{ name, keys string }{{"Enter", kb.Enter}, {"Space", " "}} {
			open(pages[0])
			tabTo(t, ctx, "drop")
			wait, cancel := context.WithTimeout(ctx, 5*time.Second)
			chooser := chromedp.Events(wait, page.FileChooserOpened)
			if err := chromedp.Do(ctx, chromedp.KeyEvent(key.keys)); err != nil {
				t.Fatal(err)
			}
			var opened *page.EventFileChooserOpened
			for ev, err := range chooser {
				if err == nil {
					opened = &ev
				}
				break
			}
			cancel()
			if opened == nil {
				t.Fatalf("%s on the drop zone opened no file chooser in 5 s", key.name)
			}
			if _, err := chromedp.Call(ctx, dom.SetFileInputFiles, dom.SetFileInputFilesParams{Files: []string{genuine}, BackendNodeID: opened.BackendNodeID}); err != nil {
				t.Fatal(err)
			}
			if r := readResult(t, ctx, "keyboard-"+strings.ToLower(key.name)); !r.verified() {
				t.Errorf("file chosen after %s on the drop zone: verdict %q, checks %q", key.name, r.verdict, r.checks)
			}
			// The verdict takes the focus, so a screen reader reads it out.
			if id, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`)); err != nil || id != "verdict" {
				t.Errorf("after a verification the focus is on %q (%v), not on the verdict", id, err)
			}
		}
		if _, err := chromedp.Call(ctx, page.SetInterceptFileChooserDialog, page.SetInterceptFileChooserDialogParams{Enabled: false}); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("focus", func(t *testing.T) {
		// Tab through every page: each element that takes the focus must
		// show it with the pages' own focus style (at least 2px of outline, or
		// a box-shadow), not only the browser's thin default ring.
		for _, p := range pages {
			open(p)
			screenshot(t, ctx, "a11y-"+p.name)
			stops := tabWalk(t, ctx)
			var names []string
			for _, s := range stops {
				names = append(names, s.Element)
				width, _ := strconv.ParseFloat(strings.TrimSuffix(s.OutlineWidth, "px"), 64)
				if (s.OutlineStyle == "none" || s.OutlineStyle == "auto" || width < 2) && s.BoxShadow == "none" {
					t.Errorf("%s: focus on %s is not visible enough: outline %s %s, box-shadow %s",
						p.name, s.Element, s.OutlineStyle, s.OutlineWidth, s.BoxShadow)
				}
			}
			t.Logf("%s: tab order %s", p.name, strings.Join(names, ", "))
			if want := map[string]string{"verifier": "div#drop", "portal": "a.button", "verifier-verified": "summary"}[p.name]; want != "" &&
				!strings.Contains(strings.Join(names, " "), want) {
				t.Errorf("%s: %s is not in the tab order %v", p.name, want, names)
			}
		}
	})

	t.Run("axe", func(t *testing.T) {
		source := axeSource(t)
		report := axeReport{Date: time.Now().UTC().Format(time.RFC3339)}
		type finding struct {
			page string
			v    axeViolation
		}
		var fail []finding
		for _, p := range pages {
			open(p)
			res := runAxe(t, ctx, source, p.name)
			report.Version = res.Version
			report.Pages = append(report.Pages, axePage{Name: p.name, URL: p.url, Violations: res.Violations,
				Incomplete: res.Incomplete, Passes: len(res.Passes)})
			for _, v := range res.Violations {
				if v.Impact == "serious" || v.Impact == "critical" {
					fail = append(fail, finding{p.name, v})
				} else {
					t.Logf("%s: %s violation %s: %s (%d elements)", p.name, v.Impact, v.ID, v.Help, len(v.Nodes))
				}
			}
		}
		js, err := json.MarshalIndent(report, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(browserOut(t), "axe-report.json")
		writeFile(t, out, js)
		t.Logf("axe-core %s report: %s", report.Version, out)
		for _, f := range fail {
			t.Errorf("%s: %s violation %s: %s\n  %s\n  elements: %s", f.page, f.v.Impact, f.v.ID, f.v.Help, f.v.HelpURL, f.v.targets())
		}
	})
}

// focusStop is an element the Tab key reached and the style it showed.
type focusStop struct {
	Element, OutlineStyle, OutlineWidth, BoxShadow string
}

// focusedJS describes the focused element, or is null when nothing in the
// page has the focus.
const focusedJS = `(() => {
	const el = document.activeElement;
	if (!el || el === document.body || el === document.documentElement) { return null; }
	const s = getComputedStyle(el);
	const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.classList.length ? "." + [...el.classList].join(".") : "") +
		(el.getAttribute("href") ? "[href=" + el.getAttribute("href").split("/").pop() + "]" : "") + (el.value && el.type === "checkbox" ? "[" + el.value + "]" : "");
	return { Element: name, OutlineStyle: s.outlineStyle, OutlineWidth: s.outlineWidth, BoxShadow: s.boxShadow };
})()`

// tabWalk presses Tab until the focus comes back to where it started, and
// returns every element it stopped on, in order.
func tabWalk(t *testing.T, ctx context.Context) []focusStop {
	t.Helper()
	var stops []focusStop
	seen := map[string]bool{}
	for i := range 60 {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		s, err := chromedp.Run(ctx, chromedp.Evaluate[*focusStop](focusedJS))
		if err != nil {
			t.Fatal(err)
		}
		if s == nil && len(stops) == 0 && i >= 2 {
			return nil // nothing on the page takes the focus
		}
		if s == nil {
			continue // the focus left the page: the next Tab brings it back
		}
		if seen[s.Element] {
			return stops
		}
		seen[s.Element] = true
		stops = append(stops, *s)
	}
	t.Fatalf("the focus did not come round in 60 presses of Tab: %v", stops)
	return nil
}

// tabTo presses Tab until the element with the id has the focus.
func tabTo(t *testing.T, ctx context.Context, id string) {
	t.Helper()
	for range 20 {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		if got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`)); err == nil && got == id {
			return
		}
	}
	t.Fatalf("Tab never reached #%s", id)
}

// axeSource reads axe-core's script from $CREDSEAL_AXE (the directory make
// test installs testdata/axe's pinned package into, bin/axe), or from bin/axe
// when that is unset. It skips the test without it, and fails under CI.
func axeSource(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("CREDSEAL_AXE")
	if dir == "" {
		dir = filepath.Join("..", "..", "bin", "axe")
	}
	js, err := os.ReadFile(filepath.Join(dir, "node_modules", "axe-core", "axe.min.js"))
	if err == nil {
		return string(js)
	}
	msg := fmt.Sprintf("no axe-core in %s (%v): run `make test`, which installs it, or "+
		"`mkdir -p bin/axe && cp testdata/axe/package*.json bin/axe && (cd bin/axe && npm ci)`", dir, err)
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// axeResult is the part of axe.run's answer the test keeps.
type axeResult struct {
	Version    string         `json:"version"`
	Violations []axeViolation `json:"violations"`
	Incomplete []axeViolation `json:"incomplete"`
	Passes     []axeViolation `json:"passes"`
}

type axeViolation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target         []any  `json:"target"`
		HTML           string `json:"html"`
		FailureSummary string `json:"failureSummary,omitempty"`
	} `json:"nodes"`
}

func (v axeViolation) targets() string {
	var s []string
	for _, n := range v.Nodes {
		s = append(s, fmt.Sprint(n.Target...)+" "+n.HTML)
	}
	return strings.Join(s, "; ")
}

// axeReport is out/browser/axe-report.json.
type axeReport struct {
	Version string    `json:"axeVersion"`
	Date    string    `json:"date"`
	Pages   []axePage `json:"pages"`
}

type axePage struct {
	Name       string         `json:"page"`
	URL        string         `json:"url"`
	Violations []axeViolation `json:"violations"`
	Incomplete []axeViolation `json:"incomplete"` // what axe could not decide: for a person to look at
	Passes     int            `json:"passes"`
}

// runAxe runs axe-core on the open page against WCAG 2.2 A and AA and axe's
// best practices. The script goes in through the DevTools protocol
// (Runtime.evaluate), which the pages' Content-Security-Policy does not
// govern, so the pages are tested with their real policy in force.
func runAxe(t *testing.T, ctx context.Context, source, name string) axeResult {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](source)); err != nil {
		t.Fatalf("%s: load axe-core: %v", name, err)
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[axeResult](`axe.run(document, {
		runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
		resultTypes: ["violations", "incomplete"],
	}).then((r) => ({ version: axe.version, violations: r.violations, incomplete: r.incomplete, passes: r.passes.map((p) => ({ id: p.id })) }))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: axe.run: %v", name, err)
	}
	return res
}
