// Package httpapi serves the issuer over HTTP with echo: the registrar API
// under /api/v1 (bearer tokens with scopes, an audit log of every change
// naming the token, JSON errors with stable codes, size limits,
// pagination), the learner portal under /claim (server-rendered HTML with
// embedded assets and a strict Content-Security-Policy), and /healthz and
// /metrics for operators.
package httpapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/credseal/credseal/internal/httpx"
	"github.com/credseal/credseal/issuer"
)

// Who may read /metrics.
const (
	MetricsPublic = "public" // anyone
	MetricsToken  = "token"  // a token with the read scope
	MetricsOff    = "off"    // nobody: 404
)

// Backuper writes a consistent copy of the issuer's database.
type Backuper interface {
	Backup(ctx context.Context, w io.Writer) error
}

// IssuerConfig wires the server.
type IssuerConfig struct {
	Service *issuer.Service
	Tokens  issuer.TokenStore
	Backup  Backuper // optional: GET /api/v1/backup
	Profile issuer.Institution
	// PortalURL is the public base URL of this server, for claim links.
	PortalURL string
	// VerifierURL, when set, makes QR codes links to that verifier page.
	VerifierURL string
	Logger      *slog.Logger
	// ChainUp reports whether the chain answered lately (for /healthz).
	ChainUp func() bool
	// Metrics says who may read /metrics: MetricsToken (the default),
	// MetricsPublic or MetricsOff.
	Metrics string
	// OpenBadges, when set, signs Open Badges 3.0 credentials for the
	// portal and publishes the DID document and status lists.
	OpenBadges *issuer.OpenBadges
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names
	// the client in logs; without any, the direct peer is the client.
	TrustedProxies []*net.IPNet
}

// Limits on request bodies.
const (
	maxSingleBody = 64 << 10 // one credential
	maxBulkBody   = 8 << 20  // a bulk submission
	maxBulk       = 10_000   // credentials in one bulk request
)

// IssuerServer is the issuer's HTTP server.
type IssuerServer struct {
	cfg   IssuerConfig
	echo  *echo.Echo
	stats httpx.Stats
}

// New builds the server; serve it with Serve, or its Handler.
func New(cfg IssuerConfig) *IssuerServer {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.Metrics == "" {
		cfg.Metrics = MetricsToken
	}
	s := &IssuerServer{cfg: cfg}
	s.echo = httpx.New(httpx.EchoConfig{Logger: cfg.Logger, TrustedProxies: cfg.TrustedProxies, Errors: ownError,
		ErrorPage: s.portalError, Stats: &s.stats})
	e := s.echo
	e.GET("/healthz", s.health)
	switch cfg.Metrics {
	case MetricsPublic:
		e.GET("/metrics", s.metrics)
	case MetricsToken:
		e.GET("/metrics", s.metrics, s.authenticate, need(issuer.ScopeRead))
	}

	api := e.Group("/api/v1", s.authenticate)
	api.POST("/credentials", s.submitOne, s.audit, need(issuer.ScopeIssue), httpx.BodyLimit(maxSingleBody))
	api.POST("/credentials/bulk", s.submitBulk, s.audit, need(issuer.ScopeIssue), httpx.BodyLimit(maxBulkBody))
	api.GET("/credentials/:id", s.credentialStatus, need(issuer.ScopeRead))
	api.POST("/credentials/:id/revoke", s.revoke, s.audit, need(issuer.ScopeRevoke), httpx.BodyLimit(4<<10))
	api.GET("/batches", s.listBatches, need(issuer.ScopeRead))
	api.GET("/batches/:seq", s.batchStatus, need(issuer.ScopeRead))
	api.GET("/backup", s.backup, s.audit, need(issuer.ScopeAdmin))
	api.GET("/tokens", s.listTokens, need(issuer.ScopeAdmin))
	api.POST("/tokens", s.createToken, s.audit, need(issuer.ScopeAdmin), httpx.BodyLimit(4<<10))
	api.POST("/tokens/:name/revoke", s.revokeToken, s.audit, need(issuer.ScopeAdmin))

	// No referrer: the claim token is in the URL.
	portal := e.Group("/claim", httpx.SecurityHeaders(portalCSP, "Cache-Control", "no-store"))
	portal.GET("/:token", s.claimPage)
	portal.GET("/:token/bundle.json", s.claimBundle)
	portal.GET("/:token/qr.png", s.claimQR)
	portal.GET("/:token/certificate", s.claimCertificate)
	portal.POST("/:token/disclose", s.claimDisclose, httpx.BodyLimit(16<<10))
	// A printed certificate's link: the bundle it shows, nothing else.
	e.GET("/print/:id/:token", s.printBundle, httpx.SecurityHeaders(portalCSP, "Cache-Control", "no-store"))
	e.GET("/assets/portal.css", s.portalCSS)
	if cfg.OpenBadges != nil {
		portal.GET("/:token/openbadge.json", s.claimOpenBadge)
		didPath, err := cfg.OpenBadges.DIDDocumentPath()
		if err != nil {
			didPath = "/.well-known/did.json" // the DID was checked at issuer init
		}
		e.GET(didPath, s.didDocument)
		e.GET("/status/:list", s.statusList)
	}
	return s
}

