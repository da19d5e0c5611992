package httpx_test

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/credseal/credseal/internal/httpx"
)

var errOwn = errors.New("the server's own error")

func TestErrorTable(t *testing.T) {
	var log bytes.Buffer
	stats := &httpx.Stats{}
	e := httpx.New(httpx.EchoConfig{
		Logger: slog.New(slog.NewTextHandler(&log, nil)),
		Stats:  stats,
		Errors: func(err error) *httpx.Error {
			if errors.Is(err, errOwn) {
				return &httpx.Error{Status: http.StatusConflict, Code: "own", Message: err.Error()}
			}
			return nil
		},
		ErrorPage: func(c echo.Context, status int) bool {
			if !strings.HasPrefix(c.Request().URL.Path, "/page") {
				return false
			}
			_ = c.HTML(status, "<p>sorry</p>")
			return true
		},
	})
	e.Logger.SetOutput(io.Discard) // Recover's stack trace of /panic
	e.GET("/api", func(echo.Context) error { return httpx.Errorf(http.StatusTeapot, "teapot", "short and %s", "stout") })
	e.GET("/own", func(echo.Context) error { return errOwn })
	e.GET("/busy", func(echo.Context) error { return httpx.Errorf(http.StatusServiceUnavailable, "busy", "try later") })
	e.GET("/secret", func(echo.Context) error { return errors.New("disk on fire at /srv/secret") })
	e.GET("/panic", func(echo.Context) error { panic("boom") })
	e.GET("/gone", func(echo.Context) error { return echo.ErrForbidden })
	e.GET("/page", func(echo.Context) error { return echo.ErrNotFound })
	e.POST("/small", func(c echo.Context) error { _, err := io.ReadAll(c.Request().Body); return err }, httpx.BodyLimit(4))

	for _, tc := range []struct {
		method, path, body string
		status             int
		want               string
	}{
		{"GET", "/api", "", 418, `{"error":{"code":"teapot","message":"short and stout"}}`},
		{"GET", "/own", "", 409, `{"error":{"code":"own","message":"the server's own error"}}`},
		{"GET", "/busy", "", 503, `{"error":{"code":"busy","message":"try later"}}`},
		{"GET", "/secret", "", 500, `{"error":{"code":"internal","message":"internal error"}}`},
		{"GET", "/panic", "", 500, `{"error":{"code":"internal","message":"internal error"}}`},
		{"GET", "/gone", "", 403, `{"error":{"code":"bad_request","message":"Forbidden"}}`},
		{"GET", "/nowhere", "", 404, `{"error":{"code":"not_found","message":"Not Found"}}`},
		{"POST", "/api", "", 405, `{"error":{"code":"method_not_allowed","message":"Method Not Allowed"}}`},
		{"POST", "/small", "12345", 413, `{"error":{"code":"too_large","message":"Request Entity Too Large"}}`},
		{"GET", "/page", "", 404, `<p>sorry</p>`},
	} {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, strings.NewReader(tc.body)))
		if got := strings.TrimSpace(rec.Body.String()); rec.Code != tc.status || got != tc.want {
			t.Errorf("%s %s: %d %s, want %d %s", tc.method, tc.path, rec.Code, got, tc.status, tc.want)
		}
	}
	if r, e := stats.Requests.Load(), stats.Errors.Load(); r != 10 || e != 3 {
		t.Errorf("stats: %d requests, %d errors; want 10, 3", r, e)
	}
	logged := log.String()
	if !strings.Contains(logged, "disk on fire") || !strings.Contains(logged, "boom") || strings.Contains(logged, "try later") {
		t.Errorf("want the failures logged, not the busy answer:\n%s", logged)
	}
	if !strings.Contains(logged, "msg=http method=GET route=/own status=409") {
		t.Errorf("no access log:\n%s", logged)
	}
}

func TestSecurityHeaders(t *testing.T) {
	e := httpx.New(httpx.EchoConfig{})
	e.Use(httpx.SecurityHeaders("default-src 'none'", "Permissions-Policy", "camera=(self)"))
	e.GET("/", func(c echo.Context) error { return c.String(http.StatusOK, "ok") })
	for _, path := range []string{"/", "/missing"} {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		for name, want := range map[string]string{
			"Content-Security-Policy": "default-src 'none'",
			"X-Content-Type-Options":  "nosniff",
			"Referrer-Policy":         "no-referrer",
			"Permissions-Policy":      "camera=(self)",
		} {
			if got := rec.Header().Get(name); got != want {
				t.Errorf("%s: %s: %q, want %q", path, name, got, want)
			}
		}
	}
}
