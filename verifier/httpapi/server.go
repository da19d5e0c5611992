// Package httpapi serves the verifier over HTTP with echo: the employer's
// page (embedded assets, strict Content-Security-Policy, no inline script)
// and the verify API, POST /api/v1/verify, with body limits by kind, image
// sizes checked before decoding and a bound on concurrent decodes, a
// per-IP rate limit on the real client address, timeouts, JSON errors and
// access logs that never hold credential contents.
package httpapi

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"runtime"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"

	"github.com/credseal/credseal/internal/httpx"
	"github.com/credseal/credseal/internal/i18n"
	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/verifier"
	"github.com/credseal/credseal/verifier/web"
)

// VerifierConfig wires the server.
type VerifierConfig struct {
	Verifier *verifier.Verifier
	Logger   *slog.Logger
	// RatePerIP limits verify requests per client IP per second (burst
	// twice that); 0 disables the limit.
	RatePerIP float64
	// Timeout bounds one verification, chain look-ups included (default 10 s).
	Timeout time.Duration
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names
	// the client. Without any, the client is the direct peer and the
	// header is ignored: anyone can write it.
	TrustedProxies []*net.IPNet
	// MaxReads bounds how many image bodies are read at once (default 8),
	// each within ImageReadTimeout (default 10 s), and MaxDecodes how many
	// are decoded at once (default GOMAXPROCS). An image request waits up
	// to DecodeWait (default 3 s) for each turn, then gets 503 busy. A
	// client that sends its image slowly holds a reading turn, never a
	// decoding one.
	MaxReads         int
	ImageReadTimeout time.Duration
	MaxDecodes       int
	DecodeWait       time.Duration
}

// Body limits: a photo of a QR code is a few MiB; a bundle is at most
// bundle.MaxSize as JSON and twice that as CS1 text, so other bodies are
// held to 1 MiB.
const (
	MaxBody     = 8 << 20
	MaxTextBody = 1 << 20
)

// Error codes of the verify API, by status.
const (
	CodeUnreadable  = "unreadable_proof"
	CodeNoQR        = "no_qr_code"
	CodeBadRequest  = httpx.CodeBadRequest
	CodeNotFound    = httpx.CodeNotFound
	CodeTooLarge    = httpx.CodeTooLarge
	CodeRateLimited = "rate_limited"
	CodeInternal    = httpx.CodeInternal
	CodeBusy        = "busy"
)

// csp lets the page load only its own script, style and images, talk only
// to this server, and use the camera.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; " +
	"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// VerifierServer is the verifier's HTTP server.
type VerifierServer struct {
	cfg     VerifierConfig
	echo    *echo.Echo
	reads   chan struct{} // a token per image body being read
	decodes chan struct{} // a token per image being decoded
}

// New builds the server.
func New(cfg VerifierConfig) *VerifierServer {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	if cfg.MaxDecodes <= 0 {
		cfg.MaxDecodes = runtime.GOMAXPROCS(0)
	}
	if cfg.DecodeWait <= 0 {
		cfg.DecodeWait = 3 * time.Second
	}
	if cfg.MaxReads <= 0 {
		cfg.MaxReads = 8
	}
	if cfg.ImageReadTimeout <= 0 {
		cfg.ImageReadTimeout = 10 * time.Second
	}
	s := &VerifierServer{cfg: cfg, reads: make(chan struct{}, cfg.MaxReads), decodes: make(chan struct{}, cfg.MaxDecodes)}
	s.echo = httpx.New(httpx.EchoConfig{Logger: cfg.Logger, TrustedProxies: cfg.TrustedProxies, Errors: ownError})
	e := s.echo
	e.Use(httpx.SecurityHeaders(csp, "Permissions-Policy", "camera=(self)"))
	verify := []echo.MiddlewareFunc{httpx.BodyLimit(MaxBody)}
	if cfg.RatePerIP > 0 {
		verify = append(verify, middleware.RateLimiterWithConfig(middleware.RateLimiterConfig{
			Store: middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
				Rate: rate.Limit(cfg.RatePerIP), Burst: max(1, int(2*cfg.RatePerIP)), ExpiresIn: 3 * time.Minute}),
			IdentifierExtractor: func(c echo.Context) (string, error) { return httpx.RateKey(c.RealIP()), nil },
			DenyHandler: func(c echo.Context, _ string, _ error) error {
				return httpx.Errorf(http.StatusTooManyRequests, CodeRateLimited, "too many verifications from this address; wait a moment")
			},
		}))
	}
	e.POST("/api/v1/verify", s.verify, verify...)
	e.GET("/api/v1/health", func(c echo.Context) error {
		return c.JSON(http.StatusOK, map[string]any{"status": "ok", "registryChecked": !cfg.Verifier.Offline()})
	})
	e.GET("/api/v1/messages", messages)
	e.GET("/", s.asset("index.html", "text/html; charset=utf-8"))
	e.GET("/app.js", s.asset("app.js", "text/javascript; charset=utf-8"))
	e.GET("/app.css", s.asset("app.css", "text/css; charset=utf-8"))
	e.GET("/vendor/jsQR.js", s.asset("vendor/jsQR.js", "text/javascript; charset=utf-8"))
	e.GET("/vendor/jsQR.LICENSE", s.asset("vendor/jsQR.LICENSE", "text/plain; charset=utf-8"))
	return s
}

