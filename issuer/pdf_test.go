package issuer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/credseal/credseal/internal/i18n"
	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/credential"
	"github.com/credseal/credseal/pkg/seal"
)

// needPoppler skips a test when poppler-utils' pdftotext and pdftoppm are
// missing, and fails it under CI, where `make test` installs them.
func needPoppler(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			msg := "the PDF tests need poppler-utils' " + tool + ": run 'make test' (as root it installs them) or 'apt-get install -y poppler-utils'"
			if os.Getenv("CI") != "" {
				t.Fatal(msg)
			}
			t.Skip(msg)
		}
	}
}

// pdfText is the text pdftotext reads from a PDF, in NFC with white space
// collapsed.
func pdfText(t *testing.T, pdf string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext %s: %v\n%s", pdf, err, out)
	}
	return strings.Join(strings.Fields(norm.NFC.String(string(out))), " ")
}

// renderPDF renders a PDF's first page as a PNG with pdftoppm.
func renderPDF(t *testing.T, pdf string, dpi int) []byte {
	t.Helper()
	prefix := filepath.Join(t.TempDir(), "page")
	if out, err := exec.Command("pdftoppm", "-png", "-r", strconv.Itoa(dpi), "-f", "1", "-l", "1", "-singlefile", pdf, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm %s: %v\n%s", pdf, err, out)
	}
	png, err := os.ReadFile(prefix + ".png")
	if err != nil {
		t.Fatal(err)
	}
	return png
}

