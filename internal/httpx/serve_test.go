package httpx_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/credseal/credseal/internal/httpx"
)

// serving runs Serve on 127.0.0.1 with h, logging to log; cancel starts
// the shutdown, and stopped waits for Serve to return nil. Read log only
// once stopped has returned.
func serving(t *testing.T, h http.Handler, timeout time.Duration, log *bytes.Buffer) (addr string, cancel func(), stopped func()) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	done := make(chan error, 1)
	cfg := httpx.ServeConfig{ShutdownTimeout: timeout, Logger: slog.New(slog.NewTextHandler(log, nil))}
	go func() { done <- httpx.Serve(ctx, ln, h, cfg) }()
	stopped = func() {
		t.Helper()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("Serve: %v", err)
			}
		case <-time.After(timeout + 5*time.Second):
			t.Fatal("Serve did not return")
		}
	}
	return ln.Addr().String(), cancel, stopped
}

func TestServeDrainsRequestsInFlight(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
		io.WriteString(w, "finished")
	})
	var log bytes.Buffer
	addr, cancel, stopped := serving(t, h, 10*time.Second, &log)
	type answer struct {
		body string
		err  error
	}
	answered := make(chan answer, 1)
	go func() {
		resp, err := http.Get("http://" + addr + "/")
		if err != nil {
			answered <- answer{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		answered <- answer{string(b), err}
	}()
	<-started
	cancel()

	// New connections are refused while the request is in flight.
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		conn, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			break
		}
		conn.Close()
		if time.Now().After(deadline) {
			t.Fatal("still accepting connections 5 s after the context ended")
		}
	}
	time.Sleep(100 * time.Millisecond) // Serve waits for the request
	close(release)
	if a := <-answered; a.err != nil || a.body != "finished" {
		t.Fatalf("the request in flight: %q, %v", a.body, a.err)
	}
	stopped()
	if !strings.Contains(log.String(), "shutting down") || !strings.Contains(log.String(), "requests drained") {
		t.Fatalf("log:\n%s", log.String())
	}
}

func TestServeCutsOffRequestsAtTheTimeout(t *testing.T) {
	started := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-r.Context().Done() // ends when Serve closes the connection
	})
	var log bytes.Buffer
	addr, cancel, stopped := serving(t, h, 200*time.Millisecond, &log)
	failed := make(chan error, 1)
	go func() {
		resp, err := http.Get("http://" + addr + "/")
		if err == nil {
			resp.Body.Close()
		}
		failed <- err
	}()
	<-started
	cancel()
	stopped()
	if err := <-failed; err == nil {
		t.Fatal("the request that outlasted the timeout was answered")
	}
	if !strings.Contains(log.String(), "closing their connections") {
		t.Fatalf("log:\n%s", log.String())
	}
}

func TestServeReturnsTheListenersError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln.Close()
	err = httpx.Serve(context.Background(), ln, http.NotFoundHandler(), httpx.ServeConfig{})
	if err == nil || errors.Is(err, http.ErrServerClosed) {
		t.Fatalf("Serve on a closed listener: %v", err)
	}
}
