package httpx

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"
)

// Error is an API error: an HTTP status and a stable code, which clients
// branch on, and a message for people. It is answered as
// {"error": {"code": …, "message": …}}.
type Error struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (e *Error) Error() string { return e.Message }

// Errorf is an Error with a formatted message.
func Errorf(status int, code, format string, args ...any) *Error {
	return &Error{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

// The codes of echo's own errors and of errors not in any table; each
// server adds its own codes.
const (
	CodeBadRequest    = "bad_request"        // 400, and any other of echo's own errors under 500
	CodeUnauthorized  = "unauthorized"       // 401
	CodeNotFound      = "not_found"          // 404
	CodeMethodInvalid = "method_not_allowed" // 405
	CodeTooLarge      = "too_large"          // 413
	CodeInternal      = "internal"           // 500: anything not in the table, logged, not described
)

// echoCodes are the codes of echo's own errors (routing, body limits,
// middleware) by their status.
var echoCodes = map[int]string{
	http.StatusUnauthorized:          CodeUnauthorized,
	http.StatusNotFound:              CodeNotFound,
	http.StatusMethodNotAllowed:      CodeMethodInvalid,
	http.StatusRequestEntityTooLarge: CodeTooLarge,
}

// Lookup is the error table: the Error answered for err. An *Error is its
// own answer; then own, the server's table of its own errors (nil for
// none), answers unless it returns nil; then echo's errors get their
// status, with a code by echoCodes (CodeInternal from 500 on); anything
// else is 500 CodeInternal.
func Lookup(err error, own func(error) *Error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	if own != nil {
		if e := own(err); e != nil {
			return e
		}
	}
	var he *echo.HTTPError
	switch {
	case errors.As(err, &he) && he.Code >= 500:
		return &Error{Status: he.Code, Code: CodeInternal, Message: "internal error"}
	case errors.As(err, &he):
		code, ok := echoCodes[he.Code]
		if !ok {
			code = CodeBadRequest
		}
		return &Error{Status: he.Code, Code: code, Message: fmt.Sprint(he.Message)}
	}
	return &Error{Status: http.StatusInternalServerError, Code: CodeInternal, Message: "internal error"}
}

// errorHandler is echo's HTTPErrorHandler for a server set up by New.
func errorHandler(cfg EchoConfig) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		e := Lookup(err, cfg.Errors)
		if e.Status >= 500 {
			if cfg.Stats != nil {
				cfg.Stats.Errors.Add(1)
			}
			var own *Error
			if !errors.As(err, &own) { // a handler's own Error (busy, say) is an answer, not a failure
				cfg.Logger.Error("request failed", "route", c.Path(), "err", err)
			}
			if e.Code == CodeInternal {
				e = &Error{Status: e.Status, Code: CodeInternal, Message: "internal error"}
			}
		}
		if cfg.ErrorPage != nil && cfg.ErrorPage(c, e.Status) {
			return
		}
		_ = c.JSON(e.Status, map[string]*Error{"error": e})
	}
}

// logger is cfg.Logger, or one that discards.
func logger(l *slog.Logger) *slog.Logger {
	if l == nil {
		return slog.New(slog.DiscardHandler)
	}
	return l
}