// buildBatch seals docs into a batch at difficulty 8.
func buildBatch(t *testing.T, docs []*credential.Document) *Batch {
	t.Helper()
	bits, _ := seal.BitsForDifficulty(8)
	b, err := BuildBatch(context.Background(), docs, BatchOptions{Bits: bits})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestExportPDFCertificates exports the sample cohort with certificates and
// reads each PDF back with poppler: every learner's name (Latin with
// diacritics, Greek, Cyrillic, CJK), achievement and issuer come back as
// text, and pages render.
func TestExportPDFCertificates(t *testing.T) {
	needPoppler(t)
	docs := readCohort(t)
	if testing.Short() {
		docs = pick(t, docs, "Kenji Tanaka (田中健二)", "Li Wei (李伟)", "Αλεξάνδρα Παπαδάκη", "Ольга Смирнова",
			"Oluwaseun Adébáyọ̀", "Mihaela Ștefănescu", "Nguyễn Thị Mai", "Łukasz Wróblewski")
	}
	b := buildBatch(t, docs)
	out := filepath.Join(t.TempDir(), "cohort")
	m, err := Export(out, b, ExportOptions{VerifierURL: "https://verify.example.edu/", Certificates: true})
	if err != nil {
		t.Fatal(err)
	}
	rendered := 0
	for _, e := range m.Entries {
		if e.PDF == "" || !strings.HasSuffix(e.PDF, ".pdf") {
			t.Fatalf("%s: manifest names no PDF: %+v", e.Name, e)
		}
		doc := b.Credentials[e.LeafIndex].Document
		path := filepath.Join(out, e.PDF)
		text := pdfText(t, path)
		for _, want := range []string{doc.Subject.Name, doc.Subject.Achievement.Name, doc.Issuer.Name, doc.ID, "Valid from"} {
			// The PDF's heading is in capitals.
			if !strings.Contains(strings.ToUpper(text), strings.ToUpper(norm.NFC.String(want))) {
				t.Errorf("%s: pdftotext lacks %q:\n%s", e.PDF, want, text)
			}
		}
		// Render the scripts that need other glyphs than Latin's.
		if strings.ContainsFunc(doc.Subject.Name, func(r rune) bool { return unicode.In(r, unicode.Han, unicode.Greek, unicode.Cyrillic) }) {
			if png := renderPDF(t, path, 50); len(png) < 1000 {
				t.Errorf("%s: pdftoppm rendered %d bytes", e.PDF, len(png))
			}
			rendered++
		}
	}
	if rendered < 4 {
		t.Fatalf("rendered %d CJK, Greek or Cyrillic certificates, want 4", rendered)
	}
}

// pick returns the documents of the named learners, failing if one is missing.
func pick(t testing.TB, docs []*credential.Document, names ...string) []*credential.Document {
	t.Helper()
	var out []*credential.Document
	for _, n := range names {
		i := slices.IndexFunc(docs, func(d *credential.Document) bool { return d.Subject.Name == n })
		if i < 0 {
			t.Fatalf("no learner %q in the cohort", n)
		}
		out = append(out, docs[i])
	}
	return out
}

// TestCertificatePrintQR: a credential whose self-contained QR code passes
// version 25 gets a second, small QR code, its print link, in the HTML
// and the PDF certificate; a smaller one does not. Both QR codes read back
// from the rendered page.
func TestCertificatePrintQR(t *testing.T) {
	needPoppler(t)
	cohort := readCohort(t)
	small, large := *cohort[0], *cohort[1]
	small.Subject.Achievement.Description, small.Subject.Achievement.Skills, small.Subject.Achievement.Criteria = "", nil, nil
	large.Subject.Achievement.Description = randomWords(120) // text that compresses little
	b := buildBatch(t, []*credential.Document{&small, &large})
	out := filepath.Join(t.TempDir(), "cohort")
	claim := func(id string) string { return "https://portal.example.edu/claim/" + strings.Repeat("t", 22) }
	printLink := func(id string) string {
		return "https://portal.example.edu/print/" + id + "/" + strings.Repeat("p", 22)
	}
	m, err := Export(out, b, ExportOptions{VerifierURL: "https://verify.example.edu/", Certificates: true, ClaimURL: claim, PrintURL: printLink})
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range m.Entries {
		wantPrint := i == 1
		if big := e.QRVersion > PrintQRAbove; big != wantPrint {
			t.Fatalf("%s: QR version %d: the test needs one above %d and one not", e.Name, e.QRVersion, PrintQRAbove)
		}
		html, err := os.ReadFile(filepath.Join(out, e.Certificate))
		if err != nil {
			t.Fatal(err)
		}
		if got := bytes.Contains(html, []byte(`class="printqr"`)); got != wantPrint {
			t.Errorf("%s: HTML print QR %v at version %d", e.Certificate, got, e.QRVersion)
		}
		path := filepath.Join(out, e.PDF)
		if got := strings.Contains(pdfText(t, path), PrintQRLabel); got != wantPrint {
			t.Errorf("%s: PDF print QR label %v at version %d", e.PDF, got, e.QRVersion)
		}
		qr, _ := os.ReadFile(filepath.Join(out, e.QR))
		want, err := bundle.DecodeQRImage(qr)
		if err != nil {
			t.Fatal(err)
		}
		if got := qrInPDF(t, path, pdfRight, pdfTop-2, pdfQR); got != want {
			t.Errorf("%s: the page's QR code reads %.60q, want %.60q", e.PDF, got, want)
		}
		if wantPrint {
			x, y := pdfRight+(pdfQR-pdfPrintQR)/2, pdfTop+pdfQR+12
			if got, link := qrInPDF(t, path, x, y, pdfPrintQR), printLink(e.ID); got != link {
				t.Errorf("%s: the print QR reads %q, want %q", e.PDF, got, link)
			}
		}
	}
}

// randomWords is n words of random letters, the same on every run.
func randomWords(n int) string {
	rnd := rand.New(rand.NewPCG(1, 2))
	words := make([]string, n)
	for i := range words {
		w := make([]byte, 3+rnd.IntN(6))
		for j := range w {
			w[j] = byte('a' + rnd.IntN(26))
		}
		words[i] = string(w)
	}
	return strings.Join(words, " ")
}

// qrInPDF reads the QR code in the square of side size at (x, y), in
// millimetres, of a PDF's first page, rendering only that square with
// pdftoppm. gozxing misjudges some module sizes that a scale makes
// fractional, so a few scales are tried.
func qrInPDF(t *testing.T, pdf string, x, y, size float64) string {
	t.Helper()
	const margin = 3.0 // white around the code, which its quiet zone already gives
	var errs []error
	for _, dpi := range []int{300, 400, 254, 600} {
		px := func(mm float64) string { return strconv.Itoa(int(mm / 25.4 * float64(dpi))) }
		prefix := filepath.Join(t.TempDir(), "qr")
		cmd := exec.Command("pdftoppm", "-png", "-r", strconv.Itoa(dpi), "-f", "1", "-l", "1", "-singlefile",
			"-x", px(x-margin), "-y", px(y-margin), "-W", px(size+2*margin), "-H", px(size+2*margin), pdf, prefix)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm %s: %v\n%s", pdf, err, out)
		}
		img, err := os.ReadFile(prefix + ".png")
		if err != nil {
			t.Fatal(err)
		}
		text, err := bundle.DecodeQRImage(img)
		if err == nil {
			return text
		}
		errs = append(errs, fmt.Errorf("%d dpi: %w", dpi, err))
	}
	t.Fatalf("%s: no QR code read at (%.0f, %.0f) mm: %v", pdf, x, y, errors.Join(errs...))
	return ""
}

