package chaintest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/credseal/credseal/pkg/chain"
)

// BehindProxy starts an embedded dev chain and returns a registry client
// that reaches it only through a Proxy, signing as the dev chain's
// developer, with opts (PollInterval defaults to 20 ms).
func BehindProxy(t testing.TB, opts chain.TxOptions) (*chain.Client, *Proxy, *chain.Signer) {
	t.Helper()
	n := StartDevchain(t, t.TempDir())
	proxy := NewProxy(t, n.Info.RPCURL)
	c, signer := DevClient(t, n, proxy.URL, opts)
	return c, proxy, signer
}

// Proxy stands between a client and a JSON-RPC endpoint on 127.0.0.1 and
// can play an outage: while down, it alternately answers 503 and resets the
// connection mid-request, as an overloaded or restarting node does.
type Proxy struct {
	URL    string // the proxy's own address, for the client
	target *url.URL
	down   atomic.Bool
	hung   atomic.Bool
	failed atomic.Int64
}

// SetHung makes the proxy accept requests and never answer them (until the
// client gives up), as an endpoint stuck behind a load balancer does.
func (p *Proxy) SetHung(hung bool) { p.hung.Store(hung) }

// NewProxy starts a proxy to target; it stops when the test ends.
func NewProxy(t testing.TB, target string) *Proxy {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	p := &Proxy{target: u}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	p.URL = srv.URL
	return p
}

// SetDown starts or ends the outage.
func (p *Proxy) SetDown(down bool) { p.down.Store(down) }

// Failed counts the requests the outage refused.
func (p *Proxy) Failed() int64 { return p.failed.Load() }

func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if p.hung.Load() {
		p.failed.Add(1)
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for p.hung.Load() {
			select {
			case <-r.Context().Done():
				return
			case <-tick.C:
			}
		}
		return // answers nothing even after the hang: the client gave up long ago
	}
	if p.down.Load() {
		if p.failed.Add(1)%2 == 0 {
			http.Error(w, "overloaded", http.StatusServiceUnavailable)
			return
		}
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
	}
	req, err := http.NewRequestWithContext(r.Context(), r.Method, p.target.String(), r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	req.Header = r.Header.Clone()
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.StatusCode)
	_, _ = io.Copy(w, resp.Body)
}
