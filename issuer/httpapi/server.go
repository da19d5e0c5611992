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
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/pkg/httpx"
)

// TokenStore keeps registrar API tokens by their hash.
type TokenStore interface {
	APIToken(ctx context.Context, hash [32]byte) (issuer.APIToken, bool, error)
	PutAPIToken(ctx context.Context, hash [32]byte, t issuer.APIToken) error
	RevokeAPIToken(ctx context.Context, name string) error
	APITokens(ctx context.Context) ([]issuer.APIToken, error)
}

// Who may read /metrics.
const (
	MetricsPublic = "public" // anyone
	MetricsToken  = "token"  // a token with the read scope
	MetricsOff    = "off"    // nobody: 404
)

// Backuper writes a consistent copy of the issuer's database.
type Backuper interface {
	Backup(w io.Writer) error
}

// Config wires the server.
type Config struct {
	Service *issuer.Service
	Tokens  TokenStore
	Backup  Backuper // optional: GET /api/v1/backup
	Profile issuer.Profile
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

// Server is the issuer's HTTP server.
type Server struct {
	cfg      Config
	echo     *echo.Echo
	requests atomic.Int64
	errors   atomic.Int64
}

// New builds the server; serve it with Handler.
func New(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.Metrics == "" {
		cfg.Metrics = MetricsToken
	}
	s := &Server{cfg: cfg, echo: echo.New()}
	e := s.echo
	e.HideBanner, e.HidePort = true, true
	e.IPExtractor = httpx.ClientIP(cfg.TrustedProxies)
	e.HTTPErrorHandler = s.handleError
	e.Use(middleware.Recover())
	e.Use(s.count)
	e.Use(middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogStatus: true, LogMethod: true, LogRoutePath: true, LogLatency: true, LogRemoteIP: true, LogError: true,
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			// The route, never the URI: claim tokens and ids stay out of logs.
			cfg.Logger.Info("http", "method", v.Method, "route", v.RoutePath, "status", v.Status,
				"latency", v.Latency, "ip", v.RemoteIP)
			return nil
		},
	}))
	e.GET("/healthz", s.health)
	switch cfg.Metrics {
	case MetricsPublic:
		e.GET("/metrics", s.metrics)
	case MetricsToken:
		e.GET("/metrics", s.metrics, s.authenticate, need(issuer.ScopeRead))
	}

	api := e.Group("/api/v1", s.authenticate)
	api.POST("/credentials", s.submitOne, s.audit, need(issuer.ScopeIssue), middleware.BodyLimit(fmt.Sprint(maxSingleBody)))
	api.POST("/credentials/bulk", s.submitBulk, s.audit, need(issuer.ScopeIssue), middleware.BodyLimit(fmt.Sprint(maxBulkBody)))
	api.GET("/credentials/:id", s.credentialStatus, need(issuer.ScopeRead))
	api.POST("/credentials/:id/revoke", s.revoke, s.audit, need(issuer.ScopeRevoke), middleware.BodyLimit("4K"))
	api.GET("/batches", s.listBatches, need(issuer.ScopeRead))
	api.GET("/batches/:seq", s.batchStatus, need(issuer.ScopeRead))
	api.GET("/backup", s.backup, s.audit, need(issuer.ScopeAdmin))
	api.GET("/tokens", s.listTokens, need(issuer.ScopeAdmin))
	api.POST("/tokens", s.createToken, s.audit, need(issuer.ScopeAdmin), middleware.BodyLimit("4K"))
	api.POST("/tokens/:name/revoke", s.revokeToken, s.audit, need(issuer.ScopeAdmin))

	portal := e.Group("/claim", s.portalHeaders)
	portal.GET("/:token", s.claimPage)
	portal.GET("/:token/bundle.json", s.claimBundle)
	portal.GET("/:token/qr.png", s.claimQR)
	portal.GET("/:token/certificate", s.claimCertificate)
	portal.POST("/:token/disclose", s.claimDisclose, middleware.BodyLimit("16K"))
	e.GET("/assets/portal.css", s.portalCSS)
	return s
}

// Handler returns the HTTP handler.
func (s *Server) Handler() http.Handler { return s.echo }

// NewHTTPServer wraps the handler with timeouts fit for the public internet.
func (s *Server) NewHTTPServer(addr string) *http.Server {
	return &http.Server{Addr: addr, Handler: s.echo, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 16 << 10}
}

// Error codes of the registrar API; clients branch on these, never on messages.
const (
	CodeBadRequest    = "bad_request"
	CodeInvalid       = "invalid_credential"
	CodeUnauthorized  = "unauthorized"
	CodeForbidden     = "forbidden"
	CodeNotFound      = "not_found"
	CodeTooLarge      = "too_large"
	CodeConflict      = "conflict"
	CodeNotAnchored   = "not_anchored"
	CodeRevoked       = "revoked"
	CodeChain         = "chain_unavailable"
	CodeInternal      = "internal"
	CodeMethodInvalid = "method_not_allowed"
)

