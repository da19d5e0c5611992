package httpapi

import (
	"bytes"
	"crypto/subtle"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/credseal/credseal/internal/httpx"
	"github.com/credseal/credseal/internal/i18n"
	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/credential"
)

//go:embed web
var web embed.FS

var templates = i18n.NewTemplates(template.Must(template.New("").Funcs(template.FuncMap{
	"date": func(s string) string { // RFC 3339 → its date
		if d, _, ok := strings.Cut(s, "T"); ok {
			return d
		}
		return s
	},
	// Bound to the request's language by render.
	"T":  func(s string) string { return s },
	"Tf": fmt.Sprintf,
}).ParseFS(web, "web/claim.html")))

// langCookie keeps the language a learner chose on the portal.
const langCookie = "credseal_lang"

// language is the portal's language for this request: ?lang= (which is
// then kept in a cookie for the pages that follow), the cookie, else
// Accept-Language, else English. It is worked out once per request.
func language(c echo.Context) string {
	const key = "credseal.lang"
	if lang, ok := c.Get(key).(string); ok {
		return lang
	}
	chosen := c.QueryParam("lang")
	if chosen != "" {
		if lang, ok := i18n.Supported(chosen); ok {
			c.SetCookie(&http.Cookie{Name: langCookie, Value: lang, Path: "/claim", MaxAge: 365 * 24 * 3600,
				HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: c.Scheme() == "https"})
		}
	} else if ck, err := c.Cookie(langCookie); err == nil {
		chosen = ck.Value
	}
	lang := i18n.Match(chosen, c.Request().Header.Get("Accept-Language"))
	c.Set(key, lang)
	// Every answer in a language says which, and what chose it.
	c.Response().Header().Set("Content-Language", lang)
	c.Response().Header().Add("Vary", "Accept-Language, Cookie")
	return lang
}

// printer prints in the request's language.
func printer(c echo.Context) i18n.Printer { return i18n.NewPrinter(language(c)) }

// portalCSP allows only this server's stylesheet and images, the inline
// style of the certificate (by hash), and forms posting back here.
var portalCSP = "default-src 'none'; style-src 'self' " + issuer.CertificateStyleHash +
	"; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// claimed finds the credential of a claim token. Unknown and revoked tokens
// both get 404, and the stored hash is compared in constant time.
func (s *IssuerServer) claimed(c echo.Context) (*issuer.StoredCredential, error) {
	tok := c.Param("token")
	if len(tok) < 16 || len(tok) > 64 {
		return nil, echo.ErrNotFound
	}
	hash := issuer.TokenHash(tok)
	r, err := s.cfg.Service.Store().ByToken(c.Request().Context(), hash)
	if err != nil {
		return nil, echo.ErrNotFound
	}
	if subtle.ConstantTimeCompare(r.TokenHash[:], hash[:]) != 1 {
		return nil, echo.ErrNotFound
	}
	return r, nil
}

func (s *IssuerServer) claimPage(c echo.Context) error {
	r, err := s.claimed(c)
	if err != nil {
		return err
	}
	p := printer(c)
	data := map[string]any{"Doc": r.Document, "State": p.T(stateText(r.State)), "Base": "/claim/" + c.Param("token"),
		"Anchored": r.State == issuer.Final && r.Revoked == 0, "Settling": r.State == issuer.Confirmed,
		"OpenBadge": s.cfg.OpenBadges != nil}
	if r.Revoked != 0 {
		// The learner learns what happened, not "link not valid".
		data["Revoked"] = revocationText(p, r.Revoked)
		if !r.RevokedAt.IsZero() {
			data["RevokedAt"] = r.RevokedAt.UTC().Format(time.DateOnly)
		}
		return render(c, http.StatusOK, "claim", data)
	}
	if r.State == issuer.Final {
		b, err := s.cfg.Service.Store().Batch(c.Request().Context(), r.Batch)
		if err != nil {
			return err
		}
		data["Block"], data["ChainID"] = i18n.ID(b.Block), i18n.ID(b.ChainID)
		if b.Cost.Hashes > 0 {
			data["SealCost"] = sealCostText(p, b.Cost)
		}
		var present []any
		fields := r.Document.Fields()
		for _, h := range credential.Hideable {
			if slices.ContainsFunc(fields, func(f credential.Field) bool { return hasPrefix(f.Pointer, h.Pointer) }) {
				present = append(present, h)
			}
		}
		data["Hideable"] = present
	}
	return render(c, http.StatusOK, "claim", data)
}

