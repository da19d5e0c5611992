package httpx

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"
)

// ServeConfig says how Serve serves.
type ServeConfig struct {
	// WriteTimeout bounds a request from the end of its header to the end
	// of its answer (0: none).
	WriteTimeout time.Duration
	// ShutdownTimeout is how long the requests in flight may take to
	// finish once the context ends (default 30 s).
	ShutdownTimeout time.Duration
	// Logger says when the shutdown starts and how it ends. Nil discards.
	Logger *slog.Logger
}

// handlerGrace is how long handlers may take to return once Serve has
// closed their connections.
const handlerGrace = 5 * time.Second

// Serve serves h on ln, with timeouts fit for the public internet, until
// ctx ends or ln fails. Then it stops accepting connections and waits up to
// cfg.ShutdownTimeout for the requests in flight; it closes the
// connections of any still running and gives their handlers, whose
// requests' contexts end with them, up to 5 s more to return. It returns
// nil once ctx ended, or ln's error.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, cfg ServeConfig) error {
	log := logger(cfg.Logger)
	if cfg.ShutdownTimeout <= 0 {
		cfg.ShutdownTimeout = 30 * time.Second
	}
	var inflight atomic.Int64 // handlers running, which may outlive a closed connection
	hs := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			inflight.Add(1)
			defer inflight.Add(-1)
			h.ServeHTTP(w, r)
		}),
		ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: cfg.WriteTimeout,
		IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 16 << 10,
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	var err error
	select {
	case <-ctx.Done():
	case err = <-served: // ln failed
	}

	log.Info("shutting down: draining requests in flight", "timeout", cfg.ShutdownTimeout)
	drain, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(drain); err != nil {
		log.Warn("requests still in flight at the shutdown timeout; closing their connections", "requests", inflight.Load(), "err", err)
		_ = hs.Close()
	}
	for grace := time.Now().Add(handlerGrace); inflight.Load() > 0 && time.Now().Before(grace); {
		time.Sleep(10 * time.Millisecond)
	}
	if n := inflight.Load(); n > 0 {
		log.Warn("handlers still running after their connections closed", "requests", n)
	} else {
		log.Info("requests drained")
	}
	if err == nil {
		err = <-served
	}
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}
