package main_test

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	_ "image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestVerifierCameraInBrowser scans a certificate's QR code with the camera:
// Chromium's fake camera plays a video of the QR code the issuer produced,
// and one click on the camera button must end at "Verified" with the
// learner's name, and the camera off again.
func TestVerifierCameraInBrowser(t *testing.T) {
	chromium(t)
	env, out := issuedCohort(t)
	base := startVerifier(t, env)
	video := qrVideo(t, glob(t, out, "0001-*.qr.png"))
	ctx := newBrowser(t, 60*time.Second,
		chromedp.Flag("use-fake-ui-for-media-stream", true), // grant the camera without asking
		chromedp.Flag("use-fake-device-for-media-stream", true),
		chromedp.Flag("use-file-for-fake-video-capture", video))

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), chromedp.WaitReady(chromedp.ID("scan"))); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("scan"))); err != nil {
		t.Fatal(err)
	}
	r := readResult(t, ctx, "camera")
	took := time.Since(start)
	if !r.verified() || !strings.Contains(r.summary, "Åsa Lindqvist") {
		t.Fatalf("camera scan: verdict %q, summary %q, checks %q", r.verdict, r.summary, r.checks)
	}
	// The page stops the camera once it has read a code.
	live, err := chromedp.Run(ctx, chromedp.Evaluate[bool](
		`!document.getElementById("camera").hidden || !!document.getElementById("video").srcObject?.getVideoTracks().some((t) => t.readyState === "live")`))
	if err != nil {
		t.Fatal(err)
	}
	if live {
		t.Error("the camera is still on after the code was read")
	}
	report := fmt.Sprintf("camera path: one click on %q, fake camera playing %s\nverdict: %s\nsummary:\n%s\nread and verified in %s\n",
		"Scan a QR code with the camera", filepath.Base(video), r.verdict, r.summary, took.Round(time.Millisecond))
	if err := os.WriteFile(filepath.Join(browserOut(t), "camera-result.txt"), []byte(report), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("camera read and verified in %s", took.Round(time.Millisecond))
}

