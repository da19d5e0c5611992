package issuer

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/go-pdf/fpdf"

	"github.com/credseal/credseal/internal/i18n"
)

// The PDF certificate's page: A4 landscape, in millimetres. Text flows down
// the left column; the QR codes take the right one on the first page.
const (
	pdfPageW, pdfPageH = 297.0, 210.0
	pdfLeft, pdfLeftW  = 24.0, 178.0
	pdfRight, pdfQR    = 212.0, 62.0 // the right column's x, and the QR code's size
	pdfPrintQR         = 30.0        // the print QR's size
	pdfTop, pdfBottom  = 24.0, 188.0
	pdfLabelW          = 34.0 // the field labels' width
	ptToMM             = 25.4 / 72
)

var (
	pdfInk   = [3]int{0x1b, 0x1b, 0x1b}
	pdfBlue  = [3]int{0x2b, 0x4a, 0x6f} // the HTML certificate's colours
	pdfMuted = [3]int{0x55, 0x55, 0x55}
)

// pdfStyle is how a piece of text is set.
type pdfStyle struct {
	size  float64 // points
	bold  bool
	color [3]int
}

// lineHeight is the height of one line of st, in millimetres.
func (st pdfStyle) lineHeight() float64 { return st.size * ptToMM * 1.3 }

// WritePDFCertificate renders d as a PDF certificate: what WriteCertificate
// shows, on A4 landscape (more pages only if the text is very long), with
// the fonts embedded (Noto Sans, and a CJK font for the runes it lacks).
// It never panics: a panic inside the PDF library comes back as an error.
func WritePDFCertificate(w io.Writer, d CertificateData) (err error) {
	if d.Document == nil {
		return fmt.Errorf("pdf certificate: no document")
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pdf certificate %s: %v", d.Document.ID, r)
		}
	}()
	p := &pdfCert{pdf: fpdf.New("L", "mm", "A4", ""), added: map[*pdfFace]bool{}}
	p.render(d)
	if err := p.pdf.Error(); err != nil {
		return fmt.Errorf("pdf certificate %s: %w", d.Document.ID, err)
	}
	var buf bytes.Buffer // written whole: no half PDF on an error
	if err := p.pdf.Output(&buf); err != nil {
		return fmt.Errorf("pdf certificate %s: %w", d.Document.ID, err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("pdf certificate %s: %w", d.Document.ID, err)
	}
	return nil
}

// pdfCert lays out one certificate.
type pdfCert struct {
	pdf   *fpdf.Fpdf
	added map[*pdfFace]bool // the faces registered with pdf
	y     float64           // the top of the next line in the left column
	tr    i18n.Printer      // the certificate's own words
}

func (p *pdfCert) render(d CertificateData) {
	doc, a := d.Document, d.Document.Subject.Achievement
	p.tr = i18n.NewPrinter(d.Lang)
	tr := p.tr
	f := p.pdf
	f.SetAutoPageBreak(false, 0)
	f.SetCompression(true)
	f.SetTitle(pdfSafe(a.Name+" — "+doc.Subject.Name), true)
	f.SetAuthor(pdfSafe(doc.Issuer.Name), true)
	f.SetSubject(pdfSafe(tr.T("Micro-credential")+" "+doc.ID), true)
	f.SetCreator("credseal", false)
	f.SetLang(tr.Lang)
	// The same credential gives the same bytes.
	t := issuedAt(doc.ValidFrom)
	f.SetCreationDate(t)
	f.SetModificationDate(t)
	f.SetCatalogSort(true)

	p.addPage()
	p.qrColumn(d)
	p.para(pdfLeft, pdfLeftW, strings.ToUpper(tr.T("Micro-credential")), pdfStyle{11, true, pdfBlue}, 6)
	p.para(pdfLeft, pdfLeftW, doc.Issuer.Name, pdfStyle{16, false, pdfInk}, 6)
	p.para(pdfLeft, pdfLeftW, tr.T("certifies that"), pdfStyle{11, false, pdfMuted}, 3)
	p.para(pdfLeft, pdfLeftW, doc.Subject.Name, pdfStyle{28, true, pdfInk}, 3)
	p.para(pdfLeft, pdfLeftW, tr.T("has earned"), pdfStyle{11, false, pdfMuted}, 3)
	p.para(pdfLeft, pdfLeftW, a.Name, pdfStyle{21, true, pdfBlue}, 8)

	p.field(tr.T("Covers"), a.Description)
	p.field(tr.T("Level"), a.Level)
	if a.Credits != 0 {
		p.field(tr.T("Credits"), strconv.FormatFloat(a.Credits, 'f', -1, 64))
	}
	p.field(tr.T("Skills"), strings.Join(a.Skills, ", "))
	p.field(tr.T("Valid from"), pdfDate(doc.ValidFrom))
	p.field(tr.T("Valid until"), pdfDate(doc.ValidUntil))
	p.field(tr.T("Credential"), doc.ID)
	p.foot(d)
}