// Handler returns the HTTP handler.
func (s *VerifierServer) Handler() http.Handler { return s.echo }

// Serve serves on ln until ctx ends, then drains the requests in flight for
// up to shutdownTimeout (httpx.Serve).
func (s *VerifierServer) Serve(ctx context.Context, ln net.Listener, shutdownTimeout time.Duration) error {
	return httpx.Serve(ctx, ln, s.echo, httpx.ServeConfig{WriteTimeout: 30 * time.Second, ShutdownTimeout: shutdownTimeout, Logger: s.cfg.Logger})
}

func (s *VerifierServer) asset(name, contentType string) echo.HandlerFunc {
	data, err := fs.ReadFile(web.Files, name)
	if err != nil {
		panic("verifier/web lacks " + name) // embedded at build time: a bug, not input
	}
	return func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "public, max-age=300")
		return c.Blob(http.StatusOK, contentType, data)
	}
}

// verify accepts a bundle's JSON, a CS1 string or verifier link
// (text/plain), or a QR image (multipart field "qr", or an image body).
// Only a bundle that decodes is verified, and only one that passes the
// offline checks costs a chain look-up (verifier.Verify).
func (s *VerifierServer) verify(c echo.Context) error {
	req := c.Request()
	mt, _, _ := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType))
	var input []byte
	if mt == "multipart/form-data" || strings.HasPrefix(mt, "image/") {
		img, err := s.decodeImage(c, mt)
		if err != nil {
			return err
		}
		input = img
	} else {
		body, err := io.ReadAll(io.LimitReader(req.Body, MaxTextBody+1))
		if err != nil {
			if tooLarge(err) {
				return errTooLarge
			}
			return httpx.Errorf(http.StatusBadRequest, CodeBadRequest, "unreadable request body")
		}
		if len(body) > MaxTextBody {
			return httpx.Errorf(http.StatusRequestEntityTooLarge, CodeTooLarge, "a proof's text is at most %d KiB; send a QR code as an image", MaxTextBody>>10)
		}
		input = bytes.TrimSpace(body)
	}
	if len(input) == 0 {
		return httpx.Errorf(http.StatusBadRequest, CodeUnreadable, "empty request: send a bundle's JSON, a CS1: string or a QR image")
	}
	ctx, cancel := context.WithTimeout(req.Context(), s.cfg.Timeout)
	defer cancel()
	if verifier.Detect(input) != verifier.KindCredseal {
		// A Verifiable Credential or an OpenAttestation document: their
		// chain look-ups, if any, follow the offline checks too.
		return localized(c, s.cfg.Verifier.VerifyBytes(ctx, input))
	}
	b, err := bundle.Parse(input)
	if err != nil {
		return httpx.Errorf(http.StatusBadRequest, CodeUnreadable, "this is not a readable credseal proof: %v", err)
	}
	return localized(c, s.cfg.Verifier.Verify(ctx, b))
}

// localized answers a result in the language the request asks for: ?lang=,
// else Accept-Language, else English.
func localized(c echo.Context, r *verifier.Result) error {
	if lang := requestLanguage(c); lang != "en" {
		r.Localize(i18n.NewPrinter(lang))
	}
	return c.JSON(http.StatusOK, r)
}

// messages answers the page's translations: the language ?lang= or
// Accept-Language picks, the languages there are, and every message of the
// page in that language (none for English, the page's own).
func messages(c echo.Context) error {
	lang := requestLanguage(c)
	return c.JSON(http.StatusOK, map[string]any{"lang": lang, "languages": i18n.Languages(), "messages": i18n.Messages(lang)})
}

