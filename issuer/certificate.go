package issuer

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/credseal/credseal/internal/i18n"
	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/credential"
)

//go:embed assets/certificate.css
var certificateCSS string

// CertificateStyleHash is the CSP source ('sha256-…') of the certificate's
// inline style, so a server can allow exactly that style and nothing else.
var CertificateStyleHash = func() string {
	sum := sha256.Sum256([]byte(certificateCSS))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}()

// CertificateData is what a printable certificate shows.
type CertificateData struct {
	Document  *credential.Document
	QRPNG     []byte // the credential's QR code
	VerifyURL string // where to verify, printed under the QR; may be empty
	// Lang is the language of the certificate's own words (internal/i18n's
	// tags: "fr"); English when empty. The credential's content stays as
	// the issuer wrote it.
	Lang   string
	Status string // e.g. "Anchored on chain 1337, block 12"; may be empty
	// PrintQRPNG, when set, is a small second QR code, a link to the
	// learner's bundle, for phones whose cameras cannot read QRPNG
	// (PrintQR). QRPNG stays the first and the default.
	PrintQRPNG []byte
	// Withheld names what the holder hid from a disclosed copy
	// (credential.HiddenMembers); empty for the full credential.
	Withheld []string
}

// PrintQRAbove is the largest QR version that the certificate offers
// alone: a self-contained QR code past it (more than 117 × 117 modules)
// needs a good camera at print size, so the certificate adds a print QR.
const PrintQRAbove = 25

// PrintQR returns the PNG of the small QR code a certificate offers beside
// a self-contained QR code of the given version: a QR of link, or nil when
// that version is at most PrintQRAbove or there is no link.
func PrintQR(version int, link string) ([]byte, error) {
	if version <= PrintQRAbove || link == "" {
		return nil, nil
	}
	q, err := bundle.EncodeQR(link)
	if err != nil {
		return nil, fmt.Errorf("print QR: %w", err)
	}
	return q.PNG, nil
}

// PrintQRLabel is what a certificate says beside its print QR (in English;
// the catalogues translate it).
const PrintQRLabel = "Phone camera cannot read the large code? Scan this small one: it links to the learner's proof bundle."

var certificateTemplates = i18n.NewTemplates(template.Must(template.New("certificate").Funcs(template.FuncMap{
	"date": func(s string) string {
		if i := strings.IndexByte(s, 'T'); i > 0 {
			return s[:i]
		}
		return s
	},
	"pngURL": func(b []byte) template.URL {
		return template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(b))
	},
	// Bound to the certificate's language by certificateTemplates.
	"T":  func(s string) string { return s },
	"Tf": fmt.Sprintf,
}).Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Document.Subject.Achievement.Name}} — {{.Document.Subject.Name}}</title>
<style>{{.CSS}}</style>
</head>
<body>
<main class="cert">
  <h1>{{T "Micro-credential"}}</h1>
  <p class="issuer">{{.Document.Issuer.Name}}</p>
  <p>{{T "certifies that"}}</p>
  <p class="learner">{{.Document.Subject.Name}}</p>
  <p>{{T "has earned"}}</p>
  <p class="title">{{.Document.Subject.Achievement.Name}}</p>
  <dl>
    {{with .Document.Subject.Achievement.Description}}<dt>{{T "Covers"}}</dt><dd>{{.}}</dd>{{end}}
    {{with .Document.Subject.Achievement.Level}}<dt>{{T "Level"}}</dt><dd>{{.}}</dd>{{end}}
    {{with .Document.Subject.Achievement.Credits}}<dt>{{T "Credits"}}</dt><dd>{{.}}</dd>{{end}}
    {{with .Document.Subject.Achievement.Skills}}<dt>{{T "Skills"}}</dt><dd>{{range $i, $s := .}}{{if $i}}, {{end}}{{$s}}{{end}}</dd>{{end}}
    <dt>{{T "Valid from"}}</dt><dd>{{date .Document.ValidFrom}}</dd>
    {{with .Document.ValidUntil}}<dt>{{T "Valid until"}}</dt><dd>{{date .}}</dd>{{end}}
    <dt>{{T "Credential"}}</dt><dd>{{.Document.ID}}</dd>
  </dl>
  <div class="foot">
    <div class="verify">
      <p>{{T "Scan the code to verify this credential: its content, its place in a sealed batch and the batch's record on a public registry. No need to contact the issuer."}}</p>
      {{with .VerifyURL}}<p class="url">{{.}}</p>{{end}}
      {{with .Status}}<p class="status">{{.}}</p>{{end}}
      {{with .Withheld}}<p class="status">{{T "Withheld by the holder:"}} {{range $i, $s := .}}{{if $i}}, {{end}}{{$s}}{{end}}.</p>{{end}}
    </div>
    <div class="qr"><img alt="{{T "QR code of the credential's proof"}}" src="{{pngURL .QRPNG}}"></div>
    {{with .PrintQRPNG}}<div class="printqr"><img width="110" height="110" alt="{{T "Small QR code: a link to the learner's proof bundle"}}" src="{{pngURL .}}"><p class="status">{{T "Phone camera cannot read the large code? Scan this small one: it links to the learner's proof bundle."}}</p></div>{{end}}
  </div>
</main>
</body>
</html>
`)))

// WriteCertificate renders a printable HTML certificate (A4 landscape print
// CSS, the QR code inline). Every value is HTML-escaped.
func WriteCertificate(w io.Writer, d CertificateData) error {
	t, p, err := certificateTemplates.In(d.Lang)
	if err != nil {
		return err
	}
	return t.Execute(w, struct {
		CertificateData
		CSS  template.CSS
		Lang string
	}{d, template.CSS(certificateCSS), p.Lang})
}

// AnchorStatus is what a certificate says of its anchor, in p's language.
func AnchorStatus(p i18n.Printer, a *bundle.Anchor) string {
	return p.Tf("Anchored on chain %d in block %d.", i18n.ID(a.ChainID), i18n.ID(a.Block))
}
