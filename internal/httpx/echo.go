package httpx

import (
	"log/slog"
	"net"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// EchoConfig sets up a server's echo.
type EchoConfig struct {
	// Logger takes the access log ("http": method, route, status, latency,
	// client address, bytes in; never the URI or the body) and the errors
	// of 500 or more ("request failed"). Nil discards.
	Logger *slog.Logger
	// TrustedProxies: see ClientIP.
	TrustedProxies []*net.IPNet
	// Errors is the server's table of its own errors, for Lookup.
	Errors func(error) *Error
	// ErrorPage, when set, may answer an error itself (an HTML page, say)
	// and return true; otherwise errors are answered as JSON.
	ErrorPage func(c echo.Context, status int) bool
	// Stats, when set, counts the requests and the answers of 500 or more.
	Stats *Stats
}

// Stats counts requests, and the answers of 500 or more among them.
type Stats struct {
	Requests, Errors atomic.Int64
}

// New returns an echo without banner, which takes the client's address from
// ClientIP, recovers from panics in handlers, counts in cfg.Stats, logs
// each request, and answers errors by Lookup.
func New(cfg EchoConfig) *echo.Echo {
	cfg.Logger = logger(cfg.Logger)
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.IPExtractor = ClientIP(cfg.TrustedProxies)
	e.HTTPErrorHandler = errorHandler(cfg)
	e.Use(middleware.Recover())
	if st := cfg.Stats; st != nil {
		e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
			return func(c echo.Context) error {
				st.Requests.Add(1)
				return next(c)
			}
		})
	}
	e.Use(accessLog(cfg.Logger, cfg.Errors))
	return e
}

// accessLog logs each request with its route, never its URI (claim tokens
// and ids stay out of logs), nor its body. The status is the response's or,
// for a handler's error (answered after this middleware returns), the one
// the error handler will send: own is the server's table, as for Lookup.
// (echo's RequestLogger logs the same, but writes a global whenever it is
// set up: a race with a server already serving.)
func accessLog(log *slog.Logger, own func(error) *Error) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			latency := time.Since(start)
			status := c.Response().Status
			if err != nil && !c.Response().Committed {
				status = Lookup(err, own).Status
			}
			req := c.Request()
			log.Info("http", "method", req.Method, "route", c.Path(), "status", status, "latency", latency,
				"ip", c.RealIP(), "bytes_in", req.Header.Get(echo.HeaderContentLength))
			return err
		}
	}
}

// SecurityHeaders sets Content-Security-Policy to csp, X-Content-Type-Options
// to nosniff, Referrer-Policy to no-referrer, and then the extra headers,
// given as name, value pairs, on every response.
func SecurityHeaders(csp string, extra ...string) echo.MiddlewareFunc {
	if len(extra)%2 != 0 {
		panic("httpx.SecurityHeaders: a header without a value")
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Response().Header()
			h.Set("Content-Security-Policy", csp)
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("Referrer-Policy", "no-referrer")
			for i := 0; i < len(extra); i += 2 {
				h.Set(extra[i], extra[i+1])
			}
			return next(c)
		}
	}
}

// BodyLimit refuses a request body over n bytes: 413, CodeTooLarge by
// Lookup's table.
func BodyLimit(n int64) echo.MiddlewareFunc {
	return middleware.BodyLimit(strconv.FormatInt(n, 10))
}