// stateText says where a credential not yet downloadable is, for its
// learner (a message for the catalogues).
func stateText(s issuer.State) string {
	switch s {
	case issuer.Pending:
		return T("waiting for the next batch")
	case issuer.Batched, issuer.Sealed:
		return T("in a batch being sealed")
	case issuer.Submitted:
		return T("sent to the blockchain, waiting for a block")
	case issuer.Confirmed:
		return T("recorded, waiting for enough confirmations")
	}
	return string(s)
}

// revocationText is a revocation reason in the learner's language.
func revocationText(p i18n.Printer, code uint8) string {
	if r, ok := bundle.KnownRevocationReason(code); ok {
		return p.T(r)
	}
	return p.Sprintf(bundle.UnknownRevocationReason, code)
}

func hasPrefix(p, prefix string) bool {
	return p == prefix || len(p) > len(prefix) && p[:len(prefix)] == prefix && p[len(prefix)] == '/'
}

// claimedBundle is the anchored credential's full bundle.
func (s *IssuerServer) claimedBundle(c echo.Context) (*issuer.StoredCredential, *bundle.Bundle, error) {
	r, err := s.claimed(c)
	if err != nil {
		return nil, nil, err
	}
	b, err := s.finalBundle(c, r)
	return r, b, err
}

// finalBundle is r's bundle, once r is anchored and final and while it is
// not revoked.
func (s *IssuerServer) finalBundle(c echo.Context, r *issuer.StoredCredential) (*bundle.Bundle, error) {
	if r.Revoked != 0 {
		return nil, httpx.Errorf(http.StatusGone, CodeRevoked, "revoked: %s", bundle.RevocationReason(r.Revoked))
	}
	if r.State != issuer.Final {
		return nil, httpx.Errorf(http.StatusConflict, CodeNotAnchored, "not anchored and final yet")
	}
	return s.cfg.Service.Bundle(c.Request().Context(), r)
}

// notOnCertificate are the hideable fields a certificate does not print.
var notOnCertificate = []string{"/credentialSubject/identifier", "/credentialSubject/achievement/criteria", "/credentialSubject/achievement/id"}

// printBundle answers a print link (issuer.Service.PrintPath): the bundle
// as the full certificate shows it, what it does not print hidden (the
// learner's identifier above all). It opens nothing else of the learner's.
func (s *IssuerServer) printBundle(c echo.Context) error {
	id, ok := s.cfg.Service.PrintLinkID(c.Param("id"), c.Param("token"))
	if !ok {
		return echo.ErrNotFound
	}
	r, err := s.cfg.Service.Store().Credential(c.Request().Context(), id)
	if err != nil {
		return echo.ErrNotFound
	}
	b, err := s.finalBundle(c, r)
	if err != nil {
		return err
	}
	var hide []string
	fields := r.Document.Fields()
	for _, p := range notOnCertificate {
		if slices.ContainsFunc(fields, func(f credential.Field) bool { return hasPrefix(f.Pointer, p) }) {
			hide = append(hide, p)
		}
	}
	if len(hide) > 0 {
		if b.Credential, b.Disclosure, err = credential.Hide(b.Credential, b.Disclosure, hide...); err != nil {
			return fmt.Errorf("print bundle: %w", err)
		}
	}
	return attachJSON(c, b, fileStem(r)+".credseal.json")
}

func (s *IssuerServer) claimBundle(c echo.Context) error {
	r, b, err := s.claimedBundle(c)
	if err != nil {
		return err
	}
	return attachJSON(c, b, fileStem(r)+".credseal.json")
}