// Handler returns the HTTP handler.
func (s *IssuerServer) Handler() http.Handler { return s.echo }

// Serve serves on ln until ctx ends, then drains the requests in flight for
// up to shutdownTimeout (httpx.Serve). A response may take 2 minutes to
// write: bulk submissions are large.
func (s *IssuerServer) Serve(ctx context.Context, ln net.Listener, shutdownTimeout time.Duration) error {
	return httpx.Serve(ctx, ln, s.echo, httpx.ServeConfig{WriteTimeout: 2 * time.Minute, ShutdownTimeout: shutdownTimeout, Logger: s.cfg.Logger})
}

// Error codes of the registrar API, by status; clients branch on these,
// never on messages.
const (
	CodeBadRequest    = httpx.CodeBadRequest
	CodeUnauthorized  = httpx.CodeUnauthorized
	CodeForbidden     = "forbidden"
	CodeNotFound      = httpx.CodeNotFound
	CodeMethodInvalid = httpx.CodeMethodInvalid
	CodeConflict      = "conflict"
	CodeNotAnchored   = "not_anchored"
	CodeRevoked       = "revoked"
	CodeTooLarge      = httpx.CodeTooLarge
	CodeInvalid       = "invalid_credential"
	CodeInternal      = httpx.CodeInternal
	CodeChain         = "chain_unavailable"
)

// errorTable is the issuer's part of the error table (httpx.Lookup): the
// service's errors, matched with errors.Is, answered with their message.
var errorTable = []struct {
	err    error
	status int
	code   string
}{
	{issuer.ErrNotFound, http.StatusNotFound, CodeNotFound},
	{issuer.ErrAlreadyRevoked, http.StatusConflict, CodeConflict},
	{issuer.ErrNotAnchored, http.StatusConflict, CodeNotAnchored},
	{issuer.ErrNoChain, http.StatusServiceUnavailable, CodeChain},
	{issuer.ErrBadToken, http.StatusBadRequest, CodeBadRequest},
}

func ownError(err error) *httpx.Error {
	for _, r := range errorTable {
		if errors.Is(err, r.err) {
			return &httpx.Error{Status: r.status, Code: r.code, Message: err.Error()}
		}
	}
	return nil
}

// statusOf is the status answered for err.
func statusOf(err error) int { return httpx.Lookup(err, ownError).Status }

// authenticate requires "Authorization: Bearer TOKEN" of a live API token,
// looked up by its SHA-256 (the store keeps only hashes).
func (s *IssuerServer) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Request().Header.Get(echo.HeaderAuthorization)
		tok, ok := strings.CutPrefix(h, "Bearer ")
		if !ok || tok == "" {
			c.Response().Header().Set("WWW-Authenticate", `Bearer realm="credseal"`)
			return httpx.Errorf(http.StatusUnauthorized, CodeUnauthorized, "missing bearer token (Authorization: Bearer …; create one with `credseal issuer token create`)")
		}
		hash := issuer.TokenHash(tok)
		t, ok, err := s.cfg.Tokens.APIToken(c.Request().Context(), hash)
		if err != nil {
			return err
		}
		if !ok {
			return httpx.Errorf(http.StatusUnauthorized, CodeUnauthorized, "unknown or revoked token")
		}
		c.Set(tokenKey, t)
		return next(c)
	}
}