// apiError is an error with its HTTP status and stable code.
type apiError struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (e *apiError) Error() string { return e.Message }

func fail(status int, code, format string, args ...any) error {
	return &apiError{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

// statusOf maps errors to statuses: the one table of the HTTP layer.
func statusOf(err error) *apiError {
	var ae *apiError
	var he *echo.HTTPError
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.Is(err, issuer.ErrNotFound):
		return &apiError{http.StatusNotFound, CodeNotFound, err.Error()}
	case errors.Is(err, issuer.ErrAlreadyRevoked):
		return &apiError{http.StatusConflict, CodeConflict, err.Error()}
	case errors.Is(err, issuer.ErrNotAnchored):
		return &apiError{http.StatusConflict, CodeNotAnchored, err.Error()}
	case errors.Is(err, issuer.ErrNoChain):
		return &apiError{http.StatusServiceUnavailable, CodeChain, err.Error()}
	case errors.Is(err, issuer.ErrBadToken):
		return &apiError{http.StatusBadRequest, CodeBadRequest, err.Error()}
	case errors.As(err, &he):
		code := CodeBadRequest
		switch he.Code {
		case http.StatusRequestEntityTooLarge:
			code = CodeTooLarge
		case http.StatusNotFound:
			code = CodeNotFound
		case http.StatusMethodNotAllowed:
			code = CodeMethodInvalid
		case http.StatusUnauthorized:
			code = CodeUnauthorized
		}
		return &apiError{he.Code, code, fmt.Sprint(he.Message)}
	}
	return &apiError{http.StatusInternalServerError, CodeInternal, "internal error"}
}

func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	ae := statusOf(err)
	if ae.Status >= 500 {
		s.errors.Add(1)
		s.cfg.Logger.Error("request failed", "route", c.Path(), "err", err)
		if ae.Code == CodeInternal {
			ae.Message = "internal error"
		}
	}
	if strings.HasPrefix(c.Request().URL.Path, "/claim") || c.Request().URL.Path == "/" {
		s.errorPage(c, ae.Status)
		return
	}
	_ = c.JSON(ae.Status, map[string]*apiError{"error": ae})
}

func (s *Server) count(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		s.requests.Add(1)
		return next(c)
	}
}

// authenticate requires "Authorization: Bearer TOKEN" of a live API token,
// looked up by its SHA-256 (the store keeps only hashes).
func (s *Server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Request().Header.Get(echo.HeaderAuthorization)
		tok, ok := strings.CutPrefix(h, "Bearer ")
		if !ok || tok == "" {
			c.Response().Header().Set("WWW-Authenticate", `Bearer realm="credseal"`)
			return fail(http.StatusUnauthorized, CodeUnauthorized, "missing bearer token (Authorization: Bearer …; create one with `credseal issuer token create`)")
		}
		hash := issuer.TokenHash(tok)
		t, ok, err := s.cfg.Tokens.APIToken(c.Request().Context(), hash)
		if err != nil {
			return err
		}
		if !ok {
			return fail(http.StatusUnauthorized, CodeUnauthorized, "unknown or revoked token")
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
				return fail(http.StatusForbidden, CodeForbidden, "this token lacks the %q scope (create one with `credseal issuer token create NAME --scope %s`)", s, s)
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
func (s *Server) audit(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		err := next(c)
		t, _ := c.Get(tokenKey).(issuer.APIToken)
		status := c.Response().Status
		if err != nil {
			status = statusOf(err).Status
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
func (s *Server) health(c echo.Context) error {
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
func (s *Server) pipelineHealth(c echo.Context) issuer.Health {
	h := s.cfg.Service.Health()
	if h.Checked.IsZero() {
		h = s.cfg.Service.CheckHealth(c.Request().Context())
	}
	return h
}

// metrics writes the Prometheus text exposition format.
func (s *Server) metrics(c echo.Context) error {
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
	counter("credseal_http_requests_total", "HTTP requests served.", s.requests.Load())
	counter("credseal_http_errors_total", "HTTP requests that failed with a server error.", s.errors.Load())
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

func (s *Server) listTokens(c echo.Context) error {
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

func (s *Server) createToken(c echo.Context) error {
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

func (s *Server) revokeToken(c echo.Context) error {
	if err := s.cfg.Tokens.RevokeAPIToken(c.Request().Context(), c.Param("name")); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"name": c.Param("name"), "revoked": true})
}

func (s *Server) backup(c echo.Context) error {
	if s.cfg.Backup == nil {
		return fail(http.StatusNotFound, CodeNotFound, "backup is not enabled on this server")
	}
	c.Response().Header().Set(echo.HeaderContentType, "application/octet-stream")
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="issuer.db"`)
	c.Response().WriteHeader(http.StatusOK)
	return s.cfg.Backup.Backup(c.Response())
}