// claimedQR is claimedBundle with the bundle's QR code.
func (s *IssuerServer) claimedQR(c echo.Context) (*issuer.StoredCredential, *bundle.Bundle, bundle.QR, error) {
	r, b, err := s.claimedBundle(c)
	if err != nil {
		return nil, nil, bundle.QR{}, err
	}
	q, err := s.qr(b)
	return r, b, q, err
}

func (s *IssuerServer) claimQR(c echo.Context) error {
	_, _, q, err := s.claimedQR(c)
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, "image/png", q.PNG)
}

// qr is the QR code of b: its compact form, as a link to the verifier
// page when there is one.
func (s *IssuerServer) qr(b *bundle.Bundle) (bundle.QR, error) {
	cs1, err := b.EncodeCompact()
	if err != nil {
		return bundle.QR{}, err
	}
	content := cs1
	if s.cfg.VerifierURL != "" {
		content = bundle.VerifierURL(s.cfg.VerifierURL, cs1)
	}
	return bundle.EncodeQR(content)
}

// claimCertificate answers the printable certificate: HTML, or with
// ?format=pdf a PDF to download.
func (s *IssuerServer) claimCertificate(c echo.Context) error {
	format := c.QueryParam("format")
	if format != "" && format != "html" && format != "pdf" {
		return httpx.Errorf(http.StatusBadRequest, CodeBadRequest, "format %q: want html or pdf", format)
	}
	r, b, q, err := s.claimedQR(c)
	if err != nil {
		return err
	}
	p := printer(c)
	d := issuer.CertificateData{Document: r.Document, QRPNG: q.PNG, VerifyURL: s.cfg.VerifierURL, Status: issuer.AnchorStatus(p, b.Anchor), Lang: p.Lang}
	// The print QR is the print link: what this certificate shows, and not
	// the claim link, which the printed page would hand to every reader.
	if path := s.cfg.Service.PrintPath(r.ID); s.cfg.PortalURL != "" && path != "" {
		if d.PrintQRPNG, err = issuer.PrintQR(q.Version, s.cfg.PortalURL+path); err != nil {
			return err
		}
	}
	if format == "pdf" {
		return attachPDF(c, d, fileStem(r)+".certificate.pdf")
	}
	var buf bytes.Buffer
	if err := issuer.WriteCertificate(&buf, d); err != nil {
		return err
	}
	return c.HTMLBlob(http.StatusOK, buf.Bytes())
}

// claimDisclose returns the bundle with the chosen fields hidden, or with
// format=pdf the PDF certificate of that disclosed copy: its own QR code,
// none of the hidden values, and no print QR (whose link opens what the
// full certificate shows).
func (s *IssuerServer) claimDisclose(c echo.Context) error {
	r, b, err := s.claimedBundle(c)
	if err != nil {
		return err
	}
	form, err := c.FormParams()
	if err != nil {
		return httpx.Errorf(http.StatusBadRequest, CodeBadRequest, "unreadable form")
	}
	format := form.Get("format")
	if format != "" && format != "json" && format != "pdf" {
		return httpx.Errorf(http.StatusBadRequest, CodeBadRequest, "format %q: want json or pdf", format)
	}
	var hide, withheld []string
	for _, p := range form["hide"] {
		i := slices.IndexFunc(credential.Hideable, func(h credential.HideableField) bool { return h.Pointer == p })
		if i < 0 {
			return httpx.Errorf(http.StatusBadRequest, CodeBadRequest, "field %q cannot be hidden", p)
		}
		hide, withheld = append(hide, p), append(withheld, credential.Hideable[i].Hidden)
	}
	slices.Sort(withheld) // as credential.HiddenMembers lists them
	if len(hide) > 0 {
		doc, d, err := credential.Hide(b.Credential, b.Disclosure, hide...)
		if err != nil {
			return httpx.Errorf(http.StatusBadRequest, CodeBadRequest, "%v", err)
		}
		b.Credential, b.Disclosure = doc, d
	}
	if format != "pdf" {
		return attachJSON(c, b, fileStem(r)+".selective.credseal.json")
	}
	var doc credential.Document // the document as disclosed: hidden fields absent
	if err := json.Unmarshal(b.Credential, &doc); err != nil {
		return fmt.Errorf("disclosed certificate: %w", err)
	}
	q, err := s.qr(b)
	if err != nil {
		return err
	}
	p := printer(c)
	for i, w := range withheld {
		withheld[i] = p.T(w)
	}
	d := issuer.CertificateData{Document: &doc, QRPNG: q.PNG, VerifyURL: s.cfg.VerifierURL, Status: issuer.AnchorStatus(p, b.Anchor), Withheld: withheld, Lang: p.Lang}
	return attachPDF(c, d, fileStem(r)+".selective.certificate.pdf")
}