// foot writes the verification note, the verifier's URL, the status and
// what the holder withheld: at the foot of the page when they fit there.
func (p *pdfCert) foot(d CertificateData) {
	tr := p.tr
	small, link := pdfStyle{9, false, pdfMuted}, pdfStyle{9, false, pdfBlue}
	type para struct {
		text string
		st   pdfStyle
	}
	paras := []para{{tr.T("Scan the code to verify this credential: its content, its place in a sealed batch and the batch's record on a public registry. No need to contact the issuer."), small}}
	if d.VerifyURL != "" {
		paras = append(paras, para{d.VerifyURL, link})
	}
	if d.Status != "" {
		paras = append(paras, para{d.Status, small})
	}
	if len(d.Withheld) > 0 {
		paras = append(paras, para{tr.T("Withheld by the holder:") + " " + strings.Join(d.Withheld, ", ") + ".", small})
	}
	h := 0.0
	for _, q := range paras {
		h += float64(len(p.wrap(q.text, pdfLeftW, q.st)))*q.st.lineHeight() + 1
	}
	if p.y+h <= pdfBottom {
		p.y = pdfBottom - h
	}
	for _, q := range paras {
		y := p.y
		p.para(pdfLeft, pdfLeftW, q.text, q.st, 1)
		if q.st == link {
			p.pdf.LinkString(pdfLeft, y, pdfLeftW, p.y-y, q.text)
		}
	}
}