// TestPDFCertificateHostileText: very long, unbroken, invalid or control
// text, and a QR image that is not a PNG, give a PDF or an error, never a
// panic.
func TestPDFCertificateHostileText(t *testing.T) {
	doc := *readCohort(t)[0]
	doc.Subject.Name = strings.Repeat("W", 4096)
	doc.Subject.Achievement.Description = strings.Repeat("田中\x00\u202e\u0301 ", 1000) + "\xff\xfe"
	doc.Subject.Achievement.Skills = []string{strings.Repeat("x", 4096), "\U0001F600 emoji"}
	qr, err := bundle.EncodeQR("CS1:TEST")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WritePDFCertificate(&buf, CertificateData{Document: &doc, QRPNG: qr.PNG, PrintQRPNG: qr.PNG,
		Withheld: []string{"level"}}); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.20q", buf.Bytes())
	}
	buf.Reset()
	if err := WritePDFCertificate(&buf, CertificateData{Document: &doc, QRPNG: []byte("not a PNG")}); err == nil {
		t.Error("a QR code that is not a PNG: no error")
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %d bytes along with the error", buf.Len())
	}
	if err := WritePDFCertificate(&buf, CertificateData{}); err == nil {
		t.Error("no document: no error")
	}
}

// TestPDFFontsCoverCohort: every letter and mark of the sample cohort has a
// glyph in the embedded fonts, and mixed names split into runs of each.
func TestPDFFontsCoverCohort(t *testing.T) {
	for _, d := range readCohort(t) {
		a := d.Subject.Achievement
		for _, s := range append([]string{d.Subject.Name, d.Issuer.Name, a.Name, a.Description, a.Level}, a.Skills...) {
			for _, r := range s {
				if !unicode.IsSpace(r) && !fontSans.has(r) && !fontCJK.has(r) {
					t.Errorf("%q: no embedded font has %U %q", s, r, r)
				}
			}
		}
	}
	got := fontRuns("Kenji Tanaka (田中健二) Adébáyọ̀", true)
	want := []fontRun{{fontSansBold, "Kenji Tanaka ("}, {fontCJK, "田中健二"}, {fontSansBold, ") Adébáyọ̀"}}
	if !slices.Equal(got, want) {
		t.Errorf("runs %v, want %v", got, want)
	}
}

// BenchmarkPDFCertificate writes the PDF certificate of a learner with a
// Latin name (Noto Sans embedded) and of one with a CJK name (the CJK font
// too).
func BenchmarkPDFCertificate(b *testing.B) {
	qr, err := bundle.EncodeQR("CS1:" + strings.Repeat("A", 900))
	if err != nil {
		b.Fatal(err)
	}
	docs := pick(b, readCohort(b), "Zoë Müller-Øberg", "Kenji Tanaka (田中健二)")
	for i, script := range []string{"latin", "cjk"} {
		b.Run(script, func(b *testing.B) {
			d := CertificateData{Document: docs[i], QRPNG: qr.PNG, VerifyURL: "https://verify.example.edu/", Status: "Anchored on chain 1 in block 2."}
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				if err := WritePDFCertificate(&buf, d); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len()), "bytes/pdf")
		})
	}
}

// TestCertificateLanguages: export --lang writes both certificates' own
// words in that language (the PDF read back by pdftotext), and leaves the
// credential's content as issued.
func TestCertificateLanguages(t *testing.T) {
	needPoppler(t)
	docs := pick(t, readCohort(t), "Zoë Müller-Øberg")
	b := buildBatch(t, docs)
	for _, lang := range []string{"fr", "de", "es"} {
		out := filepath.Join(t.TempDir(), lang)
		m, err := Export(out, b, ExportOptions{Certificates: true, Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		e := m.Entries[0]
		page, err := os.ReadFile(filepath.Join(out, e.Certificate))
		if err != nil {
			t.Fatal(err)
		}
		html := string(page)
		text := pdfText(t, filepath.Join(out, e.PDF))
		for _, english := range []string{"Micro-credential", "has earned", "Valid from"} {
			want := i18n.Translate(lang, english)
			if want == english {
				t.Fatalf("%s: %q is not translated", lang, english)
			}
			// The PDF's heading is in capitals.
			if !strings.Contains(strings.ToUpper(text), strings.ToUpper(norm.NFC.String(want))) {
				t.Errorf("%s PDF lacks %q:\n%s", lang, want, text)
			}
			if !strings.Contains(html, template.HTMLEscapeString(want)) {
				t.Errorf("%s HTML certificate lacks %q", lang, want)
			}
		}
		if !strings.Contains(html, `<html lang="`+lang+`">`) || !strings.Contains(text, norm.NFC.String(docs[0].Subject.Achievement.Name)) {
			t.Errorf("%s: html lang or the achievement's name missing:\n%s", lang, text)
		}
	}
}