// attachPDF answers d's PDF certificate as a download called name.
func attachPDF(c echo.Context, d issuer.CertificateData, name string) error {
	var buf bytes.Buffer
	if err := issuer.WritePDFCertificate(&buf, d); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, fmt.Sprintf("attachment; filename=%q", name))
	return c.Blob(http.StatusOK, "application/pdf", buf.Bytes())
}

func attachJSON(c echo.Context, b *bundle.Bundle, name string) error {
	js, err := b.MarshalJSON()
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, fmt.Sprintf("attachment; filename=%q", name))
	return c.Blob(http.StatusOK, "application/json", js)
}

func fileStem(r *issuer.StoredCredential) string { return fmt.Sprintf("credential-%d", r.Seq) }

func (s *IssuerServer) portalCSS(c echo.Context) error {
	css, err := web.ReadFile("web/portal.css")
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=3600")
	return c.Blob(http.StatusOK, "text/css; charset=utf-8", css)
}

func render(c echo.Context, status int, name string, data map[string]any) error {
	t, p, err := templates.In(language(c))
	if err != nil {
		return err
	}
	data["Lang"], data["Languages"] = p.Lang, i18n.Languages()
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		return err
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// portalError answers the errors of the portal's paths, and of /, with
// errorPage rather than JSON.
func (s *IssuerServer) portalError(c echo.Context, status int) bool {
	if p := c.Request().URL.Path; !strings.HasPrefix(p, "/claim") && !strings.HasPrefix(p, "/print/") && p != "/" {
		return false
	}
	s.errorPage(c, status)
	return true
}

// errorPage is the portal's plain error page: it never shows credential data.
func (s *IssuerServer) errorPage(c echo.Context, status int) {
	c.Response().Header().Set("Content-Security-Policy", portalCSP)
	title, msg := T("Something went wrong"), T("Please try again later.")
	switch status {
	case http.StatusNotFound:
		title, msg = T("Link not valid"), T("This claim link is not valid. Check that you copied the whole link from the message your issuer sent.")
	case http.StatusConflict:
		title, msg = T("Not ready yet"), T("This credential is not anchored yet. Come back to this page later.")
	case http.StatusGone:
		title, msg = T("Credential revoked"), T("The issuer revoked this credential, so there is nothing to download. Its page says why.")
	case http.StatusBadRequest, http.StatusRequestEntityTooLarge:
		title, msg = T("Request not understood"), T("The request could not be read.")
	}
	p := printer(c)
	_ = render(c, status, "error", map[string]any{"Title": p.T(title), "Message": p.T(msg)})
}

// T marks an English message for the catalogues; it is translated where
// it is printed.
func T(english string) string { return english }

// sealCostText says, for the learner, what sealing their batch cost.
func sealCostText(p i18n.Printer, c issuer.SealCost) string {
	how := p.T("estimated")
	if c.EnergySource == "rapl" {
		how = p.T("measured")
	}
	value, unit := c.Joules, "J"
	if value >= 3600 {
		value, unit = value/3600, "Wh"
	}
	// Three significant digits with the language's decimal mark (x/text
	// localises %f, not %g).
	decimals := 0
	if value > 0 {
		decimals = min(max(2-int(math.Floor(math.Log10(value))), 0), 6)
	}
	energy := p.Sprintf(fmt.Sprintf("%%.%df %%s", decimals), value, unit)
	return p.Tf("Sealing its batch took %d hashes in %.1f s, about %s of electricity (%s), shared by every credential in the batch.",
		c.Hashes, c.Seconds, energy, how)
}