// qrVideo writes a few frames of the QR code in the PNG file as a
// YUV4MPEG2 video (4:2:0, the format Chromium's fake camera reads): the code
// scaled up, on a white margin, grey only (U and V at 128).
func qrVideo(t *testing.T, pngFile string) string {
	t.Helper()
	img, _, err := image.Decode(bytes.NewReader(readFile(t, pngFile)))
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	scale := max(1, (800+b.Dx()-1)/b.Dx()) // modules several pixels wide, as a phone held close sees them
	const margin = 48
	w, h := b.Dx()*scale+2*margin, b.Dy()*scale+2*margin
	w, h = w+w%2, h+h%2 // 4:2:0 halves both sides
	luma := bytes.Repeat([]byte{255}, w*h)
	for y := 0; y < b.Dy()*scale; y++ {
		for x := 0; x < b.Dx()*scale; x++ {
			luma[(y+margin)*w+x+margin] = color.GrayModel.Convert(img.At(b.Min.X+x/scale, b.Min.Y+y/scale)).(color.Gray).Y
		}
	}
	chroma := bytes.Repeat([]byte{128}, 2*(w/2)*(h/2))
	path := filepath.Join(t.TempDir(), "qr.y4m")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	bw := bufio.NewWriter(f)
	fmt.Fprintf(bw, "YUV4MPEG2 W%d H%d F10:1 Ip A1:1 C420jpeg\n", w, h)
	for range 5 {
		bw.WriteString("FRAME\n")
		bw.Write(luma)
		bw.Write(chroma)
	}
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestVerifierDropAndPasteInBrowser gives the page a proof the other ways
// it takes one: a file dropped on it (a proof file, a QR photo, a link
// dragged from elsewhere), a paste anywhere on the page (the CS1: text, a
// QR image), and a paste into the text box and the Verify button. Each must
// end at "Verified" with the learner's name; junk must say it could not be
// read.
func TestVerifierDropAndPasteInBrowser(t *testing.T) {
	chromium(t)
	env, out := issuedCohort(t)
	base := startVerifier(t, env)
	qr := glob(t, out, "0001-*.qr.png")
	bundleJSON := readFile(t, glob(t, out, "0001-*.credseal.json"))
	qrPNG := readFile(t, qr)
	text := qrText(t, qr)
	ctx := newBrowser(t, 90*time.Second)

	// fileJS makes a File in the page from bytes.
	fileJS := func(name, typ string, data []byte) string {
		return fmt.Sprintf(`new File([Uint8Array.from(atob(%q), (c) => c.charCodeAt(0))], %q, { type: %q })`,
			base64.StdEncoding.EncodeToString(data), name, typ)
	}
	// dropJS drops a DataTransfer filled by fill on the drop zone, as a
	// drag from the desktop or another page would.
	dropJS := func(fill string) string {
		return `(() => {
			const dt = new DataTransfer();
			` + fill + `;
			const zone = document.getElementById("drop");
			zone.dispatchEvent(new DragEvent("dragenter", { dataTransfer: dt, bubbles: true, cancelable: true }));
			zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
			const highlighted = zone.classList.contains("over");
			zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
			return highlighted && !zone.classList.contains("over");
		})()`
	}
	// pasteJS pastes a DataTransfer filled by fill on the page's body, as
	// Ctrl+V with nothing focused would.
	pasteJS := func(fill string) string {
		return `(() => {
			const dt = new DataTransfer();
			` + fill + `;
			return !document.body.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
		})()`
	}
	str := func(s string) string { js, _ := json.Marshal(s); return string(js) }

	for _, c := range []struct {
		name, js string
	}{
		{"drop-proof-file", dropJS("dt.items.add(" + fileJS("0001.credseal.json", "application/json", bundleJSON) + ")")},
		{"drop-qr-photo", dropJS("dt.items.add(" + fileJS("certificate.png", "image/png", qrPNG) + ")")},
		{"drop-link", dropJS(`dt.setData("text/plain", ` + str("http://verify.invalid/"+text[strings.Index(text, "#"):]) + `)`)},
		{"paste-text", pasteJS(`dt.setData("text/plain", ` + str(text) + `)`)},
		{"paste-qr-image", pasteJS("dt.items.add(" + fileJS("image.png", "image/png", qrPNG) + ")")},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), chromedp.WaitReady(chromedp.ID("drop"))); err != nil {
			t.Fatal(err)
		}
		handled, err := chromedp.Run(ctx, chromedp.Evaluate[bool](c.js))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !handled {
			t.Errorf("%s: the page did not take the event (no highlight while dragging, or the default action not prevented)", c.name)
		}
		if r := readResult(t, ctx, c.name); !r.verified() || !strings.Contains(r.summary, "Åsa Lindqvist") {
			t.Errorf("%s: verdict %q, summary %q, checks %q", c.name, r.verdict, r.summary, r.checks)
		}
	}

	// The text box: paste the proof file's JSON, then press Verify.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), chromedp.SetValue(chromedp.ID("paste"), string(bundleJSON)),
		chromedp.Click(chromedp.ID("check"))); err != nil {
		t.Fatal(err)
	}
	if r := readResult(t, ctx, "paste-box"); !r.verified() || !strings.Contains(r.summary, "Åsa Lindqvist") {
		t.Errorf("text box: verdict %q, summary %q, checks %q", r.verdict, r.summary, r.checks)
	}

	// Junk pasted on the page is refused, saying so.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), chromedp.WaitReady(chromedp.ID("drop"))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](pasteJS(`dt.setData("text/plain", "not a credential")`))); err != nil {
		t.Fatal(err)
	}
	if r := readResult(t, ctx, "paste-junk"); !strings.Contains(r.verdict, "Could not read this proof") {
		t.Errorf("junk paste: verdict %q, checks %q", r.verdict, r.checks)
	}
}