// issuedAt is the time of an RFC 3339 timestamp or date, or the Unix epoch.
func issuedAt(s string) time.Time {
	for _, layout := range []string{time.RFC3339, time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Unix(0, 0).UTC()
}

// pdfDate is the date of an RFC 3339 timestamp, as the HTML certificate shows it.
func pdfDate(s string) string {
	if d, _, ok := strings.Cut(s, "T"); ok {
		return d
	}
	return s
}

// addPage starts a page with the certificate's double border.
func (p *pdfCert) addPage() {
	f := p.pdf
	f.AddPage()
	f.SetDrawColor(pdfBlue[0], pdfBlue[1], pdfBlue[2])
	f.SetLineWidth(1)
	f.Rect(10, 10, pdfPageW-20, pdfPageH-20, "D")
	f.SetLineWidth(0.35)
	f.Rect(12.2, 12.2, pdfPageW-24.4, pdfPageH-24.4, "D")
	p.y = pdfTop
}

// qrColumn draws the QR code, and under it the print QR when there is one.
func (p *pdfCert) qrColumn(d CertificateData) {
	f := p.pdf
	if len(d.QRPNG) > 0 {
		f.RegisterImageOptionsReader("qr", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(d.QRPNG))
		f.ImageOptions("qr", pdfRight, pdfTop-2, pdfQR, pdfQR, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	}
	if len(d.PrintQRPNG) == 0 {
		return
	}
	y := pdfTop + pdfQR + 12
	f.RegisterImageOptionsReader("printqr", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(d.PrintQRPNG))
	f.ImageOptions("printqr", pdfRight+(pdfQR-pdfPrintQR)/2, y, pdfPrintQR, pdfPrintQR, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	st := pdfStyle{7.5, false, pdfMuted}
	for i, line := range p.wrap(p.tr.T(PrintQRLabel), pdfQR, st) {
		p.line(pdfRight, y+pdfPrintQR+2+float64(i)*st.lineHeight(), line, st)
	}
}

// field writes a label and its value, as the HTML certificate's list does;
// nothing when the value is empty (absent or hidden).
func (p *pdfCert) field(label, value string) {
	if value == "" {
		return
	}
	st := pdfStyle{11, false, pdfInk}
	lines := p.wrap(value, pdfLeftW-pdfLabelW, st)
	for i, l := range lines {
		p.room(st.lineHeight())
		if i == 0 {
			p.line(pdfLeft, p.y, label, pdfStyle{11, false, pdfMuted})
		}
		p.line(pdfLeft+pdfLabelW, p.y, l, st)
		p.y += st.lineHeight()
	}
	p.y += 0.8
}

// para writes s wrapped to width w at x, then leaves gap millimetres.
func (p *pdfCert) para(x, w float64, s string, st pdfStyle, gap float64) {
	for _, l := range p.wrap(s, w, st) {
		p.room(st.lineHeight())
		p.line(x, p.y, l, st)
		p.y += st.lineHeight()
	}
	p.y += gap
}

// room starts a new page unless a line of height h fits on this one.
func (p *pdfCert) room(h float64) {
	if p.y+h > pdfBottom {
		p.addPage()
	}
}

// line writes s, one line, with its top at y: each run in its own face.
func (p *pdfCert) line(x, y float64, s string, st pdfStyle) {
	f := p.pdf
	f.SetTextColor(st.color[0], st.color[1], st.color[2])
	baseline := y + st.size*ptToMM
	for _, r := range fontRuns(s, st.bold) {
		p.setFace(r.face, st.size)
		f.Text(x, baseline, r.text)
		x += f.GetStringWidth(r.text)
	}
}

// setFace selects face at size, registering it with the PDF on first use:
// a PDF embeds (a subset of) only the faces it uses.
func (p *pdfCert) setFace(fc *pdfFace, size float64) {
	if !p.added[fc] {
		p.pdf.AddUTF8FontFromBytes(fc.family, fc.style, fc.data)
		p.added[fc] = true
	}
	p.pdf.SetFont(fc.family, fc.style, size)
}

// width is how wide s is set in st, in millimetres.
func (p *pdfCert) width(s string, st pdfStyle) float64 {
	w := 0.0
	for _, r := range fontRuns(s, st.bold) {
		p.setFace(r.face, st.size)
		w += p.pdf.GetStringWidth(r.text)
	}
	return w
}

// wrap breaks s into lines no wider than w: at spaces, between CJK
// characters, and inside a word only when the word alone is too wide.
func (p *pdfCert) wrap(s string, w float64, st pdfStyle) []string {
	s = pdfSafe(s)
	var lines []string
	line := ""
	for _, t := range pdfTokens(s) {
		next := t.text
		if line != "" {
			if t.space {
				next = line + " " + t.text
			} else {
				next = line + t.text
			}
		}
		if line == "" || p.width(next, st) <= w {
			line = next
			continue
		}
		lines = append(lines, line)
		line = t.text
	}
	if line != "" {
		lines = append(lines, line)
	}
	var out []string
	for _, l := range lines {
		out = append(out, p.breakWord(l, w, st)...)
	}
	return out
}

// breakWord cuts a line that is still too wide (one long word: a URL, an
// identifier) between runes.
func (p *pdfCert) breakWord(s string, w float64, st pdfStyle) []string {
	if p.width(s, st) <= w {
		return []string{s}
	}
	var out []string
	start, used := 0, 0.0
	for i, r := range s {
		rw := p.width(string(r), st)
		if used+rw > w && i > start {
			out = append(out, s[start:i])
			start, used = i, 0
		}
		used += rw
	}
	return append(out, s[start:])
}

// pdfSafe replaces what fpdf cannot set: invalid UTF-8 and runes beyond
// the Basic Multilingual Plane become U+FFFD, control characters spaces.
func pdfSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r > 0xFFFF:
			return unicode.ReplacementChar
		case unicode.IsControl(r):
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// pdfToken is a unit that wrap keeps on one line.
type pdfToken struct {
	text  string
	space bool // a space comes before it
}

// pdfTokens splits s into words at white space, and each CJK character into
// a token of its own, since those lines may break between any two.
func pdfTokens(s string) []pdfToken {
	var out []pdfToken
	space := false
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			out = append(out, pdfToken{s[start:end], space})
			space = false
		}
		start = -1
	}
	for i, r := range s {
		switch {
		case unicode.IsSpace(r):
			flush(i)
			space = len(out) > 0
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
			flush(i)
			out = append(out, pdfToken{string(r), space})
			space = false
		case start < 0:
			start = i
		}
	}
	flush(len(s))
	return out
}