// tokenKey is where authenticate leaves the request's issuer.APIToken.
const tokenKey = "token"

// need refuses a token without scope s.
func need(s issuer.Scope) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			t, _ := c.Get(tokenKey).(issuer.APIToken)
			if !t.Allows(s) {
				return httpx.Errorf(http.StatusForbidden, CodeForbidden, "this token lacks the %q scope (create one with `credseal issuer token create NAME --scope %s`)", s, s)
			}
			return next(c)
		}
	}
}

// audit logs every change made through the API, and every backup, with
// the name of the token that made it or was refused: who submitted, who
// revoked, who downloaded every seed. Bodies and claim tokens are never
// logged; the route's parameters (a credential's id, a batch number, a
// token's name) are, since they say what was done.
func (s *IssuerServer) audit(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		err := next(c)
		t, _ := c.Get(tokenKey).(issuer.APIToken)
		status := c.Response().Status
		if err != nil {
			status = statusOf(err)
		}
		attrs := []any{"token", t.Name, "method", c.Request().Method, "route", c.Path(), "status", status, "ip", c.RealIP()}
		for _, p := range c.ParamNames() {
			attrs = append(attrs, p, c.Param(p))
		}
		s.cfg.Logger.Info("audit", attrs...)
		return err
	}
}

// health reports liveness (always 200 while the server answers) and the
// pipeline's condition: "degraded", with reasons, while credentials wait
// too long, the key runs out of funds, the registry refuses the key, or the
// pipeline stopped. Alert on status; do not restart on it.
func (s *IssuerServer) health(c echo.Context) error {
	h := s.pipelineHealth(c)
	chainUp := s.cfg.ChainUp == nil || s.cfg.ChainUp()
	if !chainUp {
		h.Problems = append([]string{"the chain's endpoint does not answer"}, h.Problems...)
	}
	status := "ok"
	if len(h.Problems) > 0 {
		status = "degraded"
	} else {
		h.Problems = []string{} // [] rather than null for monitors
	}
	out := map[string]any{"status": status, "chain": chainUp, "problems": h.Problems, "lastError": h.LastError,
		"lagSeconds": int64(h.Lag.Seconds()), "replacements": h.Replacements, "reverts": h.Reverts, "reorgs": h.Reorgs}
	if h.AnchorsLeft >= 0 {
		out["anchorsLeft"] = h.AnchorsLeft
	}
	if p := h.PendingTx; p != nil {
		out["pendingTransaction"] = map[string]any{"nonce": p.Nonce, "tx": fmt.Sprintf("0x%x", p.Hashes[len(p.Hashes)-1]),
			"batches": []uint64{p.First, p.Last}, "since": p.Sent, "replacements": p.Replacements}
	}
	return c.JSON(http.StatusOK, out)
}

// pipelineHealth is the service's last health check, or a fresh one before
// the first step.
func (s *IssuerServer) pipelineHealth(c echo.Context) issuer.Health {
	h := s.cfg.Service.Health()
	if h.Checked.IsZero() {
		h = s.cfg.Service.CheckHealth(c.Request().Context())
	}
	return h
}