// requestLanguage is the language a request asks for (?lang=, else
// Accept-Language, else English), which the answer names in its headers.
func requestLanguage(c echo.Context) string {
	lang := i18n.Match(c.QueryParam("lang"), c.Request().Header.Get("Accept-Language"))
	c.Response().Header().Set("Content-Language", lang)
	c.Response().Header().Add("Vary", "Accept-Language")
	return lang
}

// decodeImage reads a QR image, from an image body or the multipart field
// "qr", and returns its text. The body is read in one of MaxReads turns,
// within ImageReadTimeout, no further than the header of an image that is
// too large; the image is decoded in one of MaxDecodes turns. So at most
// that many images are in memory at once.
func (s *VerifierServer) decodeImage(c echo.Context, mt string) ([]byte, error) {
	img, err := s.readImage(c, mt)
	if err != nil {
		return nil, err
	}
	release, err := s.turn(c, s.decodes)
	if err != nil {
		return nil, err
	}
	defer release()
	text, err := bundle.DecodeQRImage(img)
	if err != nil {
		return nil, httpx.Errorf(http.StatusBadRequest, CodeNoQR, "no readable QR code in the image: %v", err)
	}
	return []byte(text), nil
}

func (s *VerifierServer) readImage(c echo.Context, mt string) ([]byte, error) {
	release, err := s.turn(c, s.reads)
	if err != nil {
		return nil, err
	}
	defer release()
	_ = http.NewResponseController(c.Response().Writer).SetReadDeadline(time.Now().Add(s.cfg.ImageReadTimeout))
	var body io.Reader = c.Request().Body
	if mt == "multipart/form-data" {
		part, err := qrPart(c.Request())
		if err != nil {
			if tooLarge(err) {
				return nil, errTooLarge
			}
			return nil, httpx.Errorf(http.StatusBadRequest, CodeBadRequest, `a multipart request needs a file field "qr" with the QR code image`)
		}
		body = part
	}
	img, err := bundle.ReadImage(body)
	switch {
	case tooLarge(err):
		return nil, errTooLarge
	case errors.Is(err, bundle.ErrImageTooLarge):
		return nil, httpx.Errorf(http.StatusRequestEntityTooLarge, CodeTooLarge, "%v; a smaller photo of the QR code is enough", err)
	case errors.Is(err, bundle.ErrInvalid):
		return nil, httpx.Errorf(http.StatusBadRequest, CodeNoQR, "no readable QR code in the image: %v", err)
	case err != nil:
		return nil, httpx.Errorf(http.StatusBadRequest, CodeBadRequest, "unreadable request body")
	}
	return img, nil
}

// qrPart finds the form's "qr" part and returns it unread, so that the
// image's header is read before the rest, as for an image body.
func qrPart(req *http.Request) (io.Reader, error) {
	mr, err := req.MultipartReader()
	if err != nil {
		return nil, err
	}
	for {
		part, err := mr.NextPart()
		if err != nil {
			return nil, err
		}
		if part.FormName() == "qr" {
			return part, nil
		}
	}
}

// turn takes a token of pool, waiting up to DecodeWait; release gives it back.
func (s *VerifierServer) turn(c echo.Context, pool chan struct{}) (release func(), err error) {
	wait, cancel := context.WithTimeout(c.Request().Context(), s.cfg.DecodeWait)
	defer cancel()
	select {
	case pool <- struct{}{}:
		return func() { <-pool }, nil
	case <-wait.Done():
		c.Response().Header().Set("Retry-After", "2")
		return nil, httpx.Errorf(http.StatusServiceUnavailable, CodeBusy, "too many images are being read right now; try again in a moment")
	}
}

var errTooLarge = httpx.Errorf(http.StatusRequestEntityTooLarge, CodeTooLarge, "request body over %d MiB", MaxBody>>20)

func tooLarge(err error) bool {
	if err == nil {
		return false
	}
	var mbe *http.MaxBytesError
	var he *echo.HTTPError
	return errors.As(err, &mbe) || errors.As(err, &he) && he.Code == http.StatusRequestEntityTooLarge ||
		strings.Contains(err.Error(), "request body too large")
}

// ownError is the verifier's part of the error table (httpx.Lookup):
// echo's 413 says how large a body may be, and its 405 is bad_request.
func ownError(err error) *httpx.Error {
	var he *echo.HTTPError
	if !errors.As(err, &he) {
		return nil
	}
	switch he.Code {
	case http.StatusRequestEntityTooLarge:
		return errTooLarge
	case http.StatusMethodNotAllowed:
		return httpx.Errorf(he.Code, CodeBadRequest, "%v", he.Message)
	}
	return nil
}