// metrics writes the Prometheus text exposition format.
func (s *IssuerServer) metrics(c echo.Context) error {
	counts, revoked, err := s.cfg.Service.Store().Counts(c.Request().Context())
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("# HELP credseal_credentials Credentials by pipeline state.\n# TYPE credseal_credentials gauge\n")
	for _, st := range issuer.States {
		fmt.Fprintf(&b, "credseal_credentials{state=%q} %d\n", st, counts[st])
	}
	gauge := func(name, help string, v any) {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s gauge\n%s %v\n", name, help, name, name, v)
	}
	counter := func(name, help string, v int64) {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s counter\n%s %d\n", name, help, name, name, v)
	}
	gauge("credseal_credentials_revoked", "Credentials revoked.", revoked)
	counter("credseal_http_requests_total", "HTTP requests served.", s.stats.Requests.Load())
	counter("credseal_http_errors_total", "HTTP requests that failed with a server error.", s.stats.Errors.Load())
	up := 1
	if s.cfg.ChainUp != nil && !s.cfg.ChainUp() {
		up = 0
	}
	gauge("credseal_chain_up", "Whether the chain answered the last pipeline step.", up)
	h := s.pipelineHealth(c)
	gauge("credseal_anchor_lag_seconds", "How long the oldest credential not yet anchored has waited.", int64(h.Lag.Seconds()))
	pending := 0
	if h.PendingTx != nil {
		pending = 1
	}
	gauge("credseal_pending_transactions", "Anchoring transactions sent and not yet mined.", pending)
	if h.Balance != nil {
		gauge("credseal_key_balance_wei", "The issuer key's balance.", h.Balance)
	}
	if h.AnchorsLeft >= 0 {
		gauge("credseal_key_anchors_left", "Anchoring transactions the balance pays for at current fees.", h.AnchorsLeft)
	}
	counter("credseal_tx_replacements_total", "Stuck anchoring transactions replaced with higher fees.", h.Replacements)
	counter("credseal_tx_reverts_total", "Anchoring transactions that reverted.", h.Reverts)
	counter("credseal_reorgs_total", "Anchors undone or moved by chain reorganisations.", h.Reorgs)
	degraded := 0
	if h.Degraded() || up == 0 {
		degraded = 1
	}
	gauge("credseal_degraded", "Whether /healthz reports degraded.", degraded)
	return c.Blob(http.StatusOK, "text/plain; version=0.0.4; charset=utf-8", []byte(b.String()))
}

// tokenView is a token's record for the registrar; the token is shown only
// when it is created.
type tokenView struct {
	Name    string         `json:"name"`
	Scopes  []issuer.Scope `json:"scopes"`
	Created time.Time      `json:"created"`
	Revoked bool           `json:"revoked,omitempty"`
	Token   string         `json:"token,omitempty"`
}

func (s *IssuerServer) listTokens(c echo.Context) error {
	toks, err := s.cfg.Tokens.APITokens(c.Request().Context())
	if err != nil {
		return err
	}
	out := make([]tokenView, len(toks))
	for i, t := range toks {
		out[i] = tokenView{Name: t.Name, Scopes: t.Scopes, Created: t.Created, Revoked: t.Revoked}
	}
	return c.JSON(http.StatusOK, map[string]any{"tokens": out})
}

func (s *IssuerServer) createToken(c echo.Context) error {
	var body struct {
		Name   string   `json:"name"`
		Scopes []string `json:"scopes"`
	}
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	scopes, err := issuer.ParseScopes(body.Scopes)
	if err != nil {
		return err
	}
	tok, rec, err := issuer.CreateAPIToken(c.Request().Context(), s.cfg.Tokens, body.Name, scopes, time.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, tokenView{Name: rec.Name, Scopes: rec.Scopes, Created: rec.Created, Token: tok})
}

func (s *IssuerServer) revokeToken(c echo.Context) error {
	if err := s.cfg.Tokens.RevokeAPIToken(c.Request().Context(), c.Param("name")); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"name": c.Param("name"), "revoked": true})
}

func (s *IssuerServer) backup(c echo.Context) error {
	if s.cfg.Backup == nil {
		return httpx.Errorf(http.StatusNotFound, CodeNotFound, "backup is not enabled on this server")
	}
	c.Response().Header().Set(echo.HeaderContentType, "application/octet-stream")
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="issuer.db"`)
	c.Response().WriteHeader(http.StatusOK)
	return s.cfg.Backup.Backup(c.Request().Context(), c.Response())
}
